//! DL3065: `FROM --platform=$TARGETPLATFORM`, which is the default.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::{TextRange, TextSize};

declare_rule! {
    /// Flags `FROM --platform=$TARGETPLATFORM`, which only restates the default.
    ///
    /// ## What it does
    /// Reports the `--platform` flag of a `FROM` when its value is exactly `$TARGETPLATFORM`
    /// or `${TARGETPLATFORM}`.
    ///
    /// ## Why is this bad?
    /// A stage is built for the target platform unless told otherwise, so the flag changes
    /// nothing. It adds noise, and readers may look for a reason that does not exist.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the flag. It is safe: the stage is built for the target platform
    /// either way.
    ///
    /// ## Differences from hadolint
    /// A quoted value (`--platform="$TARGETPLATFORM"`) is the same value and is reported;
    /// hadolint compares the text as written. BuildKit's `RedundantTargetPlatform` check
    /// reports the same problem and also `${TARGETPLATFORM:-default}`, which this rule keeps
    /// silent as hadolint does.
    ///
    /// ## Overlaps
    /// BuildKit's `RedundantTargetPlatform` check (RL2013) reports the same problem. This rule is
    /// on by default and RL2013 is off, so each problem is reported once; select RL2013 to get
    /// BuildKit's exact wording and scope instead.
    ///
    /// ## References
    /// - [Build checks: RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub PlatformFlagRedundant {
        code: "DL3065",
        name: "platform-flag-redundant",
        category: BaseImage,
        severity: Warning,
        fix: Safe,
        source: Hadolint("DL3065"),
        locality: Instruction,
    }
}

impl PlatformFlagRedundant {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Instruction::From(from) = &ctx.model.instructions[idx] else {
            return;
        };
        let Some(flag) = from.platform() else {
            return;
        };
        let Some(value) = flag.value(ctx.model.escape) else {
            return;
        };
        if value != "$TARGETPLATFORM" && value != "${TARGETPLATFORM}" {
            return;
        }
        let range = flag.syntax().text_range();
        // Remove the flag with the blanks after it, so the next word takes its place.
        let after = &ctx.model.text()[usize::from(range.end())..];
        let n_blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
        let removal = TextRange::new(range.start(), range.end() + TextSize::from(n_blanks as u32));
        ctx.report(
            range,
            "`--platform=$TARGETPLATFORM` is the default: remove the flag",
        )
        .with_fix(Fix::safe(
            "Remove the `--platform` flag",
            vec![Edit::delete(removal)],
        ));
    }
}

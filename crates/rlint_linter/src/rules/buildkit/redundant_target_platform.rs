//! RL2013 (BuildKit `RedundantTargetPlatform`): `FROM --platform=$TARGETPLATFORM`.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::model::{expand_with, TARGET_PLATFORM};
use crate::rule::Context;
use rlint_syntax::ast::AstNode;
use rlint_syntax::{SyntaxKind, TextRange};

declare_rule! {
    /// Flags `FROM --platform=$TARGETPLATFORM`, which is the default anyway.
    ///
    /// ## What it does
    /// Reports a `FROM --platform` whose value uses only the `TARGETPLATFORM` variable and
    /// expands to it (`$TARGETPLATFORM`, `${TARGETPLATFORM}`, `${TARGETPLATFORM:-linux/amd64}`).
    ///
    /// ## Why is this bad?
    /// A stage is built for the target platform unless told otherwise, so the flag adds
    /// nothing and suggests a cross-platform intent that is not there.
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
    /// The fix removes the flag; the stage is built for the same platform, so it is safe.
    ///
    /// ## Overlaps
    /// hadolint's DL3065 (`platform-flag-redundant`) reports the same flag and is on by default;
    /// this rule is off by default and exists for BuildKit parity (select `RL2013` or
    /// `RedundantTargetPlatform`). It also recognises `${TARGETPLATFORM:-…}` and quoted forms.
    ///
    /// ## References
    /// - [BuildKit check RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    pub RedundantTargetPlatform {
        code: "RL2013",
        name: "redundant-target-platform",
        category: BaseImage,
        severity: Off,
        fix: Safe,
        source: Buildkit("RedundantTargetPlatform"),
        aliases: ["RedundantTargetPlatform"],
        locality: Stage,
    }
}

impl RedundantTargetPlatform {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let env = model.from_env();
        let stage = &model.stages[stage];
        let Some(flag) = stage.from.platform() else {
            return;
        };
        let Some(raw) = flag.raw_value() else {
            return;
        };
        let Some(expansion) = expand_with(&raw.text, env, model.escape) else {
            return;
        };
        let only_target = expansion.matched.len() == 1
            && expansion.matched[0] == "TARGETPLATFORM"
            && expansion.unmatched.is_empty();
        if !only_target || expansion.value != TARGET_PLATFORM {
            return;
        }
        let range = flag.syntax().text_range();
        let mut delete = range;
        if let Some(next) = flag.syntax().next_sibling_or_token() {
            if next.kind() == SyntaxKind::WHITESPACE {
                delete = TextRange::new(range.start(), next.text_range().end());
            }
        }
        ctx.report(
            range,
            format!(
                "`--platform={}` is the default platform: remove the flag",
                raw.text
            ),
        )
        .with_fix(Fix::safe("Remove the flag", vec![Edit::delete(delete)]));
    }
}

//! DL3029: FROM --platform with a constant value.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags `FROM --platform` with a value that is not `$BUILDPLATFORM` or `$TARGETPLATFORM`.
    ///
    /// ## What it does
    /// Reports the `--platform` value of a `FROM` when it does not mention `BUILDPLATFORM` or
    /// `TARGETPLATFORM` (`--platform=linux/amd64`, `--platform=$MY_PLATFORM`).
    ///
    /// ## Why is this bad?
    /// A fixed platform overrides what the person building asked for with
    /// `docker build --platform`: a multi-platform build then produces the same architecture
    /// for every target, and on another machine the image runs under emulation or not at all.
    /// Use `$BUILDPLATFORM` for stages that run build tools and `$TARGETPLATFORM` (or no flag)
    /// for stages that end up in the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 golang:1.23
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.23
    /// ```
    ///
    /// ## Differences from hadolint
    /// None intended: like hadolint, a value that only mentions another variable is reported,
    /// since its value is a constant of the build rather than the requested platform.
    /// BuildKit's `FromPlatformFlagConstDisallowed` check reports only values without any
    /// variable.
    ///
    /// ## Overlaps
    /// BuildKit's `FromPlatformFlagConstDisallowed` check (RL2016) reports the same problem. This
    /// rule is on by default and RL2016 is off, so each problem is reported once; select RL2016 to
    /// get BuildKit's exact wording and scope instead.
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    pub FromPlatformConstant {
        code: "DL3029",
        name: "from-platform-constant",
        category: BaseImage,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3029"),
        locality: Instruction,
    }
}

impl FromPlatformConstant {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Instruction::From(from) = &ctx.model.instructions[idx] else {
            return;
        };
        let Some(flag) = from.platform() else {
            return;
        };
        let (Some(value), Some(range)) = (flag.value(ctx.model.escape), flag.value_range()) else {
            return;
        };
        if value.is_empty() || value.contains("BUILDPLATFORM") || value.contains("TARGETPLATFORM") {
            return;
        }
        ctx.report(
            range,
            format!(
                "`--platform={value}` pins the platform: use `$BUILDPLATFORM` or `$TARGETPLATFORM`"
            ),
        );
    }
}

//! DL3061: instructions other than ARG before the first FROM.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags an instruction other than `ARG` before the first `FROM`.
    ///
    /// ## What it does
    /// Reports every instruction that comes before the first `FROM` and is not an `ARG`.
    /// Comments and parser directives are not instructions and are fine. In a file without
    /// any `FROM`, every instruction is reported.
    ///
    /// ## Why is this bad?
    /// A Dockerfile must start with `FROM`; only `ARG` may precede it, to parameterise the
    /// base image. Anything else before the first `FROM` makes the build fail.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL org.opencontainers.image.title="app"
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG ALPINE_VERSION=3.20
    /// FROM alpine:${ALPINE_VERSION}
    /// LABEL org.opencontainers.image.title="app"
    /// ```
    ///
    /// ## Differences from hadolint
    /// Unknown instructions (a typo such as `RUNN`) are left to `unknown-instruction` (RL1001)
    /// instead of being reported here too. A file without any `FROM` also gets `no-from`
    /// (RL1013), once for the file; this rule keeps hadolint's one finding per instruction.
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - [Dockerfile reference: understand how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    pub InstructionBeforeFrom {
        code: "DL3061",
        name: "instruction-before-from",
        category: Correctness,
        severity: Error,
        fix: None,
        source: Hadolint("DL3061"),
    }
}

impl InstructionBeforeFrom {
    fn run(ctx: &mut Context<'_>) {
        for (instruction, stage) in ctx.model.instructions.iter().zip(&ctx.model.stage_of) {
            if stage.is_some()
                || matches!(
                    instruction,
                    Instruction::Arg(_) | Instruction::From(_) | Instruction::Unknown(_)
                )
            {
                continue;
            }
            let keyword = instruction.keyword_text().to_uppercase();
            ctx.report(
                instruction.keyword_range(),
                format!("{keyword} before the first FROM: only ARG may come before FROM"),
            );
        }
    }
}

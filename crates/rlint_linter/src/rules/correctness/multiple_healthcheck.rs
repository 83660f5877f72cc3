//! DL3012: more than one HEALTHCHECK in a stage.

use super::multiple_cmd::report_repeated;
use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags a second `HEALTHCHECK` in the same stage.
    ///
    /// ## What it does
    /// Reports every `HEALTHCHECK` of a stage after the first one; `HEALTHCHECK NONE` counts
    /// too. `ONBUILD HEALTHCHECK` is not counted.
    ///
    /// ## Why is this bad?
    /// An image has one health check: only the last `HEALTHCHECK` of a stage takes effect. The
    /// earlier ones never run, and a reader may believe they do.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
    /// HEALTHCHECK --interval=5m CMD ["curl", "-f", "http://localhost/health"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK --interval=5m CMD ["curl", "-f", "http://localhost/health"]
    /// ```
    ///
    /// ## Overlaps
    /// BuildKit's `MultipleInstructionsDisallowed` check (RL2011) reports the same problem. This
    /// rule is on by default and RL2011 is off, so each problem is reported once; select RL2011 to
    /// get BuildKit's exact wording and scope instead.
    ///
    /// ## References
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub MultipleHealthcheck {
        code: "DL3012",
        name: "multiple-healthcheck",
        category: Correctness,
        severity: Error,
        fix: None,
        source: Hadolint("DL3012"),
        locality: Stage,
    }
}

impl MultipleHealthcheck {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        report_repeated(
            ctx,
            stage,
            |i| matches!(i, Instruction::Healthcheck(_)),
            "HEALTHCHECK",
        );
    }
}

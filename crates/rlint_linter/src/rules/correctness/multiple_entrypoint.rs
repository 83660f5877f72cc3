//! DL4004: more than one ENTRYPOINT in a stage.

use super::multiple_cmd::report_repeated;
use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags a second `ENTRYPOINT` in the same stage.
    ///
    /// ## What it does
    /// Reports every `ENTRYPOINT` of a stage after the first one. `ONBUILD ENTRYPOINT` is not counted.
    ///
    /// ## Why is this bad?
    /// Only the last `ENTRYPOINT` of a stage takes effect; the earlier ones are dead code that
    /// misleads readers about what the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENTRYPOINT ["python", "-m", "http.server"]
    /// ENTRYPOINT ["python", "app.py"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENTRYPOINT ["python", "app.py"]
    /// ```
    ///
    /// ## Overlaps
    /// BuildKit's `MultipleInstructionsDisallowed` check (RL2011) reports the same problem. This
    /// rule is on by default and RL2011 is off, so each problem is reported once; select RL2011 to
    /// get BuildKit's exact wording and scope instead.
    ///
    /// ## References
    /// - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    pub MultipleEntrypoint {
        code: "DL4004",
        name: "multiple-entrypoint",
        category: Correctness,
        severity: Error,
        fix: None,
        source: Hadolint("DL4004"),
        locality: Stage,
    }
}

impl MultipleEntrypoint {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        report_repeated(
            ctx,
            stage,
            |i| matches!(i, Instruction::Entrypoint(_)),
            "ENTRYPOINT",
        );
    }
}

//! RL2011 (BuildKit `MultipleInstructionsDisallowed`): several CMD, ENTRYPOINT or HEALTHCHECK
//! in one stage.

use crate::declare_rule;
use crate::rule::Context;
use crate::rules::buildkit::common::attached_comments;
use crate::suppression::check_skip_names;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later one in the same stage replaces.
    ///
    /// ## What it does
    /// Reports every `CMD`, `ENTRYPOINT` and `HEALTHCHECK` (including `HEALTHCHECK NONE`)
    /// followed by another of the same kind in the same stage. Only the last one takes effect.
    ///
    /// ## Why is this bad?
    /// The earlier instruction is dead code, and whoever reads it may believe it is what the
    /// container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "manage.py", "migrate"]
    /// CMD ["python", "manage.py", "runserver"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "manage.py", "runserver"]
    /// ```
    ///
    /// ## Overlaps
    /// hadolint's DL4003 (CMD), DL4004 (ENTRYPOINT) and DL3012 (HEALTHCHECK) report the same
    /// problem, on the later instruction, and are on by default; this rule is off by default and
    /// exists for BuildKit parity (select `RL2011` or `MultipleInstructionsDisallowed`). As in
    /// BuildKit, the finding is on the earlier instruction, and a `# check=skip=` comment above the
    /// later one silences it.
    ///
    /// ## References
    /// - [BuildKit check MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
    pub MultipleInstructionsDisallowed {
        code: "RL2011",
        name: "multiple-instructions-disallowed",
        category: Correctness,
        severity: Off,
        fix: None,
        source: Buildkit("MultipleInstructionsDisallowed"),
        aliases: ["MultipleInstructionsDisallowed"],
    }
}

impl MultipleInstructionsDisallowed {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        let comments = attached_comments(model);
        let skipped_above = |idx: usize| {
            comments[idx].iter().any(|c| {
                c.strip_prefix("check=").is_some_and(|value| {
                    check_skip_names(value)
                        .iter()
                        .any(|n| n == "all" || n == "MultipleInstructionsDisallowed")
                })
            })
        };
        for stage in &model.stages {
            for kind in ["CMD", "ENTRYPOINT", "HEALTHCHECK"] {
                let found: Vec<usize> = stage
                    .body
                    .clone()
                    .filter(|&i| {
                        matches!(
                            (&model.instructions[i], kind),
                            (Instruction::Cmd(_), "CMD")
                                | (Instruction::Entrypoint(_), "ENTRYPOINT")
                                | (Instruction::Healthcheck(_), "HEALTHCHECK")
                        )
                    })
                    .collect();
                for pair in found.windows(2) {
                    if skipped_above(pair[1]) {
                        continue;
                    }
                    let later = model.instructions[pair[1]].keyword_range();
                    ctx.report(
                        model.instructions[pair[0]].keyword_range(),
                        format!("a later {kind} in this stage replaces this one: keep only one"),
                    )
                    .with_related(later, "replaced by this one");
                }
            }
        }
    }
}

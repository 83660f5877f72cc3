//! RL5005: build steps after the image's CMD or ENTRYPOINT.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags a `CMD` or `ENTRYPOINT` of the final stage that is followed by `RUN`, `COPY` or
    /// `ADD`.
    ///
    /// ## What it does
    /// In the final stage, reports the first `CMD` or `ENTRYPOINT` after which the stage still
    /// runs `RUN`, `COPY` or `ADD` steps.
    ///
    /// ## Why is this bad?
    /// `CMD` and `ENTRYPOINT` only record configuration; the build goes on and the later steps
    /// still change the filesystem, so the Dockerfile is valid. But the command the container
    /// runs is the image's contract with its users, and readers look for it at the end of the
    /// file. In the middle of the build steps it is easy to miss, and easy to contradict: a
    /// later step can move or replace the program the `CMD` names without anyone noticing.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "/app/main.py"]
    /// COPY main.py /app/main.py
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY main.py /app/main.py
    /// CMD ["python", "/app/main.py"]
    /// ```
    ///
    /// ## Known problems
    /// Only the final stage is checked; stages built with `--target` are not.
    ///
    /// ## References
    /// - [Dockerfile reference: CMD](https://docs.docker.com/reference/dockerfile/#cmd)
    pub InstructionAfterEntrypoint {
        code: "RL5005",
        name: "instruction-after-entrypoint",
        category: Correctness,
        severity: Style,
        fix: None,
        source: Rlint,
    }
}

impl InstructionAfterEntrypoint {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        let Some(stage) = model.final_stage() else {
            return;
        };
        let mut contract: Option<usize> = None;
        for idx in stage.body.clone() {
            match &model.instructions[idx] {
                Instruction::Cmd(_) | Instruction::Entrypoint(_) => {
                    contract.get_or_insert(idx);
                }
                step @ (Instruction::Run(_) | Instruction::Copy(_) | Instruction::Add(_)) => {
                    let Some(contract_idx) = contract else {
                        continue;
                    };
                    let instruction = &model.instructions[contract_idx];
                    let keyword = instruction.keyword_text().to_uppercase();
                    let step_keyword = step.keyword_text().to_uppercase();
                    let line = model.line_of(step.keyword_range().start());
                    ctx.report(
                        instruction.keyword_range(),
                        format!(
                            "{keyword} is followed by {step_keyword} on line {line}: move {keyword} after the build steps, to the end of the stage"
                        ),
                    )
                    .with_related(step.keyword_range(), "build step after the image's command");
                    return;
                }
                _ => {}
            }
        }
    }
}

//! RL5002: image settings in a stage that only feeds files to other stages.

use crate::declare_rule;
use crate::model::{Base, Model};
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags `CMD`, `ENTRYPOINT`, `EXPOSE`, `HEALTHCHECK`, `VOLUME` and `STOPSIGNAL` in a
    /// stage that only serves as a source of files for the final image.
    ///
    /// ## What it does
    /// Reports these instructions in a stage that the final stage needs only through
    /// `COPY --from` or `RUN --mount=from=` and that is neither the final stage nor one of the
    /// stages it is built `FROM`.
    ///
    /// ## Why is this bad?
    /// These instructions only write the image configuration (default command, exposed ports,
    /// health check, volumes, stop signal). `COPY --from` copies files out of a stage's
    /// filesystem and never its configuration, so in a stage that is only copied from they
    /// have no effect on the built image. They usually mean a setting was meant for the final
    /// stage and got left behind.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /app .
    /// EXPOSE 8080
    ///
    /// FROM gcr.io/distroless/static
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /app .
    ///
    /// FROM gcr.io/distroless/static
    /// COPY --from=build /app /app
    /// EXPOSE 8080
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Known problems
    /// A stage that nothing in the final image needs is not reported: it may be built on its own
    /// with `docker build --target`, where its settings do apply. For the same reason a stage
    /// that sets `CMD` or `ENTRYPOINT` is skipped unless its name marks it as a build step
    /// (`build`, `builder`, `compile`, `deps`). A stage that is copied from, has no `CMD` and
    /// is still built with `--target` is reported although its settings apply to that build.
    ///
    /// ## References
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    /// - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    pub FinalOnlyInIntermediate {
        code: "RL5002",
        name: "final-only-in-intermediate",
        category: Correctness,
        severity: Info,
        fix: None,
        source: Rlint,
    }
}

/// Whether stage `idx` and every stage built on it (through `FROM <stage>`, transitively) are
/// needed by the final stage without being part of it: their configuration is thrown away.
fn only_copied_from(model: &Model, idx: usize) -> bool {
    let mut stack = vec![idx];
    let mut seen = vec![false; model.stages.len()];
    while let Some(current) = stack.pop() {
        if std::mem::replace(&mut seen[current], true) {
            continue;
        }
        if !model.is_needed(current) || model.is_in_final_image(current) {
            return false;
        }
        for child in &model.stages {
            if child.base == Base::Stage(current) {
                stack.push(child.index);
            }
        }
    }
    true
}

/// Whether a stage looks like an image of its own, built with `--target`: it sets the
/// container's command and its name does not say it is a build step. Multi-image Dockerfiles
/// (an `app` stage that an `nginx` final stage also copies assets from) are common.
fn may_be_a_target(model: &Model, idx: usize) -> bool {
    let stage = &model.stages[idx];
    let sets_command = model
        .stage_instructions(idx)
        .iter()
        .any(|i| matches!(i, Instruction::Cmd(_) | Instruction::Entrypoint(_)));
    let name = stage.name_lower().unwrap_or_default();
    let build_step = ["build", "compil", "deps", "dependencies"]
        .iter()
        .any(|w| name.contains(w));
    sets_command && !build_step
}

impl FinalOnlyInIntermediate {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        for stage in &model.stages {
            if !only_copied_from(model, stage.index) || may_be_a_target(model, stage.index) {
                continue;
            }
            let stage_name = stage
                .name
                .clone()
                .unwrap_or_else(|| stage.index.to_string());
            for instruction in model.stage_instructions(stage.index) {
                let keyword = match instruction {
                    Instruction::Cmd(_) => "CMD",
                    Instruction::Entrypoint(_) => "ENTRYPOINT",
                    Instruction::Expose(_) => "EXPOSE",
                    Instruction::Healthcheck(_) => "HEALTHCHECK",
                    Instruction::Volume(_) => "VOLUME",
                    Instruction::Stopsignal(_) => "STOPSIGNAL",
                    _ => continue,
                };
                ctx.report(
                    instruction.keyword_range(),
                    format!(
                        "{keyword} has no effect in stage `{stage_name}`, which is only copied from: move it to the final stage or remove it"
                    ),
                );
            }
        }
    }
}

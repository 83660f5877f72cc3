//! RL4005: stages that no build reaches.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a build stage that neither the final image nor any `--target` build uses.
    ///
    /// ## What it does
    /// Reports a stage that is not the last stage, has no name (so `docker build --target`
    /// cannot select it), and that no stage reaches through `FROM <stage>`, `COPY --from` or
    /// `RUN --mount=from=`, directly or through other stages. When a `--from` or `FROM` value uses a variable that does not resolve, the
    /// file is skipped.
    ///
    /// ## Why is this bad?
    /// BuildKit builds only the stages the requested target depends on, so an unreachable
    /// stage is dead code: its RUNs never execute, its errors are never seen, and readers
    /// assume it contributes to the image. (The legacy builder, `DOCKER_BUILDKIT=0`, still
    /// builds every stage, which only costs time.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.25
    /// RUN go build -o /out/tool ./cmd/tool
    /// FROM alpine:3.22
    /// COPY app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.25 AS tool
    /// RUN go build -o /out/tool ./cmd/tool
    /// FROM alpine:3.22
    /// COPY --from=tool /out/tool /usr/local/bin/tool
    /// ```
    ///
    /// ## Known problems
    /// Named stages meant only for `docker build --target <name>` (a `test` or `dev` stage)
    /// are not reported: the Dockerfile alone cannot tell them from leftovers.
    ///
    /// ## References
    /// - [Multi-stage builds: stop at a specific build stage](https://docs.docker.com/build/building/multi-stage/#stop-at-a-specific-build-stage)
    /// - [Multi-stage builds: differences between legacy builder and BuildKit](https://docs.docker.com/build/building/multi-stage/#differences-between-legacy-builder-and-buildkit)
    pub UnusedStage {
        code: "RL4005",
        name: "unused-stage",
        category: BaseImage,
        severity: Info,
        fix: None,
        source: Rlint,
    }
}

impl UnusedStage {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        if model.stages.len() < 2 || model.has_unresolved_stage_reference() {
            return;
        }
        // Every stage a build can start from: the last one and each named one.
        let mut reachable = vec![false; model.stages.len()];
        let mut stack: Vec<usize> = model
            .stages
            .iter()
            .filter(|s| s.name.is_some() || s.index + 1 == model.stages.len())
            .map(|s| s.index)
            .collect();
        while let Some(idx) = stack.pop() {
            if std::mem::replace(&mut reachable[idx], true) {
                continue;
            }
            stack.extend(model.dependencies(idx).iter().copied());
        }
        for stage in &model.stages {
            if reachable[stage.index] {
                continue;
            }
            let range = stage
                .image_range
                .unwrap_or_else(|| stage.from.instruction().keyword_range());
            ctx.report(
                range,
                format!(
                    "stage {} is never used and has no name to build it with `--target`: remove it or copy from it",
                    stage.index
                ),
            );
        }
    }
}

//! DL3057: stages without a HEALTHCHECK (off by default).

use crate::declare_rule;
use crate::model::{Base, Model};
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};

declare_rule! {
    /// Flags a stage that has no `HEALTHCHECK`, not even through inheritance.
    ///
    /// ## What it does
    /// Reports a stage, at its `FROM`, when neither the stage, nor a stage it is built
    /// `FROM`, nor a stage built `FROM` it has a `HEALTHCHECK` instruction.
    /// `HEALTHCHECK NONE` counts as one. Off by default, as in hadolint: select it to use it.
    ///
    /// ## Why is this bad?
    /// Without a health check the engine only knows whether the main process runs, not
    /// whether it works. Orchestrators that read the image's health status (Docker, Swarm)
    /// cannot restart or route around a hung service.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// None intended: like hadolint, builder stages are reported too; use it on Dockerfiles
    /// whose stages all produce services. Many orchestrators (Kubernetes) ignore
    /// `HEALTHCHECK` and define their own probes, which is why the rule is opt-in.
    ///
    /// ## References
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub MissingHealthcheck {
        code: "DL3057",
        name: "missing-healthcheck",
        category: Correctness,
        severity: Off,
        fix: None,
        source: Hadolint("DL3057"),
    }
}

impl MissingHealthcheck {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        let has_own: Vec<bool> = (0..model.stages.len())
            .map(|idx| {
                model
                    .stage_instructions(idx)
                    .iter()
                    .any(|i| matches!(i, Instruction::Healthcheck(_)))
            })
            .collect();
        for stage in &model.stages {
            let inherited = model.ancestors(stage.index).iter().any(|&a| has_own[a]);
            if inherited || has_descendant_with(model, stage.index, &has_own) {
                continue;
            }
            let range = stage.from.image().map_or_else(
                || stage.from.instruction().keyword_range(),
                |i| i.syntax().text_range(),
            );
            ctx.report(range, "stage has no HEALTHCHECK: add one so the engine can tell whether the service works");
        }
    }
}

/// Whether a stage built (directly or not) `FROM` stage `idx` has a HEALTHCHECK.
fn has_descendant_with(model: &Model, idx: usize, has_own: &[bool]) -> bool {
    model.stages.iter().any(|s| {
        s.index != idx
            && has_own[s.index]
            && matches!(s.base, Base::Stage(_))
            && model.ancestors(s.index).contains(&idx)
    })
}

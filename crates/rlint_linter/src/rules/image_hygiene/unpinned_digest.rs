//! RL4003: the final image's base not pinned by digest.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a final image whose base image is not pinned by `@sha256:` digest.
    ///
    /// ## What it does
    /// Follows the final stage through `FROM <stage>` to the image it starts from and reports
    /// that image reference when it has no `@sha256:...` digest. Builder stages are not
    /// checked: only the final image's base ends up shipped. `scratch` and references that do
    /// not resolve (an ARG without default) are skipped.
    ///
    /// ## Why is this bad?
    /// A tag is a mutable pointer: the publisher re-pushes `python:3.13-slim` for every patch
    /// release and rebuild, so two builds of the same commit can ship different base layers.
    /// A digest names one immutable manifest (or manifest list), so the image content is
    /// reproducible and cannot be swapped by whoever controls the tag. The cost is that
    /// security updates arrive only when the digest is bumped (by Renovate or Dependabot),
    /// which is why this rule is off by default.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.13-slim@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - [Docker best practices: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    pub UnpinnedDigest {
        code: "RL4003",
        name: "unpinned-digest",
        category: BaseImage,
        severity: Off,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

impl UnpinnedDigest {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        // The root of the final chain: in the final image and not built on another stage.
        if !model.is_in_final_image(stage) || model.parent(stage).is_some() {
            return;
        }
        let stage = &model.stages[stage];
        let Some((image, range)) = stage.resolved_image() else {
            return;
        };
        if image.digest.is_some() || image.repository.eq_ignore_ascii_case("scratch") {
            return;
        }
        ctx.report(
            range,
            format!(
                "base image `{}` of the final image is not pinned: add `@sha256:<digest>`",
                image.short_repository()
            ),
        );
    }
}

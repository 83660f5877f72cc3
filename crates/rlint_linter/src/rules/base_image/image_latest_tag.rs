//! DL3007: base images tagged `latest`.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a base image tagged `latest`.
    ///
    /// ## What it does
    /// Reports `FROM image:latest`, also when the tag comes from an ARG default
    /// (`ARG TAG=latest` + `FROM image:${TAG}`). A digest next to the tag pins the image, so
    /// `image:latest@sha256:...` is not reported.
    ///
    /// ## Why is this bad?
    /// `latest` is a moving tag: each build may get a different image, so builds are not
    /// reproducible and an upstream release can break yours without warning.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:latest
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22.11-bookworm-slim
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint does not see `latest` when it arrives through an ARG; rlint resolves ARG
    /// defaults before checking.
    ///
    /// ## References
    /// - [Docker best practices: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    pub ImageLatestTag {
        code: "DL3007",
        name: "image-latest-tag",
        category: BaseImage,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3007"),
        locality: Stage,
    }
}

impl ImageLatestTag {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let stage = &ctx.model.stages[stage];
        let Some((image, range)) = stage.resolved_image() else {
            return;
        };
        if image.tag.as_deref() == Some("latest") && image.digest.is_none() {
            let name = image.short_repository();
            ctx.report(
                range,
                format!("`{name}:latest` changes under you: pin a specific version"),
            );
        }
    }
}

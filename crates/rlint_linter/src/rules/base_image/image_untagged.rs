//! DL3006: base images without a tag or digest.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a base image that has neither a tag nor a digest.
    ///
    /// ## What it does
    /// Reports `FROM image` when `image` names no tag (`:24.04`) and no digest
    /// (`@sha256:...`). `scratch` and earlier stages are not images and are never reported.
    ///
    /// ## Why is this bad?
    /// Without a tag Docker pulls `latest`, whatever it points to on the day of the build.
    /// Two builds of the same Dockerfile can then produce different images, and an upstream
    /// release can break the build without any change on your side.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// ```
    ///
    /// ## Differences from hadolint
    /// ARG defaults are resolved as `docker build` resolves them: `ARG BASE=ubuntu` +
    /// `FROM ${BASE}` is reported, `ARG TAG=24.04` + `FROM ubuntu:${TAG}` is not (hadolint
    /// never reads ARG values). Stage names compare case-insensitively, as BuildKit compares
    /// them, and `localhost:5000/app` is read as a registry with port.
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub ImageUntagged {
        code: "DL3006",
        name: "image-untagged",
        category: BaseImage,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3006"),
    }
}

impl ImageUntagged {
    fn run(ctx: &mut Context<'_>) {
        for (_, image, range) in super::resolved_images(ctx.model) {
            if image.tag.is_none() && image.digest.is_none() {
                let name = image.short_repository();
                ctx.report(range, format!("base image `{name}` has no tag or digest, so it floats to `latest`: pin a version"));
            }
        }
    }
}

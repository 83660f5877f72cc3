//! DL3006: base images without a tag or digest.

use crate::declare_rule;
use crate::model::{Base, Model, AUTOMATIC_ARGS};
use crate::rule::Context;
use rlint_syntax::ast::ImageRef;
use rlint_syntax::expand::{self, ExpandOptions};
use rlint_syntax::TextRange;

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
    /// them, and `localhost:5000/app` is read as a registry with port. A global ARG declared
    /// without a default is empty in a plain `docker build`, so
    /// `FROM alpine${VERSION:+":$VERSION"}` is reported (as by hadolint) while
    /// `FROM qdrant-${GPU:-cpu}`, which then names a stage, is not. References using the
    /// automatic platform ARGs (`FROM base-$TARGETARCH`) depend on the build and are not
    /// reported; hadolint reports every reference that does not start with `$`.
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
        let model = ctx.model;
        for (_, image, range) in super::resolved_images(model) {
            if image.tag.is_none() && image.digest.is_none() {
                report(ctx, image, range);
            }
        }
        // A reference using a global ARG declared without default: a plain `docker build` sees
        // the ARG as empty (`alpine${VERSION:+":$VERSION"}` is then `alpine`).
        for stage in &model.stages {
            let (Base::Image, None, Some(range)) = (&stage.base, &stage.image, stage.image_range)
            else {
                continue;
            };
            let Some(text) = expand_without_build_args(model, &stage.image_text) else {
                continue;
            };
            let lower = text.to_lowercase();
            let names_stage = model.stages[..stage.index]
                .iter()
                .any(|s| s.has_lower_name(&lower));
            let image = ImageRef::parse(&text);
            // An empty or malformed result (`${BASE}-slim` with BASE empty) is not an image.
            let valid = image
                .repository
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric());
            if names_stage || lower == "scratch" || !valid {
                continue;
            }
            if image.tag.is_none() && image.digest.is_none() {
                report(ctx, &image, range);
            }
        }
    }
}

fn report(ctx: &mut Context<'_>, image: &ImageRef, range: TextRange) {
    let name = image.short_repository();
    ctx.report(
        range,
        format!(
            "base image `{name}` has no tag or digest, so it floats to `latest`: pin a version"
        ),
    );
}

/// Expands a FROM value as `docker build` without `--build-arg` would: global ARGs without a
/// default are empty; `None` when an automatic platform ARG (or an undeclared name) is used.
fn expand_without_build_args(model: &Model, text: &str) -> Option<String> {
    struct Defaults<'a>(&'a Model);
    impl expand::Env for Defaults<'_> {
        fn get(&self, name: &str) -> Option<&str> {
            let binding = self.0.global_scope.get(name)?;
            if let Some(value) = binding.value.known() {
                return Some(value);
            }
            // Empty only when declared without a default: a default built from unknown values
            // (`ARG X=${TARGETPLATFORM}`) stays unknown.
            let declaration = self
                .0
                .text()
                .get(std::ops::Range::<usize>::from(binding.range))?;
            (!AUTOMATIC_ARGS.contains(&name) && !declaration.contains('=')).then_some("")
        }
    }
    let options = ExpandOptions {
        escape: model.escape,
        case_insensitive: false,
    };
    match expand::process_word(text, &Defaults(model), options) {
        Ok(expansion) if expansion.unmatched.is_empty() => Some(expansion.value),
        _ => None,
    }
}

//! RL4007: a stage copying build output from a stage on another version of the same image.

use crate::declare_rule;
use crate::model::Model;
use crate::rule::Context;
use rlint_syntax::ast::ImageRef;

declare_rule! {
    /// Flags a stage that copies from another stage built on a different version of the same
    /// image (`golang:1.22` builder, `golang:1.21` runner).
    ///
    /// ## What it does
    /// Only language runtime images are compared (`python`, `node`, `ruby`, `php`, `golang`,
    /// `pypy`, `perl`). For each `COPY --from=<stage>` and `RUN --mount=from=<stage>`, compares the images the
    /// two stages start from (through `FROM <stage>` chains, ARG defaults resolved). When both
    /// use the same repository and the leading version numbers of their tags disagree
    /// (major and minor, only the major for `node`: `3.11` against `3.12`; `3` against `3.12`
    /// agrees), the copying stage's image is
    /// reported. Variant suffixes (`-alpine`, `-slim`) are ignored: building on `node:22` and
    /// running on `node:22-alpine` is normal.
    ///
    /// ## Why is this bad?
    /// Build output is tied to the runtime it was built with: a Python virtualenv or
    /// `site-packages` copied from `python:3.11` is not on the import path of `python:3.12`,
    /// native Node.js addons fail to load under another Node ABI, and Ruby gems compiled for one
    /// minor are invisible to the next. The build succeeds and the container fails at start,
    /// usually after one of the two tags was bumped and the other forgotten.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.11-slim AS build
    /// RUN pip install --prefix=/install requests
    /// FROM python:3.12-slim
    /// COPY --from=build /install /usr/local
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG PYTHON=3.12
    /// FROM python:${PYTHON}-slim AS build
    /// RUN pip install --prefix=/install requests
    /// FROM python:${PYTHON}-slim
    /// COPY --from=build /install /usr/local
    /// ```
    ///
    /// ## Known problems
    /// Only the repository and the major and minor version of the tags are compared: a copy of
    /// a static Go binary between `golang` versions is harmless but reported. Other images
    /// (distributions, `dotnet/sdk`, where copying one SDK next to another is a normal way to
    /// install both) are not compared.
    ///
    /// ## References
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    /// - [Dockerfile reference: ARG and FROM](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    pub BaseImageMismatch {
        code: "RL4007",
        name: "base-image-mismatch",
        category: BaseImage,
        severity: Info,
        fix: None,
        source: Rlint,
    }
}

impl BaseImageMismatch {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        for stage in &model.stages {
            let Some((image, range, _)) = root_image(model, stage.index) else {
                continue;
            };
            if !RUNTIMES.contains(&image.short_repository()) {
                continue;
            }
            let Some(version) = version_of(image) else {
                continue;
            };
            // The stages it builds on or copies from, resolved once by the model. Its FROM
            // parent is among them; that one shares this stage's root image, so it always
            // matches.
            let mut seen = Vec::new();
            for &source in model.dependencies(stage.index) {
                if seen.contains(&source) || source == stage.index {
                    continue;
                }
                seen.push(source);
                let Some((other, other_range, _)) = root_image(model, source) else {
                    continue;
                };
                if other.registry != image.registry || other.repository != image.repository {
                    continue;
                }
                let Some(other_version) = version_of(other) else {
                    continue;
                };
                if compatible(&version, &other_version, image.short_repository() == "node") {
                    continue;
                }
                let name = image.short_repository();
                ctx.report(
                    range,
                    format!(
                        "`{name}` {version} here but {other_version} in the stage this one copies from: use the same version in both"
                    ),
                )
                .with_related(other_range, format!("`{name}` {other_version}"));
            }
        }
    }
}

/// Official images of runtimes whose build output is tied to the version (ABI, module paths,
/// `go` directive); SDK images installed side by side (`dotnet/sdk`) are deliberately left out.
const RUNTIMES: &[&str] = &["python", "node", "ruby", "php", "golang", "pypy", "perl"];

/// The image a stage starts from (through `FROM <stage>`), with its range.
fn root_image(model: &Model, idx: usize) -> Option<(&ImageRef, rlint_syntax::TextRange, usize)> {
    let root = *model.ancestors(idx).last()?;
    let (image, range) = model.stages[root].resolved_image()?;
    Some((image, range, root))
}

/// The leading dotted version of the tag (`3.12` of `3.12.1-slim`), without digests.
fn version_of(image: &ImageRef) -> Option<String> {
    if image.digest.is_some() {
        return None;
    }
    let tag = image.tag.as_deref()?;
    let tag = tag.strip_prefix('v').unwrap_or(tag);
    let end = tag
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(tag.len());
    let version = tag[..end].trim_end_matches('.');
    (!version.is_empty() && version.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| version.to_string())
}

/// Whether two versions agree on major and minor where both name them (`3` and `3.12`
/// agree, so do `1.22.1` and `1.22.4`); Node.js keeps its ABI per major, so only the major
/// counts there.
fn compatible(a: &str, b: &str, major_only: bool) -> bool {
    let n_parts = if major_only { 1 } else { 2 };
    a.split('.')
        .zip(b.split('.'))
        .take(n_parts)
        .all(|(x, y)| x == y)
}

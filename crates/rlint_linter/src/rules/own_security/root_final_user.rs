//! RL6007: the final image never switches away from root.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a final image whose stage chain sets no `USER` at all (opt-in).
    ///
    /// ## What it does
    /// Reports the `FROM` of the final stage when neither it nor any stage it is built `FROM`
    /// has a `USER` instruction, so the image keeps the base image's user, which for most base
    /// images is root.
    ///
    /// ## Why is this bad?
    /// Without `USER`, the container's main process runs as uid 0. Root in a container is still
    /// root on the kernel it shares with the host: a breakout through a kernel or runtime bug,
    /// a writable host mount or an added capability then acts with full privileges. Running as
    /// an unprivileged user limits what a compromised process can do.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY app.py /app/app.py
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN useradd --system --uid 10001 app
    /// COPY app.py /app/app.py
    /// USER app
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Options
    /// Off by default: many images run as root on purpose (official base images, build
    /// tooling, images whose entrypoint drops privileges with `gosu` or `su-exec`), and a base
    /// image may already set a non-root user. Select `RL6007` to enforce a `USER` in every
    /// final image.
    ///
    /// ## Known problems
    /// The base image's own `USER` is not known: an image built on a non-root base is reported
    /// although it does not run as root, unless its reference says so (`nonroot`, `non-root`,
    /// `rootless`, as in distroless `:nonroot` tags). A final
    /// `USER root` is reported by `DL3002`, not by this rule.
    ///
    /// ## References
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub RootFinalUser {
        code: "RL6007",
        name: "root-final-user",
        category: Security,
        severity: Off,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

impl RootFinalUser {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        // Only the final stage is the image; it and its ancestors decide the user.
        if stage + 1 != model.stages.len() {
            return;
        }
        let last = &model.stages[stage];
        if model.final_user(last.index).is_some() {
            return;
        }
        // Images published to run unprivileged say so in their reference.
        let base_image = model
            .ancestors(last.index)
            .last()
            .map(|&root| model.stages[root].image_text.to_ascii_lowercase())
            .unwrap_or_default();
        if ["nonroot", "non-root", "rootless"]
            .iter()
            .any(|w| base_image.contains(w))
        {
            return;
        }
        let range = last
            .image_range
            .unwrap_or_else(|| model.instructions[last.from_index].keyword_range());
        ctx.report(
            range,
            "the final image sets no USER and runs as the base image's user, usually root: add `USER <non-root>`",
        );
    }
}

//! RL4004: the final image built on the builder's platform.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};

declare_rule! {
    /// Flags a final image whose base stage is `FROM --platform=$BUILDPLATFORM`.
    ///
    /// ## What it does
    /// Follows the final stage through `FROM <stage>` to the stage that starts from an image
    /// (or `scratch`) and reports its `--platform` flag when the value uses `BUILDPLATFORM`,
    /// `BUILDOS` or `BUILDARCH`. Only final images meant to run are checked: the chain must
    /// set `CMD`, `ENTRYPOINT`, `EXPOSE` or `HEALTHCHECK`.
    ///
    /// ## Why is this bad?
    /// `--platform=$BUILDPLATFORM` asks BuildKit for the variant of the base image that runs
    /// natively on the machine doing the build. That is right for a compiler stage that
    /// cross-compiles, but in the final stage it sets the platform of the resulting image:
    /// `docker buildx build --platform linux/arm64` on an amd64 runner then produces an image
    /// whose layers, binaries and config are amd64, labelled for whatever the builder was,
    /// and a multi-platform build pushes the same architecture several times.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.25 AS build
    /// ARG TARGETOS TARGETARCH
    /// RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
    /// FROM --platform=$BUILDPLATFORM alpine:3.22
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.25 AS build
    /// ARG TARGETOS TARGETARCH
    /// RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
    /// FROM alpine:3.22
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Known problems
    /// A final stage without `CMD`, `ENTRYPOINT`, `EXPOSE` or `HEALTHCHECK` (a lint or test
    /// target built only for its result) is not reported, even if it is pushed.
    ///
    /// ## References
    /// - [Multi-platform builds: cross-compilation](https://docs.docker.com/build/building/multi-platform/#cross-compilation)
    /// - [Dockerfile reference: automatic platform ARGs](https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope)
    pub BuildplatformFinalStage {
        code: "RL4004",
        name: "buildplatform-final-stage",
        category: BaseImage,
        severity: Warning,
        fix: None,
        source: Rlint,
    }
}

impl BuildplatformFinalStage {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        let chain = model.final_chain();
        let Some(&root) = chain.last() else {
            return;
        };
        // A final stage that only runs checks (no CMD, ENTRYPOINT, EXPOSE or HEALTHCHECK in its
        // chain) is built for its result, not shipped.
        let runnable = chain.iter().any(|&idx| {
            model.stage_instructions(idx).iter().any(|i| {
                matches!(
                    i,
                    Instruction::Cmd(_)
                        | Instruction::Entrypoint(_)
                        | Instruction::Expose(_)
                        | Instruction::Healthcheck(_)
                )
            })
        });
        if !runnable {
            return;
        }
        let Some(flag) = model.stages[root].from.platform() else {
            return;
        };
        let Some(value) = flag.value(model.escape) else {
            return;
        };
        if !["BUILDPLATFORM", "BUILDOS", "BUILDARCH"]
            .iter()
            .any(|name| value.contains(name))
        {
            return;
        }
        let range = flag
            .value_range()
            .unwrap_or_else(|| flag.syntax().text_range());
        ctx.report(
            range,
            "the final image is built for the builder's platform: remove `--platform` so it follows the target platform",
        );
    }
}

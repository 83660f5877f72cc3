//! DL3023: `COPY --from` naming the stage it is in.

use super::copy_from_unknown_stage::{copy_from_targets, FromTarget};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `COPY --from` that names the stage it is in.
    ///
    /// ## What it does
    /// Reports `COPY --from=<value>` when the value is the name (compared case-insensitively)
    /// or the index of the stage that contains the instruction.
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself: its filesystem does not exist until the stage is
    /// finished. BuildKit stops with a circular dependency error. The value is usually a
    /// copy-paste slip for another stage's name.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// COPY --from=build /go/bin/app /usr/local/bin/app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /go/bin/app ./...
    /// FROM debian:12-slim
    /// COPY --from=build /go/bin/app /usr/local/bin/app
    /// ```
    ///
    /// ## Differences from hadolint
    /// The name compares case-insensitively, as BuildKit compares stage names, and a numeric
    /// reference to the current stage (`--from=1` inside the second stage) is reported too;
    /// hadolint compares the name text only.
    ///
    /// ## References
    /// - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    pub CopyFromOwnStage {
        code: "DL3023",
        name: "copy-from-own-stage",
        category: Correctness,
        severity: Error,
        fix: None,
        source: Hadolint("DL3023"),
        locality: Stage,
    }
}

impl CopyFromOwnStage {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        for (value, range, target) in copy_from_targets(ctx.model, stage) {
            if target == FromTarget::Own {
                ctx.report(
                    range,
                    format!("`--from={value}` is the stage this COPY is in: a stage cannot copy from itself, name another stage"),
                );
            }
        }
    }
}

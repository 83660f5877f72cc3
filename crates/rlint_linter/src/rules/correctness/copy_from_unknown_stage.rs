//! DL3022: `COPY --from` naming no earlier stage.

use crate::declare_rule;
use crate::model::Model;
use crate::rule::Context;
use rlint_syntax::ast::{ImageRef, Instruction};
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags `COPY --from` naming neither an earlier stage nor an image.
    ///
    /// ## What it does
    /// Reports the value of `COPY --from=<value>` when it is neither the name nor the index of
    /// an earlier stage, nor an image reference pinned by a tag or digest (`nginx:1.27`,
    /// `org/tool@sha256:...`). Values from ARGs are resolved first; values that stay unknown
    /// are not checked.
    ///
    /// ## Why is this bad?
    /// A value that is no stage name is either a typo of a stage name or an image pulled with
    /// an implicit `latest` tag. In the first case the build fails or, worse, silently copies
    /// from a public image of that name; in the second the build is not reproducible.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app ./...
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=biuld /out/app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app ./...
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /out/app /app
    /// ```
    ///
    /// ## Differences from hadolint
    /// Stage names compare case-insensitively, as BuildKit compares them (`--from=Build`
    /// finds `AS build`). An untagged image (`--from=org/tool`) is reported, as by
    /// hadolint, but the message says that it floats to `latest`. A numeric
    /// reference to the current stage is reported by `copy-from-own-stage` (DL3023) instead.
    /// ARG values are resolved (`ARG BUILDER=build` + `--from=${BUILDER}`).
    ///
    /// ## References
    /// - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub CopyFromUnknownStage {
        code: "DL3022",
        name: "copy-from-unknown-stage",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3022"),
        locality: Stage,
    }
}

impl CopyFromUnknownStage {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        for (value, range, target) in copy_from_targets(ctx.model, stage) {
            if target != FromTarget::Unknown {
                continue;
            }
            let message = if value.contains(['/', '.']) {
                format!("`--from={value}` is no earlier stage, and as an image it has no tag: pin a tag or digest, or name a stage")
            } else {
                // A misspelt stage name: suggest the nearest stage defined in the file.
                let names: Vec<String> = ctx
                    .model
                    .stages
                    .iter()
                    .filter_map(|s| s.name.clone())
                    .collect();
                match rlint_syntax::suggest::closest(&value, names.iter().map(String::as_str)) {
                    Some(near) => format!("`--from={value}` names no earlier stage (did you mean `{near}`?)"),
                    None => format!("`--from={value}` names no earlier stage: use the name or index of a stage defined above, or a tagged image"),
                }
            };
            ctx.report(range, message);
        }
    }
}

/// What a `COPY --from` value refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FromTarget {
    /// An earlier stage.
    Earlier,
    /// The stage the COPY is in.
    Own,
    /// An image reference.
    Image,
    /// Depends on build arguments.
    Unresolved,
    /// Nothing known: no stage before this one has that name or index.
    Unknown,
}

/// Every `COPY --from` value of stage `current` (ARGs resolved when possible), its source
/// range and what it refers to.
pub(crate) fn copy_from_targets(
    model: &Model,
    current: usize,
) -> Vec<(String, TextRange, FromTarget)> {
    let mut out = Vec::new();
    for idx in model.stage_span(current) {
        let instruction = &model.instructions[idx];
        let Instruction::Copy(_) = instruction else {
            continue;
        };
        let Some(flag) = instruction.flag("--from") else {
            continue;
        };
        let (Some(written), Some(range)) = (flag.value(model.escape), flag.value_range()) else {
            continue;
        };
        let value = if written.contains('$') {
            match model.scope_at(idx).expand(&written, model.escape).known() {
                Some(value) => value.to_string(),
                None => {
                    out.push((written, range, FromTarget::Unresolved));
                    continue;
                }
            }
        } else {
            written
        };
        let target = classify(model, &value, current);
        out.push((value, range, target));
    }
    out
}

fn classify(model: &Model, value: &str, current: usize) -> FromTarget {
    if value.is_empty() {
        return FromTarget::Unresolved;
    }
    if let Ok(index) = value.parse::<usize>() {
        return match index.cmp(&current) {
            std::cmp::Ordering::Less => FromTarget::Earlier,
            std::cmp::Ordering::Equal => FromTarget::Own,
            std::cmp::Ordering::Greater => FromTarget::Unknown,
        };
    }
    let lower = value.to_lowercase();
    if model.stages[current].has_lower_name(&lower) {
        return FromTarget::Own;
    }
    if model.stages[..current]
        .iter()
        .any(|s| s.has_lower_name(&lower))
    {
        return FromTarget::Earlier;
    }
    // An image reference pinned by a tag or digest is a deliberate image; anything else is a
    // stage name that does not exist or an image that floats to `latest`.
    let image = ImageRef::parse(value);
    if image.tag.is_some() || image.digest.is_some() {
        return FromTarget::Image;
    }
    FromTarget::Unknown
}

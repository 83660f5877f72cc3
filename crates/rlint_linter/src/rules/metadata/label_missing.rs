//! DL3049: a label the label schema requires is missing from an image.

use crate::declare_rule;
use crate::model::Model;
use crate::rule::Context;
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags an image that lacks a label the label schema requires.
    ///
    /// ## What it does
    /// For each label of the configured label schema, reports every image the Dockerfile can
    /// produce that does not set it: the final stage, and any other stage nothing else builds
    /// on or copies from (a `--target` candidate). A label set in a stage is inherited by the
    /// stages built `FROM` it. Builder stages that are only copied from, and stages other
    /// stages are built on, are not images of their own and are not reported.
    ///
    /// ## Why is this bad?
    /// Teams use required labels (`org.opencontainers.image.source`, `.revision`,
    /// `.licenses`) to trace an image back to its code and owner; registries, scanners and
    /// deployment policies read them. An image without them is hard to audit.
    ///
    /// ## Example
    /// With the schema `org.opencontainers.image.source: url`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hello
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/example/app"
    /// RUN echo hello
    /// ```
    ///
    /// ## Options
    /// - `label-schema` (map of label name to type): the labels required. The rule does
    ///   nothing while it is empty.
    ///
    /// ## Differences from hadolint
    /// hadolint reports every stage without the label, including builder stages whose only
    /// use is as the parent of a stage that sets it under an alias, and stages that are
    /// parents of a reported stage (so one missing label gives several findings). rlint
    /// reports only the images a build can produce. Stage names compare case-insensitively.
    /// The finding sits on the stage's image reference rather than on the whole FROM line.
    ///
    /// ## References
    /// - [Dockerfile reference: LABEL](https://docs.docker.com/reference/dockerfile/#label)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub LabelMissing {
        code: "DL3049",
        name: "label-missing",
        category: Metadata,
        severity: Info,
        fix: None,
        source: Hadolint("DL3049"),
    }
}

impl LabelMissing {
    fn run(ctx: &mut Context<'_>) {
        if ctx.options.label_schema.is_empty() {
            return;
        }
        let model = ctx.model;
        let pairs = super::label_pairs(model);
        // Labels each stage sets itself.
        let mut set_in: Vec<Vec<&str>> = vec![Vec::new(); model.stages.len()];
        for pair in &pairs {
            if let Some(stage_idx) = model.stage_of[pair.instruction_idx] {
                set_in[stage_idx].push(pair.key.as_str());
            }
        }
        for stage in &model.stages {
            if !is_image(model, stage.index) {
                continue;
            }
            let range = stage_range(model, stage.index);
            let ancestors = model.ancestors(stage.index);
            for (label, _) in &ctx.options.label_schema {
                let is_set = ancestors
                    .iter()
                    .any(|a| set_in[*a].contains(&label.as_str()));
                if !is_set {
                    ctx.report(
                        range,
                        format!("label `{label}` required by the label schema is missing from this image"),
                    );
                }
            }
        }
    }
}

/// Whether stage `idx` is an image a build produces: the final stage, or a stage no other
/// stage builds on, copies from or mounts.
fn is_image(model: &Model, idx: usize) -> bool {
    if idx + 1 == model.stages.len() {
        return true;
    }
    !model
        .stages
        .iter()
        .any(|other| other.index != idx && model.dependencies(other.index).contains(&idx))
}

/// The image reference of the stage's FROM, else its keyword.
fn stage_range(model: &Model, idx: usize) -> TextRange {
    let stage = &model.stages[idx];
    stage
        .image_range
        .unwrap_or_else(|| model.instructions[stage.from_index].keyword_range())
}

#[cfg(test)]
mod tests {
    use crate::settings::{LabelType, RuleOptions, Selector, Settings};

    fn check(schema: &[(&str, LabelType)], text: &str) -> Vec<String> {
        let settings = Settings {
            options: RuleOptions {
                label_schema: schema.iter().map(|(n, t)| (n.to_string(), *t)).collect(),
                ..RuleOptions::default()
            },
            select: vec![Selector("DL3049".into())],
            ignore: vec![Selector("ALL".into())],
            ..Settings::default()
        };
        crate::lint(&rlint_syntax::parse(text), &settings)
            .into_iter()
            .map(|d| format!("{}@{}: {}", d.code, &text[d.range], d.message))
            .collect()
    }

    #[test]
    fn inert_without_schema() {
        assert!(check(&[], "FROM alpine:3.20\n").is_empty());
    }

    #[test]
    fn reports_final_image_without_label() {
        assert_eq!(
            check(&[("version", LabelType::Semver)], "FROM alpine:3.20\nLABEL other=1\n"),
            ["DL3049@alpine:3.20: label `version` required by the label schema is missing from this image"]
        );
    }

    #[test]
    fn labels_are_inherited_and_builders_exempt() {
        let text = "FROM golang:1.22 AS build\nFROM alpine:3.20 AS base\nLABEL version=1.0.0\nFROM BASE\nCOPY --from=build /a /b\n";
        assert!(check(&[("version", LabelType::Semver)], text).is_empty());
    }

    #[test]
    fn parent_of_labelled_stage_is_not_an_image() {
        let text = "FROM alpine:3.20 AS base\nFROM base AS app\nLABEL version=1.0.0\n";
        assert!(check(&[("version", LabelType::Text)], text).is_empty());
    }

    #[test]
    fn unreferenced_target_stages_are_images() {
        let text = "FROM alpine:3.20 AS dev\nFROM alpine:3.20 AS prod\nLABEL version=1.0.0\n";
        assert_eq!(
            check(&[("version", LabelType::Text)], text),
            ["DL3049@alpine:3.20: label `version` required by the label schema is missing from this image"]
        );
    }

    #[test]
    fn one_finding_per_missing_label() {
        let text = "FROM alpine:3.20\n";
        assert_eq!(
            check(&[("a", LabelType::Text), ("b", LabelType::Url)], text).len(),
            2
        );
    }
}

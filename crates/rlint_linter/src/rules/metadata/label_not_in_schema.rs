//! DL3050: with strict labels, a LABEL key the label schema does not list.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a label that the label schema does not list, when strict labels are on.
    ///
    /// ## What it does
    /// With the `strict-labels` option, reports each LABEL key that is not a label of the
    /// configured label schema.
    ///
    /// ## Why is this bad?
    /// A team that fixes the set of labels its images carry wants to catch typos
    /// (`org.opencontainers.image.sorce`) and ad-hoc labels that no tool reads.
    ///
    /// ## Example
    /// With `strict-labels` and the schema `org.opencontainers.image.version: semver`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.0" build-host="ci-7"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.0"
    /// ```
    ///
    /// ## Options
    /// - `strict-labels` (bool): turns the rule on.
    /// - `label-schema` (map of label name to type): the labels allowed. With strict labels
    ///   and an empty schema every label is reported.
    ///
    /// ## Differences from hadolint
    /// Each unknown key is reported at its own position and named in the message; hadolint
    /// reports the LABEL instruction once.
    ///
    /// ## References
    /// - [Dockerfile reference: LABEL](https://docs.docker.com/reference/dockerfile/#label)
    pub LabelNotInSchema {
        code: "DL3050",
        name: "label-not-in-schema",
        category: Metadata,
        severity: Info,
        fix: None,
        source: Hadolint("DL3050"),
        locality: Instruction,
    }
}

impl LabelNotInSchema {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        if !ctx.options.strict_labels {
            return;
        }
        for pair in super::label_pairs_at(ctx.model, idx) {
            let known = ctx
                .options
                .label_schema
                .iter()
                .any(|(name, _)| *name == pair.key);
            if !known {
                ctx.report(
                    pair.key_range,
                    format!(
                        "label `{}` is not in the label schema: remove it or add it to the schema",
                        pair.key
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::settings::{LabelType, RuleOptions, Selector, Settings};

    fn check(schema: &[(&str, LabelType)], strict: bool, text: &str) -> Vec<String> {
        let settings = Settings {
            options: RuleOptions {
                label_schema: schema.iter().map(|(n, t)| (n.to_string(), *t)).collect(),
                strict_labels: strict,
                ..RuleOptions::default()
            },
            select: vec![Selector("DL3050".into())],
            ignore: vec![Selector("ALL".into())],
            ..Settings::default()
        };
        crate::lint(&rlint_syntax::parse(text), &settings)
            .into_iter()
            .map(|d| format!("{}@{}", d.code, &text[d.range]))
            .collect()
    }

    #[test]
    fn inert_without_strict_labels() {
        assert!(check(&[], false, "FROM alpine:3.20\nLABEL a=1\n").is_empty());
    }

    #[test]
    fn reports_each_unknown_key() {
        let text = "FROM alpine:3.20\nLABEL version=1 \"extra\"=2 other=3\n";
        assert_eq!(
            check(&[("version", LabelType::Semver)], true, text),
            ["DL3050@\"extra\"", "DL3050@other"]
        );
    }

    #[test]
    fn empty_schema_reports_every_label() {
        assert_eq!(
            check(&[], true, "FROM alpine:3.20\nLABEL a=1\n"),
            ["DL3050@a"]
        );
    }
}

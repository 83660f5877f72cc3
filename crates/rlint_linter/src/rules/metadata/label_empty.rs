//! DL3051: a label of the label schema with an empty value.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a label of the label schema set to an empty value.
    ///
    /// ## What it does
    /// Reports each LABEL pair whose key is a label of the configured label schema and whose
    /// value is empty (`""` or nothing after `=`), whatever the label's type.
    ///
    /// ## Why is this bad?
    /// An empty required label satisfies the letter of the schema but carries no
    /// information; it is usually a build argument that was never passed.
    ///
    /// ## Example
    /// With the schema `org.opencontainers.image.revision: hash`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision=""
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="3f786850e387550fdab836ed7e6dc881de23001b"
    /// ```
    ///
    /// ## Options
    /// - `label-schema` (map of label name to type): the labels checked. The rule does nothing
    ///   while it is empty.
    ///
    /// ## Differences from hadolint
    /// A value made only of variables is expanded with the ARG/ENV defaults in scope: an ARG
    /// with an empty default (`ARG REVISION=""`) is reported, an ARG without default (the
    /// build passes it) is not. hadolint looks at the text as written, so `$REVISION` is never
    /// empty for it.
    ///
    /// ## References
    /// - [Dockerfile reference: LABEL](https://docs.docker.com/reference/dockerfile/#label)
    pub LabelEmpty {
        code: "DL3051",
        name: "label-empty",
        category: Metadata,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3051"),
        locality: Instruction,
    }
}

impl LabelEmpty {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        if ctx.options.label_schema.is_empty() {
            return;
        }
        for pair in super::label_pairs_at(ctx.model, idx) {
            let in_schema = ctx
                .options
                .label_schema
                .iter()
                .any(|(name, _)| *name == pair.key);
            if in_schema && pair.value.as_deref() == Some("") {
                ctx.report(
                    pair.value_range,
                    format!("label `{}` is empty: give it a value", pair.key),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::settings::{LabelType, RuleOptions, Selector, Settings};

    fn check(text: &str) -> Vec<String> {
        let settings = Settings {
            options: RuleOptions {
                label_schema: vec![
                    ("rev".into(), LabelType::Hash),
                    ("note".into(), LabelType::Text),
                ],
                ..RuleOptions::default()
            },
            select: vec![Selector("DL3051".into())],
            ignore: vec![Selector("ALL".into())],
            ..Settings::default()
        };
        crate::lint(&rlint_syntax::parse(text), &settings)
            .into_iter()
            .map(|d| format!("{}@{}", d.code, &text[d.range]))
            .collect()
    }

    #[test]
    fn reports_empty_schema_labels_only() {
        let text = "FROM alpine:3.20\nLABEL rev=\"\" note= other=\"\" \nLABEL note=\" \"\n";
        assert_eq!(check(text), ["DL3051@\"\"", "DL3051@note="]);
    }

    #[test]
    fn expands_arg_defaults() {
        let text = "FROM alpine:3.20\nARG EMPTY=\"\"\nARG GIVEN\nLABEL rev=$EMPTY note=$GIVEN\n";
        assert_eq!(check(text), ["DL3051@$EMPTY"]);
    }
}

//! Labels and metadata.

mod label_email_invalid;
mod label_empty;
mod label_hash_invalid;
mod label_key_invalid;
mod label_missing;
mod label_not_in_schema;
mod label_semver_invalid;
mod label_spdx_invalid;
mod label_timestamp_invalid;
mod label_url_invalid;
mod spdx_ids;

pub use label_email_invalid::LabelEmailInvalid;
pub use label_empty::LabelEmpty;
pub use label_hash_invalid::LabelHashInvalid;
pub use label_key_invalid::LabelKeyInvalid;
pub use label_missing::LabelMissing;
pub use label_not_in_schema::LabelNotInSchema;
pub use label_semver_invalid::LabelSemverInvalid;
pub use label_spdx_invalid::LabelSpdxInvalid;
pub use label_timestamp_invalid::LabelTimestampInvalid;
pub use label_url_invalid::LabelUrlInvalid;

use crate::model::{Model, Value};
use crate::rule::Context;
use crate::settings::LabelType;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::TextRange;

/// One `key=value` pair of a top-level LABEL instruction.
pub(crate) struct LabelPair {
    /// Index of the LABEL in [`Model::instructions`].
    pub instruction_idx: usize,
    /// The key, quotes removed.
    pub key: String,
    pub key_range: TextRange,
    /// The value with quotes removed and variables expanded; `None` when a variable has no
    /// value known from the Dockerfile (an ARG without default: the build decides).
    pub value: Option<String>,
    /// The value as written, or the whole pair when the value is empty.
    pub value_range: TextRange,
}

/// Every pair of every top-level LABEL, in order.
pub(crate) fn label_pairs(model: &Model) -> Vec<LabelPair> {
    (0..model.instructions.len())
        .flat_map(|idx| label_pairs_at(model, idx))
        .collect()
}

/// The pairs of instruction `idx` when it is a LABEL, in order (empty for other instructions).
pub(crate) fn label_pairs_at(model: &Model, idx: usize) -> Vec<LabelPair> {
    let escape = model.escape;
    let mut out = Vec::new();
    let instruction = &model.instructions[idx];
    if matches!(instruction, Instruction::Label(_)) {
        for pair in instruction.key_values() {
            let (Some(raw_key), Some(key_range)) = (pair.raw_key(), pair.key_range()) else {
                continue;
            };
            // BuildKit expands variables in keys too; a key the build decides is not judged.
            let key = if raw_key.text.contains('$') {
                match model.scope_at(idx).expand(&raw_key.text, escape) {
                    Value::Known(k) => k,
                    Value::Unknown => continue,
                }
            } else {
                rlint_syntax::ast::unquote(&raw_key.text, escape).into_owned()
            };
            let raw = pair.raw_value().map(|v| v.text).unwrap_or_default();
            let value = if raw.contains('$') {
                match model.scope_at(idx).expand(&raw, escape) {
                    Value::Known(v) => Some(v),
                    Value::Unknown => None,
                }
            } else {
                Some(rlint_syntax::ast::unquote(&raw, escape).into_owned())
            };
            let value_range = pair
                .value_range()
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| pair.syntax().text_range());
            out.push(LabelPair {
                instruction_idx: idx,
                key,
                key_range,
                value,
                value_range,
            });
        }
    }
    out
}

/// Reports schema labels of type `label_type` set by instruction `idx` whose value `is_valid`
/// rejects. Empty values are left to `label-empty` (DL3051), values the build decides (unknown
/// ARGs) are skipped.
pub(crate) fn check_typed_labels(
    ctx: &mut Context<'_>,
    idx: usize,
    label_type: LabelType,
    is_valid: fn(&str) -> bool,
    message: fn(&str, &str) -> String,
) {
    let schema = &ctx.options.label_schema;
    let is_typed = |key: &str| {
        schema
            .iter()
            .any(|(name, t)| *t == label_type && name == key)
    };
    if !schema.iter().any(|(_, t)| *t == label_type) {
        return;
    }
    for pair in label_pairs_at(ctx.model, idx) {
        if !is_typed(&pair.key) {
            continue;
        }
        let Some(value) = pair.value.as_deref() else {
            continue;
        };
        if value.is_empty() || is_valid(value) {
            continue;
        }
        ctx.report(pair.value_range, message(&pair.key, value));
    }
}

/// Runs rule `code` alone with `schema` as label schema; returns `text-under-range: message`.
#[cfg(test)]
pub(crate) fn check_with_schema(
    code: &str,
    schema: &[(&str, LabelType)],
    text: &str,
) -> Vec<String> {
    use crate::settings::{RuleOptions, Selector, Settings};
    let settings = Settings {
        options: RuleOptions {
            label_schema: schema.iter().map(|(n, t)| (n.to_string(), *t)).collect(),
            ..RuleOptions::default()
        },
        select: vec![Selector(code.into())],
        ignore: vec![Selector("ALL".into())],
        ..Settings::default()
    };
    crate::lint(&rlint_syntax::parse(text), &settings)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| format!("{}: {}", &text[d.range], d.message))
        .collect()
}

// [group D] (keep this marker; add `mod x;` / `pub use` lines above it)

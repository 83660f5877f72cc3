//! Helpers shared by the BuildKit checks: variable references with source ranges, the
//! environments BuildKit expands with, and the comment block attached to each instruction.

use crate::model::{Model, Scope, AUTOMATIC_ARGS};
use rlint_syntax::ast::LogicalText;
use rlint_syntax::expand;
use rlint_syntax::{SyntaxKind, TextRange};

/// Variable references of a logical text, with their names and exact source ranges.
pub(crate) fn var_refs(text: &LogicalText, escape: char) -> Vec<(String, TextRange)> {
    expand::find_var_refs(&text.text, escape)
        .into_iter()
        .map(|r| (r.name, text.range_to_source(r.range)))
        .collect()
}

/// Whether `name` is defined for `FROM`: a global ARG (with or without default; `global` is
/// the scope of the FROM) or an automatic platform ARG.
pub(crate) fn defined_in_from(global: &Scope, name: &str) -> bool {
    global.contains(name) || AUTOMATIC_ARGS.contains(&name)
}

/// The `PATH` every Linux image has.
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The environment of a stage at some point: ENVs and ARGs with a known value, plus the
/// default `PATH` unless the stage set its own. It reads the scope in place: a copy of every
/// variable per instruction made these rules quadratic in a stage's length.
pub(crate) struct StageEnv<'a>(&'a Scope);

impl expand::Env for StageEnv<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .value(name)
            .or_else(|| (name == "PATH").then_some(DEFAULT_PATH))
    }
}

pub(crate) fn stage_env(scope: &Scope) -> StageEnv<'_> {
    StageEnv(scope)
}

/// For each top-level instruction, the comment lines BuildKit attaches to it (`PrevComment`):
/// comment lines since the previous instruction, `#` and surrounding blanks removed. A lone
/// `#` clears the collection, blank lines do not, and parser directives are not part of it.
pub(crate) fn attached_comments(model: &Model) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(model.instructions.len());
    let mut block: Vec<String> = Vec::new();
    model
        .root
        .for_each_item(|kind, _, token_text| match token_text {
            Some(text) if kind == SyntaxKind::COMMENT => {
                let text = text.trim_start().strip_prefix('#').unwrap_or("").trim();
                if text.is_empty() {
                    block.clear();
                } else {
                    block.push(text.to_string());
                }
            }
            None if kind.is_instruction() => out.push(std::mem::take(&mut block)),
            _ => {}
        });
    out.resize(model.instructions.len(), Vec::new());
    out
}

/// Whether lower-casing leaves `text` as it is (`text == text.to_lowercase()`, without
/// building the lower-cased text).
pub(crate) fn is_lowercase(text: &str) -> bool {
    // Keywords and names are nearly always ASCII, where the answer is a byte test.
    if text.is_ascii() {
        return !text.bytes().any(|b| b.is_ascii_uppercase());
    }
    text.chars()
        .all(|c| c.to_lowercase().eq(std::iter::once(c)))
}

/// Whether upper-casing leaves `text` as it is (see [`is_lowercase`]).
pub(crate) fn is_uppercase(text: &str) -> bool {
    if text.is_ascii() {
        return !text.bytes().any(|b| b.is_ascii_lowercase());
    }
    text.chars()
        .all(|c| c.to_uppercase().eq(std::iter::once(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-wise checks agree with comparing against `str::to_lowercase`/`to_uppercase`,
    /// including letters whose case mapping is not one char (ß, ﬁ) and Greek sigma.
    #[test]
    fn casing_checks_match_string_conversion() {
        for text in [
            "run", "RUN", "Run", "", "from_2", "straße", "STRASSE", "ﬁx", "ΣΑΣ", "σας",
        ] {
            assert_eq!(is_lowercase(text), text == text.to_lowercase(), "{text}");
            assert_eq!(is_uppercase(text), text == text.to_uppercase(), "{text}");
        }
    }
}

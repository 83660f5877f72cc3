//! Helpers shared by the BuildKit checks: variable references with source ranges, the
//! environments BuildKit expands with, and the comment block attached to each instruction.

use crate::model::{Base, Model, Scope, AUTOMATIC_ARGS};
use rlint_syntax::ast::LogicalText;
use rlint_syntax::expand::{self, ExpandOptions, Expansion};
use rlint_syntax::{SyntaxKind, TextRange};
use rowan::NodeOrToken;
use std::collections::HashMap;

/// The platform the reference data was checked for (`docker build --check` on linux/amd64).
pub(crate) const TARGET_PLATFORM: &str = "linux/amd64";

/// Values of the automatic platform ARGs for a linux/amd64 build on a linux/amd64 host.
pub(crate) fn automatic_values() -> Vec<(String, String)> {
    AUTOMATIC_ARGS
        .iter()
        .filter_map(|name| {
            let value = match *name {
                "TARGETPLATFORM" | "BUILDPLATFORM" => TARGET_PLATFORM,
                "TARGETOS" | "BUILDOS" => "linux",
                "TARGETARCH" | "BUILDARCH" => "amd64",
                "TARGETVARIANT" | "BUILDVARIANT" => "",
                "TARGETSTAGE" => "default",
                _ => return None,
            };
            Some((name.to_string(), value.to_string()))
        })
        .collect()
}

/// Variable references of a logical text, with their names and exact source ranges.
pub(crate) fn var_refs(text: &LogicalText, escape: char) -> Vec<(String, TextRange)> {
    expand::find_var_refs(&text.text, escape)
        .into_iter()
        .map(|r| (r.name, text.range_to_source(r.range)))
        .collect()
}

/// The environment BuildKit expands `FROM` with when no build args are given: the automatic
/// platform ARGs, then the global ARGs in order, each default expanded with what precedes it
/// (so `ARG FLAVOR=${TARGETARCH}` is `amd64`). A global ARG without default keeps an
/// automatic value of the same name and is otherwise unset.
pub(crate) fn from_env(model: &Model) -> HashMap<String, String> {
    let mut env: HashMap<String, String> = automatic_values().into_iter().collect();
    for (idx, instruction) in model.instructions.iter().enumerate() {
        if model.stage_of.get(idx).copied().flatten().is_some() {
            break;
        }
        if !matches!(instruction, rlint_syntax::ast::Instruction::Arg(_)) {
            continue;
        }
        for pair in instruction.key_values() {
            let Some(name) = pair.key(model.escape) else {
                continue;
            };
            let Some(raw) = pair.raw_value() else {
                continue;
            };
            // A default sees the earlier values, not an earlier value of its own name.
            env.remove(&name);
            if let Some(expansion) = expand_with(&raw.text, &env, model.escape) {
                env.insert(name, expansion.value);
            }
        }
    }
    env
}

/// For each stage, the earlier stage it is built `FROM`, with the image expanded as BuildKit
/// does (global ARG defaults and automatic platform ARGs: `FROM base-$TARGETARCH`). Computed
/// for all stages at once: the global ARGs are expanded once, not once per stage.
pub(crate) fn stage_parents(model: &Model) -> Vec<Option<usize>> {
    let mut env = None;
    model
        .stages
        .iter()
        .map(|stage| match stage.base {
            Base::Stage(parent) => Some(parent),
            Base::Scratch => None,
            Base::Image if !stage.image_text.contains('$') => None,
            Base::Image => {
                let env = env.get_or_insert_with(|| from_env(model));
                let value = expand_with(&stage.image_text, &*env, model.escape)?
                    .value
                    .to_lowercase();
                model.stages[..stage.index]
                    .iter()
                    .rev()
                    .find(|s| s.has_lower_name(&value))
                    .map(|s| s.index)
            }
        })
        .collect()
}

/// The stages stage `idx` is built from, nearest first (not `idx` itself), given
/// [`stage_parents`].
pub(crate) fn ancestors(parents: &[Option<usize>], idx: usize) -> Vec<usize> {
    let mut out = Vec::new();
    // Parents are earlier stages, so the walk descends; checking that (rather than searching
    // `out` for a cycle) keeps a long chain linear.
    let mut below = idx;
    let mut current = parents.get(idx).copied().flatten();
    while let Some(i) = current {
        if i >= below {
            break;
        }
        out.push(i);
        below = i;
        current = parents.get(i).copied().flatten();
    }
    out
}

/// Whether `name` is defined for `FROM`: a global ARG (with or without default; `global` is
/// the scope of the FROM) or an automatic platform ARG.
pub(crate) fn defined_in_from(global: &Scope, name: &str) -> bool {
    global.contains(name) || AUTOMATIC_ARGS.contains(&name)
}

/// Expands `text` with `env` like BuildKit's `ProcessWordWithMatches`.
pub(crate) fn expand_with(text: &str, env: &impl expand::Env, escape: char) -> Option<Expansion> {
    expand::process_word(
        text,
        env,
        ExpandOptions {
            escape,
            case_insensitive: false,
        },
    )
    .ok()
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
    for element in model.root.items() {
        match element {
            NodeOrToken::Token(token) if token.kind() == SyntaxKind::COMMENT => {
                let text = token
                    .text()
                    .trim_start()
                    .strip_prefix('#')
                    .unwrap_or("")
                    .trim();
                if text.is_empty() {
                    block.clear();
                } else {
                    block.push(text.to_string());
                }
            }
            NodeOrToken::Node(node) if node.kind().is_instruction() => {
                out.push(std::mem::take(&mut block));
            }
            _ => {}
        }
    }
    out.resize(model.instructions.len(), Vec::new());
    out
}

/// Whether lower-casing leaves `text` as it is (`text == text.to_lowercase()`, without
/// building the lower-cased text).
pub(crate) fn is_lowercase(text: &str) -> bool {
    text.chars()
        .all(|c| c.to_lowercase().eq(std::iter::once(c)))
}

/// Whether upper-casing leaves `text` as it is (see [`is_lowercase`]).
pub(crate) fn is_uppercase(text: &str) -> bool {
    text.chars()
        .all(|c| c.to_uppercase().eq(std::iter::once(c)))
}

/// Whether `text` is all lower case or all upper case, as BuildKit's casing checks want.
pub(crate) fn is_consistent_casing(text: &str) -> bool {
    is_lowercase(text) || is_uppercase(text)
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

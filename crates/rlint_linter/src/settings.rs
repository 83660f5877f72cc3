//! What a lint run is asked to do: which rules, at which severity, with which options.
//! Built by the front ends from config files and flags; the linter only reads it.

use crate::registry;
use crate::rule::{Level, RuleMeta};
use std::collections::HashMap;

/// A label the label schema requires, and the type its value must have (DL3049–DL3058).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelType {
    Text,
    Url,
    Semver,
    Hash,
    Rfc3339,
    Spdx,
    Email,
}

impl LabelType {
    pub fn parse(text: &str) -> Option<LabelType> {
        Some(match text {
            "" | "text" => LabelType::Text,
            "url" => LabelType::Url,
            "semver" => LabelType::Semver,
            "hash" => LabelType::Hash,
            "rfc3339" => LabelType::Rfc3339,
            "spdx" => LabelType::Spdx,
            "email" => LabelType::Email,
            _ => return None,
        })
    }
}

/// Options that rules read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOptions {
    /// Registries images may come from (DL3026); empty means the rule is inert.
    pub trusted_registries: Vec<String>,
    /// Required labels and their types (DL3049–DL3058).
    pub label_schema: Vec<(String, LabelType)>,
    /// Labels outside the schema are reported (DL3050).
    pub strict_labels: bool,
    /// The `.dockerignore` that applies to the Dockerfile (RL2017), parsed once: the front ends
    /// read it, the linter does no IO. Shared, since one file often serves many Dockerfiles.
    pub dockerignore: Option<std::sync::Arc<crate::rules::buildkit::dockerignore::Dockerignore>>,
    /// RL3006 also reports `pip install -r` without `--require-hashes` or a constraints file
    /// (off by default: hash-pinned requirements are rare).
    pub pip_require_hashes: bool,
}

/// A way to name rules: a code, a name, an alias, a code prefix (`DL30`) or `ALL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector(pub String);

impl Selector {
    pub fn matches(&self, meta: &RuleMeta) -> bool {
        let text = self.0.as_str();
        text.eq_ignore_ascii_case("all")
            || meta.is_named(text)
            || (is_code_prefix(text) && meta.code.starts_with(&text.to_ascii_uppercase()))
    }

    /// Whether this selector names at least one rule.
    pub fn is_known(&self) -> bool {
        registry::all().iter().any(|r| self.matches(r.meta()))
    }

    /// How specific the selector is: exact names beat prefixes beat `ALL`.
    fn specificity(&self, meta: &RuleMeta) -> usize {
        if self.0.eq_ignore_ascii_case("all") {
            0
        } else if meta.is_named(&self.0) {
            100
        } else {
            self.0.len()
        }
    }
}

fn is_code_prefix(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    (upper.starts_with("DL") || upper.starts_with("RL"))
        && upper[2..].bytes().all(|b| b.is_ascii_digit())
}

/// Everything that decides which findings a run reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// Rules to enable in addition to the defaults (`ALL` enables off-by-default rules too).
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    /// Per-rule severity overrides, keyed by code.
    pub severity: HashMap<&'static str, Level>,
    pub options: RuleOptions,
    /// Ignore `# hadolint ignore=` / `# rlint ignore=` comments.
    pub disable_ignore_pragma: bool,
}

impl Settings {
    /// The severity rule `meta` runs with, or `None` when it does not run.
    pub fn level(&self, meta: &RuleMeta) -> Option<Level> {
        // No selection, ignore or severity given (most runs): the rule's default. Asked for
        // every rule in every file linted.
        if self.select.is_empty() && self.ignore.is_empty() && self.severity.is_empty() {
            return (meta.severity != Level::Off).then_some(meta.severity);
        }
        let selected = self
            .select
            .iter()
            .filter(|s| s.matches(meta))
            .map(|s| s.specificity(meta))
            .max();
        let ignored = self
            .ignore
            .iter()
            .filter(|s| s.matches(meta))
            .map(|s| s.specificity(meta))
            .max();
        if let Some(ignored) = ignored {
            if selected.is_none_or(|s| s <= ignored) {
                return None;
            }
        }
        if let Some(level) = self.severity.get(meta.code) {
            return (*level != Level::Off).then_some(*level);
        }
        if meta.severity == Level::Off {
            // Opt-in rules run at warning level when selected.
            return selected.map(|_| Level::Warning);
        }
        Some(meta.severity)
    }

    /// Sets a severity for every rule `selector` names.
    pub fn set_severity(&mut self, selector: &Selector, level: Level) {
        for rule in registry::all() {
            if selector.matches(rule.meta()) {
                self.severity.insert(rule.meta().code, level);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for settings that select, ignore and re-grade nothing gives what the full
    /// lookup gives: an ignore that names no rule makes `level` take the full path.
    #[test]
    fn empty_settings_give_what_the_full_lookup_gives() {
        let plain = Settings::default();
        let full = Settings {
            ignore: vec![Selector("no-such-rule".into())],
            ..Settings::default()
        };
        for rule in registry::all() {
            let meta = rule.meta();
            assert_eq!(plain.level(meta), full.level(meta), "{}", meta.code);
        }
        assert!(registry::all()
            .iter()
            .any(|rule| plain.level(rule.meta()).is_none()));
    }
}

//! A finding: code, severity, message, exact range, optional fix and related locations.

use crate::rule::Level;
use rlint_syntax::TextRange;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Level,
    pub message: String,
    pub range: TextRange,
    pub fix: Option<Fix>,
    /// Other places that explain the finding, with a note each.
    pub related: Vec<(TextRange, String)>,
}

/// Text edits that resolve a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// An imperative title: "Add `--no-install-recommends`".
    pub title: String,
    pub edits: Vec<Edit>,
    pub safety: Safety,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    Safe,
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub replacement: String,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            safety: Safety::Safe,
        }
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            safety: Safety::Unsafe,
        }
    }
}

impl Edit {
    pub fn replace(range: TextRange, replacement: impl Into<String>) -> Edit {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: rlint_syntax::TextSize, text: impl Into<String>) -> Edit {
        Edit {
            range: TextRange::empty(at),
            replacement: text.into(),
        }
    }

    pub fn delete(range: TextRange) -> Edit {
        Edit {
            range,
            replacement: String::new(),
        }
    }
}

/// Applies non-overlapping edits to `text` (edits sorted by start; overlapping ones are skipped).
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start(), e.range.end()));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for edit in edits {
        let start = usize::from(edit.range.start());
        let end = usize::from(edit.range.end());
        if start < pos || end > text.len() {
            continue;
        }
        out.push_str(&text[pos..start]);
        out.push_str(&edit.replacement);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

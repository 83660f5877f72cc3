//! Core types to LSP types: diagnostics, severities, fixes.

use crate::document::{Document, Encoding};
use rlint_linter::{Diagnostic, Level, Safety, Source};
use serde_json::json;
use std::collections::HashMap;
use std::sync::OnceLock;
use tower_lsp::lsp_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, TextEdit, Url, WorkspaceEdit,
};

pub fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Info => DiagnosticSeverity::INFORMATION,
        Level::Style | Level::Off => DiagnosticSeverity::HINT,
    }
}

/// The hadolint wiki page of a `DLxxxx` rule. Parsed once per code: a 20,000-line file can
/// carry thousands of DL findings, and each publish would parse the same URLs again.
pub fn code_href(code: &str) -> Option<Url> {
    static HREFS: OnceLock<HashMap<&'static str, Url>> = OnceLock::new();
    HREFS
        .get_or_init(|| {
            // Rules that carry hadolint's code; an rlint rule only aliased to one (RL1010 for
            // DL3043) keeps its own code and gets no wiki link.
            rlint_linter::registry::all()
                .iter()
                .map(|rule| rule.meta())
                .filter(|meta| meta.source == Source::Hadolint(meta.code))
                .map(|meta| meta.code)
                .filter_map(|code| {
                    let href = format!("https://github.com/hadolint/hadolint/wiki/{code}");
                    Some((code, Url::parse(&href).ok()?))
                })
                .collect()
        })
        .get(code)
        .cloned()
}

pub fn text_edits(
    doc: &Document,
    edits: &[rlint_linter::Edit],
    encoding: Encoding,
) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| TextEdit::new(doc.range(edit.range, encoding), edit.replacement.clone()))
        .collect()
}

pub fn workspace_edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

pub fn diagnostic(
    uri: &Url,
    doc: &Document,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .map(|(range, message)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), doc.range(*range, encoding)),
            message: message.clone(),
        })
        .collect();
    // Only fixable findings carry data, and only the fix's title and safety: code actions
    // compute edits from the server's own findings, and a large publish (thousands of
    // findings) pays for every value here twice, once more inside tower-lsp.
    let data = diagnostic.fix.as_ref().map(|fix| {
        json!({
            "name": diagnostic.name,
            "fix": { "title": fix.title, "safe": fix.safety == Safety::Safe },
        })
    });
    lsp::Diagnostic {
        range: doc.range(diagnostic.range, encoding),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.to_string())),
        code_description: code_href(diagnostic.code).map(|href| CodeDescription { href }),
        source: Some("rlint".to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

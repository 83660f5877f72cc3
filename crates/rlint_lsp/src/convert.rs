//! Core types to LSP types: diagnostics, severities, fixes.

use crate::document::{Document, Encoding};
use rlint_linter::{Diagnostic, Level, Safety};
use serde_json::json;
use std::collections::HashMap;
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

/// The hadolint wiki page of a `DLxxxx` rule.
pub fn code_href(code: &str) -> Option<Url> {
    let is_dl =
        code.len() == 6 && code.starts_with("DL") && code[2..].bytes().all(|b| b.is_ascii_digit());
    if !is_dl {
        return None;
    }
    Url::parse(&format!("https://github.com/hadolint/hadolint/wiki/{code}")).ok()
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
    let fix = diagnostic.fix.as_ref().map(|fix| {
        json!({
            "title": fix.title,
            "safe": fix.safety == Safety::Safe,
            "edits": text_edits(doc, &fix.edits, encoding),
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
        data: Some(json!({
            "code": diagnostic.code,
            "name": diagnostic.name,
            "version": doc.version,
            "fix": fix,
        })),
    }
}

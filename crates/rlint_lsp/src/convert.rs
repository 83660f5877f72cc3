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
pub fn code_href(code: &str) -> Option<&'static Url> {
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
        code_description: code_href(diagnostic.code)
            .map(|href| CodeDescription { href: href.clone() }),
        source: Some("rlint".to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

/// The JSON array of `diagnostics` as LSP diagnostics: the same JSON as serialising
/// [`diagnostic`]'s values, written from borrowed parts. A pulled report of a 20,000-line file
/// holds about 5,000 findings; building owned `lsp_types` values first cost as much again as
/// writing them.
pub fn diagnostics_json(
    uri: &Url,
    doc: &Document,
    diagnostics: &[Diagnostic],
    encoding: Encoding,
) -> Vec<u8> {
    let items: Vec<DiagnosticJson<'_>> = diagnostics
        .iter()
        .map(|d| DiagnosticJson {
            range: doc.range(d.range, encoding),
            severity: severity(d.severity),
            code: d.code,
            code_description: code_href(d.code).map(|href| Href {
                href: href.as_str(),
            }),
            source: "rlint",
            message: &d.message,
            related_information: d
                .related
                .iter()
                .map(|(range, message)| RelatedJson {
                    location: LocationJson {
                        uri: uri.as_str(),
                        range: doc.range(*range, encoding),
                    },
                    message,
                })
                .collect(),
            data: d.fix.as_ref().map(|fix| DataJson {
                name: d.name,
                fix: FixJson {
                    title: &fix.title,
                    safe: fix.safety == Safety::Safe,
                },
            }),
        })
        .collect();
    let mut out = Vec::with_capacity(diagnostics.len() * 320);
    // Serialising plain structs of strings, numbers and booleans into memory cannot fail.
    serde_json::to_writer(&mut out, &items).expect("diagnostics serialise");
    out
}

/// `lsp_types::Diagnostic`'s fields, in its order and with its names.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct DiagnosticJson<'a> {
    range: lsp::Range,
    severity: DiagnosticSeverity,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<Href<'a>>,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_information: Vec<RelatedJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<DataJson<'a>>,
}

#[derive(serde::Serialize)]
struct Href<'a> {
    href: &'a str,
}

#[derive(serde::Serialize)]
struct RelatedJson<'a> {
    location: LocationJson<'a>,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct LocationJson<'a> {
    uri: &'a str,
    range: lsp::Range,
}

#[derive(serde::Serialize)]
struct DataJson<'a> {
    name: &'a str,
    fix: FixJson<'a>,
}

#[derive(serde::Serialize)]
struct FixJson<'a> {
    title: &'a str,
    safe: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The borrowed JSON equals the owned values' JSON, for findings with and without a wiki
    /// link, related locations and fixes, on text with multibyte characters.
    #[test]
    fn diagnostics_json_equals_serialised_lsp_diagnostics() {
        let text = "FROM ubuntu\nFROM alpine AS a\nFROM alpine AS a\nRUN apt-get install curl # é😀\nRUN cd /x\n";
        let parse = rlint_syntax::parse(text);
        let diagnostics = rlint_linter::lint(&parse, &rlint_linter::Settings::default());
        assert!(diagnostics.iter().any(|d| d.fix.is_some()));
        assert!(diagnostics.iter().any(|d| !d.related.is_empty()));
        assert!(diagnostics.iter().any(|d| code_href(d.code).is_none()));
        let uri = Url::parse("file:///work/Dockerfile").unwrap();
        let doc = Document::new(text.to_string(), 1);
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let owned: Vec<lsp::Diagnostic> = diagnostics
                .iter()
                .map(|d| diagnostic(&uri, &doc, d, encoding))
                .collect();
            let written: serde_json::Value =
                serde_json::from_slice(&diagnostics_json(&uri, &doc, &diagnostics, encoding))
                    .unwrap();
            assert_eq!(written, serde_json::to_value(&owned).unwrap());
        }
    }
}

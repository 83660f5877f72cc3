//! Core types to LSP types: diagnostics, severities, fixes.

use crate::document::{Document, Encoding};
use rlint_linter::{Diagnostic, Level, Safety, Source};

use std::collections::HashMap;
use std::sync::OnceLock;
use tower_lsp::lsp_types::{self as lsp, DiagnosticSeverity, TextEdit, Url, WorkspaceEdit};

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

/// One finding as an owned LSP diagnostic (code actions attach it). Built from the same
/// borrowed form as [`diagnostics_json`], so the two cannot drift apart.
pub fn diagnostic(
    uri: &Url,
    doc: &Document,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let value = serde_json::to_value(diagnostic_json(uri, doc, diagnostic, encoding));
    // The borrowed form has lsp_types' field names and types: it always reads back.
    serde_json::from_value(value.expect("diagnostic serialises")).expect("LSP diagnostic shape")
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
    use serde::Serializer;
    let mut out = Vec::with_capacity(diagnostics.len() * 320);
    // Each finding is converted as it is written: a list of the converted ones first was a
    // megabyte more to allocate per report on a large file. Serialising plain structs of
    // strings, numbers and booleans into memory cannot fail.
    serde_json::Serializer::new(&mut out)
        .collect_seq(
            diagnostics
                .iter()
                .map(|d| diagnostic_json(uri, doc, d, encoding)),
        )
        .expect("diagnostics serialise");
    out
}

/// `d` as LSP sends it. Only fixable findings carry data, and only the fix's title and
/// safety: code actions compute edits from the server's own findings.
fn diagnostic_json<'a>(
    uri: &'a Url,
    doc: &Document,
    d: &'a Diagnostic,
    encoding: Encoding,
) -> DiagnosticJson<'a> {
    DiagnosticJson {
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
    }
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

    /// The JSON has LSP's field names and shapes: UTF-16 or UTF-8 columns after multibyte
    /// text, a wiki link only for hadolint codes, related locations, fix data; and the owned
    /// form reads the same values back.
    #[test]
    fn diagnostics_json_has_the_lsp_shape() {
        use serde_json::json;
        let text = "FROM alpine as a\nFROM alpine AS a\nRUN echo é😀 && apt-get install curl\n";
        let parse = rlint_syntax::parse(text);
        let diagnostics = rlint_linter::lint(&parse, &rlint_linter::Settings::default());
        let uri = Url::parse("file:///work/Dockerfile").unwrap();
        let doc = Document::new(text.to_string(), 1);
        let find = |items: &serde_json::Value, code: &str| -> serde_json::Value {
            items
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["code"] == code)
                .unwrap_or_else(|| panic!("no {code} in {items}"))
                .clone()
        };
        for (encoding, start) in [(Encoding::Utf16, 16), (Encoding::Utf8, 19)] {
            let items: serde_json::Value =
                serde_json::from_slice(&diagnostics_json(&uri, &doc, &diagnostics, encoding))
                    .unwrap();
            // `apt-get` is the 16th character of its line; `😀` is two UTF-16 units, and `é`
            // and `😀` are six bytes.
            let missing_yes = find(&items, "DL3014");
            assert_eq!(
                missing_yes["range"]["start"],
                json!({"line": 2, "character": start})
            );
            assert_eq!(missing_yes["severity"], 2);
            assert_eq!(missing_yes["source"], "rlint");
            assert_eq!(
                missing_yes["codeDescription"]["href"],
                "https://github.com/hadolint/hadolint/wiki/DL3014"
            );
            assert_eq!(missing_yes["data"]["name"], "apt-get-missing-yes");
            assert_eq!(missing_yes["data"]["fix"]["safe"], true);
            assert!(missing_yes["data"]["fix"]["title"].is_string());
            assert!(missing_yes.get("relatedInformation").is_none());
            // The duplicate stage name points back at the first one; an rlint-only code has
            // no wiki link.
            let duplicate = find(&items, "DL3024");
            let related = &duplicate["relatedInformation"][0];
            assert_eq!(related["location"]["uri"], "file:///work/Dockerfile");
            assert_eq!(related["location"]["range"]["start"]["line"], 0);
            assert!(related["message"].is_string());
            let own = items
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["code"].as_str().is_some_and(|c| c.starts_with("RL")))
                .expect("an rlint finding");
            assert!(own.get("codeDescription").is_none(), "{own}");
            // The owned form used by code actions has the same values, one for one.
            assert_eq!(items.as_array().unwrap().len(), diagnostics.len());
            for (d, item) in diagnostics.iter().zip(items.as_array().unwrap()) {
                let owned = serde_json::to_value(diagnostic(&uri, &doc, d, encoding)).unwrap();
                assert_eq!(&owned, item);
            }
        }
        assert_eq!(diagnostics_json(&uri, &doc, &[], Encoding::Utf8), b"[]");
    }
}

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

/// One finding as an owned LSP diagnostic (code actions attach it), read back from the derived
/// borrowed form; a test checks that [`diagnostics_json`] writes the same bytes as that form.
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
/// [`diagnostic`]'s values (the tests compare the two), written by hand. A pulled report of a
/// 20,000-line file holds about 5,000 findings and is written again after every edit: building
/// owned `lsp_types` values first cost as much again as writing them, and serde's escape loop
/// over every name, code and link was the largest part of the rest.
pub fn diagnostics_json(
    uri: &Url,
    doc: &Document,
    diagnostics: &[Diagnostic],
    encoding: Encoding,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(diagnostics.len() * 320 + 2);
    // Escaped once: related locations name the document.
    let mut uri_json = Vec::new();
    rlint_syntax::write_json_string(&mut uri_json, uri.as_str());
    out.push(b'[');
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_diagnostic(&mut out, &uri_json, doc, d, encoding);
    }
    out.push(b']');
    out
}

/// One diagnostic as [`DiagnosticJson`] serialises it, field for field.
fn write_diagnostic(
    out: &mut Vec<u8>,
    uri_json: &[u8],
    doc: &Document,
    d: &Diagnostic,
    encoding: Encoding,
) {
    out.extend_from_slice(b"{\"range\":");
    write_range(out, doc.range(d.range, encoding));
    out.extend_from_slice(b",\"severity\":");
    // A number; serialising it into memory cannot fail.
    serde_json::to_writer(&mut *out, &severity(d.severity)).expect("a severity serialises");
    out.extend_from_slice(b",\"code\":");
    rlint_syntax::write_json_string(out, d.code);
    if let Some(href) = code_href(d.code) {
        out.extend_from_slice(b",\"codeDescription\":{\"href\":");
        rlint_syntax::write_json_string(out, href.as_str());
        out.push(b'}');
    }
    out.extend_from_slice(b",\"source\":\"rlint\",\"message\":");
    rlint_syntax::write_json_string(out, &d.message);
    if !d.related.is_empty() {
        out.extend_from_slice(b",\"relatedInformation\":[");
        for (i, (range, message)) in d.related.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"location\":{\"uri\":");
            out.extend_from_slice(uri_json);
            out.extend_from_slice(b",\"range\":");
            write_range(out, doc.range(*range, encoding));
            out.extend_from_slice(b"},\"message\":");
            rlint_syntax::write_json_string(out, message);
            out.push(b'}');
        }
        out.push(b']');
    }
    if let Some(fix) = &d.fix {
        out.extend_from_slice(b",\"data\":{\"name\":");
        rlint_syntax::write_json_string(out, d.name);
        out.extend_from_slice(b",\"fix\":{\"title\":");
        rlint_syntax::write_json_string(out, &fix.title);
        out.extend_from_slice(if fix.safety == Safety::Safe {
            b",\"safe\":true}}"
        } else {
            b",\"safe\":false}}"
        });
    }
    out.push(b'}');
}

fn write_range(out: &mut Vec<u8>, range: lsp::Range) {
    let mut number = itoa::Buffer::new();
    out.extend_from_slice(b"{\"start\":{\"line\":");
    out.extend_from_slice(number.format(range.start.line).as_bytes());
    out.extend_from_slice(b",\"character\":");
    out.extend_from_slice(number.format(range.start.character).as_bytes());
    out.extend_from_slice(b"},\"end\":{\"line\":");
    out.extend_from_slice(number.format(range.end.line).as_bytes());
    out.extend_from_slice(b",\"character\":");
    out.extend_from_slice(number.format(range.end.character).as_bytes());
    out.extend_from_slice(b"}}");
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

    /// The hand-written array is byte for byte what serde writes for the derived form: for
    /// findings with and without links, related locations, safe and unsafe fixes, and text
    /// that needs escaping, after multibyte text, in both encodings.
    #[test]
    fn diagnostics_json_is_what_serde_writes() {
        let text = "from alpine as a\nFROM alpine AS a\n\
                    RUN echo \"é😀\" \\\n && apt-get install curl\n\
                    MAINTAINER me\nADD x.tar.gz /\n\
                    RUN cd /tmp && wget http://x/\"q\"\nENV A=1 B=$C\nCMD echo hi\n";
        let parse = rlint_syntax::parse(text);
        let settings = rlint_linter::Settings {
            select: vec![rlint_linter::Selector("ALL".into())],
            ..rlint_linter::Settings::default()
        };
        let diagnostics = rlint_linter::lint(&parse, &settings);
        assert!(diagnostics.iter().any(|d| !d.related.is_empty()));
        assert!(diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.safety == Safety::Safe)));
        assert!(diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.safety == Safety::Unsafe)));
        assert!(diagnostics.iter().any(|d| code_href(d.code).is_none()));
        assert!(diagnostics.iter().any(|d| code_href(d.code).is_some()));
        // DL3025's message shows the exec form, quotes and all.
        assert!(diagnostics.iter().any(|d| d.message.contains('"')));
        let uri = Url::parse("file:///work/a%20b/Dockerfile").unwrap();
        let doc = Document::new(text.to_string(), 1);
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let ours = diagnostics_json(&uri, &doc, &diagnostics, encoding);
            let derived: Vec<DiagnosticJson<'_>> = diagnostics
                .iter()
                .map(|d| diagnostic_json(&uri, &doc, d, encoding))
                .collect();
            let theirs = serde_json::to_vec(&derived).unwrap();
            assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
        }
        let empty = diagnostics_json(&uri, &doc, &[], Encoding::Utf16);
        assert_eq!(empty, b"[]");
    }

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

//! Code actions: each rule fix as a quick fix, ignore comments for an instruction or the whole
//! file, and `source.fixAll.rlint` (every safe fix that does not overlap another).

use crate::convert;
use crate::server::{Snapshot, FIX_ALL_KIND};
use rlint_linter::{Diagnostic, Edit, Safety};
use rlint_syntax::ast::AstNode;
use rlint_syntax::{SyntaxKind, TextSize};
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
};

pub fn code_actions(snapshot: &Snapshot, params: &CodeActionParams) -> Option<CodeActionResponse> {
    let doc = &snapshot.doc;
    let only = params.context.only.as_deref();
    let wants = |kind: &str| {
        only.is_none_or(|kinds| {
            kinds.iter().any(|k| {
                let k = k.as_str();
                kind == k
                    || kind
                        .strip_prefix(k)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let requested = doc.text_range(params.range, snapshot.encoding);
    let diagnostics = snapshot.diagnostics();
    let mut actions = Vec::new();
    if wants(CodeActionKind::QUICKFIX.as_str()) {
        let mut ignored_codes: Vec<&str> = Vec::new();
        for diagnostic in diagnostics.iter() {
            let touches = diagnostic.range.start() <= requested.end()
                && requested.start() <= diagnostic.range.end();
            if !touches {
                continue;
            }
            let lsp_diagnostic =
                convert::diagnostic(&snapshot.uri, doc, diagnostic, snapshot.encoding);
            if let Some(fix) = &diagnostic.fix {
                actions.push(action(
                    snapshot,
                    fix.title.clone(),
                    CodeActionKind::QUICKFIX,
                    &fix.edits,
                    Some(lsp_diagnostic.clone()),
                    fix.safety == Safety::Safe,
                ));
            }
            if ignored_codes.contains(&diagnostic.code) {
                continue;
            }
            ignored_codes.push(diagnostic.code);
            if let Some(edit) = ignore_instruction_edit(&doc.text, &doc.parse, diagnostic) {
                actions.push(action(
                    snapshot,
                    format!("Ignore {} for this instruction", diagnostic.code),
                    CodeActionKind::QUICKFIX,
                    &[edit],
                    Some(lsp_diagnostic.clone()),
                    false,
                ));
            }
            actions.push(action(
                snapshot,
                format!("Ignore {} in this file", diagnostic.code),
                CodeActionKind::QUICKFIX,
                &[ignore_file_edit(&doc.text, &doc.parse, diagnostic.code)],
                Some(lsp_diagnostic),
                false,
            ));
        }
    }
    if wants(FIX_ALL_KIND) {
        let edits = fix_all_edits(&diagnostics);
        if !edits.is_empty() {
            actions.push(action(
                snapshot,
                "Fix all safe rlint problems".to_string(),
                CodeActionKind::new(FIX_ALL_KIND),
                &edits,
                None,
                false,
            ));
        }
    }
    Some(actions)
}

fn action(
    snapshot: &Snapshot,
    title: String,
    kind: CodeActionKind,
    edits: &[Edit],
    diagnostic: Option<tower_lsp::lsp_types::Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let text_edits = convert::text_edits(&snapshot.doc, edits, snapshot.encoding);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(convert::workspace_edit(&snapshot.uri, text_edits)),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// Every safe fix, skipping any fix one of whose edits overlaps an edit already taken.
pub fn fix_all_edits(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut fixes: Vec<&rlint_linter::Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.safety == Safety::Safe && !fix.edits.is_empty())
        .collect();
    fixes.sort_by_key(|fix| fix.edits.iter().map(|e| e.range.start()).min());
    let mut taken: Vec<Edit> = Vec::new();
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|edit| {
            taken.iter().any(|t| {
                let touching =
                    t.range.start() < edit.range.end() && edit.range.start() < t.range.end();
                // Two insertions at the same point, or an insertion at a replaced range's
                // edge, have no defined order.
                touching || t.range.start() == edit.range.start() || t.range == edit.range
            })
        });
        if !overlaps {
            taken.extend(fix.edits.iter().cloned());
        }
    }
    taken.sort_by_key(|e| (e.range.start(), e.range.end()));
    taken
}

/// The start of the line containing `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The line terminator used by the line starting at `start` (`\n` when it has none).
fn line_ending(text: &str, start: usize) -> &'static str {
    match text[start..].find('\n') {
        Some(i) if i > 0 && text.as_bytes()[start + i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// `# rlint ignore=CODE` on its own line above the instruction holding the finding, with the
/// instruction's indentation; added to an ignore comment directly above when there is one.
fn ignore_instruction_edit(
    text: &str,
    parse: &rlint_syntax::Parse,
    diagnostic: &Diagnostic,
) -> Option<Edit> {
    let start = diagnostic.range.start();
    let instruction = parse.tree().instructions().find(|i| {
        let range = i.syntax().text_range();
        range.start() <= start && start < range.end()
    })?;
    let instruction_start = usize::from(instruction.content_range().start()).min(text.len());
    let line = line_start(text, instruction_start);
    let indent: String = text[line..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    if line > 0 {
        let previous = line_start(text, line - 1);
        let previous_text = text[previous..line].trim_end_matches(['\n', '\r']);
        let trimmed = previous_text.trim_start_matches([' ', '\t']);
        let lead = previous_text.len() - trimmed.len();
        if let Some(codes) = trimmed.strip_prefix("# rlint ignore=") {
            let codes_len = codes.find([' ', '\t']).unwrap_or(codes.len());
            let at = previous + lead + "# rlint ignore=".len() + codes_len;
            return Some(Edit::insert(
                TextSize::from(at as u32),
                format!(",{}", diagnostic.code),
            ));
        }
    }
    let newline = line_ending(text, line);
    Some(Edit::insert(
        TextSize::from(line as u32),
        format!("{indent}# rlint ignore={}{newline}", diagnostic.code),
    ))
}

/// `# rlint global ignore=CODE` on its own line after the parser directives.
fn ignore_file_edit(text: &str, parse: &rlint_syntax::Parse, code: &str) -> Edit {
    let directives_end = parse
        .syntax()
        .children()
        .filter(|n| n.kind() == SyntaxKind::DIRECTIVE)
        .map(|n| usize::from(n.text_range().end()))
        .max();
    let Some(end) = directives_end else {
        let newline = line_ending(text, 0);
        return Edit::insert(0.into(), format!("# rlint global ignore={code}{newline}"));
    };
    let end = end.min(text.len());
    match text[end..].find('\n') {
        Some(i) => {
            let newline = if i > 0 && text.as_bytes()[end + i - 1] == b'\r' {
                "\r\n"
            } else {
                "\n"
            };
            let at = end + i + 1;
            Edit::insert(
                TextSize::from(at as u32),
                format!("# rlint global ignore={code}{newline}"),
            )
        }
        None => Edit::insert(
            TextSize::from(text.len() as u32),
            format!("\n# rlint global ignore={code}\n"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rlint_linter::{apply_edits, Fix};
    use rlint_syntax::TextRange;

    fn diagnostic_at(text: &str, needle: &str, code: &'static str) -> Diagnostic {
        let start = text.find(needle).unwrap() as u32;
        Diagnostic {
            code,
            name: "x",
            severity: rlint_linter::Level::Warning,
            message: String::new(),
            range: TextRange::at(start.into(), (needle.len() as u32).into()),
            fix: None,
            related: Vec::new(),
        }
    }

    #[test]
    fn ignore_instruction_keeps_indentation_and_line_endings() {
        let text = "FROM a\r\n  RUN apt-get install x\r\n";
        let parse = rlint_syntax::parse(text);
        let d = diagnostic_at(text, "apt-get", "DL3008");
        let edit = ignore_instruction_edit(text, &parse, &d).unwrap();
        assert_eq!(
            apply_edits(text, &[edit]),
            "FROM a\r\n  # rlint ignore=DL3008\r\n  RUN apt-get install x\r\n"
        );
    }

    #[test]
    fn ignore_instruction_extends_an_existing_comment() {
        let text = "FROM a\n# rlint ignore=DL3009 # why\nRUN apt-get install x\n";
        let parse = rlint_syntax::parse(text);
        let d = diagnostic_at(text, "apt-get", "DL3008");
        let edit = ignore_instruction_edit(text, &parse, &d).unwrap();
        assert_eq!(
            apply_edits(text, &[edit]),
            "FROM a\n# rlint ignore=DL3009,DL3008 # why\nRUN apt-get install x\n"
        );
    }

    #[test]
    fn ignore_file_goes_after_directives() {
        let text = "# syntax=docker/dockerfile:1\n# escape=\\\nFROM a\n";
        let parse = rlint_syntax::parse(text);
        let edit = ignore_file_edit(text, &parse, "DL3006");
        assert_eq!(
            apply_edits(text, &[edit]),
            "# syntax=docker/dockerfile:1\n# escape=\\\n# rlint global ignore=DL3006\nFROM a\n"
        );
        let text = "FROM a\n";
        let edit = ignore_file_edit(text, &rlint_syntax::parse(text), "DL3006");
        assert_eq!(
            apply_edits(text, &[edit]),
            "# rlint global ignore=DL3006\nFROM a\n"
        );
    }

    #[test]
    fn fix_all_skips_overlapping_and_unsafe_fixes() {
        let text = "FROM a\nRUN x\n";
        let mut first = diagnostic_at(text, "RUN", "A");
        first.fix = Some(Fix::safe("a", vec![Edit::replace(first.range, "run")]));
        let mut second = diagnostic_at(text, "RUN x", "B");
        second.fix = Some(Fix::safe("b", vec![Edit::replace(second.range, "RUN y")]));
        let mut third = diagnostic_at(text, "a", "C");
        third.fix = Some(Fix::unsafe_("c", vec![Edit::replace(third.range, "b")]));
        let edits = fix_all_edits(&[first, second, third]);
        assert_eq!(apply_edits(text, &edits), "FROM a\nrun x\n");
    }
}

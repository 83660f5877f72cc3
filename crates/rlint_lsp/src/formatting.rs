//! Formatting: whole-document and range formatting with `rlint_syntax::format`, which only
//! changes what BuildKit ignores (keyword case, blank runs between elements, trailing blanks,
//! continuation indentation in the client's `tabSize` / `insertSpaces`).

use crate::server::Snapshot;
use rlint_syntax::format::FormatOptions;
use tower_lsp::lsp_types::{FormattingOptions, Range, TextEdit};

fn options(options: &FormattingOptions) -> FormatOptions {
    FormatOptions {
        tab_size: options.tab_size.clamp(1, 16),
        insert_spaces: options.insert_spaces,
    }
}

fn to_lsp(snapshot: &Snapshot, edits: Vec<(rlint_syntax::TextRange, String)>) -> Vec<TextEdit> {
    edits
        .into_iter()
        .map(|(range, new_text)| {
            TextEdit::new(snapshot.doc.range(range, snapshot.encoding), new_text)
        })
        .collect()
}

pub fn formatting(snapshot: &Snapshot, formatting: &FormattingOptions) -> Vec<TextEdit> {
    let edits = rlint_syntax::format::format_with(&snapshot.doc.parse, &options(formatting));
    to_lsp(snapshot, edits)
}

pub fn range_formatting(
    snapshot: &Snapshot,
    range: Range,
    formatting: &FormattingOptions,
) -> Vec<TextEdit> {
    let range = snapshot.doc.text_range(range, snapshot.encoding);
    let edits =
        rlint_syntax::format::format_range(&snapshot.doc.parse, range, &options(formatting));
    to_lsp(snapshot, edits)
}

/// After Enter on a continued line (the previous line ends with the escape character), indents
/// the new line by one level unless it is indented already.
pub fn on_type_formatting(
    snapshot: &Snapshot,
    position: tower_lsp::lsp_types::Position,
    formatting: &FormattingOptions,
) -> Vec<TextEdit> {
    let doc = &snapshot.doc;
    if position.line == 0 {
        return Vec::new();
    }
    let line_start = doc.offset(
        tower_lsp::lsp_types::Position::new(position.line, 0),
        snapshot.encoding,
    );
    let Some(before) = usize::from(line_start).checked_sub(1) else {
        return Vec::new();
    };
    let continued = doc
        .parse
        .syntax()
        .token_at_offset(rlint_syntax::TextSize::from(before as u32))
        .any(|t| t.kind() == rlint_syntax::SyntaxKind::LINE_CONTINUATION);
    if !continued {
        return Vec::new();
    }
    let rest = &doc.text[usize::from(line_start)..];
    let indent_len = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let current = &rest[..indent_len];
    let options = options(formatting);
    let width: usize = current
        .chars()
        .map(|c| {
            if c == '\t' {
                options.tab_size as usize
            } else {
                1
            }
        })
        .sum();
    if width >= options.tab_size as usize {
        return Vec::new();
    }
    let range =
        rlint_syntax::TextRange::at(line_start, rlint_syntax::TextSize::from(indent_len as u32));
    vec![TextEdit::new(
        doc.range(range, snapshot.encoding),
        options.indent_for(current),
    )]
}

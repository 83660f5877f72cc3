//! An open document: its text, version, parse and line index, and the position conversions
//! between byte offsets and LSP positions in the negotiated encoding.

use rlint_syntax::{LineIndex, Parse, TextEdit, TextRange, TextSize};
use std::sync::Arc;
use tower_lsp::lsp_types::{Position, Range};

/// How LSP positions count columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Bytes.
    Utf8,
}

/// One open document. Holds only `Send` data: the green tree, never red nodes.
#[derive(Debug, Clone)]
pub struct Document {
    /// Shared with the models built from it; an `Arc<String>` takes the reparsed text without
    /// copying it (an `Arc<str>` copied the whole text, 640 KB at 20,000 lines, per edit).
    pub text: Arc<String>,
    pub version: i32,
    pub parse: Parse,
    pub index: Arc<LineIndex>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        let parse = rlint_syntax::parse(&text);
        let index = Arc::new(LineIndex::new(&text));
        Document {
            text: text.into(),
            version,
            parse,
            index,
        }
    }

    /// Applies one content change: a ranged edit, or the whole text when `range` is `None`.
    /// Out-of-bounds positions are clamped.
    pub fn apply_change(&mut self, range: Option<Range>, new_text: String, encoding: Encoding) {
        // A whole text replaces the whole document; the reparse narrows any edit to the part
        // that differs, so the caches keyed on untouched nodes keep working.
        let delete = match range {
            None => TextRange::up_to(TextSize::of(&*self.text)),
            Some(range) => self.text_range(range, encoding),
        };
        let edit = TextEdit::replace(delete, new_text);
        // A bug in the incremental path must not desynchronise the document.
        let reparsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.parse.reparse(&self.text, &edit)
        }));
        let (parse, text) = match reparsed {
            Ok((parse, text, _)) => (parse, text),
            Err(_) => {
                crate::log("internal error: incremental reparse panicked; parsing fully");
                let text = edit.apply(&self.text);
                (rlint_syntax::parse(&text), text)
            }
        };
        self.index = Arc::new(LineIndex::new(&text));
        self.parse = parse;
        self.text = text.into();
    }

    /// The byte offset of `position`, clamped into the text: a line past the end gives the end
    /// of the text, a column past the end of its line gives the end of the line (before `\r\n`),
    /// and a column inside a character gives the start of that character.
    pub fn offset(&self, position: Position, encoding: Encoding) -> TextSize {
        let text_len = TextSize::of(&*self.text);
        let Some(line) = self.index.line(position.line) else {
            return text_len;
        };
        let line_text = &self.text[line];
        let line_text = line_text.strip_suffix('\n').unwrap_or(line_text);
        let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
        let mut remaining = position.character as usize;
        let mut offset = 0usize;
        for c in line_text.chars() {
            let width = match encoding {
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf8 => c.len_utf8(),
            };
            if remaining < width {
                break;
            }
            remaining -= width;
            offset += c.len_utf8();
        }
        line.start() + TextSize::from(offset as u32)
    }

    /// The LSP position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, offset: TextSize, encoding: Encoding) -> Position {
        let mut offset = usize::from(offset).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_col = self
            .index
            .try_line_col(TextSize::from(offset as u32))
            .unwrap_or(rlint_syntax::LineCol { line: 0, col: 0 });
        let line_start = offset - line_col.col as usize;
        let before = &self.text[line_start..offset];
        let character = match encoding {
            // Most lines are ASCII, where UTF-16 units are bytes: checked a word at a time
            // instead of decoding every character (each finding needs two positions).
            Encoding::Utf16 if !before.is_ascii() => {
                before.chars().map(char::len_utf16).sum::<usize>()
            }
            Encoding::Utf16 | Encoding::Utf8 => before.len(),
        };
        Position::new(line_col.line, character as u32)
    }

    pub fn range(&self, range: TextRange, encoding: Encoding) -> Range {
        Range::new(
            self.position(range.start(), encoding),
            self.position(range.end(), encoding),
        )
    }

    pub fn text_range(&self, range: Range, encoding: Encoding) -> TextRange {
        let start = self.offset(range.start, encoding);
        let end = self.offset(range.end, encoding).max(start);
        TextRange::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rlint_syntax::ast::AstNode;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let doc = Document::new("FROM a\r\n# 🐳é x\n".to_string(), 1);
        let x = doc.text.find('x').unwrap() as u32;
        assert_eq!(doc.position(x.into(), Encoding::Utf16), pos(1, 6));
        assert_eq!(doc.position(x.into(), Encoding::Utf8), pos(1, 9));
        assert_eq!(doc.offset(pos(1, 6), Encoding::Utf16), x.into());
        assert_eq!(doc.offset(pos(1, 9), Encoding::Utf8), x.into());
        // Inside the surrogate pair: the start of the emoji.
        assert_eq!(doc.offset(pos(1, 3), Encoding::Utf16), 10.into());
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let doc = Document::new("FROM a\r\nRUN b\n".to_string(), 1);
        assert_eq!(doc.offset(pos(0, 99), Encoding::Utf16), 6.into());
        assert_eq!(doc.offset(pos(9, 0), Encoding::Utf16), 14.into());
        assert_eq!(doc.position(999.into(), Encoding::Utf16), pos(2, 0));
    }

    #[test]
    fn changes_apply_in_order() {
        let mut doc = Document::new("FROM a\nRUN b\n".to_string(), 1);
        doc.apply_change(
            Some(Range::new(pos(1, 4), pos(1, 5))),
            "c".into(),
            Encoding::Utf16,
        );
        doc.apply_change(
            Some(Range::new(pos(0, 6), pos(0, 6))),
            ":1".into(),
            Encoding::Utf16,
        );
        doc.apply_change(
            Some(Range::new(pos(7, 0), pos(9, 9))),
            "X".into(),
            Encoding::Utf16,
        );
        assert_eq!(&*doc.text, "FROM a:1\nRUN c\nX");
        assert_eq!(doc.parse, rlint_syntax::parse(&doc.text));
    }

    /// A whole-text change reparses only what differs: the instructions around it keep their
    /// nodes (which the lint caches key on), and the result equals a full parse.
    #[test]
    fn a_whole_text_change_keeps_the_nodes_it_leaves_alone() {
        let texts = [
            "FROM a\nRUN b\nRUN c\n",
            "FROM a\nRUN bé\nRUN c\n",
            "FROM a\nRUN b😀\nRUN c\n",
            "FROM a\nRUN b😁\nRUN c\n",
            "FROM a\nRUN c\n",
            "",
            "FROM a\nRUN b\nRUN c\n",
        ];
        let mut doc = Document::new(texts[0].to_string(), 1);
        let last_green = |doc: &Document| {
            doc.parse
                .tree()
                .instructions()
                .last()
                .map(|i| i.syntax().green().into_owned())
        };
        for (step, text) in texts.iter().enumerate().skip(1) {
            let before = last_green(&doc);
            doc.apply_change(None, text.to_string(), Encoding::Utf16);
            assert_eq!(&*doc.text, *text);
            assert_eq!(doc.parse, rlint_syntax::parse(text));
            // The first three changes are within the first RUN: the last one keeps its node.
            if step <= 3 {
                let (before, after) = (before.unwrap(), last_green(&doc).unwrap());
                assert!(std::ptr::eq(&*before, &*after), "{text:?}");
            }
        }
    }
}

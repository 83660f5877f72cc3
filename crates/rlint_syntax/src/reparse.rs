//! Incremental reparsing: after an edit, parse again only the top-level items (instructions,
//! comment and blank lines) the edit touches, and splice them into the old tree.
//!
//! The fast path is taken only when it provably gives the same tree and errors as a full parse:
//! the reparsed lines lie after the parser-directive block, contain no FROM before or after the
//! edit (FROMs change which instructions are outside a stage), keep at least one instruction in
//! the file, and end with no continuation or heredoc left open (which would swallow the lines
//! after them). Anything else falls back to a full parse. Every error outside the reparsed
//! lines is kept, shifted by the edit's length change.

use crate::parser::parse_items;
use crate::{ErrorCode, Parse, SyntaxError, SyntaxKind, SyntaxKind::*, TextRange, TextSize};
use rowan::{GreenNode, NodeOrToken};

/// A text edit: replace `delete` with `insert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub delete: TextRange,
    pub insert: String,
}

impl TextEdit {
    pub fn replace(delete: TextRange, insert: impl Into<String>) -> TextEdit {
        TextEdit {
            delete,
            insert: insert.into(),
        }
    }

    /// Applies the edit to `text`.
    pub fn apply(&self, text: &str) -> String {
        let start = usize::from(self.delete.start()).min(text.len());
        let end = usize::from(self.delete.end()).clamp(start, text.len());
        let mut out = String::with_capacity(text.len() + self.insert.len());
        out.push_str(&text[..start]);
        out.push_str(&self.insert);
        out.push_str(&text[end..]);
        out
    }
}

/// How a reparse was done (for tests and measurements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reparsed {
    /// Only these bytes of the new text were parsed again.
    Lines { len: usize },
    /// The whole file was parsed again.
    Full,
}

impl Parse {
    /// The parse of `edit` applied to `old_text` (the text this parse was made from), reusing
    /// every untouched instruction. Always equal to `parse(&edit.apply(old_text))`.
    pub fn reparse(&self, old_text: &str, edit: &TextEdit) -> (Parse, String, Reparsed) {
        let new_text = edit.apply(old_text);
        match incremental(self, old_text, &new_text, edit) {
            Some((parse, len)) => (parse, new_text, Reparsed::Lines { len }),
            None => {
                let parse = crate::parse(&new_text);
                (parse, new_text, Reparsed::Full)
            }
        }
    }
}

fn incremental(
    old: &Parse,
    old_text: &str,
    new_text: &str,
    edit: &TextEdit,
) -> Option<(Parse, usize)> {
    let delete = edit.delete;
    if usize::from(delete.end()) > old_text.len()
        || !old_text.is_char_boundary(delete.start().into())
        || !old_text.is_char_boundary(delete.end().into())
    {
        return None;
    }
    let root = &old.green;
    let children: Vec<_> = root.children().collect();
    // Offsets of every top-level element.
    let mut starts = Vec::with_capacity(children.len() + 1);
    let mut offset = 0usize;
    for child in &children {
        starts.push(offset);
        offset += usize::from(child.text_len());
    }
    starts.push(offset);
    let n = children.len();
    if n == 0 {
        return None;
    }
    let at_line_start = |pos: usize| pos == 0 || old_text.as_bytes().get(pos - 1) == Some(&b'\n');
    // Elements touching the edit, including the neighbours at its boundaries.
    let (edit_start, edit_end) = (usize::from(delete.start()), usize::from(delete.end()));
    let mut first = (0..n).find(|&i| starts[i + 1] >= edit_start)?;
    let mut last = (0..n).rev().find(|&i| starts[i] <= edit_end)?.max(first);
    // Widen to whole lines.
    while first > 0 && !at_line_start(starts[first]) {
        first -= 1;
    }
    while last + 1 < n && !at_line_start(starts[last + 1]) {
        last += 1;
    }
    let region = starts[first]..starts[last + 1];
    // The directive block must have ended before the region: an instruction precedes it.
    let instruction_before = children[..first].iter().any(|c| c.kind_is_instruction());
    if !instruction_before {
        return None;
    }
    let kind_of = |c: &NodeOrToken<&rowan::GreenNodeData, &rowan::GreenTokenData>| {
        SyntaxKind::from_raw_kind(c.kind())
    };
    let old_region = &children[first..=last];
    if old_region
        .iter()
        .any(|c| matches!(kind_of(c), FROM_INSTRUCTION | DIRECTIVE | BOM))
    {
        return None;
    }
    let delta = new_text.len() as isize - old_text.len() as isize;
    let new_end = (region.end as isize + delta) as usize;
    if new_end < region.start || new_end > new_text.len() {
        return None;
    }
    let new_region_text = &new_text[region.start..new_end];
    let escape = crate::buildkit::escape_char(&crate::SyntaxNode::new_root(root.clone()));
    let seen_from = children[..first]
        .iter()
        .any(|c| kind_of(c) == FROM_INSTRUCTION);
    let items = parse_items(new_region_text, escape, seen_from);
    // A continuation or heredoc open at the end would take in the following lines, unless the
    // region runs to the end of the file.
    if items.open_at_end && new_end != new_text.len() {
        return None;
    }
    if items
        .elements
        .iter()
        .any(|e| SyntaxKind::from_raw_kind(e.kind()) == FROM_INSTRUCTION)
    {
        return None;
    }
    let old_instructions = old_region
        .iter()
        .filter(|c| c.kind_is_instruction())
        .count();
    let total_instructions = children.iter().filter(|c| c.kind_is_instruction()).count()
        - old_instructions
        + items.n_instructions;
    if total_instructions == 0 {
        return None;
    }
    let green: GreenNode = root.splice_children(first..=last, items.elements);
    // Errors: those before the region, the region's own, those after it (shifted), then the
    // file-level ones, in the order a full parse pushes them.
    let is_file_level = |e: &SyntaxError| {
        matches!(e.code, ErrorCode::NoFrom | ErrorCode::NoInstructions)
            && e.range.is_empty()
            && e.range.start() == TextSize::from(0)
    };
    let region_start = TextSize::from(region.start as u32);
    let region_end = TextSize::from(region.end as u32);
    let shift = |range: TextRange| {
        let start = (i64::from(u32::from(range.start())) + delta as i64) as u32;
        let end = (i64::from(u32::from(range.end())) + delta as i64) as u32;
        TextRange::new(start.into(), end.into())
    };
    let mut errors: Vec<SyntaxError> = Vec::with_capacity(old.errors.len() + items.errors.len());
    let (mut file_level, mut before, mut after) = (Vec::new(), Vec::new(), Vec::new());
    for error in &old.errors {
        if is_file_level(error) {
            file_level.push(error.clone());
        } else if error.range.end() <= region_start && error.range.start() < region_start {
            before.push(error.clone());
        } else if error.range.start() >= region_end {
            let mut error = error.clone();
            error.range = shift(error.range);
            after.push(error);
        } else if error.range.start() < region_start || error.range.end() > region_end {
            // An error spanning the region boundary: only a full parse knows.
            return None;
        }
    }
    errors.append(&mut before);
    errors.extend(items.errors.into_iter().map(|mut e| {
        e.range += region_start;
        e
    }));
    errors.append(&mut after);
    errors.append(&mut file_level);
    errors.sort_by_key(|e| (e.range.start(), e.range.end()));
    Some((Parse { green, errors }, new_region_text.len()))
}

trait KindIsInstruction {
    fn kind_is_instruction(&self) -> bool;
}

impl KindIsInstruction for NodeOrToken<&rowan::GreenNodeData, &rowan::GreenTokenData> {
    fn kind_is_instruction(&self) -> bool {
        SyntaxKind::from_raw_kind(self.kind()).is_instruction()
    }
}

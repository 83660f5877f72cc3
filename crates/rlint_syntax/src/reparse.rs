//! Incremental reparsing: after an edit, parse again only the top-level items (instructions,
//! comment and blank lines) the edit touches, and splice them into the old tree.
//!
//! Items live in the root before the first FROM and in STAGE nodes after it, so a splice
//! rebuilds one stage and the root's short list of stages, not a list of every instruction.
//!
//! The fast path is taken only when it provably gives the same tree and errors as a full parse:
//! the reparsed lines lie after the parser-directive block and within one stage (or before the
//! first FROM), contain no FROM before or after the edit (FROMs start stages) other than their
//! stage's own FROM when it stays a FROM, and end with no continuation or heredoc left open
//! (which would swallow the lines after them). Every error outside the reparsed lines is kept,
//! shifted by the edit's length change.
//!
//! An edit after the first FROM that fails those conditions (it opens or closes a heredoc or a
//! continuation, or adds or removes a FROM) takes a second path: the lines are parsed on until
//! they end where an old item ended with nothing left open, and the stages they span are
//! grouped again. Only edits before the first FROM began (directives, the escape character,
//! global ARGs turning into a first stage) need a full parse.

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
        let (start, end) = self.deleted_in(text);
        let mut out = String::with_capacity(text.len() + self.insert.len());
        out.push_str(&text[..start]);
        out.push_str(&self.insert);
        out.push_str(&text[end..]);
        out
    }

    /// The bytes of `text` the edit deletes: its range, cut at the end of the text.
    fn deleted_in(&self, text: &str) -> (usize, usize) {
        let start = usize::from(self.delete.start()).min(text.len());
        let end = usize::from(self.delete.end()).clamp(start, text.len());
        (start, end)
    }

    /// The same edit without what it deletes and inserts again at either end (an editor may
    /// replace a whole line, or send the whole text, to change one character), cut on
    /// character boundaries. An edit outside `text` (the text it applies to) stays as it is.
    pub fn narrowed(&self, text: &str) -> TextEdit {
        let (start, end) = (
            usize::from(self.delete.start()),
            usize::from(self.delete.end()),
        );
        let Some(deleted) = text.get(start..end) else {
            return self.clone();
        };
        let (old, new) = (deleted.as_bytes(), self.insert.as_bytes());
        let (mut prefix, mut suffix) = common_affixes(old, new);
        while !deleted.is_char_boundary(prefix) || !self.insert.is_char_boundary(prefix) {
            prefix -= 1;
            // The suffix was measured after the longer prefix: it may not reach back into it.
            suffix = common_affixes(&old[prefix..], &new[prefix..]).1;
        }
        while !deleted.is_char_boundary(old.len() - suffix)
            || !self.insert.is_char_boundary(new.len() - suffix)
        {
            suffix -= 1;
        }
        TextEdit::replace(
            TextRange::new(to_size(start + prefix), to_size(end - suffix)),
            &self.insert[prefix..new.len() - suffix],
        )
    }
}

/// The lengths of the longest common prefix of `a` and `b` and of the longest common suffix of
/// what follows it (so the two never overlap).
pub fn common_affixes<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
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
    /// every untouched instruction, with that new text. Always equal to
    /// `parse(&edit.apply(old_text))`.
    pub fn reparse(&self, old_text: &str, edit: &TextEdit) -> (Parse, String, Reparsed) {
        // What really changes decides which lines are parsed again and which nodes moved.
        let edit = edit.narrowed(old_text);
        let new_text = edit.apply(old_text);
        let (parse, how) = self.reparse_narrowed(old_text, &new_text, &edit);
        (parse, new_text, how)
    }

    /// [`Parse::reparse`] without making the edited text: `new_text` must be
    /// `edit.apply(old_text)`. Making that text (a copy of the whole file) is most of what
    /// `reparse` costs for a one-character edit of a large file; this is the parsing alone,
    /// which the benchmarks compare with a full parse of a given text. The language server
    /// calls `reparse`, since it needs the new text anyway.
    pub fn reparse_applied(
        &self,
        old_text: &str,
        new_text: &str,
        edit: &TextEdit,
    ) -> (Parse, Reparsed) {
        self.reparse_narrowed(old_text, new_text, &edit.narrowed(old_text))
    }

    fn reparse_narrowed(
        &self,
        old_text: &str,
        new_text: &str,
        edit: &TextEdit,
    ) -> (Parse, Reparsed) {
        let delete = edit.delete;
        let (start, end) = edit.deleted_in(old_text);
        debug_assert_eq!(
            new_text.len() + (end - start),
            old_text.len() + edit.insert.len(),
            "new_text is not the edit applied to old_text"
        );
        let fits = usize::from(delete.end()) <= old_text.len()
            && old_text.is_char_boundary(delete.start().into())
            && old_text.is_char_boundary(delete.end().into());
        let reparsed = fits
            .then(|| {
                incremental(self, old_text, new_text, edit)
                    .or_else(|| across_stages(self, old_text, new_text, edit))
            })
            .flatten();
        match reparsed {
            Some((parse, len)) => (parse, Reparsed::Lines { len }),
            None => {
                let mut parse = crate::parse(new_text);
                parse.green = share_items(&self.green, &parse.green, edit);
                (parse, Reparsed::Full)
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
    let root = &old.green;
    if root.children().len() == 0 {
        return None;
    }
    let red = crate::SyntaxNode::new_root(root.clone());
    let (edit_start, edit_end) = (usize::from(delete.start()), usize::from(delete.end()));
    let empty_at = |pos: usize| TextRange::empty(to_size(pos));
    // The node whose children are reparsed: the STAGE holding the whole edit, or the root when
    // the edit lies before the first FROM. (At a boundary, lookups give the element ending
    // there.) An edit reaching into a second stage touches a FROM: full parse.
    let start_top = red.child_or_token_at_range(empty_at(edit_start))?;
    let end_top = red.child_or_token_at_range(empty_at(edit_end))?;
    let parent = match (start_top, end_top) {
        (NodeOrToken::Node(a), NodeOrToken::Node(b)) if a.kind() == STAGE && a == b => a,
        (a, b) if a.kind() != STAGE && b.kind() != STAGE => red.clone(),
        _ => return None,
    };
    // The elements touching the edit, found by binary search: the first one ending at or
    // after the edit's start and the last one starting at or before its end, neighbours at
    // the boundaries included.
    let element_at = |pos: usize| parent.child_or_token_at_range(empty_at(pos));
    let start_of = |e: &crate::SyntaxElement| usize::from(e.text_range().start());
    let at_line_start = |pos: usize| pos == 0 || old_text.as_bytes().get(pos - 1) == Some(&b'\n');
    let mut first = element_at(edit_start)?;
    let mut last = element_at(edit_end)?;
    if usize::from(last.text_range().end()) == edit_end {
        match last.next_sibling_or_token() {
            Some(next) => last = next,
            // The neighbour is the next stage's FROM.
            None if parent.next_sibling_or_token().is_some() => return None,
            None => {}
        }
    }
    // Widen to whole lines.
    while !at_line_start(start_of(&first)) {
        match first.prev_sibling_or_token() {
            Some(prev) => first = prev,
            None => break,
        }
    }
    while let Some(next) = last.next_sibling_or_token() {
        if at_line_start(start_of(&next)) {
            break;
        }
        last = next;
    }
    let region = start_of(&first)..usize::from(last.text_range().end());
    let (first, last) = (first.index(), last.index());
    let in_stage = parent.kind() == STAGE;
    let parent_green = parent.green();
    // A stage's FROM is its first child: a region starting there (an edit within the FROM
    // line) keeps the stage only if the new lines start with a FROM too.
    let from_first = in_stage && first == 0;
    // The directive block must have ended before the region. In a stage, its FROM (before the
    // region, or the region's first line, which stays a FROM) is an instruction that ends it;
    // before the first FROM, an earlier global ARG must.
    if !in_stage
        && !parent_green
            .children()
            .take(first)
            .any(|c| SyntaxKind::from_raw_kind(c.kind()).is_instruction())
    {
        return None;
    }
    // The FROMs of later stages are in their STAGE nodes: a region of the root reaching one
    // touches a stage.
    let mut old_region = parent_green.children().skip(first).take(last + 1 - first);
    if old_region.any(|c| matches!(SyntaxKind::from_raw_kind(c.kind()), STAGE | DIRECTIVE | BOM)) {
        return None;
    }
    let delta = new_text.len() as isize - old_text.len() as isize;
    let new_end = (region.end as isize + delta) as usize;
    if new_end < region.start || new_end > new_text.len() {
        return None;
    }
    let new_region_text = &new_text[region.start..new_end];
    let escape = crate::buildkit::escape_char(&red);
    // Within a stage a FROM comes before the region's lines, or is its first line.
    let items = parse_items(new_region_text, escape, in_stage);
    // A continuation or heredoc open at the end would take in the following lines, unless the
    // region runs to the end of the file.
    if items.open_at_end && new_end != new_text.len() {
        return None;
    }
    // A FROM exactly where the old one was: another would start a stage, and none would end it.
    let is_from = |e: &rowan::NodeOrToken<GreenNode, rowan::GreenToken>| {
        SyntaxKind::from_raw_kind(e.kind()) == FROM_INSTRUCTION
    };
    if (from_first && items.elements.is_empty())
        || items
            .elements
            .iter()
            .enumerate()
            .any(|(i, e)| is_from(e) != (from_first && i == 0))
    {
        return None;
    }
    // An instruction before the region (or the FROM it starts with) stays, so the file keeps at
    // least one.
    // Built straight from the old children and the new items: rowan's `splice_children` first
    // copies every child into a temporary vector.
    let n = parent_green.children().len();
    let len = n - (last + 1 - first) + items.elements.len();
    let children = parent_green
        .children()
        .take(first)
        .map(|c| c.to_owned())
        .chain(items.elements)
        .chain(parent_green.children().skip(last + 1).map(|c| c.to_owned()));
    let new_parent = GreenNode::new(
        parent_green.kind(),
        ExactLen {
            inner: children,
            len,
        },
    );
    let green = if in_stage {
        root.replace_child(parent.index(), NodeOrToken::Node(new_parent))
    } else {
        new_parent
    };
    let errors = spliced_errors(&old.errors, items.errors, region, delta)?;
    Some((Parse { green, errors }, new_region_text.len()))
}

/// The errors after replacing the items of `region` (old offsets): those before it, the
/// region's own (`new`, relative to its start), those after it shifted by `delta`, then the
/// file-level ones, in the order a full parse pushes them. `None` if an old error spans the
/// region's boundary, which only a full parse can place.
fn spliced_errors(
    old: &[SyntaxError],
    new: Vec<SyntaxError>,
    region: std::ops::Range<usize>,
    delta: isize,
) -> Option<Vec<SyntaxError>> {
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
    let mut errors: Vec<SyntaxError> = Vec::with_capacity(old.len() + new.len());
    let (mut file_level, mut before, mut after) = (Vec::new(), Vec::new(), Vec::new());
    for error in old {
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
    errors.extend(new.into_iter().map(|mut e| {
        e.range += region_start;
        e
    }));
    errors.append(&mut after);
    errors.append(&mut file_level);
    errors.sort_by_key(|e| (e.range.start(), e.range.end()));
    Some(errors)
}

/// The parse after an edit past the first FROM that [`incremental`] declined: one that opens or
/// closes a heredoc or continuation, or adds or removes a FROM. The items from the edit's first
/// line on are parsed again until they end where an old item ended with nothing left open
/// (taking in more old items each time the last one runs on), after which a full parse would
/// see the same items as before; the stages from the one holding the first reparsed item to
/// the one holding the last are grouped again. A FROM stays before the reparsed lines, so the
/// file keeps its first stage and its file-level errors.
fn across_stages(
    old: &Parse,
    old_text: &str,
    new_text: &str,
    edit: &TextEdit,
) -> Option<(Parse, usize)> {
    let delete = edit.delete;
    let (edit_start, edit_end) = (usize::from(delete.start()), usize::from(delete.end()));
    let root = &old.green;
    let stage_kind: rowan::SyntaxKind = STAGE.into();
    // Every item of every stage: (start, the stage's position among the root's children, the
    // item).
    let mut offset = 0;
    let mut items = Vec::new();
    for (pos, child) in root.children().enumerate() {
        match child {
            NodeOrToken::Node(stage) if stage.kind() == stage_kind => {
                let mut at = offset;
                for item in stage.children() {
                    items.push((at, pos, item));
                    at += usize::from(item.text_len());
                }
            }
            _ => {}
        }
        offset += usize::from(child.text_len());
    }
    let first_stage = items.first()?.1;
    let end_of = |k: usize| items[k].0 + usize::from(items[k].2.text_len());
    let at_line_start = |pos: usize| pos == 0 || old_text.as_bytes().get(pos - 1) == Some(&b'\n');
    // The first item touching the edit (the one ending at its start included), widened to
    // whole lines; the region must start after the first FROM began.
    let mut first = items
        .partition_point(|&(start, _, item)| start + usize::from(item.text_len()) < edit_start);
    if first == items.len() {
        first -= 1;
    }
    while first > 0 && !at_line_start(items[first].0) {
        first -= 1;
    }
    // Text typed before the first FROM began could be a directive or a root item.
    if edit_start <= items[0].0 || !at_line_start(items[first].0) {
        return None;
    }
    let mut last = items
        .partition_point(|&(start, _, _)| start <= edit_end)
        .saturating_sub(1)
        .max(first);
    let delta = new_text.len() as isize - old_text.len() as isize;
    let region_start = items[first].0;
    let escape = crate::buildkit::escape_char(&crate::SyntaxNode::new_root(root.clone()));
    let (mut parsed, new_end) = loop {
        while last + 1 < items.len() && !at_line_start(items[last + 1].0) {
            last += 1;
        }
        let new_end = (end_of(last) as isize + delta) as usize;
        if new_end < region_start || new_end > new_text.len() {
            return None;
        }
        let parsed = parse_items(&new_text[region_start..new_end], escape, true);
        if !parsed.open_at_end || last + 1 == items.len() {
            break (parsed, new_end);
        }
        // The last item runs on into the old items after it: take in three times as many, so
        // that a heredoc left open to the end of the file costs at most a third more than
        // parsing the rest once.
        last = (last + 3 * (last + 1 - first)).min(items.len() - 1);
    };
    share_region(
        &mut parsed.elements,
        &items[first..=last],
        region_start,
        edit,
    );
    let (mut a, b) = (items[first].1, items[last].1);
    let stage_children = |pos: usize| match root.children().nth(pos) {
        Some(NodeOrToken::Node(stage)) => stage.children().map(|c| c.to_owned()).collect(),
        _ => Vec::new(),
    };
    // The items of stages `a..=b` with the region's replaced: before it, the new ones, after.
    let mut middle: Vec<rowan::NodeOrToken<GreenNode, rowan::GreenToken>> = items
        .iter()
        .take(first)
        .skip_while(|&&(_, pos, _)| pos < a)
        .map(|&(_, _, item)| item.to_owned())
        .collect();
    middle.extend(parsed.elements);
    middle.extend(
        items[last + 1..]
            .iter()
            .take_while(|&&(_, pos, _)| pos == b)
            .map(|&(_, _, item)| item.to_owned()),
    );
    let is_from = |e: &rowan::NodeOrToken<GreenNode, rowan::GreenToken>| {
        SyntaxKind::from_raw_kind(e.kind()) == FROM_INSTRUCTION
    };
    // Lines that no longer start with a FROM belong to the stage before.
    while !middle.first().is_some_and(is_from) {
        if a == first_stage {
            return None;
        }
        a -= 1;
        let mut before = stage_children(a);
        before.append(&mut middle);
        middle = before;
    }
    let mut stages = Vec::new();
    let mut group = Vec::new();
    for element in middle {
        if is_from(&element) && !group.is_empty() {
            stages.push(NodeOrToken::Node(GreenNode::new(
                stage_kind,
                std::mem::take(&mut group),
            )));
        }
        group.push(element);
    }
    stages.push(NodeOrToken::Node(GreenNode::new(stage_kind, group)));
    let children = root
        .children()
        .take(a)
        .map(|c| c.to_owned())
        .chain(stages)
        .chain(root.children().skip(b + 1).map(|c| c.to_owned()));
    let green = GreenNode::new(root.kind(), children.collect::<Vec<_>>());
    debug_assert_eq!(usize::from(green.text_len()), new_text.len());
    let errors = spliced_errors(
        &old.errors,
        parsed.errors,
        region_start..end_of(last),
        delta,
    )?;
    Some((Parse { green, errors }, new_end - region_start))
}

/// Gives the reparsed items of a region that lie wholly before or after the edit the nodes of
/// the equal old items at the same place (`old`: the region's old items with their starts), as
/// [`share_items`] does for a whole tree: a heredoc closed by the edit gives back the lines it
/// had swallowed as new nodes, but the neighbour reparsed at a boundary stays the same.
fn share_region(
    new: &mut [rowan::NodeOrToken<GreenNode, rowan::GreenToken>],
    old: &[(
        usize,
        usize,
        rowan::NodeOrToken<&rowan::GreenNodeData, &rowan::GreenTokenData>,
    )],
    region_start: usize,
    edit: &TextEdit,
) {
    let old_nodes = old
        .iter()
        .filter_map(|&(at, _, e)| Some((at, e.into_node()?)));
    let mut old_nodes = OldNodes::new(old_nodes, edit);
    let mut offset = region_start;
    for element in new {
        let start = offset;
        offset += usize::from(element.text_len());
        if let NodeOrToken::Node(node) = element {
            if let Some(old) = old_nodes.equal_at(start, offset, node) {
                *node = old;
            }
        }
    }
}

/// The old item nodes, in order with their starts, asked for the one equal to each new item
/// (also in order) at the same place: the same offset before the edit, the offset moved by the
/// edit's change of length after it (`edit` is narrowed: see [`TextEdit::narrowed`]); an item
/// overlapping the edit has none. The place asked for only grows, so one pass finds them all.
struct OldNodes<'a, I: Iterator<Item = (usize, &'a rowan::GreenNodeData)>> {
    old: std::iter::Peekable<I>,
    edit_start: usize,
    inserted_end: usize,
    removed: usize,
}

impl<'a, I: Iterator<Item = (usize, &'a rowan::GreenNodeData)>> OldNodes<'a, I> {
    fn new(old: I, edit: &TextEdit) -> Self {
        let edit_start = usize::from(edit.delete.start());
        OldNodes {
            old: old.peekable(),
            edit_start,
            inserted_end: edit_start + edit.insert.len(),
            removed: usize::from(edit.delete.len()),
        }
    }

    /// The old node equal to `node`, the new item from `start` to `end`, at its place.
    fn equal_at(
        &mut self,
        start: usize,
        end: usize,
        node: &rowan::GreenNodeData,
    ) -> Option<GreenNode> {
        let at = if end <= self.edit_start {
            start
        } else if start >= self.inserted_end {
            start - (self.inserted_end - self.edit_start) + self.removed
        } else {
            return None;
        };
        while self.old.next_if(|(old_at, _)| *old_at < at).is_some() {}
        let (_, old) = self.old.next_if(|(old_at, _)| *old_at == at)?;
        same_node(old, node).then(|| old.to_owned())
    }
}

/// `new` (the parse of the old text with `edit` applied) with every item node (an instruction
/// or directive, child of the root or of a STAGE; comments and blank lines are tokens) that is
/// identical to `old`'s node at the same place replaced by `old`'s node. The tree is the same;
/// what changes is node identity, which the language server's caches key on (findings and RUN
/// analyses per instruction): after an edit that needs a full parse, such as one opening a
/// heredoc or adding a FROM, the instructions it left alone keep their cached results.
///
/// The same place is as [`OldNodes`] says. (Finding candidates by their text instead hashed
/// the whole file twice: half the cost of this function.)
fn share_items(old: &GreenNode, new: &GreenNode, edit: &TextEdit) -> GreenNode {
    let mut old_nodes = OldNodes::new(items(old), edit);
    let mut offset = 0;
    let mut share = |element: rowan::NodeOrToken<&rowan::GreenNodeData, &rowan::GreenTokenData>| {
        let start = offset;
        offset += usize::from(element.text_len());
        match element {
            NodeOrToken::Node(node) => NodeOrToken::Node(
                old_nodes
                    .equal_at(start, offset, node)
                    .unwrap_or_else(|| node.to_owned()),
            ),
            NodeOrToken::Token(token) => NodeOrToken::Token(token.to_owned()),
        }
    };
    let stage: rowan::SyntaxKind = STAGE.into();
    let children: Vec<_> = new
        .children()
        .map(|child| match child {
            NodeOrToken::Node(node) if node.kind() == stage => {
                let items: Vec<_> = node.children().map(&mut share).collect();
                NodeOrToken::Node(GreenNode::new(stage, items))
            }
            other => share(other),
        })
        .collect();
    GreenNode::new(new.kind(), children)
}

/// The item nodes of a tree (node children of the root and of its stages) with their start
/// offsets, in order.
fn items(root: &GreenNode) -> impl Iterator<Item = (usize, &rowan::GreenNodeData)> {
    let stage: rowan::SyntaxKind = STAGE.into();
    root.children()
        .flat_map(move |child| match child {
            NodeOrToken::Node(node) if node.kind() == stage => {
                Box::new(node.children()) as Box<dyn Iterator<Item = _>>
            }
            other => Box::new(std::iter::once(other)),
        })
        .scan(0usize, |offset, element| {
            let start = *offset;
            *offset += usize::from(element.text_len());
            Some((start, element.into_node()))
        })
        .filter_map(|(start, node)| Some((start, node?)))
}

/// Whether two nodes are the same tree. Tokens come from a shared cache, so most are the same
/// token and compare by address; rowan's own `==` compares every token's text, and never
/// compares addresses, not even of two references to one node.
pub fn same_node(a: &rowan::GreenNodeData, b: &rowan::GreenNodeData) -> bool {
    std::ptr::eq(a, b)
        || (a.kind() == b.kind()
            && a.text_len() == b.text_len()
            && a.children().len() == b.children().len()
            && a.children().zip(b.children()).all(|pair| match pair {
                (NodeOrToken::Node(x), NodeOrToken::Node(y)) => same_node(x, y),
                (NodeOrToken::Token(x), NodeOrToken::Token(y)) => {
                    std::ptr::eq(x, y) || (x.kind() == y.kind() && x.text() == y.text())
                }
                _ => false,
            }))
}

fn to_size(pos: usize) -> TextSize {
    TextSize::from(pos as u32)
}

/// An iterator whose exact length is known ahead, as `GreenNode::new` requires.
struct ExactLen<I> {
    inner: I,
    len: usize,
}

impl<I: Iterator> Iterator for ExactLen<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.inner.next()?;
        self.len -= 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }
}

impl<I: Iterator> ExactSizeIterator for ExactLen<I> {}

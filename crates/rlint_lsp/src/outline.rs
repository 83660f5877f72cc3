//! Document symbols (stages with their instructions), folding ranges (stages, multi-line
//! instructions, comment blocks) and completion (keywords at line start, stage names).

use crate::server::Snapshot;
use rlint_syntax::ast::{AstNode, Instruction};
pub(crate) use rlint_syntax::KEYWORDS;
use rlint_syntax::{SyntaxKind, TextRange, TextSize};
use rowan::NodeOrToken;
use tower_lsp::lsp_types::{
    CompletionItem, CompletionItemKind, DocumentSymbol, FoldingRange, FoldingRangeKind, Position,
    SymbolKind,
};

/// A stage as the outline sees it, read from the tree alone (cheaper than the semantic model).
struct Stage {
    index: usize,
    from: Instruction,
    name: Option<String>,
    image: String,
    body: Vec<Instruction>,
}

/// The instructions before the first FROM, and the stages.
fn split_stages(parse: &rlint_syntax::Parse) -> (Vec<Instruction>, Vec<Stage>) {
    let mut before = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for instruction in parse.tree().instructions() {
        match &instruction {
            Instruction::From(from) => stages.push(Stage {
                index: stages.len(),
                name: from.stage_name().map(|n| n.text()),
                image: from.image().map(|i| i.text().text).unwrap_or_default(),
                from: instruction.clone(),
                body: Vec::new(),
            }),
            _ => match stages.last_mut() {
                Some(stage) => stage.body.push(instruction),
                None => before.push(instruction),
            },
        }
    }
    (before, stages)
}

/// The range an instruction occupies for the outline: its content and heredoc bodies, without
/// the final line terminator.
fn extent(instruction: &Instruction, text: &str) -> TextRange {
    let range = instruction.syntax().text_range();
    let start = instruction.content_range().start();
    let mut end = usize::from(range.end()).min(text.len());
    while end > usize::from(start) && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    TextRange::new(start, TextSize::from(end as u32).max(start))
}

fn instruction_symbol(snapshot: &Snapshot, instruction: &Instruction) -> DocumentSymbol {
    let doc = &snapshot.doc;
    let keyword = instruction.keyword_text().to_ascii_uppercase();
    let logical = instruction.logical_text().text;
    let rest = logical
        .trim_start()
        .get(instruction.keyword_text().len()..)
        .unwrap_or("")
        .trim();
    let mut detail: String = rest.chars().take(60).collect();
    if rest.chars().count() > 60 {
        detail.push('…');
    }
    let name = if keyword.is_empty() {
        "?".to_string()
    } else {
        keyword
    };
    let range = doc.range(extent(instruction, &doc.text), snapshot.encoding);
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail: (!detail.is_empty()).then_some(detail),
        kind: SymbolKind::FIELD,
        tags: None,
        deprecated: None,
        range,
        selection_range: doc.range(instruction.keyword_range(), snapshot.encoding),
        children: None,
    }
}

pub fn symbols(snapshot: &Snapshot) -> Vec<DocumentSymbol> {
    let doc = &snapshot.doc;
    let (before, stages) = split_stages(&doc.parse);
    let mut out: Vec<DocumentSymbol> = before
        .iter()
        .map(|i| instruction_symbol(snapshot, i))
        .collect();
    for stage in &stages {
        let last = stage.body.last().unwrap_or(&stage.from);
        let range = extent(&stage.from, &doc.text).cover(extent(last, &doc.text));
        let name = match &stage.name {
            Some(name) => name.clone(),
            None => format!("stage {} ({})", stage.index, stage.image),
        };
        let selection = match &stage.from {
            Instruction::From(from) => from
                .stage_name()
                .map_or_else(|| stage.from.keyword_range(), |n| n.syntax().text_range()),
            _ => stage.from.keyword_range(),
        };
        let children = std::iter::once(&stage.from)
            .chain(stage.body.iter())
            .map(|i| instruction_symbol(snapshot, i))
            .collect();
        #[allow(deprecated)]
        out.push(DocumentSymbol {
            name,
            detail: Some(format!("FROM {}", stage.image)),
            kind: SymbolKind::MODULE,
            tags: None,
            deprecated: None,
            range: doc.range(range, snapshot.encoding),
            selection_range: doc.range(selection, snapshot.encoding),
            children: Some(children),
        });
    }
    out
}

pub fn folding(snapshot: &Snapshot) -> Vec<FoldingRange> {
    let doc = &snapshot.doc;
    let (before, stages) = split_stages(&doc.parse);
    let line = |offset: TextSize| doc.position(offset, snapshot.encoding).line;
    let mut out = Vec::new();
    let mut push = |start: u32, end: u32, kind: Option<FoldingRangeKind>| {
        if end > start {
            out.push(FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind,
                collapsed_text: None,
            });
        }
    };
    for stage in &stages {
        let last = stage.body.last().unwrap_or(&stage.from);
        push(
            line(extent(&stage.from, &doc.text).start()),
            line(extent(last, &doc.text).end()),
            Some(FoldingRangeKind::Region),
        );
    }
    let all = before.iter().chain(
        stages
            .iter()
            .flat_map(|s| std::iter::once(&s.from).chain(s.body.iter())),
    );
    for instruction in all {
        let range = extent(instruction, &doc.text);
        push(line(range.start()), line(range.end()), None);
    }
    // Runs of comment lines at the top level.
    let mut run: Option<(u32, u32)> = None;
    for element in doc.parse.tree().items() {
        let NodeOrToken::Token(token) = element else {
            if let Some((start, end)) = run.take() {
                push(start, end, Some(FoldingRangeKind::Comment));
            }
            continue;
        };
        match token.kind() {
            SyntaxKind::COMMENT => {
                let this = line(token.text_range().start());
                run = match run {
                    Some((start, end)) if this == end + 1 => Some((start, this)),
                    Some((start, end)) => {
                        push(start, end, Some(FoldingRangeKind::Comment));
                        Some((this, this))
                    }
                    None => Some((this, this)),
                };
            }
            SyntaxKind::NEWLINE | SyntaxKind::WHITESPACE => {}
            _ => {
                if let Some((start, end)) = run.take() {
                    push(start, end, Some(FoldingRangeKind::Comment));
                }
            }
        }
    }
    if let Some((start, end)) = run {
        push(start, end, Some(FoldingRangeKind::Comment));
    }
    out.sort_by_key(|r| (r.start_line, std::cmp::Reverse(r.end_line)));
    out
}

pub fn completion(snapshot: &Snapshot, position: Position) -> Option<Vec<CompletionItem>> {
    let doc = &snapshot.doc;
    let offset = usize::from(doc.offset(position, snapshot.encoding));
    let line_start = doc.text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &doc.text[line_start..offset];
    // Inside a continuation or heredoc the line start is not an instruction start.
    let continued = doc
        .parse
        .tree()
        .instructions()
        .map(|i| i.syntax().text_range())
        .any(|range| {
            usize::from(range.start()) < line_start && line_start < usize::from(range.end())
        });
    let word = before.trim_start_matches([' ', '\t']);
    if !continued && word.chars().all(|c| c.is_ascii_alphabetic()) {
        let upper = word.to_ascii_uppercase();
        let lower_case = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase());
        return Some(
            KEYWORDS
                .iter()
                .filter(|k| k.starts_with(&upper))
                .map(|k| CompletionItem {
                    label: if lower_case {
                        k.to_ascii_lowercase()
                    } else {
                        k.to_string()
                    },
                    kind: Some(CompletionItemKind::KEYWORD),
                    detail: crate::hover::keyword_doc(k).map(str::to_string),
                    ..CompletionItem::default()
                })
                .collect(),
        );
    }
    let current_word_start = before.rfind([' ', '\t', '=']).map_or(0, |i| i + 1);
    let previous = &before[..current_word_start];
    let after_from_flag = previous.ends_with("--from=");
    let words: Vec<&str> = previous.split_whitespace().collect();
    let after_from_keyword = !continued
        && words
            .first()
            .is_some_and(|w| w.eq_ignore_ascii_case("FROM"))
        && words[1..].iter().all(|w| w.starts_with("--"))
        && previous.ends_with([' ', '\t']);
    if !after_from_flag && !after_from_keyword {
        return None;
    }
    // Stages declared before the cursor, except the one it is in.
    let (_, stages) = split_stages(&doc.parse);
    let current = stages
        .iter()
        .rposition(|s| usize::from(s.from.syntax().text_range().start()) < offset);
    let stages_before: Vec<CompletionItem> = stages
        .iter()
        .take(current.unwrap_or(0))
        .map(|s| {
            let label = s.name.clone().unwrap_or_else(|| s.index.to_string());
            CompletionItem {
                label,
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(format!("stage {}: FROM {}", s.index, s.image)),
                ..CompletionItem::default()
            }
        })
        .filter(|item| !after_from_keyword || item.label.parse::<usize>().is_err())
        .collect();
    Some(stages_before)
}

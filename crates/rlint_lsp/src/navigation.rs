//! Go to definition, references, rename and document highlight for stage names and ARG/ENV
//! variables; document links for base images and inlay hints for ARG values in FROM lines.
//!
//! Stage names are matched case-insensitively (`FROM x AS Build` is `COPY --from=build`), as
//! BuildKit does. A variable use refers to the ARG or ENV that binds it at that instruction
//! (the semantic model's scope), and an `ARG X` inside a stage refers back to the global `ARG X`
//! it re-exposes, so the global declaration, the redeclaration and all their uses are one symbol.

use crate::server::Snapshot;
use rlint_linter::Model;
use rlint_syntax::ast::{self, AstNode, ImageRef, Instruction};
use rlint_syntax::{SyntaxKind, SyntaxNode, TextRange, TextSize};
use std::collections::HashMap;
use tower_lsp::lsp_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentLink, InlayHint, InlayHintKind,
    InlayHintLabel, Location, Position, PrepareRenameResponse, Range, TextEdit, Url, WorkspaceEdit,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Symbol {
    /// A stage, by index.
    Stage(usize),
    /// A variable, by the key range of its canonical declaration.
    Var(TextRange),
    /// A heredoc, by the range of its body node.
    Heredoc(TextRange),
}

#[derive(Debug, Clone, Copy)]
struct Occurrence {
    range: TextRange,
    symbol: Symbol,
    is_declaration: bool,
}

/// The top-level instruction a node belongs to.
fn top_instruction(node: &SyntaxNode) -> Option<Instruction> {
    node.ancestors()
        .filter(|n| n.kind().is_instruction())
        .last()
        .and_then(Instruction::cast)
}

/// The range of the name inside a `$X` / `${X...}` reference.
fn variable_name_range(variable: &ast::Variable, text: &str) -> Option<(String, TextRange)> {
    let name = variable.name();
    if name.is_empty() {
        return None;
    }
    let range = variable.syntax().text_range();
    let written = &text[range];
    let skip = if written.starts_with("${") { 2 } else { 1 };
    let name_range = TextRange::at(
        range.start() + TextSize::from(skip),
        TextSize::of(name.as_str()),
    );
    (text.get(name_range.start().into()..name_range.end().into()) == Some(name.as_str()))
        .then_some((name, name_range))
}

fn occurrences(model: &Model, root: &SyntaxNode, text: &str) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let escape = model.escape;
    // Stages: declarations and references.
    for stage in &model.stages {
        if let Some(name) = stage.from.stage_name() {
            out.push(Occurrence {
                range: name.syntax().text_range(),
                symbol: Symbol::Stage(stage.index),
                is_declaration: true,
            });
        }
        if let Some(image) = stage.from.image() {
            let written = image.text().text.to_lowercase();
            let earlier = model.stages[..stage.index]
                .iter()
                .find(|s| s.has_lower_name(&written));
            if let Some(earlier) = earlier {
                out.push(Occurrence {
                    range: image.syntax().text_range(),
                    symbol: Symbol::Stage(earlier.index),
                    is_declaration: false,
                });
            }
        }
    }
    for flag in root.descendants().filter_map(ast::Flag::cast) {
        let Some(instruction) = top_instruction(flag.syntax()) else {
            continue;
        };
        let Some(idx) = model.instruction_index(&instruction) else {
            continue;
        };
        let current = model.stage_of.get(idx).copied().flatten().unwrap_or(0);
        let Some(value_range) = flag.value_range() else {
            continue;
        };
        let value_text = &text[value_range];
        let mut refs: Vec<(TextRange, &str)> = Vec::new();
        let parent = flag.syntax().parent().map(|p| p.kind());
        match (flag.name().as_str(), parent) {
            ("--from", Some(SyntaxKind::COPY_INSTRUCTION)) => refs.push((value_range, value_text)),
            ("--mount", Some(SyntaxKind::RUN_INSTRUCTION)) => {
                let mut offset = 0usize;
                for field in value_text.split(',') {
                    if let Some((key, value)) = field.split_once('=') {
                        if key.eq_ignore_ascii_case("from") && !value.is_empty() {
                            let start = value_range.start()
                                + TextSize::from((offset + key.len() + 1) as u32);
                            refs.push((TextRange::at(start, TextSize::of(value)), value));
                        }
                    }
                    offset += field.len() + 1;
                }
            }
            _ => {}
        }
        for (range, value) in refs {
            if value.parse::<usize>().is_ok() || value.contains(escape) {
                continue;
            }
            if let Some(stage) = model.stage_ref(value, current) {
                out.push(Occurrence {
                    range,
                    symbol: Symbol::Stage(stage),
                    is_declaration: false,
                });
            }
        }
    }
    // Variables: the first global ARG of each name, then declarations and uses.
    let mut global_args: HashMap<String, TextRange> = HashMap::new();
    let first_from = model
        .instructions
        .iter()
        .position(|i| matches!(i, Instruction::From(_)))
        .unwrap_or(model.instructions.len());
    for instruction in &model.instructions[..first_from] {
        if let Instruction::Arg(_) = instruction {
            for pair in instruction.key_values() {
                if let (Some(key), Some(range)) = (pair.key(escape), pair.key_range()) {
                    global_args.entry(key).or_insert(range);
                }
            }
        }
    }
    // The canonical declaration of a KEY_VALUE: a stage ARG re-exposing a global ARG is the
    // global one.
    let canonical = |pair: &ast::KeyValue| -> Option<TextRange> {
        let key_range = pair.key_range()?;
        let key = pair.key(escape)?;
        let instruction = top_instruction(pair.syntax())?;
        let idx = model.instruction_index(&instruction)?;
        if matches!(instruction, Instruction::Arg(_)) && idx > first_from {
            if let Some(global) = global_args.get(&key) {
                return Some(*global);
            }
        }
        Some(key_range)
    };
    for (idx, instruction) in model.instructions.iter().enumerate() {
        if matches!(instruction, Instruction::Arg(_) | Instruction::Env(_)) {
            for pair in instruction.key_values() {
                if let (Some(range), Some(symbol)) = (pair.key_range(), canonical(&pair)) {
                    out.push(Occurrence {
                        range,
                        symbol: Symbol::Var(symbol),
                        is_declaration: true,
                    });
                }
            }
        }
        let is_from = matches!(instruction, Instruction::From(_));
        for variable in instruction
            .syntax()
            .descendants()
            .filter_map(ast::Variable::cast)
        {
            let Some((name, name_range)) = variable_name_range(&variable, text) else {
                continue;
            };
            let binding = if is_from {
                model
                    .global_scope
                    .get(&name)
                    .or(model.scope_at(idx).get(&name))
            } else {
                model.scope_at(idx).get(&name)
            };
            let Some(binding) = binding else {
                continue;
            };
            let pair = root
                .covering_element(binding.range)
                .ancestors()
                .find_map(ast::KeyValue::cast);
            let Some(symbol) = pair.as_ref().and_then(canonical) else {
                continue;
            };
            out.push(Occurrence {
                range: name_range,
                symbol: Symbol::Var(symbol),
                is_declaration: false,
            });
        }
    }
    heredoc_occurrences(root, text, &mut out);
    out.sort_by_key(|o| (o.range.start(), o.range.end()));
    out
}

/// Each heredoc's delimiter in its opener (`<<EOF`, `<<-'EOF'`) and its terminator line.
fn heredoc_occurrences(root: &SyntaxNode, text: &str, out: &mut Vec<Occurrence>) {
    for instruction in root.descendants().filter(|n| n.kind().is_instruction()) {
        let bodies: Vec<SyntaxNode> = instruction
            .children()
            .filter(|n| n.kind() == SyntaxKind::HEREDOC)
            .collect();
        let Some(first) = bodies.first() else {
            continue;
        };
        let start = usize::from(instruction.text_range().start());
        let line = &text[start..usize::from(first.text_range().start())];
        let mut from = 0usize;
        for body in &bodies {
            let Some(terminator) = body
                .children_with_tokens()
                .filter_map(|e| e.into_token())
                .find(|t| t.kind() == SyntaxKind::HEREDOC_DELIMITER)
            else {
                continue;
            };
            let written = terminator.text().trim_start_matches('\t');
            if written.is_empty() {
                continue;
            }
            // The next `<<` whose delimiter (after `-`, blanks and a quote) is this one.
            let mut found = None;
            while let Some(idx) = line[from..].find("<<") {
                let opener = from + idx + 2;
                from = opener;
                let rest = &line[opener..];
                let skipped = rest.len()
                    - rest
                        .trim_start_matches('-')
                        .trim_start_matches([' ', '\t'])
                        .trim_start_matches(['\'', '"'])
                        .len();
                if line[opener + skipped..].starts_with(written) {
                    found = Some(opener + skipped);
                    from = opener + skipped + written.len();
                    break;
                }
            }
            let Some(opener) = found else {
                continue;
            };
            let symbol = Symbol::Heredoc(body.text_range());
            let terminator_end = terminator.text_range().end();
            out.push(Occurrence {
                range: TextRange::at(
                    TextSize::from((start + opener) as u32),
                    TextSize::of(written),
                ),
                symbol,
                is_declaration: true,
            });
            out.push(Occurrence {
                range: TextRange::new(terminator_end - TextSize::of(written), terminator_end),
                symbol,
                is_declaration: false,
            });
        }
    }
}

/// The occurrences of the symbol under `position`, with the one under the cursor.
fn related(snapshot: &Snapshot, position: Position) -> Option<(Occurrence, Vec<Occurrence>)> {
    let doc = &snapshot.doc;
    let offset = doc.offset(position, snapshot.encoding);
    let model = snapshot.model()?;
    let root = doc.parse.syntax();
    let all = occurrences(&model, &root, &doc.text);
    let here = *all.iter().find(|o| o.range.contains_inclusive(offset))?;
    let same = all
        .into_iter()
        .filter(|o| o.symbol == here.symbol)
        .collect();
    Some((here, same))
}

pub fn definition(snapshot: &Snapshot, position: Position) -> Option<Vec<Location>> {
    let (_, same) = related(snapshot, position)?;
    let declarations: Vec<Location> = same
        .iter()
        .filter(|o| o.is_declaration)
        .take(1)
        .map(|o| location(snapshot, o.range))
        .collect();
    (!declarations.is_empty()).then_some(declarations)
}

pub fn references(
    snapshot: &Snapshot,
    position: Position,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let (_, same) = related(snapshot, position)?;
    Some(
        same.iter()
            .filter(|o| include_declaration || !o.is_declaration)
            .map(|o| location(snapshot, o.range))
            .collect(),
    )
}

pub fn highlight(snapshot: &Snapshot, position: Position) -> Option<Vec<DocumentHighlight>> {
    let (_, same) = related(snapshot, position)?;
    Some(
        same.iter()
            .map(|o| DocumentHighlight {
                range: snapshot.doc.range(o.range, snapshot.encoding),
                kind: Some(if o.is_declaration {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                }),
            })
            .collect(),
    )
}

pub fn prepare_rename(snapshot: &Snapshot, position: Position) -> Option<PrepareRenameResponse> {
    let (here, _) = related(snapshot, position)?;
    Some(PrepareRenameResponse::Range(
        snapshot.doc.range(here.range, snapshot.encoding),
    ))
}

/// Whether `name` is a valid new name for the symbol.
fn valid_name(symbol: Symbol, name: &str) -> bool {
    let mut chars = name.chars();
    match symbol {
        // BuildKit: `^[a-z][a-z0-9-_.]*$` after lowercasing.
        Symbol::Stage(_) => {
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        }
        Symbol::Heredoc(_) => {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        Symbol::Var(_) => {
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
    }
}

/// The rename edits, `Err` with a message when the new name is invalid.
pub fn rename(
    snapshot: &Snapshot,
    position: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>, String> {
    let Some((here, same)) = related(snapshot, position) else {
        return Ok(None);
    };
    if !valid_name(here.symbol, new_name) {
        return Err(format!("`{new_name}` is not a valid name here"));
    }
    let edits: Vec<TextEdit> = same
        .iter()
        .map(|o| {
            TextEdit::new(
                snapshot.doc.range(o.range, snapshot.encoding),
                new_name.into(),
            )
        })
        .collect();
    Ok(Some(crate::convert::workspace_edit(&snapshot.uri, edits)))
}

fn location(snapshot: &Snapshot, range: TextRange) -> Location {
    Location::new(
        snapshot.uri.clone(),
        snapshot.doc.range(range, snapshot.encoding),
    )
}

/// The web page of an image on its registry, for the registries that have one per image.
pub fn image_url(image: &ImageRef) -> Option<String> {
    let repository = &image.repository;
    if repository.is_empty() || repository.contains('$') {
        return None;
    }
    match image.registry.as_deref() {
        None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io") => {
            let short = image.short_repository();
            Some(if short.contains('/') {
                format!("https://hub.docker.com/r/{short}")
            } else {
                format!("https://hub.docker.com/_/{short}")
            })
        }
        // ghcr.io redirects an image path to its package page on GitHub.
        Some("ghcr.io") => Some(format!("https://ghcr.io/{repository}")),
        Some("quay.io") => Some(format!("https://quay.io/repository/{repository}")),
        Some("mcr.microsoft.com") => Some(format!(
            "https://mcr.microsoft.com/artifact/mar/{repository}"
        )),
        _ => None,
    }
}

pub fn links(snapshot: &Snapshot) -> Vec<DocumentLink> {
    let doc = &snapshot.doc;
    let Some(model) = snapshot.model() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for stage in &model.stages {
        let (Some(image), Some(range)) = (stage.image.as_ref(), stage.image_range) else {
            continue;
        };
        if matches!(stage.base, rlint_linter::model::Base::Stage(_)) {
            continue;
        }
        let resolved = model
            .resolve_from(&stage.image_text, model.escape)
            .map(|text| ImageRef::parse(&text));
        let Some(url) = resolved
            .as_ref()
            .or(Some(image))
            .and_then(image_url)
            .and_then(|u| Url::parse(&u).ok())
        else {
            continue;
        };
        out.push(DocumentLink {
            range: doc.range(range, snapshot.encoding),
            target: Some(url),
            tooltip: Some("Open the image's registry page".to_string()),
            data: None,
        });
    }
    out
}

/// `: value` after each ARG reference in a FROM line whose value is known.
pub fn inlay_hints(snapshot: &Snapshot, range: Range) -> Vec<InlayHint> {
    let doc = &snapshot.doc;
    let wanted = doc.text_range(range, snapshot.encoding);
    let Some(model) = snapshot.model() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (idx, instruction) in model.instructions.iter().enumerate() {
        if !matches!(instruction, Instruction::From(_))
            || instruction
                .syntax()
                .text_range()
                .intersect(wanted)
                .is_none()
        {
            continue;
        }
        for variable in instruction
            .syntax()
            .descendants()
            .filter_map(ast::Variable::cast)
        {
            let name = variable.name();
            let value = model
                .global_scope
                .get(&name)
                .or(model.scope_at(idx).get(&name))
                .and_then(|b| b.value.known().map(str::to_string));
            let Some(value) = value else {
                continue;
            };
            out.push(InlayHint {
                position: doc.position(variable.syntax().text_range().end(), snapshot.encoding),
                label: InlayHintLabel::String(format!("= {value}")),
                kind: Some(InlayHintKind::PARAMETER),
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str) -> Vec<(String, bool, Symbol)> {
        let parse = rlint_syntax::parse(text);
        let model = Model::new(&parse);
        occurrences(&model, &parse.syntax(), text)
            .into_iter()
            .map(|o| (text[o.range].to_string(), o.is_declaration, o.symbol))
            .collect()
    }

    #[test]
    fn heredoc_openers_pair_with_their_terminators() {
        let found = symbols("FROM a\nRUN <<-'EOT' cat && <<B cat\n\tx\n\tEOT\ny\nB\n");
        let names: Vec<(&str, bool)> = found
            .iter()
            .map(|(text, decl, _)| (text.as_str(), *decl))
            .collect();
        assert_eq!(
            names,
            [("EOT", true), ("B", true), ("EOT", false), ("B", false)]
        );
        assert_eq!(found[0].2, found[2].2);
        assert_eq!(found[1].2, found[3].2);
    }

    #[test]
    fn stage_references_are_case_insensitive() {
        let found = symbols("FROM a AS Build\nFROM b\nCOPY --from=BUILD /a /b\n");
        assert_eq!(
            found,
            [
                ("Build".to_string(), true, Symbol::Stage(0)),
                ("BUILD".to_string(), false, Symbol::Stage(0)),
            ]
        );
    }
}

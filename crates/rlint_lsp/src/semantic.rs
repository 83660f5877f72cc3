//! Semantic tokens (full, range and delta): keywords, flags and their values, strings,
//! variables, comments, stage names, heredoc bodies and parser directives.
//!
//! Tokens come from the leaves of the tree, so they never overlap; a leaf spanning several lines
//! (a continued variable, a heredoc line) is cut at line ends, line terminators left out.

use crate::document::{Document, Encoding};
use rlint_syntax::{SyntaxKind, SyntaxToken, TextRange, TextSize};
use std::collections::HashSet;
use tower_lsp::lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokensEdit,
    SemanticTokensLegend,
};
use SyntaxKind::*;

/// The legend, in the order of the type indices below.
pub const TYPES: [SemanticTokenType; 9] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::PARAMETER,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::STRING,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::COMMENT,
    SemanticTokenType::CLASS,
    SemanticTokenType::MACRO,
    SemanticTokenType::OPERATOR,
];
const KEYWORD: u32 = 0;
const FLAG_TYPE: u32 = 1;
/// Flag values and LABEL keys.
const PROPERTY: u32 = 2;
const STRING_TYPE: u32 = 3;
const VARIABLE_TYPE: u32 = 4;
const COMMENT_TYPE: u32 = 5;
const STAGE: u32 = 6;
const DIRECTIVE_TYPE: u32 = 7;
const OPERATOR: u32 = 8;
/// Modifier bit 0: the declaration of a stage or variable.
const DECLARATION: u32 = 1;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

/// The type and modifiers of one leaf token, if it gets a semantic token.
fn classify(token: &SyntaxToken, stage_names: &HashSet<String>) -> Option<(u32, u32)> {
    let kind = token.kind();
    let mut inside = None;
    for ancestor in token.parent_ancestors() {
        match ancestor.kind() {
            VARIABLE => return Some((VARIABLE_TYPE, 0)),
            DIRECTIVE => {
                inside = inside.or(Some(DIRECTIVE));
                break;
            }
            STAGE_NAME | FLAG_VALUE | KEY | VALUE | HEREDOC | ARGUMENT => {
                inside = inside.or(Some(ancestor.kind()));
            }
            _ => {}
        }
    }
    let parent_instruction = token
        .parent_ancestors()
        .find(|n| n.kind().is_instruction())
        .map(|n| n.kind());
    let result = match (kind, inside) {
        (COMMENT, _) => (COMMENT_TYPE, 0),
        (_, Some(DIRECTIVE)) => match kind {
            HASH | DIRECTIVE_KEY => (DIRECTIVE_TYPE, 0),
            DIRECTIVE_VALUE => (STRING_TYPE, 0),
            _ => return None,
        },
        (WHITESPACE | NEWLINE | LINE_CONTINUATION | EQ | COMMA | L_BRACK | R_BRACK, _) => {
            return None
        }
        (k, _) if k.is_keyword() && k != UNKNOWN_KW => (KEYWORD, 0),
        (AS_KW | HEALTHCHECK_TYPE, _) => (KEYWORD, 0),
        (FLAG_NAME, _) => (FLAG_TYPE, 0),
        (HEREDOC_LINE, _) => (STRING_TYPE, 0),
        (HEREDOC_DELIMITER, _) => (OPERATOR, 0),
        (STRING, _) => (STRING_TYPE, 0),
        (_, Some(STAGE_NAME)) => (STAGE, DECLARATION),
        (TEXT, Some(FLAG_VALUE)) => {
            let flag = token
                .parent_ancestors()
                .find(|n| n.kind() == FLAG)
                .and_then(|f| {
                    f.children_with_tokens()
                        .find(|e| e.kind() == FLAG_NAME)
                        .map(|e| e.to_string())
                });
            if flag.as_deref() == Some("--from")
                && stage_names.contains(&token.text().to_ascii_lowercase())
            {
                (STAGE, 0)
            } else {
                (PROPERTY, 0)
            }
        }
        (TEXT, Some(KEY))
            if matches!(parent_instruction, Some(ARG_INSTRUCTION | ENV_INSTRUCTION)) =>
        {
            (VARIABLE_TYPE, DECLARATION)
        }
        (TEXT, Some(KEY)) => (PROPERTY, 0),
        (TEXT, Some(VALUE)) => (STRING_TYPE, 0),
        (TEXT, Some(ARGUMENT))
            if parent_instruction == Some(FROM_INSTRUCTION)
                && stage_names.contains(&token.text().to_ascii_lowercase()) =>
        {
            (STAGE, 0)
        }
        _ => return None,
    };
    Some(result)
}

/// Absolute tokens: (range, type, modifiers), in text order, each on one line.
fn absolute(doc: &Document, range: Option<TextRange>) -> Vec<(TextRange, u32, u32)> {
    let root = doc.parse.syntax();
    let stage_names: HashSet<String> = root
        .descendants()
        .filter(|n| n.kind() == STAGE_NAME)
        .map(|n| n.text().to_string().to_ascii_lowercase())
        .collect();
    let mut out: Vec<(TextRange, u32, u32)> = Vec::new();
    let tokens = root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| {
            range.is_none_or(|range| {
                t.text_range()
                    .intersect(range)
                    .is_some_and(|r| !r.is_empty())
            })
        });
    for token in tokens {
        let Some((token_type, modifiers)) = classify(&token, &stage_names) else {
            continue;
        };
        let start = usize::from(token.text_range().start());
        // Cut at line ends, leaving terminators out.
        let mut line_start = start;
        for piece in token.text().split_inclusive('\n') {
            let content = piece.trim_end_matches(['\n', '\r']);
            if !content.is_empty() {
                let piece_range =
                    TextRange::at(TextSize::from(line_start as u32), TextSize::of(content));
                // Merge with the previous token when contiguous and of the same type.
                match out.last_mut() {
                    Some(last)
                        if last.0.end() == piece_range.start()
                            && last.1 == token_type
                            && last.2 == modifiers =>
                    {
                        last.0 = last.0.cover(piece_range);
                    }
                    _ => out.push((piece_range, token_type, modifiers)),
                }
            }
            line_start += piece.len();
        }
    }
    out
}

/// The tokens of `doc` (or of `range`), relative-encoded as the protocol wants.
pub fn tokens(doc: &Document, encoding: Encoding, range: Option<TextRange>) -> Vec<SemanticToken> {
    let mut out = Vec::new();
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    for (range, token_type, modifiers) in absolute(doc, range) {
        let start = doc.position(range.start(), encoding);
        let end = doc.position(range.end(), encoding);
        if end.line != start.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - prev_line;
        let delta_start = if delta_line == 0 {
            start.character - prev_start
        } else {
            start.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type,
            token_modifiers_bitset: modifiers,
        });
        prev_line = start.line;
        prev_start = start.character;
    }
    out
}

/// One edit turning `old` into `new` (common prefix and suffix kept), or none when equal.
pub fn delta(old: &[SemanticToken], new: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
    let (prefix, suffix) = rlint_syntax::reparse::common_affixes(old, new);
    let old_mid = &old[prefix..old.len() - suffix];
    let new_mid = &new[prefix..new.len() - suffix];
    if old_mid.is_empty() && new_mid.is_empty() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: (prefix * 5) as u32,
        delete_count: (old_mid.len() * 5) as u32,
        data: Some(new_mid.to_vec()),
    }]
}

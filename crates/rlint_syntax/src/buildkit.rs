//! BuildKit's view of a parsed Dockerfile: its parse-tree dump and instruction line spans.
//!
//! The dump is the format of BuildKit's `dumper` tool (described in
//! `shared/conformance/buildkit-parser/README.md`). It is rendered from the tree: each
//! instruction's logical line is read back from its tokens and cut again with the same shaper
//! the parser used, then values are decoded with BuildKit's byte-level quirks.

use crate::ast::AstNode;
use crate::decode::{byte_units, encode_lossless};
use crate::go_quote::{go_quote, go_quote_str};
use crate::json::JsonPiece;
use crate::shape::{shape_instruction, Args, Shape, Span};
use crate::{LineIndex, Parse, SyntaxError, SyntaxKind, SyntaxNode, TextSize};
use rowan::NodeOrToken;
use SyntaxKind::*;

/// The escape character a tree's directives select (`\` unless `# escape=` says otherwise).
/// Directives only occur in the leading run, and only the first `escape` directive counts (a
/// repeated one is an error), as in the parser.
pub fn escape_char(root: &SyntaxNode) -> char {
    let directives = root.children().take_while(|n| n.kind() == DIRECTIVE);
    for directive in directives {
        let mut key = None;
        let mut value = None;
        for token in directive
            .children_with_tokens()
            .filter_map(NodeOrToken::into_token)
        {
            match token.kind() {
                DIRECTIVE_KEY => key = Some(token.text().to_ascii_lowercase()),
                DIRECTIVE_VALUE => value = Some(token.text().to_string()),
                _ => {}
            }
        }
        if key.as_deref() == Some("escape") {
            return if value.as_deref() == Some("`") {
                '`'
            } else {
                '\\'
            };
        }
    }
    '\\'
}

/// The logical line of an instruction: its text with continuations, skipped comment and blank
/// lines, heredoc bodies and the line terminator left out.
pub fn logical_text(instruction: &SyntaxNode) -> String {
    let mut out = String::new();
    collect_logical(instruction, &mut out, true);
    out
}

fn collect_logical(node: &SyntaxNode, out: &mut String, top: bool) {
    for element in node.children_with_tokens() {
        match element {
            NodeOrToken::Node(child) => {
                if !matches!(child.kind(), CONTINUATION | HEREDOC) {
                    collect_logical(&child, out, false);
                }
            }
            NodeOrToken::Token(token) => {
                if !(top && token.kind() == NEWLINE) && token.kind() != LINE_CONTINUATION {
                    out.push_str(token.text());
                }
            }
        }
    }
}

/// BuildKit's dump of the file, or the first error that makes BuildKit's parser reject it.
pub fn dump(parse: &Parse) -> Result<String, SyntaxError> {
    if let Some(error) = parse.errors.iter().find(|e| e.fatal) {
        return Err(error.clone());
    }
    let root = parse.syntax();
    let escape = escape_char(&root);
    let mut out = String::new();
    for instruction in parse.tree().instructions() {
        let instruction = instruction.syntax();
        let text = logical_text(instruction);
        let shape = shape_instruction(&text, 0..text.len(), escape);
        out.push('(');
        out.push_str(render_node(&text, &shape, escape).trim());
        out.push_str(")\n");
    }
    Ok(out)
}

/// 1-based first and last physical line of every top-level instruction, as BuildKit reports them.
pub fn instruction_lines(parse: &Parse) -> Vec<(u32, u32)> {
    let text = parse.text();
    let index = LineIndex::new(&text);
    parse
        .tree()
        .instructions()
        .map(|instruction| {
            let node = instruction.syntax();
            let start = node
                .children_with_tokens()
                .find(|e| e.kind() != WHITESPACE)
                .map_or(node.text_range().start(), |e| e.text_range().start());
            let end = node.text_range().end();
            // The start of the last char: line_col needs a char boundary.
            let last = text[..usize::from(end)]
                .char_indices()
                .next_back()
                .map_or(start, |(idx, _)| TextSize::from(idx as u32))
                .max(start);
            (
                index.line_col(start).line + 1,
                index.line_col(last).line + 1,
            )
        })
        .collect()
}

fn render_node(text: &str, shape: &Shape, escape: char) -> String {
    let mut node = go_lowercase(&text[shape.keyword.clone()]);
    if !shape.flags.is_empty() {
        node.push_str(" [");
        for (idx, flag) in shape.flags.iter().enumerate() {
            if idx > 0 {
                node.push(' ');
            }
            node.push_str(&go_quote_str(&flag_value(&text[flag.clone()], escape)));
        }
        node.push(']');
    }
    render_args(text, &shape.args, shape.keyword_kind, escape, &mut node);
    node
}

fn render_args(text: &str, args: &Args, kw: SyntaxKind, escape: char, node: &mut String) {
    fn item(node: &mut String, value: String) {
        node.push(' ');
        node.push_str(&value);
    }
    let raw = |span: &Span| go_quote(&encode_lossless(&text[span.clone()]));
    match args {
        Args::None => {}
        Args::Exec { pieces, .. } => {
            for (piece, span) in pieces {
                if *piece == JsonPiece::String {
                    item(
                        node,
                        go_quote_str(&crate::json::decode_json_string(&text[span.clone()])),
                    );
                }
            }
        }
        Args::Shell(span) | Args::Whole(span) => item(node, raw(span)),
        Args::Words(words) if kw == ARG_KW => {
            for span in words {
                item(node, go_quote_str(&word_value(&text[span.clone()], escape)));
            }
        }
        Args::Words(words) => {
            for span in words {
                item(node, raw(span));
            }
        }
        Args::KeyValues(pairs) => {
            for (span, _) in pairs {
                let value = word_value(&text[span.clone()], escape);
                let (key, val) = value.split_once('=').unwrap_or((&value, ""));
                item(node, go_quote_str(key));
                item(node, go_quote_str(val));
                item(node, go_quote_str("="));
            }
        }
        Args::Legacy { key, value } => {
            item(node, raw(key));
            item(node, raw(value));
            item(node, go_quote_str(""));
        }
        Args::Healthcheck { kind, .. } => {
            // BuildKit cuts the type at the first whitespace *byte*; redo it on bytes.
            let rest = encode_lossless(text[kind.start..].trim_end()).into_owned();
            let is_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ' | 0x85 | 0xA0);
            let sep = rest.iter().position(is_space).unwrap_or(rest.len());
            let next = rest[sep..]
                .iter()
                .position(|b| !is_space(b))
                .map_or(rest.len(), |p| p + sep);
            item(node, go_quote(&rest[..sep]));
            let command = &rest[next..];
            match std::str::from_utf8(command) {
                Ok(command) => {
                    let args = crate::shape::json_or_string(command, 0..command.len(), &mut None);
                    render_args(command, &args, RUN_KW, escape, node);
                }
                Err(_) if !command.is_empty() => item(node, go_quote(command)),
                Err(_) => {}
            }
        }
        Args::Onbuild(trigger) => {
            node.push_str(" (");
            node.push_str(&render_node(text, trigger, escape));
            node.push(')');
        }
        Args::Unknown(_) => item(node, go_quote_str("")),
    }
}

/// A flag word as BuildKit stores it: quotes removed, escapes applied, and every byte
/// re-encoded as the code point of the same number.
fn flag_value(word: &str, escape: char) -> String {
    let escape = escape as u8;
    let units: Vec<u8> = byte_units(word).map(|u| u.byte).collect();
    let mut out = String::with_capacity(word.len());
    let mut quote = None;
    let mut idx = 0;
    while idx < units.len() {
        let b = units[idx];
        match quote {
            None => {
                if matches!(b, b'\t'..=b'\r' | b' ' | 0x85 | 0xA0) {
                    break;
                }
                if b == b'\'' || b == b'"' {
                    quote = Some(b);
                    idx += 1;
                    continue;
                }
            }
            Some(q) if b == q => {
                quote = None;
                idx += 1;
                continue;
            }
            Some(_) => {}
        }
        let mut byte = b;
        if b == escape {
            if idx + 1 == units.len() {
                break;
            }
            idx += 1;
            byte = units[idx];
        }
        out.push(char::from(byte));
        idx += 1;
    }
    out
}

/// A word as BuildKit's `parseWords` stores it: quotes and escapes kept, an escape at the very
/// end dropped, invalid bytes as U+FFFD.
fn word_value(word: &str, escape: char) -> String {
    let mut out = String::with_capacity(word.len());
    let mut quote: Option<char> = None;
    let mut chars = crate::decode::go_chars(word);
    while let Some(c) = chars.next() {
        match quote {
            None => {
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
                if c == escape {
                    let Some(next) = chars.next() else { break };
                    out.push(c);
                    out.push(next);
                    continue;
                }
            }
            Some(q) => {
                if c == q {
                    quote = None;
                }
                if c == escape && q != '\'' {
                    let Some(next) = chars.next() else { break };
                    out.push(c);
                    out.push(next);
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Go's `strings.ToLower`, with invalid bytes as U+FFFD.
fn go_lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::decode::go_chars(text) {
        if c == '\u{130}' {
            // Go maps İ to a plain `i` (simple case mapping), Rust to `i` + combining dot.
            out.push('i');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

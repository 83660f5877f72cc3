//! Lossless Dockerfile syntax tree for rlint.
//!
//! [`parse`] never fails: every input, valid or not, gives a rowan tree whose text equals the
//! input byte for byte, plus a list of [`SyntaxError`]s with exact ranges. The grammar follows
//! BuildKit's Dockerfile parser (directives, escape character, continuations, heredocs, JSON
//! exec form, argument shapes); [`buildkit::dump`] renders a tree in BuildKit's own dump format.
//! Each instruction is a subtree of whole lines, parsed from the only state carried between
//! instructions, [`LineState`] (the escape character and whether directives may still follow).
//!
//! This crate knows no rules, configuration, IO or LSP.

pub mod ast;
pub mod buildkit;
pub mod decode;
pub mod expand;
pub mod format;
pub mod go_quote;
mod green;
mod heredoc;
mod json;
mod parser;
pub mod reparse;
mod shape;
pub mod suggest;
mod syntax_kind;
mod validate;

#[cfg(test)]
mod tests;

pub use heredoc::{heredocs_in_line, HeredocOpener};
pub use json::{decode_json_string, write_json_string};
pub use line_index::{LineCol, LineIndex, WideEncoding, WideLineCol};
pub use parser::{LineState, MAX_LINE_LEN};
pub use reparse::{same_node, Reparsed, TextEdit};
pub use rowan::{GreenNode, TextLen, TextRange, TextSize};
pub use syntax_kind::{
    DockerfileLanguage, SyntaxElement, SyntaxElementChildren, SyntaxKind, SyntaxNode, SyntaxToken,
    KEYWORDS,
};

use std::fmt;

/// How serious a syntax problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// The stable codes of syntax problems (`RL1xxx` in the rule catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorCode {
    /// RL1001: a keyword that is not a Dockerfile instruction.
    UnknownInstruction,
    /// RL1002: an instruction without the arguments it needs.
    MissingArguments,
    /// RL1003: a heredoc body that never reaches its delimiter.
    UnterminatedHeredoc,
    /// RL1004: a JSON array with a non-string element, or JSON that fell back to shell form.
    InvalidExecForm,
    /// RL1005: a flag the instruction does not accept.
    UnknownFlag,
    /// RL1006: a malformed flag value.
    InvalidFlagValue,
    /// RL1007: a malformed, unknown-valued or repeated parser directive.
    InvalidDirective,
    /// RL1008: a directive-looking comment after the directive block.
    MisplacedDirective,
    /// RL1009: a blank line inside a continuation.
    EmptyContinuation,
    /// RL1010: ONBUILD wrapping ONBUILD, FROM or MAINTAINER.
    InvalidOnbuild,
    /// RL1011: a malformed ENV/LABEL/ARG pair.
    InvalidKeyValue,
    /// RL1012: an EXPOSE value that is not a port.
    InvalidPort,
    /// RL1013: instructions but no FROM.
    NoFrom,
    /// RL1013: a file with no instruction at all (BuildKit: `file with no instructions`).
    NoInstructions,
    /// RL1014: a physical line longer than BuildKit accepts (65,535 bytes). Not yet in the
    /// catalogue; see the closing note of the syntax issue.
    LineTooLong,
}

impl ErrorCode {
    /// The stable rule code.
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::UnknownInstruction => "RL1001",
            ErrorCode::MissingArguments => "RL1002",
            ErrorCode::UnterminatedHeredoc => "RL1003",
            ErrorCode::InvalidExecForm => "RL1004",
            ErrorCode::UnknownFlag => "RL1005",
            ErrorCode::InvalidFlagValue => "RL1006",
            ErrorCode::InvalidDirective => "RL1007",
            ErrorCode::MisplacedDirective => "RL1008",
            ErrorCode::EmptyContinuation => "RL1009",
            ErrorCode::InvalidOnbuild => "RL1010",
            ErrorCode::InvalidKeyValue => "RL1011",
            ErrorCode::InvalidPort => "RL1012",
            ErrorCode::NoFrom | ErrorCode::NoInstructions => "RL1013",
            ErrorCode::LineTooLong => "RL1014",
        }
    }

    /// The kebab-case rule name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::UnknownInstruction => "unknown-instruction",
            ErrorCode::MissingArguments => "missing-arguments",
            ErrorCode::UnterminatedHeredoc => "unterminated-heredoc",
            ErrorCode::InvalidExecForm => "invalid-exec-form",
            ErrorCode::UnknownFlag => "unknown-flag",
            ErrorCode::InvalidFlagValue => "invalid-flag-value",
            ErrorCode::InvalidDirective => "invalid-directive",
            ErrorCode::MisplacedDirective => "misplaced-directive",
            ErrorCode::EmptyContinuation => "empty-continuation",
            ErrorCode::InvalidOnbuild => "invalid-onbuild",
            ErrorCode::InvalidKeyValue => "invalid-key-value",
            ErrorCode::InvalidPort => "invalid-port",
            ErrorCode::NoFrom | ErrorCode::NoInstructions => "no-from",
            ErrorCode::LineTooLong => "line-too-long",
        }
    }

    /// Whether BuildKit's line parser rejects a file with this problem (the whole build fails
    /// before any instruction is looked at).
    pub fn is_fatal_in_buildkit_parser(self) -> bool {
        matches!(
            self,
            ErrorCode::UnterminatedHeredoc
                | ErrorCode::InvalidExecForm
                | ErrorCode::InvalidDirective
                | ErrorCode::InvalidKeyValue
                | ErrorCode::NoInstructions
                | ErrorCode::LineTooLong
        )
    }
}

/// A problem found while parsing, with its exact range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SyntaxError {
    pub code: ErrorCode,
    pub severity: Severity,
    pub range: TextRange,
    pub message: String,
    /// BuildKit's line parser rejects the file because of this problem.
    pub fatal: bool,
}

impl SyntaxError {
    pub fn new(code: ErrorCode, range: TextRange, message: String) -> SyntaxError {
        SyntaxError {
            code,
            severity: Severity::Error,
            range,
            message,
            fatal: code.is_fatal_in_buildkit_parser(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> SyntaxError {
        self.severity = severity;
        self
    }

    pub fn not_fatal(mut self) -> SyntaxError {
        self.fatal = false;
        self
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.code(), self.message)
    }
}

/// The result of parsing: a green tree and the problems found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    pub green: GreenNode,
    pub errors: Vec<SyntaxError>,
}

impl Parse {
    /// The root of the red tree.
    pub fn syntax(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.green.clone())
    }

    /// The typed root.
    pub fn tree(&self) -> ast::SourceFile {
        ast::SourceFile {
            syntax: self.syntax(),
        }
    }

    /// The text the tree was made from, read straight from the green tree: no red nodes are
    /// made, so this is much cheaper than `syntax().to_string()`.
    pub fn text(&self) -> String {
        green_text(&self.green)
    }

    /// Whether BuildKit's line parser would reject the file.
    pub fn has_fatal_error(&self) -> bool {
        self.errors.iter().any(|e| e.fatal)
    }
}

/// The text of a green subtree.
pub fn green_text(node: &rowan::GreenNodeData) -> String {
    fn push(node: &rowan::GreenNodeData, out: &mut String) {
        for child in node.children() {
            match child {
                rowan::NodeOrToken::Node(node) => push(node, out),
                rowan::NodeOrToken::Token(token) => out.push_str(token.text()),
            }
        }
    }
    let mut out = String::with_capacity(usize::from(node.text_len()));
    push(node, &mut out);
    out
}

/// Parses a Dockerfile. Never fails; see [`Parse::errors`].
pub fn parse(text: &str) -> Parse {
    let (green, mut errors) = parser::parse_text(text);
    errors.sort_by_key(|e| (e.range.start(), e.range.end()));
    Parse { green, errors }
}

/// Parses Dockerfile bytes that may not be valid UTF-8; invalid bytes are kept as private-use
/// code points (see [`decode`]). Returns the parse and the text it was made from.
pub fn parse_bytes(bytes: &[u8]) -> (Parse, String) {
    let (text, _) = decode::decode_lossless(bytes);
    let parse = parse(&text);
    (parse, text.into_owned())
}

/// A debug rendering of the tree: one element per line, indented two spaces per depth, nodes as
/// `KIND@START..END`, tokens as `KIND@START..END "TEXT"` (TEXT as a JSON string).
pub fn debug_tree(node: &SyntaxNode) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for event in node.preorder_with_tokens() {
        match event {
            rowan::WalkEvent::Enter(element) => {
                out.push_str(&"  ".repeat(depth));
                let range = element.text_range();
                match &element {
                    rowan::NodeOrToken::Node(n) => {
                        out.push_str(&format!(
                            "{:?}@{}..{}\n",
                            n.kind(),
                            u32::from(range.start()),
                            u32::from(range.end())
                        ));
                        depth += 1;
                    }
                    rowan::NodeOrToken::Token(t) => {
                        out.push_str(&format!(
                            "{:?}@{}..{} {}\n",
                            t.kind(),
                            u32::from(range.start()),
                            u32::from(range.end()),
                            json_string(t.text())
                        ));
                    }
                }
            }
            rowan::WalkEvent::Leave(element) => {
                if element.as_node().is_some() {
                    depth -= 1;
                }
            }
        }
    }
    out
}

/// A JSON string literal for `text` (no serde in this crate).
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

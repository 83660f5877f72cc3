//! A conservative Dockerfile formatter: edits that never change what BuildKit builds.
//!
//! [`format`] returns sorted, non-overlapping edits. Every rule only touches text whose amount or
//! letter case BuildKit ignores (see `shared/design/reference/buildkit.md` §4–7):
//!
//! - instruction keywords (also inside `ONBUILD`) and `AS` are upper-cased: BuildKit matches
//!   both case-insensitively;
//! - an instruction's leading blanks are removed and the blanks between its keyword, flags and
//!   arguments become one space, but only where they separate two elements of the tree (BuildKit
//!   trims the logical line, splits the keyword off at the first blank run, peels flags at blank
//!   runs and splits list arguments on blank runs); blanks inside one element (`WORKDIR /a  b`,
//!   the legacy `ENV A  b  c`, JSON, quoted text) are kept;
//! - trailing blanks are removed at the end of instructions, after a line continuation's escape
//!   character (BuildKit deletes them with the escape), on comment lines and on blank lines;
//! - a line continued between two elements is indented by whole levels (four spaces by default,
//!   see [`FormatOptions`]): at least one level, and deeper hand-made indentation (nested package
//!   lists) is kept, rounded down to whole levels, so it is never flattened. Inside the shell form of
//!   `RUN`, `CMD` and `ENTRYPOINT` the continuation is re-indented only where the shell sees a
//!   blank run between two words (outside quotes, not escaped): the shell runs the same command,
//!   although BuildKit's dump keeps the changed blank run;
//! - heredoc bodies, comments' text, JSON and directives are never changed.

use crate::{Parse, SyntaxKind::*};
use crate::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken, TextRange, TextSize};
use rowan::NodeOrToken;

/// How continued lines are indented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatOptions {
    /// The width of one indentation level (and of a tab).
    pub tab_size: u32,
    /// Indent with spaces (else tabs).
    pub insert_spaces: bool,
}

impl Default for FormatOptions {
    fn default() -> FormatOptions {
        FormatOptions {
            tab_size: 4,
            insert_spaces: true,
        }
    }
}

impl FormatOptions {
    /// The indentation for a continued line indented with `current`: at least one level, and
    /// hand-made deeper indentation (nested package lists) kept, rounded down to whole levels.
    pub fn indent_for(&self, current: &str) -> String {
        let tab_size = self.tab_size.max(1) as usize;
        let width: usize = current
            .chars()
            .map(|c| if c == '\t' { tab_size } else { 1 })
            .sum();
        let levels = (width / tab_size).max(1);
        if self.insert_spaces {
            " ".repeat(levels * tab_size)
        } else {
            "\t".repeat(levels)
        }
    }
}

/// The edits that format `parse` with the default options (four spaces), sorted by range and
/// non-overlapping.
pub fn format(parse: &Parse) -> Vec<(TextRange, String)> {
    format_with(parse, &FormatOptions::default())
}

/// The edits that format `parse`, sorted by range and non-overlapping.
pub fn format_with(parse: &Parse, options: &FormatOptions) -> Vec<(TextRange, String)> {
    let mut edits = Edits {
        edits: Vec::new(),
        options: *options,
    };
    let children: Vec<SyntaxElement> = parse.tree().items().collect();
    for (idx, element) in children.iter().enumerate() {
        match element {
            NodeOrToken::Node(node) if node.kind().is_instruction() => {
                format_instruction(node, true, &mut edits);
            }
            NodeOrToken::Token(token) if token.kind() == COMMENT => {
                strip_trailing_blanks(token, &mut edits);
            }
            NodeOrToken::Token(token) if token.kind() == WHITESPACE => {
                // A line holding only blanks.
                let ends_line = match children.get(idx + 1) {
                    None => true,
                    Some(next) => next.kind() == NEWLINE,
                };
                let starts_line = idx == 0
                    || children[idx - 1].kind() == NEWLINE
                    || children[idx - 1].kind().is_instruction();
                if ends_line && starts_line && is_blanks(token.text()) {
                    edits.push(token.text_range(), String::new());
                }
            }
            _ => {}
        }
    }
    edits.finish()
}

/// Formats the edits that lie in `range` only (whole lines around it), for range formatting.
pub fn format_range(
    parse: &Parse,
    range: TextRange,
    options: &FormatOptions,
) -> Vec<(TextRange, String)> {
    let text = parse.text();
    let start = text[..usize::from(range.start()).min(text.len())]
        .rfind('\n')
        .map_or(0, |idx| idx + 1);
    let end_from = usize::from(range.end()).min(text.len());
    let end = text[end_from..]
        .find('\n')
        .map_or(text.len(), |idx| end_from + idx + 1);
    let lines = TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32));
    format_with(parse, options)
        .into_iter()
        .filter(|(edit_range, _)| lines.contains_range(*edit_range))
        .collect()
}

/// Applies sorted, non-overlapping edits to `text`.
pub fn apply(text: &str, edits: &[(TextRange, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0usize;
    for (range, replacement) in edits {
        let start = usize::from(range.start());
        out.push_str(&text[last..start]);
        out.push_str(replacement);
        last = usize::from(range.end());
    }
    out.push_str(&text[last..]);
    out
}

struct Edits {
    edits: Vec<(TextRange, String)>,
    options: FormatOptions,
}

impl Edits {
    /// Re-indents a continued line's leading blanks (the token's whole text).
    fn indent(&mut self, token: &SyntaxToken) {
        let indent = self.options.indent_for(token.text());
        self.replace(token, &indent);
    }

    /// Indents a continued line that starts right after the continuation at `offset`.
    fn insert_indent(&mut self, offset: TextSize) {
        let indent = self.options.indent_for("");
        self.push(TextRange::empty(offset), indent);
    }

    fn push(&mut self, range: TextRange, replacement: String) {
        self.edits.push((range, replacement));
    }

    /// Replaces the token's text unless it is already `replacement`.
    fn replace(&mut self, token: &SyntaxToken, replacement: &str) {
        if token.text() != replacement {
            self.push(token.text_range(), replacement.to_string());
        }
    }

    fn finish(mut self) -> Vec<(TextRange, String)> {
        self.edits
            .sort_by_key(|(range, _)| (range.start(), range.end()));
        // Two rules never touch the same text; keep the first edit if they ever did.
        let mut out: Vec<(TextRange, String)> = Vec::with_capacity(self.edits.len());
        for (range, replacement) in self.edits {
            if let Some((last, _)) = out.last() {
                if range.start() < last.end() {
                    continue;
                }
            }
            out.push((range, replacement));
        }
        out
    }
}

/// Only spaces and tabs (the blanks BuildKit splits on that our lexer also calls whitespace).
fn is_blanks(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b == b' ' || b == b'\t')
}

fn strip_trailing_blanks(token: &SyntaxToken, edits: &mut Edits) {
    let text = token.text();
    let trimmed = text.trim_end_matches([' ', '\t']);
    if trimmed.len() != text.len() {
        let start = token.text_range().start() + TextSize::from(trimmed.len() as u32);
        edits.push(
            TextRange::new(start, token.text_range().end()),
            String::new(),
        );
    }
}

fn is_continuation(kind: SyntaxKind) -> bool {
    matches!(kind, LINE_CONTINUATION | CONTINUATION)
}

fn format_instruction(node: &SyntaxNode, top: bool, edits: &mut Edits) {
    let children: Vec<SyntaxElement> = node.children_with_tokens().collect();
    // The first element that is not trivia: blanks before it are the line's indentation.
    let first_content = children
        .iter()
        .position(|e| !matches!(e.kind(), WHITESPACE | NEWLINE) && !is_continuation(e.kind()));
    for (idx, element) in children.iter().enumerate() {
        match element {
            NodeOrToken::Token(token) => match token.kind() {
                kind if kind.is_keyword() && kind != UNKNOWN_KW => {
                    let upper = token.text().to_ascii_uppercase();
                    if token.text().bytes().all(|b| b.is_ascii_alphabetic())
                        && kind.keyword_text() == Some(upper.as_str())
                    {
                        edits.replace(token, &upper);
                    }
                }
                AS_KW if token.text().eq_ignore_ascii_case("as") => edits.replace(token, "AS"),
                LINE_CONTINUATION => normalize_continuation(token, edits),
                WHITESPACE if is_blanks(token.text()) => {
                    let prev = idx.checked_sub(1).map(|i| children[i].kind());
                    let next = children.get(idx + 1).map(|e| e.kind());
                    if top && Some(idx) < first_content && prev.is_none() {
                        // Indentation before the keyword: BuildKit trims the logical line.
                        edits.push(token.text_range(), String::new());
                    } else if matches!(next, None | Some(NEWLINE) | Some(HEREDOC)) {
                        edits.push(token.text_range(), String::new());
                    } else if prev.is_some_and(is_continuation) {
                        edits.indent(token);
                    } else if prev.is_some() {
                        edits.replace(token, " ");
                    }
                }
                _ => {}
            },
            NodeOrToken::Node(child) => {
                let kind = child.kind();
                if kind == CONTINUATION {
                    format_continuation_node(child, edits);
                }
                if kind.is_instruction() {
                    format_instruction(child, false, edits);
                }
                if kind == EXEC_FORM {
                    format_exec_form(child, edits);
                }
                if kind == SHELL_FORM
                    && matches!(
                        node.kind(),
                        RUN_INSTRUCTION | CMD_INSTRUCTION | ENTRYPOINT_INSTRUCTION
                    )
                {
                    format_shell_form(child, edits);
                }
                // A continuation directly followed by an element: indent the continued line.
                let next_is_content = children
                    .get(idx + 1)
                    .is_some_and(|e| !matches!(e.kind(), WHITESPACE | NEWLINE | HEREDOC));
                let prev_is_blank = idx
                    .checked_sub(1)
                    .is_some_and(|i| children[i].kind() == WHITESPACE);
                if kind == CONTINUATION && next_is_content && prev_is_blank {
                    edits.insert_indent(child.text_range().end());
                }
            }
        }
        if element.kind() == LINE_CONTINUATION {
            let next_is_content = children
                .get(idx + 1)
                .is_some_and(|e| !matches!(e.kind(), WHITESPACE | NEWLINE | HEREDOC));
            let prev_is_blank = idx
                .checked_sub(1)
                .is_some_and(|i| children[i].kind() == WHITESPACE);
            if next_is_content && prev_is_blank {
                edits.insert_indent(element.text_range().end());
            }
        }
    }
}

/// JSON arrays as `["a", "b"]`: JSON ignores the whitespace between its tokens, and BuildKit
/// keeps only the decoded strings.
fn format_exec_form(node: &SyntaxNode, edits: &mut Edits) {
    let children: Vec<SyntaxElement> = node.children_with_tokens().collect();
    for (idx, element) in children.iter().enumerate() {
        let prev = idx.checked_sub(1).map(|i| children[i].kind());
        let next = children.get(idx + 1).map(|e| e.kind());
        match element {
            NodeOrToken::Token(token) if token.kind() == WHITESPACE && is_blanks(token.text()) => {
                if prev.is_some_and(is_continuation) {
                    edits.indent(token);
                } else if next.is_some_and(is_continuation) || prev == Some(COMMA) {
                    edits.replace(token, " ");
                } else if matches!(prev, Some(L_BRACK)) || matches!(next, Some(R_BRACK | COMMA)) {
                    edits.push(token.text_range(), String::new());
                }
            }
            NodeOrToken::Token(token) if token.kind() == COMMA => {
                if matches!(next, Some(JSON_STRING | JSON_VALUE)) {
                    edits.push(TextRange::empty(token.text_range().end()), " ".into());
                }
            }
            NodeOrToken::Token(token) if token.kind() == LINE_CONTINUATION => {
                normalize_continuation(token, edits);
            }
            NodeOrToken::Node(child) if child.kind() == CONTINUATION => {
                format_continuation_node(child, edits);
            }
            _ => {}
        }
        let glued = next.is_some_and(|k| !matches!(k, WHITESPACE | NEWLINE) && !is_continuation(k));
        if is_continuation(element.kind()) && glued {
            edits.insert_indent(element.text_range().end());
        }
    }
}

/// Removes the blanks between a continuation's escape character and its line terminator.
fn normalize_continuation(token: &SyntaxToken, edits: &mut Edits) {
    let text = token.text();
    let Some(escape) = text.chars().next() else {
        return;
    };
    let rest = &text[escape.len_utf8()..];
    let terminator = rest.trim_start_matches([' ', '\t']);
    if terminator.len() != rest.len()
        && (terminator.is_empty() || terminator.starts_with(['\r', '\n']))
    {
        let start = token.text_range().start() + TextSize::from(escape.len_utf8() as u32);
        let end = token.text_range().end() - TextSize::from(terminator.len() as u32);
        edits.push(TextRange::new(start, end), String::new());
    }
}

/// Inside a continuation: the escape's trailing blanks, and trailing blanks of skipped comment
/// lines and blank lines (BuildKit drops those lines).
fn format_continuation_node(node: &SyntaxNode, edits: &mut Edits) {
    for element in node.children_with_tokens() {
        if let NodeOrToken::Token(token) = element {
            match token.kind() {
                LINE_CONTINUATION => normalize_continuation(&token, edits),
                COMMENT => strip_trailing_blanks(&token, edits),
                WHITESPACE if is_blanks(token.text()) => {
                    let next = token.next_sibling_or_token().map(|e| e.kind());
                    let prev = token.prev_sibling_or_token().map(|e| e.kind());
                    let blank_line = matches!(next, None | Some(NEWLINE))
                        && matches!(prev, Some(NEWLINE) | Some(LINE_CONTINUATION));
                    if blank_line {
                        edits.push(token.text_range(), String::new());
                    }
                }
                _ => {}
            }
        }
    }
}

/// One piece of a shell form: text, or a line continuation (with the lines it skips).
enum Piece {
    Text(SyntaxToken),
    Continuation,
}

/// Re-indents continued lines of a shell-form command where the shell sees a blank run between
/// words, and makes the blank run before the escape one space.
fn format_shell_form(node: &SyntaxNode, edits: &mut Edits) {
    let mut pieces = Vec::new();
    for element in node.children_with_tokens() {
        match element {
            NodeOrToken::Token(token) if is_continuation(token.kind()) => {
                normalize_continuation(&token, edits);
                pieces.push(Piece::Continuation);
            }
            NodeOrToken::Node(child) if child.kind() == CONTINUATION => {
                format_continuation_node(&child, edits);
                pieces.push(Piece::Continuation);
            }
            NodeOrToken::Token(token) => pieces.push(Piece::Text(token)),
            // Anything else (variables, ...) is opaque: stop re-indenting after it.
            NodeOrToken::Node(_) => return,
        }
    }
    // The blank run before the break that follows the current piece, if the shell reads the
    // text up to the break as plain (outside quotes, not escaped).
    struct Break {
        trailing: TextRange,
        trailing_is_separator: bool,
        plain: bool,
    }
    let mut scanner = ShellScanner::default();
    let mut pending: Option<Break> = None;
    for (idx, piece) in pieces.iter().enumerate() {
        let Piece::Text(token) = piece else {
            continue;
        };
        let text = token.text();
        let start = token.text_range().start();
        let after_break = idx > 0 && matches!(pieces[idx - 1], Piece::Continuation);
        if let (true, Some(brk)) = (after_break, pending.take()) {
            let indent_len = text.len() - text.trim_start_matches([' ', '\t']).len();
            let has_word = indent_len < text.len();
            let trailing_ok = brk.trailing.is_empty() || brk.trailing_is_separator;
            if brk.plain && trailing_ok && has_word && (!brk.trailing.is_empty() || indent_len > 0)
            {
                if !brk.trailing.is_empty() && brk.trailing.len() != TextSize::from(1) {
                    edits.push(brk.trailing, " ".into());
                }
                let indent = edits.options.indent_for(&text[..indent_len]);
                if text[..indent_len] != indent {
                    let indent_range = TextRange::at(start, TextSize::from(indent_len as u32));
                    edits.push(indent_range, indent);
                }
            }
        }
        let body_len = text.trim_end_matches([' ', '\t']).len();
        scanner.feed(&text[..body_len]);
        let trailing_is_separator = scanner.is_plain();
        scanner.feed(&text[body_len..]);
        let next_is_break = matches!(pieces.get(idx + 1), Some(Piece::Continuation));
        pending = next_is_break.then(|| Break {
            trailing: TextRange::new(
                start + TextSize::from(body_len as u32),
                token.text_range().end(),
            ),
            trailing_is_separator,
            plain: scanner.is_plain(),
        });
    }
}

/// The shell's quoting state while reading a command left to right.
#[derive(Default)]
struct ShellScanner {
    single: bool,
    double: bool,
    escaped: bool,
}

impl ShellScanner {
    fn feed(&mut self, text: &str) {
        for c in text.chars() {
            if self.escaped {
                self.escaped = false;
                continue;
            }
            match c {
                '\\' if !self.single => self.escaped = true,
                '\'' if !self.double => self.single = !self.single,
                '"' if !self.single => self.double = !self.double,
                _ => {}
            }
        }
    }

    /// Outside quotes and not after an escape: blanks here separate words.
    fn is_plain(&self) -> bool {
        !self.single && !self.double && !self.escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        let parse = crate::parse(text);
        apply(text, &format(&parse))
    }

    fn check(before: &str, after: &str) {
        assert_eq!(fmt(before), after, "formatting {before:?}");
        assert_eq!(fmt(after), after, "formatting is idempotent on {after:?}");
    }

    fn unchanged(text: &str) {
        check(text, text);
    }

    #[test]
    fn keywords_are_upper_cased() {
        check("from a as b\nrun x\n", "FROM a AS b\nRUN x\n");
        check("onbuild run x\n", "ONBUILD RUN x\n");
        unchanged("FROM a\nfoo bar\n");
    }

    #[test]
    fn healthcheck_type_keeps_its_case() {
        // BuildKit keeps the type word as written in its dump.
        unchanged("FROM a\nHEALTHCHECK cmd true\n");
    }

    #[test]
    fn blanks_between_elements_become_one_space() {
        check(
            "FROM  --platform=x   a   AS   b\n",
            "FROM --platform=x a AS b\n",
        );
        check("COPY  --from=b   /a   /b\n", "COPY --from=b /a /b\n");
        check("ENV A=1   B=2\n", "ENV A=1 B=2\n");
        check("RUN\t\techo  a\n", "RUN echo  a\n");
    }

    #[test]
    fn blanks_inside_one_argument_are_kept() {
        unchanged("FROM a\nWORKDIR /a   b\n");
        unchanged("FROM a\nENV A  b  c\n");
        unchanged("FROM a\nMAINTAINER x  y\n");
        unchanged("FROM a\nRUN echo  \"a  b\"\n");
        unchanged("FROM a\nRUN [\"a  b\", \"c\"]\n");
    }

    #[test]
    fn indentation_follows_the_options_and_keeps_nesting() {
        let text = "FROM a\nRUN apt-get install \\\n  a \\\n\t\tb\n";
        let parse = crate::parse(text);
        let tabs = FormatOptions {
            tab_size: 4,
            insert_spaces: false,
        };
        assert_eq!(
            apply(text, &format_with(&parse, &tabs)),
            "FROM a\nRUN apt-get install \\\n\ta \\\n\t\tb\n"
        );
        let two = FormatOptions {
            tab_size: 2,
            insert_spaces: true,
        };
        assert_eq!(
            apply(text, &format_with(&parse, &two)),
            "FROM a\nRUN apt-get install \\\n  a \\\n    b\n"
        );
    }

    #[test]
    fn json_arrays_get_one_space_after_commas() {
        check(
            "FROM a\nRUN [ \"a\" ,\"b\",  \"c\" ]\n",
            "FROM a\nRUN [\"a\", \"b\", \"c\"]\n",
        );
        check(
            "FROM a\nCMD [\"a\",  \\\n\"b\"]\n",
            "FROM a\nCMD [\"a\", \\\n    \"b\"]\n",
        );
    }

    #[test]
    fn leading_and_trailing_blanks_are_removed() {
        check("  FROM a  \n\tRUN x \n", "FROM a\nRUN x\n");
        check("FROM a\n   \n# note  \n", "FROM a\n\n# note\n");
        check("FROM a \\  \n    AS b\n", "FROM a \\\n    AS b\n");
        check("FROM a\r\nRUN x  \r\n", "FROM a\r\nRUN x\r\n");
    }

    #[test]
    fn continued_arguments_are_indented() {
        check("FROM a \\\nAS b\n", "FROM a \\\n    AS b\n");
        check(
            "COPY a \\\n  b \\\n         c\n",
            "COPY a \\\n    b \\\n        c\n",
        );
        // Glued to the previous word: indenting would split it.
        unchanged("FROM a\nCOPY a\\\nb c\n");
    }

    #[test]
    fn shell_continuations_are_reindented_between_words() {
        check(
            "FROM a\nRUN echo a   \\\n  && echo b \\\n\t&& echo c\n",
            "FROM a\nRUN echo a \\\n    && echo b \\\n    && echo c\n",
        );
        check(
            "FROM a\nRUN echo a \\\nb\n",
            "FROM a\nRUN echo a \\\n    b\n",
        );
        // Inside quotes the blanks are part of a word.
        unchanged("FROM a\nRUN echo \"a \\\n  b\"\n");
        unchanged("FROM a\nRUN echo 'a \\\n  b'\n");
        // Glued words stay glued.
        unchanged("FROM a\nRUN echo a\\\nb\n");
    }

    #[test]
    fn other_instructions_keep_continued_indentation_inside_values() {
        unchanged("FROM a\nLABEL a=\"x \\\n  y\"\n");
        unchanged("FROM a\nWORKDIR /a \\\n  b\n");
        unchanged("FROM a\nHEALTHCHECK CMD echo a \\\n  b\n");
    }

    #[test]
    fn heredoc_bodies_and_comments_are_kept() {
        unchanged("FROM a\nRUN <<EOF\n  body  \n\tx\nEOF\n");
        unchanged("FROM a\n#  comment   text\n");
        unchanged("# syntax=docker/dockerfile:1\nFROM a\n");
    }

    #[test]
    fn continuation_comments_are_kept() {
        check(
            "FROM a\nRUN echo a \\\n  # note  \n  && b\n",
            "FROM a\nRUN echo a \\\n  # note\n    && b\n",
        );
    }

    #[test]
    fn escape_directive_continuations() {
        check(
            "# escape=`\nFROM a\nRUN echo a `  \n  b\n",
            "# escape=`\nFROM a\nRUN echo a `\n    b\n",
        );
    }
}

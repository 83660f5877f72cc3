//! Tokenizer for POSIX sh and bash: words with decoded values, operators, redirections, comments and heredoc bodies.

use std::ops::Range;

use crate::Word;

/// Resolves a known variable.
pub(crate) type Env<'e> = &'e dyn Fn(&str) -> Option<String>;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word(Box<LexWord>),
    /// `&& || ;; ;& ;;& ; | |& & ( )`
    Op(&'static str),
    /// A redirection operator with its optional file descriptor (`2>&`).
    Redirect(String),
    Newline,
    Eof,
}

/// A token and its byte range in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) kind: TokenKind,
    pub(crate) range: Range<usize>,
}

/// A word plus the ranges of the scripts nested in it (`$(...)`, backticks, `<(...)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexWord {
    pub(crate) word: Word,
    pub(crate) substitutions: Vec<Range<usize>>,
}

/// What a scan of nested text is inside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nest {
    Paren,
    /// A `case ... esac` inside parentheses: its `)` end patterns.
    Case,
    Brace,
    DoubleQuote,
    Backtick,
}

/// Bytes that end an unquoted literal run inside a word, as a table: the scan of plain runs
/// looks every byte of every word up.
static WORD_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let specials = b" \t\r\n;&|()<>\\'\"$`";
    let mut idx = 0;
    while idx < specials.len() {
        table[specials[idx] as usize] = true;
        idx += 1;
    }
    table
};

fn is_word_special(byte: u8) -> bool {
    WORD_SPECIAL[usize::from(byte)]
}

fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Streaming tokenizer over `src[pos..end]`.
pub(crate) struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    end: usize,
    env: Env<'a>,
    /// Heredoc delimiters waiting for the next newline: (delimiter, strip tabs).
    pending_heredocs: Vec<(String, bool)>,
    /// Set after `<<` or `<<-`: the next word is a heredoc delimiter.
    expect_heredoc_delimiter: Option<bool>,
    /// Inside `[[ ... ]]`, where `&& || < > ( ) | &` are words.
    pub(crate) test_mode: bool,
}

/// The word being built.
#[derive(Default)]
struct WordBuilder {
    value: String,
    quoted: bool,
    has_expansion: bool,
    substitutions: Vec<Range<usize>>,
}

impl<'a> Lexer<'a> {
    /// Lexes `src[range]`; the range is clamped to the input.
    pub(crate) fn new(src: &'a str, range: Range<usize>, env: Env<'a>) -> Lexer<'a> {
        let end = range.end.min(src.len());
        let pos = range.start.min(end);
        Lexer {
            src,
            bytes: src.as_bytes(),
            pos,
            end,
            env,
            pending_heredocs: Vec::new(),
            expect_heredoc_delimiter: None,
            test_mode: false,
        }
    }

    fn slice(&self, range: Range<usize>) -> &'a str {
        self.src.get(range).unwrap_or("")
    }

    fn byte(&self, at: usize) -> Option<u8> {
        if at < self.end {
            self.bytes.get(at).copied()
        } else {
            None
        }
    }

    fn starts_with(&self, at: usize, text: &str) -> bool {
        at + text.len() <= self.end && self.bytes.get(at..at + text.len()) == Some(text.as_bytes())
    }

    /// Skips the text of an arithmetic command `(( ... ))` that starts at `open`
    /// (the first parenthesis), dropping any buffered state.
    pub(crate) fn skip_arithmetic(&mut self, open: usize) {
        let (after, _) = self.scan_nested(open + 1, Nest::Paren);
        self.pos = after.max(self.pos.min(self.end));
    }

    /// Produces the next token; `Eof` forever at the end.
    pub(crate) fn next_token(&mut self) -> Token {
        let expect_delimiter = self.expect_heredoc_delimiter.take();
        let token = self.lex_token();
        if let (Some(strip_tabs), TokenKind::Word(word)) = (expect_delimiter, &token.kind) {
            self.pending_heredocs
                .push((word.word.value.clone(), strip_tabs));
        }
        token
    }

    fn lex_token(&mut self) -> Token {
        loop {
            self.skip_blanks();
            let start = self.pos;
            let Some(byte) = self.byte(start) else {
                return Token {
                    kind: TokenKind::Eof,
                    range: self.end..self.end,
                };
            };
            let op = |lexer: &mut Lexer<'_>, text: &'static str| {
                lexer.pos = start + text.len();
                Token {
                    kind: TokenKind::Op(text),
                    range: start..lexer.pos,
                }
            };
            if self.test_mode && matches!(byte, b'&' | b'|' | b'<' | b'>' | b'(' | b')') {
                let doubled = matches!(byte, b'&' | b'|') && self.byte(start + 1) == Some(byte);
                self.pos = start + if doubled { 2 } else { 1 };
                let word = Word::plain(self.slice(start..self.pos).to_string(), start..self.pos);
                let kind = TokenKind::Word(Box::new(LexWord {
                    word,
                    substitutions: Vec::new(),
                }));
                return Token {
                    kind,
                    range: start..self.pos,
                };
            }
            return match byte {
                b'#' => {
                    self.skip_comment();
                    continue;
                }
                b'\n' => {
                    self.pos = start + 1;
                    self.skip_heredoc_bodies();
                    Token {
                        kind: TokenKind::Newline,
                        range: start..start + 1,
                    }
                }
                b';' if self.starts_with(start, ";;&") => op(self, ";;&"),
                b';' if self.starts_with(start, ";;") => op(self, ";;"),
                b';' if self.starts_with(start, ";&") => op(self, ";&"),
                b';' => op(self, ";"),
                b'&' if self.starts_with(start, "&&") => op(self, "&&"),
                b'&' if self.starts_with(start, "&>") => self.lex_redirect(start),
                b'&' => op(self, "&"),
                b'|' if self.starts_with(start, "||") => op(self, "||"),
                b'|' if self.starts_with(start, "|&") => op(self, "|&"),
                b'|' => op(self, "|"),
                b'(' => op(self, "("),
                b')' => op(self, ")"),
                b'<' | b'>' if self.byte(start + 1) == Some(b'(') => self.lex_word(),
                b'<' | b'>' => self.lex_redirect(start),
                b'0'..=b'9' if self.digits_then_redirect(start) => self.lex_redirect(start),
                _ => self.lex_word(),
            };
        }
    }

    fn skip_blanks(&mut self) {
        while let Some(byte) = self.byte(self.pos) {
            match byte {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\\' if self.byte(self.pos + 1) == Some(b'\n') => self.pos += 2,
                b'\\' if self.starts_with(self.pos + 1, "\r\n") => self.pos += 3,
                _ => break,
            }
        }
    }

    fn skip_comment(&mut self) {
        while let Some(byte) = self.byte(self.pos) {
            if byte == b'\n' {
                break;
            }
            self.pos += 1;
        }
    }

    /// Skips heredoc bodies after a newline: each runs to its delimiter line.
    fn skip_heredoc_bodies(&mut self) {
        for (delimiter, strip_tabs) in std::mem::take(&mut self.pending_heredocs) {
            while self.pos < self.end {
                let line_end = self.bytes[self.pos..self.end]
                    .iter()
                    .position(|&it| it == b'\n')
                    .map_or(self.end, |offset| self.pos + offset);
                let mut line = self.slice(self.pos..line_end);
                line = line.strip_suffix('\r').unwrap_or(line);
                if strip_tabs {
                    line = line.trim_start_matches('\t');
                }
                self.pos = (line_end + 1).min(self.end);
                if line == delimiter {
                    break;
                }
            }
        }
    }

    fn digits_then_redirect(&self, start: usize) -> bool {
        let mut at = start;
        while self.byte(at).is_some_and(|it| it.is_ascii_digit()) {
            at += 1;
        }
        matches!(self.byte(at), Some(b'<' | b'>')) && self.byte(at + 1) != Some(b'(')
    }

    fn lex_redirect(&mut self, start: usize) -> Token {
        let mut at = start;
        while self.byte(at).is_some_and(|it| it.is_ascii_digit()) {
            at += 1;
        }
        const OPERATORS: [&str; 13] = [
            "&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", ">>", ">&", ">|", "<", ">", "&",
        ];
        let operator = OPERATORS
            .iter()
            .find(|it| self.starts_with(at, it))
            .copied()
            .unwrap_or("");
        if operator == "<<" || operator == "<<-" {
            self.expect_heredoc_delimiter = Some(operator == "<<-");
        }
        self.pos = (at + operator.len()).max(start + 1).min(self.end);
        Token {
            kind: TokenKind::Redirect(self.slice(start..self.pos).to_string()),
            range: start..self.pos,
        }
    }

    fn lex_word(&mut self) -> Token {
        let start = self.pos;
        // Most words are one run of plain bytes (`apt-get`, `--no-install-recommends`): their
        // value is their text, copied once instead of grown piece by piece.
        let run_end = self.plain_run_end(start);
        if run_end > start && self.word_ends_at(run_end, start) {
            return self.plain_word(start, run_end);
        }
        let mut builder = WordBuilder::default();
        if run_end > start {
            builder.value.push_str(self.slice(start..run_end));
            self.pos = run_end;
        }
        while !self.word_ends_at(self.pos, start) {
            let Some(byte) = self.byte(self.pos) else {
                break;
            };
            match byte {
                b'<' | b'>' => {
                    // Process substitution `<(...)`: a nested script (only a word's start).
                    let inner = self.pos + 2;
                    let (after, closed) = self.scan_nested(inner, Nest::Paren);
                    builder
                        .substitutions
                        .push(inner..if closed { after - 1 } else { after });
                    builder.value.push_str(self.slice(self.pos..after));
                    builder.has_expansion = true;
                    self.pos = after;
                }
                b'(' => {
                    // Extended globs `@(a|b)` keep their parentheses in the word.
                    let (after, _) = self.scan_nested(self.pos + 1, Nest::Paren);
                    builder.value.push_str(self.slice(self.pos..after));
                    self.pos = after;
                }
                b'\\' => {
                    builder.quoted = true;
                    self.pos += 1;
                    match self
                        .src
                        .get(self.pos..self.end)
                        .and_then(|rest| rest.chars().next())
                    {
                        None => builder.value.push('\\'),
                        Some('\n') => self.pos += 1,
                        Some('\r') if self.byte(self.pos + 1) == Some(b'\n') => self.pos += 2,
                        Some(escaped) => {
                            builder.value.push(escaped);
                            self.pos += escaped.len_utf8();
                        }
                    }
                }
                b'\'' => {
                    builder.quoted = true;
                    let inner = self.pos + 1;
                    let close = self.find_byte(inner, b'\'');
                    builder.value.push_str(self.slice(inner..close));
                    self.pos = (close + 1).min(self.end);
                }
                b'"' => {
                    builder.quoted = true;
                    self.lex_double_quoted(&mut builder);
                }
                b'$' => self.lex_dollar(&mut builder, false),
                b'`' => self.lex_backtick(&mut builder),
                _ => {
                    let run_end = self.plain_run_end(self.pos);
                    builder.value.push_str(self.slice(self.pos..run_end));
                    self.pos = run_end;
                }
            }
        }
        if self.pos == start {
            // Never stall: consume one character as a word of its own.
            let width = self
                .src
                .get(start..self.end)
                .and_then(|rest| rest.chars().next())
                .map_or(1, char::len_utf8);
            self.pos = (start + width).min(self.end);
            builder.value.push_str(self.slice(start..self.pos));
        }
        let word = Word::new(
            builder.value,
            self.slice(start..self.pos).to_string(),
            start..self.pos,
            builder.quoted,
            builder.has_expansion,
        );
        Token {
            kind: TokenKind::Word(Box::new(LexWord {
                word,
                substitutions: builder.substitutions,
            })),
            range: start..self.pos,
        }
    }

    /// The end of the run of plain bytes (no quote, escape, `$`, operator or blank) at `from`.
    fn plain_run_end(&self, from: usize) -> usize {
        self.bytes.get(from..self.end).map_or(from, |rest| {
            from + rest
                .iter()
                .position(|&it| is_word_special(it))
                .unwrap_or(rest.len())
        })
    }

    /// Whether the word that started at `start` ends before the byte at `at`: at the end, a
    /// blank or an operator; at `<` or `>` unless they open a process substitution `<(...)` at
    /// the word's start; at `(` unless it follows an extended glob's `@ ! + * ?`.
    fn word_ends_at(&self, at: usize, start: usize) -> bool {
        match self.byte(at) {
            None | Some(b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b')') => true,
            Some(b'<' | b'>') => at > start || self.byte(at + 1) != Some(b'('),
            Some(b'(') => {
                at == start
                    || !matches!(
                        self.bytes.get(at - 1),
                        Some(b'@' | b'!' | b'+' | b'*' | b'?')
                    )
            }
            Some(_) => false,
        }
    }

    /// The word `src[start..end]`, all plain bytes.
    fn plain_word(&mut self, start: usize, end: usize) -> Token {
        self.pos = end;
        let word = Word::plain(self.slice(start..end).to_string(), start..end);
        Token {
            kind: TokenKind::Word(Box::new(LexWord {
                word,
                substitutions: Vec::new(),
            })),
            range: start..end,
        }
    }

    /// Position of the next `needle` at or after `from`, or the end.
    fn find_byte(&self, from: usize, needle: u8) -> usize {
        self.bytes
            .get(from..self.end)
            .and_then(|rest| rest.iter().position(|&it| it == needle))
            .map_or(self.end, |offset| from + offset)
    }

    fn lex_double_quoted(&mut self, builder: &mut WordBuilder) {
        self.pos += 1;
        while let Some(byte) = self.byte(self.pos) {
            match byte {
                b'"' => {
                    self.pos += 1;
                    return;
                }
                b'\\' => match self.byte(self.pos + 1) {
                    Some(escaped @ (b'$' | b'`' | b'"' | b'\\')) => {
                        builder.value.push(char::from(escaped));
                        self.pos += 2;
                    }
                    Some(b'\n') => self.pos += 2,
                    _ => {
                        builder.value.push('\\');
                        self.pos += 1;
                    }
                },
                b'$' => self.lex_dollar(builder, true),
                b'`' => self.lex_backtick(builder),
                _ => {
                    let run_start = self.pos;
                    self.pos += 1;
                    while self
                        .byte(self.pos)
                        .is_some_and(|it| !matches!(it, b'"' | b'\\' | b'$' | b'`'))
                    {
                        self.pos += 1;
                    }
                    builder.value.push_str(self.slice(run_start..self.pos));
                }
            }
        }
    }

    fn lex_backtick(&mut self, builder: &mut WordBuilder) {
        let start = self.pos;
        let inner = start + 1;
        let (after, closed) = self.scan_nested(inner, Nest::Backtick);
        builder
            .substitutions
            .push(inner..if closed { after - 1 } else { after });
        builder.value.push_str(self.slice(start..after));
        builder.has_expansion = true;
        self.pos = after;
    }

    /// Lexes an expansion starting with `$` at `self.pos`.
    fn lex_dollar(&mut self, builder: &mut WordBuilder, in_double_quotes: bool) {
        let start = self.pos;
        let next = start + 1;
        match self.byte(next) {
            Some(b'(') => {
                let arithmetic = self.byte(next + 1) == Some(b'(');
                let (after, closed) = self.scan_nested(next + 1, Nest::Paren);
                if !arithmetic {
                    builder
                        .substitutions
                        .push(next + 1..if closed { after - 1 } else { after });
                }
                builder.value.push_str(self.slice(start..after));
                builder.has_expansion = true;
                self.pos = after;
            }
            Some(b'{') => {
                let (after, closed) = self.scan_nested(next + 1, Nest::Brace);
                let content = self.slice(next + 1..if closed { after - 1 } else { after });
                match self.resolve_braced(content) {
                    Some(value) if closed => builder.value.push_str(&value),
                    _ => {
                        builder.value.push_str(self.slice(start..after));
                        builder.has_expansion = true;
                        self.find_substitutions(next + 1..after, &mut builder.substitutions);
                    }
                }
                self.pos = after;
            }
            Some(b'\'') if !in_double_quotes => {
                builder.quoted = true;
                self.lex_ansi_c(builder, next + 1);
            }
            Some(b'"') if !in_double_quotes => {
                // `$"..."` is a locale-translated double-quoted string.
                self.pos = next;
            }
            Some(byte) if is_name_start(byte) => {
                let mut at = next + 1;
                while self.byte(at).is_some_and(is_name_byte) {
                    at += 1;
                }
                let name = self.slice(next..at);
                match (self.env)(name) {
                    Some(value) => builder.value.push_str(&value),
                    None => {
                        builder.value.push_str(self.slice(start..at));
                        builder.has_expansion = true;
                    }
                }
                self.pos = at;
            }
            Some(byte)
                if byte.is_ascii_digit()
                    || matches!(byte, b'@' | b'*' | b'#' | b'?' | b'$' | b'!' | b'-') =>
            {
                builder.value.push_str(self.slice(start..next + 1));
                builder.has_expansion = true;
                self.pos = next + 1;
            }
            _ => {
                builder.value.push('$');
                self.pos = next;
            }
        }
    }

    /// Records the command substitutions inside `${...}` (`${x:-$(date)}`).
    fn find_substitutions(&self, range: Range<usize>, substitutions: &mut Vec<Range<usize>>) {
        let mut at = range.start;
        while at < range.end {
            match self.bytes.get(at) {
                Some(b'\\') => at += 2,
                Some(b'\'') => at = self.find_byte(at + 1, b'\'') + 1,
                Some(b'$')
                    if self.byte(at + 1) == Some(b'(') && self.byte(at + 2) != Some(b'(') =>
                {
                    let (after, closed) = self.scan_nested(at + 2, Nest::Paren);
                    substitutions.push(at + 2..if closed { after - 1 } else { after });
                    at = after.max(at + 2);
                }
                Some(b'`') => {
                    let (after, closed) = self.scan_nested(at + 1, Nest::Backtick);
                    substitutions.push(at + 1..if closed { after - 1 } else { after });
                    at = after.max(at + 1);
                }
                _ => at += 1,
            }
        }
    }

    /// Resolves `${NAME}`, `${NAME:-word}` and `${NAME-word}` when NAME is known.
    fn resolve_braced(&self, content: &str) -> Option<String> {
        let name_len = content.bytes().take_while(|&it| is_name_byte(it)).count();
        let name = content.get(..name_len)?;
        if name.is_empty() || !name.bytes().next().is_some_and(is_name_start) {
            return None;
        }
        let rest = content.get(name_len..)?;
        let value = (self.env)(name)?;
        if rest.is_empty() || (rest.starts_with("-") || rest.starts_with("=")) {
            return Some(value);
        }
        if (rest.starts_with(":-") || rest.starts_with(":=")) && !value.is_empty() {
            return Some(value);
        }
        None
    }

    /// Lexes ANSI-C quoting `$'...'` whose text starts at `inner`.
    fn lex_ansi_c(&mut self, builder: &mut WordBuilder, inner: usize) {
        self.pos = inner;
        while let Some(byte) = self.byte(self.pos) {
            match byte {
                b'\'' => {
                    self.pos += 1;
                    return;
                }
                b'\\' => {
                    let escaped = self
                        .src
                        .get(self.pos + 1..self.end)
                        .and_then(|rest| rest.chars().next());
                    let decoded = match escaped {
                        Some('n') => Some('\n'),
                        Some('t') => Some('\t'),
                        Some('r') => Some('\r'),
                        Some(it @ ('\\' | '\'' | '"' | '?')) => Some(it),
                        _ => None,
                    };
                    match (decoded, escaped) {
                        (Some(it), Some(original)) => {
                            builder.value.push(it);
                            self.pos += 1 + original.len_utf8();
                        }
                        _ => {
                            builder.value.push('\\');
                            self.pos += 1;
                        }
                    }
                }
                _ => {
                    let run_start = self.pos;
                    self.pos += 1;
                    while self
                        .byte(self.pos)
                        .is_some_and(|it| it != b'\'' && it != b'\\')
                    {
                        self.pos += 1;
                    }
                    builder.value.push_str(self.slice(run_start..self.pos));
                }
            }
        }
    }

    /// Finds the end of nested text that starts at `from`, inside `first`.
    ///
    /// Returns the position after the closing delimiter and whether it was
    /// found (unbalanced text runs to the end). Iterative, so deep nesting
    /// cannot overflow the stack.
    fn scan_nested(&self, from: usize, first: Nest) -> (usize, bool) {
        let mut stack = vec![first];
        let mut at = from;
        while let (Some(byte), Some(&top)) = (self.byte(at), stack.last()) {
            match (top, byte) {
                (_, b'\\') => at += 2,
                (Nest::Backtick, b'`')
                | (Nest::DoubleQuote, b'"')
                | (Nest::Paren, b')')
                | (Nest::Brace, b'}') => {
                    stack.pop();
                    at += 1;
                }
                (Nest::Backtick, _) | (Nest::Case, b')') => at += 1,
                (Nest::Case, b'e') if self.is_keyword_at(at, from, "esac") => {
                    stack.pop();
                    at += 4;
                }
                (Nest::Paren | Nest::Case, b'c') if self.is_keyword_at(at, from, "case") => {
                    stack.push(Nest::Case);
                    at += 4;
                }
                (_, b'$') if self.byte(at + 1) == Some(b'(') => {
                    stack.push(Nest::Paren);
                    at += 2;
                }
                (_, b'$') if self.byte(at + 1) == Some(b'{') => {
                    stack.push(Nest::Brace);
                    at += 2;
                }
                (_, b'`') => {
                    stack.push(Nest::Backtick);
                    at += 1;
                }
                (Nest::DoubleQuote, _) => at += 1,
                (_, b'"') => {
                    stack.push(Nest::DoubleQuote);
                    at += 1;
                }
                (_, b'\'') => at = self.find_byte(at + 1, b'\'') + 1,
                (Nest::Paren | Nest::Case, b'(') => {
                    stack.push(Nest::Paren);
                    at += 1;
                }
                _ => at += 1,
            }
            if stack.is_empty() {
                return (at.min(self.end), true);
            }
        }
        (at.min(self.end), false)
    }

    /// Whether the reserved word `keyword` stands alone at `at`.
    fn is_keyword_at(&self, at: usize, from: usize, keyword: &str) -> bool {
        let is_boundary = |byte: Option<u8>| {
            byte.is_none_or(|it| {
                matches!(
                    it,
                    b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')'
                )
            })
        };
        self.starts_with(at, keyword)
            && (at == from || is_boundary(self.bytes.get(at.wrapping_sub(1)).copied()))
            && is_boundary(self.byte(at + keyword.len()))
    }
}

/// Whether `raw` starts like an assignment: `NAME=`, `NAME+=` or `NAME[i]=`.
pub(crate) fn is_assignment(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    if !bytes.first().is_some_and(|&it| is_name_start(it)) {
        return false;
    }
    let mut at = bytes.iter().take_while(|&&it| is_name_byte(it)).count();
    if bytes.get(at) == Some(&b'[') {
        match bytes[at..].iter().position(|&it| it == b']') {
            Some(offset) => at += offset + 1,
            None => return false,
        }
    }
    if bytes.get(at) == Some(&b'+') {
        at += 1;
    }
    bytes.get(at) == Some(&b'=')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens_with(input: &str, env: Env<'_>) -> Vec<Token> {
        let mut lexer = Lexer::new(input, 0..input.len(), env);
        let mut tokens = Vec::new();
        loop {
            let token = lexer.next_token();
            if token.kind == TokenKind::Eof {
                return tokens;
            }
            tokens.push(token);
        }
    }

    fn words(input: &str) -> Vec<Word> {
        words_with(input, &|_| None)
    }

    fn words_with(input: &str, env: Env<'_>) -> Vec<Word> {
        tokens_with(input, env)
            .into_iter()
            .filter_map(|it| match it.kind {
                TokenKind::Word(word) => Some(word.word),
                _ => None,
            })
            .collect()
    }

    fn values(input: &str) -> Vec<String> {
        words(input).into_iter().map(|it| it.value).collect()
    }

    #[test]
    fn quotes_are_removed_and_escapes_applied() {
        assert_eq!(
            values(r#"echo 'a b' "c d" e\ f "g\"h" 'i'"j"k"#),
            ["echo", "a b", "c d", "e f", "g\"h", "ijk"]
        );
        assert_eq!(values(r#""a\nb" $'x\ty'"#), ["a\\nb", "x\ty"]);
    }

    #[test]
    fn word_ranges_are_exact() {
        let input = "echo  'a b'\t\"c\"d  x=$(y) é\\ü";
        for word in words(input) {
            assert_eq!(&input[word.range.clone()], word.raw());
        }
        assert_eq!(
            words(input).last().map(|it| it.value.clone()),
            Some("éü".to_string())
        );
    }

    #[test]
    fn a_plain_run_ends_a_word_or_starts_a_longer_one() {
        let env = |name: &str| (name == "V").then(|| "1.2".to_string());
        let input = "apt-get pre\"q\"post a$V/b x@(a|b)y c<d e>(f) g(h) i;j k\\ l";
        let words = words_with(input, &env);
        for word in &words {
            assert_eq!(&input[word.range.clone()], word.raw());
        }
        let found: Vec<(&str, &str, bool, bool)> = words
            .iter()
            .map(|it| (it.raw(), it.value.as_str(), it.quoted, it.has_expansion))
            .collect();
        let expected = [
            ("apt-get", "apt-get", false, false),
            ("pre\"q\"post", "preqpost", true, false),
            ("a$V/b", "a1.2/b", false, false),
            ("x@(a|b)y", "x@(a|b)y", false, false),
            ("c", "c", false, false),
            ("d", "d", false, false),
            ("e", "e", false, false),
            (">(f)", ">(f)", false, true),
            ("g", "g", false, false),
            ("h", "h", false, false),
            ("i", "i", false, false),
            ("j", "j", false, false),
            ("k\\ l", "k l", true, false),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn quoted_flag_is_set_for_any_quoting() {
        let flags: Vec<bool> = words(r#"a 'b' c"d" e\f"#)
            .iter()
            .map(|it| it.quoted)
            .collect();
        assert_eq!(flags, [false, true, true, true]);
    }

    #[test]
    fn known_variables_are_resolved_and_unknown_kept() {
        let env = |name: &str| (name == "VERSION").then(|| "1.2".to_string());
        let words = words_with(
            r#"v$VERSION "${VERSION}" ${VERSION:-x} $OTHER ${OTHER:-d} $1"#,
            &env,
        );
        let values: Vec<&str> = words.iter().map(|it| it.value.as_str()).collect();
        assert_eq!(
            values,
            ["v1.2", "1.2", "1.2", "$OTHER", "${OTHER:-d}", "$1"]
        );
        let expansions: Vec<bool> = words.iter().map(|it| it.has_expansion).collect();
        assert_eq!(expansions, [false, false, false, true, true, true]);
    }

    #[test]
    fn single_quotes_do_not_expand() {
        let env = |_: &str| Some("x".to_string());
        let words = words_with("'$A' \"$A\"", &env);
        assert_eq!(words[0].value, "$A");
        assert!(!words[0].has_expansion);
        assert_eq!(words[1].value, "x");
    }

    #[test]
    fn substitutions_are_kept_whole_and_recorded() {
        let input = "a$(b \"$(c)\" ')') `d` $((1 + (2))) <(e)";
        let tokens = tokens_with(input, &|_| None);
        let lex_words: Vec<LexWord> = tokens
            .into_iter()
            .filter_map(|it| match it.kind {
                TokenKind::Word(word) => Some(*word),
                _ => None,
            })
            .collect();
        assert_eq!(lex_words[0].word.raw(), "a$(b \"$(c)\" ')')");
        assert_eq!(lex_words[0].word.value, lex_words[0].word.raw());
        assert!(lex_words[0].word.has_expansion);
        let inner: Vec<&str> = lex_words
            .iter()
            .flat_map(|it| it.substitutions.iter().map(|r| &input[r.clone()]))
            .collect();
        assert_eq!(inner, ["b \"$(c)\" ')'", "d", "e"]);
        assert_eq!(lex_words[2].word.raw(), "$((1 + (2)))");
    }

    #[test]
    fn case_patterns_do_not_close_a_substitution() {
        let input =
            "ARCH=$(case $(uname -m) in x86_64) echo amd64;; (aarch64) echo arm64;; esac) next";
        let values = values(input);
        assert_eq!(
            values[0],
            "ARCH=$(case $(uname -m) in x86_64) echo amd64;; (aarch64) echo arm64;; esac)"
        );
        assert_eq!(values[1], "next");
        assert_eq!(values.len(), 2);
    }

    #[test]
    fn operators_and_redirections_are_split() {
        let kinds: Vec<String> =
            tokens_with("a&&b||c;d|e&f;;g|&h 2>&1 >>x &>/dev/null <<<s", &|_| None)
                .into_iter()
                .map(|it| match it.kind {
                    TokenKind::Word(word) => word.word.value,
                    TokenKind::Op(op) => format!("op:{op}"),
                    TokenKind::Redirect(op) => format!("redir:{op}"),
                    TokenKind::Newline => "nl".to_string(),
                    TokenKind::Eof => "eof".to_string(),
                })
                .collect();
        assert_eq!(
            kinds,
            [
                "a",
                "op:&&",
                "b",
                "op:||",
                "c",
                "op:;",
                "d",
                "op:|",
                "e",
                "op:&",
                "f",
                "op:;;",
                "g",
                "op:|&",
                "h",
                "redir:2>&",
                "1",
                "redir:>>",
                "x",
                "redir:&>",
                "/dev/null",
                "redir:<<<",
                "s"
            ]
        );
    }

    #[test]
    fn comments_start_only_at_word_start() {
        assert_eq!(values("echo a#b # comment\nc"), ["echo", "a#b", "c"]);
    }

    #[test]
    fn heredoc_bodies_are_skipped() {
        let input =
            "cat <<'EOF' > /x\nline $y\n  EOF\nEOF\necho after\ncat <<-END\n\tbody\n\tEND\ndone";
        assert_eq!(
            values(input),
            ["cat", "EOF", "/x", "echo", "after", "cat", "END", "done"]
        );
    }

    #[test]
    fn line_continuations_join_words() {
        assert_eq!(
            values("apt-get \\\n install cu\\\nrl"),
            ["apt-get", "install", "curl"]
        );
    }

    #[test]
    fn unbalanced_quotes_run_to_the_end() {
        assert_eq!(values("echo 'abc def"), ["echo", "abc def"]);
        assert_eq!(values("echo \"abc $(x"), ["echo", "abc $(x"]);
        assert_eq!(values("echo \\"), ["echo", "\\"]);
    }

    #[test]
    fn assignments_are_recognized_by_their_unquoted_name() {
        assert!(is_assignment("A=b"));
        assert!(is_assignment("_x1+=b"));
        assert!(is_assignment("arr[0]=b"));
        assert!(!is_assignment("1A=b"));
        assert!(!is_assignment("\"A\"=b"));
        assert!(!is_assignment("--opt=b"));
    }
}

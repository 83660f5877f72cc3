//! The JSON exec form (`["cmd", "arg"]`), lexed with logos and validated like Go's `encoding/json`.
//! Also [`write_json_string`], the string writer of the JSON report and the language server's
//! diagnostics: it lives here, in the crate both build on, so that one escaper serves both.

use logos::Logos;
use std::ops::Range;

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum JsonToken {
    #[token("[")]
    LBrack,
    #[token("]")]
    RBrack,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[regex(r#""([^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*""#)]
    String,
    #[regex(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")]
    Number,
    #[token("true")]
    #[token("false")]
    #[token("null")]
    Literal,
    #[regex(r"[ \t\r\n]+")]
    Whitespace,
}

/// What a JSON exec form lexes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonPiece {
    LBrack,
    RBrack,
    Comma,
    Whitespace,
    /// A string element (the literal, quotes included).
    String,
    /// Any other element value (number, literal, object, nested array).
    Value,
}

/// The outcome of reading text as an exec form.
pub(crate) enum ExecForm {
    /// Not a JSON array: BuildKit treats the text as shell form.
    NotJson,
    /// A JSON array; `pieces` cover the text, ranges relative to it. `all_strings` is false when
    /// BuildKit rejects the file.
    Array {
        pieces: Vec<(JsonPiece, Range<usize>)>,
        all_strings: bool,
    },
}

/// Reads `text` (already trimmed on the left) as a JSON array the way BuildKit's `parseJSON` does.
pub(crate) fn parse_exec_form(text: &str) -> ExecForm {
    if !text.starts_with('[') {
        return ExecForm::NotJson;
    }
    let mut lexer = JsonToken::lexer(text);
    let mut tokens = Vec::new();
    while let Some(token) = lexer.next() {
        match token {
            Ok(token) => tokens.push((token, lexer.span())),
            Err(()) => return ExecForm::NotJson,
        }
    }
    let mut parser = Validator {
        tokens: &tokens,
        pos: 0,
        depth: 0,
    };
    parser.skip_ws();
    let Some(elements) = parser.array() else {
        return ExecForm::NotJson;
    };
    parser.skip_ws();
    if parser.pos != tokens.len() {
        return ExecForm::NotJson;
    }
    let mut pieces = Vec::with_capacity(tokens.len());
    let mut all_strings = true;
    // Top-level tokens become pieces; each non-string element is one `Value` piece.
    let mut idx = 0;
    let mut element_iter = elements.iter().peekable();
    while idx < tokens.len() {
        if let Some(&&(start, end, is_string)) = element_iter.peek() {
            if idx == start {
                let range = tokens[start].1.start..tokens[end - 1].1.end;
                if is_string {
                    pieces.push((JsonPiece::String, range));
                } else {
                    all_strings = false;
                    pieces.push((JsonPiece::Value, range));
                }
                idx = end;
                element_iter.next();
                continue;
            }
        }
        let (token, ref span) = tokens[idx];
        let piece = match token {
            JsonToken::LBrack => JsonPiece::LBrack,
            JsonToken::RBrack => JsonPiece::RBrack,
            JsonToken::Comma => JsonPiece::Comma,
            _ => JsonPiece::Whitespace,
        };
        pieces.push((piece, span.clone()));
        idx += 1;
    }
    ExecForm::Array {
        pieces,
        all_strings,
    }
}

struct Validator<'a> {
    tokens: &'a [(JsonToken, Range<usize>)],
    pos: usize,
    depth: usize,
}

impl Validator<'_> {
    fn peek(&self) -> Option<JsonToken> {
        self.tokens.get(self.pos).map(|t| t.0)
    }

    fn skip_ws(&mut self) {
        while self.peek() == Some(JsonToken::Whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, token: JsonToken) -> Option<()> {
        self.skip_ws();
        (self.peek()? == token).then(|| self.pos += 1)
    }

    /// Parses an array; returns its elements as token index ranges with "is a string".
    fn array(&mut self) -> Option<Vec<(usize, usize, bool)>> {
        self.eat(JsonToken::LBrack)?;
        let mut elements = Vec::new();
        self.skip_ws();
        if self.peek() == Some(JsonToken::RBrack) {
            self.pos += 1;
            return Some(elements);
        }
        loop {
            self.skip_ws();
            let start = self.pos;
            let is_string = self.peek() == Some(JsonToken::String);
            self.value()?;
            elements.push((start, self.pos, is_string));
            self.skip_ws();
            match self.peek()? {
                JsonToken::Comma => self.pos += 1,
                JsonToken::RBrack => {
                    self.pos += 1;
                    return Some(elements);
                }
                _ => return None,
            }
        }
    }

    fn value(&mut self) -> Option<()> {
        self.skip_ws();
        // Go's decoder limits nesting to 10,000 levels; stay well clear of our stack.
        if self.depth > 512 {
            return None;
        }
        match self.peek()? {
            JsonToken::String | JsonToken::Number | JsonToken::Literal => {
                self.pos += 1;
                Some(())
            }
            JsonToken::LBrack => {
                self.depth += 1;
                self.array()?;
                self.depth -= 1;
                Some(())
            }
            JsonToken::LBrace => {
                self.depth += 1;
                self.object()?;
                self.depth -= 1;
                Some(())
            }
            _ => None,
        }
    }

    fn object(&mut self) -> Option<()> {
        self.eat(JsonToken::LBrace)?;
        self.skip_ws();
        if self.peek() == Some(JsonToken::RBrace) {
            self.pos += 1;
            return Some(());
        }
        loop {
            self.eat(JsonToken::String)?;
            self.eat(JsonToken::Colon)?;
            self.value()?;
            self.skip_ws();
            match self.peek()? {
                JsonToken::Comma => self.pos += 1,
                JsonToken::RBrace => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

/// Decodes a JSON string literal (quotes included) like Go: escapes, surrogate pairs, and U+FFFD
/// for lone surrogates and for bytes that were not valid UTF-8 in the file.
pub fn decode_json_string(literal: &str) -> String {
    let inner = literal
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(literal);
    let mut out = String::with_capacity(inner.len());
    let mut chars = crate::decode::go_chars(inner);
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let first = hex4(&mut chars);
                if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate must be followed by `\u` and a low surrogate.
                    let mut lookahead = chars.clone();
                    if lookahead.next() == Some('\\') && lookahead.next() == Some('u') {
                        let second = hex4(&mut lookahead);
                        if (0xDC00..0xE000).contains(&second) {
                            chars = lookahead;
                            let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                            out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                            continue;
                        }
                    }
                    out.push(char::REPLACEMENT_CHARACTER);
                } else {
                    out.push(char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Appends `text` to `out` as a JSON string literal, escaped exactly as serde_json escapes it
/// (quote, backslash and control characters; `\b \f \n \r \t` short, the others as
/// `\u00xx`). The reports write tens of thousands of messages; most need no escaping, and one
/// pass that the compiler can vectorise finds that out before the text is copied whole.
pub fn write_json_string(out: &mut Vec<u8>, text: &str) {
    let plain = text.bytes().fold(true, |plain, b| {
        plain & (b >= 0x20) & (b != b'"') & (b != b'\\')
    });
    out.reserve(text.len() + 2);
    out.push(b'"');
    if plain {
        out.extend_from_slice(text.as_bytes());
    } else {
        let mut from = 0;
        for (at, byte) in text.bytes().enumerate() {
            let short = match byte {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                0x0c => b'f',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x00..=0x1f => 0,
                _ => continue,
            };
            out.extend_from_slice(&text.as_bytes()[from..at]);
            from = at + 1;
            if short != 0 {
                out.extend_from_slice(&[b'\\', short]);
            } else {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let escaped = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(byte >> 4)],
                    HEX[usize::from(byte & 0xf)],
                ];
                out.extend_from_slice(&escaped);
            }
        }
        out.extend_from_slice(&text.as_bytes()[from..]);
    }
    out.push(b'"');
}

fn hex4(chars: &mut impl Iterator<Item = char>) -> u32 {
    let mut value = 0;
    for _ in 0..4 {
        let digit = chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
        value = value * 16 + digit;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte that needs escaping, in plain and mixed text, comes out as serde_json writes
    /// it; so does text without any.
    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let mut texts = vec![
            String::new(),
            "plain `code` and é😀".to_string(),
            "quote \" backslash \\ slash / del \u{7f}".to_string(),
            "tab\there\nline\r\u{8}\u{c}".to_string(),
        ];
        texts.extend((0u8..0x20).map(|b| format!("a{}b", char::from(b))));
        texts.push((0u8..0x80).map(char::from).collect());
        for text in texts {
            let mut ours = Vec::new();
            write_json_string(&mut ours, &text);
            let theirs = serde_json::to_vec(&text).expect("json");
            assert_eq!(
                String::from_utf8(ours),
                String::from_utf8(theirs),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        /// Any text, escapes at any place among multibyte characters.
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(text in "(\\PC|[\\x00-\\x1f\"\\\\])*") {
            let mut ours = Vec::new();
            write_json_string(&mut ours, &text);
            proptest::prop_assert_eq!(ours, serde_json::to_vec(&text).expect("json"));
        }
    }

    /// A code point of the range decoding uses for raw bytes is text, as Go reads it.
    #[test]
    fn strings_keep_code_points_of_the_raw_byte_range() {
        let (text, _) = crate::decode::decode_lossless("\"a\u{10FE80}\"".as_bytes());
        assert_eq!(decode_json_string(&text), "a\u{10FE80}");
        let (text, _) = crate::decode::decode_lossless(b"\"a\xff\"");
        assert_eq!(decode_json_string(&text), "a\u{FFFD}");
    }

    fn strings(text: &str) -> Option<Vec<String>> {
        match parse_exec_form(text) {
            ExecForm::NotJson => None,
            ExecForm::Array { pieces, .. } => Some(
                pieces
                    .iter()
                    .filter(|p| p.0 == JsonPiece::String)
                    .map(|p| decode_json_string(&text[p.1.clone()]))
                    .collect(),
            ),
        }
    }

    #[test]
    fn arrays_of_strings_are_exec_form() {
        assert_eq!(
            strings(r#"["a", "b c"]"#),
            Some(vec!["a".into(), "b c".into()])
        );
        assert_eq!(strings("[]"), Some(vec![]));
        assert_eq!(strings("[ \"x\" ] \n"), Some(vec!["x".into()]));
    }

    #[test]
    fn broken_json_is_shell_form() {
        for text in [
            "['a']",
            r#"["a",]"#,
            r#"["a""#,
            r#"["a"] x"#,
            "[",
            r#"["a\x"]"#,
            "[\"\t\"]",
        ] {
            assert!(strings(text).is_none(), "{text}");
        }
    }

    #[test]
    fn non_string_elements_are_flagged() {
        for text in [
            "[1]",
            r#"["a", null]"#,
            r#"["a", ["b"]]"#,
            r#"[{"a": 1}]"#,
            "[true]",
        ] {
            let ExecForm::Array { all_strings, .. } = parse_exec_form(text) else {
                panic!("{text}")
            };
            assert!(!all_strings, "{text}");
        }
    }

    #[test]
    fn escapes_decode_like_go() {
        assert_eq!(
            decode_json_string(r#""a\"b\\c\/d\u00e9\ud83d\ude00""#),
            "a\"b\\c/dé😀"
        );
        assert_eq!(decode_json_string(r#""\ud800x""#), "\u{fffd}x");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = "[".repeat(100_000);
        assert!(strings(&text).is_none());
    }
}

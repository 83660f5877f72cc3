//! How BuildKit cuts a logical line into keyword, flags and argument items.
//!
//! Everything here works on the logical line (continuations removed) and returns byte ranges in
//! it, so the tree builder can place tokens and the BuildKit dump can decode values from the
//! same cuts. The rules follow BuildKit's `splitCommand`, `extractBuilderFlags` and argument
//! shapers exactly, quirks included (see `shared/conformance/buildkit-parser/README.md`).

use crate::decode::byte_units;
use crate::json::{parse_exec_form, ExecForm, JsonPiece};
use crate::SyntaxKind::{self, *};
use smallvec::SmallVec;
use std::ops::Range;

pub(crate) type Span = Range<usize>;

/// Words of one instruction: most have a few, so they live inline (no allocation per
/// instruction).
pub(crate) type Spans = SmallVec<[Span; 4]>;

/// The cut of one instruction.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub(crate) keyword: Span,
    pub(crate) keyword_kind: SyntaxKind,
    pub(crate) flags: SmallVec<[Span; 2]>,
    /// A bare `--` that ended the flags.
    pub(crate) double_dash: Option<Span>,
    pub(crate) args: Args,
    /// The instruction without surrounding whitespace.
    pub(crate) span: Span,
    /// Problems that make BuildKit's parser reject the file.
    pub(crate) fatal: Option<(Span, String)>,
}

#[derive(Debug, Clone)]
pub(crate) enum Args {
    None,
    /// JSON exec form: pieces with absolute spans.
    Exec {
        span: Span,
        pieces: Vec<(JsonPiece, Span)>,
    },
    /// Shell form: the whole text, one item.
    Shell(Span),
    /// Separate words (blank-split, or ARG's quote-aware words).
    Words(Spans),
    /// The whole rest as one item (USER, WORKDIR, ...).
    Whole(Span),
    /// ENV/LABEL `k=v` words: (whole word, position of the first `=`).
    KeyValues(SmallVec<[(Span, usize); 2]>),
    /// ENV/LABEL legacy `k v`.
    Legacy {
        key: Span,
        value: Span,
    },
    /// HEALTHCHECK: the type word, then the command shaped like RUN.
    Healthcheck {
        kind: Span,
        command: Box<Args>,
    },
    /// ONBUILD's trigger instruction.
    Onbuild(Box<Shape>),
    /// Unknown keyword: BuildKit keeps no arguments; the rest is kept as text.
    Unknown(Span),
}

/// ASCII blanks as BuildKit's `[\t\v\f\r ]+` sees them.
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x0B | 0x0C | b'\r')
}

/// Go's `unicode.IsSpace` applied to a single byte re-read as a code point.
fn is_space_byte(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0x85 | 0xA0)
}

/// ASCII whitespace as Go's `unicode.IsSpace` (and Rust's `char::is_whitespace`) sees it.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The length of the leading Unicode whitespace of `s`. Bytes are checked first: whitespace
/// beyond ASCII is rare, and decoding chars for the common indentation cost a parse 2%.
pub(crate) fn leading_space(s: &str) -> usize {
    let ascii = s.bytes().take_while(|&b| is_ascii_space(b)).count();
    match s.as_bytes().get(ascii) {
        Some(&b) if b >= 0x80 => s.len() - s.trim_start().len(),
        _ => ascii,
    }
}

/// The length of the trailing Unicode whitespace of `s` (see [`leading_space`]).
fn trailing_space(s: &str) -> usize {
    let ascii = s.bytes().rev().take_while(|&b| is_ascii_space(b)).count();
    match s.len().checked_sub(ascii + 1).map(|at| s.as_bytes()[at]) {
        Some(b) if b >= 0x80 => s.len() - s.trim_end().len(),
        _ => ascii,
    }
}

/// Trims Unicode whitespace like Go's `strings.TrimSpace`, returning the inner span.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let slice = &text[span.clone()];
    let start = span.start + leading_space(slice);
    let end = span.end - trailing_space(slice);
    if start >= end {
        return start..start;
    }
    start..end
}

/// Rounds `pos` up to a char boundary of `text`.
fn ceil_boundary(text: &str, mut pos: usize) -> usize {
    while pos < text.len() && !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos.min(text.len())
}

/// Cuts the instruction in `text[span]` (a logical line or ONBUILD's trigger).
pub(crate) fn shape_instruction(text: &str, span: Span, escape: char) -> Shape {
    let trimmed = trim_span(text, span);
    let bytes = text.as_bytes();
    let mut kw_end = trimmed.start;
    while kw_end < trimmed.end && !is_blank(bytes[kw_end]) {
        kw_end += 1;
    }
    let keyword = trimmed.start..kw_end;
    let keyword_kind = SyntaxKind::from_keyword(&text[keyword.clone()]);
    let mut shape = Shape {
        keyword,
        keyword_kind,
        flags: SmallVec::new(),
        double_dash: None,
        args: Args::None,
        span: trimmed.clone(),
        fatal: None,
    };
    if kw_end == trimmed.end {
        if keyword_kind == UNKNOWN_KW {
            shape.args = Args::Unknown(trimmed.end..trimmed.end);
        }
        return shape;
    }
    let mut rest_start = kw_end;
    while rest_start < trimmed.end && is_blank(bytes[rest_start]) {
        rest_start += 1;
    }
    let args_start = extract_flags(text, rest_start..trimmed.end, escape, &mut shape);
    let rest = trim_span(text, args_start..trimmed.end);
    shape.args = shape_args(text, rest, keyword_kind, escape, &mut shape.fatal);
    shape
}

/// The byte BuildKit sees at `pos` (a raw byte for a mapped code point) and its length in
/// the decoded text.
fn unit_at(text: &str, pos: usize) -> (u8, usize) {
    let byte = text.as_bytes()[pos];
    if byte == 0xF4 {
        if let Some(raw) = text
            .get(pos..)
            .and_then(|t| t.chars().next())
            .and_then(crate::decode::raw_byte)
        {
            return (raw, 4);
        }
    }
    (byte, 1)
}

/// Peels `--flags` off the start of `text[span]`; returns where the arguments start.
fn extract_flags(text: &str, span: Span, escape: char, shape: &mut Shape) -> usize {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(u8),
    }
    let escape = escape as u8;
    let bytes = text.as_bytes();
    let mut phase = Phase::Spaces;
    let mut word_start = span.start;
    let mut pos = span.start;
    loop {
        if pos >= span.end {
            if phase != Phase::Spaces {
                let word = word_start..span.end;
                if &text[word.clone()] == "--" {
                    shape.double_dash = Some(word);
                } else {
                    shape.flags.push(word);
                }
            }
            return span.end;
        }
        let (b, len) = unit_at(text, pos);
        match phase {
            Phase::Spaces => {
                if is_space_byte(b) {
                    pos += len;
                    continue;
                }
                let next_is_dash = pos + len < span.end && unit_at(text, pos + len).0 == b'-';
                if b != b'-' || !next_is_dash {
                    return ceil_boundary(text, pos);
                }
                phase = Phase::Word;
                word_start = pos;
            }
            Phase::Word => {
                if is_space_byte(b) {
                    // A later byte of a multibyte char can end the word: keep the char whole.
                    let end = ceil_boundary(text, pos);
                    let word = word_start..end;
                    if &text[word.clone()] == "--" {
                        shape.double_dash = Some(word);
                        return end;
                    }
                    shape.flags.push(word);
                    phase = Phase::Spaces;
                    pos = end.max(pos + len);
                    continue;
                }
                if b == b'\'' || b == b'"' {
                    phase = Phase::Quote(b);
                } else if b == escape && pos + len < span.end {
                    pos += len;
                    pos += unit_at(text, pos).1;
                    continue;
                }
                pos += len;
                // Plain ASCII bytes need none of the checks above (inside a quote just opened,
                // they are plain too).
                while pos < span.end
                    && bytes[pos] < 0x80
                    && !is_space_byte(bytes[pos])
                    && !matches!(bytes[pos], b'\'' | b'"')
                    && bytes[pos] != escape
                {
                    pos += 1;
                }
            }
            Phase::Quote(quote) => {
                if b == quote {
                    phase = Phase::Word;
                } else if b == escape && pos + len < span.end {
                    pos += len;
                    pos += unit_at(text, pos).1;
                    continue;
                }
                pos += len;
            }
        }
    }
}

fn shape_args(
    text: &str,
    rest: Span,
    kw: SyntaxKind,
    escape: char,
    fatal: &mut Option<(Span, String)>,
) -> Args {
    match kw {
        RUN_KW | CMD_KW | ENTRYPOINT_KW | SHELL_KW => json_or_string(text, rest, fatal),
        ADD_KW | COPY_KW | VOLUME_KW => match exec_form(text, rest.clone(), fatal) {
            Some(args) => args,
            None => Args::Words(blank_split(text, rest)),
        },
        FROM_KW | EXPOSE_KW => Args::Words(blank_split(text, rest)),
        MAINTAINER_KW | STOPSIGNAL_KW | USER_KW | WORKDIR_KW => {
            if rest.is_empty() {
                Args::None
            } else {
                Args::Whole(rest)
            }
        }
        ARG_KW => Args::Words(words(text, rest, escape).into_iter().map(|w| w.0).collect()),
        ENV_KW | LABEL_KW => key_values(text, rest, escape, kw, fatal),
        HEALTHCHECK_KW => healthcheck(text, rest, fatal),
        ONBUILD_KW => {
            if rest.is_empty() {
                Args::None
            } else {
                let trigger = shape_instruction(text, rest, escape);
                if trigger.fatal.is_some() && fatal.is_none() {
                    *fatal = trigger.fatal.clone();
                }
                Args::Onbuild(Box::new(trigger))
            }
        }
        _ => Args::Unknown(rest),
    }
}

pub(crate) fn json_or_string(text: &str, rest: Span, fatal: &mut Option<(Span, String)>) -> Args {
    if rest.is_empty() {
        return Args::None;
    }
    exec_form(text, rest.clone(), fatal).unwrap_or(Args::Shell(rest))
}

pub(crate) const NOT_STRING_ARRAY: &str =
    "when using JSON array syntax, arrays must be comprised of strings only";

fn exec_form(text: &str, rest: Span, fatal: &mut Option<(Span, String)>) -> Option<Args> {
    match parse_exec_form(&text[rest.clone()]) {
        ExecForm::NotJson => None,
        ExecForm::Array {
            pieces,
            all_strings,
        } => {
            if !all_strings && fatal.is_none() {
                *fatal = Some((rest.clone(), NOT_STRING_ARRAY.to_string()));
            }
            let pieces = pieces
                .into_iter()
                .map(|(piece, range)| (piece, rest.start + range.start..rest.start + range.end))
                .collect();
            Some(Args::Exec { span: rest, pieces })
        }
    }
}

/// BuildKit's `parseStringsWhitespaceDelimited`: split on ASCII blanks, no quoting.
pub(crate) fn blank_split(text: &str, rest: Span) -> Spans {
    let bytes = text.as_bytes();
    let mut out = Spans::new();
    let mut pos = rest.start;
    while pos < rest.end {
        while pos < rest.end && is_blank(bytes[pos]) {
            pos += 1;
        }
        let start = pos;
        while pos < rest.end && !is_blank(bytes[pos]) {
            pos += 1;
        }
        if pos > start {
            out.push(start..pos);
        }
    }
    out
}

/// BuildKit's `parseWords`: quote-aware words with quotes and escapes kept. Returns each word's
/// span and whether it contains an `=` in its value.
pub(crate) fn words(text: &str, rest: Span, escape: char) -> SmallVec<[(Span, Option<usize>); 4]> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    // The char at `pos` and its length; ASCII without decoding.
    let char_at = |pos: usize| -> Option<(char, usize)> {
        if pos >= rest.end {
            return None;
        }
        let byte = text.as_bytes()[pos];
        if byte < 0x80 {
            return Some((char::from(byte), 1));
        }
        let c = text[pos..].chars().next()?;
        Some((c, c.len_utf8()))
    };
    let mut out = SmallVec::new();
    let mut phase = Phase::Spaces;
    let mut start = rest.start;
    let mut eq = None;
    let mut pos = rest.start;
    while let Some((c, len)) = char_at(pos) {
        let next = pos + len;
        match phase {
            Phase::Spaces if c.is_whitespace() => {}
            Phase::Word if c.is_whitespace() => {
                out.push((start..pos, eq));
                phase = Phase::Spaces;
            }
            Phase::Spaces | Phase::Word => {
                if phase == Phase::Spaces {
                    phase = Phase::Word;
                    start = pos;
                    eq = None;
                }
                if c == '\'' || c == '"' {
                    phase = Phase::Quote(c);
                }
                if c == escape {
                    // The escaped char is kept, even a quote, and does not open a quoted region.
                    // An escaped `=` still counts as `=` (BuildKit cuts at the first `=` of the
                    // word).
                    if let Some((escaped, escaped_len)) = char_at(next) {
                        if escaped == '=' && eq.is_none() {
                            eq = Some(next);
                        }
                        pos = next + escaped_len;
                        continue;
                    }
                } else if c == '=' && eq.is_none() {
                    eq = Some(pos);
                }
                if phase == Phase::Word {
                    // Plain ASCII bytes change nothing: skip them together.
                    let mut end = next;
                    while end < rest.end && plain_word_byte(text.as_bytes()[end], escape, eq) {
                        end += 1;
                    }
                    pos = end;
                    continue;
                }
            }
            Phase::Quote(quote) => {
                if c == quote {
                    phase = Phase::Word;
                }
                if c == escape && quote != '\'' {
                    let Some((escaped, escaped_len)) = char_at(next) else {
                        phase = Phase::Word;
                        pos = next;
                        continue;
                    };
                    if escaped == '=' && eq.is_none() {
                        eq = Some(next);
                    }
                    pos = next + escaped_len;
                    continue;
                }
                if c == '=' && eq.is_none() {
                    eq = Some(pos);
                }
            }
        }
        pos = next;
    }
    if phase != Phase::Spaces {
        out.push((start..rest.end, eq));
    }
    out
}

/// A byte inside an unquoted word that `words` need not look at: ASCII, not blank, not a
/// quote or the escape, and not an `=` while the word has none yet.
fn plain_word_byte(byte: u8, escape: char, eq: Option<usize>) -> bool {
    byte < 0x80
        && !matches!(byte, b' ' | b'\t'..=b'\r' | b'\'' | b'"')
        && char::from(byte) != escape
        && (byte != b'=' || eq.is_some())
}

fn key_values(
    text: &str,
    rest: Span,
    escape: char,
    kw: SyntaxKind,
    fatal: &mut Option<(Span, String)>,
) -> Args {
    let words = words(text, rest.clone(), escape);
    let Some(first) = words.first() else {
        return Args::None;
    };
    if first.1.is_none() {
        // Legacy `KEY name value`: split the rest (not the words) at the first blank run.
        let bytes = text.as_bytes();
        let mut key_end = rest.start;
        while key_end < rest.end && !is_blank(bytes[key_end]) {
            key_end += 1;
        }
        let mut value_start = key_end;
        while value_start < rest.end && is_blank(bytes[value_start]) {
            value_start += 1;
        }
        if key_end == rest.end {
            let name = if kw == ENV_KW { "ENV" } else { "LABEL" };
            *fatal = Some((rest.clone(), format!("{name} must have two arguments")));
        }
        return Args::Legacy {
            key: rest.start..key_end,
            value: value_start..rest.end,
        };
    }
    let mut pairs = SmallVec::with_capacity(words.len());
    for (span, eq) in words {
        match eq {
            Some(eq) => pairs.push((span, eq)),
            None => {
                if fatal.is_none() {
                    let word = crate::go_quote::go_quote(&crate::decode::encode_lossless(
                        &text[span.clone()],
                    ));
                    *fatal = Some((
                        span.clone(),
                        format!("Syntax error - can't find = in {word}. Must be of the form: name=value"),
                    ));
                }
                pairs.push((span.clone(), span.end));
            }
        }
    }
    Args::KeyValues(pairs)
}

fn healthcheck(text: &str, rest: Span, fatal: &mut Option<(Span, String)>) -> Args {
    if rest.is_empty() {
        return Args::None;
    }
    let units: Vec<_> = byte_units(&text[rest.clone()]).collect();
    let sep_idx = units
        .iter()
        .position(|u| is_space_byte(u.byte))
        .unwrap_or(units.len());
    let at = |idx: usize| rest.start + units.get(idx).map_or(rest.end - rest.start, |u| u.offset);
    let next_idx = units[sep_idx..]
        .iter()
        .position(|u| !is_space_byte(u.byte))
        .map_or(units.len(), |p| p + sep_idx);
    let kind_end = ceil_boundary(text, at(sep_idx));
    let command_start = ceil_boundary(text, at(next_idx)).max(kind_end);
    let command = json_or_string(text, command_start..rest.end, fatal);
    Args::Healthcheck {
        kind: rest.start..kind_end,
        command: Box::new(command),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte fast paths must agree with Unicode trimming, including whitespace beyond ASCII
    /// (NEL, no-break space, ideographic space) next to ASCII blanks and other multibyte text.
    #[test]
    fn space_lengths_match_unicode_trimming() {
        let samples = [
            "",
            " ",
            "\t\x0b\x0c\r\n",
            "  RUN x  ",
            "\u{85}RUN",
            " \u{a0} x \u{3000}",
            "é  ",
            "  é",
            "\u{3000}",
            "x\u{2028}",
            " \t\u{85}é\u{a0} ",
        ];
        for s in samples {
            assert_eq!(leading_space(s), s.len() - s.trim_start().len(), "{s:?}");
            assert_eq!(trailing_space(s), s.len() - s.trim_end().len(), "{s:?}");
            let span = trim_span(s, 0..s.len());
            let expected = s.trim();
            if !expected.is_empty() {
                assert_eq!(&s[span], expected, "{s:?}");
            } else {
                assert!(span.is_empty(), "{s:?}");
            }
        }
    }
}

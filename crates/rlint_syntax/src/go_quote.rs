//! Exact reimplementation of Go's `strconv.Quote` over arbitrary (possibly invalid UTF-8) bytes.

use std::fmt::Write as _;

use unicode_general_category::{get_general_category, GeneralCategory};

/// Lowercase hex digits used for every escape form.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Quotes `bytes` exactly as Go's `strconv.Quote` quotes a Go string holding
/// those bytes.
///
/// The result is wrapped in `"`. The bytes are walked as UTF-8; a byte that
/// does not start a valid UTF-8 sequence (per Go's `utf8.DecodeRune`: no
/// overlong forms, no encoded surrogates, nothing above U+10FFFF) is written
/// as `\x` + two lowercase hex digits and the walk advances by one byte.
/// Decoded characters are escaped as follows: `"` → `\"`, `\` → `\\`
/// (`'` is left alone); printable characters (U+0020 or general category
/// L*, M*, N*, P*, S*) are written as is; otherwise `\a \b \f \n \r \t \v`,
/// then `\xHH` for other C0 controls and U+007F, `\uHHHH` below U+10000 and
/// `\UHHHHHHHH` above.
#[must_use]
pub fn go_quote(bytes: &[u8]) -> String {
    // Most input is printable ASCII: reserve room for it plus the quotes.
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for chunk in bytes.utf8_chunks() {
        quote_valid(&mut out, chunk.valid());
        // Every byte of an invalid chunk is rejected individually by Go's
        // decoder: the first byte is invalid by definition and any following
        // bytes are continuation bytes (0x80..=0xBF), which never start a
        // sequence. So escaping each byte matches Go's one-byte advance.
        for &b in chunk.invalid() {
            push_hex_byte(&mut out, b);
        }
    }
    out.push('"');
    out
}

/// Quotes a Rust string exactly as Go's `strconv.Quote` would.
///
/// Equivalent to [`go_quote`] on `s.as_bytes()`; since `s` is valid UTF-8,
/// no `\x` escapes for invalid bytes are produced.
#[must_use]
pub fn go_quote_str(s: &str) -> String {
    go_quote(s.as_bytes())
}

/// Appends the escaped form of a valid UTF-8 run (without surrounding quotes).
fn quote_valid(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    // Start of the pending run of bytes that can be copied verbatim.
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if is_plain_ascii(b) {
                i += 1;
                continue;
            }
            out.push_str(&s[run_start..i]);
            push_escaped_ascii(out, b);
            i += 1;
            run_start = i;
            continue;
        }
        // Non-ASCII: `i` is on a char boundary because we only ever step over
        // whole characters, so `s[i..]` is valid and non-empty.
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if is_go_printable(c) {
            i += len;
            continue;
        }
        out.push_str(&s[run_start..i]);
        push_escaped_rune(out, c);
        i += len;
        run_start = i;
    }
    out.push_str(&s[run_start..]);
}

/// ASCII bytes written verbatim: printable (0x20..=0x7E) except `"` and `\`.
#[inline]
fn is_plain_ascii(b: u8) -> bool {
    (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\'
}

/// Escapes an ASCII byte that is not [`is_plain_ascii`].
fn push_escaped_ascii(out: &mut String, b: u8) {
    let esc = match b {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        0x07 => "\\a",
        0x08 => "\\b",
        0x0c => "\\f",
        b'\n' => "\\n",
        b'\r' => "\\r",
        b'\t' => "\\t",
        0x0b => "\\v",
        _ => {
            // Remaining C0 controls and DEL.
            push_hex_byte(out, b);
            return;
        }
    };
    out.push_str(esc);
}

/// Escapes a non-printable, non-ASCII character as `\uHHHH` or `\UHHHHHHHH`.
fn push_escaped_rune(out: &mut String, c: char) {
    let cp = u32::from(c);
    // Writing to a `String` cannot fail.
    let _ = if cp < 0x1_0000 {
        write!(out, "\\u{cp:04x}")
    } else {
        write!(out, "\\U{cp:08x}")
    };
}

/// Appends `\x` followed by the two lowercase hex digits of `b`.
#[inline]
fn push_hex_byte(out: &mut String, b: u8) {
    out.push('\\');
    out.push('x');
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 0x0f)]));
}

/// Go's `unicode.IsPrint`: U+0020 or a letter, mark, number, punctuation or
/// symbol. Every other space, controls, format characters, private use,
/// surrogates and unassigned code points are not printable.
fn is_go_printable(c: char) -> bool {
    use GeneralCategory as G;
    if c == ' ' {
        return true;
    }
    matches!(
        get_general_category(c),
        // L*
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            // M*
            | G::NonspacingMark
            | G::SpacingMark
            | G::EnclosingMark
            // N*
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
            // P*
            | G::ConnectorPunctuation
            | G::DashPunctuation
            | G::OpenPunctuation
            | G::ClosePunctuation
            | G::InitialPunctuation
            | G::FinalPunctuation
            | G::OtherPunctuation
            // S*
            | G::MathSymbol
            | G::CurrencySymbol
            | G::ModifierSymbol
            | G::OtherSymbol
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&[u8], &str)] = &[
            // Plain ASCII.
            (b"", r#""""#),
            (b"hello world", r#""hello world""#),
            (
                b"RUN apt-get -y install ~!@#$%^&*()_+`{}|[]:;<>?,./",
                r#""RUN apt-get -y install ~!@#$%^&*()_+`{}|[]:;<>?,./""#,
            ),
            // Quote and backslash.
            (br#"a"b\c"#, r#""a\"b\\c""#),
            (br#""\"#, r#""\"\\""#),
            // Single quote untouched.
            (b"it's", r#""it's""#),
            // Named escapes.
            (b"a\tb", r#""a\tb""#),
            (b"a\nb", r#""a\nb""#),
            (b"a\rb", r#""a\rb""#),
            (b"\x07\x08\x0c\x0b", r#""\a\b\f\v""#),
            // Other controls.
            (b"\x00", r#""\x00""#),
            (b"\x1b[0m", r#""\x1b[0m""#),
            (b"\x1f", r#""\x1f""#),
            (b"\x7f", r#""\x7f""#),
            // Invalid UTF-8.
            (b"\xff", r#""\xff""#),
            (b"a\xfeb", r#""a\xfeb""#),
            (b"\xe2\x82", r#""\xe2\x82""#),
            (b"\xe2\x82A", r#""\xe2\x82A""#),
            (b"\xf0\x9f\x98", r#""\xf0\x9f\x98""#),
            (b"\x80", r#""\x80""#),
            (b"\xc0\x80", r#""\xc0\x80""#),
            (b"\xc1\xbf", r#""\xc1\xbf""#),
            (b"\xe0\x80\xaf", r#""\xe0\x80\xaf""#),
            (b"\xed\xa0\x80", r#""\xed\xa0\x80""#),
            (b"\xed\xbf\xbf", r#""\xed\xbf\xbf""#),
            (b"\xf4\x90\x80\x80", r#""\xf4\x90\x80\x80""#),
            (b"\xf5\x80\x80\x80", r#""\xf5\x80\x80\x80""#),
            // An invalid lead followed by a valid sequence: only one byte is skipped.
            (b"\xe2\xc3\xa9", "\"\\xe2\u{e9}\""),
            // Largest valid code point is unassigned / private use: escaped.
            (b"\xf4\x8f\xbf\xbf", r#""\U0010ffff""#),
            // Non-printable spaces and format characters.
            ("\u{a0}".as_bytes(), r#""\u00a0""#),
            ("\u{200b}".as_bytes(), r#""\u200b""#),
            ("\u{2028}".as_bytes(), r#""\u2028""#),
            ("\u{2029}".as_bytes(), r#""\u2029""#),
            ("\u{3000}".as_bytes(), r#""\u3000""#),
            ("\u{feff}".as_bytes(), r#""\ufeff""#),
            ("\u{85}".as_bytes(), r#""\u0085""#),
            ("\u{e0001}".as_bytes(), r#""\U000e0001""#),
            // Printable non-ASCII written raw.
            ("é ♥ 😀".as_bytes(), "\"é ♥ 😀\""),
            ("\u{fffd}".as_bytes(), "\"\u{fffd}\""),
            ("e\u{301}".as_bytes(), "\"e\u{301}\""),
            // Private use.
            ("\u{e000}".as_bytes(), r#""\ue000""#),
            ("\u{f0000}".as_bytes(), r#""\U000f0000""#),
            // Unassigned.
            ("\u{378}".as_bytes(), r#""\u0378""#),
            // Mixed.
            ("x\u{a0}y\"\u{e9}".as_bytes(), "\"x\\u00a0y\\\"\u{e9}\""),
            (b"ok\xffok\n", r#""ok\xffok\n""#),
        ];
        for (input, want) in cases {
            assert_eq!(go_quote(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn categories_used_in_tests_are_as_expected() {
        assert_eq!(get_general_category('\u{378}'), GeneralCategory::Unassigned);
        assert_eq!(
            get_general_category('\u{e000}'),
            GeneralCategory::PrivateUse
        );
        assert_eq!(
            get_general_category('\u{f0000}'),
            GeneralCategory::PrivateUse
        );
        assert_eq!(
            get_general_category('\u{301}'),
            GeneralCategory::NonspacingMark
        );
        assert_eq!(get_general_category('\u{200b}'), GeneralCategory::Format);
        assert_eq!(
            get_general_category('\u{fffd}'),
            GeneralCategory::OtherSymbol
        );
    }

    #[test]
    fn str_wrapper_matches_bytes() {
        for s in ["", "plain", "tab\there", "naïve \u{a0}", "😀\u{10ffff}"] {
            assert_eq!(go_quote_str(s), go_quote(s.as_bytes()));
        }
        assert_eq!(go_quote_str("a\"b"), r#""a\"b""#);
    }

    #[test]
    fn all_ascii_bytes() {
        for b in 0u8..0x80 {
            let got = go_quote(&[b]);
            let inner = &got[1..got.len() - 1];
            match b {
                b'"' => assert_eq!(inner, "\\\""),
                b'\\' => assert_eq!(inner, "\\\\"),
                0x20..=0x7e => assert_eq!(inner, char::from(b).to_string()),
                0x07..=0x0d => assert!(inner.len() == 2 && inner.starts_with('\\')),
                _ => assert_eq!(inner, format!("\\x{b:02x}")),
            }
        }
    }

    /// Reference model of Go's decoding loop, independent of `utf8_chunks`:
    /// decode one rune at the front with `std::str::from_utf8` on a prefix of
    /// at most four bytes; on failure escape exactly one byte.
    fn reference(bytes: &[u8]) -> String {
        let mut out = String::from("\"");
        let mut i = 0;
        while i < bytes.len() {
            let end = (i + 4).min(bytes.len());
            let decoded = match std::str::from_utf8(&bytes[i..end]) {
                Ok(s) => s.chars().next(),
                Err(e) if e.valid_up_to() > 0 => {
                    std::str::from_utf8(&bytes[i..i + e.valid_up_to()])
                        .ok()
                        .and_then(|s| s.chars().next())
                }
                Err(_) => None,
            };
            if let Some(c) = decoded {
                quote_valid(&mut out, c.encode_utf8(&mut [0u8; 4]));
                i += c.len_utf8();
            } else {
                write!(out, "\\x{:02x}", bytes[i]).unwrap();
                i += 1;
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn no_panic_and_matches_reference_on_byte_pairs() {
        let leads = [
            0x00u8, 0x22, 0x41, 0x5c, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe2, 0xed,
            0xef, 0xf0, 0xf4, 0xf5, 0xf8, 0xfe, 0xff,
        ];
        for &lead in &leads {
            for second in 0u8..=0xff {
                for tail in [
                    &[][..],
                    &[0x80][..],
                    &[0x80, 0x80][..],
                    &[0xbf, 0xbf][..],
                    b"A",
                ] {
                    let mut input = vec![lead, second];
                    input.extend_from_slice(tail);
                    let got = go_quote(&input);
                    assert!(got.starts_with('"') && got.ends_with('"'));
                    assert_eq!(got, reference(&input), "input {input:02x?}");
                }
            }
        }
    }

    #[test]
    fn invalid_bytes_escaped_individually() {
        // Every possible lone byte >= 0x80 is invalid on its own.
        for b in 0x80u8..=0xff {
            assert_eq!(go_quote(&[b]), format!("\"\\x{b:02x}\""));
        }
    }

    #[test]
    fn pseudo_random_bytes_match_reference() {
        // Deterministic LCG; bytes biased towards UTF-8 structure bytes.
        let pool: &[u8] = &[
            0x00, 0x09, 0x0a, 0x20, 0x22, 0x27, 0x41, 0x5c, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
            0xbf, 0xc2, 0xc3, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf3, 0xf4, 0xf5, 0xff,
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).unwrap_or(0)
        };
        for _ in 0..20_000 {
            let len = next() % 12;
            let input: Vec<u8> = (0..len).map(|_| pool[next() % pool.len()]).collect();
            assert_eq!(go_quote(&input), reference(&input), "input {input:02x?}");
        }
    }
}

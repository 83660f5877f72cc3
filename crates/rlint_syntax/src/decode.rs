//! Byte-preserving decoding of Dockerfiles that are not valid UTF-8.
//!
//! BuildKit reads Dockerfiles as bytes. To keep every byte in a `str`-based tree, each byte that
//! is not part of valid UTF-8 is mapped to the private-use code point `U+10FE00 + byte`, and
//! mapped back wherever BuildKit's byte-level behaviour matters (flags, dumps). A file that
//! really contains one of those code points has each of its four bytes mapped too, so that
//! encoding gives back the bytes read.

use std::borrow::Cow;

const RAW_BYTE_BASE: u32 = 0x10_FE00;

/// Decodes `bytes`, mapping each invalid byte to a private-use code point.
/// Returns the text and whether any byte had to be mapped.
pub fn decode_lossless(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) if !has_mapped_char(text) => (Cow::Borrowed(text), false),
        _ => {
            let mut out = String::with_capacity(bytes.len() + 16);
            for chunk in bytes.utf8_chunks() {
                for c in chunk.valid().chars() {
                    if raw_byte(c).is_some() {
                        for &byte in c.encode_utf8(&mut [0; 4]).as_bytes() {
                            out.push(raw_byte_char(byte));
                        }
                    } else {
                        out.push(c);
                    }
                }
                for &byte in chunk.invalid() {
                    out.push(raw_byte_char(byte));
                }
            }
            (Cow::Owned(out), true)
        }
    }
}

/// Whether `text` contains a code point [`raw_byte`] would read as a mapped byte. They all
/// start with the byte F4, which text almost never contains.
fn has_mapped_char(text: &str) -> bool {
    memchr::memchr_iter(0xF4, text.as_bytes())
        .any(|at| text[at..].chars().next().and_then(raw_byte).is_some())
}

/// Reverses [`decode_lossless`]: the original bytes of `text`.
pub fn encode_lossless(text: &str) -> Cow<'_, [u8]> {
    if !text.chars().any(|c| raw_byte(c).is_some()) {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match raw_byte(c) {
            Some(byte) => out.push(byte),
            None => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    Cow::Owned(out)
}

fn raw_byte_char(byte: u8) -> char {
    char::from_u32(RAW_BYTE_BASE + u32::from(byte)).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The original byte a mapped code point stands for.
pub fn raw_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    (RAW_BYTE_BASE + 0x80..=RAW_BYTE_BASE + 0xFF)
        .contains(&code)
        .then(|| (code - RAW_BYTE_BASE) as u8)
}

/// The characters Go sees when it ranges over the original bytes of `text`: a byte that was
/// not UTF-8 is U+FFFD, and a code point of the mapped range, which decoding split into its
/// four bytes, is itself again (those four bytes are valid UTF-8, which an invalid byte run
/// never is).
pub(crate) fn go_chars(text: &str) -> impl Iterator<Item = char> + Clone + '_ {
    let mut chars = text.chars();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        let Some(first) = raw_byte(c) else {
            return Some(c);
        };
        if first == 0xF4 {
            let mut ahead = chars.clone();
            let mut bytes = [first, 0, 0, 0];
            let complete = bytes[1..].iter_mut().all(|b| {
                ahead
                    .next()
                    .and_then(raw_byte)
                    .map(|raw| *b = raw)
                    .is_some()
            });
            let decoded = std::str::from_utf8(&bytes)
                .ok()
                .and_then(|s| s.chars().next())
                .filter(|d| complete && raw_byte(*d).is_some());
            if decoded.is_some() {
                chars = ahead;
                return decoded;
            }
        }
        Some(char::REPLACEMENT_CHARACTER)
    })
}

/// One unit of BuildKit's byte-wise scans: a byte of valid UTF-8, or a whole mapped raw byte.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ByteUnit {
    /// Offset in the decoded text.
    pub(crate) offset: usize,
    /// The original byte.
    pub(crate) byte: u8,
}

/// Iterates over `text` as BuildKit would see its original bytes.
pub(crate) fn byte_units(text: &str) -> impl Iterator<Item = ByteUnit> + '_ {
    let bytes = text.as_bytes();
    let mut offset = 0;
    std::iter::from_fn(move || {
        let byte = *bytes.get(offset)?;
        // A mapped code point is encoded as F4 8F BA/BB xx.
        if byte == 0xF4 && offset + 4 <= bytes.len() {
            if let Some(c) = text[offset..].chars().next() {
                if let Some(raw) = raw_byte(c) {
                    let unit = ByteUnit { offset, byte: raw };
                    offset += 4;
                    return Some(unit);
                }
            }
        }
        let unit = ByteUnit { offset, byte };
        offset += 1;
        Some(unit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_borrowed() {
        let (text, mapped) = decode_lossless("RUN é".as_bytes());
        assert!(matches!(text, Cow::Borrowed("RUN é")));
        assert!(!mapped);
    }

    #[test]
    fn invalid_bytes_round_trip() {
        let input = b"RUN \xff \xc3 ok \xe2\x82";
        let (text, mapped) = decode_lossless(input);
        assert!(mapped);
        assert_eq!(&*encode_lossless(&text), input);
        let units: Vec<u8> = byte_units(&text).map(|u| u.byte).collect();
        assert_eq!(units, input);
    }

    /// A code point the mapping uses, present in valid input, must not come back as one byte.
    #[test]
    fn mapped_code_points_in_the_input_round_trip() {
        for input in [
            "\u{10FE80}".as_bytes().to_vec(),
            b"RUN \xf4\x8f\xbb\xbf \xff x".to_vec(),
            "\u{10FE7F}\u{10FF00}".as_bytes().to_vec(),
        ] {
            let (text, _) = decode_lossless(&input);
            assert_eq!(&*encode_lossless(&text), input.as_slice());
            let units: Vec<u8> = byte_units(&text).map(|u| u.byte).collect();
            assert_eq!(units, input);
        }
        // Go sees the code point once, and each invalid byte as U+FFFD.
        let (text, _) = decode_lossless(b"\xf4\x8f\xba\x80x\xff\xf4\x8f");
        let seen: String = go_chars(&text).collect();
        assert_eq!(seen, "\u{10FE80}x\u{FFFD}\u{FFFD}\u{FFFD}");
        // Neighbours of the mapped range are ordinary text.
        assert!(matches!(
            decode_lossless("\u{10FE7F}".as_bytes()).0,
            Cow::Borrowed(_)
        ));
    }
}

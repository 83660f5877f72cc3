//! Temporary stand-in until the full BuildKit expansion module lands.
use std::ops::Range;
pub struct VarRef {
    pub name: String,
    pub range: Range<usize>,
}
pub fn find_var_refs(word: &str, _escape: char) -> Vec<VarRef> {
    let b = word.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            let s = i;
            i += 1;
            if i < b.len() && b[i] == b'{' {
                while i < b.len() && b[i] != b'}' {
                    i += 1;
                }
                i = (i + 1).min(b.len());
            } else {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
            }
            if i > s + 1 {
                out.push(VarRef {
                    name: word[s..i].to_string(),
                    range: s..i,
                });
            }
        } else {
            i += 1;
        }
    }
    out
}

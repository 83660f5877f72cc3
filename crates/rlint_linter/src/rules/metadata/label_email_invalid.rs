//! DL3058: an `email` label of the label schema that is not an e-mail address.

use crate::declare_rule;
use crate::rule::Context;
use crate::settings::LabelType;

declare_rule! {
    /// Flags a label of type `email` whose value is not an e-mail address.
    ///
    /// ## What it does
    /// For labels the label schema types as `email`, reports values that are not a plain
    /// RFC 5322 address (`local@domain`): the local part is dot-separated atoms or a quoted
    /// string, the domain dot-separated atoms or a bracketed literal. A display name
    /// (`Jane <jane@example.com>`) is not a plain address.
    ///
    /// ## Why is this bad?
    /// Tools that notify an image's maintainer, or link to them, need an address they can
    /// send to.
    ///
    /// ## Example
    /// With the schema `maintainer: email`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="jane@example.com"
    /// ```
    ///
    /// ## Options
    /// - `label-schema` (map of label name to type): labels of type `email` are checked. The
    ///   rule does nothing while none is configured.
    ///
    /// ## Differences from hadolint
    /// Variables are expanded with the ARG/ENV defaults in scope and values the build passes
    /// are not judged. Empty values are left to `label-empty` (DL3051).
    ///
    /// ## References
    /// - [RFC 5322, section 3.4.1: addr-spec](https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1)
    pub LabelEmailInvalid {
        code: "DL3058",
        name: "label-email-invalid",
        category: Metadata,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3058"),
        locality: Instruction,
    }
}

impl LabelEmailInvalid {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        super::check_typed_labels(ctx, idx, LabelType::Email, is_email, |key, _| {
            format!("label `{key}` is not an e-mail address: use a plain address, like `jane@example.com`")
        });
    }
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// Atoms separated by single dots.
fn is_dot_atom(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

/// `"..."` with printable characters, spaces and backslash pairs inside.
fn is_quoted_string(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return false;
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if !chars
                    .next()
                    .is_some_and(|n| n == ' ' || n.is_ascii_graphic())
                {
                    return false;
                }
            }
            '"' => return false,
            c if c == ' ' || c == '\t' || c.is_ascii_graphic() => {}
            _ => return false,
        }
    }
    true
}

fn is_domain_literal(text: &str) -> bool {
    text.strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .is_some_and(|inner| {
            inner
                .chars()
                .all(|c| c.is_ascii_graphic() && !"[]\\".contains(c))
        })
}

/// Whether `text` is an RFC 5322 `addr-spec`.
fn is_email(text: &str) -> bool {
    let Some(at) = text.rfind('@') else {
        return false;
    };
    let (local, domain) = (&text[..at], &text[at + 1..]);
    let local_ok = is_dot_atom(local) || is_quoted_string(local);
    let domain_ok = is_dot_atom(domain) || is_domain_literal(domain);
    local_ok && domain_ok && local.len() <= 64 && text.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_addresses() {
        for ok in [
            "a@b.c",
            "a@b",
            "a.b+c@example.com",
            "\"a b\"@example.com",
            "a@[1.2.3.4]",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "Jane <a@b.c>",
            "a..b@example.com",
            "a@",
            "@b.c",
            "a b@c.d",
            "plain",
            ".a@b.c",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn reports_bad_addresses() {
        let text = "FROM alpine:3.20\nLABEL who=\"Jane <jane@example.com>\" who=jane@example.com\n";
        assert_eq!(
            super::super::check_with_schema("DL3058", &[("who", LabelType::Email)], text),
            ["\"Jane <jane@example.com>\": label `who` is not an e-mail address: use a plain address, like `jane@example.com`"]
        );
    }
}

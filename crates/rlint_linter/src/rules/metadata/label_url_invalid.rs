//! DL3052: a `url` label of the label schema that is not an absolute URL.

use crate::declare_rule;
use crate::rule::Context;
use crate::settings::LabelType;

declare_rule! {
    /// Flags a label of type `url` whose value is not an absolute URL.
    ///
    /// ## What it does
    /// For labels the label schema types as `url`, reports values that are not an absolute
    /// URI (RFC 3986): a scheme (`https:`), then only characters a URI may contain, with `%`
    /// followed by two hex digits.
    ///
    /// ## Why is this bad?
    /// Tools turn labels such as `org.opencontainers.image.source` into links and use them to
    /// find the source of an image; `www.example.com` (no scheme) or a value with spaces
    /// does not resolve.
    ///
    /// ## Example
    /// With the schema `org.opencontainers.image.url: url`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.url="www.example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.url="https://www.example.com"
    /// ```
    ///
    /// ## Options
    /// - `label-schema` (map of label name to type): labels of type `url` are checked. The
    ///   rule does nothing while none is configured.
    ///
    /// ## Differences from hadolint
    /// Variables are expanded with the ARG/ENV defaults in scope; a value that depends on an
    /// ARG without default (passed by the build) is not judged, where hadolint reports the
    /// text `${URL}` itself. Empty values are left to `label-empty` (DL3051).
    ///
    /// ## References
    /// - [RFC 3986: URI generic syntax](https://www.rfc-editor.org/rfc/rfc3986)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub LabelUrlInvalid {
        code: "DL3052",
        name: "label-url-invalid",
        category: Metadata,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3052"),
        locality: Instruction,
    }
}

impl LabelUrlInvalid {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        super::check_typed_labels(ctx, idx, LabelType::Url, is_absolute_uri, |key, _| {
            format!(
                "label `{key}` is not an absolute URL: write it with a scheme, like `https://...`"
            )
        });
    }
}

/// Whether `text` is an absolute URI: `scheme:` followed by URI characters only.
fn is_absolute_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        if !allowed {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_absolute_uris() {
        for ok in [
            "https://example.com",
            "mailto:a@b.c",
            "http://[::1]/",
            "https://x.org/a%20b?q=1#f",
        ] {
            assert!(is_absolute_uri(ok), "{ok}");
        }
        for bad in [
            "www.example.com",
            "${URL}",
            "https://example.com/a b",
            "git@github.com:a/b.git",
            "https://example.com/%zz",
            "1http://x",
        ] {
            assert!(!is_absolute_uri(bad), "{bad}");
        }
    }

    #[test]
    fn reports_bad_url_labels() {
        let text = "FROM alpine:3.20\nARG SRC\nARG DEF=www.x.org\nLABEL u=\"www.example.com\" other=nope u=$SRC\nLABEL u=$DEF u=\"\"\n";
        assert_eq!(
            super::super::check_with_schema("DL3052", &[("u", LabelType::Url)], text),
            [
                "\"www.example.com\": label `u` is not an absolute URL: write it with a scheme, like `https://...`",
                "$DEF: label `u` is not an absolute URL: write it with a scheme, like `https://...`",
            ]
        );
    }
}

//! DL3048: LABEL keys outside Docker's key conventions.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a LABEL key that does not follow Docker's label key conventions.
    ///
    /// ## What it does
    /// Reports each LABEL key that does not start with a lower-case letter, does not end with
    /// a lower-case letter or digit, contains characters other than `a`–`z`, `0`–`9`, `.`,
    /// `-`, `_` and `/`, contains `..` or `--`, or uses a namespace Docker reserves
    /// (`com.docker.`, `io.docker.`, `org.dockerproject.`).
    ///
    /// ## Why is this bad?
    /// Tools that read image metadata expect reverse-DNS keys in lower case
    /// (`org.opencontainers.image.source`). A key such as `Maintainer` or `build date` is easy
    /// to mistype when querying (`docker inspect`, registry filters are case-sensitive), and the
    /// reserved namespaces belong to Docker itself.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL Maintainer="jane@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="jane@example.com"
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each invalid key is reported at its own position, with the reason; hadolint reports
    /// the LABEL instruction once. Variables in keys are expanded as BuildKit expands them
    /// (with the ARG/ENV defaults in scope); a key that depends on a value the build passes
    /// is not judged, where hadolint reports every key containing `$`.
    ///
    /// ## References
    /// - [Docker object labels: key format recommendations](https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub LabelKeyInvalid {
        code: "DL3048",
        name: "label-key-invalid",
        category: Metadata,
        severity: Style,
        fix: None,
        source: Hadolint("DL3048"),
        locality: Instruction,
    }
}

impl LabelKeyInvalid {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        for pair in super::label_pairs_at(ctx.model, idx) {
            if let Some(problem) = key_problem(&pair.key) {
                ctx.report(
                    pair.key_range,
                    format!("label key `{}` {problem}", pair.key),
                );
            }
        }
    }
}

/// Why `key` breaks the conventions, or `None` when it follows them.
pub(crate) fn key_problem(key: &str) -> Option<&'static str> {
    let is_valid_char = |c: char| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '/')
    };
    if key.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("has upper-case letters: use lower-case reverse-DNS keys");
    }
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("must start with a lower-case letter");
    }
    if !key.chars().all(is_valid_char) {
        return Some("may only contain `a-z`, `0-9`, `.`, `-`, `_` and `/`");
    }
    if !key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return Some("must end with a lower-case letter or a digit");
    }
    if key.contains("..") || key.contains("--") {
        return Some("must not contain `..` or `--`");
    }
    if ["com.docker.", "io.docker.", "org.dockerproject."]
        .iter()
        .any(|ns| key.starts_with(ns))
    {
        return Some("uses a namespace reserved by Docker");
    }
    None
}

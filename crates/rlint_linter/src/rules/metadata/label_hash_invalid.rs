//! DL3055: a `hash` label of the label schema that is not a git commit hash.

use crate::declare_rule;
use crate::rule::Context;
use crate::settings::LabelType;

declare_rule! {
    /// Flags a label of type `hash` whose value is not a git commit hash.
    ///
    /// ## What it does
    /// For labels the label schema types as `hash`, reports values that are not a git object
    /// name in lower-case hex: an abbreviation of 7 to 40 characters, or a full SHA-1
    /// (40) or SHA-256 (64) name.
    ///
    /// ## Why is this bad?
    /// `org.opencontainers.image.revision` ties an image to the commit it was built from; a
    /// branch name or a placeholder cannot be looked up and moves over time.
    ///
    /// ## Example
    /// With the schema `org.opencontainers.image.revision: hash`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="main"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="3f786850e387550fdab836ed7e6dc881de23001b"
    /// ```
    ///
    /// ## Options
    /// - `label-schema` (map of label name to type): labels of type `hash` are checked. The
    ///   rule does nothing while none is configured.
    ///
    /// ## Differences from hadolint
    /// hadolint accepts exactly 7 or 40 characters, so the longer abbreviations git prints in
    /// large repositories (`git rev-parse --short` gives 12 in the Linux kernel) and SHA-256
    /// repositories are reported; rlint accepts them. Variables are expanded with the ARG/ENV
    /// defaults in scope and values the build passes are not judged. Empty values are left to
    /// `label-empty` (DL3051).
    ///
    /// ## References
    /// - [git: naming revisions](https://git-scm.com/docs/gitrevisions)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub LabelHashInvalid {
        code: "DL3055",
        name: "label-hash-invalid",
        category: Metadata,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3055"),
        locality: Instruction,
    }
}

impl LabelHashInvalid {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        super::check_typed_labels(ctx, idx, LabelType::Hash, is_git_hash, |key, _| {
            format!(
                "label `{key}` is not a git commit hash: use 7 to 40 (or 64) lower-case hex digits"
            )
        });
    }
}

fn is_git_hash(text: &str) -> bool {
    let is_hex = text
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    is_hex && ((7..=40).contains(&text.len()) || text.len() == 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_git_hashes() {
        for ok in [
            "abcdef1",
            "abcdef123456",
            "3f786850e387550fdab836ed7e6dc881de23001b",
        ] {
            assert!(is_git_hash(ok), "{ok}");
        }
        for bad in [
            "abcdef",
            "ABCDEF1",
            "main",
            "v1.2.3",
            "3f786850e387550fdab836ed7e6dc881de23001b0",
        ] {
            assert!(!is_git_hash(bad), "{bad}");
        }
    }

    #[test]
    fn reports_bad_hashes() {
        let text = "FROM alpine:3.20\nLABEL rev=main rev=abcdef1\n";
        assert_eq!(
            super::super::check_with_schema("DL3055", &[("rev", LabelType::Hash)], text),
            ["main: label `rev` is not a git commit hash: use 7 to 40 (or 64) lower-case hex digits"]
        );
    }
}

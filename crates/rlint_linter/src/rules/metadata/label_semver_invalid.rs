//! DL3056: a `semver` label of the label schema that is not a SemVer 2.0 version.

use crate::declare_rule;
use crate::rule::Context;
use crate::settings::LabelType;

declare_rule! {
    /// Flags a label of type `semver` whose value is not a semantic version.
    ///
    /// ## What it does
    /// For labels the label schema types as `semver`, reports values that are not a SemVer
    /// 2.0.0 version: `MAJOR.MINOR.PATCH`, an optional `-pre.release` and an optional
    /// `+build` part, numbers without leading zeros.
    ///
    /// ## Why is this bad?
    /// Tools compare `org.opencontainers.image.version` to order releases and pick updates;
    /// `v1.2`, `latest` or `1.02.0` do not compare the way people expect.
    ///
    /// ## Example
    /// With the schema `org.opencontainers.image.version: semver`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="v1.2"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.2.0"
    /// ```
    ///
    /// ## Options
    /// - `label-schema` (map of label name to type): labels of type `semver` are checked. The
    ///   rule does nothing while none is configured.
    ///
    /// ## Differences from hadolint
    /// Leading zeros (`01.2.3`, `1.2.3-01`), which SemVer forbids, are reported; hadolint
    /// accepts them. Variables are expanded with the ARG/ENV defaults in scope and values
    /// the build passes are not judged. Empty values are left to `label-empty` (DL3051).
    ///
    /// ## References
    /// - [Semantic Versioning 2.0.0](https://semver.org/spec/v2.0.0.html)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub LabelSemverInvalid {
        code: "DL3056",
        name: "label-semver-invalid",
        category: Metadata,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3056"),
        locality: Instruction,
    }
}

impl LabelSemverInvalid {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        super::check_typed_labels(ctx, idx, LabelType::Semver, is_semver, |key, _| {
            format!(
                "label `{key}` is not a semantic version: use `MAJOR.MINOR.PATCH`, like `1.2.0`"
            )
        });
    }
}

/// A numeric identifier: digits, no leading zero.
fn is_number(part: &str) -> bool {
    !part.is_empty()
        && part.bytes().all(|b| b.is_ascii_digit())
        && (part == "0" || !part.starts_with('0'))
}

fn is_identifier(part: &str) -> bool {
    !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Whether `text` is a SemVer 2.0.0 version.
fn is_semver(text: &str) -> bool {
    let (rest, build) = match text.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let core_ok = {
        let parts: Vec<&str> = core.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| is_number(p))
    };
    let pre_ok = pre.is_none_or(|pre| {
        pre.split('.')
            .all(|p| is_identifier(p) && (!p.bytes().all(|b| b.is_ascii_digit()) || is_number(p)))
    });
    let build_ok = build.is_none_or(|build| build.split('.').all(is_identifier));
    core_ok && pre_ok && build_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_semantic_versions() {
        for ok in [
            "1.2.3",
            "0.0.0",
            "1.2.3-rc.1+build.5",
            "1.0.0-alpha-1",
            "1.0.0+001",
            "10.20.30-0a",
        ] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in [
            "1.2",
            "v1.2.3",
            "01.2.3",
            "1.2.3-01",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-a..b",
            "latest",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    #[test]
    fn reports_bad_versions() {
        let text = "FROM alpine:3.20\nARG VERSION=1.4.0\nLABEL version=v1.2 version=$VERSION\n";
        assert_eq!(
            super::super::check_with_schema("DL3056", &[("version", LabelType::Semver)], text),
            ["v1.2: label `version` is not a semantic version: use `MAJOR.MINOR.PATCH`, like `1.2.0`"]
        );
    }
}

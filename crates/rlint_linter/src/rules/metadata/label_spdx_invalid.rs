//! DL3054: an `spdx` label of the label schema that is not an SPDX license expression.

use crate::declare_rule;
use crate::rule::Context;
use crate::settings::LabelType;

declare_rule! {
    /// Flags a label of type `spdx` whose value is not an SPDX license expression.
    ///
    /// ## What it does
    /// For labels the label schema types as `spdx`, reports values that are not a valid SPDX
    /// license expression: license identifiers from the SPDX list (optionally with `+`),
    /// `LicenseRef-...` references, combined with `AND`, `OR`, `WITH <exception>` and
    /// parentheses.
    ///
    /// ## Why is this bad?
    /// `org.opencontainers.image.licenses` is defined as an SPDX license expression.
    /// Compliance scanners match identifiers exactly; `Apache 2`, `GPLv3` or `BSD` cannot be
    /// matched to a license text.
    ///
    /// ## Example
    /// With the schema `org.opencontainers.image.licenses: spdx`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache 2"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="MIT OR Apache-2.0"
    /// ```
    ///
    /// ## Options
    /// - `label-schema` (map of label name to type): labels of type `spdx` are checked. The
    ///   rule does nothing while none is configured.
    ///
    /// ## Differences from hadolint
    /// hadolint accepts one bare identifier from an older license list, so expressions that
    /// the OCI annotation explicitly allows (`MIT OR Apache-2.0`, `GPL-2.0-only WITH
    /// Classpath-exception-2.0`), `LicenseRef-` references, the `+` suffix, deprecated but
    /// valid identifiers (`GPL-2.0`) and lower-case spellings are all reported by hadolint and
    /// accepted by rlint, which follows the SPDX specification (identifiers compare
    /// case-insensitively). Variables are expanded with the ARG/ENV defaults in scope and
    /// values the build passes are not judged. Empty values are left to `label-empty`
    /// (DL3051).
    ///
    /// ## References
    /// - [SPDX license expressions](https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/)
    /// - [SPDX license list](https://spdx.org/licenses/)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub LabelSpdxInvalid {
        code: "DL3054",
        name: "label-spdx-invalid",
        category: Metadata,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3054"),
        locality: Instruction,
    }
}

impl LabelSpdxInvalid {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        super::check_typed_labels(ctx, idx, LabelType::Spdx, is_spdx_expression, |key, _| {
            format!("label `{key}` is not an SPDX license expression: use identifiers from spdx.org/licenses, like `Apache-2.0`")
        });
    }
}

/// Splits an expression into words and parentheses.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c == '(' || c == ')' {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            if c != ' ' && !c.is_whitespace() {
                out.push(&text[i..i + 1]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn is_idstring(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

fn is_license_ref(text: &str) -> bool {
    let text = match text.split_once(':') {
        Some((document, rest)) => {
            let ok = document
                .strip_prefix("DocumentRef-")
                .is_some_and(is_idstring);
            if !ok {
                return false;
            }
            rest
        }
        None => text,
    };
    text.strip_prefix("LicenseRef-").is_some_and(is_idstring)
}

fn is_license(word: &str) -> bool {
    let id = word.strip_suffix('+').unwrap_or(word);
    is_license_ref(word)
        || super::spdx_ids::LICENSE_IDS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(id))
}

fn is_exception(word: &str) -> bool {
    word.strip_prefix("AdditionRef-").is_some_and(is_idstring)
        || super::spdx_ids::EXCEPTION_IDS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(word))
}

/// A recursive-descent reader of `expr := and (OR and)*`, `and := with (AND with)*`,
/// `with := atom (WITH exception)?`, `atom := license | '(' expr ')'`.
struct Parser<'a> {
    tokens: Vec<&'a str>,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.tokens.get(self.pos).copied()
    }

    fn eat_operator(&mut self, upper: &str) -> bool {
        let is_op = self
            .peek()
            .is_some_and(|t| t == upper || t == upper.to_ascii_lowercase());
        if is_op {
            self.pos += 1;
        }
        is_op
    }

    fn expr(&mut self) -> bool {
        if !self.and() {
            return false;
        }
        while self.eat_operator("OR") {
            if !self.and() {
                return false;
            }
        }
        true
    }

    fn and(&mut self) -> bool {
        if !self.with() {
            return false;
        }
        while self.eat_operator("AND") {
            if !self.with() {
                return false;
            }
        }
        true
    }

    fn with(&mut self) -> bool {
        if !self.atom() {
            return false;
        }
        if self.eat_operator("WITH") {
            let Some(exception) = self.peek() else {
                return false;
            };
            self.pos += 1;
            return is_exception(exception);
        }
        true
    }

    fn atom(&mut self) -> bool {
        let Some(token) = self.peek() else {
            return false;
        };
        self.pos += 1;
        if token == "(" {
            return self.expr() && self.peek() == Some(")") && {
                self.pos += 1;
                true
            };
        }
        is_license(token)
    }
}

/// Whether `text` is an SPDX license expression.
fn is_spdx_expression(text: &str) -> bool {
    let mut parser = Parser {
        tokens: tokens(text),
        pos: 0,
    };
    parser.expr() && parser.pos == parser.tokens.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_license_expressions() {
        for ok in [
            "MIT",
            "mit",
            "MIT OR Apache-2.0",
            "GPL-2.0",
            "GPL-2.0+",
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "(MIT AND BSD-3-Clause) OR Apache-2.0",
            "LicenseRef-acme",
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
            "mit or apache-2.0",
        ] {
            assert!(is_spdx_expression(ok), "{ok}");
        }
        for bad in [
            "Foo",
            "Apache 2",
            "GPLv3",
            "MIT OR",
            "(MIT",
            "MIT)",
            "MIT WITH Foo",
            "MIT Or Apache-2.0",
            "",
        ] {
            assert!(!is_spdx_expression(bad), "{bad}");
        }
    }

    #[test]
    fn reports_bad_licenses() {
        let text = "FROM alpine:3.20\nLABEL license=\"Apache 2\" license=\"MIT OR Apache-2.0\"\n";
        assert_eq!(
            super::super::check_with_schema("DL3054", &[("license", LabelType::Spdx)], text),
            ["\"Apache 2\": label `license` is not an SPDX license expression: use identifiers from spdx.org/licenses, like `Apache-2.0`"]
        );
    }
}

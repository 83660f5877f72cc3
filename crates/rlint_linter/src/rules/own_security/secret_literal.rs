//! RL6003: credentials written literally into the Dockerfile.

use crate::declare_rule;
use crate::rule::Context;
use memchr::memmem;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::{TextRange, TextSize};
use std::sync::LazyLock;

declare_rule! {
    /// Flags literal credentials in `ENV`, `ARG`, `LABEL` and `RUN`.
    ///
    /// ## What it does
    /// Looks for the shapes of well-known credentials in these instructions (heredoc bodies
    /// included): AWS access key ids (`AKIA`/`ASIA` and 16 more characters), GitHub tokens
    /// (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), GitLab personal access tokens
    /// (`glpat-`), Slack tokens (`xoxb-`, `xoxp-`, ...), Stripe live keys (`sk_live_`,
    /// `rk_live_`), Google API keys (`AIza` and 35 more characters) and private-key PEM headers.
    /// Values that are obviously placeholders (`AKIAIOSFODNN7EXAMPLE`, runs of `x` or `0`,
    /// `...EXAMPLE...`) are skipped. The finding covers the literal; the message shows only
    /// its first characters.
    ///
    /// ## Why is this bad?
    /// Every `ENV`, `ARG` and `LABEL` value and every `RUN` command line is stored in the image
    /// history and configuration (`docker history --no-trunc`, `docker inspect`), and the
    /// Dockerfile itself usually sits in a repository. Anyone who can pull the image or read the
    /// repository gets the credential, and deleting it in a later step does not remove it from
    /// earlier layers.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV GITHUB_TOKEN=ghp_Q8zT3mK9vL2xN7bR4cW1yH6jF0dS5aP8eG3u
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN ./fetch-deps.sh
    /// ```
    ///
    /// ## Known problems
    /// Only the listed shapes are found: passwords and generic API keys have no recognisable
    /// shape. Revoke any credential this rule finds; removing it from the file is not enough.
    ///
    /// ## References
    /// - [Build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [GitHub token formats](https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/)
    pub SecretLiteral {
        code: "RL6003",
        name: "secret-literal",
        category: Security,
        severity: Error,
        fix: None,
        source: Rlint,
        locality: Instruction,
    }
}

/// A credential found in a text: byte range and what it is.
pub(crate) struct Secret {
    pub range: std::ops::Range<usize>,
    pub kind: &'static str,
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Length of the run of bytes matching `pred` starting at `from`.
fn run_len(bytes: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> usize {
    bytes[from.min(bytes.len())..]
        .iter()
        .take_while(|&&b| pred(b))
        .count()
}

/// Whether a candidate is an obvious placeholder.
fn is_placeholder(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    [
        "example",
        "xxxxxx",
        "000000",
        "placeholder",
        "your",
        "dummy",
        "fake",
        "sample",
        "redacted",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || {
            // A body of one repeated character (`ghp_aaaa...`).
            let body = token.rsplit(['_', '-']).next().unwrap_or(token);
            let first = body.bytes().next();
            body.len() > 4 && body.bytes().all(|b| Some(b) == first)
        }
}

/// Whether `text` holds one of the prefixes [`find_secrets`] looks for (it may say yes for a
/// few texts that do not: `find_secrets` then finds nothing). Most text holds none, and this
/// runs over every RUN, ENV, ARG and LABEL: seven passes over the text where a search per prefix
/// took fourteen. `AKIA`, `ASIA` and `AIza` share a search for `A`; `ghp_`, `gho_`, `ghu_`,
/// `ghs_` and `ghr_` one for `gh`; `sk_live_` and `rk_live_` one for `_live_`; `github_pat_`,
/// `glpat-`, `xox` and `-----BEGIN ` have their own. The tests hold the whole list.
fn may_hold_marker(text: &str) -> bool {
    static FINDERS: LazyLock<[memmem::Finder<'static>; 6]> = LazyLock::new(|| {
        [
            "gh",
            "github_pat_",
            "glpat-",
            "xox",
            "_live_",
            "-----BEGIN ",
        ]
        .map(memmem::Finder::new)
    });
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'A', bytes)
        .any(|at| matches!(bytes.get(at + 1..at + 4), Some(b"KIA" | b"SIA" | b"Iza")))
        || FINDERS[0].find_iter(bytes).any(|at| {
            matches!(
                bytes.get(at + 2..at + 4),
                Some([b'p' | b'o' | b'u' | b's' | b'r', b'_'])
            )
        })
        || FINDERS[1..]
            .iter()
            .any(|finder| finder.find(bytes).is_some())
}

/// Credentials in `text`.
pub(crate) fn find_secrets(text: &str) -> Vec<Secret> {
    // Most text holds no secret prefix at all: rule it out before walking it byte by byte.
    if !may_hold_marker(text) {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let at_boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let rest = &text[i..];
        let mut found: Option<(usize, &'static str)> = None;
        if at_boundary {
            if rest.starts_with("AKIA") || rest.starts_with("ASIA") {
                let n = run_len(bytes, i + 4, |b| {
                    b.is_ascii_uppercase() || b.is_ascii_digit()
                });
                let after = bytes.get(i + 4 + n).copied();
                if n == 16 && !after.is_some_and(|b| b.is_ascii_alphanumeric()) {
                    found = Some((20, "an AWS access key id"));
                }
            } else if let Some(prefix) = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]
                .iter()
                .find(|p| rest.starts_with(**p))
            {
                let n = run_len(bytes, i + prefix.len(), |b| b.is_ascii_alphanumeric());
                if (36..=255).contains(&n) {
                    found = Some((prefix.len() + n, "a GitHub token"));
                }
            } else if rest.starts_with("github_pat_") {
                let n = run_len(bytes, i + 11, |b| b.is_ascii_alphanumeric() || b == b'_');
                if n >= 60 {
                    found = Some((11 + n, "a GitHub token"));
                }
            } else if rest.starts_with("glpat-") {
                let n = run_len(bytes, i + 6, |b| {
                    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
                });
                if n >= 20 {
                    found = Some((6 + n, "a GitLab token"));
                }
            } else if rest.len() > 5
                && rest.starts_with("xox")
                && b"abprs".contains(&bytes[i + 3])
                && bytes[i + 4] == b'-'
            {
                let n = run_len(bytes, i + 5, |b| b.is_ascii_alphanumeric() || b == b'-');
                let body = &rest[5..5 + n];
                if n >= 20 && body.bytes().filter(u8::is_ascii_digit).count() >= 6 {
                    found = Some((5 + n, "a Slack token"));
                }
            } else if rest.starts_with("sk_live_") || rest.starts_with("rk_live_") {
                let n = run_len(bytes, i + 8, |b| b.is_ascii_alphanumeric());
                if n >= 24 {
                    found = Some((8 + n, "a Stripe live key"));
                }
            } else if rest.starts_with("AIza") {
                let n = run_len(bytes, i + 4, is_token_byte);
                if n == 35 {
                    found = Some((39, "a Google API key"));
                }
            } else if rest.starts_with("-----BEGIN ") {
                let line_end = rest.find(['\n', '"', '\'']).unwrap_or(rest.len());
                let header = &rest[..line_end];
                if let Some(end) = header[11..].find("-----") {
                    let label = &header[11..11 + end];
                    if label.ends_with("PRIVATE KEY") {
                        found = Some((11 + end + 5, "a private key"));
                    }
                }
            }
        }
        match found {
            Some((len, kind)) if !is_placeholder(&text[i..i + len]) => {
                out.push(Secret {
                    range: i..i + len,
                    kind,
                });
                i += len;
            }
            Some((len, _)) => i += len,
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// The first characters of a secret, for messages.
pub(crate) fn masked(secret: &str) -> String {
    let prefix: String = secret.chars().take(6).collect();
    format!("{prefix}…")
}

impl SecretLiteral {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let model = ctx.model;
        let instruction = &model.instructions[idx];
        let inner = match instruction {
            Instruction::Onbuild(onbuild) => onbuild.trigger(),
            other => Some(other.clone()),
        };
        let Some(inner) = inner else {
            return;
        };
        let what = match inner {
            Instruction::Env(_) => "ENV",
            Instruction::Arg(_) => "ARG",
            Instruction::Label(_) => "LABEL",
            Instruction::Run(_) => "RUN",
            _ => return,
        };
        // The whole instruction, heredoc bodies included (ONBUILD owns its trigger's).
        let text = ctx.model.text_of(instruction);
        let start = instruction.syntax().text_range().start();
        for secret in find_secrets(text) {
            let literal = &text[secret.range.clone()];
            let range = TextRange::new(
                start + TextSize::from(secret.range.start as u32),
                start + TextSize::from(secret.range.end as u32),
            );
            let kind = secret.kind;
            let shown = masked(literal);
            ctx.report(
                range,
                format!(
                    "{what} contains {kind} (`{shown}`) that ends up in the image history: revoke it and pass it with `RUN --mount=type=secret`"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::may_hold_marker;

    /// The prefixes `find_secrets` looks for.
    const MARKERS: [&str; 14] = [
        "AKIA",
        "ASIA",
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "github_pat_",
        "glpat-",
        "xox",
        "sk_live_",
        "rk_live_",
        "AIza",
        "-----BEGIN ",
    ];

    #[test]
    fn the_prefilter_misses_no_marker() {
        for marker in MARKERS {
            for text in [
                marker.to_string(),
                format!("RUN echo {marker}"),
                format!("x{marker}y and more"),
                format!("A gh _live {marker}"),
            ] {
                assert!(may_hold_marker(&text), "{text:?}");
            }
        }
        // Near misses of every group.
        for text in [
            "",
            "apt-get install -y light ghost",
            "A AK AKI ASI AIz ghp gh_ github_pa glpat xo _live -----BEGIN",
            "PATH=/usr/local/bin:$PATH LANG=C.UTF-8",
        ] {
            let exact = MARKERS.iter().any(|m| text.contains(m));
            assert_eq!(may_hold_marker(text), exact, "{text:?}");
        }
    }
}

//! RL6006: remote files added without a checksum.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags `ADD https://...` without `--checksum`.
    ///
    /// ## What it does
    /// Reports each HTTP(S) source of an `ADD` that has no `--checksum` flag. Sources built
    /// from ARG or ENV values are resolved first. Git sources (`https://.../repo.git`,
    /// `git@...`) are not reported: `--checksum` does not apply to them. Nor is a download
    /// that one of the next three instructions of the stage verifies by hand (`sha256sum`,
    /// `gpg --verify`, PowerShell's `Get-FileHash`).
    ///
    /// ## Why is this bad?
    /// `ADD` downloads the URL at build time and stores whatever the server returns in the
    /// image. Without `--checksum=sha256:...`, BuildKit accepts any content: a changed release
    /// asset, a compromised server or a man-in-the-middle gives a different image from the same
    /// Dockerfile, and nothing fails. With `--checksum`, BuildKit verifies the download's
    /// digest and stops the build on a mismatch.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
    /// ```
    ///
    /// ## Known problems
    /// `ADD --checksum` needs the Dockerfile frontend 1.6 or later; older builders reject the
    /// flag. A hand-written check in a later `RUN` is accepted without checking that it covers
    /// the added file.
    ///
    /// ## References
    /// - [Dockerfile reference: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    pub AddUrlWithoutChecksum {
        code: "RL6006",
        name: "add-url-without-checksum",
        category: Security,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

/// Whether an ADD source is a plain HTTP(S) download (not a git repository).
pub(crate) fn is_http_download(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return false;
    }
    let path = lower.split(['?', '#']).next().unwrap_or(&lower);
    !(path.ends_with(".git") || lower.contains(".git#"))
}

/// Whether one of the next instructions of the stage checks a digest or signature by hand
/// (`sha256sum -c`, `gpg --verify`, PowerShell's `Get-FileHash`): the download is verified.
fn verified_by_next_runs(model: &crate::model::Model, idx: usize) -> bool {
    let stage = model.stage_of.get(idx).copied().flatten();
    model
        .instructions
        .iter()
        .enumerate()
        .skip(idx + 1)
        .take(3)
        .take_while(|(i, _)| model.stage_of.get(*i).copied().flatten() == stage)
        .any(|(_, instruction)| {
            matches!(instruction, Instruction::Run(_)) && {
                let text = rlint_syntax::ast::AstNode::syntax(instruction)
                    .to_string()
                    .to_ascii_lowercase();
                [
                    "sha256sum",
                    "sha512sum",
                    "sha1sum",
                    "shasum",
                    "get-filehash",
                    "gpg --verify",
                    "gpg --batch --verify",
                    "cosign verify",
                    "minisign",
                ]
                .iter()
                .any(|w| text.contains(w))
            }
        })
}

impl AddUrlWithoutChecksum {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        for idx in model.stage_span(stage) {
            let instruction = &model.instructions[idx];
            let inner = match instruction {
                Instruction::Onbuild(onbuild) => onbuild.trigger(),
                other => Some(other.clone()),
            };
            let Some(inner @ Instruction::Add(add)) = &inner else {
                continue;
            };
            if inner.flag("--checksum").is_some() {
                continue;
            }
            if verified_by_next_runs(model, idx) {
                continue;
            }
            let paths = add.paths();
            let Some((_, sources)) = paths.split_last() else {
                continue;
            };
            let scope = model.scope_at(idx);
            for (raw, range) in sources {
                let unquoted = rlint_syntax::ast::unquote(raw, model.escape).into_owned();
                let value = scope
                    .expand(raw, model.escape)
                    .known()
                    .map_or(unquoted, str::to_string);
                if !is_http_download(&value) {
                    continue;
                }
                ctx.report(
                    *range,
                    "remote file added without a checksum: add `--checksum=sha256:<digest>` so BuildKit verifies the download",
                );
            }
        }
    }
}

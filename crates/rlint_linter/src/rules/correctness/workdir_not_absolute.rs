//! DL3000: WORKDIR paths that are not absolute.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::{unquote, AstNode, Instruction};

declare_rule! {
    /// Flags a `WORKDIR` whose path is relative.
    ///
    /// ## What it does
    /// Reports `WORKDIR` when its path does not start with `/`, a variable (`$HOME`,
    /// `${APP_DIR}`) or a Windows drive (`C:`).
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` is resolved against whatever working directory the stage inherited,
    /// often one set by the base image. The resulting path changes silently when the base image
    /// or an earlier `WORKDIR` changes, and readers cannot tell where files end up.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// WORKDIR app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// WORKDIR /app
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    pub WorkdirNotAbsolute {
        code: "DL3000",
        name: "workdir-not-absolute",
        category: Correctness,
        severity: Error,
        fix: None,
        source: Hadolint("DL3000"),
        locality: Instruction,
    }
}

impl WorkdirNotAbsolute {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let instruction = &ctx.model.instructions[idx];
        let Instruction::Workdir(_) = instruction else {
            return;
        };
        let arguments: Vec<_> = instruction.arguments().collect();
        let (Some(first), Some(last)) = (arguments.first(), arguments.last()) else {
            return;
        };
        let path = unquote(&first.text().text, ctx.model.escape).into_owned();
        if is_absolute(&path) {
            return;
        }
        let range = first
            .syntax()
            .text_range()
            .cover(last.syntax().text_range());
        ctx.report(
            range,
            format!("WORKDIR `{path}` is relative: use an absolute path"),
        );
    }
}

/// Whether a path is absolute, a variable (unknowable here) or a Windows drive path.
pub(crate) fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('$')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

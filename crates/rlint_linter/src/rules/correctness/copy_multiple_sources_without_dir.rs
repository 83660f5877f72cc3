//! DL3021: COPY of several sources to a destination that does not end in `/`.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use rlint_syntax::ast::{unquote, Command, Instruction};
use rlint_syntax::{TextRange, TextSize};

declare_rule! {
    /// Flags `COPY` of several sources whose destination does not end in `/`.
    ///
    /// ## What it does
    /// Reports the destination of a `COPY` with more than one source (a glob counts as one
    /// source, a heredoc as one) when it does not end with `/`.
    ///
    /// ## Why is this bad?
    /// With several sources the destination must be a directory, and Docker's reference says
    /// it must end with `/`. The legacy builder refuses to build otherwise, and a reader cannot
    /// tell whether a file or a directory was meant.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY package.json package-lock.json /app/
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `/` to the destination. It is safe: with several sources the
    /// destination can only be a directory.
    ///
    /// ## Differences from hadolint
    /// A heredoc next to file sources (`COPY <<EOT extra.txt /etc/conf`) counts as one source
    /// among the others, as BuildKit reads it; hadolint's parser takes the file for the
    /// destination there.
    ///
    /// ## References
    /// - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    pub CopyMultipleSourcesWithoutDir {
        code: "DL3021",
        name: "copy-multiple-sources-without-dir",
        category: Correctness,
        severity: Error,
        fix: Safe,
        source: Hadolint("DL3021"),
        locality: Instruction,
    }
}

impl CopyMultipleSourcesWithoutDir {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let instruction = &ctx.model.instructions[idx];
        let Instruction::Copy(_) = instruction else {
            return;
        };
        let paths = copy_paths(instruction, ctx.model.escape);
        let Some(dest) = paths.last() else {
            return;
        };
        let n_sources = paths.len() - 1;
        if n_sources < 2 || dest.value.is_empty() || dest.value.ends_with('/') {
            return;
        }
        // Insert before a closing quote (quoted word or JSON string).
        let at = if dest.quoted_at_end {
            dest.range.end() - TextSize::from(1)
        } else {
            dest.range.end()
        };
        let value = &dest.value;
        ctx.report(
            dest.range,
            format!(
                "COPY of {n_sources} sources needs a directory destination: end `{value}` with `/`"
            ),
        )
        .with_fix(Fix::safe(
            "Append `/` to the destination",
            vec![Edit::insert(at, "/")],
        ));
    }
}

/// A source or destination word of COPY or ADD.
pub(crate) struct CopyPath {
    /// Quotes removed (shell form) or decoded (JSON form).
    pub value: String,
    pub range: TextRange,
    /// Whether the written word ends with a quote.
    pub quoted_at_end: bool,
}

/// Source and destination words of a COPY or ADD, in order (the destination last).
pub(crate) fn copy_paths(instruction: &Instruction, escape: char) -> Vec<CopyPath> {
    let paths = match instruction {
        Instruction::Copy(copy) => copy.paths(),
        Instruction::Add(add) => add.paths(),
        _ => return Vec::new(),
    };
    let exec_form = matches!(instruction.command(), Some(Command::Exec(_)));
    paths
        .into_iter()
        .map(|(raw, range)| CopyPath {
            value: if exec_form {
                raw.clone()
            } else {
                unquote(&raw, escape).into_owned()
            },
            range,
            quoted_at_end: exec_form || raw.ends_with('"') || raw.ends_with('\''),
        })
        .collect()
}

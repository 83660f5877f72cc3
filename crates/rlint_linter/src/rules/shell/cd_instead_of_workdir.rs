//! DL3003: `cd` in RUN instead of WORKDIR.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `cd` in a RUN command.
    ///
    /// ## What it does
    /// Reports every `cd` command in RUN, including inside subshells, `if` bodies, heredoc
    /// scripts and `sh -c` strings.
    ///
    /// ## Why is this bad?
    /// A `cd` only lasts until the end of its RUN, so later instructions silently run in the
    /// previous directory, and long `cd a && ... && cd ../b` chains are hard to follow.
    /// `WORKDIR` sets the directory for every following instruction, creates it if needed,
    /// and documents where the image does its work.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cd /app && make
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// WORKDIR /app
    /// RUN make
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each `cd` is reported at its own position. hadolint does not look into `sh -c "..."`
    /// strings (exec form included), the bodies of `RUN bash <<EOF` heredocs or `ONBUILD RUN`
    /// triggers; rlint does.
    ///
    /// ## References
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    /// - [Docker best practices: WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
    pub CdInsteadOfWorkdir {
        code: "DL3003",
        name: "cd-instead-of-workdir",
        category: Shell,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3003"),
        locality: Instruction,
    }
}

impl CdInsteadOfWorkdir {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("cd") {
            let Some(word) = &command.name else {
                continue;
            };
            ctx.report(
                script.range(&word.range),
                "`cd` only lasts until the end of this RUN: use WORKDIR to change directory",
            );
        }
    }
}

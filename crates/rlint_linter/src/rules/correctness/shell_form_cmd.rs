//! DL3025: CMD, ENTRYPOINT and HEALTHCHECK CMD in shell form.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Command, Instruction};
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` written in shell form.
    ///
    /// ## What it does
    /// Reports a `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD` whose command is not a JSON array.
    /// Broken JSON (single quotes, a missing comma) is shell form too and is reported.
    ///
    /// ## Why is this bad?
    /// In shell form Docker runs the command through `/bin/sh -c`. The shell becomes PID 1 and
    /// does not forward signals, so `docker stop` waits for its timeout and then kills the
    /// process without a clean shutdown. A shell-form `ENTRYPOINT` also ignores `CMD` and the
    /// arguments of `docker run`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// CMD node server.js
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-slim
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// None intended. Like hadolint, `HEALTHCHECK CMD` in shell form is reported although it
    /// has no signal problem, and `ONBUILD CMD` is not checked. BuildKit's
    /// `JSONArgsRecommended` check flags the same `CMD`/`ENTRYPOINT` cases.
    ///
    /// ## Overlaps
    /// BuildKit's `JSONArgsRecommended` check (RL2006) reports the same problem. This rule is on by
    /// default and RL2006 is off, so each problem is reported once; select RL2006 to get BuildKit's
    /// exact wording and scope instead.
    ///
    /// ## References
    /// - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    /// - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    pub ShellFormCmd {
        code: "DL3025",
        name: "shell-form-cmd",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3025"),
        locality: Instruction,
    }
}

impl ShellFormCmd {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let instruction = &ctx.model.instructions[idx];
        let keyword = match instruction {
            Instruction::Cmd(_) => "CMD",
            Instruction::Entrypoint(_) => "ENTRYPOINT",
            Instruction::Healthcheck(_) => "HEALTHCHECK CMD",
            _ => return,
        };
        let Some(Command::Shell(form)) = instruction.command() else {
            return;
        };
        let text = form.text();
        let trimmed = text.text.trim_end();
        if trimmed.trim_start().is_empty() {
            return;
        }
        let start = trimmed.len() - trimmed.trim_start().len();
        let range: TextRange = text.range_to_source(start..trimmed.len());
        let range = range.intersect(form.syntax().text_range()).unwrap_or(range);
        ctx.report(
            range,
            format!("{keyword} in shell form: use the JSON exec form `[\"executable\", \"arg\"]`"),
        );
    }
}

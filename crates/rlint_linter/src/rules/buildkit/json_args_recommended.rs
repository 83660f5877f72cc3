//! RL2006 (BuildKit `JSONArgsRecommended`): `CMD` and `ENTRYPOINT` in shell form.

use crate::declare_rule;
use crate::model::Inherit;
use crate::rule::Context;
use rlint_syntax::ast::{Command, Instruction};

declare_rule! {
    /// Flags `CMD` and `ENTRYPOINT` written in shell form.
    ///
    /// ## What it does
    /// Reports a `CMD` or `ENTRYPOINT` that is not a JSON array, unless a `SHELL` instruction
    /// earlier in the stage or in a stage it is built from chose the shell on purpose. An empty
    /// `CMD` is shell form too. `RUN` and `HEALTHCHECK` are never reported.
    ///
    /// ## Why is this bad?
    /// In shell form the command runs as a child of `/bin/sh -c`, which becomes PID 1 and does
    /// not forward signals: `docker stop` waits for its timeout and then kills the container.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD python app.py
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "app.py"]
    /// ```
    ///
    /// ## Overlaps
    /// hadolint's DL3025 (`shell-form-cmd`) reports the same instructions and is on by default;
    /// this rule is off by default and exists for BuildKit parity (select `RL2006` or
    /// `JSONArgsRecommended`). It differs in staying silent after a `SHELL` and never reporting
    /// `HEALTHCHECK`.
    ///
    /// ## References
    /// - [BuildKit check JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)
    pub JsonArgsRecommended {
        code: "RL2006",
        name: "json-args-recommended",
        category: Correctness,
        severity: Off,
        fix: None,
        source: Buildkit("JSONArgsRecommended"),
        aliases: ["JSONArgsRecommended"],
        locality: Stage,
    }
}

impl JsonArgsRecommended {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let mut shell_set = model.inherits(stage, Inherit::ShellForBuildkit);
        for instruction in model.stage_instructions(stage) {
            let name = match instruction {
                Instruction::Shell(_) => {
                    shell_set = true;
                    continue;
                }
                Instruction::Cmd(_) => "CMD",
                Instruction::Entrypoint(_) => "ENTRYPOINT",
                _ => continue,
            };
            if shell_set || matches!(instruction.command(), Some(Command::Exec(_))) {
                continue;
            }
            let range = match instruction.command() {
                Some(command) => command.syntax().text_range(),
                None => instruction.keyword_range(),
            };
            let range = if range.is_empty() {
                instruction.keyword_range()
            } else {
                range
            };
            ctx.report(
                range,
                format!(
                    "{name} in shell form does not pass signals to the process: use a JSON array"
                ),
            );
        }
    }
}

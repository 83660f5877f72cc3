//! DL3059: consecutive single-command RUN instructions that could be one.

use super::from_shell_string;
use crate::declare_rule;
use crate::model::Run;
use crate::rule::Context;
use rlint_shell::SimpleCommand;
use rlint_syntax::ast::{Command, Instruction};

declare_rule! {
    /// Flags consecutive RUN instructions that each run a single command.
    ///
    /// ## What it does
    /// Reports a RUN that directly follows another RUN (only comments in between) with the
    /// same flags (`--mount`, `--network`, `--security`) when both run a single command. In a
    /// series of such RUNs, each one after the first is reported. A RUN that chains several
    /// commands (`a && b`) is taken as a deliberate layer boundary and ends the series, as
    /// does any other instruction.
    ///
    /// ## Why is this bad?
    /// Every RUN creates a layer and a cache entry. Simple commands in a row are usually one
    /// logical step; merging them gives fewer, smaller layers and lets cleanup in the same
    /// step actually shrink the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app/data
    /// RUN chown nobody /app/data
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app/data \
    ///  && chown nobody /app/data
    /// ```
    ///
    /// ## Differences from hadolint
    /// Same rule as hadolint: only RUNs holding at most one command are merge candidates,
    /// counted as hadolint counts them (commands inside `sh -c "..."` strings and commands
    /// whose name is a variable are not counted). The finding
    /// points at the RUN keyword and notes the RUN it could be merged with.
    ///
    /// ## References
    /// - [Docker best practices: RUN](https://docs.docker.com/build/building/best-practices/#run)
    pub ConsecutiveRun {
        code: "DL3059",
        name: "consecutive-run",
        category: Shell,
        severity: Info,
        fix: None,
        source: Hadolint("DL3059"),
        locality: Stage,
    }
}

/// The RUN that starts a series: its flags, its number of commands, its keyword.
struct Reference {
    /// Sorted, for a RUN of at most one command (the only ones compared).
    flags: Option<Vec<(String, Option<String>)>>,
    n_commands: usize,
    /// The RUN's index; its keyword's range is worked out only for a finding.
    index: usize,
}

impl ConsecutiveRun {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let mut reference: Option<Reference> = None;
        for idx in model.stage_span(stage) {
            let instruction = &model.instructions[idx];
            let Instruction::Run(_) = instruction else {
                reference = None;
                continue;
            };
            let Some(run) = model.run_at(idx).filter(|it| !it.onbuild) else {
                reference = None;
                continue;
            };
            // An unterminated heredoc (RL1003) runs to the end of the file: its commands are not
            // known, so the RUN is compared with nothing.
            if run.unterminated_heredoc {
                reference = None;
                continue;
            }
            let n_commands = count_commands(run);
            // Flags matter only between two one-command RUNs: most RUNs never need them.
            let flags = (n_commands <= 1).then(|| {
                let mut flags: Vec<(String, Option<String>)> = instruction
                    .flags()
                    .map(|it| (it.name(), it.value(model.escape)))
                    .collect();
                flags.sort();
                flags
            });
            let current = Reference {
                flags,
                n_commands,
                index: idx,
            };
            match &reference {
                Some(previous)
                    if previous.n_commands <= 1
                        && current.n_commands <= 1
                        && previous.flags == current.flags =>
                {
                    let keyword = |idx: usize| model.instructions[idx].keyword_range();
                    ctx.report(
                        keyword(current.index),
                        "this RUN and the one before it each run one command: merge them into one RUN",
                    )
                    .with_related(keyword(previous.index), "the RUN to merge with");
                }
                _ => reference = Some(current),
            }
        }
    }
}

/// The number of commands of a RUN as hadolint counts them: the commands with a literal name
/// (`"$TOOL" x` does not count, nor do `[ ... ]` tests) on the command line, those of a heredoc body only for
/// `RUN <<EOF`, none inside `sh -c` strings. A RUN for a shell rlint does not analyse
/// (PowerShell, `cmd`) is still split into commands, as hadolint does.
fn count_commands(run: &Run) -> usize {
    let counts = |commands: &[SimpleCommand]| -> usize {
        commands
            .iter()
            .filter(|it| {
                // ShellCheck parses `[ ... ]` and `[[ ... ]]` as conditions, not commands.
                it.name.as_ref().is_some_and(|name| {
                    !name.raw().contains(['$', '`']) && name.value != "[" && name.value != "[["
                }) && !from_shell_string(it)
            })
            .count()
    };
    if run.scripts.is_empty() {
        return match run.instruction.command() {
            Some(Command::Shell(form)) => {
                counts(&rlint_shell::parse_script(&form.text().text, &|_| None).commands)
            }
            _ => 0,
        };
    }
    let count = |heredoc: bool| -> usize {
        run.scripts
            .iter()
            .filter(|it| it.heredoc == heredoc)
            .map(|it| counts(&it.script.commands))
            .sum()
    };
    match count(false) {
        0 => count(true),
        n => n,
    }
}

//! DL3004: `sudo` in RUN.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags `sudo` in a RUN command.
    ///
    /// ## What it does
    /// Reports each `sudo` that runs a command (`sudo apt-get ...`, `sudo -u app make`) or
    /// is run on its own. Installing the `sudo` package or writing sudoers files is fine.
    ///
    /// ## Why is this bad?
    /// Build steps already run as the user chosen with `USER`, root by default. `sudo` adds an
    /// unpredictable layer: it needs a TTY or sudoers entries, changes the environment, and
    /// leaves a setuid binary that widens the attack surface of the running container. Switch
    /// users with `USER` instead, and use a tool such as `gosu` for a one-off in an
    /// entrypoint.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// USER app
    /// RUN sudo mkdir /data
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir /data && chown app /data
    /// USER app
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each `sudo` is reported at its own position; `/usr/bin/sudo` and `sudo` inside
    /// `sh -c "..."` strings and heredoc scripts are seen.
    ///
    /// ## References
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub SudoInRun {
        code: "DL3004",
        name: "sudo-in-run",
        category: Shell,
        severity: Error,
        fix: None,
        source: Hadolint("DL3004"),
        locality: Instruction,
    }
}

impl SudoInRun {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        // The commands of `sudo sh -c '...'` all carry the outer `sudo`: report it once.
        let mut seen: Vec<TextRange> = Vec::new();
        for (script, command) in run.commands() {
            let wrappers = command
                .wrappers
                .iter()
                .filter(|it| rlint_shell::basename(&it.value) == "sudo");
            let named = command
                .name
                .iter()
                .filter(|it| rlint_shell::basename(&it.value) == "sudo");
            for word in wrappers.chain(named) {
                let range = script.range(&word.range);
                if seen.contains(&range) {
                    continue;
                }
                seen.push(range);
                ctx.report(
                    range,
                    "do not use `sudo` in a build: switch users with USER",
                );
            }
        }
    }
}

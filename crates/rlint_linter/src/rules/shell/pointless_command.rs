//! DL3001: commands that make no sense during an image build.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags commands that make no sense while an image is built.
    ///
    /// ## What it does
    /// Reports RUN commands that inspect or control a running system, or need a terminal:
    /// `free`, `kill`, `mount`, `ps`, `service`, `shutdown`, `ssh`, `top` and `vim`. Commands
    /// are recognised behind `sudo`, `env` or an absolute path; installing a package of that
    /// name or printing the word is fine.
    ///
    /// ## Why is this bad?
    /// A build step runs in a fresh container that is thrown away: there is nothing to
    /// inspect, no service keeps running into the image, no one can type into an editor, and
    /// an SSH session has no place in a reproducible build. Such commands are leftovers of
    /// interactive work, or mistakes about what a Dockerfile does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN service nginx start
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint matches the command name exactly, so `sudo service x start` or `/usr/bin/ps`
    /// go unnoticed; rlint sees them. Each command is reported at its own position.
    ///
    /// ## References
    /// - [Docker best practices: RUN](https://docs.docker.com/build/building/best-practices/#run)
    pub PointlessCommand {
        code: "DL3001",
        name: "pointless-command",
        category: Shell,
        severity: Info,
        fix: None,
        source: Hadolint("DL3001"),
        locality: Instruction,
    }
}

const COMMANDS: &[&str] = &[
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

impl PointlessCommand {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands() {
            let Some(name) = command.name_str() else {
                continue;
            };
            if !COMMANDS.contains(&name) {
                continue;
            }
            let Some(word) = &command.name else {
                continue;
            };
            ctx.report(
                script.range(&word.range),
                format!("`{name}` makes no sense in an image build: remove it"),
            );
        }
    }
}

//! DL3027: the interactive `apt` front end used in a build.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `apt` in RUN; scripts should use `apt-get` or `apt-cache`.
    ///
    /// ## What it does
    /// Reports every command named `apt`, also behind `sudo`, `env` or an absolute path.
    ///
    /// ## Why is this bad?
    /// `apt` is meant for people at a terminal: its output and behaviour may change between
    /// releases, and it warns that it "does not have a stable CLI interface" when used in
    /// scripts. `apt-get` and `apt-cache` keep a stable interface for automation.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt update && apt install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each `apt` command is reported at its name; rlint also sees `sudo apt`,
    /// `/usr/bin/apt` and `bash <<EOF` heredocs.
    ///
    /// ## References
    /// - [apt(8): script usage](https://manpages.debian.org/bookworm/apt/apt.8.en.html#SCRIPT_USAGE_AND_DIFFERENCES_FROM_OTHER_APT_TOOLS)
    pub AptInsteadOfAptGet {
        code: "DL3027",
        name: "apt-instead-of-apt-get",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3027"),
        locality: Instruction,
    }
}

impl AptInsteadOfAptGet {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("apt") {
            let Some(name) = &command.name else {
                continue;
            };
            ctx.report(
                script.range(&name.range),
                "`apt` has no stable interface for scripts: use `apt-get` or `apt-cache`",
            );
        }
    }
}

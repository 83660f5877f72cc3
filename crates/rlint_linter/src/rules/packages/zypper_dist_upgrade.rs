//! DL3035: `zypper dist-upgrade` in a build.

use super::system_packages::command_range;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `zypper dist-upgrade` (`zypper dup`).
    ///
    /// ## What it does
    /// Reports `zypper dist-upgrade` and its short form `dup`.
    ///
    /// ## Why is this bad?
    /// A distribution upgrade inside a build replaces what the base image was tested with,
    /// makes the result depend on the day of the build and can pull in a new release. Pick a
    /// newer base image instead; `zypper update` or `zypper patch` apply fixes within the
    /// release.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper --non-interactive dist-upgrade
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper --non-interactive patch
    /// ```
    ///
    /// ## Differences from hadolint
    /// rlint reports the command itself and also sees `sudo zypper` and `bash <<EOF`
    /// heredocs; a word `dup` elsewhere on the line is not taken for the subcommand.
    ///
    /// ## References
    /// - [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
    pub ZypperDistUpgrade {
        code: "DL3035",
        name: "zypper-dist-upgrade",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3035"),
        locality: Instruction,
    }
}

impl ZypperDistUpgrade {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("zypper") {
            let parsed = command.options();
            let Some(subcommand @ ("dist-upgrade" | "dup")) = parsed.subcommand_str() else {
                continue;
            };
            ctx.report(
                command_range(script, command, parsed),
                format!(
                    "`zypper {subcommand}` upgrades the whole distribution during the build: use a newer base image"
                ),
            );
        }
    }
}

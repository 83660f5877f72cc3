//! DL3034: zypper commands that would stop at a confirmation prompt.

use super::system_packages::{command_range, end_of_verbatim_word, is_fed_by_yes};
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;

declare_rule! {
    /// Flags zypper commands that change packages without `--non-interactive`.
    ///
    /// ## What it does
    /// Reports `zypper install`, `remove`, `source-install` and `patch` (and their short
    /// forms `in`, `rm`, `si`) run without the global `-n`/`--non-interactive` option or the
    /// command's `-y`/`--no-confirm`. A command fed by `yes |` is fine.
    ///
    /// ## Why is this bad?
    /// zypper asks for confirmation before changing packages. A build has no terminal to
    /// answer, so zypper aborts and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper --non-interactive install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-n` right after `zypper`. It is safe: without it the build stops at the
    /// prompt, with it zypper does what the command asked for.
    ///
    /// ## Differences from hadolint
    /// After the subcommand, `-n` means `--name` for `zypper install`, not
    /// `--non-interactive`: rlint accepts `-n` only before the subcommand. rlint accepts
    /// `yes | zypper install`, also sees `sudo zypper` and `bash <<EOF` heredocs, and does not
    /// take a word equal to a subcommand elsewhere on the line (a package named `patch`) for
    /// one.
    ///
    /// ## References
    /// - [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
    pub ZypperMissingNonInteractive {
        code: "DL3034",
        name: "zypper-missing-non-interactive",
        category: Packages,
        severity: Warning,
        fix: Safe,
        source: Hadolint("DL3034"),
        locality: Instruction,
    }
}

impl ZypperMissingNonInteractive {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("zypper") {
            let parsed = command.options();
            let Some((subcommand, sub_range)) = &parsed.subcommand else {
                continue;
            };
            if !matches!(
                subcommand.as_str(),
                "install" | "in" | "remove" | "rm" | "source-install" | "si" | "patch"
            ) {
                continue;
            }
            let answered = parsed
                .options
                .iter()
                .any(|option| match option.name.as_str() {
                    "-n" => option.range.start < sub_range.start,
                    "--non-interactive" | "-y" | "--no-confirm" => true,
                    _ => false,
                });
            if answered || is_fed_by_yes(script, command) {
                continue;
            }
            let fix = command.name.as_ref().and_then(|name| {
                let at = end_of_verbatim_word(ctx.model.text(), script, &name.range, name.raw())?;
                Some(Fix::safe("Add `-n`", vec![Edit::insert(at, " -n")]))
            });
            ctx.report(
                command_range(script, command, parsed),
                format!(
                    "`zypper {subcommand}` without `--non-interactive` stops at a prompt the build cannot answer: add `-n`"
                ),
            )
            .with_fix(fix);
        }
    }
}

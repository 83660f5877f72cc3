//! DL3014: `apt-get install` that would stop at a confirmation prompt.

use super::system_packages::{command_range, insert_after_subcommand, is_fed_by_yes};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `apt-get install` without `-y`.
    ///
    /// ## What it does
    /// Reports `apt-get install` run without an option that answers its prompts: `-y`,
    /// `--yes`, `--assume-yes`, a double quiet (`-qq`, `-q -q`, `-q=2`, `--quiet --quiet`),
    /// or `-o APT::Get::Assume-Yes=true`. A command fed by `yes |` is fine.
    ///
    /// ## Why is this bad?
    /// When apt needs to install more than the named packages it asks for confirmation. A
    /// build has no terminal to answer, so apt aborts and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install --no-install-recommends curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after `install`. It is safe: without it the build stops at the
    /// prompt, with it apt does what the command asked for.
    ///
    /// ## Differences from hadolint
    /// rlint also sees `sudo apt-get`, `/usr/bin/apt-get` and `bash <<EOF` heredocs, and
    /// accepts `-o APT::Get::Assume-Yes=true` and `yes | apt-get install`.
    ///
    /// ## References
    /// - [apt-get(8)](https://manpages.debian.org/bookworm/apt/apt-get.8.en.html)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub AptGetMissingYes {
        code: "DL3014",
        name: "apt-get-missing-yes",
        category: Packages,
        severity: Warning,
        fix: Safe,
        source: Hadolint("DL3014"),
        locality: Instruction,
    }
}

impl AptGetMissingYes {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command, parsed) in run.invocations("apt-get", "install") {
            if assumes_yes(parsed) || is_fed_by_yes(script, command) {
                continue;
            }
            let fix =
                insert_after_subcommand(ctx.model.text(), script, parsed, "-y", true, "Add `-y`");
            ctx.report(
                command_range(script, command, parsed),
                "`apt-get install` without `-y` stops at a prompt the build cannot answer: add `-y`",
            )
            .with_fix(fix);
        }
    }
}

/// Whether apt's options answer yes: `-y`, `--yes`, `--assume-yes`, quiet level 2 or an
/// `APT::Get::Assume-Yes` setting.
fn assumes_yes(parsed: &rlint_shell::ParsedArgs) -> bool {
    if parsed.has(&["-y", "--yes", "--assume-yes"]) {
        return true;
    }
    let mut quiet = 0;
    for option in &parsed.options {
        let value = option.value.as_ref().map(|v| v.value.as_str());
        match (option.name.as_str(), value) {
            ("-q" | "--quiet", None) => quiet += 1,
            ("-q" | "--quiet", Some(level)) => {
                quiet += level.parse::<u32>().unwrap_or(1);
            }
            ("-o" | "--option", Some(setting)) => {
                let (key, value) = setting.split_once('=').unwrap_or((setting, ""));
                if key.eq_ignore_ascii_case("APT::Get::Assume-Yes")
                    && matches!(value.to_ascii_lowercase().as_str(), "true" | "1" | "yes")
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    quiet >= 2
}

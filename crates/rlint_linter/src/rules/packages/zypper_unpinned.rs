//! DL3037: `zypper install` of packages without a version.

use super::system_packages::operand_packages;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `zypper install` of a package without a version constraint.
    ///
    /// ## What it does
    /// Reports each package of `zypper install` (or `in`) written without a version
    /// constraint (`=`, `<`, `>`, as in `curl=8.6.0` or `'curl>=8'`). `.rpm` files are not
    /// reported, nor are patterns, patches or products installed with `-t`/`--type`, nor
    /// option values such as `--from repo`.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the repository offers that day: builds
    /// are not reproducible, and a new package version can break the image without any change
    /// to the Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper --non-interactive install curl && zypper clean
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper --non-interactive install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each unpinned package is reported at its own position. rlint skips `-t pattern`
    /// installs (patterns have no version) and option values, sees `sudo zypper` and
    /// `bash <<EOF` heredocs, and skips a package list held in a variable whose value is
    /// unknown.
    ///
    /// ## References
    /// - [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
    pub ZypperUnpinned {
        code: "DL3037",
        name: "zypper-unpinned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3037"),
        locality: Instruction,
    }
}

impl ZypperUnpinned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("zypper") {
            let parsed = command.options();
            if !matches!(parsed.subcommand_str(), Some("install" | "in")) {
                continue;
            }
            let kind = parsed.value_of(&["-t", "--type"]).map(|v| v.value.as_str());
            if kind.is_some_and(|kind| kind != "package") {
                continue;
            }
            for package in &parsed.operands {
                let Some(values) = operand_packages(script, command, package, false) else {
                    continue;
                };
                for value in &values {
                    if value.is_empty()
                        || value.contains(['=', '<', '>'])
                        || value.ends_with(".rpm")
                    {
                        continue;
                    }
                    ctx.report(
                        script.range(&package.range),
                        format!("pin the version of `{value}`: `{value}=<version>`"),
                    );
                }
            }
        }
    }
}

//! DL3038: `dnf install` or `microdnf install` that would stop at a confirmation prompt.

use super::system_packages::report_rpm_missing_yes;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `dnf install` and `microdnf install` without `-y`.
    ///
    /// ## What it does
    /// Reports `dnf` or `microdnf` `install`, `groupinstall`, `localinstall` and
    /// `group install` run without `-y`, `--assumeyes` or `--setopt=assumeyes=1`. A command
    /// fed by `yes |` is fine.
    ///
    /// ## Why is this bad?
    /// dnf asks for confirmation before installing. A build has no terminal to answer, so
    /// dnf aborts and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after the subcommand. It is safe: without it the build stops at the
    /// prompt, with it dnf does what the command asked for.
    ///
    /// ## Differences from hadolint
    /// rlint also sees `sudo dnf`, `/usr/bin/dnf` and `bash <<EOF` heredocs, and accepts
    /// `--setopt=assumeyes=1` and `yes | dnf install`. A word `install` elsewhere on the
    /// line (a package named `install`) is not taken for the subcommand.
    ///
    /// ## References
    /// - [dnf install](https://dnf.readthedocs.io/en/latest/command_ref.html#install-command)
    pub DnfMissingYes {
        code: "DL3038",
        name: "dnf-missing-yes",
        category: Packages,
        severity: Warning,
        fix: Safe,
        source: Hadolint("DL3038"),
        locality: Instruction,
    }
}

impl DnfMissingYes {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        report_rpm_missing_yes(ctx, idx, &["dnf", "microdnf"]);
    }
}

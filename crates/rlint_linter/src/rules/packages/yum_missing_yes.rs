//! DL3030: `yum install` that would stop at a confirmation prompt.

use super::system_packages::report_rpm_missing_yes;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `yum install` without `-y`.
    ///
    /// ## What it does
    /// Reports `yum install`, `groupinstall`, `localinstall` and `group install` run without
    /// `-y`, `--assumeyes` or `--setopt=assumeyes=1`. A command fed by `yes |` is fine.
    ///
    /// ## Why is this bad?
    /// yum asks for confirmation before installing. A build has no terminal to answer, so
    /// yum aborts and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after the subcommand. It is safe: without it the build stops at the
    /// prompt, with it yum does what the command asked for.
    ///
    /// ## Differences from hadolint
    /// rlint also sees `sudo yum`, `/usr/bin/yum` and `bash <<EOF` heredocs, and accepts
    /// `--setopt=assumeyes=1` and `yes | yum install`.
    ///
    /// ## References
    /// - [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
    pub YumMissingYes {
        code: "DL3030",
        name: "yum-missing-yes",
        category: Packages,
        severity: Warning,
        fix: Safe,
        source: Hadolint("DL3030"),
        locality: Instruction,
    }
}

impl YumMissingYes {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        report_rpm_missing_yes(ctx, idx, &["yum"]);
    }
}

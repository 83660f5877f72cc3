//! DL3030: `yum install` that would stop at a confirmation prompt.

use super::system_packages::{
    insert_after_subcommand, is_fed_by_yes, is_rpm_install, rpm_assumes_yes, rpm_command,
};
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
    }
}

impl YumMissingYes {
    fn run(ctx: &mut Context<'_>) {
        for run in &ctx.model.runs {
            for (script, command) in run.commands() {
                if command.name_str() != Some("yum") {
                    continue;
                }
                let parsed = command.options();
                if !is_rpm_install(parsed)
                    || rpm_assumes_yes(parsed)
                    || is_fed_by_yes(script, command)
                {
                    continue;
                }
                let fix = insert_after_subcommand(
                    ctx.model.text(),
                    script,
                    parsed,
                    "-y",
                    true,
                    "Add `-y`",
                );
                let (label, range) = rpm_command(script, command, parsed);
                let diagnostic = ctx.report(
                    range,
                    format!(
                        "`{label}` without `-y` stops at a prompt the build cannot answer: add `-y`"
                    ),
                );
                if let Some(fix) = fix {
                    diagnostic.with_fix(fix);
                }
            }
        }
    }
}

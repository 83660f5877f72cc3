//! DL3008: `apt-get install` of packages without a pinned version.

use super::system_packages::operand_packages;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `apt-get install` of a package without `=version`.
    ///
    /// ## What it does
    /// Reports each package word of `apt-get install` that has no `=version`. Local `.deb`
    /// files and paths are not reported. Commands are recognised behind `sudo`, `env`,
    /// `xargs` and absolute paths (`/usr/bin/apt-get`), in exec form and in heredoc bodies run
    /// by a shell.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the mirror offers that day: builds are
    /// not reproducible, and a new package version can break the image without any change to
    /// the Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each unpinned package is reported at its own position. hadolint recognises only a
    /// command named exactly `apt-get`; rlint also sees `sudo apt-get`, `/usr/bin/apt-get`,
    /// `xargs apt-get` and `bash <<EOF` heredocs. Option values (`-o Dpkg::Options::=...`,
    /// `-t bookworm-backports`) are never mistaken for packages. A package list in a variable is
    /// checked word by word when its value is known (an ARG or ENV default, or an assignment
    /// earlier in the same RUN such as `buildDeps='curl git' && apt-get install $buildDeps`),
    /// and skipped when it is not.
    ///
    /// ## References
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub AptGetUnpinned {
        code: "DL3008",
        name: "apt-get-unpinned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3008"),
        locality: Instruction,
    }
}

impl AptGetUnpinned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command, parsed) in run.invocations("apt-get", "install") {
            for package in &parsed.operands {
                let Some(values) = operand_packages(script, command, package, false) else {
                    // A package list in an unknown variable may well be pinned.
                    continue;
                };
                for value in &values {
                    if value.contains('=')
                        || value.contains('/')
                        || value.ends_with(".deb")
                        || value.is_empty()
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

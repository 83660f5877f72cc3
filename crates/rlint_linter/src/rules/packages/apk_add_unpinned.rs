//! DL3018: `apk add` of packages without a pinned version.

use super::system_packages::operand_packages;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `apk add` of a package without a version constraint.
    ///
    /// ## What it does
    /// Reports each package word of `apk add` that has no version constraint (`=`, `~`, `>`,
    /// `<`, as in `curl=8.5.0-r0` or `curl~8.5`). Local `.apk` files are not reported, nor
    /// are the values of `--virtual`/`-t`, `--repository`/`-X` and other options.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the repository offers that day: builds
    /// are not reproducible, and a new package version can break the image without any change
    /// to the Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each unpinned package is reported at its own position. rlint also sees `sudo apk`,
    /// `/sbin/apk` and `bash <<EOF` heredocs. A package list held in a variable whose value
    /// is unknown (`apk add $PKGS`) is not reported, while one whose value is known (an ARG or
    /// ENV default, or an assignment earlier in the RUN) is checked word by word. A word that
    /// ends with a name (`qemu-$ARCH`) is reported whatever the variable holds.
    ///
    /// ## References
    /// - [Alpine wiki: apk world constraints](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage)
    pub ApkAddUnpinned {
        code: "DL3018",
        name: "apk-add-unpinned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3018"),
        locality: Instruction,
    }
}

impl ApkAddUnpinned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("apk") {
            let parsed = command.options();
            if parsed.subcommand_str() != Some("add") {
                continue;
            }
            for package in &parsed.operands {
                let Some(values) = operand_packages(script, command, package, false) else {
                    continue;
                };
                for value in &values {
                    if value.is_empty()
                        || value.contains(['=', '~', '>', '<'])
                        || value.ends_with(".apk")
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

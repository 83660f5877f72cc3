//! DL3015: `apt-get install` that also installs recommended packages.

use super::system_packages::{command_range, insert_after_subcommand};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `apt-get install` without `--no-install-recommends`.
    ///
    /// ## What it does
    /// Reports `apt-get install` run without `--no-install-recommends` or an equivalent
    /// `APT::Install-Recommends=false` setting (as `-o` value or argument).
    ///
    /// ## Why is this bad?
    /// By default apt also installs the packages that the requested ones merely recommend.
    /// They are rarely needed in a container, make the image larger and add to what must be
    /// patched.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-install-recommends` after `install`. It is unsafe: the image no
    /// longer gets the recommended packages, and the software may rely on one of them.
    ///
    /// ## Differences from hadolint
    /// rlint also sees `sudo apt-get`, `/usr/bin/apt-get` and `bash <<EOF` heredocs, and
    /// accepts `-o APT::Install-Recommends=0`.
    ///
    /// ## References
    /// - [apt-get(8)](https://manpages.debian.org/bookworm/apt/apt-get.8.en.html)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub AptGetInstallRecommends {
        code: "DL3015",
        name: "apt-get-install-recommends",
        category: Packages,
        severity: Info,
        fix: Unsafe,
        source: Hadolint("DL3015"),
        locality: Instruction,
    }
}

impl AptGetInstallRecommends {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command, parsed) in run.invocations("apt-get", "install") {
            let disabled = parsed.has(&["--no-install-recommends"])
                || parsed
                    .options
                    .iter()
                    .filter(|o| o.name == "-o" || o.name == "--option")
                    .filter_map(|o| o.value.as_ref())
                    .any(|v| disables_recommends(&v.value))
                || parsed.operand_values().any(disables_recommends);
            if disabled {
                continue;
            }
            let fix = insert_after_subcommand(
                ctx.model.text(),
                script,
                parsed,
                "--no-install-recommends",
                false,
                "Add `--no-install-recommends`",
            );
            ctx.report(
                command_range(script, command, parsed),
                "`apt-get install` also installs recommended packages: add `--no-install-recommends`",
            )
            .with_fix(fix);
        }
    }
}

/// `APT::Install-Recommends=false` (or `0`, `no`, `off`).
fn disables_recommends(setting: &str) -> bool {
    let Some((key, value)) = setting.split_once('=') else {
        return false;
    };
    key.eq_ignore_ascii_case("APT::Install-Recommends")
        && matches!(
            value.trim_matches('"').to_ascii_lowercase().as_str(),
            "false" | "0" | "no" | "off"
        )
}

//! RL3002: a package index update with no install in the same RUN.

use crate::declare_rule;
use crate::rule::Context;
use rlint_shell::SimpleCommand;

declare_rule! {
    /// Flags `apt-get update`, `apk update`, `yum`/`dnf makecache` or `zypper refresh` in a
    /// RUN that installs nothing.
    ///
    /// ## What it does
    /// Reports the index update of a package manager when no command of the same RUN
    /// installs or upgrades with that manager (`apt-get install`, `apk add`, `dnf install`,
    /// ...). A RUN that also runs a script or another program that might install (anything
    /// but simple file and echo commands) is not reported.
    ///
    /// ## Why is this bad?
    /// The downloaded index is stored in this RUN's layer, and that layer is cached by the
    /// text of the instruction alone. A later `RUN apt-get install ...` reuses the cached
    /// index however old it is, so builds install outdated versions or fail with 404s once
    /// the mirror drops them; meanwhile the index adds megabytes to the image. Updating and
    /// installing in one RUN (and deleting the index there) keeps them consistent.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// RUN apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Known problems
    /// An install hidden in a script the RUN calls is trusted, so such RUNs are skipped.
    ///
    /// ## References
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - [Docker build cache invalidation](https://docs.docker.com/build/cache/invalidation/)
    pub UpdateWithoutInstall {
        code: "RL3002",
        name: "update-without-install",
        category: LayerCache,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Instruction,
    }
}

/// The package-manager family of an index update.
fn update_family(command: &SimpleCommand) -> Option<&'static str> {
    let name = command.name_str()?;
    if !matches!(
        name,
        "apt-get" | "apt" | "apk" | "yum" | "dnf" | "microdnf" | "zypper"
    ) {
        return None;
    }
    let sub = command.options().subcommand_str();
    match (name, sub) {
        ("apt-get" | "apt", Some("update")) => Some("apt"),
        ("apk", Some("update")) => Some("apk"),
        ("yum" | "dnf" | "microdnf", Some("makecache")) => Some("rpm"),
        ("zypper", Some("refresh" | "ref")) => Some("zypper"),
        _ => None,
    }
}

/// Whether a command uses the index of `family` (installs, upgrades, queries).
fn uses_index(command: &SimpleCommand, family: &str) -> bool {
    let Some(name) = command.name_str() else {
        return false;
    };
    // Options are parsed only for the package tools.
    let sub = || command.options().subcommand_str().unwrap_or("");
    match family {
        "apt" => {
            matches!(name, "apt-get" | "apt" | "aptitude") && !matches!(sub(), "update" | "clean")
                || matches!(
                    name,
                    "apt-cache"
                        | "add-apt-repository"
                        | "apt-file"
                        | "dpkg"
                        | "debconf-set-selections"
                        | "apt-mark"
                        | "install_packages"
                        | "eatmydata"
                        | "gdebi"
                        | "unattended-upgrade"
                )
        }
        "apk" => name == "apk" && sub() != "update",
        "rpm" => {
            matches!(
                name,
                "yum" | "dnf" | "microdnf" | "rpm" | "yum-builddep" | "debuginfo-install"
            ) && sub() != "makecache"
        }
        "zypper" => name == "zypper" && !matches!(sub(), "refresh" | "ref"),
        _ => false,
    }
}

/// Commands that cannot install packages behind the rule's back.
const HARMLESS: &[&str] = &[
    "echo",
    "printf",
    "rm",
    "mkdir",
    "ln",
    "cp",
    "mv",
    "touch",
    "chmod",
    "chown",
    "cat",
    "set",
    "true",
    "false",
    ":",
    "cd",
    "export",
    "ls",
    "tee",
    "grep",
    "sed",
    "test",
    "[",
    "sleep",
    "locale-gen",
    "update-ca-certificates",
    "useradd",
    "groupadd",
    "adduser",
    "addgroup",
];

impl UpdateWithoutInstall {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        let commands: Vec<_> = run.commands().collect();
        // A command the rule cannot judge may install: then no update is reported.
        let unknown = commands.iter().any(|(_, other)| {
            other
                .name_str()
                .is_some_and(|name| update_family(other).is_none() && !HARMLESS.contains(&name))
        });
        if unknown {
            return;
        }
        for (script, command) in &commands {
            let Some(family) = update_family(command) else {
                continue;
            };
            if commands.iter().any(|(_, other)| uses_index(other, family)) {
                continue;
            }
            let Some(name) = &command.name else {
                continue;
            };
            let end = command
                .options()
                .subcommand
                .as_ref()
                .map_or(name.range.end, |(_, r)| r.end);
            let range = script.range(&(name.range.start..end));
            let text = script
                .text
                .get(name.range.start..end)
                .unwrap_or("the update");
            ctx.report(
                range,
                format!("`{text}` installs nothing in this RUN, so its index is cached stale in its own layer: update and install in the same RUN"),
            );
        }
    }
}

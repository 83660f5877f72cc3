//! RL3005: an ARG declared earlier than needed, in front of RUNs that do not use it.

use crate::declare_rule;
use crate::model::{references_variable, AUTOMATIC_ARGS};
use crate::rule::Context;
use crate::rules::packages::system_packages::installs_system_packages;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags a stage `ARG` declared before RUNs that do not use it, while all its uses come
    /// after them.
    ///
    /// ## What it does
    /// For each `ARG` inside a stage, finds the first later instruction of the stage that
    /// references the variable (`$NAME`, `${NAME}`). When RUNs sit between the two and none of
    /// them mentions it, the `ARG` is reported. To be sure those RUNs cannot read the variable
    /// from their environment, every command in them must be a package manager or a simple
    /// file command (`apt-get`, `apk`, `dnf`, `mkdir`, `useradd`, ...); a RUN that calls a
    /// script or build tool counts as a possible use, and one of them must install system
    /// packages (re-running only cheap commands costs nothing). Variables that such tools read
    /// (`DEBIAN_FRONTEND`, proxies, `PIP_*`, ...) and the automatic platform ARGs are skipped.
    ///
    /// ## Why is this bad?
    /// Every RUN after an `ARG` gets the variable in its environment, so BuildKit includes its
    /// value in the cache key of each of those RUNs. Building with a new
    /// `--build-arg VERSION=...` (a commit hash, a build date, a release number) then re-runs
    /// all of them, package installs included, even though only the later instructions use
    /// the value. Declaring the `ARG` just before its first use keeps the earlier layers
    /// cached.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG APP_VERSION
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// LABEL org.opencontainers.image.version=$APP_VERSION
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ARG APP_VERSION
    /// LABEL org.opencontainers.image.version=$APP_VERSION
    /// ```
    ///
    /// ## Known problems
    /// Only RUNs made of known commands are trusted not to read the variable, so an `ARG`
    /// before a RUN of `make` or a script is never reported.
    ///
    /// ## References
    /// - [Dockerfile reference: impact on build caching](https://docs.docker.com/reference/dockerfile/#impact-on-build-caching)
    /// - [Docker build cache invalidation](https://docs.docker.com/build/cache/invalidation/#build-arguments)
    pub ArgBustsCache {
        code: "RL3005",
        name: "arg-busts-cache",
        category: LayerCache,
        severity: Info,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

/// Commands that do not read arbitrary environment variables.
const ENV_BLIND: &[&str] = &[
    "apt-get",
    "apt",
    "apk",
    "yum",
    "dnf",
    "microdnf",
    "tdnf",
    "aptitude",
    "zypper",
    "rm",
    "mkdir",
    "ln",
    "chmod",
    "chown",
    "useradd",
    "groupadd",
    "adduser",
    "addgroup",
    "usermod",
    "cp",
    "mv",
    "touch",
    "update-ca-certificates",
    "locale-gen",
    "ldconfig",
    "true",
    "set",
    "cd",
    "echo",
    "printf",
];

/// Prefixes and names of variables that package managers and shells read themselves.
fn read_by_tools(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper.contains("PROXY")
        || [
            "APT_", "PIP_", "NPM_", "YARN_", "DEBIAN_", "LC_", "APK_", "DNF_", "YUM_",
        ]
        .iter()
        .any(|p| upper.starts_with(p))
        || [
            "TZ",
            "LANG",
            "LANGUAGE",
            "PATH",
            "HOME",
            "SHELL",
            "USER",
            "TERM",
            "DEBCONF_NONINTERACTIVE_SEEN",
        ]
        .contains(&upper.as_str())
}

impl ArgBustsCache {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let stage = &model.stages[stage];
        let instructions = model.stage_instructions(stage.index);
        if !instructions
            .iter()
            .any(|i| matches!(i, Instruction::Arg(_)))
        {
            return;
        }
        // For a RUN of the stage (not ONBUILD triggers): whether it installs system packages,
        // and whether every command in it is one that reads no arbitrary variable. Worked out
        // at most once per RUN, when first asked: each ARG looks at the RUNs before its first
        // use.
        let facts: Vec<std::cell::OnceCell<(bool, bool)>> = instructions
            .iter()
            .map(|_| std::cell::OnceCell::new())
            .collect();
        let run_facts = |pos: usize| -> Option<(bool, bool)> {
            let Instruction::Run(_) = instructions[pos] else {
                return None;
            };
            Some(*facts[pos].get_or_init(|| {
                let run = model.run_at(stage.body.start + pos);
                let installs = run.is_some_and(|run| {
                    run.commands()
                        .any(|(_, command)| installs_system_packages(command))
                });
                let blind = run.is_some_and(|run| {
                    !run.scripts.is_empty()
                        && run
                            .commands()
                            .all(|(_, c)| c.name_str().is_none_or(|n| ENV_BLIND.contains(&n)))
                });
                (installs, blind)
            }))
        };
        // Only an install's cache matters: an ARG after the stage's last installing RUN
        // is not looked at further.
        let Some(last_install) = (0..instructions.len())
            .rev()
            .find(|&pos| run_facts(pos).is_some_and(|(installs, _)| installs))
        else {
            return;
        };
        for (pos, instruction) in instructions.iter().enumerate() {
            let Instruction::Arg(_) = instruction else {
                continue;
            };
            if pos > last_install {
                break;
            }
            for key_value in instruction.key_values() {
                let (Some(name), Some(range)) =
                    (key_value.key(model.escape), key_value.key_range())
                else {
                    continue;
                };
                if AUTOMATIC_ARGS.contains(&name.as_str()) || read_by_tools(&name) {
                    continue;
                }
                let later = &instructions[pos + 1..];
                let Some(first_use) = later.iter().position(|i| {
                    references_variable(model.text_of(i), &name)
                        || matches!(i, Instruction::Arg(_))
                            && i.key_values()
                                .any(|kv| kv.key(model.escape).as_deref() == Some(name.as_str()))
                }) else {
                    continue;
                };
                // The RUNs before the first use: how many, whether all are blind to the
                // variable, and whether one installs (re-running cheap commands costs nothing).
                let (n_runs, blind, installs) = (pos + 1..pos + 1 + first_use)
                    .filter_map(run_facts)
                    .fold((0, true, false), |(n, blind, installs), facts| {
                        (n + 1, blind && facts.1, installs || facts.0)
                    });
                if n_runs == 0 || !blind || !installs {
                    continue;
                }
                let (plural, verb) = if n_runs == 1 {
                    ("", "does")
                } else {
                    ("s", "do")
                };
                // The first use is a related location, not a line number in the message: the
                // finding is kept across edits elsewhere in the file, which move lines.
                ctx.report(
                    range,
                    format!(
                        "ARG `{name}` is in the cache key of {n_runs} RUN{plural} that {verb} not use it: declare it just before its first use"
                    ),
                )
                .with_related(later[first_use].keyword_range(), format!("`{name}` is first used here"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_first_use_is_a_related_location() {
        let text = "FROM debian:12\nARG VERSION\nRUN apt-get install -y curl\nRUN echo $VERSION\n";
        let findings = crate::check_text(&super::ArgBustsCache, text);
        let [finding] = findings.as_slice() else {
            panic!("{findings:?}");
        };
        assert_eq!(&text[finding.range], "VERSION");
        let [(related, _)] = finding.related.as_slice() else {
            panic!("{finding:?}");
        };
        // The keyword of the RUN that reads it.
        assert_eq!(usize::from(related.start()), text.find("RUN echo").unwrap());
        assert_eq!(&text[*related], "RUN");
    }
}

//! RL3003: a RUN that only deletes what earlier layers created.

use super::chain_indices;
use crate::declare_rule;
use crate::model::Run;
use crate::rule::Context;
use rlint_shell::SimpleCommand;
use std::cell::OnceCell;

declare_rule! {
    /// Flags a RUN that only cleans up (`rm`, `apt-get clean`, `yum clean`, `pip cache purge`,
    /// `npm cache clean`) what earlier instructions of the stage created.
    ///
    /// ## What it does
    /// Reports a RUN of the final image whose every command is a cleanup: `rm` of paths that an
    /// earlier RUN of the stage mentions or an earlier `COPY`/`ADD` wrote, `rm` in `/tmp` or
    /// `/var/tmp`, `rm` of package caches (`/var/lib/apt/lists`, `/var/cache/*`, `~/.cache`)
    /// after the package manager ran, or a cache command (`apt-get clean`, `yum`/`dnf clean`, `apk cache clean`,
    /// `pip cache purge`, `npm cache clean`, `yarn cache clean`, `composer clear-cache`) after
    /// that tool ran in an earlier RUN. Builder stages are not checked: their size does not
    /// matter.
    ///
    /// ## Why is this bad?
    /// Each RUN adds a layer holding only its changes, and a deletion is recorded as a
    /// whiteout entry on top of the earlier layer, which is still shipped and pulled
    /// unchanged. Deleting in a later RUN hides the files but the image does not shrink at
    /// all (it even grows by a layer); the cleanup has to happen in the same RUN that creates
    /// the files.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// RUN rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Known problems
    /// A deletion in a separate RUN is still worth it when a later `docker build --squash`
    /// or a copy into another stage flattens the layers; rlint does not know about such
    /// post-processing.
    ///
    /// ## References
    /// - [Docker build: layers](https://docs.docker.com/build/guide/layers/)
    /// - [Docker best practices: minimize the number of layers](https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers)
    pub CleanupInSeparateLayer {
        code: "RL3003",
        name: "cleanup-in-separate-layer",
        category: LayerCache,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

/// Commands that change nothing on disk.
const NEUTRAL: &[&str] = &["set", "true", ":", "echo", "cd"];

/// Cache locations of package managers, with the tools that fill them.
const CACHES: &[(&str, &[&str])] = &[
    ("/var/lib/apt/lists", &["apt-get", "apt"]),
    ("/var/cache/apt", &["apt-get", "apt"]),
    ("/var/cache/apk", &["apk"]),
    ("/var/cache/yum", &["yum"]),
    ("/var/cache/dnf", &["dnf", "microdnf"]),
    ("/var/cache/zypp", &["zypper"]),
    ("/root/.cache/pip", &["pip", "pip3"]),
    ("/root/.npm", &["npm"]),
    ("/usr/local/share/.cache/yarn", &["yarn"]),
];

/// The tool whose cache a cleanup command empties, when the command is one.
fn cache_command(command: &SimpleCommand) -> Option<&'static [&'static str]> {
    let name = command.name_str()?;
    // Options are parsed only for the package tools: most commands are none of them.
    let sub = || command.options().subcommand_str();
    let has_arg = |word: &str| command.arg_values().any(|a| a == word);
    Some(match name {
        "apt-get" | "apt" if matches!(sub(), Some("clean" | "autoclean")) => &["apt-get", "apt"],
        "yum" if sub() == Some("clean") => &["yum"],
        "dnf" | "microdnf" if sub() == Some("clean") => &["dnf", "microdnf"],
        "zypper" if matches!(sub(), Some("clean" | "cc")) => &["zypper"],
        "apk" if sub() == Some("cache") => &["apk"],
        "pip" | "pip3" if sub() == Some("cache") && has_arg("purge") => &["pip", "pip3"],
        "npm" if sub() == Some("cache") && has_arg("clean") => &["npm"],
        "yarn" if sub() == Some("cache") && has_arg("clean") => &["yarn"],
        "composer" if matches!(sub(), Some("clear-cache" | "clearcache" | "cc")) => &["composer"],
        _ => return None,
    })
}

/// Normalises an `rm` target: no trailing `/`, `/*` or `*`.
fn trimmed(path: &str) -> &str {
    let mut path = path;
    loop {
        let next = path
            .trim_end_matches('*')
            .trim_end_matches('/')
            .trim_end_matches("/.");
        if next == path {
            return path;
        }
        path = next;
    }
}

/// Whether `path` appears in `text` as a whole path (not inside a longer one: `/tmp` is not
/// in `/var/tmp`).
fn mentions_path(text: &str, path: &str) -> bool {
    let bytes = text.as_bytes();
    let is_path_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/');
    text.match_indices(path).any(|(start, _)| {
        let end = start + path.len();
        let before_ok = start == 0 || !is_path_byte(bytes[start - 1]);
        let after_ok = end == bytes.len() || !is_path_byte(bytes[end]) || bytes[end] == b'/';
        before_ok && after_ok
    })
}

/// The absolute paths a `COPY`/`ADD` writes: the destination, or one entry per source when
/// the destination is a directory (`/app/`) or there are several sources.
fn copied_paths(sources: &[String], destination: &str) -> Vec<String> {
    if !destination.starts_with('/') {
        return Vec::new();
    }
    if destination.ends_with('/') || sources.len() > 1 {
        let dir = destination.trim_end_matches('/');
        sources
            .iter()
            .map(|s| format!("{dir}/{}", super::basename(s)))
            .collect()
    } else {
        vec![trimmed(destination).to_string()]
    }
}

impl CleanupInSeparateLayer {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        if !model.is_in_final_image(stage) {
            return;
        }
        for run in model.stage_span(stage).filter_map(|idx| model.run_at(idx)) {
            if run.onbuild || run.scripts.is_empty() {
                continue;
            }
            // Earlier instructions of the stage (and the stages it is built on), and their
            // RUNs: worked out only when a deletion is checked. Most RUNs do other work and
            // are ruled out by their first command; collecting these for every RUN made the
            // rule quadratic in the stage's length.
            let earlier_cell = OnceCell::new();
            let earlier = || -> &Vec<usize> {
                earlier_cell.get_or_init(|| {
                    chain_indices(model, stage)
                        .take_while(|&idx| idx != run.index)
                        .collect()
                })
            };
            let earlier_runs_cell = OnceCell::new();
            let earlier_runs = || -> &Vec<&Run> {
                earlier_runs_cell.get_or_init(|| {
                    earlier()
                        .iter()
                        .filter_map(|&idx| model.run_at(idx).filter(|r| !r.onbuild))
                        .collect()
                })
            };
            let tool_ran = |tools: &[&str]| {
                earlier_runs().iter().any(|r| {
                    r.commands()
                        .any(|(_, c)| c.name_str().is_some_and(|n| tools.contains(&n)))
                })
            };
            let created = |path: &str| {
                let path = trimmed(path);
                if path.is_empty() || path.contains('$') || path == "/" {
                    return false;
                }
                if let Some((_, tools)) = CACHES.iter().find(|(dir, _)| path.starts_with(dir)) {
                    return tool_ran(tools);
                }
                // Temporary directories only ever hold leftovers.
                if ["/tmp", "/var/tmp"]
                    .iter()
                    .any(|dir| path == *dir || path.starts_with(&format!("{dir}/")))
                {
                    return true;
                }
                let in_run = earlier_runs()
                    .iter()
                    .any(|r| r.scripts.iter().any(|s| mentions_path(&s.text, path)));
                let copied = earlier().iter().any(|&idx| {
                    model.local_copy(idx).is_some_and(|(sources, dest)| {
                        copied_paths(sources, dest).iter().any(|copied| {
                            copied == path
                                || copied.starts_with(&format!("{path}/"))
                                || path.starts_with(&format!("{copied}/"))
                        })
                    })
                });
                in_run || copied
            };
            let mut first = None;
            let mut all_cleanup = true;
            for (script, command) in run.commands() {
                let Some(name) = command.name_str() else {
                    continue;
                };
                if NEUTRAL.contains(&name) && !writes_file(command) {
                    continue;
                }
                let cleanup = if name == "rm" {
                    let targets: Vec<&str> = command
                        .arg_values()
                        .filter(|a| !a.starts_with('-'))
                        .collect();
                    !targets.is_empty() && targets.iter().all(|t| created(t))
                } else {
                    cache_command(command).is_some_and(tool_ran)
                };
                if !cleanup {
                    all_cleanup = false;
                    break;
                }
                first.get_or_insert((script, command));
            }
            let (true, Some((script, command))) = (all_cleanup, first) else {
                continue;
            };
            // Without an earlier RUN there is no earlier layer to blame. Asked without building
            // the lists when no check needed them (a `/tmp` deletion): the first RUN of the
            // chain answers, where collecting every earlier one made a stage of such RUNs
            // quadratic.
            let has_earlier_run = match earlier_runs_cell.get() {
                Some(runs) => !runs.is_empty(),
                None => chain_indices(model, stage)
                    .take_while(|&idx| idx != run.index)
                    .any(|idx| model.run_at(idx).is_some_and(|r| !r.onbuild)),
            };
            if !has_earlier_run {
                continue;
            }
            ctx.report(
                script.range(&command.range),
                "this RUN only deletes what earlier layers created, so the image does not shrink: clean up in the RUN that creates the files",
            );
        }
    }
}

/// Whether a command redirects its output into a file (`>`, `>>`, not `>&2`).
fn writes_file(command: &rlint_shell::SimpleCommand) -> bool {
    command
        .redirects
        .iter()
        .any(|r| r.op.contains('>') && !r.op.contains('&'))
}

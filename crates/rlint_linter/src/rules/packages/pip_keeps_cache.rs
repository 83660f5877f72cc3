//! DL3042: `pip install` that keeps its download cache in the image.

use super::language_packages::{is_pip, is_truthy};
use super::system_packages::{command_range, insert_after_subcommand, path_is_cache_mounted};
use crate::declare_rule;
use crate::model::Run;
use crate::rule::Context;

declare_rule! {
    /// Flags `pip install` without `--no-cache-dir`.
    ///
    /// ## What it does
    /// Reports `pip install` (also `pip3` and `python -m pip`) without `--no-cache-dir`. The
    /// command is fine when `PIP_NO_CACHE_DIR` is set to a true value (`1`, `true`, `on`,
    /// `yes`) by an `ENV` or `ARG` in scope, on the command itself or anywhere in the RUN,
    /// or when the RUN mounts a cache or tmpfs on pip's cache directory (`.cache/pip`).
    ///
    /// ## Why is this bad?
    /// pip keeps every downloaded wheel in `~/.cache/pip`. Inside an image build that cache
    /// is never reused, but it stays in the layer and can add tens or hundreds of megabytes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install flask==3.0.3
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-cache-dir` after `install`. It is safe: only the cache, which nothing
    /// in the image reads, is left out.
    ///
    /// ## Differences from hadolint
    /// An `ARG PIP_NO_CACHE_DIR=1` also counts, since ARGs are in the environment of every
    /// RUN. The finding points at the `pip install` command rather than the whole RUN, and
    /// `pip` behind `sudo`, `env` or an absolute path is seen.
    ///
    /// ## References
    /// - [pip: caching](https://pip.pypa.io/en/stable/topics/caching/)
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub PipKeepsCache {
        code: "DL3042",
        name: "pip-keeps-cache",
        category: Packages,
        severity: Warning,
        fix: Safe,
        source: Hadolint("DL3042"),
        locality: Instruction,
    }
}

const VARIABLE: &str = "PIP_NO_CACHE_DIR";

impl PipKeepsCache {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        let scope = ctx.model.scope_at(idx);
        if scope.value(VARIABLE).is_some_and(is_truthy)
            || sets_variable_in_text(run)
            || path_is_cache_mounted(run, ".cache/pip")
        {
            return;
        }
        for (script, command) in run.commands() {
            if !command.name_str().is_some_and(is_pip) {
                continue;
            }
            let parsed = command.options();
            if parsed.subcommand_str() != Some("install")
                || parsed.has(&["--no-cache-dir"])
                || command.assignment(VARIABLE).is_some_and(is_truthy)
            {
                continue;
            }
            let range = command_range(script, command, parsed);
            let fix = insert_after_subcommand(
                ctx.model.text(),
                script,
                parsed,
                "--no-cache-dir",
                true,
                "Add `--no-cache-dir`",
            );
            ctx.report(
                range,
                "`pip install` keeps its download cache in the image: add `--no-cache-dir`",
            )
            .with_fix(fix);
        }
    }
}

/// Whether the RUN's text sets `PIP_NO_CACHE_DIR` to a true value anywhere
/// (`export PIP_NO_CACHE_DIR=1`, `env PIP_NO_CACHE_DIR=1 ...`).
fn sets_variable_in_text(run: &Run) -> bool {
    run.scripts.iter().any(|script| {
        script
            .text
            .match_indices("PIP_NO_CACHE_DIR=")
            .any(|(at, found)| {
                let value: String = script.text[at + found.len()..]
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                is_truthy(&value)
            })
    })
}

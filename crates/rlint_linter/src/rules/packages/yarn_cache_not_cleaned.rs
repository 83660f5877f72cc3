//! DL3060: `yarn install` without `yarn cache clean` in the same RUN.

use super::system_packages::{command_range, path_is_cache_mounted};
use crate::declare_rule;
use crate::rule::Context;
use rlint_shell::SimpleCommand;

declare_rule! {
    /// Flags `yarn install` in a RUN that does not clean the yarn cache afterwards.
    ///
    /// ## What it does
    /// Reports `yarn install` (also a bare `yarn`, which installs) that no later `yarn cache
    /// clean` (or `rm` of the yarn cache directory) of the same RUN follows. A RUN whose
    /// `--mount=type=cache` or `type=tmpfs` holds the cache (`.cache/yarn`) is fine. As in
    /// hadolint, only stages whose layers reach an image are checked: the last stage and the
    /// stages other stages are built `FROM`; `ONBUILD RUN` triggers are always checked.
    ///
    /// ## Why is this bad?
    /// Yarn keeps a copy of every downloaded package in its global cache. In an image the
    /// cache is never reused but stays in the layer, often doubling the size of
    /// `node_modules`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN yarn install --frozen-lockfile && yarn cache clean
    /// ```
    ///
    /// ## Differences from hadolint
    /// A bare `yarn` (which runs `yarn install`) is checked too, `yarn` behind `sudo`, `env` or
    /// an absolute path is seen, and `rm -rf` of the yarn cache directory counts as cleaning.
    /// The finding points at the install command.
    ///
    /// ## References
    /// - [yarn cache](https://classic.yarnpkg.com/en/docs/cli/cache)
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub YarnCacheNotCleaned {
        code: "DL3060",
        name: "yarn-cache-not-cleaned",
        category: Packages,
        severity: Info,
        fix: None,
        source: Hadolint("DL3060"),
        locality: Instruction,
    }
}

impl YarnCacheNotCleaned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        // A RUN of a stage whose layers end up in no image costs nothing (an ONBUILD trigger
        // runs in the images built on this one).
        if !run.onbuild && !run.stage.is_some_and(|stage| ctx.model.ships(stage)) {
            return;
        }
        if path_is_cache_mounted(run, ".cache/yarn") {
            return;
        }
        let mut pending = None;
        for (script, command) in run.commands() {
            if removes_yarn_cache(command) {
                pending = None;
                continue;
            }
            if command.name_str() != Some("yarn") {
                continue;
            }
            let parsed = command.options();
            let asks_only = parsed.has(&["--version", "-v", "--help", "-h"]);
            match parsed.subcommand_str() {
                None | Some("install") if pending.is_none() && !asks_only => {
                    pending = Some(command_range(script, command, parsed));
                }
                Some("cache")
                    if parsed
                        .operands
                        .first()
                        .is_some_and(|it| it.value == "clean") =>
                {
                    pending = None;
                }
                _ => {}
            }
        }
        if let Some(range) = pending {
            ctx.report(
                range,
                "`yarn install` leaves its package cache in the image: run `yarn cache clean` in the same RUN",
            );
        }
    }
}

/// Whether the command is an `rm` of yarn's cache (`/usr/local/share/.cache/yarn`,
/// `~/.cache/yarn`).
fn removes_yarn_cache(command: &SimpleCommand) -> bool {
    command.name_str() == Some("rm")
        && command.options().operands.iter().any(|it| {
            it.value
                .trim_end_matches(['/', '*'])
                .ends_with(".cache/yarn")
        })
}

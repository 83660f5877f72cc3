//! DL3009: `apt-get update` leaves the package lists in the image.

use super::system_packages::{command_range, path_is_cache_mounted, removes};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a RUN that downloads apt package lists and leaves them in the image.
    ///
    /// ## What it does
    /// Reports `apt-get update` (also `apt update` and `aptitude update`) in a RUN that does not
    /// delete `/var/lib/apt/lists` after its last update. Deleting means an `rm` of
    /// `/var/lib/apt/lists`, its contents (`/var/lib/apt/lists/*`) or a directory above it, a
    /// `find /var/lib/apt/lists ... -delete`, or `apt-get distclean`. A RUN whose `--mount=type=cache` or `type=tmpfs` holds the lists is
    /// fine. Only stages whose layers reach an image are checked: the last stage and stages
    /// other stages are built `FROM`; a builder stage only used through `COPY --from` is not.
    /// `ONBUILD RUN` triggers are always checked, since they run in whatever image builds on
    /// this one.
    ///
    /// ## Why is this bad?
    /// The lists are tens of megabytes that nothing needs at run time. Deleting them in a later
    /// RUN does not help: they stay in the layer that created them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint accepts any `rm -rf`, even `rm -rf /tmp/build`, as cleanup; rlint wants the
    /// lists themselves removed. hadolint also accepts a cleanup that comes *before* the
    /// update (`rm -rf /var/lib/apt/lists/* && apt-get update && ...`); rlint requires it after
    /// the last update. rlint accepts `apt-get distclean` (apt 2.7+, used by the official
    /// Debian-based images), `find /var/lib/apt/lists -delete` and a cache mount on
    /// `/var/lib/apt` alone, and sees `sudo apt-get update` and `/usr/bin/apt-get update`.
    ///
    /// ## References
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub AptListsNotDeleted {
        code: "DL3009",
        name: "apt-lists-not-deleted",
        category: Packages,
        severity: Info,
        fix: None,
        source: Hadolint("DL3009"),
        locality: Instruction,
    }
}

const LISTS: &str = "/var/lib/apt/lists";

/// The tools whose `update` fills [`LISTS`].
const APT_TOOLS: [&str; 3] = ["apt-get", "apt", "aptitude"];

impl AptListsNotDeleted {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx
            .model
            .run_at(idx)
            .filter(|run| run.may_run_any(&APT_TOOLS))
        else {
            return;
        };
        // A RUN of a stage whose layers end up in no image costs nothing (an ONBUILD trigger
        // runs in the images built on this one).
        if !run.onbuild && !run.stage.is_some_and(|stage| ctx.model.ships(stage)) {
            return;
        }
        if path_is_cache_mounted(run, LISTS) {
            return;
        }
        let mut pending = None;
        for (script, command) in run.commands() {
            let name = command.name_str();
            if name.is_some_and(|name| APT_TOOLS.contains(&name)) {
                let parsed = command.options();
                let subcommand = parsed.subcommand_str();
                match subcommand {
                    Some("update") if pending.is_none() => {
                        let tool = name.unwrap_or("apt-get").to_string();
                        pending = Some((command_range(script, command, parsed), tool));
                    }
                    Some("distclean" | "dist-clean") if name != Some("aptitude") => {
                        pending = None;
                    }
                    _ => {}
                }
            } else if removes(command, LISTS) {
                pending = None;
            }
        }
        if let Some((range, tool)) = pending {
            ctx.report(
                range,
                format!(
                    "`{tool} update` leaves the package lists in the image: end this RUN with `rm -rf /var/lib/apt/lists/*`"
                ),
            );
        }
    }
}

//! DL3019: `apk add` that leaves the package index cache in the image.

use super::system_packages::{
    command_range, insert_after_subcommand, path_is_cache_mounted, removes,
};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `apk add` without `--no-cache`.
    ///
    /// ## What it does
    /// Reports `apk add` run without `--no-cache`, unless the RUN has a `--mount=type=cache`
    /// (or `tmpfs`) on `/var/cache/apk`, or deletes `/var/cache/apk` later in the same RUN.
    /// `apk add --no-network` downloads no index and is not reported.
    ///
    /// ## Why is this bad?
    /// Without `--no-cache`, the package index that apk downloads stays in
    /// `/var/cache/apk` and becomes part of the layer, making the image larger for no use at
    /// run time. `--no-cache` also makes a separate `apk update` unnecessary.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk update && apk add curl=8.9.1-r0
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-cache` after `add`. It is safe: the same packages are installed,
    /// only the index is not kept.
    ///
    /// ## Differences from hadolint
    /// rlint accepts an `rm -rf /var/cache/apk/*` after the install in the same RUN, which
    /// leaves no cache in the layer either, and a cache mount on a directory above
    /// `/var/cache/apk`. `apk add --no-network`, which downloads nothing, is not reported.
    /// rlint also sees `sudo apk`, `xargs apk` and `bash <<EOF` heredocs.
    ///
    /// ## References
    /// - [Alpine wiki: local cache](https://wiki.alpinelinux.org/wiki/Local_APK_cache)
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub ApkAddKeepsCache {
        code: "DL3019",
        name: "apk-add-keeps-cache",
        category: Packages,
        severity: Info,
        fix: Safe,
        source: Hadolint("DL3019"),
        locality: Instruction,
    }
}

const CACHE: &str = "/var/cache/apk";
const APK: &str = "apk";

impl ApkAddKeepsCache {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx).filter(|run| run.may_run_any(&[APK])) else {
            return;
        };
        if path_is_cache_mounted(run, CACHE) {
            return;
        }
        let commands: Vec<_> = run.commands().collect();
        for (pos, (script, command)) in commands.iter().enumerate() {
            if command.name_str() != Some(APK) {
                continue;
            }
            let parsed = command.options();
            if parsed.subcommand_str() != Some("add") || parsed.has(&["--no-cache", "--no-network"])
            {
                continue;
            }
            if commands[pos + 1..]
                .iter()
                .any(|(_, later)| removes(later, CACHE))
            {
                continue;
            }
            let fix = insert_after_subcommand(
                ctx.model.text(),
                script,
                parsed,
                "--no-cache",
                true,
                "Add `--no-cache`",
            );
            ctx.report(
                command_range(script, command, parsed),
                "`apk add` keeps the package index in the image: add `--no-cache`",
            )
            .with_fix(fix);
        }
    }
}

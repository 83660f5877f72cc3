//! DL3040: `dnf install` or `microdnf install` that leaves the dnf cache in the image.

use super::system_packages::{
    path_is_cache_mounted, uncleaned_install, PackageCache, RPM_CACHE_DIRS,
};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `dnf install` (or `microdnf install`) not followed by `dnf clean all`.
    ///
    /// ## What it does
    /// Reports a RUN whose last `dnf` or `microdnf` `install`, `upgrade`, `upgrade-minimal`,
    /// `reinstall` (or their short forms `in`, `up`, `up-min`, `rei`) is not followed by a
    /// `clean` of the same tool (`yum` and `dnf` count as one), or by an `rm` of
    /// `/var/cache/dnf`, `/var/cache/libdnf5` or `/var/cache/yum`. A `--mount=type=cache`
    /// (or `tmpfs`) on one of these directories also keeps the cache out of the layer. As in
    /// hadolint, any `clean` counts, though `clean all` is the one that removes everything.
    ///
    /// ## Why is this bad?
    /// dnf keeps repository metadata and downloaded packages in its cache directory. Left in
    /// the layer, they make the image larger for no use at run time; cleaning in a later RUN
    /// does not help.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint accepts any `rm -rf`, even `rm -rf /tmp/build`, as cleanup; rlint wants the
    /// cache itself removed. hadolint compares the first install with the first clean;
    /// rlint requires a cleanup after the last install. rlint accepts `yum clean all` after
    /// `dnf install` (on dnf systems `yum` is dnf), honours cache mounts on dnf 4's
    /// `/var/cache/dnf`, and sees `sudo dnf`.
    ///
    /// ## References
    /// - [dnf clean](https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command)
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub DnfCacheNotCleaned {
        code: "DL3040",
        name: "dnf-cache-not-cleaned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3040"),
        locality: Instruction,
    }
}

impl DnfCacheNotCleaned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        // dnf5 run by a non-root user caches under `~/.cache/libdnf5`.
        if path_is_cache_mounted(run, ".cache/libdnf5") {
            return;
        }
        let uncleaned = uncleaned_install(
            run,
            &PackageCache {
                dirs: RPM_CACHE_DIRS,
                fillers: &["dnf", "microdnf"],
                fills: |parsed| {
                    matches!(
                        parsed.subcommand_str(),
                        Some(
                            "install"
                                | "in"
                                | "upgrade"
                                | "up"
                                | "upgrade-minimal"
                                | "up-min"
                                | "reinstall"
                                | "rei"
                                | "groupinstall"
                                | "localinstall"
                        )
                    )
                },
                // microdnf keeps its own cache; dnf and yum share theirs.
                cleaners: |filled| match filled {
                    "microdnf" => &["microdnf"],
                    _ => &["dnf", "yum"],
                },
                cleans: |parsed| parsed.subcommand_str() == Some("clean"),
            },
        );
        if let Some(uncleaned) = uncleaned {
            let (tool, label) = (uncleaned.tool, uncleaned.label);
            ctx.report(
                uncleaned.range,
                format!(
                    "`{label}` leaves the {tool} cache in the image: run `{tool} clean all` at the end of this RUN"
                ),
            );
        }
    }
}

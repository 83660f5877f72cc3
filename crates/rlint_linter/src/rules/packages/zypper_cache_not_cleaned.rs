//! DL3036: `zypper install` that leaves the zypper cache in the image.

use super::system_packages::{uncleaned_install, PackageCache};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `zypper install` not followed by `zypper clean` in the same RUN.
    ///
    /// ## What it does
    /// Reports a RUN whose last `zypper install` (or `in`) is not followed by `zypper clean`
    /// (`cc`) or an `rm` of `/var/cache/zypp`. A `--mount=type=cache` (or `tmpfs`) on
    /// `/var/cache/zypp` also keeps the cache out of the layer.
    ///
    /// ## Why is this bad?
    /// zypper keeps repository metadata and packages in `/var/cache/zypp`. Left in the layer,
    /// they make the image larger for no use at run time; cleaning in a later RUN does not
    /// help.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper --non-interactive install curl=8.6.0
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper --non-interactive install curl=8.6.0 && zypper clean --all
    /// ```
    ///
    /// ## Differences from hadolint
    /// rlint requires the clean after the *last* install of the RUN, accepts an `rm` of
    /// `/var/cache/zypp`, and sees `sudo zypper` and `bash <<EOF` heredocs.
    ///
    /// ## References
    /// - [zypper(8)](https://en.opensuse.org/SDB:Zypper_manual)
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub ZypperCacheNotCleaned {
        code: "DL3036",
        name: "zypper-cache-not-cleaned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3036"),
        locality: Instruction,
    }
}

impl ZypperCacheNotCleaned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        let uncleaned = uncleaned_install(
            run,
            &PackageCache {
                dirs: &["/var/cache/zypp"],
                fillers: &["zypper"],
                fills: |parsed| matches!(parsed.subcommand_str(), Some("install" | "in")),
                cleaners: |_| &["zypper"],
                cleans: |parsed| matches!(parsed.subcommand_str(), Some("clean" | "cc")),
            },
        );
        if let Some(uncleaned) = uncleaned {
            let label = uncleaned.label;
            ctx.report(
                uncleaned.range,
                format!(
                    "`{label}` leaves the zypper cache in the image: run `zypper clean` at the end of this RUN"
                ),
            );
        }
    }
}

//! DL3032: `yum install` that leaves the yum cache in the image.

use super::system_packages::{is_rpm_install, uncleaned_install, PackageCache, RPM_CACHE_DIRS};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `yum install` not followed by `yum clean all` in the same RUN.
    ///
    /// ## What it does
    /// Reports a RUN whose last `yum install` (also `groupinstall`, `localinstall`,
    /// `group install`) is not followed by `yum clean` (or `dnf clean`, which is the same
    /// program on newer systems) or by an `rm` of `/var/cache/yum` or `/var/cache/dnf`.
    /// A `--mount=type=cache` (or `tmpfs`) on the cache directory also keeps it out of the
    /// layer. As in hadolint, any `yum clean` counts, though `yum clean all` is the one that
    /// removes both metadata and packages.
    ///
    /// ## Why is this bad?
    /// yum keeps repository metadata and downloaded packages in `/var/cache/yum`. Left in
    /// the layer, they make the image larger for no use at run time; cleaning in a later RUN
    /// does not help.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint accepts any `rm -rf`, even `rm -rf /tmp/build`, as cleanup; rlint wants the
    /// cache itself removed. hadolint compares the first install with the first clean, so
    /// `yum install a && yum clean all && yum install b` passes; rlint requires a cleanup after
    /// the last install. rlint honours cache mounts on the yum cache and sees `sudo yum`.
    ///
    /// ## References
    /// - [yum(8): clean](https://man7.org/linux/man-pages/man8/yum.8.html)
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub YumCacheNotCleaned {
        code: "DL3032",
        name: "yum-cache-not-cleaned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3032"),
        locality: Instruction,
    }
}

impl YumCacheNotCleaned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        let uncleaned = uncleaned_install(
            run,
            &PackageCache {
                dirs: RPM_CACHE_DIRS,
                fillers: &["yum"],
                fills: is_rpm_install,
                cleaners: |_| &["yum", "dnf"],
                cleans: |parsed| parsed.subcommand_str() == Some("clean"),
            },
        );
        if let Some(uncleaned) = uncleaned {
            let label = uncleaned.label;
            ctx.report(
                uncleaned.range,
                format!(
                    "`{label}` leaves the yum cache in the image: run `yum clean all` at the end of this RUN"
                ),
            );
        }
    }
}

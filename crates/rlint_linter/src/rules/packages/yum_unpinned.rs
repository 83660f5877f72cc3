//! DL3033: `yum install` of packages without a version.

use super::system_packages::report_rpm_unpinned;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `yum install` of a package without a version.
    ///
    /// ## What it does
    /// Reports each package of `yum install` written without a version (`httpd` rather than
    /// `httpd-2.4.6` or `httpd-2.4.6-99.el7`), and each module of `yum module install`
    /// without a stream (`nodejs` rather than `nodejs:18`). A name counts as versioned when,
    /// after its first `-`, the dash-separated parts use only letters, digits and `.~^_:+`
    /// and one of them starts with a digit. Local or remote `.rpm` files and groups
    /// (`@group`, `group install`, `groupinstall`) are not reported, nor are option values
    /// such as `--enablerepo epel`.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the repository offers that day: builds
    /// are not reproducible, and a new package version can break the image without any change
    /// to the Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each unpinned package is reported at its own position. hadolint takes option values
    /// (`--enablerepo epel`) for packages and reports group names, which have no version;
    /// rlint does neither. hadolint 2.15.1 also reports local RPM files such as
    /// `/tmp/app.rpm`. rlint sees `sudo yum` and `bash <<EOF` heredocs, checks a package list
    /// held in a variable word by word when its value is known (`PKGS='a b' && yum install
    /// $PKGS`), and skips it when it is not.
    ///
    /// ## References
    /// - [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
    pub YumUnpinned {
        code: "DL3033",
        name: "yum-unpinned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3033"),
        locality: Instruction,
    }
}

impl YumUnpinned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        report_rpm_unpinned(ctx, idx, &["yum"]);
    }
}

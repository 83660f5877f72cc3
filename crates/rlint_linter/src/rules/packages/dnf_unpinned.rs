//! DL3041: `dnf install` or `microdnf install` of packages without a version.

use super::system_packages::report_rpm_unpinned;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `dnf install` (or `microdnf install`) of a package without a version.
    ///
    /// ## What it does
    /// Reports each package of `dnf install` or `microdnf install` written without a version
    /// (`httpd` rather than `httpd-2.4.62`), and each module of `dnf module install` without
    /// a stream (`nodejs` rather than `nodejs:20`). A name counts as versioned when, after its
    /// first `-`, the dash-separated parts use only letters, digits and `.~^_:+` and one of
    /// them starts with a digit. `.rpm` files and groups (`@group`, `group install`) are not
    /// reported, nor are option values such as `--enablerepo crb`.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the repository offers that day: builds
    /// are not reproducible, and a new package version can break the image without any change
    /// to the Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each unpinned package is reported at its own position. hadolint takes option values
    /// (`--enablerepo crb`) for packages and reports RPM files given through a variable
    /// (`${DIR}/*.rpm`); rlint does neither. rlint sees `sudo dnf` and `bash <<EOF` heredocs,
    /// checks a package list held in a variable word by word when its value is known
    /// (`PKGS='a b' && dnf install $PKGS`), and skips it when it is not (`$(<packages.txt)`).
    ///
    /// ## References
    /// - [dnf install](https://dnf.readthedocs.io/en/latest/command_ref.html#install-command)
    pub DnfUnpinned {
        code: "DL3041",
        name: "dnf-unpinned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3041"),
        locality: Instruction,
    }
}

impl DnfUnpinned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        report_rpm_unpinned(ctx, idx, &["dnf", "microdnf"]);
    }
}

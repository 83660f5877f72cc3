//! DL3013: `pip install` of packages without a version constraint.

use super::language_packages::{is_pip, operand_fields};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `pip install` of a package without a version constraint.
    ///
    /// ## What it does
    /// Reports each package named by `pip install` (also `pip3`, `python -m pip` and `pipx
    /// install`) that carries no version specifier (`==`, `>=`, `~=`, `<`, ...). Requirement
    /// files (`-r`), the local project (`.`), paths, URLs, wheel and sdist files, and VCS
    /// URLs with an `@ref` are not reported; a command that reads a constraints file (`-c`)
    /// is skipped entirely, since the constraints may pin everything.
    ///
    /// ## Why is this bad?
    /// An unpinned package resolves to whatever PyPI offers on the day of the build. Two
    /// builds of the same Dockerfile can install different versions, and a new release can
    /// break the image without any change on your side.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each unpinned package is reported at its own position. hadolint skips the whole command
    /// when it also installs a requirement file or `.` (`pip install -r req.txt gunicorn`
    /// leaves `gunicorn` unpinned); rlint still reports the named packages. Values of every
    /// pip option that takes one (`--cache-dir`, `--log`, `--root-user-action`, ...) are known,
    /// so they are never mistaken for packages, and commands behind `sudo`, `env` or an
    /// absolute path are seen. A VCS URL counts as pinned only when the `@ref` follows the
    /// host (`git+ssh://git@host/repo` is not pinned by its user name).
    ///
    /// ## References
    /// - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    /// - [pip install](https://pip.pypa.io/en/stable/cli/pip_install/)
    pub PipUnpinned {
        code: "DL3013",
        name: "pip-unpinned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3013"),
        locality: Instruction,
    }
}

const VCS_PREFIXES: &[&str] = &["git+", "hg+", "svn+", "bzr+", "git://", "svn://"];
const SPECIFIERS: &[&str] = &["==", ">=", "<=", ">", "<", "!=", "~=", "==="];
const ARCHIVES: &[&str] = &[".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip"];

impl PipUnpinned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands() {
            let Some(name) = command.name_str() else {
                continue;
            };
            if !is_pip(name) && name != "pipx" {
                continue;
            }
            let parsed = rlint_shell::parse_options("pip", &command.args);
            if parsed.subcommand_str() != Some("install") {
                continue;
            }
            if parsed.has(&["-c", "--constraint"]) {
                continue;
            }
            for word in &parsed.operands {
                if word.has_expansion {
                    continue;
                }
                for package in operand_fields(word) {
                    if package.is_empty() || is_pinned(package) {
                        continue;
                    }
                    let message = if is_vcs(package) {
                        format!("pin `{package}` to a tag or commit: append `@<ref>`")
                    } else {
                        format!("pin the version of `{package}`: `{package}==<version>`")
                    };
                    ctx.report(script.range(&word.range), message);
                }
            }
        }
    }
}

/// Whether a pip requirement names a fixed version or a local or remote artifact.
fn is_pinned(package: &str) -> bool {
    if package == "." || package == ".." {
        return true;
    }
    if is_vcs(package) {
        // `git+https://host/org/repo@v1.0`: the ref follows the host part.
        let after_scheme = package.split_once("://").map_or(package, |(_, rest)| rest);
        let path = after_scheme.split_once('/').map_or("", |(_, rest)| rest);
        return path.contains('@');
    }
    // PEP 508 direct references (`name @ https://...`) and specifiers.
    SPECIFIERS.iter().any(|it| package.contains(it))
        || package.contains('@')
        || ARCHIVES.iter().any(|it| package.ends_with(it))
        || package.contains('/')
}

/// Whether a requirement is a VCS URL (`git+https://...`).
fn is_vcs(package: &str) -> bool {
    VCS_PREFIXES.iter().any(|it| package.starts_with(it))
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn pins_and_artifacts() {
        assert!(is_pinned("flask==3.0"));
        assert!(is_pinned("flask>=3"));
        assert!(is_pinned("requests[socks]~=2.31"));
        assert!(is_pinned("./dist/app-1.0-py3-none-any.whl"));
        assert!(is_pinned("app-1.0.tar.gz"));
        assert!(is_pinned("git+https://github.com/org/repo@v1.0#egg=repo"));
        assert!(!is_pinned("git+ssh://git@github.com/org/repo.git"));
        assert!(!is_pinned("flask"));
        assert!(!is_pinned("requests[socks]"));
    }
}

//! DL3016: `npm install` of packages without a version.

use super::language_packages::operand_fields;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `npm install` of a package without a version.
    ///
    /// ## What it does
    /// Reports each package named by `npm install` (and its aliases `npm i` and `npm add`) that
    /// has no `@version` or `@tag`. A bare `npm install` or `npm ci`, which install from
    /// `package.json` and the lock file, is fine, as are tarballs (`.tgz`, `.tar.gz`), local
    /// folders (`./pkg`, `/src`, `~/pkg`), and git URLs or `user/repo` shorthands with a
    /// `#ref`.
    ///
    /// ## Why is this bad?
    /// Without a version npm installs the `latest` tag of the day. Builds are not reproducible,
    /// and a new major release can break the image without any change to the Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN npm install -g typescript
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN npm install -g typescript@5.6.3
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint only reads the word `install`; rlint also checks `npm i` and `npm add`, and
    /// sees `npm` behind `sudo`, `env` or an absolute path. Values of npm options that take
    /// one (`--prefix`, `--omit`, `--cache`, ...) are not taken for packages. Each unpinned
    /// package is reported at its own position.
    ///
    /// ## References
    /// - [npm install](https://docs.npmjs.com/cli/commands/npm-install)
    pub NpmUnpinned {
        code: "DL3016",
        name: "npm-unpinned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3016"),
        locality: Instruction,
    }
}

const GIT_PREFIXES: &[&str] = &["git://", "git+ssh://", "git+http://", "git+https://"];
const TARBALLS: &[&str] = &[".tar", ".tar.gz", ".tgz"];
const PATH_PREFIXES: &[&str] = &["/", "./", "../", "~/", "file:"];

impl NpmUnpinned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("npm") {
            let parsed = command.options();
            if !matches!(parsed.subcommand_str(), Some("install" | "i" | "add")) {
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
                    let message = if GIT_PREFIXES.iter().any(|it| package.starts_with(it)) {
                        format!("pin `{package}` to a tag or commit: append `#<ref>`")
                    } else {
                        format!("pin the version of `{package}`: `{package}@<version>`")
                    };
                    ctx.report(script.range(&word.range), message);
                }
            }
        }
    }
}

/// Whether an npm package spec names a version, a tag, a git ref or a local artifact.
fn is_pinned(package: &str) -> bool {
    if GIT_PREFIXES.iter().any(|it| package.starts_with(it)) {
        return package.contains('#');
    }
    // A URL or `user/repo` GitHub shorthand with a `#commit-ish`.
    if package.contains('/') && package.contains('#') {
        return true;
    }
    if TARBALLS.iter().any(|it| package.ends_with(it))
        || PATH_PREFIXES.iter().any(|it| package.starts_with(it))
        || package == "."
        || package == ".."
    {
        return true;
    }
    // `@scope/name@1.2.3`: the version follows the scope.
    let unscoped = match package.strip_prefix('@') {
        Some(rest) => rest.split_once('/').map_or("", |(_, name)| name),
        None => package,
    };
    unscoped.contains('@')
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn versions_tags_and_sources() {
        assert!(is_pinned("express@4.19.2"));
        assert!(is_pinned("@angular/cli@17"));
        assert!(is_pinned("git+https://github.com/org/repo.git#v1.0"));
        assert!(is_pinned("./local-package"));
        assert!(is_pinned("package.tgz"));
        assert!(is_pinned("https://github.com/org/repo#4c144c58"));
        assert!(!is_pinned("@angular/cli"));
        assert!(!is_pinned("express"));
        assert!(!is_pinned("git+https://github.com/org/repo.git"));
    }
}

//! DL3062: `go install`, `go get` or `go run` of a remote module without a version.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `go install`, `go get` and `go run` of a remote module without a fixed version.
    ///
    /// ## What it does
    /// Reports each module of `go install` and `go get` that has no `@version`, or whose
    /// version is `@latest` or `@none`, and the package of `go run` (its first operand) when
    /// it is a remote one without a version. Local packages (`.`, `./...`, `/src/cmd`), Go
    /// files (`go run main.go`), and import paths that do not start with a host name (`std`,
    /// `tool`, a GOPATH package like `app/server`), which Go never downloads, are not
    /// reported.
    ///
    /// ## Why is this bad?
    /// Without a version Go fetches the newest release of the module at build time: builds
    /// are not reproducible, and a new release can break the image without any change to the
    /// Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@latest
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@v0.16.2
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint reports `go run main.go` and every package name without a path prefix
    /// (`go install std`, `go install tool`, `go get app/server`); rlint treats `.go` files and
    /// import paths without a host name as local, since Go does not fetch them. Go flags that take a value (`-ldflags`,
    /// `-o`, `-tags`, ...) are not taken for packages, `go` behind `sudo`, `env` or an
    /// absolute path is seen, and each module is reported at its own position.
    ///
    /// ## References
    /// - [go install](https://go.dev/ref/mod#go-install)
    /// - [go get](https://go.dev/ref/mod#go-get)
    pub GoInstallUnversioned {
        code: "DL3062",
        name: "go-install-unversioned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3062"),
        locality: Instruction,
    }
}

impl GoInstallUnversioned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("go") {
            let parsed = command.options();
            let subcommand = parsed.subcommand_str().unwrap_or_default();
            let operands = match subcommand {
                "install" | "get" => &parsed.operands[..],
                // The words after the package are the program's arguments.
                "run" => parsed.operands.get(..1).unwrap_or_default(),
                _ => continue,
            };
            for word in operands {
                let module = word.value.as_str();
                if is_local(module) {
                    continue;
                }
                let message = match module.rsplit_once('@') {
                    None if word.has_expansion => continue,
                    None => format!(
                        "`go {subcommand} {module}` fetches whatever is newest: add `@<version>`"
                    ),
                    Some((path, version @ ("latest" | "none" | ""))) => {
                        format!("`@{version}` is not a fixed version: use `{path}@<version>`")
                    }
                    Some(_) => continue,
                };
                ctx.report(script.range(&word.range), message);
            }
        }
    }
}

/// Whether a Go package argument names code that is not fetched: a relative or absolute path,
/// a pattern under one, Go source files, or an import path whose first element is not a domain
/// (`std`, `tool`, `cmd/...`, a GOPATH package such as `app/server`): the go command only
/// downloads paths that start with a host name.
fn is_local(package: &str) -> bool {
    let path = package.split('@').next().unwrap_or(package);
    let first = path.split('/').next().unwrap_or(path);
    package.starts_with('.')
        || package.starts_with('/')
        || package.ends_with(".go")
        || package.is_empty()
        || (!first.contains('.') && !first.contains('$'))
}

#[cfg(test)]
mod tests {
    use super::is_local;

    #[test]
    fn local_packages() {
        assert!(is_local("."));
        assert!(is_local("./..."));
        assert!(is_local("./cmd/app"));
        assert!(is_local("/src/app"));
        assert!(is_local("main.go"));
        assert!(is_local("std"));
        assert!(is_local("tool"));
        assert!(is_local("app/server"));
        assert!(!is_local("gopkg.in/yaml.v3"));
        assert!(!is_local("golang.org/x/tools/gopls"));
        assert!(!is_local("github.com/org/tool@latest"));
    }
}

//! RL3007: package installs without a BuildKit cache mount.

use crate::declare_rule;
use crate::rule::Context;
use rlint_shell::SimpleCommand;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags package-manager installs without `RUN --mount=type=cache` in a Dockerfile that
    /// already uses BuildKit syntax.
    ///
    /// ## What it does
    /// When the file opts into BuildKit features (a `# syntax=` directive, or any
    /// `RUN --mount`), reports install commands whose RUN has no `type=cache` mount:
    /// `apt-get install`, `apk add`, `dnf`/`yum install`, `pip install`, `npm ci`/`install`,
    /// `yarn install`, `pnpm install`, `go mod download`/`go build`, `cargo build`/`fetch`,
    /// `bundle install` and `composer install`. Installs told not to cache (`apk --no-cache`,
    /// `pip --no-cache-dir`) are skipped: they chose to keep no cache.
    ///
    /// ## Why is this bad?
    /// When a change to the manifest invalidates the install layer, the package manager
    /// starts from an empty cache and downloads every package again. A cache mount keeps its
    /// directory on the builder between builds, outside any layer, so rebuilds only fetch
    /// what changed and the image does not carry the cache.
    ///
    /// ## Example
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// FROM python:3.13-slim
    /// COPY requirements.txt .
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// FROM python:3.13-slim
    /// COPY requirements.txt .
    /// RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
    /// ```
    ///
    /// ## Known problems
    /// Off by default: cache mounts help only on builders that persist their cache (not on
    /// most ephemeral CI runners without cache export), and `apt-get` needs
    /// `/etc/apt/apt.conf.d/docker-clean` removed before its cache mount is effective.
    ///
    /// ## References
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    /// - [Optimize cache usage: cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub MissingCacheMount {
        code: "RL3007",
        name: "missing-cache-mount",
        category: LayerCache,
        severity: Off,
        fix: None,
        source: Rlint,
    }
}

/// The cache directory an install command would use, when it is one.
fn cache_target(command: &SimpleCommand) -> Option<&'static str> {
    let name = command.name_str()?;
    let parsed = command.options();
    let sub = parsed.subcommand_str();
    Some(match (name, sub) {
        ("apt-get" | "apt", Some("install")) => "/var/cache/apt",
        ("apk", Some("add")) if !parsed.has(&["--no-cache"]) => "/var/cache/apk",
        ("dnf", Some("install")) => "/var/cache/dnf",
        ("yum", Some("install")) => "/var/cache/yum",
        ("pip" | "pip3", Some("install")) if !parsed.has(&["--no-cache-dir"]) => "/root/.cache/pip",
        ("npm", Some("ci" | "install" | "i")) => "/root/.npm",
        ("yarn", Some("install")) => "/usr/local/share/.cache/yarn",
        ("pnpm", Some("install" | "i")) => "/root/.local/share/pnpm/store",
        ("go", Some("build")) => "/root/.cache/go-build",
        ("go", Some("mod")) if command.arg_values().any(|a| a == "download") => "/go/pkg/mod",
        ("cargo", Some("build" | "fetch")) => "/usr/local/cargo/registry",
        ("bundle", Some("install")) => "/usr/local/bundle/cache",
        ("composer", Some("install")) => "/tmp/cache",
        _ => return None,
    })
}

impl MissingCacheMount {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        let buildkit = model
            .root
            .directives()
            .any(|d| d.key().as_deref() == Some("syntax"))
            || model
                .instructions
                .iter()
                .any(|i| matches!(i, Instruction::Run(_)) && i.flag("--mount").is_some());
        if !buildkit {
            return;
        }
        for run in &model.runs {
            let cached = run
                .mounts
                .iter()
                .any(|m| m.split(',').any(|f| f == "type=cache"));
            if cached {
                continue;
            }
            for (script, command) in run.commands() {
                let Some(target) = cache_target(command) else {
                    continue;
                };
                let Some(word) = &command.name else {
                    continue;
                };
                let tool = command.name_str().unwrap_or_default();
                ctx.report(
                    script.range(&word.range),
                    format!("`{tool}` downloads into an empty cache on every rebuild: add `--mount=type=cache,target={target}` to the RUN"),
                );
            }
        }
    }
}

//! RL3001: whole build context copied before the dependency install.

use super::{basename, glob_match, is_whole_context};
use crate::declare_rule;
use crate::model::Model;
use crate::rule::Context;
use rlint_shell::SimpleCommand;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags a dependency install that runs after `COPY . .` copied the whole build context.
    ///
    /// ## What it does
    /// In each stage, finds the first `COPY`/`ADD` of the whole context (`.`), then reports a
    /// later dependency install that only needs manifests: `npm ci`/`npm install`, `yarn`
    /// (`install`), `pnpm install`, `pip install -r`, `poetry install`, `uv sync`,
    /// `pipenv install`, `bundle install`, `composer install`, `go mod download`,
    /// `cargo fetch`, `mvn dependency:...`, `gradle dependencies` and `dotnet restore`. It is
    /// not reported when the manifests were copied on their own before the whole context (the
    /// install then usually ran earlier too).
    ///
    /// ## Why is this bad?
    /// The cache key of a `COPY` is a checksum of the files it copies, and once an
    /// instruction misses the cache every later instruction of the stage is rebuilt. With
    /// `COPY . .` first, editing any source file invalidates the copy and therefore the
    /// install: every build downloads and installs all dependencies again. Copying only the
    /// manifests and lock files first, installing, then copying the rest keeps the install
    /// layer cached until the dependencies themselves change.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-alpine
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// ```
    ///
    /// ## Known problems
    /// A `.dockerignore` that leaves only the manifests in the context makes `COPY . .`
    /// harmless; rlint does not read it for this rule. Installs that need the sources
    /// (`pip install .`, `cargo build`) are not reported, and neither is an install after a
    /// directory was copied on its own before the whole context (it may hold the manifests).
    ///
    /// ## References
    /// - [Docker build cache: order your layers](https://docs.docker.com/build/cache/optimize/#order-your-layers)
    /// - [Docker build cache invalidation](https://docs.docker.com/build/cache/invalidation/)
    pub CopyContextBeforeDeps {
        code: "RL3001",
        name: "copy-context-before-deps",
        category: LayerCache,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

/// A dependency install: what to call it and the manifests it reads.
struct Install {
    label: String,
    manifests: Vec<String>,
}

fn install_of(command: &SimpleCommand) -> Option<Install> {
    let name = command.name_str()?;
    // The tools of the table below: options are parsed only for them.
    const TOOLS: &[&str] = &[
        "npm", "yarn", "pnpm", "pip", "pip3", "poetry", "uv", "pipenv", "bundle", "composer", "go",
        "cargo", "mvn", "mvnw", "gradle", "gradlew", "dotnet",
    ];
    if !TOOLS.contains(&name) {
        return None;
    }
    let parsed = command.options();
    // Tools without a subcommand table (bundle, poetry, ...) give it as the first operand.
    let sub = parsed.subcommand_str().or_else(|| {
        command
            .args
            .iter()
            .map(|a| a.value.as_str())
            .find(|a| !a.starts_with('-'))
    });
    let no_operands = parsed.operands.is_empty();
    let (label, manifests): (&str, &'static [&'static str]) = match (name, sub) {
        ("npm", Some("ci")) => (
            "npm ci",
            &["package.json", "package-lock.json", "npm-shrinkwrap.json"],
        ),
        ("npm", Some("install" | "i")) if no_operands => (
            "npm install",
            &["package.json", "package-lock.json", "npm-shrinkwrap.json"],
        ),
        ("yarn", None) if command.args.iter().all(|a| a.value.starts_with('-')) => {
            ("yarn", &["package.json", "yarn.lock"])
        }
        ("yarn", Some("install")) => ("yarn install", &["package.json", "yarn.lock"]),
        ("pnpm", Some("install" | "i")) if no_operands => {
            ("pnpm install", &["package.json", "pnpm-lock.yaml"])
        }
        ("pip" | "pip3", Some("install")) if parsed.has(&["-r", "--requirement"]) => {
            let file = parsed.value_of(&["-r", "--requirement"])?;
            let file = if file.value.contains('$') {
                "requirements*.txt".to_string()
            } else {
                basename(&file.value).to_string()
            };
            return Some(Install {
                label: "pip install -r".to_string(),
                manifests: vec![file],
            });
        }
        ("poetry", Some("install")) => ("poetry install", &["pyproject.toml", "poetry.lock"]),
        ("uv", Some("sync")) => ("uv sync", &["pyproject.toml", "uv.lock"]),
        ("pipenv", Some("install" | "sync")) => ("pipenv install", &["Pipfile", "Pipfile.lock"]),
        ("bundle", Some("install")) => {
            ("bundle install", &["Gemfile", "Gemfile.lock", "*.gemspec"])
        }
        ("composer", Some("install")) => ("composer install", &["composer.json", "composer.lock"]),
        ("go", Some("mod")) if command.args.iter().any(|a| a.value == "download") => {
            ("go mod download", &["go.mod", "go.sum"])
        }
        ("cargo", Some("fetch")) => ("cargo fetch", &["Cargo.toml", "Cargo.lock"]),
        ("mvn" | "mvnw", _)
            if command
                .args
                .iter()
                .any(|a| a.value.starts_with("dependency:")) =>
        {
            ("mvn dependency", &["pom.xml"])
        }
        ("gradle" | "gradlew", _) if command.args.iter().any(|a| a.value == "dependencies") => (
            "gradle dependencies",
            &["build.gradle", "build.gradle.kts", "settings.gradle*"],
        ),
        ("dotnet", Some("restore")) => (
            "dotnet restore",
            &["*.csproj", "*.fsproj", "*.vbproj", "*.sln"],
        ),
        _ => return None,
    };
    Some(Install {
        label: label.to_string(),
        manifests: manifests.iter().map(|m| (*m).to_string()).collect(),
    })
}

/// What a stage chain has copied up to some point: the basenames copied before the whole
/// context, whether a directory was among them (it may hold the manifests), and the
/// whole-context copy, once there is one (later copies do not matter).
#[derive(Default)]
struct Copied<'a> {
    names: Vec<String>,
    directory: bool,
    context_copy: Option<&'a Instruction>,
}

impl<'a> Copied<'a> {
    /// Takes in instruction `index` when it is a local COPY or ADD (and says so).
    fn record(&mut self, model: &'a Model, index: usize) -> bool {
        let instruction = &model.instructions[index];
        if !matches!(instruction, Instruction::Copy(_) | Instruction::Add(_)) {
            return false;
        }
        if self.context_copy.is_some() {
            return true;
        }
        let Some((sources, _)) = model.local_copy(index) else {
            return true;
        };
        if sources.iter().any(|s| is_whole_context(s)) {
            self.context_copy = Some(instruction);
        } else {
            for source in sources {
                let name = basename(source);
                self.directory |= source.ends_with('/') || !name.contains(['.', '*']);
                self.names.push(name.to_string());
            }
        }
        true
    }
}

impl CopyContextBeforeDeps {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        // Only an install can be reported: a stage without one needs no walk up its chain.
        // (Each installing stage of a chain still walks all of it.)
        let installs = model.stages[stage]
            .body
            .clone()
            .filter_map(|index| model.run_at(index).filter(|r| !r.onbuild))
            .any(|run| {
                run.commands()
                    .any(|(_, command)| install_of(command).is_some())
            });
        if !installs {
            return;
        }
        // A stage starts from what the stages it is built on had copied by their ends.
        let mut state = Copied::default();
        let body = model.stages[stage].body.clone();
        for index in super::chain_indices(model, stage).take_while(|&i| i < body.start) {
            state.record(model, index);
            // Later copies change nothing once the whole context is copied.
            if state.context_copy.is_some() {
                break;
            }
        }
        // A copy in a parent stage is pointed at through this stage's FROM: findings stay
        // within their stage, which lets the language server keep them across edits.
        let inherited = state.context_copy.is_some();
        let base = model.stages[stage]
            .image_range
            .unwrap_or_else(|| model.instructions[model.stages[stage].from_index].content_range());
        for index in body {
            let instruction = &model.instructions[index];
            if state.record(model, index) {
                continue;
            }
            let (Instruction::Run(_), Some(copy)) = (instruction, state.context_copy) else {
                continue;
            };
            let Some(run) = model.run_at(index).filter(|r| !r.onbuild) else {
                continue;
            };
            for (script, command) in run.commands() {
                let Some(install) = install_of(command) else {
                    continue;
                };
                let seen = state.names.iter().any(|name| {
                    install
                        .manifests
                        .iter()
                        .any(|m| glob_match(m, name) || glob_match(name, m))
                });
                if seen || state.directory {
                    continue;
                }
                let Some(name_word) = &command.name else {
                    continue;
                };
                let first_manifests = install
                    .manifests
                    .iter()
                    .take(2)
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(" and ");
                let end = command
                    .options()
                    .subcommand
                    .as_ref()
                    .map_or(name_word.range.end, |(_, r)| r.end);
                ctx.report(
                    script.range(&(name_word.range.start..end)),
                    format!(
                        "`{}` runs after the whole build context was copied, so any source change re-runs it: copy {first_manifests} first and install before `COPY . .`",
                        install.label
                    ),
                )
                .with_related(
                    if inherited {
                        base
                    } else {
                        copy.content_range()
                    },
                    if inherited {
                        "built on a stage that copies the whole build context"
                    } else {
                        "the whole build context is copied here"
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The related location of each finding, as text.
    fn related(text: &str) -> Vec<String> {
        crate::check_text(&super::CopyContextBeforeDeps, text)
            .iter()
            .flat_map(|d| d.related.iter().map(|(r, _)| text[*r].to_string()))
            .collect()
    }

    #[test]
    fn a_copy_in_a_parent_stage_is_pointed_at_through_the_from() {
        let own = "FROM node:22 AS app\nCOPY . .\nRUN npm ci\n";
        assert_eq!(related(own), ["COPY . ."]);
        let parent = "FROM node:22 AS src\nCOPY . .\nFROM src\nRUN npm ci\n";
        assert_eq!(related(parent), ["src"]);
    }
}

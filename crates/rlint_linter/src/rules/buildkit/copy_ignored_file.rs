//! RL2017 (BuildKit `CopyIgnoredFile`): COPY/ADD sources that `.dockerignore` excludes.

use crate::declare_rule;
use crate::model::expand_with;
use crate::rule::Context;
use crate::rules::buildkit::common::stage_env;
use crate::rules::buildkit::dockerignore::clean_path;
use rlint_syntax::ast::{Command, Instruction};
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags `COPY` and `ADD` sources that the `.dockerignore` file excludes.
    ///
    /// ## What it does
    /// Matches each local source of `COPY` and `ADD` (variables expanded; not `COPY --from`,
    /// URLs or git sources) against the `.dockerignore` beside the Dockerfile, with Docker's
    /// pattern rules. Like BuildKit, it runs only when the ignore file has no `!` exceptions.
    ///
    /// ## Why is this bad?
    /// An excluded file is not sent to the builder: the `COPY` fails, or a wildcard silently
    /// copies less than it seems to.
    ///
    /// ## Example
    /// ```dockerfile
    /// # .dockerignore: node_modules
    /// FROM node:20
    /// COPY node_modules /app/node_modules
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20
    /// COPY package.json package-lock.json /app/
    /// RUN cd /app && npm ci
    /// ```
    ///
    /// ## Options
    /// Inert without a `.dockerignore`. Both the CLI and the language server read
    /// `<Dockerfile>.dockerignore` beside the Dockerfile, else `.dockerignore` in its directory
    /// (the server reads it again when the editor reports that it changed).
    ///
    /// ## References
    /// - [BuildKit check CopyIgnoredFile](https://docs.docker.com/reference/build-checks/copy-ignored-file/)
    /// - [.dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    pub CopyIgnoredFile {
        code: "RL2017",
        name: "copy-ignored-file",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Buildkit("CopyIgnoredFile"),
        aliases: ["CopyIgnoredFile"],
        locality: Stage,
    }
}

impl CopyIgnoredFile {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        // Inert without a `.dockerignore` (the front end passes it, parsed, in the options), and
        // like BuildKit when it has no pattern or has exceptions.
        let options = ctx.options;
        let Some(ignore) = &options.dockerignore else {
            return;
        };
        if ignore.is_empty() || ignore.has_exclusions() {
            return;
        }
        let model = ctx.model;
        for idx in model.stage_span(stage) {
            let instruction = &model.instructions[idx];
            let keyword = match instruction {
                Instruction::Copy(_) => "COPY",
                Instruction::Add(_) => "ADD",
                _ => continue,
            };
            if instruction.flag("--from").is_some() {
                continue;
            }
            let env = stage_env(model.scope_at(idx));
            let mut paths = sources(instruction);
            // The last path is the destination.
            paths.pop();
            for (raw, range) in paths {
                if raw.starts_with("<<") || is_remote(&raw) {
                    continue;
                }
                let Some(expansion) = expand_with(&raw, &env, model.escape) else {
                    continue;
                };
                let cleaned = clean_path(&expansion.value);
                let path = cleaned.trim_start_matches('/');
                let path = if path.is_empty() { "." } else { path };
                if ignore.matches(path) {
                    ctx.report(
                        range,
                        format!(
                            "`{}` is excluded by .dockerignore, so {keyword} cannot use it",
                            expansion.value
                        ),
                    );
                }
            }
        }
    }
}

/// Source and destination words of a COPY/ADD (JSON strings as written between quotes).
fn sources(instruction: &Instruction) -> Vec<(String, TextRange)> {
    if let Some(Command::Exec(exec)) = instruction.command() {
        return exec.strings();
    }
    match instruction {
        Instruction::Copy(copy) => copy.paths(),
        Instruction::Add(add) => add.paths(),
        _ => Vec::new(),
    }
}

fn is_remote(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    ["http://", "https://", "git@", "git://", "ssh://"]
        .iter()
        .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::CopyIgnoredFile;
    use crate::rules::buildkit::dockerignore::Dockerignore;
    use crate::{Model, RuleOptions};
    use std::path::Path;

    fn lines_hit(dockerfile: &str, ignore: &str) -> Vec<u32> {
        let parse = rlint_syntax::parse(dockerfile);
        let model = Model::new(&parse);
        let options = RuleOptions {
            dockerignore: Some(std::sync::Arc::new(Dockerignore::parse(ignore))),
            ..RuleOptions::default()
        };
        crate::check_rule(&CopyIgnoredFile, &model, &options)
            .iter()
            .map(|d| model.line_of(d.range.start()))
            .collect()
    }

    fn data(name: &str) -> String {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/rules/copy_ignored_file");
        std::fs::read_to_string(dir.join(name)).expect("test data")
    }

    #[test]
    fn reports_ignored_sources_of_the_test_data() {
        let ignore = data("dockerignore");
        assert_eq!(lines_hit(&data("fire.Dockerfile"), &ignore), [5, 7, 9, 11]);
        assert!(lines_hit(&data("clean.Dockerfile"), &ignore).is_empty());
    }

    #[test]
    fn inert_with_exceptions_or_without_patterns() {
        let dockerfile = "FROM alpine\nCOPY secret.txt /x\n";
        assert_eq!(lines_hit(dockerfile, "secret.txt"), [2]);
        assert!(lines_hit(dockerfile, "secret.txt\n!keep").is_empty());
        assert!(lines_hit(dockerfile, "").is_empty());
        // `.` is excluded only by catch-all patterns.
        assert_eq!(lines_hit("FROM alpine\nCOPY . /app\n", "*"), [2]);
        assert!(lines_hit("FROM alpine\nCOPY . /app\n", "node_modules").is_empty());
    }
}

//! RL3004: `chown -R`/`chmod -R` of files an earlier COPY wrote.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::TextSize;

declare_rule! {
    /// Flags `RUN chown -R` or `RUN chmod -R` on the destination of an earlier `COPY`/`ADD` of
    /// the stage.
    ///
    /// ## What it does
    /// Tracks the absolute destination of every local `COPY`/`ADD` of a stage (relative ones
    /// are resolved against `WORKDIR`) and reports a later recursive `chown` or `chmod` whose
    /// target is that destination, contains it, or lies inside it.
    ///
    /// ## Why is this bad?
    /// Changing the owner or mode of a file changes its metadata, and layers record changes
    /// per file: the RUN layer holds a full second copy of every file it touches. The copied
    /// tree is shipped twice and the image grows by its whole size. `COPY --chown` and
    /// `COPY --chmod` set ownership and mode while copying, in the one layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY app /srv/app
    /// RUN chown -R node:node /srv/app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY --chown=node:node app /srv/app
    /// ```
    ///
    /// ## Fix safety
    /// Offered when the RUN does nothing else, has one target equal to the destination of
    /// one earlier `COPY`/`ADD` without `--chown` (or `--chmod`, which must be octal), and the
    /// owner or mode is a literal: the flag is added to that copy and the RUN removed. It is
    /// unsafe because `chown -R` also changed files that were already at the destination (from
    /// the base image or other instructions), and `COPY --chown` leaves parent directories it
    /// creates owned by root.
    ///
    /// ## References
    /// - [Dockerfile reference: COPY --chown --chmod](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)
    /// - [Docker build: layers](https://docs.docker.com/build/guide/layers/)
    pub ChownAfterCopy {
        code: "RL3004",
        name: "chown-after-copy",
        category: LayerCache,
        severity: Warning,
        fix: Unsafe,
        source: Rlint,
        locality: Stage,
    }
}

/// A local copy seen earlier in the stage.
struct Copied<'a> {
    instruction: &'a Instruction,
    destination: String,
}

/// Joins a path to the working directory and removes `.`/`..` and trailing slashes.
fn absolute(workdir: Option<&str>, path: &str) -> Option<String> {
    if path.contains('$') {
        return None;
    }
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{path}", workdir?)
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

fn within(inner: &str, outer: &str) -> bool {
    inner == outer || outer == "/" || inner.starts_with(&format!("{outer}/"))
}

impl ChownAfterCopy {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let stage = &model.stages[stage];
        // A stage on an image starts in `/` unless the image sets WORKDIR: unknown.
        let mut workdir: Option<String> = None;
        let mut copies: Vec<Copied> = Vec::new();
        for (offset, instruction) in model.stage_instructions(stage.index).iter().enumerate() {
            let index = stage.body.start + offset;
            match instruction {
                Instruction::Workdir(_) => {
                    let path = instruction
                        .arguments()
                        .next()
                        .map(|a| a.text().text)
                        .unwrap_or_default();
                    let path = model.scope_at(index).expand(&path, model.escape);
                    workdir = path.known().and_then(|p| absolute(workdir.as_deref(), p));
                }
                Instruction::Copy(_) | Instruction::Add(_) => {
                    if let Some((_, destination)) = model.local_copy(index) {
                        if let Some(destination) = absolute(workdir.as_deref(), destination) {
                            copies.push(Copied {
                                instruction,
                                destination,
                            });
                        }
                    }
                }
                Instruction::Run(_) => {
                    let Some(run) = model.run_at(index).filter(|r| !r.onbuild) else {
                        continue;
                    };
                    check_run(ctx, run, workdir.as_deref(), &copies);
                }
                _ => {}
            }
        }
    }
}

fn check_run(
    ctx: &mut Context<'_>,
    run: &crate::model::Run,
    workdir: Option<&str>,
    copies: &[Copied<'_>],
) {
    for (script, command) in run.commands() {
        let Some(tool @ ("chown" | "chmod")) = command.name_str() else {
            continue;
        };
        let parsed = command.options();
        if !parsed.has(&["-R", "--recursive"])
            && !command
                .arg_values()
                .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('R'))
        {
            continue;
        }
        if parsed.has(&["--reference"]) {
            continue;
        }
        let mut operands = parsed.operands.iter();
        let Some(spec) = operands.next() else {
            continue;
        };
        let targets: Vec<_> = operands.collect();
        for target in &targets {
            let Some(path) = absolute(workdir, &target.value) else {
                continue;
            };
            let hits: Vec<&Copied> = copies
                .iter()
                .filter(|c| within(&c.destination, &path) || within(&path, &c.destination))
                .collect();
            let Some(last) = hits.last() else {
                continue;
            };
            let flag = if tool == "chown" {
                "--chown"
            } else {
                "--chmod"
            };
            let diagnostic = ctx
                .report(
                    script.range(&target.range),
                    format!(
                        "`{tool} -R` rewrites files an earlier COPY wrote, duplicating them in a new layer: use `COPY {flag}={}`",
                        spec.value
                    ),
                )
                .with_related(last.instruction.content_range(), "the files are copied here");
            // The fix: one command, one target equal to one copy's destination.
            let single = run.commands().filter(|(_, c)| c.name.is_some()).count() == 1
                && targets.len() == 1
                && hits.len() == 1
                && last.destination == path
                && !run.exec_form
                && run.scripts.len() == 1
                && !run.scripts[0].heredoc
                && !spec.has_expansion
                && last.instruction.flag(flag).is_none()
                && (tool == "chown" || spec.value.bytes().all(|b| b.is_ascii_digit()));
            if single {
                let keyword_end: TextSize = last.instruction.keyword_range().end();
                // The RUN's node ends with its own line break: deleting it removes the line.
                let delete = run.instruction.syntax().text_range();
                diagnostic.with_fix(Fix::unsafe_(
                    format!("Move into `COPY {flag}={}`", spec.value),
                    vec![
                        Edit::insert(keyword_end, format!(" {flag}={}", spec.value)),
                        Edit::delete(delete),
                    ],
                ));
            }
        }
    }
}

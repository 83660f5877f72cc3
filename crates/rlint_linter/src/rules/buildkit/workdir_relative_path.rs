//! RL2009 (BuildKit `WorkdirRelativePath`): a stage chain's first WORKDIR is relative.

use crate::declare_rule;
use crate::model::expand_with;
use crate::model::Inherit;
use crate::rule::Context;
use crate::rules::buildkit::common::stage_env;
use rlint_syntax::ast::{AstNode, Instruction};

declare_rule! {
    /// Flags a relative `WORKDIR` when no earlier `WORKDIR` set the directory.
    ///
    /// ## What it does
    /// Reports the first `WORKDIR` of a stage (counting the stages it is built `FROM`) when
    /// its path, variables expanded, is not absolute. After any `WORKDIR` the working directory
    /// is known and later relative paths are fine.
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` is resolved against the base image's working directory, which the
    /// Dockerfile does not show and which can change with a new image version.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// WORKDIR app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20
    /// WORKDIR /app
    /// ```
    ///
    /// ## Differences from BuildKit
    /// BuildKit also accepts a working directory set by the base image; rlint cannot see image
    /// configurations and judges from the Dockerfile alone, as `docker build --check` does
    /// with an image that sets none.
    ///
    /// ## References
    /// - [BuildKit check WorkdirRelativePath](https://docs.docker.com/reference/build-checks/workdir-relative-path/)
    pub WorkdirRelativePath {
        code: "RL2009",
        name: "workdir-relative-path",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Buildkit("WorkdirRelativePath"),
        aliases: ["WorkdirRelativePath"],
        locality: Stage,
    }
}

impl WorkdirRelativePath {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let mut workdir_set = model.inherits(stage, Inherit::WorkdirForBuildkit);
        for idx in model.stages[stage].body.clone() {
            let instruction = &model.instructions[idx];
            if !matches!(instruction, Instruction::Workdir(_)) {
                continue;
            }
            if std::mem::replace(&mut workdir_set, true) {
                continue;
            }
            let Some(argument) = instruction.arguments().next() else {
                continue;
            };
            let raw = argument.text().text;
            let env = stage_env(model.scope_at(idx));
            let Some(expansion) = expand_with(&raw, &env, model.escape) else {
                continue;
            };
            // A variable whose value depends on the build may well be absolute.
            let scope = model.scope_at(idx);
            let depends_on_build = expansion
                .matched
                .iter()
                .chain(&expansion.unmatched)
                .any(|n| scope.get(n).is_some_and(|b| b.value.known().is_none()));
            if expansion.value.starts_with('/') || depends_on_build {
                continue;
            }
            ctx.report(
                argument.syntax().text_range(),
                format!(
                    "relative WORKDIR `{}` depends on the base image: use an absolute path",
                    expansion.value
                ),
            );
        }
    }
}

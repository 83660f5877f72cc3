//! DL3024: two stages with the same name.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::AstNode;
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags a stage name used by an earlier stage.
    ///
    /// ## What it does
    /// Reports the name after `AS` when an earlier stage has the same name, compared
    /// case-insensitively as BuildKit compares stage names. The finding points at the earlier
    /// stage too.
    ///
    /// ## Why is this bad?
    /// BuildKit refuses to build a Dockerfile whose stage names collide. Even where a builder
    /// accepts it, `FROM <name>` and `COPY --from=<name>` would silently pick one of the
    /// stages.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM node:22 AS build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build-api
    /// FROM node:22 AS build-web
    /// ```
    ///
    /// ## Differences from hadolint
    /// Names compare case-insensitively (`AS Build` and `AS build` collide at build time);
    /// hadolint compares them as written. BuildKit's `DuplicateStageName` check reports the
    /// same problem.
    ///
    /// ## Overlaps
    /// BuildKit's `DuplicateStageName` check (RL2004) reports the same problem. This rule is on by
    /// default and RL2004 is off, so each problem is reported once; select RL2004 to get BuildKit's
    /// exact wording and scope instead.
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - [Build checks: DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
    pub DuplicateStageAlias {
        code: "DL3024",
        name: "duplicate-stage-alias",
        category: Correctness,
        severity: Error,
        fix: None,
        source: Hadolint("DL3024"),
    }
}

impl DuplicateStageAlias {
    fn run(ctx: &mut Context<'_>) {
        let mut seen: Vec<(String, TextRange)> = Vec::new();
        for stage in &ctx.model.stages {
            let (Some(name), Some(node)) = (stage.name_lower(), stage.from.stage_name()) else {
                continue;
            };
            let range = node.syntax().text_range();
            if let Some((_, earlier)) = seen.iter().find(|(n, _)| *n == name) {
                let written = stage.name.as_deref().unwrap_or_default();
                ctx.report(
                    range,
                    format!("stage name `{written}` is already used by an earlier stage: give each stage its own name"),
                )
                .with_related(*earlier, "first stage with this name");
                continue;
            }
            seen.push((name, range));
        }
    }
}

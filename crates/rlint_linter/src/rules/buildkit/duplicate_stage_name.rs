//! RL2004 (BuildKit `DuplicateStageName`): two stages with the same name.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::AstNode;

declare_rule! {
    /// Flags a stage whose name an earlier stage already uses.
    ///
    /// ## What it does
    /// Compares stage names lowercased, as BuildKit does, and reports every later stage that
    /// reuses a name.
    ///
    /// ## Why is this bad?
    /// `COPY --from=name` and `FROM name` then silently pick one of the stages; the other is
    /// dead code or, worse, the one that was meant.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// FROM node:20 AS Build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.22 AS build-go
    /// FROM node:20 AS build-web
    /// ```
    ///
    /// ## Overlaps
    /// The same problem as hadolint's DL3024 (`duplicate-stage-alias`), which is on by default;
    /// this rule is off by default and exists for BuildKit parity (select `RL2004` or
    /// `DuplicateStageName`).
    ///
    /// ## References
    /// - [BuildKit check DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
    pub DuplicateStageName {
        code: "RL2004",
        name: "duplicate-stage-name",
        category: Correctness,
        severity: Off,
        fix: None,
        source: Buildkit("DuplicateStageName"),
        aliases: ["DuplicateStageName"],
    }
}

impl DuplicateStageName {
    fn run(ctx: &mut Context<'_>) {
        let stages = &ctx.model.stages;
        for (idx, stage) in stages.iter().enumerate() {
            let (Some(lower), Some(name)) = (stage.name_lower(), stage.from.stage_name()) else {
                continue;
            };
            let Some(earlier) = stages[..idx].iter().find(|s| s.has_lower_name(&lower)) else {
                continue;
            };
            let earlier_range = earlier
                .from
                .stage_name()
                .map_or(earlier.from.syntax().text_range(), |n| {
                    n.syntax().text_range()
                });
            ctx.report(
                name.syntax().text_range(),
                format!(
                    "stage name `{}` is already used by an earlier stage: rename one",
                    name.text()
                ),
            )
            .with_related(earlier_range, "first used here");
        }
    }
}

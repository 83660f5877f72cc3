//! RL2001 (BuildKit `StageNameCasing`): stage names that are not lowercase.

use crate::declare_rule;
use crate::rule::Context;
use crate::rules::buildkit::common::is_lowercase;
use rlint_syntax::ast::{AstNode, Instruction};

declare_rule! {
    /// Flags stage names that are not written in lowercase.
    ///
    /// ## What it does
    /// Reports `FROM image AS Name` when the name after `AS` has uppercase letters.
    ///
    /// ## Why is this bad?
    /// BuildKit lowercases stage names, so `AS Build` is really `build`. Writing it with capitals
    /// suggests the name is case-sensitive, and `COPY --from=build` silently matching it
    /// surprises readers.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS Builder
    /// FROM alpine:3.20
    /// COPY --from=Builder /out /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.22 AS builder
    /// FROM alpine:3.20
    /// COPY --from=builder /out /app
    /// ```
    ///
    /// ## References
    /// - [BuildKit check StageNameCasing](https://docs.docker.com/reference/build-checks/stage-name-casing/)
    pub StageNameCasing {
        code: "RL2001",
        name: "stage-name-casing",
        category: Style,
        severity: Warning,
        fix: None,
        source: Buildkit("StageNameCasing"),
        aliases: ["StageNameCasing"],
        locality: Instruction,
    }
}

impl StageNameCasing {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Instruction::From(from) = &ctx.model.instructions[idx] else {
            return;
        };
        let Some(name) = from.stage_name() else {
            return;
        };
        let text = name.text();
        if is_lowercase(&text) {
            return;
        }
        ctx.report(
            name.syntax().text_range(),
            format!("stage name `{text}` should be lowercase"),
        );
    }
}

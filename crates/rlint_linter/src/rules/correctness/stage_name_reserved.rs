//! DL3063: stages named `scratch` or `context`.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags a stage named `scratch` or `context`.
    ///
    /// ## What it does
    /// Reports the name after `AS` when it is `scratch` or `context`, in any letter case.
    ///
    /// ## Why is this bad?
    /// Both words already mean something to the builder: `scratch` is the empty base image and
    /// `context` names the build context in `COPY --from` and `RUN --mount=from=`. A stage with
    /// either name is ambiguous, and BuildKit rejects it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS context
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20 AS base
    /// ```
    ///
    /// ## Differences from hadolint
    /// Names are lower-cased first, as BuildKit does, so `AS Scratch` is reported too.
    /// BuildKit's `ReservedStageName` check reports the same problem.
    ///
    /// ## Overlaps
    /// BuildKit's `ReservedStageName` check (RL2005) reports the same problem. This rule is on by
    /// default and RL2005 is off, so each problem is reported once; select RL2005 to get BuildKit's
    /// exact wording and scope instead.
    ///
    /// ## References
    /// - [Build checks: ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub StageNameReserved {
        code: "DL3063",
        name: "stage-name-reserved",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3063"),
        locality: Instruction,
    }
}

impl StageNameReserved {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        if let Some((range, written)) = reserved_stage_name(&ctx.model.instructions[idx]) {
            ctx.report(
                range,
                format!("stage name `{written}` is reserved by the builder: choose another name"),
            );
        }
    }
}

/// The name of the stage `instruction` starts, with its range, when the builder reserves it
/// (`scratch`, `context`, compared lower-cased as BuildKit does). Shared with BuildKit's
/// `ReservedStageName` (RL2005).
pub(crate) fn reserved_stage_name(instruction: &Instruction) -> Option<(TextRange, String)> {
    let Instruction::From(from) = instruction else {
        return None;
    };
    let node = from.stage_name()?;
    let written = node.text();
    matches!(written.to_lowercase().as_str(), "scratch" | "context")
        .then(|| (node.syntax().text_range(), written))
}

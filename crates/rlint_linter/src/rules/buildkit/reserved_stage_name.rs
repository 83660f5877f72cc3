//! RL2005 (BuildKit `ReservedStageName`): stages named `scratch` or `context`.

use crate::declare_rule;
use crate::rule::Context;
use crate::rules::correctness::stage_name_reserved::reserved_stage_name;

declare_rule! {
    /// Flags stages named `scratch` or `context`.
    ///
    /// ## What it does
    /// Reports a stage whose name, lowercased, is `scratch` or `context`.
    ///
    /// ## Why is this bad?
    /// `scratch` is the empty image and `context` is the build context in `COPY --from` and
    /// `RUN --mount=from=`; a stage with one of these names is ambiguous and BuildKit warns.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS scratch
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20 AS base
    /// ```
    ///
    /// ## Overlaps
    /// The same problem as hadolint's DL3063 (`stage-name-reserved`), which is on by default; this
    /// rule is off by default and exists for BuildKit parity (select `RL2005` or
    /// `ReservedStageName`).
    ///
    /// ## References
    /// - [BuildKit check ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    pub ReservedStageName {
        code: "RL2005",
        name: "reserved-stage-name",
        category: Correctness,
        severity: Off,
        fix: None,
        source: Buildkit("ReservedStageName"),
        aliases: ["ReservedStageName"],
        locality: Instruction,
    }
}

impl ReservedStageName {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        if let Some((range, written)) = reserved_stage_name(&ctx.model.instructions[idx]) {
            let lower = written.to_lowercase();
            ctx.report(
                range,
                format!("`{lower}` is a reserved name: give the stage another name"),
            );
        }
    }
}

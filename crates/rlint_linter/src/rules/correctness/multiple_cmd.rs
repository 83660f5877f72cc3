//! DL4003: more than one CMD in a stage.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags a second `CMD` in the same stage.
    ///
    /// ## What it does
    /// Reports every `CMD` of a stage after the first one. `ONBUILD CMD` is not counted.
    ///
    /// ## Why is this bad?
    /// Only the last `CMD` of a stage takes effect; the earlier ones are dead code that
    /// misleads readers about what the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "-m", "http.server"]
    /// CMD ["python", "app.py"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "app.py"]
    /// ```
    ///
    /// ## Overlaps
    /// BuildKit's `MultipleInstructionsDisallowed` check (RL2011) reports the same problem. This
    /// rule is on by default and RL2011 is off, so each problem is reported once; select RL2011 to
    /// get BuildKit's exact wording and scope instead.
    ///
    /// ## References
    /// - [Dockerfile reference: CMD](https://docs.docker.com/reference/dockerfile/#cmd)
    pub MultipleCmd {
        code: "DL4003",
        name: "multiple-cmd",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Hadolint("DL4003"),
        locality: Stage,
    }
}

impl MultipleCmd {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        report_repeated(ctx, stage, |i| matches!(i, Instruction::Cmd(_)), "CMD");
    }
}

/// Reports every instruction of stage `stage` matching `is_kind` after the first, pointing at
/// the one before it (only the last one of a stage takes effect).
pub(crate) fn report_repeated(
    ctx: &mut Context<'_>,
    stage: usize,
    is_kind: impl Fn(&Instruction) -> bool,
    keyword: &str,
) {
    let mut previous = None;
    for instruction in ctx.model.stage_instructions(stage) {
        if !is_kind(instruction) {
            continue;
        }
        let range = instruction.keyword_range();
        if let Some(previous) = previous {
            ctx.report(
                range,
                format!("{keyword} repeated in this stage: only the last one takes effect, remove the others"),
            )
            .with_related(previous, format!("earlier {keyword}, overridden"));
        }
        previous = Some(range);
    }
}

//! DL4001: both `curl` and `wget` used in one stage.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags a stage that downloads with both `curl` and `wget`.
    ///
    /// ## What it does
    /// Once a stage has run both `curl` and `wget`, reports the first `curl` or `wget` of
    /// that RUN and of every later RUN of the stage that uses either, pointing at a use of
    /// the other tool. `ONBUILD
    /// RUN` triggers are judged among themselves, since they run in another build.
    ///
    /// ## Why is this bad?
    /// Both tools do the same job. Installing both makes the image bigger and doubles the
    /// attack surface, and mixing their different option sets and failure behaviours makes
    /// the Dockerfile harder to maintain. Pick one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLO https://example.com/a.tar.gz
    /// RUN wget -q https://example.com/b.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLO https://example.com/a.tar.gz
    /// RUN curl -fsSLO https://example.com/b.tar.gz
    /// ```
    ///
    /// ## Differences from hadolint
    /// `curl` and `wget` behind `sudo`, `env`, `busybox` or an absolute path are seen, and
    /// the finding points at the command with a note on where the other tool is used.
    ///
    /// ## References
    /// - [Docker best practices: RUN](https://docs.docker.com/build/building/best-practices/#run)
    pub CurlAndWget {
        code: "DL4001",
        name: "curl-and-wget",
        category: Shell,
        severity: Warning,
        fix: None,
        source: Hadolint("DL4001"),
        locality: Stage,
    }
}

/// The two tools, in the order of the use counts below (0: curl, 1: wget).
const TOOLS: [&str; 2] = ["curl", "wget"];

impl CurlAndWget {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        // First use of curl and of wget so far in the stage, for its RUNs and for its ONBUILD
        // triggers apart.
        let mut groups: [[Option<TextRange>; 2]; 2] = [[None, None]; 2];
        for idx in model.stage_span(stage) {
            let Some(run) = model.run_at(idx).filter(|run| run.may_run_any(&TOOLS)) else {
                continue;
            };
            let uses = &mut groups[usize::from(run.onbuild)];
            let mut first_in_run: Option<(TextRange, usize)> = None;
            for (script, command) in run.commands() {
                let Some(tool) = command
                    .name_str()
                    .and_then(|name| TOOLS.iter().position(|t| *t == name))
                else {
                    continue;
                };
                let Some(word) = &command.name else {
                    continue;
                };
                let range = script.range(&word.range);
                uses[tool].get_or_insert(range);
                first_in_run.get_or_insert((range, tool));
            }
            // As in hadolint, a RUN is reported once both tools have been seen, counting
            // this RUN and the earlier ones of the stage.
            let Some((range, tool)) = first_in_run else {
                continue;
            };
            let (Some(_), Some(other)) = (uses[tool], uses[1 - tool]) else {
                continue;
            };
            let (this_name, other_name) = (TOOLS[tool], TOOLS[1 - tool]);
            ctx.report(
                range,
                format!("`{this_name}` is used in a stage that also uses `{other_name}`: pick one of them"),
            )
            .with_related(other, format!("`{other_name}` is used here"));
        }
    }
}

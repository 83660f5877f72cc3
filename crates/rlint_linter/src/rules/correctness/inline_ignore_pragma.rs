//! DL1001: inline ignore pragmas, for teams that forbid local suppressions.

use crate::declare_rule;
use crate::rule::Context;
use crate::suppression::{parse_comment, PragmaScope};
use rlint_syntax::ast::AstNode;
use rlint_syntax::SyntaxKind;

declare_rule! {
    /// Flags inline ignore comments (`# hadolint ignore=...`, `# rlint ignore=...`).
    ///
    /// ## What it does
    /// Reports every comment that silences rules for the instruction below it. File-wide
    /// (`global ignore`) and stage-wide (`stage ignore`) pragmas and BuildKit's
    /// `# check=skip=` are not reported. Off by default: turn it on where findings must be
    /// fixed or suppressed in the central configuration, never line by line.
    ///
    /// ## Why is this bad?
    /// Inline suppressions are easy to add and easy to forget; they hide findings from
    /// reviews and from the team's shared configuration.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # hadolint ignore=DL3018
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r2
    /// ```
    ///
    /// ## Differences from hadolint
    /// rlint's own `# rlint ignore=` comments are reported too. As in hadolint, a pragma
    /// separated from the next instruction by a blank line is still reported (it silences
    /// nothing).
    ///
    /// ## References
    /// - [hadolint: inline ignores](https://github.com/hadolint/hadolint#inline-ignores)
    pub InlineIgnorePragma {
        code: "DL1001",
        name: "inline-ignore-pragma",
        category: Correctness,
        severity: Off,
        fix: None,
        source: Hadolint("DL1001"),
    }
}

impl InlineIgnorePragma {
    fn run(ctx: &mut Context<'_>) {
        // Every top-level comment, not only those attached to an instruction: a pragma left
        // behind above a blank line is still an inline ignore (and silences nothing).
        let end = ctx.model.root.syntax().text_range().end();
        let mut pragmas = Vec::new();
        ctx.model.root.for_each_item(|kind, range, token_text| {
            if let Some(text) = token_text.filter(|_| kind == SyntaxKind::COMMENT) {
                pragmas.extend(parse_comment(text, range, end));
            }
        });
        for pragma in pragmas {
            if pragma.scope != PragmaScope::Instruction {
                continue;
            }
            let tool = if pragma.hadolint { "hadolint" } else { "rlint" };
            ctx.report(
                pragma.range,
                format!("inline `# {tool} ignore` comment: fix the finding or configure the rule for the project"),
            );
        }
    }
}

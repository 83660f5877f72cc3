//! DL4000: the deprecated MAINTAINER instruction.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};

declare_rule! {
    /// Flags the deprecated `MAINTAINER` instruction.
    ///
    /// ## What it does
    /// Reports every `MAINTAINER` instruction.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` is deprecated: it sets the image's `Author` field, which tools no longer
    /// read. The OCI label `org.opencontainers.image.authors` is the standard place for this
    /// information and is shown by registries and `docker inspect`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the instruction with the label. It is unsafe because the image's
    /// `Author` field is no longer set, which a tool might still read.
    ///
    /// ## Overlaps
    /// BuildKit's `MaintainerDeprecated` check (RL2007) reports the same problem. This rule is on
    /// by default and RL2007 is off, so each problem is reported once; select RL2007 to get
    /// BuildKit's exact wording and scope instead.
    ///
    /// ## References
    /// - [Dockerfile reference: MAINTAINER (deprecated)](https://docs.docker.com/reference/dockerfile/#maintainer-deprecated)
    pub MaintainerDeprecated {
        code: "DL4000",
        name: "maintainer-deprecated",
        category: Correctness,
        severity: Error,
        fix: Unsafe,
        source: Hadolint("DL4000"),
        locality: Instruction,
    }
}

impl MaintainerDeprecated {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        report_maintainer(ctx, idx);
    }
}

/// Reports instruction `idx` when it is a MAINTAINER, with a fix that writes the OCI authors
/// label instead (shared with BuildKit's `MaintainerDeprecated`, RL2007).
pub(crate) fn report_maintainer(ctx: &mut Context<'_>, idx: usize) {
    let instruction = &ctx.model.instructions[idx];
    let Instruction::Maintainer(_) = instruction else {
        return;
    };
    let range = instruction.content_range();
    let who = instruction
        .arguments()
        .map(|a| a.text().text)
        .collect::<Vec<_>>()
        .join(" ");
    let single_line = !instruction
        .syntax()
        .descendants_with_tokens()
        .any(|e| e.kind() == rlint_syntax::SyntaxKind::LINE_CONTINUATION);
    let diagnostic = ctx.report(
        range,
        "MAINTAINER is deprecated: use the `org.opencontainers.image.authors` label",
    );
    if single_line && !who.is_empty() {
        // LABEL expands variables, MAINTAINER does not: escape `$` to keep the text.
        let escaped = who
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('$', "\\$");
        diagnostic.with_fix(Fix::unsafe_(
            "Replace with an `org.opencontainers.image.authors` label",
            vec![Edit::replace(
                range,
                format!("LABEL org.opencontainers.image.authors=\"{escaped}\""),
            )],
        ));
    }
}

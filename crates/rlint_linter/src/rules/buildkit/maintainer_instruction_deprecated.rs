//! RL2007 (BuildKit `MaintainerDeprecated`): the deprecated MAINTAINER instruction.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};

declare_rule! {
    /// Flags the deprecated `MAINTAINER` instruction (BuildKit's check).
    ///
    /// ## What it does
    /// Reports every `MAINTAINER` instruction, in every stage, reachable or not.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` only fills the image's legacy `Author` field. The label
    /// `org.opencontainers.image.authors` is where registries and tools look for the authors.
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
    /// The fix replaces the instruction with the label. It is unsafe: the image's `Author`
    /// field is no longer set, and something might still read it.
    ///
    /// ## Overlaps
    /// hadolint's DL4000 (`maintainer-deprecated`) reports the same instructions and is on by
    /// default; this rule is off by default and exists for BuildKit parity (select `RL2007` or
    /// `MaintainerDeprecated`).
    ///
    /// ## References
    /// - [BuildKit check MaintainerDeprecated](https://docs.docker.com/reference/build-checks/maintainer-deprecated/)
    pub MaintainerInstructionDeprecated {
        code: "RL2007",
        name: "maintainer-instruction-deprecated",
        category: Correctness,
        severity: Off,
        fix: Unsafe,
        source: Buildkit("MaintainerDeprecated"),
        aliases: ["MaintainerDeprecated"],
    }
}

impl MaintainerInstructionDeprecated {
    fn run(ctx: &mut Context<'_>) {
        for instruction in &ctx.model.instructions {
            let Instruction::Maintainer(_) = instruction else {
                continue;
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
    }
}

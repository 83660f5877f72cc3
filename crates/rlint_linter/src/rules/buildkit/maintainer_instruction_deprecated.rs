//! RL2007 (BuildKit `MaintainerDeprecated`): the deprecated MAINTAINER instruction.

use crate::declare_rule;
use crate::rule::Context;

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
        locality: Instruction,
    }
}

impl MaintainerInstructionDeprecated {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        crate::rules::correctness::report_maintainer(ctx, idx);
    }
}

//! RL2018 (BuildKit `InvalidDefinitionDescription`, experimental): comments above stages and
//! ARGs that do not describe them.

use crate::declare_rule;
use crate::rule::Context;
use crate::rules::buildkit::common::attached_comments;
use rlint_syntax::ast::{AstNode, Instruction};

declare_rule! {
    /// Flags a comment above `FROM … AS name` or `ARG` that does not start with the name.
    ///
    /// ## What it does
    /// BuildKit reads the comment directly above a named stage or an `ARG` as its description
    /// (shown by `docker build --call=outline`), when that comment starts with the name. This
    /// rule reports a comment there that does not: only the last comment line counts, a lone
    /// `#` line ends the block, blank lines do not.
    ///
    /// ## Why is this bad?
    /// Such a comment is not picked up as documentation. Either start it with the name
    /// (`# GO_VERSION sets ...`) or separate it from the instruction with a lone `#` line.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # the Go toolchain version
    /// ARG GO_VERSION=1.22
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # GO_VERSION is the Go toolchain version
    /// ARG GO_VERSION=1.22
    /// ```
    ///
    /// ## Options
    /// Off by default, as it is experimental in BuildKit: enable it by selecting `RL2018` or
    /// `InvalidDefinitionDescription`.
    ///
    /// ## References
    /// - [BuildKit check InvalidDefinitionDescription](https://docs.docker.com/reference/build-checks/invalid-definition-description/)
    pub InvalidDefinitionDescription {
        code: "RL2018",
        name: "invalid-definition-description",
        category: Style,
        severity: Off,
        fix: None,
        source: Buildkit("InvalidDefinitionDescription"),
        aliases: ["InvalidDefinitionDescription"],
    }
}

impl InvalidDefinitionDescription {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        let escape = model.escape;
        let comments = attached_comments(model);
        for (idx, instruction) in model.instructions.iter().enumerate() {
            let Some(last) = comments[idx].last() else {
                continue;
            };
            let (keyword, keys, range) = match instruction {
                Instruction::From(from) => {
                    let Some(name) = from.stage_name() else {
                        continue;
                    };
                    (
                        "FROM",
                        vec![name.text().to_lowercase()],
                        name.syntax().text_range(),
                    )
                }
                Instruction::Arg(_) => {
                    let keys: Vec<String> = instruction
                        .key_values()
                        .filter_map(|p| p.key(escape))
                        .collect();
                    let Some(range) = instruction.key_values().next().and_then(|p| p.key_range())
                    else {
                        continue;
                    };
                    ("ARG", keys, range)
                }
                _ => continue,
            };
            let first_word = last.split(' ').next().unwrap_or("");
            if keys.is_empty() || keys.iter().any(|k| k == first_word) {
                continue;
            }
            let example = if keys.len() == 1 {
                keys[0].as_str()
            } else {
                "<arg_key>"
            };
            ctx.report(
                range,
                format!(
                    "the comment above this {keyword} should start with `{example}` to describe it"
                ),
            );
        }
    }
}

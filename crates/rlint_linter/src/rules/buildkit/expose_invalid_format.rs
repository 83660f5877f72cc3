//! RL2020 (BuildKit `ExposeInvalidFormat`): IP addresses or host ports in `EXPOSE`.

use crate::declare_rule;
use crate::model::Model;
use crate::rule::Context;
use crate::rules::buildkit::common::stage_env;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::expand::{self, ExpandOptions};
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags `EXPOSE` values with an IP address or a host-port mapping.
    ///
    /// ## What it does
    /// Reports each `EXPOSE` port, variables expanded, that contains `:` (`8080:80`,
    /// `127.0.0.1:80:80`, `[::1]:80:80`).
    ///
    /// ## Why is this bad?
    /// `EXPOSE` documents the container's ports; it cannot publish them or bind an address.
    /// Docker ignores the host part today and BuildKit plans to reject it. Publish ports with
    /// `docker run -p` instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080:80
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80
    /// ```
    ///
    /// ## References
    /// - [BuildKit check ExposeInvalidFormat](https://docs.docker.com/reference/build-checks/expose-invalid-format/)
    pub ExposeInvalidFormat {
        code: "RL2020",
        name: "expose-invalid-format",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Buildkit("ExposeInvalidFormat"),
        aliases: ["ExposeInvalidFormat"],
        locality: Stage,
    }
}

/// One port of an `EXPOSE`, after expansion.
pub(crate) struct ExposedPort {
    pub value: String,
    /// The argument it came from.
    pub range: TextRange,
    /// Whether the argument is written exactly as the value (no quotes, variables or escapes).
    pub literal: bool,
}

/// Every port of every `EXPOSE` in a stage, expanded with word splitting as BuildKit does.
pub(crate) fn expose_ports(model: &Model, stage: usize) -> Vec<ExposedPort> {
    let mut out = Vec::new();
    for idx in model.stage_span(stage) {
        let instruction = &model.instructions[idx];
        if !matches!(instruction, Instruction::Expose(_)) {
            continue;
        }
        let env = stage_env(model.scope_at(idx));
        for argument in instruction.arguments() {
            let raw = argument.text().text;
            let Ok(words) = expand::process_words(
                &raw,
                &env,
                ExpandOptions {
                    escape: model.escape,
                    case_insensitive: false,
                },
            ) else {
                continue;
            };
            let literal = words.len() == 1 && words[0] == raw;
            for value in words {
                out.push(ExposedPort {
                    value,
                    range: argument.syntax().text_range(),
                    literal,
                });
            }
        }
    }
    out
}

impl ExposeInvalidFormat {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        for port in expose_ports(ctx.model, stage) {
            if port.value.contains(':') {
                ctx.report(
                    port.range,
                    format!("`EXPOSE {}` cannot set an IP address or host port: expose the container port only", port.value),
                );
            }
        }
    }
}

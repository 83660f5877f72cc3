//! DL3011: EXPOSE ports above 65535.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::{unquote, AstNode, Instruction};
use rlint_syntax::{TextRange, TextSize};

declare_rule! {
    /// Flags an `EXPOSE` port, or port range end, above 65535.
    ///
    /// ## What it does
    /// Reports each `EXPOSE` value whose port number (or either end of a `from-to` range) is
    /// larger than 65535. A `/tcp` or `/udp` suffix is fine; values built from variables are
    /// not checked.
    ///
    /// ## Why is this bad?
    /// TCP and UDP port numbers are 16-bit: 65535 is the largest there is. Docker rejects the
    /// value when the image is built or run, so the instruction is a mistake, usually a typo.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80800
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    pub ExposePortOutOfRange {
        code: "DL3011",
        name: "expose-port-out-of-range",
        category: Correctness,
        severity: Error,
        fix: None,
        source: Hadolint("DL3011"),
        locality: Instruction,
    }
}

impl ExposePortOutOfRange {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let instruction = &ctx.model.instructions[idx];
        let Instruction::Expose(_) = instruction else {
            return;
        };
        for argument in instruction.arguments() {
            let raw = argument.text().text;
            if raw.contains('$') {
                continue;
            }
            let value = unquote(&raw, ctx.model.escape).into_owned();
            let ports = value.split_once('/').map_or(value.as_str(), |(p, _)| p);
            let too_big = ports.split('-').any(|port| {
                port.parse::<u64>().is_ok_and(|n| n > 65535)
                    || (port.len() > 5 && port.bytes().all(|b| b.is_ascii_digit()))
            });
            if !too_big {
                continue;
            }
            let range = argument.syntax().text_range();
            // Underline the port part, not the protocol, when the word is written plainly.
            let range = if raw == value {
                TextRange::at(range.start(), TextSize::from(ports.len() as u32))
            } else {
                range
            };
            ctx.report(
                range,
                format!("port `{ports}` is above 65535: use a port number from 0 to 65535"),
            );
        }
    }
}

//! RL2008 (BuildKit `UndefinedArgInFrom`): a FROM variable that no global ARG declares.

use crate::declare_rule;
use crate::model::AUTOMATIC_ARGS;
use crate::rule::Context;
use crate::rules::buildkit::common::{defined_in_from, var_refs};
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags variables in `FROM` that are not declared by an `ARG` before the first `FROM`.
    ///
    /// ## What it does
    /// Reports each variable of a `FROM` image or `--platform` value that is neither a global
    /// `ARG` (declared before the first `FROM`) nor one of BuildKit's automatic platform ARGs
    /// (`TARGETPLATFORM`, `BUILDARCH`, ...), and suggests the nearest declared name.
    ///
    /// ## Why is this bad?
    /// `FROM` sees only global ARGs. An undeclared variable expands to nothing, usually
    /// because of a typo or an `ARG` placed after the first `FROM`, and the build pulls the
    /// wrong image or fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG BASE_TAG=3.20
    /// FROM alpine:${BASE_TGA}
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG BASE_TAG=3.20
    /// FROM alpine:${BASE_TAG}
    /// ```
    ///
    /// ## References
    /// - [BuildKit check UndefinedArgInFrom](https://docs.docker.com/reference/build-checks/undefined-arg-in-from/)
    /// - [Dockerfile reference: how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    pub UndefinedArgInFrom {
        code: "RL2008",
        name: "undefined-arg-in-from",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Buildkit("UndefinedArgInFrom"),
        aliases: ["UndefinedArgInFrom"],
        locality: Instruction,
    }
}

impl UndefinedArgInFrom {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let model = ctx.model;
        let Instruction::From(from) = &model.instructions[idx] else {
            return;
        };
        // The global ARGs: what a FROM sees.
        let scope = model.scope_at(idx);
        let candidates: Vec<&str> = scope
            .names()
            .chain(AUTOMATIC_ARGS.iter().copied())
            .collect();
        let mut words = Vec::new();
        if let Some(flag) = from.platform() {
            words.extend(flag.raw_value());
        }
        words.extend(from.image().map(|a| a.text()));
        for word in words {
            let mut seen = Vec::new();
            for (name, range) in var_refs(&word, model.escape) {
                if defined_in_from(scope, &name) || seen.contains(&name) {
                    continue;
                }
                let message =
                    match rlint_syntax::suggest::closest(&name, candidates.iter().copied()) {
                        Some(near) => format!(
                            "`{name}` is not declared by a global ARG (did you mean `{near}`?)"
                        ),
                        None => {
                            format!("`{name}` is not declared by an ARG before the first FROM")
                        }
                    };
                ctx.report(range, message);
                seen.push(name);
            }
        }
    }
}

//! RL2002 (BuildKit `FromAsCasing`): `AS` written in a different case than `FROM`.

use crate::declare_rule;
use crate::rule::Context;
use crate::rules::buildkit::common::{is_lowercase, is_uppercase};

declare_rule! {
    /// Flags an `AS` keyword whose case does not match its `FROM`.
    ///
    /// ## What it does
    /// Reports `FROM image as name` (uppercase `FROM`, lowercase `as`) and `from image AS name`.
    /// A mixed-case `FROM` keyword is left to `consistent-instruction-casing`.
    ///
    /// ## Why is this bad?
    /// Both keywords are case-insensitive, but mixing cases in one line reads as a typo and
    /// makes the file look inconsistent.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 as builder
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.22 AS builder
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites `AS` in the case of `FROM`; keywords are case-insensitive, so it is
    /// safe.
    ///
    /// ## References
    /// - [BuildKit check FromAsCasing](https://docs.docker.com/reference/build-checks/from-as-casing/)
    pub FromAsCasing {
        code: "RL2002",
        name: "from-as-casing",
        category: Style,
        severity: Warning,
        fix: Safe,
        source: Buildkit("FromAsCasing"),
        aliases: ["FromAsCasing"],
        locality: Instruction,
    }
}

impl FromAsCasing {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        use crate::diagnostic::{Edit, Fix};
        use rlint_syntax::ast::Instruction;
        let instruction = &ctx.model.instructions[idx];
        let Instruction::From(from) = instruction else {
            return;
        };
        let Some(as_kw) = from.as_keyword() else {
            return;
        };
        let keyword = instruction.keyword_text();
        let as_text = as_kw.text().to_string();
        let wanted = if is_lowercase(&keyword) {
            as_text.to_lowercase()
        } else if is_uppercase(&keyword) {
            as_text.to_uppercase()
        } else {
            return;
        };
        if wanted == as_text {
            return;
        }
        ctx.report(
            as_kw.text_range(),
            format!("`{as_text}` does not match the case of `{keyword}`: write `{wanted}`"),
        )
        .with_fix(Fix::safe(
            format!("Write `{wanted}`"),
            vec![Edit::replace(as_kw.text_range(), wanted)],
        ));
    }
}

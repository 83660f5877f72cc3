//! DL3044: an ENV value that refers to a variable the same ENV instruction sets.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags an ENV value that uses a variable set by the same ENV instruction.
    ///
    /// ## What it does
    /// In `ENV A=1 B=$A`, reports `$A`: the value of `B` refers to `A`, which this same
    /// instruction defines, while `A` had no value before it. Referring to a variable in its
    /// own value (`PATH=/opt/bin:$PATH`) is fine, and so is a reference to a name that an
    /// earlier ARG or ENV of the stage already set.
    ///
    /// ## Why is this bad?
    /// All values of one ENV are expanded before any of its variables is set, so `B` gets
    /// the value `A` had *before* the instruction (here: nothing), not `1`. The image ends up
    /// with an empty or stale value and nothing fails at build time.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/opt/app
    /// ENV APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// ## Differences from hadolint
    /// Scopes follow BuildKit: hadolint stays silent when the name was set anywhere earlier
    /// in the file, even in another stage or by a global ARG that the stage never
    /// redeclares; in both cases the value before this ENV is empty, so rlint reports it.
    /// References inside single quotes or escaped (`\$A`) are not expansions and are not
    /// reported. A reference with a default (`${A:-/srv}`) already handles the unset case
    /// and is not reported. Each reference is reported at its own position.
    ///
    /// ## References
    /// - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    /// - [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
    pub EnvSelfReference {
        code: "DL3044",
        name: "env-self-reference",
        category: Correctness,
        severity: Error,
        fix: None,
        source: Hadolint("DL3044"),
        locality: Instruction,
    }
}

impl EnvSelfReference {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let escape = ctx.model.escape;
        let instruction = &ctx.model.instructions[idx];
        if !matches!(instruction, Instruction::Env(_)) {
            return;
        }
        let pairs: Vec<_> = instruction.key_values().collect();
        // A reference can only see a key set by another pair of the same ENV.
        if pairs.len() < 2 {
            return;
        }
        let keys: Vec<Option<String>> = pairs.iter().map(|p| p.key(escape)).collect();
        let scope = ctx.model.scope_at(idx);
        for (pair_idx, pair) in pairs.iter().enumerate() {
            let Some(raw) = pair.raw_value() else {
                continue;
            };
            for reference in rlint_syntax::expand::find_var_refs(&raw.text, escape) {
                let defined_here = keys
                    .iter()
                    .enumerate()
                    .any(|(i, k)| i != pair_idx && k.as_deref() == Some(reference.name.as_str()));
                // `${A:-default}` already handles an unset `A`.
                let has_default = matches!(reference.modifier.as_deref(), Some("-" | ":-"));
                if !defined_here || has_default || scope.contains(&reference.name) {
                    continue;
                }
                let name = &reference.name;
                ctx.report(
                    raw.range_to_source(reference.range.clone()),
                    format!("`{name}` is set by this same ENV, so this reference sees its old (empty) value: move `{name}` to an earlier ENV"),
                );
            }
        }
    }
}

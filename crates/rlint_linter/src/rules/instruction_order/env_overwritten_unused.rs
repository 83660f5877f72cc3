//! RL5004: an ENV value replaced before anything could read it.

use crate::declare_rule;
use crate::model::references_variable;
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags an `ENV` assignment that is overwritten in the same stage before any use.
    ///
    /// ## What it does
    /// Reports `ENV KEY=...` when a later `ENV` of the same stage sets `KEY` again and nothing in
    /// between can read the first value: no `RUN` (whose programs see the whole environment),
    /// no `ONBUILD`, and no `$KEY` or `${KEY...}` reference in any instruction between the two
    /// assignments (including the rest of the first `ENV` and the value of the second).
    ///
    /// ## Why is this bad?
    /// Each `ENV` writes the image configuration; only the last value of a key reaches the
    /// containers and the later build steps. An earlier value that no instruction could see is
    /// dead: it adds a build step that does nothing, and a reader may believe it is in effect.
    /// It is often a copy-paste slip where a different key was meant.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-slim
    /// ENV NODE_ENV=development
    /// ENV NODE_ENV=production
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-slim
    /// ENV NODE_ENV=production
    /// ```
    ///
    /// ## Known problems
    /// Keys are compared as written (Linux environment names are case-sensitive).
    ///
    /// ## References
    /// - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    pub EnvOverwrittenUnused {
        code: "RL5004",
        name: "env-overwritten-unused",
        category: Correctness,
        severity: Info,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

impl EnvOverwrittenUnused {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let escape = model.escape;
        let text = model.text();
        let stage = &model.stages[stage];
        // Assignments nothing has read yet: key and key range.
        let mut pending: Vec<(String, TextRange)> = Vec::new();
        // Drops the assignments the text read reads (a variable there keeps its value alive).
        let read = |pending: &mut Vec<(String, TextRange)>, read: &str| {
            pending.retain(|(key, _)| !references_variable(read, key));
        };
        for idx in stage.body.clone() {
            let instruction = &model.instructions[idx];
            match instruction {
                Instruction::Run(_) | Instruction::Onbuild(_) => {
                    pending.clear();
                    continue;
                }
                Instruction::Env(_) => {}
                _ if pending.is_empty() => continue,
                _ => {
                    read(&mut pending, model.text_of(instruction));
                    continue;
                }
            }
            // The ENV's text is read a pair at a time, each piece once: what comes before a
            // pair (its own value included) may read an earlier assignment of its key.
            let bounds = instruction.syntax().text_range();
            let mut scanned = usize::from(bounds.start());
            for pair in instruction.key_values() {
                let Some(key) = pair.key(escape) else {
                    continue;
                };
                let pair_range = pair.range();
                let upto = usize::from(pair_range.end());
                read(&mut pending, &text[scanned..upto]);
                scanned = upto;
                if let Some(at) = pending.iter().position(|(other, _)| *other == key) {
                    let (_, key_range) = pending.remove(at);
                    ctx.report(
                        key_range,
                        format!(
                            "`{key}` is set again before anything reads this value: remove this assignment"
                        ),
                    )
                    .with_related(
                        pair.key_range().unwrap_or(pair_range),
                        "overwritten here",
                    );
                }
                pending.push((key, pair.key_range().unwrap_or(pair_range)));
            }
            // What follows the last pair (within the ENV's text).
            read(&mut pending, &text[scanned..usize::from(bounds.end())]);
        }
    }
}

#[cfg(test)]
mod tests {
    fn findings(text: &str) -> Vec<String> {
        crate::check_text(&super::EnvOverwrittenUnused, text)
            .into_iter()
            .map(|d| text[d.range].to_string())
            .collect()
    }

    #[test]
    fn a_read_between_keeps_the_value_and_a_comment_does_not() {
        let read = "FROM alpine:3.20\nENV A=1\nLABEL x=$A\nENV A=2\n";
        assert!(findings(read).is_empty());
        let comment = "FROM alpine:3.20\nENV A=1\n# uses $A\nENV A=2\n";
        assert_eq!(findings(comment), ["A"]);
    }
}

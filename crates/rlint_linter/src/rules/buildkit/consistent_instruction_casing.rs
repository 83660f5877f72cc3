//! RL2003 (BuildKit `ConsistentInstructionCasing`): keywords not in the file's majority casing.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use crate::rules::buildkit::common::{is_lowercase, is_uppercase};
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags instruction keywords whose casing differs from the rest of the file.
    ///
    /// ## What it does
    /// Counts the keywords of every stage (`FROM` and the instructions after it; global `ARG`s
    /// and `ONBUILD` triggers are not counted) that are all lowercase or all uppercase. The
    /// larger group sets the file's casing (a tie counts as uppercase); every keyword not
    /// written that way is reported, and so is every mixed-case keyword such as `Run`.
    ///
    /// ## Why is this bad?
    /// Keywords are case-insensitive, but a file that mixes `RUN` and `run` is harder to scan
    /// and usually shows copy-pasted fragments.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// run echo hello
    /// CMD ["sh"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hello
    /// CMD ["sh"]
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the keyword in the majority casing; keywords are case-insensitive, so
    /// it is safe.
    ///
    /// ## References
    /// - [BuildKit check ConsistentInstructionCasing](https://docs.docker.com/reference/build-checks/consistent-instruction-casing/)
    pub ConsistentInstructionCasing {
        code: "RL2003",
        name: "consistent-instruction-casing",
        category: Style,
        severity: Warning,
        fix: Safe,
        source: Buildkit("ConsistentInstructionCasing"),
        aliases: ["ConsistentInstructionCasing"],
    }
}

/// The casing of one keyword.
struct Casing {
    empty: bool,
    lower: bool,
    upper: bool,
}

impl ConsistentInstructionCasing {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        // Each keyword's casing, read from its pieces without building the keyword: the
        // whole keyword is lowercase when every piece is.
        let casings: Vec<(usize, Casing)> = (0..model.instructions.len())
            .filter(|&i| model.stage_of.get(i).copied().flatten().is_some())
            .map(|idx| {
                let mut casing = Casing {
                    empty: true,
                    lower: true,
                    upper: true,
                };
                model.instructions[idx].for_each_keyword_piece(|piece, _| {
                    casing.empty &= piece.is_empty();
                    casing.lower &= is_lowercase(piece);
                    casing.upper &= is_uppercase(piece);
                });
                (idx, casing)
            })
            .collect();
        let (mut n_lower, mut n_upper) = (0usize, 0usize);
        for (_, casing) in &casings {
            if casing.empty || !(casing.lower || casing.upper) {
                continue;
            }
            if casing.lower {
                n_lower += 1;
            } else {
                n_upper += 1;
            }
        }
        let majority_lower = n_lower > n_upper;
        for (idx, casing) in casings {
            // Most keywords already have the wanted casing: check before building anything.
            let consistent = if majority_lower {
                casing.lower
            } else {
                casing.upper
            };
            if casing.empty || consistent {
                continue;
            }
            let instruction = &model.instructions[idx];
            let keyword = instruction.keyword_text();
            let (wanted, casing) = if majority_lower {
                (keyword.to_lowercase(), "lowercase")
            } else {
                (keyword.to_uppercase(), "uppercase")
            };
            let range = instruction.keyword_range();
            let diagnostic = ctx.report(
                range,
                format!("`{keyword}` should match the casing of most instructions ({casing})"),
            );
            // A keyword split by a line continuation is left alone.
            if u32::from(range.len()) as usize == keyword.len() {
                let mut edits = vec![Edit::replace(range, wanted.clone())];
                // Keep `AS` in the case of its `FROM` (see from-as-casing).
                if let Instruction::From(from) = instruction {
                    if let Some(as_kw) = from.as_keyword() {
                        let as_wanted = if majority_lower { "as" } else { "AS" };
                        if as_kw.text() != as_wanted {
                            edits.push(Edit::replace(as_kw.text_range(), as_wanted));
                        }
                    }
                }
                diagnostic.with_fix(Fix::safe(format!("Write `{wanted}`"), edits));
            }
        }
    }
}

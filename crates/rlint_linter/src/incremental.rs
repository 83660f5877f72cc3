//! Reuse of instruction-local findings across edits (the language server's hot path).
//!
//! A rule of [`Locality::Instruction`] reports, for each instruction, findings that depend only
//! on that instruction and on [`Model::context_hash`]. An incremental reparse keeps the green
//! node of every instruction an edit did not touch, so [`InstructionCache`] keys each
//! instruction's findings by the address of its green node (holding the node, so the address
//! cannot be reused) and by its context hash. Findings are stored relative to the instruction's
//! start and moved to where the instruction is now.

use crate::diagnostic::Diagnostic;
use crate::model::{Model, RunCache};
use crate::rule::{Context, Level, Locality, Rule, RuleMeta};
use crate::settings::Settings;
use rlint_syntax::ast::AstNode;
use rlint_syntax::TextRange;
use std::collections::HashMap;

/// Findings of instruction-local rules for the instructions of the last lint.
#[derive(Default)]
pub struct InstructionCache {
    /// The settings and rules the entries were computed with; other ones clear the cache.
    settings: Option<Settings>,
    rules: Vec<&'static str>,
    entries: HashMap<usize, Entry>,
    stats: CacheStats,
    /// RUN analyses for [`Model::new_cached`].
    pub(crate) runs: RunCache,
}

/// How the last run went: instructions whose findings were reused or computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub reused: usize,
    pub computed: usize,
}

struct Entry {
    /// Keeps the node, and so its address, alive while the entry exists.
    _green: rowan::GreenNode,
    context: u64,
    /// `(index in the rules list, finding with ranges relative to the instruction's start)`.
    findings: Vec<(usize, Diagnostic)>,
}

impl InstructionCache {
    pub fn new() -> InstructionCache {
        InstructionCache::default()
    }

    /// What the last run reused and computed.
    pub fn stats(&self) -> CacheStats {
        self.stats
    }

    /// Runs `rules` (instruction-local, with the level each runs at) over every instruction of
    /// `model`, reusing kept findings, and hands each finding to `emit` in instruction order,
    /// then rule order. Entries of instructions no longer in the file are dropped.
    pub(crate) fn run(
        &mut self,
        model: &Model,
        settings: &Settings,
        rules: &[(&'static dyn Rule, Level)],
        mut emit: impl FnMut(Diagnostic, &'static RuleMeta, Level),
    ) {
        let codes: Vec<&'static str> = rules.iter().map(|(rule, _)| rule.meta().code).collect();
        if self.settings.as_ref() != Some(settings) || self.rules != codes {
            self.entries.clear();
            self.settings = Some(settings.clone());
            self.rules = codes;
        }
        let mut kept = HashMap::with_capacity(model.instructions.len());
        let mut stats = CacheStats::default();
        for (idx, instruction) in model.instructions.iter().enumerate() {
            let syntax = instruction.syntax();
            let green = syntax.green();
            let key = &*green as *const rowan::GreenNodeData as usize;
            let start = syntax.text_range().start();
            let context = model.context_hash(idx);
            let entry = match self.entries.remove(&key) {
                Some(entry) if entry.context == context => {
                    stats.reused += 1;
                    entry
                }
                _ => {
                    stats.computed += 1;
                    let range = syntax.text_range();
                    let findings = run_rules(model, settings, rules, idx);
                    if !all_within(&findings, range) {
                        // Correct here, but it could not follow the instruction: not kept.
                        for (rule, diagnostic) in findings {
                            let (rule, level) = rules[rule];
                            emit(diagnostic, rule.meta(), level);
                        }
                        continue;
                    }
                    let findings = findings
                        .into_iter()
                        .map(|(rule, mut diagnostic)| {
                            shift(&mut diagnostic, |r| r - start);
                            (rule, diagnostic)
                        })
                        .collect();
                    Entry {
                        _green: green.into_owned(),
                        context,
                        findings,
                    }
                }
            };
            for (rule, diagnostic) in &entry.findings {
                let (rule, level) = rules[*rule];
                let mut diagnostic = diagnostic.clone();
                shift(&mut diagnostic, |r| r + start);
                emit(diagnostic, rule.meta(), level);
            }
            kept.insert(key, entry);
        }
        self.entries = kept;
        self.stats = stats;
    }
}

/// Every rule's findings for instruction `idx`, with absolute ranges.
fn run_rules(
    model: &Model,
    settings: &Settings,
    rules: &[(&'static dyn Rule, Level)],
    idx: usize,
) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    for (pos, (rule, _)) in rules.iter().enumerate() {
        debug_assert_eq!(rule.meta().locality, Locality::Instruction);
        let mut ctx = Context::new(model, &settings.options, rule.meta());
        rule.check_instruction(&mut ctx, idx);
        out.extend(ctx.diagnostics.into_iter().map(|d| (pos, d)));
    }
    out
}

/// Whether every range of `findings` (reports, related locations, fix edits) lies in `range`.
fn all_within(findings: &[(usize, Diagnostic)], range: TextRange) -> bool {
    let inside = |r: &TextRange| range.contains_range(*r);
    findings.iter().all(|(_, d)| {
        inside(&d.range)
            && d.related.iter().all(|(r, _)| inside(r))
            && d.fix
                .as_ref()
                .is_none_or(|fix| fix.edits.iter().all(|e| inside(&e.range)))
    })
}

/// Applies `f` to every range of `diagnostic`.
fn shift(diagnostic: &mut Diagnostic, f: impl Fn(TextRange) -> TextRange) {
    diagnostic.range = f(diagnostic.range);
    for (range, _) in &mut diagnostic.related {
        *range = f(*range);
    }
    if let Some(fix) = &mut diagnostic.fix {
        for edit in &mut fix.edits {
            edit.range = f(edit.range);
        }
    }
}

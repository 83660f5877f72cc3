//! Reuse of instruction-local findings across edits (the language server's hot path).
//!
//! A rule of [`Locality::Instruction`] reports, for each instruction, findings that depend only
//! on that instruction and on [`Model::context_hash`]. An incremental reparse keeps the green
//! node of every instruction an edit did not touch, so [`InstructionCache`] keys each
//! instruction's findings by the address of its green node (holding the node, so the address
//! cannot be reused) and by its context hash. Findings are stored relative to the instruction's
//! start and moved to where the instruction is now.

use crate::diagnostic::Diagnostic;
use crate::model::{KeptModel, Model};
use crate::rule::{Context, Level, Locality, Rule, RuleMeta};
use crate::settings::Settings;
use rlint_syntax::ast::AstNode;
use rlint_syntax::{SyntaxNode, TextRange};
use rustc_hash::FxHashMap;

/// Values kept per instruction from one model to the next, keyed by the address of the
/// instruction's green node and by its context hash: the mechanism both the findings and the
/// RUN analyses use.
pub(crate) struct ByNode<T> {
    /// What the previous model or lint kept. Keys are node addresses: a plain multiplicative
    /// hash suits them, where SipHash cost more than the lookups.
    entries: FxHashMap<usize, Kept<T>>,
    /// What this one keeps; becomes `entries` at `finish`.
    next: FxHashMap<usize, Kept<T>>,
}

struct Kept<T> {
    /// Keeps the node, and so its address, alive while the entry exists.
    _green: rowan::GreenNode,
    context: u64,
    value: T,
}

impl<T> Default for ByNode<T> {
    fn default() -> Self {
        ByNode {
            entries: FxHashMap::default(),
            next: FxHashMap::default(),
        }
    }
}

fn key(node: &SyntaxNode) -> usize {
    &*node.green() as *const rowan::GreenNodeData as usize
}

impl<T> ByNode<T> {
    /// The value kept for `node` in the same context, if any.
    pub(crate) fn take(&mut self, node: &SyntaxNode, context: u64) -> Option<T> {
        self.entries
            .remove(&key(node))
            .filter(|kept| kept.context == context)
            .map(|kept| kept.value)
    }

    /// Keeps `value` for `node` for the next round.
    pub(crate) fn keep(&mut self, node: &SyntaxNode, context: u64, value: T) {
        let kept = Kept {
            _green: node.green().into_owned(),
            context,
            value,
        };
        self.next.insert(key(node), kept);
    }

    /// Ends a round: what was not kept again is dropped. The two tables swap roles, so the
    /// next round fills a table that already has room (growing one from empty rehashed it a
    /// dozen times per edit of a large file).
    pub(crate) fn finish(&mut self) {
        std::mem::swap(&mut self.entries, &mut self.next);
        self.next.clear();
    }

    fn clear(&mut self) {
        self.entries.clear();
        self.next.clear();
    }
}

/// Findings of instruction-local rules for the instructions of the last lint.
#[derive(Default)]
pub struct InstructionCache {
    /// The settings and rules the entries were computed with; other ones clear the cache.
    settings: Option<Settings>,
    rules: Vec<&'static str>,
    /// `(index in the rules list, finding with ranges relative to the instruction's start)`.
    findings: ByNode<Vec<(usize, Diagnostic)>>,
    stats: CacheStats,
    /// RUN analyses and ARG/ENV bindings for [`Model::new_cached`].
    pub(crate) model: KeptModel,
}

/// How the last run went: instructions whose findings were reused or computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub reused: usize,
    pub computed: usize,
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
            self.findings.clear();
            self.settings = Some(settings.clone());
            self.rules = codes;
        }
        let mut stats = CacheStats::default();
        for (idx, instruction) in model.instructions.iter().enumerate() {
            let syntax = instruction.syntax();
            let range = syntax.text_range();
            let context = model.context_hash(idx);
            let findings = match self.findings.take(syntax, context) {
                Some(findings) => {
                    stats.reused += 1;
                    findings
                }
                None => {
                    stats.computed += 1;
                    let findings = run_rules(model, settings, rules, idx);
                    if !all_within(&findings, range) {
                        // Correct here, but it could not follow the instruction: not kept.
                        for (rule, diagnostic) in findings {
                            let (rule, level) = rules[rule];
                            emit(diagnostic, rule.meta(), level);
                        }
                        continue;
                    }
                    findings
                        .into_iter()
                        .map(|(rule, mut diagnostic)| {
                            shift(&mut diagnostic, |r| r - range.start());
                            (rule, diagnostic)
                        })
                        .collect()
                }
            };
            for (rule, diagnostic) in &findings {
                let (rule, level) = rules[*rule];
                let mut diagnostic = diagnostic.clone();
                shift(&mut diagnostic, |r| r + range.start());
                emit(diagnostic, rule.meta(), level);
            }
            self.findings.keep(syntax, context, findings);
        }
        self.findings.finish();
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

//! Reuse of instruction-local and stage-local findings across edits (the language server's hot
//! path).
//!
//! A rule of instruction locality ([`crate::rule::Locality`]) reports, for each instruction,
//! findings that depend only on that instruction and on [`Model::context_hash`]. An
//! incremental reparse keeps the green node of every instruction an edit did not touch, so
//! [`InstructionCache`] keys each instruction's findings by the address of its green node
//! (holding the node, so the address cannot be reused) and by its context hash. Findings are
//! stored relative to the instruction's start and moved to where the instruction is now.
//!
//! A rule of stage locality does the same per stage: the findings are keyed by the stage's
//! FROM node and [`Model::stage_hashes`], and kept only while every instruction of the stage is
//! the same node at the same distance from the FROM and the stages it is built on were kept as
//! well (so their instructions are unchanged too). Findings that reach outside the
//! instructions of their instruction or stage are worked out again every time.

use crate::diagnostic::Diagnostic;
use crate::model::{KeptModel, Model};
use crate::rule::{Context, Level, Rule, RuleMeta};
use crate::settings::Settings;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::{same_node, SyntaxNode, TextRange, TextSize};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// Values kept per instruction from one model to the next, keyed by the address of the
/// instruction's green node and by its context hash: the mechanism the findings (per
/// instruction, and per stage by the FROM's node), the RUN analyses and the ARG/ENV bindings
/// use.
///
/// Entries a round did not use stay for a while (unless the owner ends its rounds with
/// [`ByNode::finish_dropping_unused`]), found by content as well: typing `RUN <<EOF` turns the
/// rest of the file into a heredoc body until the terminator is typed, and the instructions
/// that come back then are new nodes equal to the ones they were before.
pub(crate) struct ByNode<T> {
    /// Keys are node addresses: a plain multiplicative hash suits them, where SipHash cost
    /// more than the lookups.
    entries: FxHashMap<usize, Kept<T>>,
    /// The keys of the unused entries by [`content_hash`] of their nodes (a file often repeats
    /// an instruction).
    unused: FxHashMap<u64, SmallVec<[usize; 1]>>,
    /// The current round.
    round: u32,
    /// The most entries one round used: unused entries beyond that many are dropped, so the
    /// table holds at most twice what the largest version of the file needed.
    most_used: usize,
}

/// Rounds an unused entry survives.
const UNUSED_ROUNDS: u32 = 64;

struct Kept<T> {
    /// Keeps the node, and so its address, alive while the entry exists.
    green: rowan::GreenNode,
    context: u64,
    value: T,
    /// The last round that reused or kept it.
    round: u32,
    /// Its node's [`content_hash`], once it is in [`ByNode::unused`].
    content: Option<u64>,
}

/// A hash of a node's kinds and text, the same for equal nodes.
fn content_hash(green: &rowan::GreenNode) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    green.hash(&mut hasher);
    hasher.finish()
}

impl<T> Default for ByNode<T> {
    fn default() -> Self {
        ByNode {
            entries: FxHashMap::default(),
            unused: FxHashMap::default(),
            round: 0,
            most_used: 0,
        }
    }
}

fn key(node: &SyntaxNode) -> usize {
    &*node.green() as *const rowan::GreenNodeData as usize
}

impl<T> ByNode<T> {
    /// The value kept for `node` in the same context, if `accept` takes it; it then stays for
    /// the next round. Reused in place: taking each value out and putting it back cost two
    /// table updates per instruction after every edit.
    pub(crate) fn reuse(
        &mut self,
        node: &SyntaxNode,
        context: u64,
        accept: impl FnOnce(&T) -> bool,
    ) -> Option<&mut T> {
        let round = self.round;
        let mut at = key(node);
        if !self.entries.contains_key(&at) {
            at = self.adopt(node, context)?;
        }
        let kept = self
            .entries
            .get_mut(&at)
            .filter(|kept| kept.context == context && accept(&kept.value))?;
        kept.round = round;
        if let Some(content) = kept.content.take() {
            if let Some(candidates) = self.unused.get_mut(&content) {
                candidates.retain(|other| *other != at);
            }
        }
        Some(&mut kept.value)
    }

    /// Moves the unused entry of a node equal to `node`, in the same context, to `node`'s key;
    /// that key.
    fn adopt(&mut self, node: &SyntaxNode, context: u64) -> Option<usize> {
        if self.unused.is_empty() {
            return None;
        }
        let green = node.green().into_owned();
        let content = content_hash(&green);
        let candidates = self.unused.get_mut(&content)?;
        let pos = candidates.iter().position(|at| {
            self.entries.get(at).is_some_and(|kept| {
                kept.content == Some(content)
                    && kept.context == context
                    && same_node(&kept.green, &green)
            })
        })?;
        let old = candidates.swap_remove(pos);
        if candidates.is_empty() {
            self.unused.remove(&content);
        }
        let mut kept = self.entries.remove(&old)?;
        kept.green = green;
        kept.content = None;
        let at = key(node);
        self.entries.insert(at, kept);
        Some(at)
    }

    /// Keeps `value` for `node` for the next round, replacing what was kept for it.
    pub(crate) fn keep(&mut self, node: &SyntaxNode, context: u64, value: T) {
        let kept = Kept {
            green: node.green().into_owned(),
            context,
            value,
            round: self.round,
            content: None,
        };
        self.entries.insert(key(node), kept);
    }

    /// Ends a round: what was neither reused nor kept in it for [`UNUSED_ROUNDS`] rounds is
    /// dropped, and all of it when there is more of it than one round ever used.
    pub(crate) fn finish(&mut self) {
        self.finish_keeping_unused(true);
    }

    /// Ends a round dropping what it did not use: for values that stay right only while
    /// something outside their node is checked in every round (a stage's parents).
    pub(crate) fn finish_dropping_unused(&mut self) {
        self.finish_keeping_unused(false);
    }

    fn finish_keeping_unused(&mut self, wanted: bool) {
        let round = self.round;
        let used = self.entries.values().filter(|k| k.round == round).count();
        self.most_used = self.most_used.max(used);
        let keep_unused = wanted && self.entries.len() - used <= self.most_used;
        let unused = &mut self.unused;
        self.entries.retain(|&at, kept| {
            let unused_for = round.wrapping_sub(kept.round);
            let stays = unused_for == 0 || (keep_unused && unused_for < UNUSED_ROUNDS);
            if stays && unused_for > 0 && kept.content.is_none() {
                let content = content_hash(&kept.green);
                kept.content = Some(content);
                unused.entry(content).or_default().push(at);
            }
            stays
        });
        let entries = &self.entries;
        self.unused.retain(|content, candidates| {
            candidates.retain(|at| entries.get(at).is_some_and(|k| k.content == Some(*content)));
            !candidates.is_empty()
        });
        self.round = round.wrapping_add(1);
    }

    fn clear(&mut self) {
        self.entries.clear();
        self.unused.clear();
        self.most_used = 0;
    }
}

/// What the last lint kept for the next: findings of instruction-local rules per instruction,
/// of stage-local rules per stage, and the model's RUN analyses and bindings.
#[derive(Default)]
pub struct InstructionCache {
    /// The settings and rules the entries were computed with; other ones clear the cache.
    settings: Option<Settings>,
    rules: Vec<&'static str>,
    /// `(index in the rules list, finding with ranges relative to the instruction's start)`.
    findings: ByNode<Vec<(usize, Diagnostic)>>,
    /// The same for stage-local rules, per stage, relative to the stage's start.
    stage_rules: Vec<&'static str>,
    stage_findings: ByNode<KeptStage>,
    stats: CacheStats,
    /// How many findings the last lint had, to size the next one's list.
    pub(crate) last_count: usize,
    /// RUN analyses and ARG/ENV bindings for [`Model::new_cached`].
    pub(crate) model: KeptModel,
}

/// A stage's findings and the layout they were computed for.
struct KeptStage {
    /// Each instruction of the stage (held, so its address stays its own) and its offset from
    /// the stage's start.
    layout: Vec<(rowan::GreenNode, TextSize)>,
    /// The FROM of the stage it is built on (as BuildKit resolves FROM), held: the findings
    /// stay right only while that same stage, unchanged, is the parent.
    parent: Option<rowan::GreenNode>,
    findings: Vec<(usize, Diagnostic)>,
}

impl KeptStage {
    /// Whether the stage's instructions are the nodes the findings were computed for, or equal
    /// ones, at the same offsets from its start.
    fn fits(
        &self,
        instructions: &[Instruction],
        start: TextSize,
        parent: Option<&rowan::GreenNodeData>,
    ) -> bool {
        let same_parent = match (&self.parent, parent) {
            (Some(kept), Some(now)) => std::ptr::eq(&**kept, now),
            (None, None) => true,
            _ => false,
        };
        same_parent
            && self.layout.len() == instructions.len()
            && self
                .layout
                .iter()
                .zip(instructions)
                .all(|((green, at), i)| {
                    let syntax = i.syntax();
                    same_node(green, &syntax.green()) && syntax.text_range().start() - start == *at
                })
    }

    /// After [`KeptStage::fits`]: holds the instructions' current nodes, so that the next
    /// round compares addresses, not contents.
    fn hold(&mut self, instructions: &[Instruction]) {
        for ((green, _), i) in self.layout.iter_mut().zip(instructions) {
            let current = i.syntax().green();
            if !std::ptr::eq(&**green, &*current) {
                *green = current.into_owned();
            }
        }
    }
}

/// How the last run went: instructions whose findings were reused or computed, and the same
/// for stages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub reused: usize,
    pub computed: usize,
    pub stages_reused: usize,
    pub stages_computed: usize,
}

impl InstructionCache {
    pub fn new() -> InstructionCache {
        InstructionCache::default()
    }

    /// What the last run reused and computed.
    pub fn stats(&self) -> CacheStats {
        self.stats
    }

    /// Runs `rules` (instruction-local) over every instruction of `model` and `stage_rules`
    /// (stage-local) over every stage, each with the level it runs at, reusing kept findings,
    /// and hands each finding to `emit`: in instruction order, then rule order, then the same
    /// for stages. Entries no longer in the file go: a stage's at once, an instruction's after
    /// a while ([`ByNode::finish`]).
    pub(crate) fn run(
        &mut self,
        model: &Model,
        settings: &Settings,
        rules: &[(&'static dyn Rule, Level)],
        stage_rules: &[(&'static dyn Rule, Level)],
        mut emit: impl FnMut(Diagnostic, &'static RuleMeta, Level),
    ) {
        fn codes<'a>(
            rules: &'a [(&'static dyn Rule, Level)],
        ) -> impl Iterator<Item = &'static str> + 'a {
            rules.iter().map(|(rule, _)| rule.meta().code)
        }
        if self.settings.as_ref() != Some(settings) {
            self.findings.clear();
            self.stage_findings.clear();
            self.settings = Some(settings.clone());
        }
        if !self.rules.iter().copied().eq(codes(rules)) {
            self.findings.clear();
            self.rules = codes(rules).collect();
        }
        if !self.stage_rules.iter().copied().eq(codes(stage_rules)) {
            self.stage_findings.clear();
            self.stage_rules = codes(stage_rules).collect();
        }
        let mut stats = CacheStats::default();
        for (idx, instruction) in model.instructions.iter().enumerate() {
            let syntax = instruction.syntax();
            let range = syntax.text_range();
            let context = model.context_hash(idx);
            if let Some(findings) = self.findings.reuse(syntax, context, |_| true) {
                stats.reused += 1;
                emit_at(findings, range.start(), rules, &mut emit);
                continue;
            }
            stats.computed += 1;
            let findings = run_rules(model, settings, rules, |rule, ctx| {
                rule.check_instruction(ctx, idx)
            });
            let within = std::slice::from_ref(instruction);
            if let Some(findings) = keepable(findings, within, range.start(), rules, &mut emit) {
                self.findings.keep(syntax, context, findings);
            }
        }
        self.findings.finish();
        if !stage_rules.is_empty() {
            self.run_stages(model, settings, stage_rules, &mut stats, &mut emit);
        }
        self.stats = stats;
    }

    /// The stage-local half of [`InstructionCache::run`].
    fn run_stages(
        &mut self,
        model: &Model,
        settings: &Settings,
        rules: &[(&'static dyn Rule, Level)],
        stats: &mut CacheStats,
        emit: &mut impl FnMut(Diagnostic, &'static RuleMeta, Level),
    ) {
        let hashes = model.stage_hashes();
        let buildkit_parents = model.buildkit_parents();
        // Per stage so far: its findings were kept, its instructions unchanged.
        let mut unchanged: Vec<bool> = Vec::with_capacity(model.stages.len());
        for (idx, stage) in model.stages.iter().enumerate() {
            let instructions = &model.instructions[model.stage_span(idx)];
            let from = stage.from.syntax();
            let start = from.text_range().start();
            // The rules may read the stages this one is built on, whose hashes carry only their
            // context: their instructions must be unchanged too, which a parent whose own
            // findings were kept in this run ensures (and its parents before it).
            // (BuildKit's parent includes the one written.)
            let parent = buildkit_parents
                .get(idx)
                .copied()
                .flatten()
                .filter(|&p| p < idx);
            let parents_unchanged = parent.is_none_or(|p| unchanged[p]);
            let parent_from = parent.map(|p| model.stages[p].from.syntax().green());
            let kept = self.stage_findings.reuse(from, hashes[idx], |kept| {
                parents_unchanged && kept.fits(instructions, start, parent_from.as_deref())
            });
            unchanged.push(kept.is_some());
            if let Some(kept) = kept {
                kept.hold(instructions);
                stats.stages_reused += 1;
                emit_at(&kept.findings, start, rules, emit);
                continue;
            }
            stats.stages_computed += 1;
            let findings = run_rules(model, settings, rules, |rule, ctx| {
                rule.check_stage(ctx, idx)
            });
            let Some(findings) = keepable(findings, instructions, start, rules, emit) else {
                continue;
            };
            let layout = instructions
                .iter()
                .map(|i| {
                    let syntax = i.syntax();
                    (
                        syntax.green().into_owned(),
                        syntax.text_range().start() - start,
                    )
                })
                .collect();
            let parent = parent_from.map(|green| green.into_owned());
            let kept = KeptStage {
                layout,
                parent,
                findings,
            };
            self.stage_findings.keep(from, hashes[idx], kept);
        }
        // A stage kept while it was out of the file (in a heredoc body, say) could have missed
        // a change to its parent.
        self.stage_findings.finish_dropping_unused();
    }
}

/// Hands `findings` (ranges relative to `start`) to `emit` where they are in the file.
fn emit_at(
    findings: &[(usize, Diagnostic)],
    start: TextSize,
    rules: &[(&'static dyn Rule, Level)],
    emit: &mut impl FnMut(Diagnostic, &'static RuleMeta, Level),
) {
    for (rule, diagnostic) in findings {
        let (rule, level) = rules[*rule];
        let mut diagnostic = diagnostic.clone();
        shift(&mut diagnostic, |r| r + start);
        emit(diagnostic, rule.meta(), level);
    }
}

/// Every rule's findings for one instruction or stage (`check` runs a rule on it), with
/// absolute ranges.
fn run_rules(
    model: &Model,
    settings: &Settings,
    rules: &[(&'static dyn Rule, Level)],
    check: impl Fn(&dyn Rule, &mut Context<'_>),
) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    for (pos, (rule, _)) in rules.iter().enumerate() {
        let mut ctx = Context::new(model, &settings.options, rule.meta());
        check(*rule, &mut ctx);
        out.extend(ctx.diagnostics.into_iter().map(|d| (pos, d)));
    }
    out
}

/// Hands freshly computed `findings` to `emit` and returns them relative to `start`, to keep,
/// when every range lies within one of `instructions`; otherwise they are correct here but
/// could not follow the instructions, and are not kept.
fn keepable(
    findings: Vec<(usize, Diagnostic)>,
    instructions: &[Instruction],
    start: TextSize,
    rules: &[(&'static dyn Rule, Level)],
    emit: &mut impl FnMut(Diagnostic, &'static RuleMeta, Level),
) -> Option<Vec<(usize, Diagnostic)>> {
    if !all_within_instructions(&findings, instructions) {
        for (rule, diagnostic) in findings {
            let (rule, level) = rules[rule];
            emit(diagnostic, rule.meta(), level);
        }
        return None;
    }
    let mut findings: Vec<(usize, Diagnostic)> = findings
        .into_iter()
        .map(|(rule, mut diagnostic)| {
            shift(&mut diagnostic, |r| r - start);
            (rule, diagnostic)
        })
        .collect();
    // In the order the lint sorts by (stably, so equal keys keep theirs): the kept findings of
    // consecutive instructions then come out as one sorted run, which the final sort merges
    // instead of sorting thousands of findings that arrived in rule order.
    findings.sort_by_key(|(_, d)| (d.range.start(), d.range.end(), d.code));
    emit_at(&findings, start, rules, emit);
    Some(findings)
}

/// Whether every range of `findings` lies within one of `instructions` (sorted by position):
/// what lies between them, comments and line breaks, is not part of what keeps a stage.
fn all_within_instructions(findings: &[(usize, Diagnostic)], instructions: &[Instruction]) -> bool {
    let inside = |r: TextRange| {
        let idx = instructions.partition_point(|i| i.syntax().text_range().end() < r.end());
        instructions
            .get(idx)
            .is_some_and(|i| i.syntax().text_range().contains_range(r))
    };
    findings.iter().all(|(_, d)| {
        inside(d.range)
            && d.related.iter().all(|(r, _)| inside(*r))
            && d.fix
                .as_ref()
                .is_none_or(|fix| fix.edits.iter().all(|e| inside(e.range)))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Unused entries stay for [`UNUSED_ROUNDS`] rounds, and never more of them than one round
    /// used; an equal node (another parse of the same text) takes one over.
    #[test]
    fn unused_entries_stay_a_while_and_are_found_by_content() {
        let text = "FROM a\nRUN b\nRUN c\nRUN d\n";
        let nodes = |text: &str| -> Vec<SyntaxNode> {
            let tree = rlint_syntax::parse(text).tree();
            tree.instructions().map(|i| i.syntax().clone()).collect()
        };
        let (first, second) = (nodes(text), nodes(text));
        let mut table = ByNode::default();
        for (n, node) in first.iter().enumerate() {
            table.keep(node, 0, n);
        }
        table.finish();
        // The three unused entries stay, and are found for the equal nodes of another parse.
        assert!(table.reuse(&first[0], 0, |_| true).is_some());
        table.finish();
        assert_eq!(table.entries.len(), 4);
        assert_eq!(table.reuse(&second[2], 0, |_| true).copied(), Some(2));
        assert!(
            table.reuse(&second[3], 1, |_| true).is_none(),
            "another context"
        );
        // Unused since the first round, the other two go after UNUSED_ROUNDS rounds, the one
        // taken over a round later.
        for _ in 0..UNUSED_ROUNDS {
            table.reuse(&first[0], 0, |_| true);
            table.finish();
        }
        assert_eq!(table.entries.len(), 2);
        table.reuse(&first[0], 0, |_| true);
        table.finish();
        assert_eq!(table.entries.len(), 1);
        // A round that uses none of five entries: more unused ones than a round ever used (4).
        for node in &second {
            table.keep(node, 0, 9);
        }
        table.finish();
        assert_eq!(table.entries.len(), 5);
        table.finish();
        assert_eq!(table.entries.len(), 0);
    }

    /// A finding is kept only when every range of it lies within one instruction: text
    /// between instructions (comments, blank lines) is not part of what keeps a stage.
    #[test]
    fn only_findings_within_instructions_can_be_kept() {
        let text = "FROM a\n# note\nRUN b\n";
        let model = Model::new(&rlint_syntax::parse(text));
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            TextRange::new(
                TextSize::from(start as u32),
                TextSize::from((start + needle.len()) as u32),
            )
        };
        let finding = |range: TextRange, related: Option<TextRange>| {
            let mut d = Diagnostic {
                code: "X",
                name: "x",
                severity: Level::Warning,
                message: String::new(),
                range,
                fix: None,
                related: Vec::new(),
            };
            d.related.extend(related.map(|r| (r, String::new())));
            vec![(0, d)]
        };
        let within = |findings: &[(usize, Diagnostic)]| {
            all_within_instructions(findings, &model.instructions)
        };
        assert!(within(&finding(at("RUN b"), None)));
        assert!(within(&finding(at("FROM a"), Some(at("RUN b")))));
        // In the comment, across two instructions, or a related location in the comment.
        assert!(!within(&finding(at("# note"), None)));
        assert!(!within(&finding(at("a\n# note\nRUN"), None)));
        assert!(!within(&finding(at("RUN b"), Some(at("note")))));
    }
}

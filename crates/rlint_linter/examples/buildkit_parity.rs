//! Parity with BuildKit's build checks (`docker build --check`) on the real-world corpus.
//!
//! Lints every file of `shared/corpus/real` with every BuildKit check selected (RL1009 and
//! RL2001–RL2020, the experimental RL2018 included) and compares (check name, line) with
//! `shared/corpus/buildkit-checks.jsonl` (`checks` plus `experimental`). BuildKit reports on
//! whole instructions, so each rlint finding is counted on the first line of the instruction
//! that contains it (the last line for `NoEmptyContinuation`, as BuildKit reports it there).
//! Where BuildKit stopped with an error its lists are partial (see `shared/corpus/BUILDKIT.md`):
//! after a bad base image only the parse-time and whole-file checks are compared, after a
//! dispatch error the stage-header checks too, and files it could not parse are skipped.
//!
//! With `--check-fixes` it instead applies every fix of the RL20xx rules to every file and
//! checks that no parse error is added, that the fixed findings are gone, and that every
//! stage ends with the same variables and values.
//!
//! cargo run --release -p rlint_linter --example buildkit_parity [-- CHECK... [--examples N] [--check-fixes]]

use rlint_linter::{registry, Model, Selector, Settings, Source};
use rlint_syntax::ast::AstNode;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Figures for one check.
#[derive(Default, Debug, Clone)]
pub struct Counts {
    pub matched: usize,
    pub rlint_only: usize,
    pub buildkit_only: usize,
    pub rlint_examples: Vec<String>,
    pub buildkit_examples: Vec<String>,
}

impl Counts {
    /// Matched findings over all findings either side reports.
    pub fn agreement(&self) -> f64 {
        let total = self.matched + self.rlint_only + self.buildkit_only;
        if total == 0 {
            100.0
        } else {
            self.matched as f64 / total as f64 * 100.0
        }
    }
}

/// The result of a comparison run.
pub struct Report {
    pub n_records: usize,
    pub n_files: usize,
    pub n_skipped: usize,
    pub counts: BTreeMap<String, Counts>,
}

/// Checks grouped by when BuildKit runs them (`shared/corpus/BUILDKIT.md`, "Record format").
fn group_of(check: &str) -> u8 {
    match check {
        "MaintainerDeprecated"
        | "StageNameCasing"
        | "FromAsCasing"
        | "InvalidDefinitionDescription"
        | "NoEmptyContinuation" => 1,
        "DuplicateStageName"
        | "ReservedStageName"
        | "ConsistentInstructionCasing"
        | "InvalidDefaultArgInFrom" => 2,
        "UndefinedArgInFrom" | "RedundantTargetPlatform" | "FromPlatformFlagConstDisallowed" => 3,
        _ => 4,
    }
}

/// Runs the comparison; `n_examples` differing (file:line) examples are kept per check.
pub fn compare(shared: &Path, n_examples: usize) -> Report {
    let records = std::fs::read_to_string(shared.join("corpus/buildkit-checks.jsonl"))
        .unwrap_or_else(|e| panic!("read BuildKit findings under {}: {e}", shared.display()));
    let check_name: HashMap<&str, &str> = registry::metas()
        .filter_map(|m| match m.source {
            Source::Buildkit(name) => Some((m.code, name)),
            _ => None,
        })
        .collect();
    let settings = Settings {
        select: vec![Selector("RL1009".into()), Selector("RL20".into())],
        ignore: vec![Selector("ALL".into())],
        ..Settings::default()
    };
    let mut report = Report {
        n_records: 0,
        n_files: 0,
        n_skipped: 0,
        counts: BTreeMap::new(),
    };
    for line in records.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("record");
        report.n_records += 1;
        let file = record["file"].as_str().expect("file").to_string();
        // Which groups of checks BuildKit completed.
        let max_group = match record["error"]["message"].as_str() {
            None => 4,
            Some(m)
                if m.starts_with("failed to parse stage name") || m.starts_with("base name") =>
            {
                2
            }
            Some(m)
                if m.starts_with("dockerfile parse error")
                    || m.starts_with("file with no instructions")
                    || m.starts_with("Syntax error") =>
            {
                0
            }
            Some(_) => 3,
        };
        if max_group == 0 {
            report.n_skipped += 1;
            continue;
        }
        let Ok(bytes) = std::fs::read(shared.join("corpus/real").join(&file)) else {
            report.n_skipped += 1;
            continue;
        };
        report.n_files += 1;
        let (parse, _) = rlint_syntax::parse_bytes(&bytes);
        let model = Model::new(&parse);
        let diagnostics = rlint_linter::lint_model(&parse, &model, &settings);
        let mut ours: HashMap<(String, u32), usize> = HashMap::new();
        for d in &diagnostics {
            let Some(name) = check_name.get(d.code) else {
                continue;
            };
            let instruction = model
                .instructions
                .iter()
                .find(|i| i.syntax().text_range().contains(d.range.start()));
            let offset = match instruction {
                // BuildKit's last line of the instruction: comment and blank lines a
                // continuation skipped up to the end of the file count too.
                Some(i) if *name == "NoEmptyContinuation" => {
                    let end = i.syntax().text_range().end();
                    let trailing_newline = model.text()[..usize::from(end)].ends_with('\n');
                    end - rlint_syntax::TextSize::from(u32::from(trailing_newline))
                }
                Some(i) => i.content_range().start(),
                None => d.range.start(),
            };
            let count = ours
                .entry((name.to_string(), model.line_of(offset)))
                .or_default();
            // BuildKit reports an instruction's empty continuation lines once.
            if *name != "NoEmptyContinuation" || *count == 0 {
                *count += 1;
            }
        }
        let mut theirs: HashMap<(String, u32), usize> = HashMap::new();
        for list in ["checks", "experimental"] {
            for f in record[list].as_array().into_iter().flatten() {
                let (Some(rule), Some(line)) = (f["rule"].as_str(), f["start_line"].as_u64())
                else {
                    continue;
                };
                *theirs.entry((rule.to_string(), line as u32)).or_default() += 1;
            }
        }
        let mut keys: Vec<&(String, u32)> = ours.keys().chain(theirs.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            if group_of(&key.0) > max_group {
                continue;
            }
            let n_ours = ours.get(key).copied().unwrap_or(0);
            let n_theirs = theirs.get(key).copied().unwrap_or(0);
            let entry = report.counts.entry(key.0.clone()).or_default();
            entry.matched += n_ours.min(n_theirs);
            if n_ours > n_theirs {
                entry.rlint_only += n_ours - n_theirs;
                if entry.rlint_examples.len() < n_examples {
                    entry.rlint_examples.push(format!("{file}:{}", key.1));
                }
            } else if n_theirs > n_ours {
                entry.buildkit_only += n_theirs - n_ours;
                if entry.buildkit_examples.len() < n_examples {
                    entry.buildkit_examples.push(format!("{file}:{}", key.1));
                }
            }
        }
    }
    report
}

/// Applies the RL20xx fixes to every corpus file; returns the problems found.
pub fn check_fixes(shared: &Path) -> (usize, Vec<String>) {
    let settings = Settings {
        select: vec![Selector("RL20".into())],
        ignore: vec![Selector("ALL".into())],
        ..Settings::default()
    };
    let files = rlint_testkit::corpus_files(shared).unwrap_or_default();
    let mut problems = Vec::new();
    let mut n_fixed = 0;
    for rlint_testkit::CorpusFile { name: file, path } in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let (parse, text) = rlint_syntax::parse_bytes(&bytes);
        let diagnostics = rlint_linter::lint(&parse, &settings);
        if !diagnostics.iter().any(|d| d.fix.is_some()) {
            continue;
        }
        n_fixed += 1;
        // Fixes of different rules may touch one keyword (`from x AS y`): iterate, as
        // `rlint --fix` does, until nothing changes.
        let mut fixed = text.clone();
        for _ in 0..5 {
            let current = rlint_syntax::parse(&fixed);
            let edits: Vec<rlint_linter::Edit> = rlint_linter::lint(&current, &settings)
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .flat_map(|f| f.edits.clone())
                .collect();
            let next = rlint_linter::apply_edits(&fixed, &edits);
            if next == fixed {
                break;
            }
            fixed = next;
        }
        let reparsed = rlint_syntax::parse(&fixed);
        if reparsed.errors.len() > parse.errors.len() {
            problems.push(format!("{file}: the fixes add parse errors"));
        }
        let left = rlint_linter::lint(&reparsed, &settings)
            .into_iter()
            .filter(|d| d.fix.is_some())
            .count();
        if left > 0 {
            problems.push(format!(
                "{file}: {left} fixable findings remain after fixing"
            ));
        }
        let values = |model: &Model| -> Vec<Vec<(String, Option<String>)>> {
            model
                .stages
                .iter()
                .map(|s| {
                    let mut vars: Vec<(String, Option<String>)> = s
                        .final_scope
                        .names()
                        .map(|n| (n.to_string(), s.final_scope.value(n).map(str::to_string)))
                        .collect();
                    vars.sort();
                    vars
                })
                .collect()
        };
        if values(&Model::new(&parse)) != values(&Model::new(&reparsed)) {
            problems.push(format!("{file}: the fixes change a variable"));
        }
    }
    (n_fixed, problems)
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--check-fixes") {
        let (n_fixed, problems) = check_fixes(&rlint_testkit::shared_path());
        for problem in &problems {
            println!("{problem}");
        }
        println!("{n_fixed} files fixed, {} problems", problems.len());
        return;
    }
    let n_examples: usize = args
        .iter()
        .position(|a| a == "--examples")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let only: Vec<&String> = args
        .iter()
        .filter(|a| a.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let started = std::time::Instant::now();
    let report = compare(&rlint_testkit::shared_path(), n_examples);
    println!(
        "{} records, {} files compared, {} skipped (BuildKit could not parse them), in {:.2?}",
        report.n_records,
        report.n_files,
        report.n_skipped,
        started.elapsed()
    );
    println!(
        "{:<32} {:>8} {:>10} {:>13} {:>8} {:>9} {:>10}",
        "check", "matched", "rlint-only", "buildkit-only", "recall", "precision", "agreement"
    );
    for (check, c) in &report.counts {
        if !only.is_empty() && !only.contains(&check) {
            continue;
        }
        let recall = c.matched as f64 / (c.matched + c.buildkit_only).max(1) as f64 * 100.0;
        let precision = c.matched as f64 / (c.matched + c.rlint_only).max(1) as f64 * 100.0;
        println!(
            "{check:<32} {:>8} {:>10} {:>13} {:>7.1}% {:>8.1}% {:>9.1}%",
            c.matched,
            c.rlint_only,
            c.buildkit_only,
            recall,
            precision,
            c.agreement()
        );
        for example in &c.rlint_examples {
            println!("    rlint only:    {example}");
        }
        for example in &c.buildkit_examples {
            println!("    buildkit only: {example}");
        }
    }
}

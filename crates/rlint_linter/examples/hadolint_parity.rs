//! Parity with hadolint 2.15.1 on the real-world corpus.
//!
//! Lints every file of `shared/corpus/real` with default settings and compares (code, line)
//! with `shared/corpus/hadolint-2.15.1.jsonl`. hadolint reports on an instruction's first line;
//! rlint reports exact positions, so each rlint finding is counted on the first line of the
//! instruction that contains it. Files hadolint could not parse (DL1000) are skipped.
//!
//! cargo run --release -p rlint_linter --example hadolint_parity [-- CODE... [--examples N]]

use rlint_linter::{registry, Model, Settings, Source};
use rlint_syntax::ast::AstNode;
use std::collections::{BTreeMap, HashMap};

#[derive(Default)]
struct Counts {
    matched: usize,
    rlint_only: usize,
    hadolint_only: usize,
    rlint_examples: Vec<String>,
    hadolint_examples: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n_examples: usize = args
        .iter()
        .position(|a| a == "--examples")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let only: Vec<&String> = args.iter().filter(|a| a.starts_with("DL")).collect();
    let shared = rlint_testkit::shared_path();
    let records = std::fs::read_to_string(shared.join("corpus/hadolint-2.15.1.jsonl"))
        .unwrap_or_else(|e| panic!("read hadolint findings under {}: {e}", shared.display()));
    // hadolint code for each rlint code.
    let hadolint_code: HashMap<&str, &str> = registry::metas()
        .filter_map(|m| match m.source {
            Source::Hadolint(code) => Some((m.code, code)),
            _ => None,
        })
        .collect();
    let implemented: Vec<&str> = hadolint_code.values().copied().collect();
    let settings = Settings::default();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut n_files = 0;
    let mut n_skipped = 0;
    let mut n_bytes = 0;
    let started = std::time::Instant::now();
    for line in records.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("record");
        let file = record["file"].as_str().expect("file").to_string();
        let findings = record["findings"].as_array().cloned().unwrap_or_default();
        if findings.iter().any(|f| f["code"] == "DL1000") {
            n_skipped += 1;
            continue;
        }
        let Ok(bytes) = std::fs::read(shared.join("corpus/real").join(&file)) else {
            continue;
        };
        n_files += 1;
        n_bytes += bytes.len();
        let (parse, _) = rlint_syntax::parse_bytes(&bytes);
        let model = Model::new(&parse);
        let diagnostics = rlint_linter::lint_model(&parse, &model, &settings);
        let index = rlint_syntax::LineIndex::new(model.text());
        let mut ours: HashMap<(String, u32), usize> = HashMap::new();
        for d in &diagnostics {
            let Some(code) = hadolint_code.get(d.code) else {
                continue;
            };
            let start = model
                .instructions
                .iter()
                .find(|i| i.syntax().text_range().contains(d.range.start()))
                .map_or(d.range.start(), |i| i.content_range().start());
            *ours
                .entry((code.to_string(), index.line_col(start).line + 1))
                .or_default() += 1;
        }
        // Several findings of one code on one instruction count once, as hadolint reports once.
        let ours: Vec<(String, u32)> = ours.into_keys().collect();
        let mut theirs: Vec<(String, u32)> = findings
            .iter()
            .filter_map(|f| Some((f["code"].as_str()?.to_string(), f["line"].as_u64()? as u32)))
            .filter(|(code, _)| code.starts_with("DL"))
            .collect();
        theirs.sort();
        theirs.dedup();
        for key in &ours {
            let entry = counts.entry(key.0.clone()).or_default();
            if theirs.contains(key) {
                entry.matched += 1;
            } else {
                entry.rlint_only += 1;
                if entry.rlint_examples.len() < n_examples {
                    entry.rlint_examples.push(format!("{file}:{}", key.1));
                }
            }
        }
        for key in &theirs {
            if !ours.contains(key) {
                let entry = counts.entry(key.0.clone()).or_default();
                entry.hadolint_only += 1;
                if entry.hadolint_examples.len() < n_examples {
                    entry.hadolint_examples.push(format!("{file}:{}", key.1));
                }
            }
        }
    }
    let elapsed = started.elapsed();
    println!("{n_files} files linted ({n_skipped} skipped: hadolint could not parse them), {:.1} MB in {:.2?} ({:.1} MB/s including file reads)", n_bytes as f64 / 1e6, elapsed, n_bytes as f64 / 1e6 / elapsed.as_secs_f64());
    println!(
        "{:<8} {:>8} {:>10} {:>13} {:>8} {:>9}  status",
        "code", "matched", "rlint-only", "hadolint-only", "recall", "precision"
    );
    let mut at_target = 0;
    let mut total = 0;
    for (code, c) in &counts {
        if !only.is_empty() && !only.contains(&code) {
            continue;
        }
        let recall = c.matched as f64 / (c.matched + c.hadolint_only).max(1) as f64 * 100.0;
        let precision = c.matched as f64 / (c.matched + c.rlint_only).max(1) as f64 * 100.0;
        let status = if !implemented.contains(&code.as_str()) {
            "not implemented"
        } else if recall >= 97.0 && precision >= 97.0 {
            at_target += 1;
            "ok"
        } else {
            "below target"
        };
        if implemented.contains(&code.as_str()) {
            total += 1;
        }
        println!(
            "{code:<8} {:>8} {:>10} {:>13} {:>7.1}% {:>8.1}%  {status}",
            c.matched, c.rlint_only, c.hadolint_only, recall, precision
        );
        for example in &c.rlint_examples {
            println!("    rlint only:    {example}");
        }
        for example in &c.hadolint_examples {
            println!("    hadolint only: {example}");
        }
    }
    println!(
        "{at_target} of {total} implemented codes with findings are at >= 97% recall and precision"
    );
}

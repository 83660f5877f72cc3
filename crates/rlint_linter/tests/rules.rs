//! Per-rule tests driven by `test_data/rules/<rule_name>/`:
//! - `fire.Dockerfile` must give at least one finding of the rule (an own-line comment above
//!   each hit says why), `clean.Dockerfile` none;
//! - an optional `schema.txt` (`label-name:type` lines) and `strict-labels` file configure the
//!   label schema for the folder's files and the rule's doc examples;
//! - `fire.snap` holds the findings and the fixed text; `UPDATE_EXPECT=1` rewrites it;
//! - fixes must converge, add no syntax error, and match the rule's declared fixability;
//! - the `## Example` / `## Use instead` blocks of each rule's docs fire / stay clean;
//! - a tidy check: every registered rule has the doc sections, a data folder, and a code listed
//!   in `shared/design/RULES.md`.

use rlint_linter::rules::buildkit::dockerignore::Dockerignore;
use rlint_linter::{
    apply_edits, lint, registry, Diagnostic, FixKind, LabelType, Rule, Safety, Selector, Settings,
};
use rlint_syntax::{parse, LineIndex};
use std::path::{Path, PathBuf};

fn data_dir(rule: &dyn Rule) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/rules")
        .join(rule.meta().name.replace('-', "_"))
}

/// Settings that run only `rule`. When the rule's data folder has a `schema.txt` (lines
/// `label-name:type`), it becomes the label schema, and a file `strict-labels` beside it turns
/// strict labels on; the settings apply to the data files and to the doc examples alike.
fn only(rule: &dyn Rule) -> Settings {
    let mut settings = Settings {
        select: vec![Selector(rule.meta().code.to_string())],
        ignore: vec![Selector("ALL".to_string())],
        ..Settings::default()
    };
    let dir = data_dir(rule);
    if let Ok(schema) = std::fs::read_to_string(dir.join("schema.txt")) {
        for line in schema.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (name, kind) = line.split_once(':').unwrap_or((line, ""));
            let kind = LabelType::parse(kind.trim())
                .unwrap_or_else(|| panic!("{}: bad label type in {line:?}", dir.display()));
            settings
                .options
                .label_schema
                .push((name.trim().to_string(), kind));
        }
        settings.options.strict_labels = dir.join("strict-labels").exists();
    }
    // `trusted-registries.txt` (one registry pattern a line) configures DL3026.
    if let Ok(registries) = std::fs::read_to_string(dir.join("trusted-registries.txt")) {
        settings.options.trusted_registries = registries
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
    }
    // `dockerignore` holds the `.dockerignore` text for RL2017.
    settings.options.dockerignore = std::fs::read_to_string(dir.join("dockerignore"))
        .ok()
        .map(|text| std::sync::Arc::new(Dockerignore::parse(&text)));
    settings
}

fn findings(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    lint(&parse(text), &only(rule))
        .into_iter()
        .filter(|d| d.code == rule.meta().code)
        .collect()
}

fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diagnostics {
        let start = index.line_col(d.range.start());
        let end = index.line_col(d.range.end());
        out.push_str(&format!(
            "{}:{}-{}:{} {} {}: {}\n",
            start.line + 1,
            start.col + 1,
            end.line + 1,
            end.col + 1,
            d.code,
            d.severity.as_str(),
            d.message
        ));
        out.push_str(&format!("    | {}\n", &text[d.range]));
        if let Some(fix) = &d.fix {
            let safety = if fix.safety == Safety::Safe {
                "safe"
            } else {
                "unsafe"
            };
            out.push_str(&format!("    fix ({safety}): {}\n", fix.title));
        }
    }
    out
}

/// Applies every fix until nothing changes (at most 10 rounds); returns the text.
fn fix_all(rule: &dyn Rule, text: &str) -> String {
    let mut current = text.to_string();
    for _ in 0..10 {
        let edits: Vec<_> = findings(rule, &current)
            .into_iter()
            .filter_map(|d| d.fix)
            .flat_map(|f| f.edits)
            .collect();
        if edits.is_empty() {
            return current;
        }
        let next = apply_edits(&current, &edits);
        if next == current {
            return current;
        }
        current = next;
    }
    panic!("fixes of {} do not converge on:\n{text}", rule.meta().code);
}

fn check_rule(rule: &dyn Rule, failures: &mut Vec<String>) {
    let meta = rule.meta();
    let dir = data_dir(rule);
    let fire_path = dir.join("fire.Dockerfile");
    let clean_path = dir.join("clean.Dockerfile");
    let (Ok(fire), Ok(clean)) = (
        std::fs::read_to_string(&fire_path),
        std::fs::read_to_string(&clean_path),
    ) else {
        failures.push(format!(
            "{}: missing {}/fire.Dockerfile or clean.Dockerfile",
            meta.code,
            dir.display()
        ));
        return;
    };
    let fired = findings(rule, &fire);
    if fired.is_empty() {
        failures.push(format!("{}: fire.Dockerfile gives no finding", meta.code));
    }
    let clean_hits = findings(rule, &clean);
    if !clean_hits.is_empty() {
        failures.push(format!(
            "{}: clean.Dockerfile gives findings:\n{}",
            meta.code,
            render(&clean, &clean_hits)
        ));
    }
    // Declared fixability must match what the rule offers.
    for d in &fired {
        if let Some(fix) = &d.fix {
            let expected = if fix.safety == Safety::Safe {
                FixKind::Safe
            } else {
                FixKind::Unsafe
            };
            if meta.fix != expected {
                failures.push(format!(
                    "{}: offers a {:?} fix but declares {:?}",
                    meta.code, fix.safety, meta.fix
                ));
            }
        }
    }
    let mut snapshot = render(&fire, &fired);
    if fired.iter().any(|d| d.fix.is_some()) {
        let fixed = fix_all(rule, &fire);
        let before = parse(&fire).errors.len();
        let after = parse(&fixed).errors.len();
        if after > before {
            failures.push(format!("{}: fixes add syntax errors:\n{fixed}", meta.code));
        }
        snapshot.push_str("--- fixed\n");
        snapshot.push_str(&fixed);
    }
    let snap_path = dir.join("fire.snap");
    let expected = std::fs::read_to_string(&snap_path).unwrap_or_default();
    if expected != snapshot {
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&snap_path, &snapshot).expect("write snapshot");
        } else {
            failures.push(format!(
                "{}: {} differs (UPDATE_EXPECT=1 to accept):\n{snapshot}",
                meta.code,
                snap_path.display()
            ));
        }
    }
}

#[test]
fn every_rule_fires_on_its_data_and_not_on_clean_files() {
    let mut failures = Vec::new();
    let mut n_checked = 0;
    for rule in registry::all() {
        if rule.meta().category == rlint_linter::Category::Syntax {
            continue; // parser problems have their own data-driven tests in rlint_syntax
        }
        n_checked += 1;
        check_rule(*rule, &mut failures);
    }
    assert!(n_checked > 0, "no rules checked");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The fenced ```dockerfile blocks following a `## <section>` heading in the docs.
fn doc_blocks(docs: &str, section: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut in_section = false;
    let mut current: Option<String> = None;
    for line in docs.lines() {
        let trimmed = line.trim_start();
        if let Some(heading) = trimmed.strip_prefix("## ") {
            in_section = heading.trim() == section;
            continue;
        }
        if !in_section {
            continue;
        }
        if trimmed.starts_with("```") {
            match current.take() {
                Some(block) => blocks.push(block),
                None if trimmed.trim_start_matches('`') == "dockerfile" => {
                    current = Some(String::new())
                }
                None => {}
            }
            continue;
        }
        if let Some(block) = current.as_mut() {
            block.push_str(line.strip_prefix(' ').unwrap_or(line));
            block.push('\n');
        }
    }
    blocks
}

#[test]
fn doc_examples_fire_and_suggestions_are_clean() {
    let mut failures = Vec::new();
    for rule in registry::all() {
        let meta = rule.meta();
        for block in doc_blocks(meta.docs, "Example") {
            if findings(*rule, &block).is_empty() {
                failures.push(format!(
                    "{}: the `Example` block gives no finding:\n{block}",
                    meta.code
                ));
            }
        }
        for block in doc_blocks(meta.docs, "Use instead") {
            let hits = findings(*rule, &block);
            if !hits.is_empty() {
                failures.push(format!(
                    "{}: the `Use instead` block gives findings:\n{}",
                    meta.code,
                    render(&block, &hits)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn tidy_every_rule_is_documented_and_catalogued() {
    let catalogue = rlint_testkit::shared_path().join("design/RULES.md");
    let catalogue = match std::fs::read_to_string(&catalogue) {
        Ok(text) => Some(text),
        Err(_) => {
            rlint_testkit::skip(format_args!(
                "catalogue check: {} not found",
                catalogue.display()
            ));
            None
        }
    };
    let mut failures = Vec::new();
    let mut codes = std::collections::HashSet::new();
    let mut names = std::collections::HashSet::new();
    for rule in registry::all() {
        let meta = rule.meta();
        if !codes.insert(meta.code) || !names.insert(meta.name) {
            failures.push(format!(
                "{}: duplicate code or name {}",
                meta.code, meta.name
            ));
        }
        for section in ["## What it does", "## Why is this bad?", "## Example"] {
            if !meta.docs.contains(section) {
                failures.push(format!("{}: docs lack `{section}`", meta.code));
            }
        }
        if meta.summary().is_empty() {
            failures.push(format!("{}: the docs need a summary line", meta.code));
        }
        if meta.category != rlint_linter::Category::Syntax && !data_dir(*rule).is_dir() {
            failures.push(format!(
                "{}: no test data folder {}",
                meta.code,
                data_dir(*rule).display()
            ));
        }
        if let Some(catalogue) = &catalogue {
            // LINE-TOO-LONG is the one code not yet in the catalogue (see the syntax issue's note).
            if meta.code != "RL1014" && !catalogue_codes(catalogue).contains(meta.code) {
                failures.push(format!("{}: not listed in RULES.md", meta.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every code the catalogue lists, with ranges such as `DL3000–DL3004` expanded.
fn catalogue_codes(catalogue: &str) -> std::collections::HashSet<String> {
    let mut codes = std::collections::HashSet::new();
    let words: Vec<&str> = catalogue
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '–'))
        .filter(|w| w.starts_with("DL") || w.starts_with("RL"))
        .collect();
    let parse = |w: &str| -> Option<(String, u32)> {
        let prefix = w.get(..2)?;
        let number = w.get(2..)?.parse().ok()?;
        Some((prefix.to_string(), number))
    };
    for word in words {
        match word.split_once('–') {
            Some((a, b)) => {
                if let (Some((prefix, start)), Some((_, end))) = (parse(a), parse(b)) {
                    for n in start..=end {
                        codes.insert(format!("{prefix}{n:04}"));
                    }
                }
            }
            None => {
                if let Some((prefix, n)) = parse(word) {
                    codes.insert(format!("{prefix}{n:04}"));
                }
            }
        }
    }
    codes
}

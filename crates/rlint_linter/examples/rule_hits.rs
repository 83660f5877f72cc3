//! Every finding of the named rules on the real-world corpus, with its source line, for
//! reviewing false positives.
//!
//! cargo run --release -p rlint_linter --example rule_hits -- CODE... [--max N]

use rlint_linter::{registry, Selector, Settings};
use rlint_syntax::LineIndex;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let max: usize = args
        .iter()
        .position(|a| a == "--max")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let codes: Vec<&String> = args
        .iter()
        .filter(|a| registry::find(a).is_some())
        .collect();
    assert!(!codes.is_empty(), "name at least one rule");
    let settings = Settings {
        select: codes.iter().map(|c| Selector((*c).clone())).collect(),
        ignore: vec![Selector("ALL".to_string())],
        ..Settings::default()
    };
    let files =
        rlint_testkit::corpus_files(&rlint_testkit::shared_path()).expect("read SOURCES.tsv");
    let mut counts = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    let mut shown = 0;
    for file in &files {
        let Ok(bytes) = std::fs::read(&file.path) else {
            continue;
        };
        let (parse, text) = rlint_syntax::parse_bytes(&bytes);
        let diagnostics = rlint_linter::lint(&parse, &settings);
        if diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&text);
        let mut files_counted = std::collections::HashSet::new();
        for d in diagnostics {
            let entry = counts.entry(d.code).or_default();
            entry.0 += 1;
            if files_counted.insert(d.code) {
                entry.1 += 1;
            }
            if shown < max {
                shown += 1;
                let line = index.line_col(d.range.start()).line as usize;
                let source = text.lines().nth(line).unwrap_or("").trim();
                println!(
                    "{}:{} {} {}\n    | {}",
                    file.name,
                    line + 1,
                    d.code,
                    d.message,
                    source.chars().take(160).collect::<String>()
                );
            }
        }
    }
    for (code, (hits, files)) in counts {
        println!("{code}: {hits} hits in {files} files");
    }
}

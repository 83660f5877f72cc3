//! Every finding of the named rules on the real-world corpus, with its source line, for
//! reviewing false positives.
//!
//! cargo run --release -p rlint_linter --example rule_hits -- CODE... [--max N]

use rlint_linter::{registry, Selector, Settings};
use rlint_syntax::LineIndex;
use std::path::PathBuf;

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
    let shared = std::env::var_os("RLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let real = shared.join("corpus/real");
    let sources = std::fs::read_to_string(real.join("SOURCES.tsv")).expect("read SOURCES.tsv");
    let mut counts = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    let mut shown = 0;
    for name in sources.lines().skip(1).filter_map(|l| l.split('\t').next()) {
        let Ok(bytes) = std::fs::read(real.join(name)) else {
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
                    "{name}:{} {} {}\n    | {}",
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

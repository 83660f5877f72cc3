//! Robustness on real files: every Dockerfile of `shared/corpus/real` parses without panic,
//! round-trips byte for byte, and its problems are counted per code.

mod common;

use std::collections::BTreeMap;

#[test]
fn every_corpus_file_round_trips() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let files = common::corpus_files(&shared);
    let mut n_files_with_errors = 0;
    let mut per_code: BTreeMap<&str, usize> = BTreeMap::new();
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, bytes) in &files {
        let (parse, text) = rlint_syntax::parse_bytes(bytes);
        assert_eq!(parse.syntax().to_string(), text, "round trip of {name}");
        assert_eq!(
            rlint_syntax::decode::encode_lossless(&text).as_ref(),
            bytes.as_slice(),
            "byte round trip of {name}"
        );
        let errors: Vec<_> = parse
            .errors
            .iter()
            .filter(|e| e.severity == rlint_syntax::Severity::Error)
            .collect();
        if !errors.is_empty() {
            n_files_with_errors += 1;
        }
        for error in &parse.errors {
            *per_code.entry(error.code.code()).or_default() += 1;
            let list = examples.entry(error.code.code()).or_default();
            if list.len() < 3 {
                list.push(format!("{name}: {}", error.message));
            }
        }
    }
    eprintln!(
        "{} files parsed and round-tripped; {n_files_with_errors} with syntax errors",
        files.len()
    );
    for (code, count) in &per_code {
        eprintln!("  {code}: {count}  e.g. {:?}", examples[code]);
    }
}

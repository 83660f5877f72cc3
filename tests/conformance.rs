//! BuildKit parser conformance: every fixture of `shared/conformance/buildkit-parser` and
//! BuildKit's own dump of every real-world corpus file must be reproduced exactly.

mod common;

use rlint_syntax::{buildkit, parse_bytes};
use std::path::Path;

fn cases(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.join("Dockerfile").is_file())
        .collect();
    cases.sort();
    cases
}

fn check_positive(case: &Path, failures: &mut Vec<String>) {
    let input = std::fs::read(case.join("Dockerfile")).expect("read Dockerfile");
    let expected = std::fs::read_to_string(case.join("result")).expect("read result");
    let (parse, text) = parse_bytes(&input);
    assert_eq!(
        parse.syntax().to_string(),
        text,
        "round trip of {}",
        case.display()
    );
    match buildkit::dump(&parse) {
        Ok(dump) if dump == expected => {}
        Ok(dump) => failures.push(format!(
            "{}: dump differs\n--- expected\n{expected}--- got\n{dump}",
            case.display()
        )),
        Err(error) => failures.push(format!("{}: unexpected error {error}", case.display())),
    }
    if let Ok(lines) = std::fs::read_to_string(case.join("lines")) {
        let expected: Vec<(u32, u32)> = lines
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let (a, b) = l.trim().split_once(' ').expect("lines format");
                (a.parse().expect("start"), b.parse().expect("end"))
            })
            .collect();
        let got = buildkit::instruction_lines(&parse);
        if got != expected {
            failures.push(format!("{}: lines {got:?} != {expected:?}", case.display()));
        }
    }
}

fn check_negative(case: &Path, failures: &mut Vec<String>) {
    let input = std::fs::read(case.join("Dockerfile")).expect("read Dockerfile");
    let (parse, text) = parse_bytes(&input);
    assert_eq!(
        parse.syntax().to_string(),
        text,
        "round trip of {}",
        case.display()
    );
    match buildkit::dump(&parse) {
        Ok(dump) => failures.push(format!("{}: accepted, dump:\n{dump}", case.display())),
        Err(error) => {
            if let Ok(expected) = std::fs::read_to_string(case.join("error")) {
                if error.message != expected.trim() {
                    failures.push(format!(
                        "{}: error {:?}, BuildKit says {:?}",
                        case.display(),
                        error.message,
                        expected.trim()
                    ));
                }
            }
        }
    }
}

#[test]
fn buildkit_parser_fixtures() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let root = shared.join("conformance/buildkit-parser");
    let mut failures = Vec::new();
    let mut n_cases = 0;
    for dir in ["positive", "extra/positive"] {
        for case in cases(&root.join(dir)) {
            n_cases += 1;
            check_positive(&case, &mut failures);
        }
    }
    for dir in ["negative", "extra/negative"] {
        for case in cases(&root.join(dir)) {
            n_cases += 1;
            check_negative(&case, &mut failures);
        }
    }
    // line-info: BuildKit's own line-number test.
    let line_info = root.join("line-info");
    let (parse, _) = parse_bytes(&std::fs::read(line_info.join("Dockerfile")).expect("read"));
    let expected = std::fs::read_to_string(line_info.join("lines")).expect("read lines");
    let expected: Vec<String> = expected
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let got: Vec<String> = buildkit::instruction_lines(&parse)
        .iter()
        .map(|(a, b)| format!("{a} {b}"))
        .collect();
    n_cases += 1;
    if got != expected {
        failures.push(format!("line-info: {got:?} != {expected:?}"));
    }
    assert!(n_cases >= 76, "found only {n_cases} fixtures");
    eprintln!(
        "{} of {n_cases} BuildKit fixtures reproduced",
        n_cases - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {n_cases} fixtures differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_dumps_match_buildkit() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dumps =
        std::fs::read_to_string(shared.join("corpus/buildkit-dumps.jsonl")).expect("read dumps");
    let real = shared.join("corpus/real");
    let mut failures = Vec::new();
    let mut n_files = 0;
    for line in dumps.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("dump record");
        let file = record["file"].as_str().expect("file");
        let input = std::fs::read(real.join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
        let (parse, text) = parse_bytes(&input);
        assert_eq!(parse.syntax().to_string(), text, "round trip of {file}");
        n_files += 1;
        let got = buildkit::dump(&parse);
        match (&record["dump"], got) {
            (serde_json::Value::String(expected), Ok(dump)) if *expected == dump => {}
            (serde_json::Value::String(expected), Ok(dump)) => {
                let first = expected.lines().zip(dump.lines()).find(|(a, b)| a != b);
                failures.push(format!("{file}: dump differs at {first:?}"));
            }
            (serde_json::Value::String(_), Err(error)) => {
                failures.push(format!("{file}: rejected: {error}"))
            }
            (_, Ok(_)) => failures.push(format!(
                "{file}: accepted, BuildKit says {}",
                record["error"]
            )),
            (_, Err(_)) => {}
        }
    }
    assert!(
        n_files > 4000,
        "expected the whole corpus, found {n_files} records"
    );
    eprintln!(
        "{} of {n_files} corpus dumps match BuildKit",
        n_files - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {n_files} files differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

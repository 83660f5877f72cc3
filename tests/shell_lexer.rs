//! BuildKit's shell-lexer vectors (`shared/conformance/buildkit-parser/shell-lexer`) run
//! against `rlint_syntax::expand`.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use rlint_syntax::expand::{find_var_refs, process_word, process_words, ExpandOptions};

fn vectors_dir(shared: &Path) -> std::path::PathBuf {
    shared.join("conformance/buildkit-parser/shell-lexer")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

fn options(case_insensitive: bool) -> ExpandOptions {
    ExpandOptions {
        escape: '\\',
        case_insensitive,
    }
}

/// Tally of one vector file in one mode.
#[derive(Default)]
struct Tally {
    vectors: usize,
    ref_checks: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, line: usize, input: &str, expected: &str, got: &str) {
        self.vectors += 1;
        if expected != got {
            self.failures.push(format!(
                "line {line}: input {input:?}: expected {expected:?}, got {got:?}"
            ));
        }
    }

    /// `find_var_refs` must name exactly the variables a successful expansion looked up.
    fn check_refs(&mut self, line: usize, input: &str, looked_up: Vec<String>) {
        self.ref_checks += 1;
        let scanned: BTreeSet<String> = find_var_refs(input, '\\')
            .into_iter()
            .map(|r| r.name)
            .collect();
        let looked_up: BTreeSet<String> = looked_up.into_iter().collect();
        if scanned != looked_up {
            self.failures.push(format!(
                "line {line}: input {input:?}: looked up {looked_up:?}, find_var_refs {scanned:?}"
            ));
        }
    }
}

fn run_env_var_test(text: &str, case_insensitive: bool) -> Tally {
    let env = [
        ("PWD", "/home"),
        ("SHELL", "bash"),
        ("KOREAN", "한국어"),
        ("NULL", ""),
    ];
    let mut tally = Tally::default();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = raw.trim().split('|').map(str::trim).collect();
        let [tag, input, expected] = parts[..] else {
            tally.check(line, raw, "TAG | input | expected", "a malformed vector");
            continue;
        };
        let applies = match tag {
            "A" => true,
            "U" => !case_insensitive,
            "W" => case_insensitive,
            _ => {
                tally.check(line, raw, "tag A, U or W", tag);
                continue;
            }
        };
        if !applies {
            continue;
        }
        match process_word(input, &env, options(case_insensitive)) {
            Ok(expansion) => {
                tally.check(line, input, expected, &expansion.value);
                let mut looked_up = expansion.matched;
                looked_up.extend(expansion.unmatched);
                tally.check_refs(line, input, looked_up);
            }
            Err(err) => {
                let got = if expected == "error" {
                    "error".to_owned()
                } else {
                    format!("error: {err}")
                };
                tally.check(line, input, expected, &got);
            }
        }
    }
    tally
}

fn run_words_test(text: &str, case_insensitive: bool) -> Tally {
    let mut env: Vec<(String, String)> = Vec::new();
    let mut tally = Tally::default();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.starts_with('#') || raw.is_empty() {
            continue;
        }
        if let Some(assignment) = raw.strip_prefix("ENV ") {
            let assignment = assignment.trim_start_matches(' ');
            let (name, value) = assignment.split_once('=').unwrap_or((assignment, ""));
            env.push((name.to_owned(), value.to_owned()));
            continue;
        }
        let parts: Vec<&str> = raw.split('|').collect();
        let [input, expected] = parts[..] else {
            tally.check(line, raw, "input | expected", "malformed vector");
            continue;
        };
        let input = input.trim();
        // Compared as lists, like BuildKit's test: `a,b` is two words.
        let expected: Vec<&str> = expected.trim_start_matches(' ').split(',').collect();
        let got = match process_words(input, &env, options(case_insensitive)) {
            Ok(words) => words,
            Err(_) => vec!["error".to_owned()],
        };
        tally.check(line, input, &format!("{expected:?}"), &format!("{got:?}"));
    }
    tally
}

#[test]
fn buildkit_shell_lexer_vectors_pass() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = vectors_dir(&shared);
    let env_var_test = read(&dir.join("envVarTest"));
    let words_test = read(&dir.join("wordsTest"));

    let runs = [
        ("envVarTest (unix)", run_env_var_test(&env_var_test, false)),
        (
            "envVarTest (windows)",
            run_env_var_test(&env_var_test, true),
        ),
        ("wordsTest (unix)", run_words_test(&words_test, false)),
        ("wordsTest (windows)", run_words_test(&words_test, true)),
    ];

    let mut total = 0;
    let mut failed = 0;
    for (name, tally) in &runs {
        eprintln!(
            "{name}: {} vectors and {} find_var_refs checks, {} failures",
            tally.vectors,
            tally.ref_checks,
            tally.failures.len()
        );
        for failure in &tally.failures {
            eprintln!("  FAIL {name} {failure}");
        }
        assert!(
            tally.vectors > 0,
            "{name}: no vectors found in {}",
            dir.display()
        );
        total += tally.vectors + tally.ref_checks;
        failed += tally.failures.len();
    }
    assert!(total > 0, "no vectors found in {}", dir.display());
    assert_eq!(failed, 0, "{failed} of {total} shell-lexer checks failed");
}

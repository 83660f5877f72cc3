//! Data-driven parser tests: `test_data/parser/{ok,err}/*.Dockerfile` with a `.rast` snapshot
//! each (tree dump plus errors). `ok` files have no errors, `err` files at least one; all must
//! round-trip and have well-formed ranges. Set `UPDATE_EXPECT=1` to rewrite snapshots.

use crate::{debug_tree, parse, Severity};
use std::path::{Path, PathBuf};

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/parser")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no test files in {}", dir.display());
    files
}

fn snapshot(path: &Path) -> (String, usize) {
    let text = std::fs::read_to_string(path).expect("read test file");
    let parse = parse(&text);
    let root = parse.syntax();
    assert_eq!(root.to_string(), text, "round trip of {}", path.display());
    let len = crate::TextSize::of(&text);
    for error in &parse.errors {
        assert!(
            error.range.end() <= len,
            "error range out of bounds in {}",
            path.display()
        );
    }
    let mut out = debug_tree(&root);
    for error in &parse.errors {
        let severity = match error.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "{severity} {}@{}..{}: {}\n",
            error.code.code(),
            u32::from(error.range.start()),
            u32::from(error.range.end()),
            error.message
        ));
    }
    let n_errors = parse
        .errors
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .count();
    (out, n_errors)
}

fn check_dir(dir: &str, expect_errors: bool) {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut mismatches = Vec::new();
    for path in files(dir) {
        let (actual, n_errors) = snapshot(&path);
        if expect_errors {
            assert!(n_errors > 0, "{} should have errors", path.display());
        } else {
            assert_eq!(
                n_errors,
                0,
                "{} should have no errors:\n{actual}",
                path.display()
            );
        }
        let expected_path = path.with_extension("rast");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            if update {
                std::fs::write(&expected_path, &actual).expect("write snapshot");
            } else {
                mismatches.push(format!("{}:\n{actual}", expected_path.display()));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "snapshots differ (UPDATE_EXPECT=1 to accept):\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn parser_ok_files() {
    check_dir("ok", false);
}

#[test]
fn parser_err_files() {
    check_dir("err", true);
}

/// `keyword_text`/`keyword_range` stop at the end of the keyword; they must agree with a walk
/// over every keyword token of the instruction, on every parser test file and on keywords split
/// by continuations.
#[test]
fn keyword_walk_stops_after_the_keyword() {
    use crate::ast::{AstNode, SourceFile};
    use rowan::NodeOrToken;
    let mut texts: Vec<String> = files("ok")
        .into_iter()
        .chain(files("err"))
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    texts.push("FROM x\nR\\\nUN a\n  RU\\\n# c\n\nN b\nONBUILD RUN c\n\\\n".to_string());
    for text in &texts {
        let root = SourceFile::cast(parse(text).syntax()).expect("root");
        for instruction in root.instructions() {
            let all: Vec<_> = instruction
                .syntax()
                .children_with_tokens()
                .filter_map(NodeOrToken::into_token)
                .filter(|t| t.kind().is_keyword())
                .collect();
            let text_all: String = all.iter().map(|t| t.text()).collect();
            assert_eq!(instruction.keyword_text(), text_all, "{text}");
            if let (Some(first), Some(last)) = (all.first(), all.last()) {
                let range = first.text_range().cover(last.text_range());
                assert_eq!(instruction.keyword_range(), range, "{text}");
            }
        }
    }
}

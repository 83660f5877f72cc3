//! The `rlint` binary end to end: exit codes, messages and the `parse` command.

use std::path::Path;
use std::process::{Command, Output};

fn rlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run rlint")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn clean_file_exits_zero_silently() {
    let output = rlint(&["corpus/go-multistage.Dockerfile"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn problems_exit_one_with_code_and_exact_place() {
    let output = rlint(&["corpus/broken.Dockerfile"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.contains("error[RL1001]: unknown instruction `RUNN` (did you mean `RUN`?)"),
        "{out}"
    );
    assert!(out.contains("corpus/broken.Dockerfile:4:6"), "{out}");
    assert!(out.contains("error[RL1003]: unterminated heredoc"), "{out}");
}

#[test]
fn unreadable_file_exits_two_and_others_are_still_linted() {
    let output = rlint(&["does-not-exist.Dockerfile", "corpus/broken.Dockerfile"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("does-not-exist.Dockerfile: no such file or directory"));
    assert!(
        stdout(&output).contains("RL1001"),
        "the second file must still be linted"
    );
}

#[test]
fn directory_and_invalid_utf8_get_one_clear_message() {
    let dir = std::env::temp_dir().join(format!("rlint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let latin1 = dir.join("latin1.Dockerfile");
    std::fs::write(&latin1, b"FROM alpine\nLABEL author=\"Ren\xe9\"\n").expect("write");
    let output = rlint(&[
        dir.to_str().expect("utf-8 path"),
        latin1.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("is a directory"), "{err}");
    assert!(
        err.contains("not valid UTF-8 (first invalid byte at offset 29)"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parse_prints_the_tree_with_byte_ranges() {
    let output = rlint(&["parse", "corpus/go-multistage.Dockerfile"]);
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/go-multistage.Dockerfile"),
    )
    .expect("read");
    assert!(
        out.starts_with(&format!(
            "SOURCE_FILE@0..{}\n  DIRECTIVE@0..28\n    HASH@0..1 \"#\"\n",
            text.len()
        )),
        "{out}"
    );
    assert!(out.contains("    FROM_KW@"), "{out}");
    assert!(out.contains("      VARIABLE@"), "{out}");
}

#[test]
fn parse_buildkit_format_prints_the_dump_or_the_error() {
    let output = rlint(&[
        "parse",
        "--format",
        "buildkit",
        "corpus/node-app.Dockerfile",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    assert!(
        out.starts_with("(from \"node:22-bookworm-slim\" \"AS\" \"deps\")\n(workdir \"/app\")\n"),
        "{out}"
    );
    let output = rlint(&["parse", "--format", "buildkit", "corpus/broken.Dockerfile"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("unterminated heredoc"));
}

#[test]
fn no_paths_is_a_usage_error() {
    let output = rlint(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no paths given"));
}

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

/// A scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rlint-cli-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn json_output_has_hadolint_keys_and_exact_ends() {
    let dir = scratch("json");
    let file = dir.join("Dockerfile");
    std::fs::write(&file, "FROM ubuntu\nMAINTAINER me\n").expect("write");
    let output = rlint(&["--isolated", "--format", "json", path_str(&file)]);
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let first = &findings[0];
    assert_eq!(first["code"], "DL3006");
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 6);
    assert_eq!(first["end_line"], 1);
    assert_eq!(first["end_column"], 12);
    assert_eq!(first["level"], "warning");
    assert_eq!(first["name"], "image-untagged");
    assert_eq!(first["fix"], serde_json::Value::Null);
    let maintainer = findings
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["code"] == "DL4000")
        .expect("DL4000");
    assert_eq!(
        maintainer["fix"],
        "Replace with an `org.opencontainers.image.authors` label"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn config_is_discovered_upwards_and_isolated_ignores_it() {
    let dir = scratch("config");
    std::fs::create_dir_all(dir.join("sub")).expect("sub");
    std::fs::write(dir.join(".hadolint.yaml"), "ignored:\n  - DL3006\n").expect("write");
    let file = dir.join("sub/Dockerfile");
    std::fs::write(&file, "FROM ubuntu\n").expect("write");
    let output = rlint(&["--format", "concise", path_str(&file)]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // The closest config wins, and rlint's own file wins over hadolint's in one directory.
    std::fs::write(
        dir.join("sub/rlint.toml"),
        "[severity]\nDL3006 = \"error\"\n",
    )
    .expect("write");
    let output = rlint(&["--format", "json", path_str(&file)]);
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(findings[0]["level"], "error");
    let output = rlint(&["--isolated", "--format", "json", path_str(&file)]);
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(findings[0]["level"], "warning");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn broken_config_is_an_error_naming_file_line_and_key() {
    let dir = scratch("broken-config");
    std::fs::write(
        dir.join("rlint.toml"),
        "select = [\"ALL\"]\nignroe = [\"DL3008\"]\n",
    )
    .expect("write");
    let file = dir.join("Dockerfile");
    std::fs::write(&file, "FROM alpine:3.20\n").expect("write");
    let output = rlint(&[path_str(&file)]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("rlint.toml:2:") && err.contains("ignroe"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn failure_threshold_and_select_ignore_flags() {
    let dir = scratch("threshold");
    let file = dir.join("Dockerfile");
    std::fs::write(&file, "FROM ubuntu\n").expect("write");
    let output = rlint(&[
        "--isolated",
        "--failure-threshold",
        "error",
        path_str(&file),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "warnings are below the threshold"
    );
    let output = rlint(&["--isolated", "--ignore", "DL30", path_str(&file)]);
    assert_eq!(stdout(&output), "");
    let output = rlint(&[
        "--isolated",
        "--ignore",
        "ALL",
        "--select",
        "image-untagged",
        "--format",
        "concise",
        path_str(&file),
    ]);
    assert!(stdout(&output).contains("DL3006"), "{}", stdout(&output));
    let output = rlint(&["--isolated", "--severity", "DL3006=banana", path_str(&file)]);
    assert_eq!(output.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

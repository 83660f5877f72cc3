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
fn invalid_utf8_gets_one_clear_message() {
    let dir = std::env::temp_dir().join(format!("rlint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let latin1 = dir.join("latin1.Dockerfile");
    std::fs::write(&latin1, b"FROM alpine\nLABEL author=\"Ren\xe9\"\n").expect("write");
    let output = rlint(&[latin1.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(
        err.matches("not valid UTF-8 (first invalid byte at offset 29)")
            .count(),
        1,
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

fn rlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run rlint")
}

/// Runs rlint with `input` on its standard input.
fn rlint_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), input).expect("write stdin");
    child.wait_with_output().expect("wait")
}

#[test]
fn directories_are_walked_honouring_gitignore_in_a_stable_order() {
    let dir = scratch("walk");
    for (path, text) in [
        ("b/Dockerfile", "FROM ubuntu\n"),
        ("a/app.Dockerfile", "FROM ubuntu\n"),
        (".devcontainer/Containerfile", "FROM ubuntu\n"),
        ("ignored/Dockerfile", "FROM ubuntu\n"),
        ("notes.txt", "FROM ubuntu\n"),
        ("Dockerfile.dev", "FROM ubuntu\n"),
    ] {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    }
    std::fs::write(dir.join(".gitignore"), "ignored/\n").expect("write");
    // `ignore` honours .gitignore inside git repositories; mark the directory as one.
    std::fs::create_dir_all(dir.join(".git")).expect("git dir");
    let output = rlint_in(&dir, &["--isolated", "--format", "concise", "."]);
    let files: Vec<String> = stdout(&output)
        .lines()
        .map(|l| l.split(':').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        files,
        [
            "./.devcontainer/Containerfile",
            "./Dockerfile.dev",
            "./a/app.Dockerfile",
            "./b/Dockerfile"
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_inputs_each_get_one_message_and_the_rest_is_linted() {
    let dir = scratch("bad-inputs");
    std::fs::write(dir.join("binary.Dockerfile"), b"\x7fELF\x00\x00\x01").expect("write");
    std::fs::write(dir.join("good.Dockerfile"), "FROM ubuntu\n").expect("write");
    std::fs::create_dir_all(dir.join("empty")).expect("mkdir");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("loop"), dir.join("loop")).expect("symlink loop");
        let locked = dir.join("locked.Dockerfile");
        std::fs::write(&locked, "FROM ubuntu\n").expect("write");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    let args = [
        "--isolated",
        "--format",
        "concise",
        "missing.Dockerfile",
        "binary.Dockerfile",
        "empty",
        "loop",
        "locked.Dockerfile",
        "good.Dockerfile",
    ];
    let output = rlint_in(&dir, &args);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("missing.Dockerfile: no such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("binary.Dockerfile: looks like a binary file"),
        "{err}"
    );
    assert!(
        err.contains("empty: no Dockerfiles found in this directory"),
        "{err}"
    );
    assert!(err.contains("loop: "), "{err}");
    // Root reads every file; the permission check only holds for other users.
    let is_root = std::env::var("USER").is_ok_and(|u| u == "root")
        || std::fs::read(dir.join("locked.Dockerfile")).is_ok();
    if !is_root {
        assert!(
            err.contains("locked.Dockerfile: permission denied"),
            "{err}"
        );
    }
    assert!(
        stdout(&output).contains("good.Dockerfile:1:6: DL3006"),
        "the good file is still linted"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_50_megabyte_file_is_refused_by_name_and_the_others_are_linted() {
    let dir = scratch("huge");
    let mut text = String::from("FROM alpine:3.20\n");
    let line = "RUN echo 0123456789012345678901234567890123456789012345678901234567890123456789\n";
    while text.len() < 50 << 20 {
        text.push_str(line);
    }
    std::fs::write(dir.join("huge.Dockerfile"), &text).expect("write");
    std::fs::write(dir.join("small.Dockerfile"), "FROM ubuntu\n").expect("write");
    let output = rlint_in(
        &dir,
        &[
            "--isolated",
            "--format",
            "concise",
            "huge.Dockerfile",
            "small.Dockerfile",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "error: huge.Dockerfile: larger than 2 MiB, the most rlint lints (raise the limit with \
         --max-file-size)\n"
    );
    assert!(
        stdout(&output).contains("small.Dockerfile:1:6: DL3006"),
        "{}",
        stdout(&output)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn max_file_size_sets_the_limit_for_files_and_standard_input() {
    let dir = scratch("limit");
    let text = format!(
        "FROM ubuntu\n{}",
        "# a comment of forty bytes, give or take\n".repeat(30)
    );
    assert!(text.len() > 1024);
    std::fs::write(dir.join("Dockerfile"), &text).expect("write");
    let limited = rlint_in(
        &dir,
        &["--isolated", "--max-file-size", "1KiB", "Dockerfile"],
    );
    assert_eq!(limited.status.code(), Some(2));
    assert!(
        stderr(&limited).contains("Dockerfile: larger than 1 KiB"),
        "{}",
        stderr(&limited)
    );
    let exact = text.len().to_string();
    let allowed = rlint_in(
        &dir,
        &[
            "--isolated",
            "--format",
            "concise",
            "--max-file-size",
            &exact,
            "Dockerfile",
        ],
    );
    assert_eq!(allowed.status.code(), Some(1), "{}", stderr(&allowed));
    assert!(stdout(&allowed).contains("DL3006"));
    let piped = rlint_stdin(
        &["--isolated", "--max-file-size", "100", "-"],
        text.as_bytes(),
    );
    assert_eq!(piped.status.code(), Some(2));
    assert!(
        stderr(&piped).contains("larger than 100 bytes"),
        "{}",
        stderr(&piped)
    );
    let bad = rlint_in(&dir, &["--max-file-size", "2 parsecs", "Dockerfile"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`2 parsecs` is not a size"),
        "{}",
        stderr(&bad)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stdin_is_linted_under_the_given_name() {
    let output = rlint_stdin(
        &[
            "--isolated",
            "--format",
            "concise",
            "--stdin-filename",
            "web/Dockerfile",
            "-",
        ],
        b"FROM ubuntu\n",
    );
    assert_eq!(stdout(&output), "web/Dockerfile:1:6: DL3006 base image `ubuntu` has no tag or digest, so it floats to `latest`: pin a version\n");
}

#[test]
fn fix_rewrites_atomically_keeping_crlf_and_diff_only_prints() {
    let dir = scratch("fix");
    let path = dir.join("Dockerfile");
    std::fs::write(&path, "FROM alpine:3.20\r\nMAINTAINER me\r\n").expect("write");
    let output = rlint_in(
        &dir,
        &["--isolated", "--diff", "--unsafe-fixes", "Dockerfile"],
    );
    assert!(
        stdout(&output).contains("+LABEL org.opencontainers.image.authors=\"me\""),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "FROM alpine:3.20\r\nMAINTAINER me\r\n",
        "--diff writes nothing"
    );
    // Safe fixes only: the MAINTAINER fix is unsafe.
    let output = rlint_in(&dir, &["--isolated", "--fix", "Dockerfile"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "FROM alpine:3.20\r\nMAINTAINER me\r\n"
    );
    let output = rlint_in(
        &dir,
        &[
            "--isolated",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "Dockerfile",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "FROM alpine:3.20\r\nLABEL org.opencontainers.image.authors=\"me\"\r\n"
    );
    assert!(
        !stdout(&output).contains("DL4000"),
        "fixed problems are not reported"
    );
    assert!(stderr(&output).contains("fixed 1 problem"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let output = rlint_stdin(
        &["--isolated", "--fix", "--unsafe-fixes", "-"],
        b"FROM alpine:3.20\nMAINTAINER me\n",
    );
    assert_eq!(
        stdout(&output),
        "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"me\"\n"
    );
}

#[test]
fn rules_and_rule_document_every_rule() {
    let output = rlint(&["rules", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let first = &rules.as_array().expect("array")[0];
    for key in ["code", "name", "aliases", "category", "default", "fixable"] {
        assert!(first.get(key).is_some(), "missing {key} in {first}");
    }
    let output = rlint(&["rule", "image-untagged"]);
    assert!(
        stdout(&output).starts_with("# image-untagged (DL3006)"),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("## Why is this bad?"));
    let output = rlint(&["rule", "DL300"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown rule `DL300`"));
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = scratch("stats");
    std::fs::write(dir.join("Dockerfile"), "FROM ubuntu\nFROM debian\n").expect("write");
    let output = rlint_in(
        &dir,
        &[
            "--isolated",
            "--ignore",
            "ALL",
            "--select",
            "DL3006",
            "--statistics",
            "--format",
            "concise",
            "Dockerfile",
        ],
    );
    assert!(
        stderr(&output).contains("     2  DL3006  image-untagged"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn dockerignore_beside_the_dockerfile_feeds_copy_ignored_file() {
    let dir = scratch("dockerignore");
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM alpine:3.20\nCOPY node_modules /app/\n",
    )
    .expect("write");
    std::fs::write(dir.join(".dockerignore"), "node_modules\n").expect("write");
    let output = rlint_in(&dir, &["--isolated", "--format", "concise", "Dockerfile"]);
    assert!(
        stdout(&output).contains("Dockerfile:2:6: RL2017"),
        "{}",
        stdout(&output)
    );
    // `<Dockerfile>.dockerignore` wins over `.dockerignore`, as in BuildKit.
    std::fs::write(dir.join("Dockerfile.dockerignore"), "*.log\n").expect("write");
    let output = rlint_in(&dir, &["--isolated", "--format", "concise", "Dockerfile"]);
    assert!(!stdout(&output).contains("RL2017"), "{}", stdout(&output));
    // In one run, each Dockerfile gets its own answer: the shared `.dockerignore` (read once)
    // for those without a file of their own.
    for name in ["api.Dockerfile", "worker.Dockerfile"] {
        std::fs::write(
            dir.join(name),
            "FROM alpine:3.20\nCOPY node_modules /app/\n",
        )
        .expect("write");
    }
    let output = rlint_in(
        &dir,
        &[
            "--isolated",
            "--format",
            "concise",
            "api.Dockerfile",
            "Dockerfile",
            "worker.Dockerfile",
        ],
    );
    let text = stdout(&output);
    let found: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("RL2017"))
        .map(|line| line.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(found, ["api.Dockerfile", "worker.Dockerfile"], "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn many_files_are_reported_in_order_as_they_are_linted() {
    let dir = scratch("many");
    // Files of very different sizes finish out of order on the worker threads; the report must
    // still follow the order of the command line, and an unreadable file in the middle must not
    // hold up or drop the others.
    let mut args = vec!["--isolated".to_string(), "--format".into(), "json".into()];
    let mut expected = Vec::new();
    for i in 0..300 {
        let path = dir.join(format!("{i:03}.Dockerfile"));
        let runs = if i % 7 == 0 { 400 } else { 1 };
        let text = format!("FROM ubuntu\n{}", "RUN cd /tmp\n".repeat(runs));
        std::fs::write(&path, text).expect("write");
        if i == 150 {
            args.push(path_str(&dir.join("missing.Dockerfile")).to_string());
        }
        args.push(path_str(&path).to_string());
        expected.push(path_str(&path).to_string());
    }
    let output = rlint(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output).matches("missing.Dockerfile").count(), 1);
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let mut files: Vec<&str> = Vec::new();
    for finding in findings.as_array().expect("array") {
        let file = finding["file"].as_str().expect("file");
        if files.last() != Some(&file) {
            files.push(file);
        }
    }
    // DL3006 (untagged image) in every file, so each appears once, in order.
    assert_eq!(files, expected);
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_stops_the_run_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlint"))
        .args(["--isolated", "--format", "concise"])
        .args(std::iter::repeat_n("corpus/broken.Dockerfile", 2000))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rlint");
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("the report starts");
    // Dropping our end of the pipe makes the next write fail.
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "");
}

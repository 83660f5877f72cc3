//! End to end with a real editor: headless Neovim starts `rlint lsp`, receives diagnostics for a
//! Dockerfile and applies a quick fix (`tests/neovim/session.lua`). Skipped with a message when
//! `nvim` is not installed, except in CI, where `.ci/run` installs it.

use std::path::Path;
use std::process::Command;

#[test]
fn neovim_receives_diagnostics_and_applies_a_quick_fix() {
    if Command::new("nvim").arg("--version").output().is_err() {
        rlint_testkit::skip("nvim not found (.ci/run installs neovim)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("Dockerfile");
    std::fs::write(&file, "FROM debian:12\nRUN apt-get update && apt-get install curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n")
        .expect("write");
    let out = dir.path().join("report.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim/session.lua");
    let status = Command::new("timeout")
        .args([
            "60",
            "nvim",
            "--headless",
            "-u",
            "NONE",
            "-i",
            "NONE",
            "-n",
            "-c",
        ])
        .arg(format!("luafile {}", script.display()))
        .env("RLINT_BIN", env!("CARGO_BIN_EXE_rlint"))
        .env("RLINT_FILE", &file)
        .env("RLINT_OUT", &out)
        .current_dir(dir.path())
        .status()
        .expect("run nvim");
    let report = std::fs::read_to_string(&out)
        .unwrap_or_else(|_| panic!("nvim wrote no report (exit {status})"));
    assert!(report.contains("diagnostic DL3014 1:"), "{report}");
    assert!(
        report.contains("action Add `-y`")
            || report
                .lines()
                .any(|l| l.starts_with("action ") && l.contains("-y")),
        "{report}"
    );
    // The fix added -y to apt-get install in the buffer.
    assert!(
        report.contains("line RUN apt-get update && apt-get install -y curl="),
        "{report}"
    );
}

//! Snapshot tests of every output format on one small Dockerfile with findings of several
//! severities (one with a fix), through the real binary.

use std::process::Command;

const DOCKERFILE: &str = "FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\nFROM ubuntu\nRUNN echo typo\nCMD ['sh']\n";

fn run(format: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("Dockerfile");
    std::fs::write(&path, DOCKERFILE).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_rlint"))
        // A fixed rule set keeps the snapshots independent of rules added later.
        .args([
            "--isolated",
            "--ignore",
            "ALL",
            "--select",
            "DL4000,DL3006,RL1001,RL1004",
            "--format",
            format,
            "Dockerfile",
        ])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run rlint");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

#[test]
fn human() {
    insta::assert_snapshot!(run("human"));
}

#[test]
fn concise() {
    insta::assert_snapshot!(run("concise"));
}

#[test]
fn json() {
    insta::assert_snapshot!(run("json"));
}

#[test]
fn github() {
    insta::assert_snapshot!(run("github"));
}

#[test]
fn gitlab() {
    insta::assert_snapshot!(run("gitlab"));
}

#[test]
fn checkstyle() {
    insta::assert_snapshot!(run("checkstyle"));
}

#[test]
fn junit() {
    insta::assert_snapshot!(run("junit"));
}

#[test]
fn sarif_results_and_rules_table() {
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).expect("sarif is json");
    assert_eq!(sarif["version"], "2.1.0");
    let driver = &sarif["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().expect("rules table");
    // The table lists every registered rule with help text and a help link.
    assert_eq!(rules.len(), rlint_linter::registry::all().len());
    for rule in rules {
        assert!(rule["id"].is_string() && rule["name"].is_string());
        assert!(
            rule["help"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("## What it does")),
            "{rule}"
        );
        assert!(
            rule["helpUri"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")),
            "{rule}"
        );
    }
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    // Every result points into the rules table and has an exact region.
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("rule index") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(result["locations"][0]["physicalLocation"]["region"]["endColumn"].is_number());
    }
    let ids: Vec<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    insta::assert_snapshot!(ids.join(" "));
}

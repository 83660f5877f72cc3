//! `rlint lsp` end to end: the real binary over stdio, spoken to by a tiny JSON-RPC client with
//! Content-Length framing. Every wait has a deadline, and the child is killed when a test ends
//! (passing or not).

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(10);

struct Lsp {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages received while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
    dir: tempfile::TempDir,
    init_result: Value,
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Lsp {
    fn start() -> Lsp {
        Lsp::start_with(json!({}), Value::Null, |_| {})
    }

    /// Spawns the server and initializes it; `setup` may write files into the workspace
    /// directory first.
    fn start_with(
        capabilities: Value,
        init_options: Value,
        setup: impl FnOnce(&std::path::Path),
    ) -> Lsp {
        let dir = tempfile::tempdir().expect("temp dir");
        setup(dir.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_rlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn rlint lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut lsp = Lsp {
            stdin: child.stdin.take(),
            child,
            messages,
            pending: VecDeque::new(),
            next_id: 0,
            dir,
            init_result: Value::Null,
        };
        let mut params =
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities });
        if !init_options.is_null() {
            params["initializationOptions"] = init_options;
        }
        let response = lsp.request("initialize", params);
        lsp.init_result = response["result"].clone();
        lsp.notify("initialized", json!({}));
        lsp
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.write(framed.as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(&format!("the answer to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// The result of a request that must succeed.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(idx) = self.pending.iter().position(&matches) {
            return self.pending.remove(idx).expect("pending message");
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if matches(&message) => return message,
                Ok(message) => self.pending.push_back(message),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server closed stdout while waiting for {what}")
                }
            }
        }
    }

    fn uri(&self, name: &str) -> String {
        format!("file://{}/{name}", self.dir.path().display())
    }

    /// Tells the server, as a file watcher would, that a workspace file changed on disk.
    fn file_changed(&mut self, name: &str) {
        let uri = self.uri(name);
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri, "type": 2 }] }),
        );
    }

    fn open(&mut self, name: &str, text: &str) -> String {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "dockerfile", "version": 1, "text": text
            }}),
        );
        uri
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    /// The diagnostics published for `version` of `uri`. Publishes for a document never go
    /// back in version.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let mut last_seen = i64::MIN;
        loop {
            let message = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            });
            let seen = message["params"]["version"].as_i64().expect("version");
            assert!(
                seen >= last_seen,
                "diagnostics went back from v{last_seen} to v{seen}"
            );
            assert!(
                seen <= version,
                "diagnostics for v{seen}, newer than v{version}"
            );
            last_seen = seen;
            if seen == version {
                return message["params"]["diagnostics"]
                    .as_array()
                    .expect("diagnostics array")
                    .clone();
            }
        }
    }

    fn shutdown(mut self) -> Option<i32> {
        // `"params": null`, as several clients send it.
        assert_eq!(self.call("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().expect("code"))
        .collect()
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:?}"))
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "start": { "line": start.0, "character": start.1 },
        "end": { "line": end.0, "character": end.1 },
    })
}

/// The UTF-16 position of byte offset `offset`.
fn position(text: &str, offset: usize) -> (u32, u32) {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() as u32;
    (line, text[line_start..offset].encode_utf16().count() as u32)
}

/// The byte offset of a UTF-16 LSP position.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let line_start = text
        .split_inclusive('\n')
        .take(line)
        .map(str::len)
        .sum::<usize>();
    let mut units = 0;
    for (idx, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' {
            return line_start + idx;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies LSP text edits (one document, non-overlapping) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().expect("newText"),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    let mut out = text.to_string();
    for (start, end, new_text) in edits {
        out.replace_range(start..end, new_text);
    }
    out
}

fn action_edits<'a>(action: &'a Value, uri: &str) -> &'a [Value] {
    action["edit"]["changes"][uri]
        .as_array()
        .expect("edits for the document")
}

#[test]
fn open_publishes_diagnostics_with_exact_ranges() {
    let mut lsp = Lsp::start();
    let caps = &lsp.init_result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2);
    let uri = lsp.open("Dockerfile", "FROM ubuntu\nRUN apt-get install curl\n");
    let diagnostics = lsp.diagnostics(&uri, 1);
    let untagged = find(&diagnostics, "DL3006");
    assert_eq!(untagged["range"], range((0, 5), (0, 11)));
    assert_eq!(untagged["severity"], 2);
    assert_eq!(untagged["source"], "rlint");
    assert_eq!(
        untagged["codeDescription"]["href"],
        "https://github.com/hadolint/hadolint/wiki/DL3006"
    );
    let missing_yes = find(&diagnostics, "DL3014");
    assert_eq!(missing_yes["range"], range((1, 4), (1, 19)));
    assert_eq!(missing_yes["data"]["fix"]["safe"], true);
    assert_eq!(
        find(&diagnostics, "DL3008")["range"],
        range((1, 20), (1, 24))
    );
    assert_eq!(lsp.shutdown(), Some(0));
}

#[test]
fn rapid_incremental_edits_end_with_diagnostics_of_the_final_text() {
    let mut lsp = Lsp::start();
    let mut text = String::from("FROM alpine:3.19\n");
    let uri = lsp.open("Dockerfile", &text);
    let payload = "RUN apt-get install curl\nFROM ubuntu AS b\nENV A b\n";
    let mut version = 1;
    // Type the payload one character per change.
    for c in payload.chars() {
        let at = position(&text, text.len());
        lsp.change(
            &uri,
            version + 1,
            json!([{ "range": range(at, at), "text": c.to_string() }]),
        );
        text.push(c);
        version += 1;
    }
    // Then insert and remove an `x` at pseudo-random places, two changes per notification.
    let mut seed: u64 = 12345;
    while version < 201 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let at = (seed >> 33) as usize % (text.len() + 1);
        let start = position(&text, at);
        let end = (start.0, start.1 + 1);
        lsp.change(
            &uri,
            version + 1,
            json!([
                { "range": range(start, start), "text": "x" },
                { "range": range(start, end), "text": "" },
                { "range": range(start, start), "text": "x" },
            ]),
        );
        text.insert(at, 'x');
        version += 1;
        lsp.change(
            &uri,
            version + 1,
            json!([{ "range": range(start, end), "text": "" }]),
        );
        text.remove(at);
        version += 1;
    }
    let after_edits = lsp.diagnostics(&uri, version);
    let fresh_uri = lsp.open("Fresh.Dockerfile", &text);
    let fresh = lsp.diagnostics(&fresh_uri, 1);
    let strip = |diagnostics: &[Value]| -> Vec<Value> {
        diagnostics
            .iter()
            .map(|d| json!([d["code"], d["range"], d["message"], d["severity"]]))
            .collect()
    };
    assert_eq!(strip(&after_edits), strip(&fresh));
    assert!(codes(&after_edits).contains(&"DL3006"), "{after_edits:?}");
    // The pulled diagnostics agree.
    let pulled = lsp.call(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(pulled["kind"], "full");
    assert_eq!(
        strip(pulled["items"].as_array().expect("items")),
        strip(&fresh)
    );
}

#[test]
fn utf16_columns_count_emoji_and_crlf_lines() {
    let mut lsp = Lsp::start();
    let text = "FROM ubuntu:24.04\r\nRUN echo \"🐳 é\" && apt-get install -y --no-install-recommends curl\r\n";
    let uri = lsp.open("Dockerfile", text);
    let diagnostics = lsp.diagnostics(&uri, 1);
    let curl = text.find("curl").expect("curl");
    let start = position(text, curl);
    assert_eq!(start, (1, 62));
    assert_eq!(
        find(&diagnostics, "DL3008")["range"],
        range(start, (1, start.1 + 4))
    );
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let capabilities = json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } });
    let mut lsp = Lsp::start_with(capabilities, Value::Null, |_| {});
    assert_eq!(lsp.init_result["capabilities"]["positionEncoding"], "utf-8");
    let text =
        "FROM ubuntu:24.04\nRUN echo \"🐳 é\" && apt-get install -y --no-install-recommends curl\n";
    let uri = lsp.open("Dockerfile", text);
    let diagnostics = lsp.diagnostics(&uri, 1);
    let column = (text.find("curl").expect("curl") - text.find("RUN").expect("RUN")) as u32;
    assert_eq!(column, 65);
    assert_eq!(
        find(&diagnostics, "DL3008")["range"],
        range((1, column), (1, column + 4))
    );
    // An edit after the emoji, in bytes.
    lsp.change(
        &uri,
        2,
        json!([{ "range": range((1, column), (1, column + 4)), "text": "curl=8.5.0-2" }]),
    );
    let diagnostics = lsp.diagnostics(&uri, 2);
    assert!(!codes(&diagnostics).contains(&"DL3008"), "{diagnostics:?}");
}

#[test]
fn out_of_range_change_positions_are_clamped() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("Dockerfile", "FROM alpine:3.19\nRUN true\n");
    lsp.diagnostics(&uri, 1);
    // A column past the end of its line, then a line past the end of the file.
    lsp.change(
        &uri,
        2,
        json!([
            { "range": range((0, 99), (0, 200)), "text": " AS base" },
            { "range": range((50, 3), (70, 0)), "text": "FROM ubuntu\n" },
        ]),
    );
    let diagnostics = lsp.diagnostics(&uri, 2);
    assert_eq!(
        find(&diagnostics, "DL3006")["range"],
        range((2, 5), (2, 11))
    );
    let symbols = lsp.call(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(symbols[0]["name"], "base");
    assert_eq!(lsp.shutdown(), Some(0));
}

#[test]
fn change_to_an_unknown_document_is_ignored() {
    let mut lsp = Lsp::start();
    let unknown = lsp.uri("Unknown.Dockerfile");
    lsp.change(
        &unknown,
        2,
        json!([{ "range": range((0, 0), (0, 0)), "text": "FROM x\n" }]),
    );
    let uri = lsp.open("Dockerfile", "FROM ubuntu\n");
    assert_eq!(codes(&lsp.diagnostics(&uri, 1)), ["DL3006"]);
    let hover = lsp.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": unknown }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(hover["result"], Value::Null);
    assert_eq!(lsp.shutdown(), Some(0));
}

#[test]
fn a_document_over_the_size_limit_is_not_linted_and_the_user_is_told() {
    let mut lsp = Lsp::start();
    let mut text = String::from("FROM ubuntu\n");
    while text.len() as u64 <= rlint_linter::DEFAULT_MAX_FILE_SIZE {
        text.push_str("RUN apt-get install curl\n");
    }
    let uri = lsp.open("Dockerfile", &text);
    let message = lsp.wait_for("the size warning", |m| m["method"] == "window/showMessage");
    assert_eq!(message["params"]["type"], 2);
    let shown = message["params"]["message"].as_str().unwrap_or_default();
    assert!(shown.contains("larger than 2 MiB"), "{shown}");
    assert!(lsp.diagnostics(&uri, 1).is_empty());
    // Nor is it analysed for a hover (the features built on the semantic model).
    let hover_image = |lsp: &mut Lsp| {
        let params =
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 7 } });
        lsp.request("textDocument/hover", params)["result"].clone()
    };
    assert_eq!(hover_image(&mut lsp), Value::Null);
    // Back under the limit, it is linted.
    lsp.change(&uri, 2, json!([{ "text": "FROM ubuntu\n" }]));
    assert_eq!(codes(&lsp.diagnostics(&uri, 2)), ["DL3006"]);
    assert_ne!(hover_image(&mut lsp), Value::Null);
    // Growing past the limit again is said too, and the diagnostics go.
    lsp.change(&uri, 3, json!([{ "text": text }]));
    let message = lsp.wait_for("the second size warning", |m| {
        m["method"] == "window/showMessage"
    });
    let shown = message["params"]["message"].as_str().unwrap_or_default();
    assert!(shown.contains("larger than 2 MiB"), "{shown}");
    assert!(lsp.diagnostics(&uri, 3).is_empty());
    assert_eq!(lsp.shutdown(), Some(0));
}

#[test]
fn malformed_messages_are_dropped_and_the_session_goes_on() {
    let mut lsp = Lsp::start();
    lsp.write(b"Content-Length: 9\r\n\r\n{not json");
    lsp.write(b"X-Bogus: header\r\n\r\n");
    lsp.write(b"Content-Length: nope\r\n\r\n");
    lsp.write(b"Content-Length: 11\r\n\r\n{\"hello\":1}");
    lsp.write(b"Content-Length: 2\r\n\r\n[]");
    let uri = lsp.open("Dockerfile", "FROM ubuntu\n");
    assert_eq!(codes(&lsp.diagnostics(&uri, 1)), ["DL3006"]);
    // A request whose params do not fit the method gets an error answer, not a crash.
    let bad = lsp.request("textDocument/hover", json!({ "textDocument": 5 }));
    assert!(bad.get("error").is_some(), "{bad}");
    assert_eq!(lsp.shutdown(), Some(0));
}

#[test]
fn quick_fix_applies_the_rule_fix() {
    let mut lsp = Lsp::start();
    let text = "FROM debian:12\nRUN apt-get install --no-install-recommends curl=8.5.0\n";
    let uri = lsp.open("Dockerfile", text);
    let diagnostics = lsp.diagnostics(&uri, 1);
    let missing_yes = find(&diagnostics, "DL3014").clone();
    let actions = lsp.call(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": missing_yes["range"],
            "context": { "diagnostics": [missing_yes] },
        }),
    );
    let actions = actions.as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Add `-y`")
        .unwrap_or_else(|| panic!("no fix in {actions:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "DL3014");
    let fixed = apply(text, action_edits(fix, &uri));
    assert_eq!(
        fixed,
        "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=8.5.0\n"
    );
    lsp.change(&uri, 2, json!([{ "text": fixed }]));
    assert!(!codes(&lsp.diagnostics(&uri, 2)).contains(&"DL3014"));

    // Ignoring for the instruction and for the file silences the finding.
    let unpinned = "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n";
    for (title, version) in [
        ("Ignore DL3008 for this instruction", 3),
        ("Ignore DL3008 in this file", 5),
    ] {
        lsp.change(&uri, version, json!([{ "text": unpinned }]));
        let diagnostics = lsp.diagnostics(&uri, version);
        let finding = find(&diagnostics, "DL3008").clone();
        let actions = lsp.call(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": finding["range"],
                "context": { "diagnostics": [], "only": ["quickfix"] },
            }),
        );
        let action = actions
            .as_array()
            .expect("actions")
            .iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| panic!("no `{title}` in {actions}"))
            .clone();
        let ignored = apply(unpinned, action_edits(&action, &uri));
        assert!(ignored.contains("# rlint "), "{ignored}");
        lsp.change(&uri, version + 1, json!([{ "text": ignored }]));
        let after = lsp.diagnostics(&uri, version + 1);
        assert!(!codes(&after).contains(&"DL3008"), "{title}: {after:?}");
    }
}

#[test]
fn fix_all_applies_every_safe_fix() {
    let mut lsp = Lsp::start();
    let text = "FROM debian:12\nRUN apt-get install curl\nENV A b\n";
    let uri = lsp.open("Dockerfile", text);
    lsp.diagnostics(&uri, 1);
    let actions = lsp.call(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range((0, 0), (0, 0)),
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.rlint");
    let fixed = apply(text, action_edits(&actions[0], &uri));
    assert_eq!(
        fixed,
        "FROM debian:12\nRUN apt-get install -y curl\nENV A=b\n"
    );
}

#[test]
fn hover_shows_rule_docs_keywords_variables_and_images() {
    let mut lsp = Lsp::start();
    // An image no rule knows, so the variable and image hovers are not findings' hovers.
    let text = "ARG V=3.19\nFROM acme/alpine:${V} AS base\nENV GREETING=hello\nRUN echo $GREETING\nFROM ubuntu\n";
    let uri = lsp.open("Dockerfile", text);
    lsp.diagnostics(&uri, 1);
    let mut hover = |line: u32, character: u32| -> String {
        let result = lsp.call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        );
        assert_eq!(result["contents"]["kind"], "markdown", "{result}");
        result["contents"]["value"]
            .as_str()
            .expect("markdown")
            .to_string()
    };
    let docs = hover(4, 7);
    assert!(docs.starts_with("**DL3006**"), "{docs}");
    assert!(docs.contains("\n## Why is this bad?\n"), "{docs}");
    assert!(hover(2, 1).starts_with("**ENV**"));
    assert!(hover(3, 11).contains("`GREETING` = `hello`"));
    assert!(hover(1, 19).contains("`V` = `3.19`"));
    let image = hover(1, 7);
    assert!(image.contains("repository: `acme/alpine`"), "{image}");
    assert!(image.contains("tag: `3.19`"), "{image}");
}

#[test]
fn symbols_folding_and_completion() {
    let mut lsp = Lsp::start();
    let text = "# one\n# two\nFROM alpine:3.19 AS build\nRUN a \\\n  b\nFROM alpine:3.19\nCOPY --from= x y\n";
    let uri = lsp.open("Dockerfile", text);
    lsp.diagnostics(&uri, 1);
    let symbols = lsp.call(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(symbols[0]["name"], "build");
    assert_eq!(symbols[0]["children"][1]["name"], "RUN");
    assert_eq!(symbols[1]["name"], "stage 1 (alpine:3.19)");
    let folds = lsp.call(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    );
    let folds: Vec<(u64, u64)> = folds
        .as_array()
        .expect("folds")
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap_or(0),
                f["endLine"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(folds, [(0, 1), (2, 4), (3, 4), (5, 6)]);
    let complete = |lsp: &mut Lsp, line: u32, character: u32| -> Vec<String> {
        let items = lsp.call(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        );
        items
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(complete(&mut lsp, 6, 12), ["build"]);
    assert_eq!(complete(&mut lsp, 7, 0).len(), 18);
    assert_eq!(complete(&mut lsp, 5, 2), ["FROM"]);
    // After `FROM `, named stages declared before.
    lsp.change(
        &uri,
        2,
        json!([{ "range": range((7, 0), (7, 0)), "text": "FROM " }]),
    );
    assert_eq!(complete(&mut lsp, 7, 5), ["build"]);
}

#[test]
fn config_file_and_initialization_options_choose_rules() {
    let mut lsp = Lsp::start_with(json!({}), json!({ "ignore": ["DL3014"] }), |dir| {
        std::fs::write(dir.join("rlint.toml"), "ignore = [\"DL3006\"]\n").expect("config");
    });
    let uri = lsp.open("Dockerfile", "FROM ubuntu\nRUN apt-get install curl=1\n");
    let diagnostics = lsp.diagnostics(&uri, 1);
    let codes = codes(&diagnostics);
    assert!(!codes.contains(&"DL3006"), "{codes:?}");
    assert!(!codes.contains(&"DL3014"), "{codes:?}");
    assert!(codes.contains(&"DL3015"), "{codes:?}");
    // A config change is picked up.
    std::fs::write(lsp.dir.path().join("rlint.toml"), "ignore = []\n").expect("config");
    lsp.file_changed("rlint.toml");
    let message = lsp.wait_for("diagnostics after the config change", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "DL3006"))
    });
    assert_eq!(message["params"]["version"], 1);
}

/// RL2017 sees the `.dockerignore` beside the document, and a change to it, as the CLI does;
/// the server asks the client to watch such files.
#[test]
fn dockerignore_beside_the_document_is_read_and_reloaded() {
    let capabilities =
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let mut lsp = Lsp::start_with(capabilities, Value::Null, |dir| {
        std::fs::write(dir.join(".dockerignore"), "secrets/\n").expect("dockerignore");
    });
    let registration = lsp.wait_for("the watcher registration", |m| {
        m["method"] == "client/registerCapability"
    });
    let globs: Vec<&str> = registration["params"]["registrations"][0]["registerOptions"]
        ["watchers"]
        .as_array()
        .expect("watchers")
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    assert!(globs.contains(&"**/.dockerignore"), "{globs:?}");
    assert!(globs.contains(&"**/*.dockerignore"), "{globs:?}");
    lsp.send(json!({ "jsonrpc": "2.0", "id": registration["id"].clone(), "result": null }));
    let uri = lsp.open(
        "Dockerfile",
        "FROM alpine:3.20\nCOPY secrets/key.pem /etc/\nRUN apk add curl\n",
    );
    let diagnostics = lsp.diagnostics(&uri, 1);
    let ignored = find(&diagnostics, "RL2017");
    assert_eq!(ignored["range"], range((1, 5), (1, 20)), "{ignored}");
    std::fs::write(lsp.dir.path().join(".dockerignore"), "*.log\n").expect("dockerignore");
    lsp.file_changed(".dockerignore");
    let message = lsp.wait_for("the document's diagnostics without RL2017", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().all(|d| d["code"] != "RL2017"))
    });
    let codes = codes(message["params"]["diagnostics"].as_array().expect("list"));
    assert!(codes.contains(&"DL3018"), "{codes:?}");
}

#[test]
fn formatting_whole_document_and_range() {
    let mut lsp = Lsp::start();
    let text = "from  alpine:3.19  as  build  \nrun  echo  \"é  x\"   \\\n  && ls\n";
    let uri = lsp.open("Dockerfile", text);
    let edits = lsp.call(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    let edits = edits.as_array().expect("edits");
    assert_eq!(
        apply(text, edits),
        "FROM alpine:3.19 AS build\nRUN echo  \"é  x\" \\\n    && ls\n"
    );
    // The client's indentation: tabs.
    let edits = lsp.call(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": false } }),
    );
    assert_eq!(
        apply(text, edits.as_array().expect("edits")),
        "FROM alpine:3.19 AS build\nRUN echo  \"é  x\" \\\n\t&& ls\n"
    );
    // Enter after a continuation indents the new line.
    let edits = lsp.call(
        "textDocument/onTypeFormatting",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 2 }, "ch": "\n",
                "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(
        edits,
        json!([{ "range": range((2, 0), (2, 2)), "newText": "    " }])
    );
    let edits = lsp.call(
        "textDocument/onTypeFormatting",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 0 }, "ch": "\n",
                "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(edits, json!([]));
    // Only the second line.
    let edits = lsp.call(
        "textDocument/rangeFormatting",
        json!({ "textDocument": { "uri": uri }, "range": range((1, 0), (1, 3)),
                "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(
        apply(text, edits.as_array().expect("edits")),
        "from  alpine:3.19  as  build  \nRUN echo  \"é  x\" \\\n  && ls\n"
    );
}

/// Decodes relative semantic tokens into (line, start, length, type name, modifiers).
fn decode_tokens(lsp: &Lsp, data: &Value) -> Vec<(u64, u64, u64, String, u64)> {
    let legend = &lsp.init_result["capabilities"]["semanticTokensProvider"]["legend"];
    let types = legend["tokenTypes"].as_array().expect("types");
    let data: Vec<u64> = data
        .as_array()
        .expect("data")
        .iter()
        .map(|v| v.as_u64().expect("u32"))
        .collect();
    let (mut line, mut start) = (0, 0);
    data.chunks(5)
        .map(|t| {
            line += t[0];
            start = if t[0] == 0 { start + t[1] } else { t[1] };
            let name = types[t[3] as usize].as_str().expect("type").to_string();
            (line, start, t[2], name, t[4])
        })
        .collect()
}

#[test]
fn semantic_tokens_full_range_and_delta() {
    let mut lsp = Lsp::start();
    let text = "# syntax=docker/dockerfile:1\n# é🐳\nARG V=1\nFROM alpine:$V AS b\nCOPY --from=b <<EOF /x\n é\nEOF\nENV A=\"é\" B=$A\n";
    let uri = lsp.open("Dockerfile", text);
    let full = lsp.call(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    let tokens = decode_tokens(&lsp, &full["data"]);
    let expected: Vec<(u64, u64, u64, String, u64)> = [
        (0, 0, 1, "macro", 0),
        (0, 2, 6, "macro", 0),
        (0, 9, 19, "string", 0),
        // UTF-16 lengths: `é` is one unit, the whale two.
        (1, 0, 5, "comment", 0),
        (2, 0, 3, "keyword", 0),
        (2, 4, 1, "variable", 1),
        (2, 6, 1, "string", 0),
        (3, 0, 4, "keyword", 0),
        (3, 12, 2, "variable", 0),
        (3, 15, 2, "keyword", 0),
        (3, 18, 1, "class", 1),
        (4, 0, 4, "keyword", 0),
        (4, 5, 6, "parameter", 0),
        (4, 12, 1, "class", 0),
        (5, 0, 2, "string", 0),
        (6, 0, 3, "operator", 0),
        (7, 0, 3, "keyword", 0),
        (7, 4, 1, "variable", 1),
        (7, 6, 3, "string", 0),
        (7, 10, 1, "variable", 1),
        (7, 12, 2, "variable", 0),
    ]
    .into_iter()
    .map(|(l, s, n, t, m)| (l, s, n, t.to_string(), m))
    .collect();
    assert_eq!(tokens, expected);
    let result_id = full["resultId"].as_str().expect("resultId").to_string();
    // A range: line 3 only, positions still absolute.
    let ranged = lsp.call(
        "textDocument/semanticTokens/range",
        json!({ "textDocument": { "uri": uri }, "range": range((3, 0), (3, 19)) }),
    );
    assert_eq!(decode_tokens(&lsp, &ranged["data"]), expected[7..11]);
    // A delta after an edit on the last line replaces only the changed tail.
    lsp.change(
        &uri,
        2,
        json!([{ "range": range((7, 12), (7, 14)), "text": "x" }]),
    );
    let delta = lsp.call(
        "textDocument/semanticTokens/full/delta",
        json!({ "textDocument": { "uri": uri }, "previousResultId": result_id }),
    );
    let edits = delta["edits"].as_array().expect("delta edits");
    assert_eq!(edits.len(), 1, "{delta}");
    assert_eq!(edits[0]["start"], 100);
    assert_eq!(edits[0]["deleteCount"], 5);
    assert_eq!(edits[0]["data"], json!([0, 2, 1, 3, 0]));
    assert_ne!(delta["resultId"], json!(result_id));
    // An unknown previous result gives full tokens.
    let full_again = lsp.call(
        "textDocument/semanticTokens/full/delta",
        json!({ "textDocument": { "uri": uri }, "previousResultId": "nope" }),
    );
    assert_eq!(decode_tokens(&lsp, &full_again["data"]).len(), 21);
}

fn ranges_of(locations: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = locations
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| l["range"].clone())
        .collect();
    out.sort_by_key(|r| {
        (
            r["start"]["line"].as_u64(),
            r["start"]["character"].as_u64(),
        )
    });
    out
}

#[test]
fn definition_references_rename_and_highlight() {
    let mut lsp = Lsp::start();
    let text = "ARG VER=3.19\nFROM alpine:${VER} AS Build\nARG VER\nENV é=1 P=$VER\nWORKDIR /$P\nFROM build\nCOPY --from=BUILD /a /b\nRUN --mount=type=cache,from=build,target=/c echo $VER\n";
    let uri = lsp.open("Dockerfile", text);
    let at = |line: u32, character: u32| json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } });
    // Stage: from `COPY --from=BUILD` to the declaration.
    let definition = lsp.call("textDocument/definition", at(6, 13));
    assert_eq!(ranges_of(&definition), [range((1, 22), (1, 27))]);
    let mut params = at(5, 6);
    params["context"] = json!({ "includeDeclaration": true });
    let references = lsp.call("textDocument/references", params);
    assert_eq!(
        ranges_of(&references),
        [
            range((1, 22), (1, 27)),
            range((5, 5), (5, 10)),
            range((6, 12), (6, 17)),
            range((7, 28), (7, 33)),
        ]
    );
    // Variable: a stage `ARG VER` and `$VER` after it refer to the global ARG; the `$VER` in the
    // second stage is not declared there.
    let definition = lsp.call("textDocument/definition", at(3, 12));
    assert_eq!(ranges_of(&definition), [range((0, 4), (0, 7))]);
    let highlights = lsp.call("textDocument/documentHighlight", at(0, 5));
    let kinds: Vec<(Value, Value)> = highlights
        .as_array()
        .expect("highlights")
        .iter()
        .map(|h| (h["range"].clone(), h["kind"].clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (range((0, 4), (0, 7)), json!(3)),
            (range((1, 14), (1, 17)), json!(2)),
            (range((2, 4), (2, 7)), json!(3)),
            (range((3, 11), (3, 14)), json!(2)),
        ]
    );
    // ENV `P` after a multibyte key: UTF-16 columns.
    let definition = lsp.call("textDocument/definition", at(4, 10));
    assert_eq!(ranges_of(&definition), [range((3, 8), (3, 9))]);
    // Rename the stage everywhere.
    let prepare = lsp.call("textDocument/prepareRename", at(1, 23));
    assert_eq!(prepare, range((1, 22), (1, 27)));
    let mut params = at(1, 23);
    params["newName"] = json!("builder");
    let edit = lsp.call("textDocument/rename", params);
    let edits = edit["changes"][&uri].as_array().expect("edits");
    assert_eq!(
        apply(text, edits),
        "ARG VER=3.19\nFROM alpine:${VER} AS builder\nARG VER\nENV é=1 P=$VER\nWORKDIR /$P\nFROM builder\nCOPY --from=builder /a /b\nRUN --mount=type=cache,from=builder,target=/c echo $VER\n"
    );
    let mut params = at(1, 23);
    params["newName"] = json!("1x");
    assert!(lsp
        .request("textDocument/rename", params)
        .get("error")
        .is_some());
}

#[test]
fn image_links_and_arg_inlay_hints() {
    let mut lsp = Lsp::start();
    let text = "ARG TAG=1.22\nFROM golang:${TAG} AS b\nFROM bitnami/redis\nFROM ghcr.io/o/app:1\nFROM quay.io/p/q\nFROM mcr.microsoft.com/dotnet/sdk:8.0\nFROM b\nFROM example.com/x\n";
    let uri = lsp.open("Dockerfile", text);
    let links = lsp.call(
        "textDocument/documentLink",
        json!({ "textDocument": { "uri": uri } }),
    );
    let links: Vec<(u64, String)> = links
        .as_array()
        .expect("links")
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().unwrap_or(99),
                l["target"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            (1, "https://hub.docker.com/_/golang".to_string()),
            (2, "https://hub.docker.com/r/bitnami/redis".to_string()),
            (3, "https://ghcr.io/o/app".to_string()),
            (4, "https://quay.io/repository/p/q".to_string()),
            (
                5,
                "https://mcr.microsoft.com/artifact/mar/dotnet/sdk".to_string()
            ),
        ]
    );
    let hints = lsp.call(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range((0, 0), (8, 0)) }),
    );
    let hints = hints.as_array().expect("hints");
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(hints[0]["position"], json!({ "line": 1, "character": 18 }));
    assert_eq!(hints[0]["label"], "= 1.22");
}

fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["label"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn completion_of_flags_values_variables_directives_and_rule_names() {
    let snippets = json!({ "textDocument": { "completion": { "completionItem": { "snippetSupport": true } } } });
    let mut lsp = Lsp::start_with(snippets, Value::Null, |_| {});
    let text = "# \nARG VÉR=1\nFROM a:${V} AS b\nENV HOME_DIR=/h\nRUN --mount=type=cache,target= --network= --\nWORKDIR $H\n# rlint ignore=DL300\nFROM --platform= a\n";
    let uri = lsp.open("Dockerfile", text);
    let complete = |lsp: &mut Lsp, line: u32, character: u32| -> Value {
        lsp.call(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
    };
    assert_eq!(
        labels(&complete(&mut lsp, 0, 2)),
        ["syntax=", "escape=", "check="]
    );
    // Global ARGs in FROM (with the automatic platform ARGs); the edit replaces the typed name.
    let vars = complete(&mut lsp, 2, 10);
    let vars_labels = labels(&vars);
    assert!(vars_labels.contains(&"VÉR".to_string()), "{vars_labels:?}");
    assert!(vars_labels.contains(&"TARGETPLATFORM".to_string()));
    let ver =
        &vars.as_array().expect("items")[vars_labels.iter().position(|l| l == "VÉR").unwrap_or(0)];
    assert_eq!(ver["textEdit"]["range"], range((2, 9), (2, 10)));
    assert_eq!(ver["detail"], "ARG = 1");
    assert_eq!(labels(&complete(&mut lsp, 5, 10)), ["HOME_DIR"]);
    let mount = labels(&complete(&mut lsp, 4, 17));
    assert!(mount.contains(&"cache".to_string()), "{mount:?}");
    assert!(labels(&complete(&mut lsp, 4, 30)).contains(&"/root/.cache".to_string()));
    assert_eq!(
        labels(&complete(&mut lsp, 4, 41)),
        ["default", "none", "host"]
    );
    let flags = labels(&complete(&mut lsp, 4, 44));
    assert_eq!(
        flags,
        ["--mount=", "--network=", "--security=", "--device="]
    );
    let rules = labels(&complete(&mut lsp, 6, 20));
    assert!(rules.contains(&"DL3006".to_string()), "{rules:?}");
    assert!(rules.contains(&"image-untagged".to_string()), "{rules:?}");
    assert!(labels(&complete(&mut lsp, 7, 16)).contains(&"linux/arm64".to_string()));
    // ONBUILD triggers.
    lsp.change(
        &uri,
        2,
        json!([{ "range": range((8, 0), (8, 0)), "text": "ONBUILD CO" }]),
    );
    assert_eq!(labels(&complete(&mut lsp, 8, 10)), ["COPY"]);
    // Keywords become snippets when the client supports them.
    lsp.change(
        &uri,
        3,
        json!([{ "range": range((8, 0), (8, 10)), "text": "COP" }]),
    );
    let items = complete(&mut lsp, 8, 3);
    assert_eq!(items[0]["label"], "COPY");
    assert_eq!(items[0]["insertTextFormat"], 2);
    assert_eq!(items[0]["insertText"], "COPY ${1:src} ${2:dest}");
}

#[test]
fn signature_help_shows_forms_and_the_active_parameter() {
    let mut lsp = Lsp::start();
    let text = "FROM alpine AS b\nCOPY --from=b /a \n";
    let uri = lsp.open("Dockerfile", text);
    let help = lsp.call(
        "textDocument/signatureHelp",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 17 } }),
    );
    let signature = &help["signatures"][0];
    assert!(signature["label"]
        .as_str()
        .unwrap_or("")
        .starts_with("COPY [--from=<stage>]"));
    // Two words typed, the cursor after a blank: the third parameter.
    assert_eq!(help["activeParameter"], 2);
    let label = signature["label"].as_str().unwrap_or("");
    let offsets = &signature["parameters"][2]["label"];
    let (start, end) = (
        offsets[0].as_u64().unwrap_or(0) as usize,
        offsets[1].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&label[start..end], "[--chmod=<perms>]");
    // CMD in shell form: the second form is active.
    lsp.change(
        &uri,
        2,
        json!([{ "range": range((2, 0), (2, 0)), "text": "CMD echo " }]),
    );
    let help = lsp.call(
        "textDocument/signatureHelp",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 9 } }),
    );
    assert_eq!(help["activeSignature"], 1);
    assert_eq!(help["signatures"][1]["label"], "CMD <command>");
}

#[test]
fn workspace_configuration_chooses_rules_per_document() {
    let capabilities = json!({ "workspace": { "configuration": true } });
    let mut lsp = Lsp::start_with(capabilities, Value::Null, |_| {});
    let uri = lsp.open("Dockerfile", "FROM ubuntu\n");
    let request = lsp.wait_for("workspace/configuration", |m| {
        m["method"] == "workspace/configuration"
    });
    assert_eq!(
        request["params"]["items"],
        json!([{ "scopeUri": uri, "section": "rlint" }])
    );
    lsp.send(
        json!({ "jsonrpc": "2.0", "id": request["id"], "result": [{ "ignore": ["DL3006"] }] }),
    );
    // The first publish may predate the answer; the last one has no DL3006.
    let message = lsp.wait_for("diagnostics without DL3006", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.iter().any(|d| d["code"] == "DL3006"))
    });
    assert_eq!(message["params"]["version"], 1);
    let pulled = lsp.call(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(!codes(pulled["items"].as_array().expect("items")).contains(&"DL3006"));
}

#[test]
fn a_pulling_client_gets_no_pushes_and_a_refresh_after_a_settings_change() {
    let capabilities = json!({
        "textDocument": { "diagnostic": {} },
        "workspace": { "diagnostic": { "refreshSupport": true } },
    });
    let mut lsp = Lsp::start_with(capabilities, Value::Null, |_| {});
    let uri = lsp.open("Dockerfile", "FROM ubuntu\n");
    lsp.open("Other.Dockerfile", "FROM debian\n");
    lsp.change(&uri, 2, json!([{ "text": "FROM ubuntu\nRUN true\n" }]));
    let pull = |lsp: &mut Lsp| {
        let pulled = lsp.call(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri } }),
        );
        codes(pulled["items"].as_array().expect("items"))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert!(pull(&mut lsp).contains(&"DL3006".to_string()));
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "rlint": { "ignore": ["DL3006"] } } }),
    );
    let refresh = lsp.wait_for("a diagnostic refresh request", |m| {
        m["method"] == "workspace/diagnostic/refresh"
    });
    lsp.send(json!({ "jsonrpc": "2.0", "id": refresh["id"], "result": null }));
    assert!(!pull(&mut lsp).contains(&"DL3006".to_string()));
    let count =
        |lsp: &Lsp, method: &str| lsp.pending.iter().filter(|m| m["method"] == method).count();
    assert_eq!(
        count(&lsp, "textDocument/publishDiagnostics"),
        0,
        "a pulling client was pushed diagnostics"
    );
    // One refresh for the workspace, not one per open document.
    assert_eq!(count(&lsp, "workspace/diagnostic/refresh"), 0);
    assert_eq!(lsp.shutdown(), Some(0));
}

#[test]
fn an_unchanged_pulled_report_is_answered_unchanged() {
    let capabilities = json!({ "textDocument": { "diagnostic": {} } });
    let mut lsp = Lsp::start_with(capabilities, Value::Null, |_| {});
    let uri = lsp.open("Dockerfile", "FROM ubuntu\nRUN true\n");
    let pull = |lsp: &mut Lsp, previous: &Value| {
        lsp.call(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri }, "previousResultId": previous }),
        )
    };
    let first = pull(&mut lsp, &Value::Null);
    assert_eq!(first["kind"], "full");
    let id = first["resultId"].clone();
    assert!(id.is_string(), "{first}");
    // Typing inside RUN's command leaves every finding where it was.
    lsp.change(
        &uri,
        2,
        json!([{ "range": range((1, 8), (1, 8)), "text": " x" }]),
    );
    let second = pull(&mut lsp, &id);
    assert_eq!(second["kind"], "unchanged", "{second}");
    assert_eq!(second["resultId"], id);
    // A stale or missing previous id always gets the full report.
    assert_eq!(pull(&mut lsp, &json!("stale"))["kind"], "full");
    // An edit that changes a finding gets a full report with a new id.
    let latest = pull(&mut lsp, &Value::Null)["resultId"].clone();
    lsp.change(
        &uri,
        3,
        json!([{ "range": range((0, 5), (0, 11)), "text": "ubuntu:latest" }]),
    );
    let changed = pull(&mut lsp, &latest);
    assert_eq!(changed["kind"], "full", "{changed}");
    assert_ne!(changed["resultId"], latest);
    assert!(codes(changed["items"].as_array().expect("items")).contains(&"DL3007"));
    assert_eq!(lsp.shutdown(), Some(0));
}

#[test]
fn pushed_settings_choose_rules_without_workspace_configuration() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("Dockerfile", "FROM ubuntu\n");
    assert!(codes(&lsp.diagnostics(&uri, 1)).contains(&"DL3006"));
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "rlint": { "ignore": ["DL3006"] } } }),
    );
    let message = lsp.wait_for("diagnostics without DL3006", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.iter().any(|d| d["code"] == "DL3006"))
    });
    assert_eq!(message["params"]["version"], 1);
}

#[test]
fn heredoc_terminators_lead_to_their_openers() {
    let mut lsp = Lsp::start();
    let text = "FROM alpine\nRUN <<-'EOT' cat\n\té\n\tEOT\n";
    let uri = lsp.open("Dockerfile", text);
    let definition = lsp.call(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 2 } }),
    );
    assert_eq!(ranges_of(&definition), [range((1, 8), (1, 11))]);
    let mut params =
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 9 } });
    params["newName"] = json!("END");
    let edit = lsp.call("textDocument/rename", params);
    let edits = edit["changes"][&uri].as_array().expect("edits");
    assert_eq!(
        apply(text, edits),
        "FROM alpine\nRUN <<-'END' cat\n\té\n\tEND\n"
    );
}

/// Pulled diagnostics, symbols and semantic tokens are serialised by the server itself
/// (`rlint_lsp::direct`), past tower-lsp: each request must still get exactly one answer with
/// its own id (string ids and errors included), and tower-lsp's internal marker answer must
/// never reach the client.
#[test]
fn answers_written_by_the_server_keep_their_ids_and_come_once() {
    let mut lsp = Lsp::start();
    let uri = lsp.open("Dockerfile", "FROM ubuntu\nRUN apt-get install curl\n");
    lsp.send(
        json!({ "jsonrpc": "2.0", "id": "pull-1", "method": "textDocument/diagnostic",
        "params": { "textDocument": { "uri": uri } } }),
    );
    let pulled = lsp.wait_for("the answer to a string-id pull", |m| {
        m.get("id") == Some(&json!("pull-1"))
    });
    assert_eq!(pulled["result"]["kind"], "full", "{pulled}");
    assert!(codes(pulled["result"]["items"].as_array().expect("items")).contains(&"DL3008"));
    let symbols = lsp.call(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(symbols[0]["children"][1]["name"], "RUN", "{symbols}");
    let tokens = lsp.call(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(
        tokens["data"].as_array().is_some_and(|d| !d.is_empty()),
        "{tokens}"
    );
    // A long string id: the marker answer is longer than usual and must still be dropped.
    let long_id = "long-".repeat(40);
    lsp.send(
        json!({ "jsonrpc": "2.0", "id": long_id, "method": "textDocument/documentSymbol",
        "params": { "textDocument": { "uri": uri } } }),
    );
    let answered = lsp.wait_for("the answer to a long string id", |m| {
        m.get("id") == Some(&json!(long_id))
    });
    assert_eq!(
        answered["result"][0]["children"][1]["name"], "RUN",
        "{answered}"
    );
    // Invalid params: an error answer, with the request's id.
    let invalid = lsp.request("textDocument/documentSymbol", json!({ "textDocument": 5 }));
    assert!(invalid.get("error").is_some(), "{invalid}");
    // A document that is not open: null, as before.
    let unknown = lsp.call(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": "file:///not/open/Dockerfile" } }),
    );
    assert_eq!(unknown, Value::Null);
    // A last round trip, so every stray message would have arrived by now.
    lsp.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri },
        "position": { "line": 0, "character": 1 } }),
    );
    for message in &lsp.pending {
        assert!(!message.to_string().contains("rlint/direct"), "{message}");
        assert!(
            message.get("id").is_none() || message.get("method").is_some(),
            "{message}"
        );
    }
    assert_eq!(lsp.shutdown(), Some(0));
}

/// The server starts over with mimalloc's purge delay set, so freed memory goes back to the
/// system sooner (see `src/allocator.rs`), unless the user set one.
#[cfg(target_os = "linux")]
#[test]
fn server_sets_the_allocator_purge_delay_unless_the_user_did() {
    for (given, expected) in [(None, "0"), (Some("250"), "250")] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rlint"));
        command
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            // Either name, set in the test's environment, would stop the restart.
            .env_remove("MIMALLOC_PURGE_DELAY")
            .env_remove("MIMALLOC_RESET_DELAY");
        if let Some(value) = given {
            command.env("MIMALLOC_PURGE_DELAY", value);
        }
        let mut child = command.spawn().expect("spawn rlint lsp");
        let mut stdin = child.stdin.take().expect("stdin");
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": { "processId": null, "rootUri": null, "capabilities": {} } })
        .to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
        // An answer comes from the process as it finally runs, after any restart.
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let answer = read_message(&mut reader).expect("an initialize answer");
        assert_eq!(answer["id"], 1, "{answer}");
        let environ = std::fs::read(format!("/proc/{}/environ", child.id())).expect("environ");
        let purge_delays: Vec<&[u8]> = environ
            .split(|&b| b == 0)
            .filter(|entry| entry.starts_with(b"MIMALLOC_PURGE_DELAY="))
            .collect();
        let wanted = format!("MIMALLOC_PURGE_DELAY={expected}");
        assert_eq!(purge_delays, [wanted.as_bytes()], "given {given:?}");
        drop(stdin);
        let _ = child.kill();
        let _ = child.wait();
    }
}

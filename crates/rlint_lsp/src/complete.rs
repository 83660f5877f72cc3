//! Completion beyond keywords and stage names: parser directives, rule codes in ignore comments,
//! ARG/ENV names after `$`, flags per instruction and their values, instruction snippets; and
//! signature help for instructions.

use crate::server::Snapshot;
use rlint_linter::registry;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::{TextRange, TextSize};
use tower_lsp::lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, InsertTextFormat, ParameterInformation,
    ParameterLabel, Position, SignatureHelp, SignatureInformation, TextEdit,
};

/// Flags each instruction accepts (BuildKit's `BFlags`); `=` marks a flag that takes a value.
fn flags_of(keyword: &str) -> &'static [&'static str] {
    match keyword {
        "FROM" => &["--platform="],
        "RUN" => &["--mount=", "--network=", "--security=", "--device="],
        "COPY" => &[
            "--from=",
            "--chown=",
            "--chmod=",
            "--link",
            "--parents",
            "--exclude=",
        ],
        "ADD" => &[
            "--chown=",
            "--chmod=",
            "--link",
            "--keep-git-dir",
            "--checksum=",
            "--unpack",
            "--exclude=",
        ],
        "HEALTHCHECK" => &[
            "--interval=",
            "--timeout=",
            "--start-period=",
            "--start-interval=",
            "--retries=",
        ],
        _ => &[],
    }
}

const PLATFORMS: [&str; 9] = [
    "linux/amd64",
    "linux/arm64",
    "linux/arm/v7",
    "linux/arm/v6",
    "linux/386",
    "linux/ppc64le",
    "linux/s390x",
    "linux/riscv64",
    "windows/amd64",
];

const MOUNT_KEYS: [&str; 14] = [
    "type=", "target=", "source=", "from=", "id=", "sharing=", "mode=", "uid=", "gid=", "readonly",
    "rw", "required", "size=", "env=",
];

/// Values of `--flag=` (and of `--mount` fields); `None` when the flag has no fixed values.
fn flag_values(flag: &str, field: Option<&str>) -> Option<Vec<&'static str>> {
    Some(match (flag, field) {
        ("--network", _) => vec!["default", "none", "host"],
        ("--security", _) => vec!["sandbox", "insecure"],
        ("--platform", _) => {
            let mut all = PLATFORMS.to_vec();
            all.extend(["$BUILDPLATFORM", "$TARGETPLATFORM"]);
            all
        }
        ("--link" | "--parents" | "--keep-git-dir" | "--unpack", _) => vec!["true", "false"],
        ("--mount", Some("type")) => vec!["bind", "cache", "tmpfs", "secret", "ssh"],
        ("--mount", Some("sharing")) => vec!["shared", "private", "locked"],
        ("--mount", Some("target" | "dst" | "destination")) => vec![
            "/root/.cache",
            "/var/cache/apt",
            "/var/lib/apt",
            "/root/.npm",
            "/go/pkg/mod",
            "/root/.cargo/registry",
        ],
        ("--mount", Some("readonly" | "ro" | "required" | "rw")) => vec!["true", "false"],
        _ => return None,
    })
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..CompletionItem::default()
    }
}

/// Items replacing `replace` (the word being typed), so clients with other word rules agree.
fn replacing(
    snapshot: &Snapshot,
    replace: TextRange,
    items: Vec<CompletionItem>,
) -> Vec<CompletionItem> {
    let range = snapshot.doc.range(replace, snapshot.encoding);
    items
        .into_iter()
        .map(|mut it| {
            let new_text = it.insert_text.take().unwrap_or_else(|| it.label.clone());
            it.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text)));
            it
        })
        .collect()
}

/// Whether `offset` is before the first instruction (where parser directives live).
fn in_directive_area(snapshot: &Snapshot, offset: usize) -> bool {
    snapshot
        .doc
        .parse
        .tree()
        .instructions()
        .next()
        .is_none_or(|i| usize::from(i.syntax().text_range().start()) >= offset)
}

pub fn completion(snapshot: &Snapshot, position: Position) -> Option<Vec<CompletionItem>> {
    let doc = &snapshot.doc;
    let offset = usize::from(doc.offset(position, snapshot.encoding));
    let line_start = doc.text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &doc.text[line_start..offset];
    let at =
        |start: usize| TextRange::new(TextSize::from(start as u32), TextSize::from(offset as u32));
    let trimmed = before.trim_start();
    // Comments: directives at the top, rule names in ignore comments.
    if let Some(comment) = trimmed.strip_prefix('#') {
        return comment_completion(snapshot, comment, offset, line_start);
    }
    // `ONBUILD <trigger>`: the keywords a trigger may be.
    let mut parts = trimmed.splitn(2, [' ', '\t']);
    if let (Some(first), Some(rest)) = (parts.next(), parts.next()) {
        let rest = rest.trim_start();
        if first.eq_ignore_ascii_case("ONBUILD") && rest.chars().all(|c| c.is_ascii_alphabetic()) {
            let upper = rest.to_ascii_uppercase();
            let items = crate::outline::KEYWORDS
                .iter()
                .filter(|k| !matches!(**k, "ONBUILD" | "FROM" | "MAINTAINER"))
                .filter(|k| k.starts_with(&upper))
                .map(|k| {
                    let doc = crate::hover::keyword_doc(k).map(str::to_string);
                    item(k, CompletionItemKind::KEYWORD, doc)
                })
                .collect();
            return Some(replacing(snapshot, at(offset - rest.len()), items));
        }
    }
    // `$NAME` / `${NAME`: ARG and ENV names in scope.
    let word_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let head = &before[..word_start];
    if head.ends_with('$') || head.ends_with("${") {
        let model = snapshot.model()?;
        let idx = model
            .instructions
            .partition_point(|i| usize::from(i.syntax().text_range().end()) <= offset);
        let is_from = matches!(model.instructions.get(idx), Some(Instruction::From(_)));
        let scope = if is_from {
            &model.global_scope
        } else {
            model.scope_at(idx)
        };
        let mut names: Vec<(String, bool, Option<String>)> = scope
            .names()
            .map(|n| {
                let binding = scope.get(n);
                (
                    n.to_string(),
                    binding.is_some_and(|b| b.is_env),
                    binding.and_then(|b| b.value.known().map(str::to_string)),
                )
            })
            .collect();
        if is_from {
            for automatic in rlint_linter::model::AUTOMATIC_ARGS {
                if !names.iter().any(|n| n.0 == *automatic) {
                    names.push((automatic.to_string(), false, None));
                }
            }
        }
        names.sort();
        let items = names
            .into_iter()
            .map(|(name, is_env, value)| {
                let kind = if is_env { "ENV" } else { "ARG" };
                let detail = match value {
                    Some(value) => format!("{kind} = {value}"),
                    None => kind.to_string(),
                };
                item(&name, CompletionItemKind::VARIABLE, Some(detail))
            })
            .collect();
        return Some(replacing(snapshot, at(line_start + word_start), items));
    }
    // Flags and flag values: only on an instruction's first line, while flags may still follow.
    let mut words = trimmed.split([' ', '\t']).filter(|w| !w.is_empty());
    let keyword = words.next()?.to_ascii_uppercase();
    if before.ends_with([' ', '\t']) && trimmed.split_whitespace().count() == 1 {
        return None;
    }
    let mut all: Vec<&str> = trimmed.split([' ', '\t']).collect();
    let current = all.pop().unwrap_or("");
    if all.len() > 1 && !all[1..].iter().all(|w| w.is_empty() || w.starts_with("--")) {
        return None;
    }
    if all.is_empty() {
        return None;
    }
    let current_start = offset - current.len();
    if current.starts_with('-') && !current.contains('=') {
        let items = flags_of(&keyword)
            .iter()
            .map(|flag| item(flag, CompletionItemKind::PROPERTY, None))
            .collect();
        return Some(replacing(snapshot, at(current_start), items));
    }
    let (flag, value) = current.split_once('=')?;
    if !flag.starts_with("--") {
        return None;
    }
    if flag == "--from" {
        return None; // stage names: the outline's completion
    }
    let (field, typed_start) = if flag == "--mount" || flag == "--device" {
        let field_text = value.rsplit(',').next().unwrap_or(value);
        let field_start = offset - field_text.len();
        match field_text.split_once('=') {
            None => {
                let items = MOUNT_KEYS
                    .iter()
                    .map(|key| item(key, CompletionItemKind::PROPERTY, None))
                    .collect();
                return Some(replacing(snapshot, at(field_start), items));
            }
            Some((key, typed)) => (Some(key.to_ascii_lowercase()), offset - typed.len()),
        }
    } else {
        (None, offset - value.len())
    };
    let values = flag_values(flag, field.as_deref())?;
    let items = values
        .into_iter()
        .map(|value| item(value, CompletionItemKind::VALUE, None))
        .collect();
    Some(replacing(snapshot, at(typed_start), items))
}

fn comment_completion(
    snapshot: &Snapshot,
    comment: &str,
    offset: usize,
    line_start: usize,
) -> Option<Vec<CompletionItem>> {
    let at =
        |start: usize| TextRange::new(TextSize::from(start as u32), TextSize::from(offset as u32));
    let body = comment.trim_start();
    let lower = body.to_ascii_lowercase();
    for tool in ["rlint", "hadolint"] {
        let Some(rest) = lower.strip_prefix(tool) else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(list) = rest.strip_prefix("ignore=") else {
            continue;
        };
        let typed = list.rsplit(',').next().unwrap_or(list);
        let mut items: Vec<CompletionItem> = Vec::new();
        for meta in registry::metas() {
            let summary = Some(meta.summary().to_string());
            items.push(item(
                meta.code,
                CompletionItemKind::ENUM_MEMBER,
                summary.clone(),
            ));
            if tool == "rlint" {
                items.push(item(meta.name, CompletionItemKind::ENUM_MEMBER, summary));
            }
        }
        return Some(replacing(snapshot, at(offset - typed.len()), items));
    }
    if !in_directive_area(snapshot, line_start) {
        return None;
    }
    match body.split_once('=') {
        None if body.chars().all(|c| c.is_ascii_alphabetic()) => {
            let items = [
                ("syntax=", "the Dockerfile frontend image"),
                ("escape=", "the escape and line continuation character"),
                ("check=", "build checks to skip or to fail on"),
            ]
            .into_iter()
            .map(|(key, doc)| item(key, CompletionItemKind::KEYWORD, Some(doc.to_string())))
            .collect();
            Some(replacing(snapshot, at(offset - body.len()), items))
        }
        Some((key, value)) => {
            let values: &[&str] = match key.trim().to_ascii_lowercase().as_str() {
                "syntax" => &["docker/dockerfile:1", "docker/dockerfile:1-labs"],
                "escape" => &["\\", "`"],
                "check" => &["skip=all", "error=true", "skip=all;error=true"],
                _ => return None,
            };
            let items = values
                .iter()
                .map(|v| item(v, CompletionItemKind::VALUE, None))
                .collect();
            Some(replacing(snapshot, at(offset - value.len()), items))
        }
        None => None,
    }
}

/// Snippet bodies for instruction keywords.
pub fn snippet(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "FROM" => "FROM ${1:image}:${2:tag}${3: AS ${4:name}}",
        "RUN" => "RUN ${1:command}",
        "COPY" => "COPY ${1:src} ${2:dest}",
        "ADD" => "ADD ${1:src} ${2:dest}",
        "ARG" => "ARG ${1:NAME}${2:=${3:default}}",
        "ENV" => "ENV ${1:NAME}=${2:value}",
        "LABEL" => "LABEL ${1:key}=${2:value}",
        "WORKDIR" => "WORKDIR ${1:/path}",
        "USER" => "USER ${1:user}",
        "EXPOSE" => "EXPOSE ${1:port}",
        "VOLUME" => "VOLUME [\"${1:/data}\"]",
        "CMD" => "CMD [\"${1:executable}\"${2:, \"${3:arg}\"}]",
        "ENTRYPOINT" => "ENTRYPOINT [\"${1:executable}\"${2:, \"${3:arg}\"}]",
        "SHELL" => "SHELL [\"${1:/bin/sh}\", \"${2:-c}\"]",
        "HEALTHCHECK" => "HEALTHCHECK ${1:--interval=${2:30s} }CMD ${3:command}",
        "STOPSIGNAL" => "STOPSIGNAL ${1:SIGTERM}",
        "ONBUILD" => "ONBUILD ${1:INSTRUCTION}",
        _ => return None,
    })
}

/// Turns keyword items into snippets (when the client supports them).
pub fn with_snippets(items: Vec<CompletionItem>) -> Vec<CompletionItem> {
    items
        .into_iter()
        .map(|mut it| {
            let is_keyword = it.kind == Some(CompletionItemKind::KEYWORD);
            let upper = it.label.to_ascii_uppercase();
            if let (true, Some(body)) = (is_keyword, snippet(&upper)) {
                let body = if it.label == upper {
                    body.to_string()
                } else {
                    body.replacen(&upper, &it.label, 1)
                };
                it.insert_text = Some(body);
                it.insert_text_format = Some(InsertTextFormat::SNIPPET);
                it.kind = Some(CompletionItemKind::SNIPPET);
            }
            it
        })
        .collect()
}

/// The forms of each instruction, as signatures; parameters are the words after the keyword.
fn forms(keyword: &str) -> &'static [&'static str] {
    match keyword {
        "FROM" => &["FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]"],
        "RUN" => &[
            "RUN [--mount=<mount>] [--network=<network>] [--security=<security>] <command>",
            "RUN [--mount=<mount>] [--network=<network>] [\"executable\", \"param\", ...]",
        ],
        "CMD" => &["CMD [\"executable\", \"param\", ...]", "CMD <command>"],
        "ENTRYPOINT" => &["ENTRYPOINT [\"executable\", \"param\", ...]", "ENTRYPOINT <command>"],
        "COPY" => &["COPY [--from=<stage>] [--chown=<user:group>] [--chmod=<perms>] [--link] <src>... <dest>"],
        "ADD" => &["ADD [--chown=<user:group>] [--chmod=<perms>] [--checksum=<hash>] [--link] <src>... <dest>"],
        "ARG" => &["ARG <name>[=<default value>]"],
        "ENV" => &["ENV <key>=<value> ..."],
        "LABEL" => &["LABEL <key>=<value> ..."],
        "EXPOSE" => &["EXPOSE <port>[/<protocol>] ..."],
        "USER" => &["USER <user>[:<group>]"],
        "WORKDIR" => &["WORKDIR <path>"],
        "VOLUME" => &["VOLUME <path> ...", "VOLUME [\"<path>\", ...]"],
        "SHELL" => &["SHELL [\"executable\", \"param\", ...]"],
        "STOPSIGNAL" => &["STOPSIGNAL <signal>"],
        "HEALTHCHECK" => &[
            "HEALTHCHECK [--interval=<duration>] [--timeout=<duration>] [--start-period=<duration>] [--retries=<n>] CMD <command>",
            "HEALTHCHECK NONE",
        ],
        "ONBUILD" => &["ONBUILD <instruction>"],
        "MAINTAINER" => &["MAINTAINER <name>"],
        _ => &[],
    }
}

pub fn signature_help(snapshot: &Snapshot, position: Position) -> Option<SignatureHelp> {
    let doc = &snapshot.doc;
    let offset = doc.offset(position, snapshot.encoding);
    let instruction = doc
        .parse
        .tree()
        .instructions()
        .find(|i| i.syntax().text_range().contains_inclusive(offset))?;
    let keyword = instruction.keyword_text().to_ascii_uppercase();
    let forms = forms(&keyword);
    if forms.is_empty() || offset < instruction.keyword_range().end() {
        return None;
    }
    // Which word of the logical line the cursor is in (0 = the first after the keyword).
    let start = usize::from(instruction.keyword_range().end());
    let typed = &doc.text[start..usize::from(offset)];
    let mut n_words = typed.split_whitespace().count();
    if !typed.ends_with(char::is_whitespace) {
        n_words = n_words.saturating_sub(1);
    }
    let is_exec = typed.trim_start().starts_with('[');
    let signatures: Vec<SignatureInformation> = forms
        .iter()
        .map(|form| {
            let mut parameters = Vec::new();
            let mut at = keyword.len();
            for word in form[keyword.len()..].split(' ').filter(|w| !w.is_empty()) {
                let begin = form[at..].find(word).map_or(at, |i| at + i);
                parameters.push(ParameterInformation {
                    label: ParameterLabel::LabelOffsets([
                        begin as u32,
                        (begin + word.len()) as u32,
                    ]),
                    documentation: None,
                });
                at = begin + word.len();
            }
            let active = (n_words as u32).min(parameters.len().saturating_sub(1) as u32);
            SignatureInformation {
                label: form.to_string(),
                documentation: None,
                parameters: Some(parameters),
                active_parameter: Some(active),
            }
        })
        .collect();
    // The exec form's signature (a JSON array) while typing one, else the other form.
    let active_signature = forms
        .iter()
        .position(|f| f.contains('"') == is_exec)
        .unwrap_or(0);
    Some(SignatureHelp {
        active_parameter: signatures
            .get(active_signature)
            .and_then(|s| s.active_parameter),
        signatures,
        active_signature: Some(active_signature as u32),
    })
}

//! Instruction-level checks that BuildKit's later layers make: unknown instructions and flags,
//! argument counts, flag values, ONBUILD triggers, ports, and instructions outside any stage.
//!
//! These problems do not stop BuildKit's line parser, so they never change the BuildKit dump;
//! they fail `docker build` later. Each gets an exact range.

use crate::ast::{self, AstNode, Command, Instruction};
use crate::suggest::closest;
use crate::SyntaxKind::{self, *};
use crate::{ErrorCode, Severity, SyntaxError, SyntaxNode, TextRange};
use rowan::NodeOrToken;

const KEYWORDS: [&str; 18] = [
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagType {
    Bool,
    String,
}

/// Flags each instruction accepts; `None` means BuildKit does not check them at all.
fn allowed_flags(kind: SyntaxKind) -> Option<&'static [(&'static str, FlagType, bool)]> {
    use FlagType::*;
    // (name, type, repeatable)
    Some(match kind {
        FROM_INSTRUCTION => &[("--platform", String, false)],
        RUN_INSTRUCTION => &[
            ("--mount", String, true),
            ("--network", String, false),
            ("--security", String, false),
            ("--device", String, true),
        ],
        COPY_INSTRUCTION => &[
            ("--from", String, false),
            ("--chown", String, false),
            ("--chmod", String, false),
            ("--link", Bool, false),
            ("--parents", Bool, false),
            ("--exclude", String, true),
        ],
        ADD_INSTRUCTION => &[
            ("--chown", String, false),
            ("--chmod", String, false),
            ("--link", Bool, false),
            ("--keep-git-dir", Bool, false),
            ("--checksum", String, false),
            ("--unpack", Bool, false),
            ("--exclude", String, true),
        ],
        HEALTHCHECK_INSTRUCTION => &[
            ("--interval", String, false),
            ("--timeout", String, false),
            ("--start-period", String, false),
            ("--start-interval", String, false),
            ("--retries", String, false),
        ],
        ARG_INSTRUCTION | STOPSIGNAL_INSTRUCTION | UNKNOWN_INSTRUCTION => return None,
        _ => &[],
    })
}

pub(crate) fn validate(root: &SyntaxNode, errors: &mut Vec<SyntaxError>) {
    let file = ast::SourceFile {
        syntax: root.clone(),
    };
    let escape = file.escape();
    let mut seen_from = false;
    let mut n_instructions = 0;
    for element in root.children_with_tokens() {
        match element {
            NodeOrToken::Token(token) if token.kind() == COMMENT => {
                misplaced_directive(&token, errors)
            }
            NodeOrToken::Node(node) => {
                let Some(instruction) = Instruction::cast(node) else {
                    continue;
                };
                n_instructions += 1;
                match &instruction {
                    Instruction::From(_) => seen_from = true,
                    Instruction::Arg(_) | Instruction::Unknown(_) => {}
                    _ if !seen_from => errors.push(SyntaxError::new(
                        ErrorCode::NoFrom,
                        instruction.keyword_range(),
                        format!(
                            "{} before the first FROM: there is no build stage yet",
                            instruction.keyword_text()
                        ),
                    )),
                    _ => {}
                }
                check_instruction(&instruction, escape, false, errors);
            }
            _ => {}
        }
    }
    if n_instructions > 0 && !seen_from {
        let start = root.text_range().start();
        errors.push(SyntaxError::new(
            ErrorCode::NoFrom,
            TextRange::empty(start),
            "the file has no FROM instruction, so there is no stage to build".to_string(),
        ));
    }
}

/// A comment shaped like a parser directive that is not in the leading directive block.
fn misplaced_directive(token: &crate::SyntaxToken, errors: &mut Vec<SyntaxError>) {
    let text = token.text().trim_start_matches('#').trim_start();
    let Some((key, value)) = text.split_once('=') else {
        return;
    };
    let key = key.trim_end().to_ascii_lowercase();
    if !matches!(key.as_str(), "syntax" | "escape" | "check")
        || value.trim().is_empty()
        || key.contains(' ')
    {
        return;
    }
    errors.push(
        SyntaxError::new(
            ErrorCode::MisplacedDirective,
            token.text_range(),
            format!("`# {key}=` is not a parser directive here: directives only count before any instruction, comment or blank line"),
        )
        .with_severity(Severity::Warning),
    );
}

fn check_instruction(
    instruction: &Instruction,
    escape: char,
    in_onbuild: bool,
    errors: &mut Vec<SyntaxError>,
) {
    let kind = instruction.kind();
    // Known instructions have a static upper-case name; only unknown ones need their text.
    let upper = kind.keyword_text().unwrap_or("");
    // Only error paths need the whole range; computing it walks the instruction.
    let whole = || instruction.content_range();
    let mut error = |code: ErrorCode, range: TextRange, message: String| {
        errors.push(SyntaxError::new(code, range, message));
    };
    if kind == UNKNOWN_INSTRUCTION {
        let keyword = instruction.keyword_text();
        let message = if keyword.trim().is_empty() {
            "empty instruction: a line continuation with nothing after it".to_string()
        } else {
            match closest(&keyword, KEYWORDS) {
                Some(near) => format!("unknown instruction `{keyword}` (did you mean `{near}`?)"),
                None => format!("unknown instruction `{keyword}`"),
            }
        };
        let range = if keyword.is_empty() {
            whole()
        } else {
            instruction.keyword_range()
        };
        error(ErrorCode::UnknownInstruction, range, message);
        return;
    }
    check_flags(instruction, escape, errors);
    json_fallback(instruction, errors);
    let mut error = |code: ErrorCode, range: TextRange, message: String| {
        errors.push(SyntaxError::new(code, range, message));
    };
    let missing = |what: &str| format!("{upper} requires {what}");
    let n_args = instruction.arguments().count();
    match instruction {
        Instruction::From(from) => {
            let words = n_args
                + usize::from(from.as_keyword().is_some())
                + usize::from(from.stage_name().is_some());
            if words == 0 {
                error(
                    ErrorCode::MissingArguments,
                    whole(),
                    missing("an image: `FROM image[:tag] [AS name]`"),
                );
            } else if words != 1 && words != 3 || (words == 3 && from.as_keyword().is_none()) {
                let range = from.image().map_or_else(whole, |image| {
                    TextRange::new(image.range().start(), whole().end())
                });
                error(
                    ErrorCode::MissingArguments,
                    range,
                    "FROM takes an image and optionally `AS name`; anything else (such as a trailing comment) is an error".to_string(),
                );
            } else if let Some(name) = from.stage_name() {
                let text = name.text().to_lowercase();
                let mut chars = text.chars();
                let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                    && chars.all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
                    });
                if !valid {
                    error(
                        ErrorCode::MissingArguments,
                        name.range(),
                        format!("invalid stage name `{}`: it must start with a letter and contain only letters, digits, `-`, `_` and `.`", name.text()),
                    );
                }
            }
        }
        Instruction::Copy(_) | Instruction::Add(_) => {
            let paths = match instruction {
                Instruction::Copy(copy) => copy.paths(),
                Instruction::Add(add) => add.paths(),
                _ => Vec::new(),
            };
            if paths.len() < 2 {
                let what = if paths.is_empty() {
                    "a source and a destination"
                } else {
                    "a destination after the source"
                };
                error(ErrorCode::MissingArguments, whole(), missing(what));
            } else if paths
                .last()
                .is_some_and(|(dest, _)| crate::heredocs_in_line(&format!("RUN {dest}")).len() == 1)
            {
                let range = paths.last().map_or_else(whole, |p| p.1);
                error(
                    ErrorCode::MissingArguments,
                    range,
                    format!("{upper} cannot use a heredoc as its destination"),
                );
            }
        }
        Instruction::Env(_) | Instruction::Label(_) | Instruction::Arg(_) => {
            let pairs: Vec<_> = instruction.key_values().collect();
            if pairs.is_empty() && !instruction.syntax().children().any(|n| n.kind() == ERROR) {
                error(
                    ErrorCode::MissingArguments,
                    whole(),
                    missing("at least one `name=value`"),
                );
            }
            for pair in pairs {
                if pair.raw_key().is_none_or(|k| k.text.is_empty()) {
                    error(
                        ErrorCode::InvalidKeyValue,
                        pair.range(),
                        format!("{upper} names can not be blank"),
                    );
                }
            }
        }
        Instruction::Shell(_) => match instruction.command() {
            Some(Command::Exec(exec)) if !exec.strings().is_empty() => {}
            Some(Command::Exec(exec)) => error(
                ErrorCode::MissingArguments,
                exec.range(),
                missing("at least one element"),
            ),
            _ => error(
                ErrorCode::MissingArguments,
                whole(),
                "SHELL requires the JSON form: `SHELL [\"/bin/sh\", \"-c\"]`".to_string(),
            ),
        },
        Instruction::Expose(_) => {
            if n_args == 0 {
                error(
                    ErrorCode::MissingArguments,
                    whole(),
                    missing("at least one port"),
                );
            }
            for arg in instruction.arguments() {
                check_port(&arg, errors);
            }
        }
        Instruction::Volume(_) => {
            let empty_json =
                matches!(instruction.command(), Some(Command::Exec(e)) if e.strings().is_empty());
            let has_json = instruction
                .syntax()
                .children()
                .any(|n| n.kind() == EXEC_FORM);
            if (n_args == 0 && !has_json) || empty_json {
                error(
                    ErrorCode::MissingArguments,
                    whole(),
                    missing("at least one path"),
                );
            }
            if let Some(Command::Exec(exec)) = instruction.command() {
                for (value, range) in exec.strings() {
                    if value.is_empty() {
                        error(
                            ErrorCode::MissingArguments,
                            range,
                            "VOLUME paths can not be empty".to_string(),
                        );
                    }
                }
            }
        }
        Instruction::User(_)
        | Instruction::Workdir(_)
        | Instruction::Maintainer(_)
        | Instruction::Stopsignal(_)
            if n_args == 0 =>
        {
            error(
                ErrorCode::MissingArguments,
                whole(),
                missing("exactly one argument"),
            );
        }
        Instruction::Healthcheck(health) => {
            let kind_token = health.kind_token();
            match kind_token.as_ref().map(|t| t.text().to_ascii_uppercase()) {
                None => error(
                    ErrorCode::MissingArguments,
                    whole(),
                    missing("`NONE` or `CMD <command>`"),
                ),
                Some(t) if t == "NONE" => {
                    if let Some(command) = instruction.command() {
                        error(
                            ErrorCode::MissingArguments,
                            command.syntax().text_range(),
                            "HEALTHCHECK NONE takes no arguments".to_string(),
                        );
                    }
                }
                Some(t) if t == "CMD" => {
                    let empty = match instruction.command() {
                        None => true,
                        Some(Command::Exec(exec)) => exec.strings().is_empty(),
                        Some(Command::Shell(_)) => false,
                    };
                    if empty {
                        error(
                            ErrorCode::MissingArguments,
                            whole(),
                            "HEALTHCHECK CMD needs a command".to_string(),
                        );
                    }
                }
                Some(_) => {
                    let range = kind_token.map_or_else(whole, |t| t.text_range());
                    error(
                        ErrorCode::MissingArguments,
                        range,
                        "unknown HEALTHCHECK type: use `CMD <command>` or `NONE`".to_string(),
                    );
                }
            }
        }
        Instruction::Onbuild(onbuild) => match onbuild.trigger() {
            None => error(
                ErrorCode::MissingArguments,
                whole(),
                missing("an instruction to run in child images"),
            ),
            Some(trigger) => {
                if in_onbuild
                    || matches!(
                        trigger.kind(),
                        ONBUILD_INSTRUCTION | FROM_INSTRUCTION | MAINTAINER_INSTRUCTION
                    )
                {
                    error(
                        ErrorCode::InvalidOnbuild,
                        trigger.keyword_range(),
                        format!(
                            "{} isn't allowed as an ONBUILD trigger",
                            trigger.keyword_text().to_uppercase()
                        ),
                    );
                } else {
                    check_instruction(&trigger, escape, true, errors);
                }
            }
        },
        _ => {}
    }
}

fn check_flags(instruction: &Instruction, escape: char, errors: &mut Vec<SyntaxError>) {
    let kind = instruction.kind();
    let health_none = matches!(instruction, Instruction::Healthcheck(h)
        if h.kind_token().is_some_and(|t| t.text().eq_ignore_ascii_case("none")));
    let Some(allowed) = allowed_flags(kind) else {
        return;
    };
    if health_none {
        return;
    }
    let upper = kind.keyword_text().unwrap_or("");
    let mut seen: Vec<String> = Vec::new();
    for flag in instruction.flags() {
        let name = flag.name();
        let Some(&(_, flag_type, repeatable)) = allowed.iter().find(|(n, _, _)| *n == name) else {
            let message = match closest(&name, allowed.iter().map(|(n, _, _)| *n)) {
                Some(near) => format!("unknown flag `{name}` for {upper} (did you mean `{near}`?)"),
                None if allowed.is_empty() => format!("{upper} takes no flags, but has `{name}`"),
                None => format!("unknown flag `{name}` for {upper}"),
            };
            errors.push(SyntaxError::new(
                ErrorCode::UnknownFlag,
                flag.name_range(),
                message,
            ));
            continue;
        };
        if seen.contains(&name) && !repeatable {
            errors.push(SyntaxError::new(
                ErrorCode::UnknownFlag,
                flag.range(),
                format!("duplicate flag `{name}`"),
            ));
        }
        seen.push(name.clone());
        let value = flag.value(escape);
        let invalid = |message: String| {
            SyntaxError::new(
                ErrorCode::InvalidFlagValue,
                flag.value_range().unwrap_or(flag.range()),
                message,
            )
        };
        match (flag_type, value) {
            (FlagType::Bool, None) => {}
            (FlagType::Bool, Some(value)) => {
                if value.is_empty() {
                    errors.push(invalid(format!("missing a value on flag `{name}`")));
                } else if !value.eq_ignore_ascii_case("true")
                    && !value.eq_ignore_ascii_case("false")
                {
                    errors.push(invalid(format!(
                        "`{name}` takes true or false, not `{value}`"
                    )));
                }
            }
            (FlagType::String, None) => {
                errors.push(SyntaxError::new(
                    ErrorCode::InvalidFlagValue,
                    flag.range(),
                    format!("missing a value on flag `{name}`: write `{name}=<value>`"),
                ));
            }
            (FlagType::String, Some(value)) => {
                if let Some(message) = check_flag_value(&name, &value) {
                    errors.push(invalid(message));
                }
            }
        }
    }
}

/// The problem with a flag's value, if BuildKit would reject it.
fn check_flag_value(name: &str, value: &str) -> Option<String> {
    if value.contains('$') && name != "--network" && name != "--security" {
        return None; // expanded at build time
    }
    match name {
        "--network" => (!matches!(value, "default" | "none" | "host"))
            .then(|| format!("invalid network mode `{value}`: use default, none or host")),
        "--security" => (!matches!(value, "sandbox" | "insecure"))
            .then(|| format!("invalid security mode `{value}`: use sandbox or insecure")),
        "--interval" | "--timeout" | "--start-period" | "--start-interval" => {
            match parse_go_duration(value) {
                None => Some(format!(
                    "invalid duration `{value}`: use a Go duration such as 30s or 1m30s"
                )),
                Some(nanos) if nanos != 0 && nanos < 1_000_000 => {
                    Some(format!("`{name}` cannot be less than 1ms"))
                }
                Some(_) => None,
            }
        }
        "--retries" => match value.parse::<i64>() {
            Ok(n) if n < 0 => Some(format!("`--retries` cannot be negative ({n})")),
            Ok(_) => None,
            Err(_) => Some(format!("invalid number `{value}` for `--retries`")),
        },
        "--chmod" => (!is_valid_chmod(value)).then(|| {
            format!(
                "invalid mode `{value}`: use octal (0755) or symbolic (u=rwx,go=rx) permissions"
            )
        }),
        "--platform" => {
            let parts: Vec<&str> = value.split('/').collect();
            let ok = (1..=3).contains(&parts.len()) && parts.iter().all(|p| !p.is_empty());
            (!ok).then(|| {
                format!("invalid platform `{value}`: use os/arch[/variant], such as linux/amd64")
            })
        }
        "--mount" => check_mount(value),
        _ => None,
    }
}

fn is_valid_chmod(value: &str) -> bool {
    if !value.is_empty() && value.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return u32::from_str_radix(value, 8).is_ok_and(|mode| mode <= 0o7777);
    }
    // Symbolic: [ugoa]*[+-=][rwxXst]* clauses separated by commas.
    !value.is_empty()
        && value.split(',').all(|clause| {
            let who_len = clause.bytes().take_while(|b| b"ugoa".contains(b)).count();
            let rest = &clause[who_len..];
            !rest.is_empty()
                && rest.starts_with(['+', '-', '='])
                && rest
                    .split(['+', '-', '='])
                    .skip(1)
                    .all(|perm| perm.bytes().all(|b| b"rwxXstugo".contains(&b)))
        })
}

/// Validates `RUN --mount` options as BuildKit's dispatcher does.
fn check_mount(value: &str) -> Option<String> {
    const KEYS: [&str; 18] = [
        "type",
        "target",
        "dst",
        "destination",
        "source",
        "src",
        "from",
        "ro",
        "readonly",
        "rw",
        "readwrite",
        "id",
        "sharing",
        "required",
        "size",
        "mode",
        "uid",
        "gid",
    ];
    let mut mount_type = "bind".to_string();
    for field in value.split(',') {
        let field = field.trim_matches('"');
        let (key, val) = match field.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v)),
            None => (field.to_ascii_lowercase(), None),
        };
        if key.is_empty() {
            continue;
        }
        let known = KEYS.contains(&key.as_str()) || key == "env";
        if !known {
            return Some(match closest(&key, KEYS) {
                Some(near) => format!("unknown mount option `{key}` (did you mean `{near}`?)"),
                None => format!("unknown mount option `{key}`"),
            });
        }
        match (key.as_str(), val) {
            ("type", Some(t)) => {
                let t = t.to_ascii_lowercase();
                if !matches!(t.as_str(), "bind" | "cache" | "tmpfs" | "secret" | "ssh") {
                    return Some(format!(
                        "unsupported mount type `{t}`: use bind, cache, tmpfs, secret or ssh"
                    ));
                }
                mount_type = t;
            }
            ("sharing", Some(s))
                if !matches!(
                    s.to_ascii_lowercase().as_str(),
                    "shared" | "private" | "locked"
                ) =>
            {
                return Some(format!(
                    "invalid cache sharing `{s}`: use shared, private or locked"
                ));
            }
            ("target" | "dst" | "destination", Some("/")) => {
                return Some("a mount cannot target `/`".to_string())
            }
            ("ro" | "readonly" | "rw" | "readwrite" | "required", Some(b))
                if !b.eq_ignore_ascii_case("true") && !b.eq_ignore_ascii_case("false") =>
            {
                return Some(format!(
                    "invalid value for `{key}`: `{b}` is not true or false"
                ));
            }
            (
                "type" | "target" | "dst" | "destination" | "source" | "src" | "from" | "id"
                | "sharing" | "size" | "mode" | "uid" | "gid" | "env",
                None,
            ) => {
                return Some(format!(
                    "mount option `{key}` needs a value: `{key}=<value>`"
                ));
            }
            ("uid" | "gid" | "mode", Some(_)) if mount_type == "bind" => {
                return Some(format!("`{key}` is not allowed for bind mounts"));
            }
            _ => {}
        }
    }
    None
}

/// Parses a Go duration (`1h2m3.5s`, `300ms`, `0`) into nanoseconds.
fn parse_go_duration(text: &str) -> Option<i128> {
    let text = text.strip_prefix('+').unwrap_or(text);
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if text == "0" {
        return Some(0);
    }
    if text.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    let mut rest = text;
    while !rest.is_empty() {
        let number_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        if number_len == 0 {
            return None;
        }
        let number: f64 = rest[..number_len].parse().ok()?;
        rest = &rest[number_len..];
        let unit_len = rest
            .bytes()
            .take_while(|b| !b.is_ascii_digit() && *b != b'.')
            .count();
        let unit = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += number * unit;
    }
    let nanos = total as i128;
    Some(if negative { -nanos } else { nanos })
}

fn check_port(arg: &ast::Argument, errors: &mut Vec<SyntaxError>) {
    let text = arg.text().text;
    if text.contains('$') {
        return;
    }
    // BuildKit accepts `ip:host:container` and `host:container` (with a warning elsewhere).
    let port_part = text.rsplit(':').next().unwrap_or(&text);
    let (ports, proto) = match port_part.split_once('/') {
        Some((ports, proto)) => (ports, Some(proto)),
        None => (port_part, None),
    };
    let valid_port = |p: &str| {
        !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= 65535)
    };
    let ports_ok = match ports.split_once('-') {
        Some((a, b)) => valid_port(a) && valid_port(b),
        None => valid_port(ports),
    };
    let proto_ok =
        proto.is_none_or(|p| matches!(p.to_ascii_lowercase().as_str(), "tcp" | "udp" | "sctp"));
    if !ports_ok || !proto_ok {
        let message = if !proto_ok {
            format!("invalid protocol in `{text}`: use tcp, udp or sctp")
        } else {
            format!("invalid port `{text}`: use a port, a range (8000-8010) or port/protocol")
        };
        errors.push(SyntaxError::new(
            ErrorCode::InvalidPort,
            arg.range(),
            message,
        ));
    }
}

/// RL1004 (warning): arguments that look like a JSON array but are not valid JSON, which
/// BuildKit silently runs as shell form (`CMD ['sh']`, trailing commas).
fn json_fallback(instruction: &Instruction, errors: &mut Vec<SyntaxError>) {
    let text_and_range = match instruction.command() {
        Some(Command::Shell(shell)) => {
            // Cheap test first: most shell forms do not start with `[`.
            if !shell
                .syntax()
                .first_token()
                .is_some_and(|t| t.text().starts_with('['))
            {
                return;
            }
            let text = shell.text().text;
            Some((text, shell.range()))
        }
        Some(Command::Exec(_)) => None,
        None => match instruction {
            Instruction::Copy(_) | Instruction::Add(_) | Instruction::Volume(_) => {
                let starts_with_bracket = instruction
                    .arguments()
                    .next()
                    .and_then(|a| a.syntax().first_token())
                    .is_some_and(|t| t.text().starts_with('['));
                if !starts_with_bracket {
                    return;
                }
                let args: Vec<_> = instruction.arguments().collect();
                match (args.first(), args.last()) {
                    (Some(first), Some(last)) => {
                        let text: Vec<String> = args.iter().map(|a| a.text().text).collect();
                        Some((text.join(" "), first.range().cover(last.range())))
                    }
                    _ => None,
                }
            }
            _ => None,
        },
    };
    let Some((text, range)) = text_and_range else {
        return;
    };
    if !text.trim_start().starts_with('[') || !text.trim_end().ends_with(']') {
        return;
    }
    let hint = if text.contains('\'') {
        " (JSON strings need double quotes)"
    } else if text.replace(char::is_whitespace, "").contains(",]") {
        " (remove the trailing comma)"
    } else {
        ""
    };
    errors.push(
        SyntaxError::new(
            ErrorCode::InvalidExecForm,
            range,
            format!(
                "this is not valid JSON, so it runs as a shell command, not in exec form{hint}"
            ),
        )
        .with_severity(Severity::Warning)
        .not_fatal(),
    );
}

//! Instruction-level checks that BuildKit's later layers make: unknown instructions and flags,
//! argument counts, flag values, ONBUILD triggers and ports.
//!
//! They run on each instruction's cut logical line while it is parsed (no tree walk), so an
//! instruction's problems depend on that instruction alone. These problems never stop
//! BuildKit's line parser, so they never change the BuildKit dump; they fail `docker build`
//! later. Each gets an exact range.

use crate::json::JsonPiece;
use crate::shape::{Args, Shape, Span};
use crate::suggest::closest;
use crate::SyntaxKind::{self, *};
use crate::KEYWORDS;
use crate::{ErrorCode, Severity, SyntaxError, TextRange};
use smallvec::SmallVec;
use std::borrow::Cow;

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

/// Checks instructions, given the logical line they were cut from.
pub(crate) struct Checker<'a> {
    /// The logical line.
    pub(crate) text: &'a str,
    pub(crate) escape: char,
    /// Maps a logical span to its source range.
    pub(crate) to_source: &'a dyn Fn(Span) -> TextRange,
    pub(crate) errors: &'a mut Vec<SyntaxError>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, code: ErrorCode, span: Span, message: String) {
        let range = (self.to_source)(span);
        self.errors
            .push(SyntaxError::new(code, range, message).not_fatal());
    }

    fn warning(&mut self, code: ErrorCode, span: Span, message: String) {
        let range = (self.to_source)(span);
        self.errors.push(
            SyntaxError::new(code, range, message)
                .with_severity(Severity::Warning)
                .not_fatal(),
        );
    }

    fn slice(&self, span: &Span) -> &str {
        &self.text[span.clone()]
    }

    /// Checks one instruction (and an ONBUILD trigger inside it).
    pub(crate) fn instruction(&mut self, shape: &Shape, in_onbuild: bool) {
        let kw = shape.keyword_kind;
        let whole = shape.span.clone();
        if kw == UNKNOWN_KW {
            let keyword = self.slice(&shape.keyword).to_string();
            if keyword.is_empty() {
                self.error(
                    ErrorCode::UnknownInstruction,
                    whole,
                    "empty instruction: a line continuation with nothing after it".to_string(),
                );
                return;
            }
            let message = match closest(&keyword, KEYWORDS) {
                Some(near) => format!("unknown instruction `{keyword}` (did you mean `{near}`?)"),
                None => format!("unknown instruction `{keyword}`"),
            };
            self.error(
                ErrorCode::UnknownInstruction,
                shape.keyword.clone(),
                message,
            );
            return;
        }
        self.flags(shape);
        self.json_fallback(&shape.args);
        let upper = kw.keyword_text().unwrap_or("");
        let missing = |what: &str| format!("{upper} requires {what}");
        match (&shape.args, kw) {
            (Args::Words(words), FROM_KW) => self.from(words, whole),
            (Args::None, FROM_KW) => {
                self.error(
                    ErrorCode::MissingArguments,
                    whole,
                    missing("an image: `FROM image[:tag] [AS name]`"),
                );
            }
            (args, COPY_KW | ADD_KW) => {
                let paths = self.paths(args);
                if paths.len() < 2 {
                    let what = if paths.is_empty() {
                        "a source and a destination"
                    } else {
                        "a destination after the source"
                    };
                    self.error(ErrorCode::MissingArguments, whole, missing(what));
                } else if let Some((dest, span)) = paths.last() {
                    if dest
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .starts_with("<<")
                        && crate::heredocs_in_line(&format!("RUN {dest}")).len() == 1
                    {
                        self.error(
                            ErrorCode::MissingArguments,
                            span.clone(),
                            format!("{upper} cannot use a heredoc as its destination"),
                        );
                    }
                }
            }
            (Args::None, ENV_KW | LABEL_KW | ARG_KW) => {
                self.error(
                    ErrorCode::MissingArguments,
                    whole,
                    missing("at least one `name=value`"),
                );
            }
            (Args::KeyValues(pairs), ENV_KW | LABEL_KW) => {
                for (word, eq) in pairs {
                    if *eq == word.start {
                        self.error(
                            ErrorCode::InvalidKeyValue,
                            word.clone(),
                            format!("{upper} names can not be blank"),
                        );
                    }
                }
            }
            (Args::Words(words), ARG_KW) => {
                for word in words {
                    if self.slice(word).starts_with('=') {
                        self.error(
                            ErrorCode::InvalidKeyValue,
                            word.clone(),
                            "ARG names can not be blank".to_string(),
                        );
                    }
                }
            }
            (args, SHELL_KW) => match args {
                Args::Exec { pieces, .. } if pieces.iter().any(|p| p.0 == JsonPiece::String) => {}
                Args::Exec { span, .. } => self.error(
                    ErrorCode::MissingArguments,
                    span.clone(),
                    missing("at least one element"),
                ),
                _ => self.error(
                    ErrorCode::MissingArguments,
                    whole,
                    "SHELL requires the JSON form: `SHELL [\"/bin/sh\", \"-c\"]`".to_string(),
                ),
            },
            (Args::Words(words), EXPOSE_KW) => {
                for word in words {
                    self.port(word.clone());
                }
            }
            (Args::None, EXPOSE_KW) => self.error(
                ErrorCode::MissingArguments,
                whole,
                missing("at least one port"),
            ),
            (args, VOLUME_KW) => {
                let paths = self.paths(args);
                if paths.is_empty() {
                    self.error(
                        ErrorCode::MissingArguments,
                        whole,
                        missing("at least one path"),
                    );
                }
                for (value, span) in paths {
                    if value.is_empty() {
                        self.error(
                            ErrorCode::MissingArguments,
                            span,
                            "VOLUME paths can not be empty".to_string(),
                        );
                    }
                }
            }
            (Args::None, USER_KW | WORKDIR_KW | MAINTAINER_KW | STOPSIGNAL_KW) => {
                self.error(
                    ErrorCode::MissingArguments,
                    whole,
                    missing("exactly one argument"),
                );
            }
            (Args::None, HEALTHCHECK_KW) => {
                self.error(
                    ErrorCode::MissingArguments,
                    whole,
                    missing("`NONE` or `CMD <command>`"),
                );
            }
            (Args::Healthcheck { kind, command }, HEALTHCHECK_KW) => {
                let kind_text = self.slice(kind).to_ascii_uppercase();
                match kind_text.as_str() {
                    "NONE" => {
                        if let Some(span) = args_span(command) {
                            self.error(
                                ErrorCode::MissingArguments,
                                span,
                                "HEALTHCHECK NONE takes no arguments".to_string(),
                            );
                        }
                    }
                    "CMD" => {
                        let empty = match &**command {
                            Args::None => true,
                            Args::Exec { pieces, .. } => {
                                !pieces.iter().any(|p| p.0 == JsonPiece::String)
                            }
                            _ => false,
                        };
                        if empty {
                            self.error(
                                ErrorCode::MissingArguments,
                                whole,
                                "HEALTHCHECK CMD needs a command".to_string(),
                            );
                        }
                    }
                    _ => self.error(
                        ErrorCode::MissingArguments,
                        kind.clone(),
                        "unknown HEALTHCHECK type: use `CMD <command>` or `NONE`".to_string(),
                    ),
                }
            }
            (Args::None, ONBUILD_KW) => self.error(
                ErrorCode::MissingArguments,
                whole,
                missing("an instruction to run in child images"),
            ),
            (Args::Onbuild(trigger), ONBUILD_KW) => {
                let trigger_kw = trigger.keyword_kind;
                if in_onbuild || matches!(trigger_kw, ONBUILD_KW | FROM_KW | MAINTAINER_KW) {
                    let name = self.slice(&trigger.keyword).to_uppercase();
                    self.error(
                        ErrorCode::InvalidOnbuild,
                        trigger.keyword.clone(),
                        format!("{name} isn't allowed as an ONBUILD trigger"),
                    );
                } else {
                    self.instruction(trigger, true);
                }
            }
            _ => {}
        }
    }

    fn from(&mut self, words: &[Span], whole: Span) {
        if words.is_empty() {
            let message = "FROM requires an image: `FROM image[:tag] [AS name]`".to_string();
            self.error(ErrorCode::MissingArguments, whole, message);
            return;
        }
        let has_as = words.len() == 3 && self.slice(&words[1]).eq_ignore_ascii_case("as");
        if words.len() != 1 && !has_as {
            let span = words[0].start..whole.end;
            self.error(
                ErrorCode::MissingArguments,
                span,
                "FROM takes an image and optionally `AS name`; anything else (such as a trailing comment) is an error".to_string(),
            );
        } else if has_as {
            let name = self.slice(&words[2]).to_lowercase();
            let mut chars = name.chars();
            let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars.all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
                });
            if !valid {
                let written = self.slice(&words[2]).to_string();
                self.error(
                    ErrorCode::MissingArguments,
                    words[2].clone(),
                    format!("invalid stage name `{written}`: it must start with a letter and contain only letters, digits, `-`, `_` and `.`"),
                );
            }
        }
    }

    /// Source/destination paths of COPY, ADD and VOLUME: decoded JSON strings or words.
    fn paths(&self, args: &Args) -> SmallVec<[(Cow<'a, str>, Span); 4]> {
        let text: &'a str = self.text;
        match args {
            Args::Exec { pieces, .. } => pieces
                .iter()
                .filter(|p| p.0 == JsonPiece::String)
                .map(|p| {
                    (
                        Cow::Owned(crate::json::decode_json_string(&text[p.1.clone()])),
                        p.1.clone(),
                    )
                })
                .collect(),
            Args::Words(words) => words
                .iter()
                .map(|w| (Cow::Borrowed(&text[w.clone()]), w.clone()))
                .collect(),
            _ => SmallVec::new(),
        }
    }

    fn flags(&mut self, shape: &Shape) {
        let kw = shape.keyword_kind;
        let Some(allowed) = allowed_flags(kw.instruction_for_keyword()) else {
            return;
        };
        // HEALTHCHECK NONE skips flag validation in BuildKit.
        if let Args::Healthcheck { kind, .. } = &shape.args {
            if self.slice(kind).eq_ignore_ascii_case("none") {
                return;
            }
        }
        let upper = kw.keyword_text().unwrap_or("");
        // Which of `allowed` have been seen (no instruction allows more than 32 flags).
        let mut seen: u32 = 0;
        for flag in &shape.flags {
            let text = &self.text[flag.clone()];
            let (name, value) = match memchr::memchr(b'=', text.as_bytes()) {
                Some(eq) => (&text[..eq], Some(flag.start + eq + 1..flag.end)),
                None => (text, None),
            };
            let name_span = flag.start..flag.start + name.len();
            let Some((index, &(_, flag_type, repeatable))) =
                allowed.iter().enumerate().find(|(_, (n, _, _))| *n == name)
            else {
                let message = match closest(name, allowed.iter().map(|(n, _, _)| *n)) {
                    Some(near) => {
                        format!("unknown flag `{name}` for {upper} (did you mean `{near}`?)")
                    }
                    None if allowed.is_empty() => {
                        format!("{upper} takes no flags, but has `{name}`")
                    }
                    None => format!("unknown flag `{name}` for {upper}"),
                };
                self.error(ErrorCode::UnknownFlag, name_span, message);
                continue;
            };
            if seen & 1 << index != 0 && !repeatable {
                self.error(
                    ErrorCode::UnknownFlag,
                    flag.clone(),
                    format!("duplicate flag `{name}`"),
                );
            }
            seen |= 1 << index;
            let Some(value_span) = value else {
                if flag_type == FlagType::String {
                    self.error(
                        ErrorCode::InvalidFlagValue,
                        flag.clone(),
                        format!("missing a value on flag `{name}`: write `{name}=<value>`"),
                    );
                }
                continue;
            };
            let value = crate::ast::unquote(&self.text[value_span.clone()], self.escape);
            let problem = match flag_type {
                FlagType::Bool if value.is_empty() => {
                    Some(format!("missing a value on flag `{name}`"))
                }
                FlagType::Bool
                    if !value.eq_ignore_ascii_case("true")
                        && !value.eq_ignore_ascii_case("false") =>
                {
                    Some(format!("`{name}` takes true or false, not `{value}`"))
                }
                FlagType::Bool => None,
                FlagType::String => check_flag_value(name, &value),
            };
            if let Some(message) = problem {
                let span = if value_span.is_empty() {
                    flag.clone()
                } else {
                    value_span
                };
                self.error(ErrorCode::InvalidFlagValue, span, message);
            }
        }
    }

    fn port(&mut self, span: Span) {
        let text = &self.text[span.clone()];
        if text.contains('$') {
            return;
        }
        // BuildKit accepts `ip:host:container` and `host:container` (with a warning elsewhere).
        let port_part = text.rsplit(':').next().unwrap_or(text);
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
            self.error(ErrorCode::InvalidPort, span, message);
        }
    }

    /// RL1004 (warning): arguments that look like a JSON array but are not valid JSON, which
    /// BuildKit silently runs as shell form (`CMD ['sh']`, trailing commas).
    fn json_fallback(&mut self, args: &Args) {
        let span = match args {
            Args::Shell(span) => span.clone(),
            Args::Words(words) => match (words.first(), words.last()) {
                (Some(first), Some(last)) => first.start..last.end,
                _ => return,
            },
            Args::Healthcheck { command, .. } => {
                self.json_fallback(command);
                return;
            }
            _ => return,
        };
        let text = &self.text[span.clone()];
        if !text.starts_with('[') || !text.ends_with(']') {
            return;
        }
        let hint = if text.contains('\'') {
            " (JSON strings need double quotes)"
        } else if text.replace(char::is_whitespace, "").contains(",]") {
            " (remove the trailing comma)"
        } else {
            ""
        };
        self.warning(
            ErrorCode::InvalidExecForm,
            span,
            format!(
                "this is not valid JSON, so it runs as a shell command, not in exec form{hint}"
            ),
        );
    }
}

fn args_span(args: &Args) -> Option<Span> {
    match args {
        Args::Exec { span, .. } | Args::Shell(span) => Some(span.clone()),
        _ => None,
    }
}

/// A comment shaped like a parser directive that is not in the leading directive block.
pub(crate) fn misplaced_directive(comment: &str) -> Option<String> {
    // Most comments have no `=`: reject them before any char-wise trimming.
    memchr::memchr(b'=', comment.as_bytes())?;
    let text = comment.trim_start_matches('#').trim_start();
    let (key, value) = text.split_once('=')?;
    let key = ["syntax", "escape", "check"]
        .into_iter()
        .find(|directive| key.trim_end().eq_ignore_ascii_case(directive))?;
    if value.trim().is_empty() {
        return None;
    }
    Some(format!("`# {key}=` is not a parser directive here: directives only count before any instruction, comment or blank line"))
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
    const TYPES: [&str; 5] = ["bind", "cache", "tmpfs", "secret", "ssh"];
    // Keys and types are matched without case; the canonical (lower-case) spelling is used
    // from here on, so the usual, valid value allocates nothing.
    let canonical = |text: &str, list: &[&'static str]| {
        list.iter()
            .copied()
            .find(|known| known.eq_ignore_ascii_case(text))
    };
    let mut mount_type = "bind";
    // Fields are cut on bytes: `,` and `=` are ASCII, and char searches were most of the cost.
    let mut field_start = 0;
    for piece in value.as_bytes().split(|&b| b == b',') {
        let field = &value[field_start..field_start + piece.len()];
        field_start += piece.len() + 1;
        let field = field.trim_matches('"');
        let (raw_key, val) = match memchr::memchr(b'=', field.as_bytes()) {
            Some(eq) => (&field[..eq], Some(&field[eq + 1..])),
            None => (field, None),
        };
        if raw_key.is_empty() {
            continue;
        }
        let Some(key) = canonical(raw_key, &KEYS).or_else(|| canonical(raw_key, &["env"])) else {
            let key = raw_key.to_ascii_lowercase();
            return Some(match closest(&key, KEYS) {
                Some(near) => format!("unknown mount option `{key}` (did you mean `{near}`?)"),
                None => format!("unknown mount option `{key}`"),
            });
        };
        match (key, val) {
            ("type", Some(t)) => {
                let Some(t) = canonical(t, &TYPES) else {
                    let t = t.to_ascii_lowercase();
                    return Some(format!(
                        "unsupported mount type `{t}`: use bind, cache, tmpfs, secret or ssh"
                    ));
                };
                mount_type = t;
            }
            ("sharing", Some(s)) if canonical(s, &["shared", "private", "locked"]).is_none() => {
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

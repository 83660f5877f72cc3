//! The formatter on every real Dockerfile of `shared/corpus/real`: BuildKit reads the formatted
//! file as it read the original, formatting twice changes nothing, and the parse problems stay.
//!
//! "Reads the same" means BuildKit's dump ([`rlint_syntax::buildkit::dump`]) is equal, line for
//! line, after one normalisation of both sides, which covers exactly the two changes the formatter
//! makes that the dump shows:
//!
//! - the `AS` of a three-argument `FROM` is compared case-insensitively (BuildKit matches it so,
//!   and its dump keeps the letter case as written);
//! - in the last item of the dump line of a shell-form `RUN`, `CMD`, `ENTRYPOINT` or
//!   `HEALTHCHECK CMD` (also as an `ONBUILD` trigger) every run of blanks (spaces and tabs) that
//!   the shell reads outside quotes and not after a backslash becomes one space. The item is
//!   decoded from its Go quoting first (`\"` is a double quote, `\\` a backslash, `\t` a tab),
//!   then scanned left to right with the shell's quoting rules: a backslash outside single quotes
//!   escapes the next character, single quotes toggle outside double quotes, double quotes
//!   toggle outside single quotes. Such blank runs separate the same words, so the shell runs the
//!   same command.
//!
//! Whether an instruction is in shell form is read from the original tree, never from the dump.

mod common;

use rlint_syntax::ast::AstNode;
use rlint_syntax::format::{apply, format_with, FormatOptions};
use rlint_syntax::SyntaxKind;

/// For each top-level instruction: whether its dump line ends with a shell-form command.
fn shell_form_flags(parse: &rlint_syntax::Parse) -> Vec<bool> {
    parse
        .tree()
        .instructions()
        .map(|instruction| {
            let mut node = instruction.syntax().clone();
            while node.kind() == SyntaxKind::ONBUILD_INSTRUCTION {
                match node.children().find(|n| n.kind().is_instruction()) {
                    Some(trigger) => node = trigger,
                    None => return false,
                }
            }
            matches!(
                node.kind(),
                SyntaxKind::RUN_INSTRUCTION
                    | SyntaxKind::CMD_INSTRUCTION
                    | SyntaxKind::ENTRYPOINT_INSTRUCTION
                    | SyntaxKind::HEALTHCHECK_INSTRUCTION
            ) && node.children().any(|n| n.kind() == SyntaxKind::SHELL_FORM)
        })
        .collect()
}

/// The Go-quoted arguments of a dump line (not the flags in `[...]`): (start, end) byte
/// offsets, quotes included.
fn quoted_items(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut items = Vec::new();
    let mut idx = 0;
    let mut in_flags = false;
    while idx < bytes.len() {
        match bytes[idx] {
            b'[' => in_flags = true,
            b']' => in_flags = false,
            _ => {}
        }
        if bytes[idx] == b'"' {
            let start = idx;
            idx += 1;
            while idx < bytes.len() && bytes[idx] != b'"' {
                idx += if bytes[idx] == b'\\' { 2 } else { 1 };
            }
            if !in_flags {
                items.push((start, (idx + 1).min(bytes.len())));
            }
        }
        idx += 1;
    }
    items
}

/// Collapses the blank runs the shell reads as word separators in a Go-quoted item.
fn normalize_shell_item(item: &str) -> String {
    let inner = &item[1..item.len() - 1];
    // Units of the Go quoting: (decoded char if simple, raw text).
    let mut units: Vec<(Option<char>, &str)> = Vec::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '\\' {
            let Some((_, next)) = chars.next() else {
                units.push((None, &inner[start..]));
                break;
            };
            let decoded = match next {
                '"' => Some('"'),
                '\\' => Some('\\'),
                't' => Some('\t'),
                _ => None,
            };
            let end = chars.peek().map_or(inner.len(), |(idx, _)| *idx);
            if decoded.is_some() {
                units.push((decoded, &inner[start..end]));
            } else {
                // Other escapes (\n, \x.., \u....): opaque, keep their hex digits with them.
                let mut end = end;
                while let Some((idx, digit)) = chars.peek().copied() {
                    if !digit.is_ascii_hexdigit() || !matches!(next, 'x' | 'u' | 'U') {
                        break;
                    }
                    chars.next();
                    end = idx + digit.len_utf8();
                }
                units.push((None, &inner[start..end]));
            }
        } else {
            units.push((Some(c), &inner[start..start + c.len_utf8()]));
        }
    }
    let (mut single, mut double, mut escaped, mut in_blanks) = (false, false, false, false);
    let mut out = String::from("\"");
    for (decoded, raw) in units {
        let plain = !single && !double && !escaped;
        if plain && matches!(decoded, Some(' ' | '\t')) {
            if !in_blanks {
                out.push(' ');
            }
            in_blanks = true;
            continue;
        }
        in_blanks = false;
        out.push_str(raw);
        if escaped {
            escaped = false;
            continue;
        }
        match decoded {
            Some('\\') if !single => escaped = true,
            Some('\'') if !double => single = !single,
            Some('"') if !single => double = !double,
            _ => {}
        }
    }
    out.push('"');
    out
}

fn normalize_dump(dump: &str, shell_forms: &[bool]) -> Vec<String> {
    dump.lines()
        .enumerate()
        .map(|(idx, line)| {
            let mut line = line.to_string();
            let items = quoted_items(&line);
            if line.starts_with("(from ") && items.len() == 3 {
                let (start, end) = items[1];
                if line[start..end].eq_ignore_ascii_case("\"as\"") {
                    line.replace_range(start..end, "\"as\"");
                }
            }
            if shell_forms.get(idx).copied().unwrap_or(false) {
                if let Some(&(start, end)) = items.last() {
                    let normalized = normalize_shell_item(&line[start..end]);
                    line.replace_range(start..end, &normalized);
                }
            }
            line
        })
        .collect()
}

fn problems(parse: &rlint_syntax::Parse) -> Vec<(&'static str, String)> {
    parse
        .errors
        .iter()
        .map(|e| (e.code.code(), e.message.clone()))
        .collect()
}

/// Asserts the three properties on one text, with the default options and with tabs; `name`
/// labels failures. Returns whether the default options changed the text.
fn check(name: &str, text: &str) -> bool {
    let tabs = FormatOptions {
        tab_size: 4,
        insert_spaces: false,
    };
    check_with(name, text, &tabs);
    check_with(name, text, &FormatOptions::default())
}

fn check_with(name: &str, text: &str, options: &FormatOptions) -> bool {
    let parse = rlint_syntax::parse(text);
    let edits = format_with(&parse, options);
    if edits.is_empty() {
        return false;
    }
    let formatted = apply(text, &edits);
    let reparsed = rlint_syntax::parse(&formatted);
    let shell_forms = shell_form_flags(&parse);
    match (
        rlint_syntax::buildkit::dump(&parse),
        rlint_syntax::buildkit::dump(&reparsed),
    ) {
        (Ok(before), Ok(after)) => assert_eq!(
            normalize_dump(&before, &shell_forms),
            normalize_dump(&after, &shell_forms),
            "BuildKit dump changed by formatting {name}:\n{formatted}"
        ),
        (Err(before), Err(after)) => assert_eq!(
            (before.code, before.message),
            (after.code, after.message),
            "{name}"
        ),
        (before, after) => panic!("{name}: dump {before:?} became {after:?}"),
    }
    assert_eq!(
        problems(&parse),
        problems(&reparsed),
        "parse problems changed by formatting {name}"
    );
    assert!(
        format_with(&reparsed, options).is_empty(),
        "formatting {name} twice changes it again: {:?}",
        format_with(&reparsed, options)
    );
    true
}

#[test]
fn formatting_the_corpus_keeps_buildkit_s_reading() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let files = common::corpus_files(&shared);
    let mut n_changed = 0;
    for (name, bytes) in &files {
        let (_, text) = rlint_syntax::parse_bytes(bytes);
        if check(name, &text) {
            n_changed += 1;
        }
    }
    eprintln!("{} files formatted, {n_changed} changed", files.len());
    assert!(n_changed > 0, "the corpus has unformatted files");
}

#[test]
fn the_normalisation_only_forgives_shell_blank_runs() {
    assert_eq!(
        normalize_shell_item(r#""a  \"b  c\"\t d\\  e 'f  g'""#),
        r#""a \"b  c\" d\\  e 'f  g'""#
    );
    assert_eq!(
        normalize_dump("(from \"a\" \"AS\" \"b\")\n", &[false]),
        ["(from \"a\" \"as\" \"b\")"]
    );
    assert_eq!(
        normalize_dump("(run \"a  b\")\n(run \"a  b\")\n", &[true, false]),
        ["(run \"a b\")", "(run \"a  b\")"]
    );
}

#[test]
fn small_files_keep_buildkit_s_reading() {
    let parse = rlint_syntax::parse("from a\n");
    assert!(parse.tree().syntax().text_range().len() > 0.into());
    for text in [
        "from  a   as  b  \nrun  echo  a \\\n  && b\n",
        "FROM a\nRUN echo \"x \\\n  y\"   \\\n  z\n",
        "# escape=`\nFROM a\nRUN echo a `  \n  b\n",
        "FROM a\nONBUILD  run  echo  a \\\n b\n",
        "FROM a\nHEALTHCHECK  --interval=5s  CMD  curl  -f  x\n",
    ] {
        assert!(check(text, text), "{text:?} is formatted");
    }
}

//! Incremental reparsing must equal a full parse, tree and errors, for every edit.
//!
//! Hand-written cases also assert how much was reparsed, so the fast path provably runs. A
//! randomized test applies over 100,000 edits (newlines, escapes, heredoc markers, quotes,
//! multibyte text, ...) to real Dockerfiles from `shared/corpus/real`; a failing edit is saved
//! under `test_data/reparse/regressions/` and replayed by `saved_regressions_still_pass`.

use rlint_syntax::{parse, Parse, Reparsed, TextEdit, TextRange, TextSize};
use rlint_testkit::Rng;
use std::path::{Path, PathBuf};

fn edit(start: usize, end: usize, insert: &str) -> TextEdit {
    TextEdit::replace(
        TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32)),
        insert,
    )
}

/// Reparses and compares with a full parse; returns how the reparse was done.
fn check(text: &str, edit: &TextEdit) -> Reparsed {
    let old = parse(text);
    let (incremental, new_text, how) = old.reparse(text, edit);
    let full = parse(&new_text);
    assert_eq!(new_text, edit.apply(text));
    // Given the edited text, the reparse is the same.
    assert_eq!(
        old.reparse_applied(text, &new_text, edit),
        (incremental.clone(), how)
    );
    assert_eq!(
        incremental.syntax().to_string(),
        new_text,
        "text of the reparsed tree"
    );
    if incremental != full {
        panic!(
            "incremental != full for {edit:?} on {text:?}\n--- incremental\n{}{:?}\n--- full\n{}{:?}",
            rlint_syntax::debug_tree(&incremental.syntax()),
            incremental.errors,
            rlint_syntax::debug_tree(&full.syntax()),
            full.errors
        );
    }
    how
}

/// Checks the reparse against a full parse and that it parsed exactly `len` bytes again.
fn assert_lines(text: &str, edit: &TextEdit, len: usize) {
    assert_eq!(check(text, edit), Reparsed::Lines { len }, "{edit:?}");
}

/// Checks the reparse against a full parse and that it did not parse the whole file.
fn assert_some_lines(text: &str, edit: &TextEdit) {
    let how = check(text, edit);
    assert!(matches!(how, Reparsed::Lines { .. }), "{edit:?}: {how:?}");
}

const FILE: &str = "# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS build\nRUN apk add \\\n    curl\n\n# a comment\nCOPY . /src\nRUN make\nFROM scratch\nCOPY --from=build /out /out\n";

#[test]
fn typing_inside_an_instruction_reparses_only_its_lines() {
    let pos = FILE.find("make").expect("make") + 4;
    assert_lines(FILE, &edit(pos, pos, " all"), "RUN make all\n".len());
}

#[test]
fn editing_a_continued_instruction_reparses_all_its_lines() {
    let pos = FILE.find("curl").expect("curl");
    assert_lines(
        FILE,
        &edit(pos, pos + 4, "git"),
        "RUN apk add \\\n    git\n".len(),
    );
}

#[test]
fn splitting_an_instruction_into_two_reparses_locally() {
    let pos = FILE.find("COPY . /src").expect("copy") + 4;
    assert_some_lines(FILE, &edit(pos, pos, "\nRUN x\n"));
}

#[test]
fn a_repeated_escape_directive_does_not_change_the_reparsed_escape() {
    // The second directive is an error and ignored: `\` stays the escape, so `make \` continues.
    let text = "# escape=\\\n# escape=`\nFROM alpine\nRUN make \\\n  all\nRUN b\n";
    let pos = text.find("all").expect("all") + 3;
    assert_some_lines(text, &edit(pos, pos, "x"));
}

#[test]
fn edits_on_instruction_boundaries_take_both_neighbours() {
    // Deleting the newline between two instructions joins them; inserting at the start of an
    // instruction touches the one before as well.
    let join = FILE.find("\nRUN make").expect("run");
    assert_lines(
        FILE,
        &edit(join, join + 1, ""),
        "COPY . /srcRUN make\n".len(),
    );
    let start = FILE.find("RUN make").expect("run");
    assert_lines(
        FILE,
        &edit(start, start, "RUN x\n"),
        "COPY . /src\nRUN x\nRUN make\n".len(),
    );
}

#[test]
fn edits_stay_inside_their_stage() {
    // In the last stage: only that line is parsed again, inside its STAGE node.
    let pos = FILE.rfind("/out").expect("out") + 4;
    assert_lines(
        FILE,
        &edit(pos, pos, "x"),
        "COPY --from=build /out /outx\n".len(),
    );
    // Before the first FROM (a global ARG), the root's own items are reparsed.
    let text = "ARG A=1\nARG B=2\nFROM alpine\nRUN x\n";
    let pos = text.find("B=2").expect("b") + 3;
    assert_some_lines(text, &edit(pos, pos, "3"));
}

#[test]
fn opening_a_continuation_reparses_the_lines_it_takes_in() {
    // The next line, a FROM, becomes part of the RUN: the two stages are one. The lines after
    // it are taken in a few at a time, not all.
    let text = format!("{FILE}FROM alpine AS more\n{}", "RUN true\n".repeat(20));
    let pos = text.find("make").expect("make") + 4;
    // `RUN make \` alone runs on, so three more old items are taken in, after which nothing
    // is left open: none of the twenty RUN lines.
    assert_lines(
        &text,
        &edit(pos, pos, " \\"),
        "RUN make \\\nFROM scratch\nCOPY --from=build /out /out\nFROM alpine AS more\n".len(),
    );
}

#[test]
fn opening_and_closing_a_heredoc_reparses_up_to_its_end() {
    let pos = FILE.find("make").expect("make") + 4;
    let opened = edit(pos, pos, " <<EOF");
    assert_lines(
        FILE,
        &opened,
        FILE.len() - FILE.find("RUN make").expect("run") + " <<EOF".len(),
    );
    // Typed later, the terminator gives back the lines after it.
    let text = opened.apply(FILE);
    let pos = text.find("FROM scratch").expect("from");
    assert_lines(
        &text,
        &edit(pos, pos, "EOF\n"),
        "RUN make <<EOF\nEOF\nFROM scratch\nCOPY --from=build /out /out\n".len(),
    );
}

#[test]
fn edits_to_directives_and_to_the_first_from_parse_fully() {
    assert_eq!(check(FILE, &edit(2, 8, "escape")), Reparsed::Full);
    // The first stage's FROM, the file's first instruction, stops being one.
    let pos = FILE.find("FROM alpine").expect("from");
    assert_eq!(check(FILE, &edit(pos + 2, pos + 4, "")), Reparsed::Full);
    // Text typed before it could be a directive.
    let text = "FROM a\nENV A=a\\ b\n";
    assert_eq!(check(text, &edit(0, 0, "# escape=`\n")), Reparsed::Full);
}

#[test]
fn edits_that_start_or_end_later_stages_regroup_them() {
    // A new FROM starts a stage: the two lines at the edit are parsed again.
    let pos = FILE.find("RUN make").expect("run");
    assert_lines(
        FILE,
        &edit(pos, pos + 3, "FROM"),
        "COPY . /src\nFROM make\n".len(),
    );
    // A FROM that stops being one ends its stage (an edit inside the keyword).
    let pos = FILE.find("FROM scratch").expect("from");
    assert_lines(FILE, &edit(pos + 1, pos + 2, "X"), "FXOM scratch\n".len());
    // Typing at the start of a FROM line touches the line before it too; the FROM becomes a
    // comment, so the two stages are grouped as one.
    let from = FILE.find("FROM scratch").expect("from");
    assert_lines(
        FILE,
        &edit(from, from, "#"),
        "RUN make\n#FROM scratch\n".len(),
    );
}

#[test]
fn an_edit_within_a_from_line_reparses_only_that_line() {
    let pos = FILE.find("alpine").expect("alpine");
    assert_lines(
        FILE,
        &edit(pos, pos + 6, "debian"),
        "FROM debian:3.20 AS build\n".len(),
    );
    // The stage's name, and the FROM of the second stage.
    let pos = FILE.find("build\n").expect("name");
    assert_some_lines(FILE, &edit(pos, pos + 5, "builder"));
    let pos = FILE.find("scratch").expect("scratch");
    assert_some_lines(FILE, &edit(pos, pos, "x"));
    // Splitting the FROM line in two: a FROM and a RUN.
    let pos = FILE.find(" AS build").expect("as");
    assert_some_lines(FILE, &edit(pos, pos, "\nRUN x"));
}

/// Addresses of the green nodes of the top-level items (children of the root and of stages).
fn item_nodes(parse: &Parse) -> Vec<*const rowan::GreenNodeData> {
    parse
        .syntax()
        .descendants()
        .filter(|node| {
            node.parent().is_some_and(|p| {
                p.parent().is_none() || p.kind() == rlint_syntax::SyntaxKind::STAGE
            })
        })
        .filter(|node| node.kind() != rlint_syntax::SyntaxKind::STAGE)
        .map(|node| &*node.green() as *const rowan::GreenNodeData)
        .collect()
}

#[test]
fn reparses_keep_the_nodes_of_untouched_items() {
    // Turning a RUN into a FROM regroups the stages, yet the other instructions keep their
    // nodes (the language server's per-instruction caches key on them), the line before it,
    // parsed again, included.
    let old = parse(FILE);
    let pos = FILE.find("RUN make").expect("make");
    let (new, _, how) = old.reparse(FILE, &edit(pos, pos + 3, "FROM"));
    assert!(matches!(how, Reparsed::Lines { .. }));
    let before = item_nodes(&old);
    let after = item_nodes(&new);
    let kept = after.iter().filter(|node| before.contains(node)).count();
    assert_eq!(after.len(), before.len());
    assert_eq!(kept, after.len() - 1, "all but the edited line");
    // Opening a heredoc: only the RUN that opens it (now swallowing the lines after it) and
    // what it swallowed are new.
    let pos = FILE.find("make").expect("make") + 4;
    let (new, _, how) = old.reparse(FILE, &edit(pos, pos, " <<EOF"));
    assert!(matches!(how, Reparsed::Lines { .. }));
    let kept = item_nodes(&new)
        .iter()
        .filter(|node| before.contains(node))
        .count();
    assert_eq!(kept, 4, "the directive, FROM alpine, RUN apk and COPY");
    // A full parse, which a new first FROM needs, shares nodes the same way. Identical
    // instructions have nodes of their own (the parser does not share them), and each keeps
    // its own: caches keep one entry per node.
    let text = "FROM a\nRUN make\nFROM b\nRUN make\n";
    let old = parse(text);
    let (new, _, how) = old.reparse(text, &edit(0, 0, "FROM z\n"));
    assert_eq!(how, Reparsed::Full);
    let (before, after) = (item_nodes(&old), item_nodes(&new));
    assert_eq!((after[2], after[4]), (before[1], before[3]));
    assert_ne!(after[2], after[4]);
    // A new escape character can parse the same text differently (`a\ b` is one word with
    // `\` as the escape, two with a backtick): that ENV must not keep its old node. (That the
    // tree equals a full parse is checked in the test of edits to directives.)
    let text = "FROM a\nENV A=a\\ b\n";
    let old = parse(text);
    let (new, _, how) = old.reparse(text, &edit(0, 0, "# escape=`\n"));
    assert_eq!(how, Reparsed::Full);
    let (before, after) = (item_nodes(&old), item_nodes(&new));
    assert!(after.contains(&before[0]), "FROM a keeps its node");
    assert!(!after.contains(&before[1]), "the ENV parses differently");
}

#[test]
fn a_wide_edit_that_changes_little_keeps_the_nodes_around_the_change() {
    // An editor may replace a whole span to change one character: here the FROM line and the
    // line break before it, to add a blank line. Narrowed, that is a line break typed before
    // the FROM, which touches the stage boundary: the lines around it are parsed again, and
    // only what changed is new.
    let text = "FROM a\nRUN make\n\nFROM b\nRUN make install\n";
    let old = parse(text);
    let pos = text.find("\n\nFROM").expect("the blank line");
    let wide = edit(pos, pos + 8, "\n\n\nFROM b");
    let (new, _, how) = old.reparse(text, &wide);
    assert!(matches!(how, Reparsed::Lines { .. }));
    assert_eq!(
        item_nodes(&new),
        item_nodes(&old),
        "every item keeps its node"
    );
    check(text, &wide);
    // The same span replaced to add a FROM line. Narrowed, the change is `c\nFROM ` typed
    // inside `FROM b` (after `FROM `), so both FROM lines are new; the items before and after
    // keep their nodes.
    let wide = edit(pos, pos + 8, "\n\nFROM c\nFROM b");
    let (new, _, how) = old.reparse(text, &wide);
    assert!(matches!(how, Reparsed::Lines { .. }));
    let (before, after) = (item_nodes(&old), item_nodes(&new));
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(
        (after[0], after[1], after[4]),
        (before[0], before[1], before[3])
    );
    check(text, &wide);
}

#[test]
fn a_narrowed_edit_keeps_only_what_changes_on_character_boundaries() {
    for (old, new, kept) in [
        ("aé", "aè", "a"),
        ("😀", "😁", ""),
        ("ab", "b", "b"),
        ("", "x", ""),
        ("x", "", ""),
        ("RUN a\n", "RUN ab\n", "RUN a\n"),
    ] {
        let whole = edit(0, old.len(), new);
        let narrowed = whole.narrowed(old);
        assert_eq!(narrowed.apply(old), new, "{old:?} -> {new:?}");
        let untouched = old.len() - usize::from(narrowed.delete.len());
        assert_eq!(untouched, kept.len(), "{old:?} -> {new:?}: {narrowed:?}");
    }
}

#[test]
fn errors_after_the_edit_move_with_it() {
    let text = "FROM a\nRUN x\nRUNN y\n";
    let how = check(text, &edit(11, 11, "xxx"));
    assert!(matches!(how, Reparsed::Lines { .. }));
    let (parse, _, _) = parse(text).reparse(text, &edit(11, 11, "xxx"));
    assert_eq!(u32::from(parse.errors[0].range.start()), 16);
}

#[test]
fn multibyte_and_crlf_edits_are_exact() {
    let text = "FROM a\r\nRUN echo é\r\nRUN echo 😀\r\n";
    let pos = text.find('é').expect("é");
    assert_some_lines(text, &edit(pos, pos + 'é'.len_utf8(), "😀"));
    let pos = text.find("\r\nRUN echo 😀").expect("crlf");
    check(text, &edit(pos, pos + 1, ""));
}

// ---- randomized edits over the corpus -------------------------------------------------------

const INSERTS: &[&str] = &[
    "\n",
    "\r\n",
    "\\",
    "\\\n",
    " \\\n",
    "`",
    "<<EOF\n",
    "EOF\n",
    "<<-EOT",
    "\tEOT\n",
    "\"",
    "'",
    "RUN ",
    "FROM x\n",
    "# c\n",
    "# escape=`\n",
    " ",
    "\t",
    "é",
    "😀",
    "\u{a0}",
    "=",
    "$",
    "${X}",
    "[\"a\"]",
    "--mount=type=cache ",
    "ONBUILD ",
    "x",
    "abc",
    "&&",
    "#",
    "\n\n",
    "ENV a b\n",
];

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/reparse/regressions")
}

/// A regression file: the edit on the first line (`start end insert-as-JSON-ish`), then the text.
fn save_regression(text: &str, edit: &TextEdit) -> PathBuf {
    let name = format!(
        "{:016x}.txt",
        text.len() as u64 ^ (u64::from(u32::from(edit.delete.start())) << 20)
    );
    let path = regressions_dir().join(name);
    let header = format!(
        "{} {} {}\n",
        u32::from(edit.delete.start()),
        u32::from(edit.delete.end()),
        edit.insert.escape_default()
    );
    std::fs::write(&path, format!("{header}{text}")).ok();
    path
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[test]
fn saved_regressions_still_pass() {
    let Ok(entries) = std::fs::read_dir(regressions_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let content = std::fs::read_to_string(entry.path()).expect("read regression");
        let (header, text) = content.split_once('\n').expect("header line");
        let mut parts = header.splitn(3, ' ');
        let start: usize = parts.next().and_then(|p| p.parse().ok()).expect("start");
        let end: usize = parts.next().and_then(|p| p.parse().ok()).expect("end");
        let insert = unescape(parts.next().unwrap_or(""));
        check(text, &edit(start, end, &insert));
    }
}

fn corpus() -> Option<Vec<String>> {
    let Ok(files) = rlint_testkit::corpus_files(&rlint_testkit::shared_path()) else {
        rlint_testkit::skip("../shared not found");
        return None;
    };
    Some(
        files
            .iter()
            // Files that are not UTF-8 are left out: a seed replays the same edits only on the
            // same list of files.
            .filter_map(|file| std::fs::read_to_string(&file.path).ok())
            .filter(|text| text.len() < 20_000)
            .collect(),
    )
}

#[test]
fn random_edits_to_corpus_files_match_full_parses() {
    let Some(files) = corpus() else { return };
    assert!(
        files.len() > 4000,
        "found only {} corpus files",
        files.len()
    );
    let n_edits: usize = std::env::var("RLINT_REPARSE_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut n_fast = 0;
    let mut failures = Vec::new();
    // Chains of edits on one file, as typing does: each edit applies to the previous result.
    let mut current = files[0].clone();
    let mut current_parse: Parse = parse(&current);
    for idx in 0..n_edits {
        if idx % 20 == 0 {
            current = files[rng.below(files.len())].clone();
            current_parse = parse(&current);
        }
        let edit = rlint_testkit::random_edit(&mut rng, &current, INSERTS);
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            current_parse.reparse(&current, &edit)
        }));
        let Ok((incremental, new_text, how)) = attempt else {
            failures.push(save_regression(&current, &edit));
            current = edit.apply(&current);
            current_parse = parse(&current);
            continue;
        };
        let full = parse(&new_text);
        if incremental != full {
            failures.push(save_regression(&current, &edit));
            current_parse = full;
        } else {
            current_parse = incremental;
        }
        if matches!(how, Reparsed::Lines { .. }) {
            n_fast += 1;
        }
        current = new_text;
    }
    eprintln!("{n_edits} random edits: {n_fast} reparsed incrementally");
    assert!(
        failures.is_empty(),
        "{} edits differ; saved as {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(
        n_fast > n_edits / 3,
        "the fast path ran only {n_fast} times"
    );
}

#[test]
fn regrouping_edits_match_full_parses_at_the_edges() {
    let crlf = "FROM a AS one\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nFROM one\r\nRUN b\r\n";
    let no_newline = "FROM a\nRUN x\nFROM b\nRUN y";
    let backtick = "# escape=`\nFROM a\nRUN echo `\n  hi\nFROM b\nRUN <<EOF\nbody\nEOF\nRUN z\n";
    let cases: &[(&str, &str, &str)] = &[
        // A CRLF terminator broken, and a heredoc opened before a FROM.
        (crlf, "EOF\r\nFROM", "EOFx\r\nFROM"),
        (crlf, "RUN b", "RUN b <<EOF"),
        // At the very end of a file without a final newline: a new stage, a heredoc.
        (no_newline, "RUN y", "RUN y\nFROM c"),
        (no_newline, "RUN y", "RUN y <<EOF"),
        // A whole stage deleted, its FROM included, and two stages joined by a continuation.
        (no_newline, "FROM b\nRUN y", ""),
        (no_newline, "RUN x\n", "RUN x \\\n"),
        // With a backtick escape: a continuation opened and closed, a terminator broken.
        (backtick, "`\n  hi", "\n  hi"),
        (backtick, "RUN z", "RUN z `"),
        (backtick, "\nEOF\n", "\nEOFF\n"),
    ];
    for (text, old, new) in cases {
        let pos = text.find(old).expect("the edit's place");
        let how = check(text, &edit(pos, pos + old.len(), new));
        assert!(
            matches!(how, Reparsed::Lines { .. }),
            "{old:?} -> {new:?}: {how:?}"
        );
    }
}

/// An edit that reaches past the end of the text deletes up to the end, as `TextEdit::apply`
/// does, and is parsed in full.
#[test]
fn an_edit_past_the_end_deletes_to_the_end() {
    let text = "FROM alpine\nRUN true\n";
    assert_eq!(check(text, &edit(12, 40, "CMD x\n")), Reparsed::Full);
    assert_eq!(check(text, &edit(30, 40, "")), Reparsed::Full);
}

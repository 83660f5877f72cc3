//! The language server's incremental lint (`Model::new_cached`, which keeps RUN analyses and
//! ARG/ENV bindings, and `lint_model_cached`, which keeps the findings of instruction-local and
//! stage-local rules, across edits) must equal a full lint after every edit. Random edits
//! (deterministic seeds) are applied to every rule's test files and to a sample of the
//! real-world corpus, each reparsed incrementally as the server does; the test also checks that
//! findings were reused, so the fast path provably runs.

use rlint_linter::incremental::CacheStats;
use rlint_linter::{
    lint_model, lint_model_cached, Diagnostic, InstructionCache, Model, Selector, Settings,
};
use rlint_syntax::{Parse, Reparsed, TextEdit, TextRange};
use rlint_testkit::Rng;
use std::path::{Path, PathBuf};

/// Text that changes what instruction- and stage-local rules see: variables, SHELL, USER,
/// WORKDIR, package commands, flags, escapes, continuations, ignore comments, stages built on
/// or copied from others.
const INSERTS: &[&str] = &[
    "\n",
    "x",
    " ",
    "\\\n",
    "=",
    "$",
    "\"",
    "ENV PKG=curl\n",
    "ENV PKG=curl=7.88\n",
    "RUN apt-get install $PKG\n",
    "ARG VERSION=1.2\n",
    "ARG VERSION\n",
    "ENV PATH=/opt/bin\n",
    "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n",
    "SHELL [\"pwsh\", \"-c\"]\n",
    "RUN apt-get install $PKG\n",
    "RUN apt-get update && apt-get install -y curl\n",
    " && pip install requests",
    "RUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
    "# hadolint ignore=DL3008\n",
    "# escape=`\n",
    "FROM alpine:3.20 AS build\n",
    "FROM build\n",
    "COPY --from=build /x /x\n",
    "USER app\n",
    "WORKDIR /app\n",
    "COPY . /app\n",
    "LABEL version=1\n",
    "ONBUILD RUN yum install httpd\n",
    "<<EOF\n",
    "EOF\n",
];

fn rule_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/rules");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("test_data/rules").flatten() {
        for name in ["fire.Dockerfile", "clean.Dockerfile"] {
            let path = entry.path().join(name);
            if path.exists() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every 25th file of `shared/corpus/real`, or none (with a message) outside CI.
fn corpus_sample() -> Vec<PathBuf> {
    let Ok(files) = rlint_testkit::corpus_files(&rlint_testkit::shared_path()) else {
        rlint_testkit::skip("corpus sample: ../shared/corpus not found");
        return Vec::new();
    };
    files
        .into_iter()
        .step_by(25)
        .map(|file| file.path)
        .collect()
}

/// Edits per file: about 20,000 in all.
const STEPS: usize = 48;

#[test]
fn cached_lint_equals_full_lint_after_random_edits() {
    // Every rule runs, off-by-default ones included.
    let settings = Settings {
        select: vec![Selector("ALL".to_string())],
        ..Settings::default()
    };
    let (mut edits, mut reused, mut computed) = (0usize, 0usize, 0usize);
    let (mut stages_reused, mut stages_computed) = (0usize, 0usize);
    let files: Vec<PathBuf> = rule_files().into_iter().chain(corpus_sample()).collect();
    assert!(files.len() > 100, "too few files: {}", files.len());
    for (file_idx, path) in files.iter().enumerate() {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let mut text = rlint_syntax::decode::decode_lossless(&bytes).0.into_owned();
        let mut parse = rlint_syntax::parse(&text);
        let mut cache = InstructionCache::new();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ file_idx as u64);
        for step in 0..STEPS {
            let model = Model::new_cached(&parse, &mut cache);
            let cached = lint_model_cached(&parse, &model, &settings, &mut cache);
            let full = lint_model(&parse, &Model::new(&parse), &settings);
            assert_eq!(
                cached,
                full,
                "{} after {step} edits (seed file index {file_idx}):\n{text}",
                path.display()
            );
            if step > 0 {
                let stats = cache.stats();
                reused += stats.reused;
                computed += stats.computed;
                stages_reused += stats.stages_reused;
                stages_computed += stats.stages_computed;
            }
            let edit = rlint_testkit::random_edit(&mut rng, &text, INSERTS);
            let (next, next_text, _) = parse.reparse(&text, &edit);
            parse = next;
            text = next_text;
            edits += 1;
        }
    }
    eprintln!(
        "{edits} edits over {} files; instructions reused {reused}, recomputed {computed}; \
         stages reused {stages_reused}, recomputed {stages_computed}",
        files.len()
    );
    // Most instructions survive a small edit: the cache must be doing the work.
    assert!(
        reused > computed * 2,
        "reused {reused}, recomputed {computed}"
    );
    // Files of several stages keep the stages an edit did not touch.
    assert!(
        stages_reused * 4 > stages_computed,
        "stages reused {stages_reused}, recomputed {stages_computed}"
    );
}

/// What a cached lint found and reused before and after an edit.
struct Relint {
    before: Vec<Diagnostic>,
    before_stats: CacheStats,
    after: Vec<Diagnostic>,
    after_stats: CacheStats,
    /// How the edit was reparsed.
    how: Reparsed,
}

/// Replaces the first `old` in `text` with `new` by an incremental reparse of `parse`.
fn apply(parse: &Parse, text: &str, old: &str, new: &str) -> (Parse, String, Reparsed) {
    let at = text.find(old).expect("the edit's place") as u32;
    let edit = TextEdit::replace(TextRange::at(at.into(), (old.len() as u32).into()), new);
    parse.reparse(text, &edit)
}

/// Lints `parse` with `cache`, checks the result against a full lint, and returns it.
fn lint_checked(
    parse: &Parse,
    settings: &Settings,
    cache: &mut InstructionCache,
) -> Vec<Diagnostic> {
    let model = Model::new_cached(parse, cache);
    let found = lint_model_cached(parse, &model, settings, cache);
    assert_eq!(found, lint_model(parse, &Model::new(parse), settings));
    found
}

/// Lints `text` with one cache, then again after each edit (the first `old` replaced with
/// `new`); every lint must equal a full one. Returns the last and the cache's stats after each
/// lint.
fn lint_through(
    settings: &Settings,
    text: &str,
    edits: &[(&str, &str)],
) -> (Vec<Diagnostic>, Vec<CacheStats>) {
    let mut parse = rlint_syntax::parse(text);
    let mut text = text.to_string();
    let mut cache = InstructionCache::new();
    let mut stats = Vec::new();
    for &(old, new) in edits {
        lint_checked(&parse, settings, &mut cache);
        stats.push(cache.stats());
        let (next, next_text, _) = apply(&parse, &text, old, new);
        (parse, text) = (next, next_text);
    }
    let after = lint_checked(&parse, settings, &mut cache);
    stats.push(cache.stats());
    (after, stats)
}

/// Lints `text` with a cache, replaces the first `old` with `new`, lints again with the same
/// cache and checks both lints against full ones.
fn relint(text: &str, old: &str, new: &str) -> Relint {
    relint_with(&Settings::default(), text, old, new)
}

/// [`relint`] with `settings`.
fn relint_with(settings: &Settings, text: &str, old: &str, new: &str) -> Relint {
    let parse = rlint_syntax::parse(text);
    let mut cache = InstructionCache::new();
    let before = lint_checked(&parse, settings, &mut cache);
    let before_stats = cache.stats();
    let (next, _, how) = apply(&parse, text, old, new);
    let after = lint_checked(&next, settings, &mut cache);
    Relint {
        before,
        before_stats,
        after,
        after_stats: cache.stats(),
        how,
    }
}

/// The cache's figures for a lint of `text` and for one after typing "x" before `at`.
fn stats_after_typing(text: &str, at: &str) -> (CacheStats, CacheStats) {
    let run = relint(text, at, &format!("x{at}"));
    (run.before_stats, run.after_stats)
}

#[test]
fn an_edit_recomputes_only_the_instructions_it_changes() {
    let text = "FROM debian:12\nRUN apt-get install curl\nRUN apt-get install wget\nRUN apt-get install git\n";
    // Typing inside the second RUN: only it is linted again.
    let (first, second) = stats_after_typing(text, "wget");
    assert_eq!(first.computed, 4);
    assert_eq!((second.computed, second.reused), (1, 3), "{second:?}");
}

#[test]
fn an_edit_recomputes_only_the_stage_it_changes() {
    let text = "FROM debian:12 AS a\nRUN mkdir /a\nRUN mkdir /b\n\nFROM debian:12 AS b\n# first\nRUN mkdir /c\nRUN mkdir /d\n";
    // DL3059 (stage-local) reports the second RUN of each stage.
    let dl3059 = |d: &[Diagnostic]| d.iter().filter(|d| d.code == "DL3059").count();
    let run = relint(text, "/d", "/dd");
    assert_eq!(run.before_stats.stages_computed, 2);
    assert_eq!((dl3059(&run.before), dl3059(&run.after)), (2, 2));
    let stages = |s: CacheStats| (s.stages_computed, s.stages_reused);
    assert_eq!(stages(run.after_stats), (1, 1), "{:?}", run.after_stats);
    // A longer comment moves the RUNs after it within their stage, whose findings are then
    // worked out again; `relint` checks that they land where a full lint puts them.
    let run = relint(text, "first", "the first");
    assert_eq!(stages(run.after_stats), (1, 1), "{:?}", run.after_stats);
    // A blank line between the stages moves the second one whole: its findings follow it.
    let run = relint(text, "\n\nFROM", "\n\n\nFROM");
    assert_eq!(stages(run.after_stats), (0, 2), "{:?}", run.after_stats);
}

#[test]
fn a_fix_that_deletes_a_run_stays_within_its_stage() {
    // RL3004's fix deletes its RUN. A blank line added after the stage changes none of its
    // instructions, so the stage is kept: the fix must not have reached into that line (it
    // once deleted the line break after the RUN's own, and the kept fix then differed from a
    // full lint's).
    let text = "FROM alpine:3.20\nCOPY app /app\nRUN chown -R 1000 /app\nFROM debian:12\n";
    let run = relint(text, "FROM debian", "\nFROM debian");
    assert!(run
        .after
        .iter()
        .any(|d| d.code == "RL3004" && d.fix.is_some()));
    assert_eq!(run.after_stats.stages_reused, 2, "{:?}", run.after_stats);
}

#[test]
fn a_changed_variable_recomputes_the_instructions_after_it() {
    let text = "FROM debian:12\nRUN apt-get install a\nENV PKG=curl\nRUN apt-get install $PKG\nRUN apt-get install b\n";
    // The ENV's value changes the context of the two RUNs after it, not of those before.
    let (first, second) = stats_after_typing(text, "curl");
    assert_eq!(first.computed, 5);
    assert_eq!((second.computed, second.reused), (3, 2), "{second:?}");
}

/// An edit that changes what an unchanged instruction may report through something outside
/// it, which only its context hash carries.
struct ContextEdit {
    /// What the context must hold.
    fact: &'static str,
    text: &'static str,
    /// The first `old` in `text` becomes `new`.
    old: &'static str,
    new: &'static str,
    /// The rule, and how many findings it has before and after the edit.
    code: &'static str,
    before: usize,
    after: usize,
}

const CONTEXT_EDITS: &[ContextEdit] = &[
    // `ARG PKG` in the stage takes the global default; DL3008 names the package.
    ContextEdit {
        fact: "a global default a stage's bare ARG takes",
        text: "ARG PKG=curl\nFROM debian:12\nARG PKG\nRUN apt-get install -y $PKG\n",
        old: "curl",
        new: "xcurl",
        code: "DL3008",
        before: 1,
        after: 1,
    },
    // BuildKit builds the last stage from `base-amd64`, which defines `TOOL`.
    ContextEdit {
        fact: "the names inherited through an unlinked FROM",
        text: "FROM alpine:3.20 AS base-amd64\nENV TOOL=/opt/x\nFROM base-$TARGETARCH\nWORKDIR $TOOL\n",
        old: "TOOL=",
        new: "xTOOL=",
        code: "RL2010",
        before: 0,
        after: 1,
    },
    // A RUN of a stage built on Windows runs under `cmd`: no DL4006.
    ContextEdit {
        fact: "a Windows base",
        text: "FROM debian:12 AS base\nFROM base\nRUN curl -s example.com | sh\n",
        old: "debian:12",
        new: "windows/servercore:ltsc2022",
        code: "DL4006",
        before: 1,
        after: 0,
    },
    // DL3009 skips a stage whose layers reach no image.
    ContextEdit {
        fact: "whether the stage ships",
        text: "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y curl\nFROM alpine:3.20\nCOPY --from=build /x /x\n",
        old: "alpine:3.20",
        new: "build",
        code: "DL3009",
        before: 0,
        after: 1,
    },
    // RL5001 reports an install run as a non-root user.
    ContextEdit {
        fact: "the USER in effect",
        text: "FROM debian:12\nUSER app\nRUN apt-get install -y curl\n",
        old: "app",
        new: "root",
        code: "RL5001",
        before: 1,
        after: 0,
    },
];

/// An edit that changes what an unchanged stage may report through something outside it,
/// which only the stage hash or the stage's ancestors carry.
const STAGE_EDITS: &[ContextEdit] = &[
    // DL3045: a WORKDIR in the parent stage is in effect in the child.
    ContextEdit {
        fact: "the instructions of the parent stage",
        text: "FROM debian:12 AS base\nWORKDIR /app\nFROM base\nCOPY a b\n",
        old: "WORKDIR /app",
        new: "LABEL x=1",
        code: "DL3045",
        before: 0,
        after: 1,
    },
    // The same two stages up: `b` is kept only while `a` is.
    ContextEdit {
        fact: "the instructions of a grandparent stage",
        text: "FROM debian:12 AS a\nWORKDIR /app\nFROM a AS b\nFROM b\nCOPY a b\n",
        old: "WORKDIR /app",
        new: "LABEL x=1",
        code: "DL3045",
        before: 0,
        after: 1,
    },
    // RL2009: BuildKit builds the last stage on `base-amd64`, which sets a WORKDIR.
    ContextEdit {
        fact: "the instructions of the parent BuildKit resolves",
        text: "FROM alpine:3.20 AS base-amd64\nWORKDIR /app\nFROM base-$TARGETARCH\nWORKDIR rel\n",
        old: "WORKDIR /app",
        new: "LABEL x=1",
        code: "RL2009",
        before: 0,
        after: 1,
    },
    // RL2015: both defaults are unknown to the global scope, but BuildKit gives FROM a value
    // for TARGETOS and an empty one for TARGETVARIANT.
    ContextEdit {
        fact: "BuildKit's FROM environment",
        text: "ARG V=${TARGETOS}\nFROM alpine:$V\n",
        old: "TARGETOS",
        new: "TARGETVARIANT",
        code: "RL2015",
        before: 0,
        after: 1,
    },
    // DL3022: `--from=a` names a stage only while one is called `a`.
    ContextEdit {
        fact: "the names of the other stages",
        text: "FROM debian:12 AS a\nFROM debian:12 AS b\nCOPY --from=a /x /x\n",
        old: "AS a",
        new: "AS c",
        code: "DL3022",
        before: 0,
        after: 1,
    },
    // DL3023: `--from=1` is the stage itself until a FROM above makes it the one before.
    ContextEdit {
        fact: "where a numeric --from points",
        text: "FROM debian:12 AS a\nFROM debian:12 AS b\nCOPY --from=1 /x /x\n",
        // (Lower case, so that the edit does not start inside `FROM debian:12 AS b`.)
        old: "\nFROM debian:12 AS b",
        new: "\nfrom alpine:3.20 AS z\nFROM debian:12 AS b",
        code: "DL3023",
        before: 1,
        after: 0,
    },
    // DL3022 suggests the nearest name of any stage, a later one included (`relint` compares
    // the messages with a full lint's).
    ContextEdit {
        fact: "the names a misspelt --from is matched against",
        text: "FROM debian:12 AS a\nCOPY --from=buld /x /x\nFROM debian:12 AS build\n",
        old: "AS build",
        new: "AS other",
        code: "DL3022",
        before: 1,
        after: 1,
    },
    // DL3022 suggests a stage name for an index that is no earlier stage, from every name.
    ContextEdit {
        fact: "the names an index that is no earlier stage is matched against",
        text: "FROM alpine:3.20\nCOPY --from=1 /x /x\nFROM alpine:3.20 AS b\n",
        old: "AS b",
        new: "AS builder",
        code: "DL3022",
        before: 1,
        after: 1,
    },
    // RL4006: `FROM b` names the nearest earlier `b`; renaming it makes the first one the
    // parent, whose hash equals the renamed one's.
    ContextEdit {
        fact: "which stage is the parent",
        text: "FROM alpine:3.20 AS b\nFROM gcr.io/distroless/static:nonroot AS b\nFROM b\nCMD echo hi\nFROM alpine:3.20\n",
        old: "static:nonroot AS b",
        new: "static:nonroot AS c",
        code: "RL4006",
        before: 1,
        after: 0,
    },
    // RL3003 reports a cleanup only in a stage whose layers end up in the final image.
    ContextEdit {
        fact: "whether the final image takes the stage's layers",
        text: "FROM debian:12 AS a\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n\
               FROM a AS b\nFROM alpine:3.20\nCOPY --from=a /x /x\n",
        old: "alpine:3.20",
        new: "b",
        code: "RL3003",
        before: 0,
        after: 1,
    },
];

/// Checks each edit of `table` with `relint`, which also compares the cached lint with a full
/// one: the count of the rule's findings must change as the row says.
fn check_edits(table: &[ContextEdit]) {
    let count = |diagnostics: &[Diagnostic], code: &str| {
        diagnostics.iter().filter(|d| d.code == code).count()
    };
    for edit in table {
        let run = relint(edit.text, edit.old, edit.new);
        assert_eq!(
            (count(&run.before, edit.code), count(&run.after, edit.code)),
            (edit.before, edit.after),
            "{}: {}",
            edit.fact,
            edit.text
        );
    }
}

#[test]
fn a_global_default_reaches_the_message_of_a_kept_instruction() {
    // The first row of CONTEXT_EDITS changes no count: the package's name in the message is
    // what changes (`relint` also compares the whole lint with a full one).
    let edit = &CONTEXT_EDITS[0];
    assert_eq!(edit.code, "DL3008");
    let run = relint(edit.text, edit.old, edit.new);
    assert!(run.before.iter().any(|d| d.message.contains("`curl`")));
    assert!(run.after.iter().any(|d| d.message.contains("`xcurl`")));
}

#[test]
fn the_context_hash_carries_what_instruction_local_rules_read_around_them() {
    check_edits(CONTEXT_EDITS);
}

#[test]
fn the_stage_hash_carries_what_stage_local_rules_read_around_them() {
    check_edits(STAGE_EDITS);
}

#[test]
fn an_edit_needing_a_full_parse_still_reuses_untouched_instructions() {
    // A new FROM line parses the whole file again; the parse keeps the nodes of the
    // instructions it left alone, so their findings are reused.
    let text = "FROM debian:12\nRUN apt-get install curl\nRUN apt-get install wget\nFROM alpine:3.20\nRUN apk add git\n";
    let run = relint(text, "", "FROM busybox:1\n");
    assert_eq!(run.how, Reparsed::Full);
    assert_eq!(run.before_stats.computed, 5);
    let second = run.after_stats;
    assert_eq!((second.computed, second.reused), (1, 5), "{second:?}");
}

#[test]
fn instructions_back_from_a_heredoc_body_are_reused() {
    // Typing `RUN <<EOF` makes the rest of the file its body until the terminator is typed;
    // the instructions that then come back are the nodes they were, and their findings and
    // RUN analyses were kept meanwhile.
    let text = "FROM debian:12\nRUN apt-get install curl\nRUN apt-get install wget\nRUN apt-get install git\n";
    let (_, stats) = lint_through(
        &Settings::default(),
        text,
        &[
            ("RUN apt", "RUN <<EOF\nRUN apt"),
            ("RUN apt", "echo hi\nRUN apt"),
            ("RUN apt", "EOF\nRUN apt"),
        ],
    );
    // Inside the body, only the FROM (kept) and the open heredoc's RUN (new) are instructions.
    let inside = stats[1];
    assert_eq!((inside.computed, inside.reused), (1, 1), "{stats:?}");
    // Closed: the heredoc's RUN is new, the three after it were kept.
    let last = stats[3];
    assert_eq!((last.computed, last.reused), (1, 4), "{last:?}");
}

#[test]
fn a_stage_that_stops_being_the_last_is_linted_again() {
    // RL6007 (off by default) looks at the last stage only; a stage added after it, built on
    // it, changes none of its instructions and leaves it in the final image.
    let settings = Settings {
        select: vec![Selector("RL6007".to_string())],
        ..Settings::default()
    };
    let text = "FROM debian:12 AS a\nRUN true\n";
    let run = relint_with(
        &settings,
        text,
        "RUN true\n",
        "RUN true\nFROM a\nUSER app\n",
    );
    let count = |d: &[Diagnostic]| d.iter().filter(|d| d.code == "RL6007").count();
    assert_eq!((count(&run.before), count(&run.after)), (1, 0));
}

#[test]
fn a_stage_back_from_a_heredoc_body_sees_what_changed_in_its_parent_meanwhile() {
    // The last stage leaves the file (a heredoc opened in the stage before it), its parent
    // loses its WORKDIR, and the stage comes back: DL3045 must see the parent as it is now.
    let text = "FROM debian:12 AS p\nWORKDIR /app\nFROM debian:12 AS x\nRUN y\nFROM p\nCOPY a b\n";
    let (after, _) = lint_through(
        &Settings::default(),
        text,
        &[
            ("RUN y", "RUN y <<EOF"),
            ("WORKDIR /app", "LABEL z=1"),
            ("RUN y <<EOF", "RUN y"),
        ],
    );
    assert!(after.iter().any(|d| d.code == "DL3045"), "{after:?}");
}

//! The language server's incremental lint (`Model::new_cached`, which keeps RUN analyses, and
//! `lint_model_cached`, which keeps the findings of instruction-local rules, across edits) must
//! equal a full lint after every edit. Random edits
//! (deterministic seeds) are applied to every rule's test files and to a sample of the
//! real-world corpus, each reparsed incrementally as the server does; the test also checks that
//! findings were reused, so the fast path provably runs.

use rlint_linter::incremental::CacheStats;
use rlint_linter::{lint_model, lint_model_cached, InstructionCache, Model, Selector, Settings};
use rlint_syntax::{TextEdit, TextRange};
use rlint_testkit::Rng;
use std::path::{Path, PathBuf};

/// Text that changes what instruction-local rules see: variables, SHELL, package commands,
/// flags, escapes, continuations, ignore comments.
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
                reused += cache.stats().reused;
                computed += cache.stats().computed;
            }
            let edit = rlint_testkit::random_edit(&mut rng, &text, INSERTS);
            let (next, next_text, _) = parse.reparse(&text, &edit);
            parse = next;
            text = next_text;
            edits += 1;
        }
    }
    eprintln!(
        "{edits} edits over {} files; instructions reused {reused}, recomputed {computed}",
        files.len()
    );
    // Most instructions survive a small edit: the cache must be doing the work.
    assert!(
        reused > computed * 2,
        "reused {reused}, recomputed {computed}"
    );
}

/// Lints `text`, then inserts "x" before the first `at` and lints again with the same cache,
/// checking the result against a full lint; returns the cache's figures for both runs.
fn stats_after_typing(text: &str, at: &str) -> (CacheStats, CacheStats) {
    let settings = Settings::default();
    let parse = rlint_syntax::parse(text);
    let mut cache = InstructionCache::new();
    let model = Model::new_cached(&parse, &mut cache);
    lint_model_cached(&parse, &model, &settings, &mut cache);
    let first = cache.stats();
    let pos = text.find(at).expect("the edit's place") as u32;
    let edit = TextEdit::replace(TextRange::empty(pos.into()), "x");
    let (next, _, _) = parse.reparse(text, &edit);
    let model = Model::new_cached(&next, &mut cache);
    let cached = lint_model_cached(&next, &model, &settings, &mut cache);
    assert_eq!(cached, lint_model(&next, &Model::new(&next), &settings));
    (first, cache.stats())
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
fn a_changed_variable_recomputes_the_instructions_after_it() {
    let text = "FROM debian:12\nRUN apt-get install a\nENV PKG=curl\nRUN apt-get install $PKG\nRUN apt-get install b\n";
    // The ENV's value changes the context of the two RUNs after it, not of those before.
    let (first, second) = stats_after_typing(text, "curl");
    assert_eq!(first.computed, 5);
    assert_eq!((second.computed, second.reused), (3, 2), "{second:?}");
}

/// Lints `text` with a cache, replaces the first `old` with `new`, lints again with the same
/// cache and checks the result against a full lint; returns how many findings of `code` each
/// lint had. The edits below change something outside the instructions whose findings are
/// counted, which only their context hash can carry.
fn count_before_and_after(text: &str, old: &str, new: &str, code: &str) -> (usize, usize) {
    let settings = Settings::default();
    let count = |diagnostics: &[rlint_linter::Diagnostic]| {
        diagnostics.iter().filter(|d| d.code == code).count()
    };
    let parse = rlint_syntax::parse(text);
    let mut cache = InstructionCache::new();
    let model = Model::new_cached(&parse, &mut cache);
    let before = count(&lint_model_cached(&parse, &model, &settings, &mut cache));
    let pos = text.find(old).expect("the text to replace") as u32;
    let edit = TextEdit::replace(TextRange::at(pos.into(), (old.len() as u32).into()), new);
    let (next, _, _) = parse.reparse(text, &edit);
    let model = Model::new_cached(&next, &mut cache);
    let after = lint_model_cached(&next, &model, &settings, &mut cache);
    assert_eq!(after, lint_model(&next, &Model::new(&next), &settings));
    (before, count(&after))
}

#[test]
fn a_kept_arg_binding_follows_the_global_default() {
    // `ARG PKG` in the stage takes the global default: editing the default must reach the
    // RUN (DL3008 names the package) although the stage's own ARG line is unchanged.
    let text = "ARG PKG=curl\nFROM debian:12\nARG PKG\nRUN apt-get install -y $PKG\n";
    let settings = Settings::default();
    let mentions = |text: &str, package: &str| {
        let parse = rlint_syntax::parse(text);
        lint_model(&parse, &Model::new(&parse), &settings)
            .iter()
            .any(|d| d.code == "DL3008" && d.message.contains(package))
    };
    assert!(mentions(text, "`curl`"));
    assert_eq!(
        count_before_and_after(text, "curl", "xcurl", "DL3008"),
        (1, 1)
    );
    assert!(mentions(&text.replace("curl", "xcurl"), "`xcurl`"));
}

#[test]
fn names_inherited_through_an_unlinked_from_are_part_of_the_context() {
    // BuildKit builds the last stage from `base-amd64` and lets it see `TOOL`; renaming the
    // variable in that stage must reach the WORKDIR, whose own text and scope are unchanged.
    let text =
        "FROM alpine:3.20 AS base-amd64\nENV TOOL=/opt/x\nFROM base-$TARGETARCH\nWORKDIR $TOOL\n";
    assert_eq!(
        count_before_and_after(text, "TOOL=", "xTOOL=", "RL2010"),
        (0, 1)
    );
}

#[test]
fn a_windows_base_is_part_of_the_context() {
    // A RUN of a stage built on Windows runs under `cmd`, so DL4006 does not apply; turning
    // the root image into a Windows one must reach the RUN of the stage built on it.
    let text = "FROM debian:12 AS base\nFROM base\nRUN curl -s example.com | sh\n";
    assert_eq!(
        count_before_and_after(text, "debian:12", "windows/servercore:ltsc2022", "DL4006"),
        (1, 0)
    );
}

#[test]
fn whether_a_stage_ships_is_part_of_the_context() {
    // DL3009 skips a stage whose layers reach no image; building the last stage FROM it makes
    // its unchanged RUN count.
    let text = "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y curl\nFROM alpine:3.20\nCOPY --from=build /x /x\n";
    assert_eq!(
        count_before_and_after(text, "alpine:3.20", "build", "DL3009"),
        (0, 1)
    );
}

#[test]
fn the_user_in_effect_is_part_of_the_context() {
    // RL5001 reports an install run as a non-root user: switching the earlier USER to root
    // must reach the RUN, whose own text and variables are unchanged.
    let text = "FROM debian:12\nUSER app\nRUN apt-get install -y curl\n";
    assert_eq!(
        count_before_and_after(text, "app", "root", "RL5001"),
        (1, 0)
    );
}

#[test]
fn an_edit_needing_a_full_parse_still_reuses_untouched_instructions() {
    // Touching a FROM line parses the whole file again; the parse keeps the nodes of the
    // instructions it left alone, so their findings are reused.
    let text = "FROM debian:12\nRUN apt-get install curl\nRUN apt-get install wget\nFROM alpine:3.20\nRUN apk add git\n";
    let (first, second) = stats_after_typing(text, "alpine");
    assert_eq!(first.computed, 5);
    assert_eq!((second.computed, second.reused), (1, 4), "{second:?}");
}

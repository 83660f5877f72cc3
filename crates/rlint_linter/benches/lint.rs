//! Lint throughput on the real-world corpus (`shared/corpus/real`): parse + model + every
//! default rule, one core. Run with `cargo bench -p rlint_linter`; compare with
//! `cargo bench -p rlint_syntax` for the parse alone.

use divan::counter::BytesCount;
use divan::Bencher;
use std::sync::OnceLock;

// Measure with the allocator the `rlint` binary ships with.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        rlint_testkit::corpus_texts(&rlint_testkit::shared_path()).unwrap_or_else(|_| {
            eprintln!("SKIPPED: ../shared not found");
            Vec::new()
        })
    })
}

#[divan::bench(sample_count = 20)]
fn corpus_lint_default_rules(bencher: Bencher) {
    let files = corpus();
    let settings = rlint_linter::Settings::default();
    let bytes: usize = files.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for text in files {
            let parse = rlint_syntax::parse(text);
            divan::black_box(rlint_linter::lint(&parse, &settings));
        }
    });
}

/// A 20,000-line Dockerfile made by the shared generator (empty when it cannot be made).
fn big_file() -> &'static str {
    static BIG: OnceLock<String> = OnceLock::new();
    BIG.get_or_init(|| {
        rlint_testkit::big_dockerfile(&rlint_testkit::shared_path(), 20_000).unwrap_or_else(|| {
            eprintln!("SKIPPED big file: python3 gen_big_dockerfile.py failed");
            String::new()
        })
    })
}

/// One character typed in a RUN near the middle of the 20,000-line file, then the file linted
/// again as the language server does: reparse, model, rules. `full` builds the model and runs
/// every rule from scratch; `cached` keeps RUN analyses and instruction-local findings from
/// the version before (each iteration types into the version the previous one left).
#[divan::bench(args = ["full", "cached"], sample_count = 30)]
fn relint_after_one_char_20000_lines(bencher: Bencher, mode: &str) {
    let text = big_file();
    if text.is_empty() {
        return;
    }
    let settings = rlint_linter::Settings::default();
    let middle = text.len() / 2;
    let pos = text[middle..]
        .find("make")
        .map_or(middle, |p| middle + p + 4);
    let mut text = text.to_string();
    let mut parse = rlint_syntax::parse(&text);
    let mut cache = rlint_linter::InstructionCache::new();
    let model = rlint_linter::Model::new_cached(&parse, &mut cache);
    rlint_linter::lint_model_cached(&parse, &model, &settings, &mut cache);
    drop(model);
    let mut typed = 0usize;
    bencher.bench_local(|| {
        // Alternately type and delete one character, so the file does not grow.
        let at = rlint_syntax::TextSize::from(pos as u32);
        let edit = if typed.is_multiple_of(2) {
            rlint_syntax::TextEdit::replace(rlint_syntax::TextRange::empty(at), "x")
        } else {
            rlint_syntax::TextEdit::replace(rlint_syntax::TextRange::at(at, 1.into()), "")
        };
        typed += 1;
        let (next, next_text, _) = parse.reparse(&text, &edit);
        parse = next;
        text = next_text;
        let diagnostics = if mode == "full" {
            let model = rlint_linter::Model::new(&parse);
            rlint_linter::lint_model(&parse, &model, &settings)
        } else {
            let model = rlint_linter::Model::new_cached(&parse, &mut cache);
            rlint_linter::lint_model_cached(&parse, &model, &settings, &mut cache)
        };
        divan::black_box(diagnostics);
    });
}

/// Generated files of shapes that once made rules or the model quadratic (or worse) in their
/// length; each must stay roughly linear:
/// - `long_stage`: one stage of 3,000 lines, alternating COPY and a RUN that installs and
///   cleans up (rules that look at everything before each RUN);
/// - `many_variables`: one stage of 4,000 lines with an ENV every 8 lines among WORKDIR,
///   COPY, RUN, LABEL, USER and EXPOSE (scopes, and rules expanding variables);
/// - `stage_chain`: 1,000 stages each built FROM the previous one, 1,000 global ARGs, the
///   first FROM an ARG (stage ancestry walks).
fn generated(shape: &str) -> String {
    let mut text = String::new();
    match shape {
        "long_stage" => {
            text.push_str("FROM debian:12\n");
            for i in 0..1500 {
                text.push_str(&format!("COPY file{i}.txt /srv/file{i}.txt\n"));
                text.push_str(&format!(
                    "RUN apt-get install -y pkg{i} && rm -rf /var/lib/apt/lists/* /tmp/file{i}.txt\n"
                ));
            }
        }
        "many_variables" => {
            text.push_str("FROM debian:12 AS base\nARG VERSION=1\n");
            for i in 0..500 {
                text.push_str(&format!(
                    "ENV VAR_{i}=value{i}\nWORKDIR /srv/app{i}\n\
                     COPY --chown=app:app file{i}.txt ./file{i}.txt\n\
                     RUN apt-get update && apt-get install -y pkg{i}=1.0 && rm -rf /var/lib/apt/lists/*\n\
                     LABEL org.example.item{i}=\"v{i}\"\nUSER app\nEXPOSE {port}\n\
                     RUN echo $VAR_{i} > /tmp/out{i}\n",
                    port = 1000 + i
                ));
            }
        }
        _ => {
            text.push_str("ARG BASE=debian:12\n");
            for i in 0..1000 {
                text.push_str(&format!("ARG V{i}=1.{i}\n"));
            }
            text.push_str("FROM ${BASE} AS s0\nRUN echo hi\n");
            for i in 1..1000 {
                let (a, b) = (i.max(2) - 2, i.max(3) - 3);
                text.push_str(&format!(
                    "FROM s{p} AS s{i}\nARG V{i}\nCOPY --from=s{a} /out{i} /in{i}\n\
                     RUN --mount=type=cache,target=/root/.cache,from=s{b} make V=$V{i}\n",
                    p = i - 1
                ));
            }
        }
    }
    text
}

#[divan::bench(args = ["long_stage", "many_variables", "stage_chain"], sample_count = 20)]
fn lint_generated_shape(bencher: Bencher, shape: &str) {
    let text = generated(shape);
    let settings = rlint_linter::Settings::default();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| divan::black_box(rlint_linter::lint(&rlint_syntax::parse(&text), &settings)));
}

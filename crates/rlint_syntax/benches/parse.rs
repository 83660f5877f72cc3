//! Parse throughput: the real-world corpus (`shared/corpus/real`) and a 20,000-line file from
//! `shared/tools/gen_big_dockerfile.py`. Run with `cargo bench -p rlint_syntax`; divan prints
//! bytes per second per benchmark.

use divan::counter::BytesCount;
use divan::Bencher;
use std::sync::OnceLock;

// Measure with the allocator the `rlint` binary ships with.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// All corpus files as text (files that are not UTF-8 decoded losslessly).
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let Some(shared) = rlint_testkit::shared_dir() else {
            eprintln!("SKIPPED corpus: ../shared not found");
            return Vec::new();
        };
        rlint_testkit::corpus_texts(&shared).unwrap_or_default()
    })
}

/// A 20,000-line Dockerfile made by the shared generator.
fn big_file() -> &'static str {
    static BIG: OnceLock<String> = OnceLock::new();
    BIG.get_or_init(|| {
        let Some(shared) = rlint_testkit::shared_dir() else {
            eprintln!("SKIPPED big file: ../shared not found");
            return String::new();
        };
        rlint_testkit::big_dockerfile(&shared, 20_000).unwrap_or_else(|| {
            eprintln!("SKIPPED big file: python3 gen_big_dockerfile.py failed");
            String::new()
        })
    })
}

#[divan::bench]
fn corpus_all_files(bencher: Bencher) {
    let files = corpus();
    let bytes: usize = files.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for text in files {
            divan::black_box(rlint_syntax::parse(divan::black_box(text)));
        }
    });
}

#[divan::bench]
fn big_file_20000_lines(bencher: Bencher) {
    let text = big_file();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| divan::black_box(rlint_syntax::parse(divan::black_box(text))));
}

/// Benches reparsing the 20,000-line file after inserting `insert` where `at` (given the text)
/// says, first checking that the reparse is a full parse exactly when `full`. The edited text
/// is made once, outside the measured loop, as `big_file_20000_lines` parses a text it is
/// given: the two compare parsing with parsing.
fn bench_insert(bencher: Bencher, at: impl Fn(&str) -> Option<usize>, insert: &str, full: bool) {
    let Some((parse, edit)) = edit_at(at, insert) else {
        return;
    };
    let text = big_file();
    let new_text = edit.apply(text);
    let (_, how) = parse.reparse_applied(text, &new_text, &edit);
    assert_eq!(how == rlint_syntax::Reparsed::Full, full, "{how:?}");
    bencher.bench(|| {
        divan::black_box(parse.reparse_applied(
            divan::black_box(text),
            divan::black_box(&new_text),
            &edit,
        ))
    });
}

/// The parse of the 20,000-line file and the edit inserting `insert` where `at` says.
fn edit_at(
    at: impl Fn(&str) -> Option<usize>,
    insert: &str,
) -> Option<(rlint_syntax::Parse, rlint_syntax::TextEdit)> {
    let text = big_file();
    let pos = at(text)?;
    let edit = rlint_syntax::TextEdit::replace(
        rlint_syntax::TextRange::empty((pos as u32).into()),
        insert,
    );
    Some((rlint_syntax::parse(text), edit))
}

/// Where `needle` first occurs after the middle of `text`, plus `skip`.
fn after_middle(text: &str, needle: &str, skip: usize) -> Option<usize> {
    let middle = text.len() / 2;
    text.get(middle..)?.find(needle).map(|p| middle + p + skip)
}

/// After a `make` in a RUN near the middle of the file: where the one-character benchmarks type.
fn in_a_run(text: &str) -> Option<usize> {
    after_middle(text, "make", 4)
}

/// One character typed inside an instruction in the middle of the 20,000-line file: the
/// incremental reparse, to compare with `big_file_20000_lines` (a full parse).
#[divan::bench]
fn reparse_one_char_20000_lines(bencher: Bencher) {
    bench_insert(bencher, in_a_run, "x", false);
}

/// The same edit through `Parse::reparse`, which also makes the edited text (a 640 kB copy):
/// what the language server pays per keystroke for text and tree together.
#[divan::bench]
fn apply_and_reparse_one_char_20000_lines(bencher: Bencher) {
    let Some((parse, edit)) = edit_at(in_a_run, "x") else {
        return;
    };
    let text = big_file();
    bencher.bench(|| divan::black_box(parse.reparse(divan::black_box(text), &edit)));
}

/// A new FROM line in the middle of the file: the lines at the edit are parsed again and the
/// stages around them regrouped.
#[divan::bench]
fn reparse_new_from_line_20000_lines(bencher: Bencher) {
    let at = |text: &str| after_middle(text, "\nFROM ", 1);
    bench_insert(bencher, at, "FROM scratch\n", false);
}

/// A heredoc terminator in the middle of the file broken by a typed character: the body runs on
/// to the next line that ends it, and the lines up to there are parsed again.
#[divan::bench]
fn reparse_broken_heredoc_terminator_20000_lines(bencher: Bencher) {
    let at = |text: &str| after_middle(text, "\nEOF\n", 2);
    bench_insert(bencher, at, "x", false);
}

/// A parser directive added at the top: a full parse (the escape character could change), plus
/// giving unchanged instructions their old nodes. Compare with `big_file_20000_lines` for what
/// the sharing costs.
#[divan::bench]
fn reparse_new_directive_20000_lines(bencher: Bencher) {
    let at = |text: &str| (!text.is_empty()).then_some(0);
    bench_insert(bencher, at, "# check=skip=JSONArgsRecommended\n", true);
}

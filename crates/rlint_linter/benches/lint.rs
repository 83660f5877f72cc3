//! Lint throughput on the real-world corpus (`shared/corpus/real`): parse + model + every
//! default rule, one core. Run with `cargo bench -p rlint_linter`; compare with
//! `cargo bench -p rlint_syntax` for the parse alone.

use divan::counter::BytesCount;
use divan::Bencher;
use std::path::{Path, PathBuf};
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
        let shared = std::env::var_os("RLINT_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
        let real = shared.join("corpus/real");
        let Ok(sources) = std::fs::read_to_string(real.join("SOURCES.tsv")) else {
            eprintln!("SKIPPED: ../shared not found");
            return Vec::new();
        };
        sources
            .lines()
            .skip(1)
            .filter_map(|line| line.split('\t').next())
            .filter_map(|name| std::fs::read(real.join(name)).ok())
            .map(|bytes| rlint_syntax::decode::decode_lossless(&bytes).0.into_owned())
            .collect()
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

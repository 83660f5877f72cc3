//! Time spent in each rule over the real-world corpus (parse and model excluded), slowest first,
//! to find the rules worth optimising.
//!
//! cargo run --release -p rlint_linter --example rule_timing [FILE]...
//!
//! With FILE arguments, those files are timed instead of the corpus.

use rlint_linter::{registry, Model, Settings};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let texts: Vec<String> = if files.is_empty() {
        corpus_files()
    } else {
        files
    }
    .iter()
    .filter_map(|path| std::fs::read(path).ok())
    .map(|bytes| rlint_syntax::decode::decode_lossless(&bytes).0.into_owned())
    .collect();
    let (mut parse_time, mut model_time, mut lint_time) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut per_rule = vec![Duration::ZERO; registry::all().len()];
    let settings = Settings::default();
    for text in &texts {
        let started = Instant::now();
        let parse = rlint_syntax::parse(text);
        parse_time += started.elapsed();
        let started = Instant::now();
        let model = Model::new(&parse);
        model_time += started.elapsed();
        let started = Instant::now();
        std::hint::black_box(rlint_linter::lint_model(&parse, &model, &settings));
        lint_time += started.elapsed();
        for (idx, rule) in registry::all().iter().enumerate() {
            let started = Instant::now();
            std::hint::black_box(rlint_linter::check_rule(*rule, &model, &settings.options));
            per_rule[idx] += started.elapsed();
        }
    }
    println!(
        "parse {parse_time:.2?}, model {model_time:.2?}, rules with default settings {lint_time:.2?}"
    );
    let mut rows: Vec<_> = registry::all().iter().zip(per_rule).collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    for (rule, time) in rows.iter().take(40) {
        let locality = match rule.meta().locality {
            rlint_linter::Locality::File => "file",
            rlint_linter::Locality::Instruction => "instruction",
            rlint_linter::Locality::Stage => "stage",
        };
        println!(
            "{:<7} {:<40} {:<12} {time:.2?}",
            rule.meta().code,
            rule.meta().name,
            locality
        );
    }
    let total: Duration = rows.iter().map(|r| r.1).sum();
    println!("all rules (each run alone, no settings or suppressions): {total:.2?}");
    // The model computes some values on first use (its text, BuildKit's FROM environment and
    // stage parents); the default lint pays for them before the rules are timed, so no row
    // includes them.
    println!("(values the model computes on first use are counted in the default lint only)");
}

/// Every file of the real-world corpus, in SOURCES.tsv order.
fn corpus_files() -> Vec<PathBuf> {
    rlint_testkit::corpus_files(&rlint_testkit::shared_path())
        .expect("read SOURCES.tsv")
        .into_iter()
        .map(|file| file.path)
        .collect()
}

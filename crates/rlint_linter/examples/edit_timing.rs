//! The language server's work per edit, in process: reparse, model and lint through the
//! instruction cache (not the line index, nor writing the findings as JSON), for the edits
//! `lsp_probe.py` makes (one character typed in the middle of lines spread over the file by the
//! golden ratio, then deleted), slowest edits last. Shows which edits cost what, without the
//! protocol and the client around it.
//!
//! cargo run --release -p rlint_linter --example edit_timing FILE [EDITS]
//!
//! Prints one line per edit (what the line starts with, how the reparse went, the time of each
//! step, the instructions and stages linted again) sorted by total time, then the median, p90,
//! p99 and maximum.

use rlint_linter::{InstructionCache, Model, Settings};
use rlint_syntax::{TextEdit, TextRange, TextSize};
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Timed {
    line: String,
    reparse: String,
    parse: Duration,
    model: Duration,
    lint: Duration,
    instructions: (usize, usize),
    stages: (usize, usize),
}

impl Timed {
    fn total(&self) -> Duration {
        self.parse + self.model + self.lint
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: edit_timing FILE [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| {
        eprintln!("{path}: {error}");
        std::process::exit(2);
    });
    // Shared, as the server keeps it: the model takes a reference, not a copy.
    let mut text =
        std::sync::Arc::new(rlint_syntax::decode::decode_lossless(&bytes).0.into_owned());
    let settings = Settings::default();
    let mut parse = rlint_syntax::parse(&text);
    let mut cache = InstructionCache::new();
    let model = Model::new_cached(&parse, &mut cache).with_text(text.clone());
    rlint_linter::lint_model_cached(&parse, &model, &settings, &mut cache);
    drop(model);
    // The probe's plan: targets from the original lines, an insert then a delete at each.
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let targets: Vec<(usize, usize)> = (0..edits.div_ceil(2))
        .map(|k| {
            let line =
                (((k + 1) as f64 * 0.618_033_988_749_894_9) % 1.0 * lines.len() as f64) as usize;
            let line = line.min(lines.len() - 1);
            (line, lines[line].chars().count() / 2)
        })
        .collect();
    let mut timed = Vec::with_capacity(edits);
    for i in 0..edits {
        let (line, column) = targets[i / 2];
        let line_start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
        let current = text[line_start..].split('\n').next().unwrap_or("");
        let at = line_start
            + current
                .char_indices()
                .nth(column)
                .map_or(current.len(), |(byte, _)| byte);
        let at = TextSize::from(at as u32);
        let edit = if i % 2 == 0 {
            TextEdit::replace(TextRange::empty(at), "x")
        } else {
            TextEdit::replace(TextRange::at(at, 1.into()), "")
        };
        let started = Instant::now();
        let (next, next_text, how) = parse.reparse(&text, &edit);
        let parse_time = started.elapsed();
        parse = next;
        text = std::sync::Arc::new(next_text);
        let started = Instant::now();
        let model = Model::new_cached(&parse, &mut cache).with_text(std::sync::Arc::clone(&text));
        let model_time = started.elapsed();
        let started = Instant::now();
        std::hint::black_box(rlint_linter::lint_model_cached(
            &parse, &model, &settings, &mut cache,
        ));
        let lint_time = started.elapsed();
        drop(model);
        let stats = cache.stats();
        timed.push(Timed {
            line: lines[line].trim_start().chars().take(24).collect(),
            reparse: format!("{how:?}"),
            parse: parse_time,
            model: model_time,
            lint: lint_time,
            instructions: (stats.computed, stats.computed + stats.reused),
            stages: (
                stats.stages_computed,
                stats.stages_computed + stats.stages_reused,
            ),
        });
    }
    timed.sort_by_key(Timed::total);
    for t in &timed {
        println!(
            "{:>9.2?}  parse {:>9.2?} {:<18} model {:>9.2?}  lint {:>9.2?}  instructions {:>5}/{:<5} stages {:>3}/{:<3} {}",
            t.total(),
            t.parse,
            t.reparse,
            t.model,
            t.lint,
            t.instructions.0,
            t.instructions.1,
            t.stages.0,
            t.stages.1,
            t.line
        );
    }
    let at = |p: usize| timed[(timed.len() * p / 100).min(timed.len() - 1)].total();
    println!(
        "{} edits: median {:.2?}, p90 {:.2?}, p99 {:.2?}, max {:.2?}",
        timed.len(),
        at(50),
        at(90),
        at(99),
        at(100)
    );
}

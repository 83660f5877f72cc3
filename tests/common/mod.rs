//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared data directory beside the checkout (`../shared`, or `$RLINT_SHARED`).
///
/// Returns `None` (and says so on stderr) when it is missing, except in CI (`CI` set), where a
/// missing directory fails the test: CI always has it.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("RLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared is missing at {}: CI must have it beside the checkout",
        dir.display()
    );
    eprintln!("SKIPPED: ../shared not found at {}", dir.display());
    None
}

/// Every corpus file: (path relative to `corpus/real`, bytes).
pub fn corpus_files(shared: &Path) -> Vec<(String, Vec<u8>)> {
    let real = shared.join("corpus/real");
    let sources = std::fs::read_to_string(real.join("SOURCES.tsv")).expect("read SOURCES.tsv");
    let files: Vec<_> = sources
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|name| !name.is_empty())
        .map(|name| {
            let bytes =
                std::fs::read(real.join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"));
            (name.to_string(), bytes)
        })
        .collect();
    assert!(
        files.len() > 4000,
        "expected the whole corpus, found {} files",
        files.len()
    );
    files
}

//! Helpers shared by the end-to-end tests: `rlint_testkit`'s discovery and corpus loading, plus
//! the CI rule (CI always has the shared data, so missing data fails there instead of skipping).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared data directory beside the checkout (`../shared`, or `$RLINT_SHARED`).
///
/// Returns `None` (and says so on stderr) when it is missing, except in CI (`CI` set), where a
/// missing directory fails the test: CI always has it.
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = rlint_testkit::shared_dir() {
        return Some(dir);
    }
    let dir = rlint_testkit::shared_path();
    rlint_testkit::skip(format_args!("../shared not found at {}", dir.display()));
    None
}

/// Every corpus file: (path relative to `corpus/real`, bytes).
pub fn corpus_files(shared: &Path) -> Vec<(String, Vec<u8>)> {
    let files: Vec<_> = rlint_testkit::corpus_files(shared)
        .expect("read SOURCES.tsv")
        .into_iter()
        .map(|file| {
            let bytes =
                std::fs::read(&file.path).unwrap_or_else(|e| panic!("read {}: {e}", file.name));
            (file.name, bytes)
        })
        .collect();
    assert!(
        files.len() > 4000,
        "expected the whole corpus, found {} files",
        files.len()
    );
    files
}

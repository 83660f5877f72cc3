//! Test support shared by rlint's tests, benches and examples: finding the shared data folder
//! (`$RLINT_SHARED`, else `../shared` beside the checkout), reading the real-world corpus in
//! `SOURCES.tsv` order, generating the big benchmark Dockerfile, and a deterministic PRNG for
//! property tests, so that a failure replays from its seed.
//!
//! A dev-dependency only: no product crate depends on it and it is never published. It holds no
//! CI policy: whether a missing shared folder skips or fails is each caller's choice.

use std::io;
use std::path::{Path, PathBuf};

/// Where the shared data folder should be: `$RLINT_SHARED`, else `../shared` beside the
/// workspace root. Not checked; see [`shared_dir`].
pub fn shared_path() -> PathBuf {
    std::env::var_os("RLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared"))
}

/// The workspace root: the nearest folder with `Cargo.lock` above the package being run.
///
/// The package's folder is read when the test runs (cargo sets `CARGO_MANIFEST_DIR` for
/// tests, benches and `cargo run`), not when this crate was compiled: cargo reuses this
/// crate's build across checkouts of the same tree (a worktree sharing the target folder), and
/// a compiled-in path would then point into a checkout that may be gone.
fn workspace_root() -> PathBuf {
    let package = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    package
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .map_or_else(|| package.clone(), Path::to_path_buf)
}

/// The shared data folder, if it is there (see [`shared_path`]).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = shared_path();
    dir.is_dir().then_some(dir)
}

/// Says that a test (or part of one) is skipped because `missing` is not here: a `SKIPPED`
/// line on stderr. In CI (`CI` set) it fails instead: CI has everything the tests need
/// (`.ci/run` installs what is not in `../shared`), so nothing may be skipped there.
pub fn skip(missing: impl std::fmt::Display) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{missing}, and CI must not skip"
    );
    eprintln!("SKIPPED: {missing}");
}

/// One file of the real-world corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// The path relative to `corpus/real`, as `SOURCES.tsv` lists it.
    pub name: String,
    pub path: PathBuf,
}

/// Every file of the real-world corpus (`corpus/real` under `shared`) in `SOURCES.tsv` order:
/// the first column of each row after the header. Fails only if `SOURCES.tsv` cannot be read;
/// the files themselves are not opened.
pub fn corpus_files(shared: &Path) -> io::Result<Vec<CorpusFile>> {
    let real = shared.join("corpus/real");
    let sources = std::fs::read_to_string(real.join("SOURCES.tsv"))?;
    Ok(sources
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|name| !name.is_empty())
        .map(|name| CorpusFile {
            name: name.to_string(),
            path: real.join(name),
        })
        .collect())
}

/// The text of every corpus file in `SOURCES.tsv` order, invalid UTF-8 decoded losslessly
/// (`rlint_syntax::decode::decode_lossless`); unreadable files are left out.
pub fn corpus_texts(shared: &Path) -> io::Result<Vec<String>> {
    Ok(corpus_files(shared)?
        .iter()
        .filter_map(|file| std::fs::read(&file.path).ok())
        .map(|bytes| rlint_syntax::decode::decode_lossless(&bytes).0.into_owned())
        .collect())
}

/// A Dockerfile of exactly `lines` lines from `shared/tools/gen_big_dockerfile.py`; `None` if
/// `python3` cannot run it or it fails.
pub fn big_dockerfile(shared: &Path, lines: usize) -> Option<String> {
    let output = std::process::Command::new("python3")
        .arg(shared.join("tools/gen_big_dockerfile.py"))
        .arg(lines.to_string())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

/// A small deterministic PRNG (xorshift64*), so a failure can be replayed from its seed. The
/// field is the state: `Rng(seed)`.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A random edit of `text`, as typing and pasting make them: it deletes nothing, a few bytes
/// or a line's worth, and inserts nothing, one or a few of `inserts`, or a piece of the text
/// itself (paste, duplicate line). Positions fall on character boundaries. `inserts` must not
/// be empty.
pub fn random_edit(rng: &mut Rng, text: &str, inserts: &[&str]) -> rlint_syntax::TextEdit {
    assert!(!inserts.is_empty(), "random_edit needs texts to insert");
    let start = char_boundary(text, rng.below(text.len() + 1));
    let len = match rng.below(4) {
        0 => 0,
        1 => rng.below(3),
        2 => rng.below(12),
        _ => rng.below(60),
    };
    let end = char_boundary(text, (start + len).min(text.len())).max(start);
    let insert = match rng.below(5) {
        0 => String::new(),
        1 => inserts[rng.below(inserts.len())].to_string(),
        2 => {
            let a = char_boundary(text, rng.below(text.len() + 1));
            let b = char_boundary(text, (a + rng.below(80)).min(text.len())).max(a);
            text[a..b].to_string()
        }
        _ => (0..1 + rng.below(3))
            .map(|_| inserts[rng.below(inserts.len())])
            .collect(),
    };
    let range = rlint_syntax::TextRange::new((start as u32).into(), (end as u32).into());
    rlint_syntax::TextEdit::replace(range, insert)
}

/// The nearest character boundary at or before `pos`.
fn char_boundary(text: &str, mut pos: usize) -> usize {
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn rng_keeps_its_sequence_so_saved_seeds_replay() {
        // Reference values from an independent xorshift64* (Python, 64-bit wrapping).
        let mut rng = Rng(0x5eed_1234_abcd_ef01);
        let drawn: Vec<usize> = [10, 1000, 7, 1 << 40, 0]
            .into_iter()
            .map(|n| rng.below(n))
            .collect();
        assert_eq!(drawn, [9, 195, 1, 628_526_398_354, 0]);
    }
}

//! Which `.dockerignore` BuildKit reads for a Dockerfile built with its own directory as the
//! context, for RL2017 (copy-ignored-file).

use rlint_linter::rules::buildkit::dockerignore::Dockerignore;
use rlint_linter::rules::buildkit::CopyIgnoredFile;
use rlint_linter::{Rule, Settings};
use std::path::{Path, PathBuf};

/// Globs that match every file [`candidates`] may name, for file watchers.
pub const WATCH_GLOBS: [&str; 2] = ["**/.dockerignore", "**/*.dockerignore"];

/// Whether the settings run RL2017, the only reader of the `.dockerignore`: with it off, the
/// front ends look for no file.
pub fn wanted(settings: &Settings) -> bool {
    settings.level(CopyIgnoredFile.meta()).is_some()
}

/// The files BuildKit tries, in order: `<Dockerfile>.dockerignore` beside the Dockerfile, then
/// `.dockerignore` in its directory.
pub fn candidates(dockerfile: &Path) -> [PathBuf; 2] {
    let mut specific = dockerfile.as_os_str().to_owned();
    specific.push(".dockerignore");
    [
        PathBuf::from(specific),
        directory_of(dockerfile).join(".dockerignore"),
    ]
}

/// The directory a file is in; `.` for a bare file name.
pub fn directory_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The patterns of the first candidate that can be read, if any.
pub fn read_for(dockerfile: &Path) -> Option<Dockerignore> {
    find_for(dockerfile, |path| {
        std::fs::read_to_string(path)
            .ok()
            .map(|text| Dockerignore::parse(&text))
    })
}

/// The first candidate that `read` can read, read by it: the CLI skips names a directory
/// listing shows are absent, and shares a file parsed once between the Dockerfiles it serves.
pub fn find_for<T>(dockerfile: &Path, mut read: impl FnMut(&Path) -> Option<T>) -> Option<T> {
    candidates(dockerfile).iter().find_map(|path| read(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dockerfile_specific_file_comes_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dockerfile = dir.path().join("app.Dockerfile");
        assert_eq!(read_for(&dockerfile), None);
        std::fs::write(dir.path().join(".dockerignore"), "shared\n").expect("write");
        assert_eq!(read_for(&dockerfile), Some(Dockerignore::parse("shared\n")));
        std::fs::write(dir.path().join("app.Dockerfile.dockerignore"), "own\n").expect("write");
        assert_eq!(read_for(&dockerfile), Some(Dockerignore::parse("own\n")));
        // A bare file name is in the current directory.
        assert_eq!(
            candidates(Path::new("Dockerfile")),
            [
                PathBuf::from("Dockerfile.dockerignore"),
                PathBuf::from("./.dockerignore")
            ]
        );
    }
}

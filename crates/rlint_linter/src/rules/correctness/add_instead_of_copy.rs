//! DL3020: ADD of plain local files, where COPY is meant.

use super::copy_multiple_sources_without_dir::copy_paths;
use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

/// File name endings of archives (hadolint's list): `ADD` unpacks local tar archives.
pub(crate) const ARCHIVE_EXTENSIONS: &[&str] = &[
    ".tar", ".gz", ".bz2", ".xz", ".tgz", ".tbz", ".tbz2", ".tb2", ".txz", ".tlz", ".tpz", ".tZ",
    ".Z", ".lz", ".lzma",
];

declare_rule! {
    /// Flags `ADD` of local files and directories, where `COPY` does the job.
    ///
    /// ## What it does
    /// Reports `ADD` when one of its sources is neither an archive (by file name: `.tar`,
    /// `.tar.gz`, `.tgz`, `.xz`, ...), nor an `http(s)://` URL, nor a Git repository
    /// (`git@host:org/repo.git`, `git://...`).
    ///
    /// ## Why is this bad?
    /// `ADD` does more than copy: it unpacks local tar archives and downloads URLs. Using it
    /// for ordinary files hides that behaviour from readers, and a file that happens to be a
    /// tar archive gets unpacked by surprise. `COPY` states the intent and does only that.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// ADD nginx.conf /etc/nginx/nginx.conf
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY nginx.conf /etc/nginx/nginx.conf
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `ADD` with `COPY`. It is unsafe: `ADD` unpacks a source that is a
    /// tar archive whatever its name, and `COPY` does not. It is not offered when the
    /// instruction uses an `ADD`-only flag (`--checksum`, `--keep-git-dir`, `--unpack`).
    ///
    /// ## Differences from hadolint
    /// Git repositories (`ADD git@github.com:org/repo.git /src`, `git://...`), which BuildKit
    /// clones, are not reported. Sources built from ARG or ENV values are resolved, and a
    /// source whose value is unknown (`ADD ${URL} /x`) is not reported, since it may well be a
    /// URL or an archive.
    ///
    /// ## References
    /// - [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
    /// - [Best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    pub AddInsteadOfCopy {
        code: "DL3020",
        name: "add-instead-of-copy",
        category: Correctness,
        severity: Error,
        fix: Unsafe,
        source: Hadolint("DL3020"),
        locality: Instruction,
    }
}

impl AddInsteadOfCopy {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let model = ctx.model;
        let instruction = &model.instructions[idx];
        let Instruction::Add(_) = instruction else {
            return;
        };
        let paths = copy_paths(instruction, model.escape);
        let Some((_, sources)) = paths.split_last() else {
            return;
        };
        let plain = sources.iter().find_map(|source| {
            let value = if source.value.contains('$') {
                // An unknown value may well be a URL or an archive.
                model
                    .scope_at(idx)
                    .expand(&source.value, model.escape)
                    .known()?
                    .to_string()
            } else {
                source.value.clone()
            };
            (!(is_archive(&value) || is_url(&value) || is_git(&value))).then_some(value)
        });
        let Some(plain) = plain else {
            return;
        };
        let keyword = instruction.keyword_range();
        let diagnostic = ctx.report(
            keyword,
            format!("ADD of `{plain}`, a local file or directory: use COPY"),
        );
        let add_only = instruction.flags().any(|f| {
            matches!(
                f.name().as_str(),
                "--checksum" | "--keep-git-dir" | "--unpack"
            )
        });
        let single_piece = instruction.keyword_text().len() == usize::from(keyword.len());
        if !add_only && single_piece {
            let lower = instruction.keyword_text().starts_with('a');
            let copy = if lower { "copy" } else { "COPY" };
            diagnostic.with_fix(Fix::unsafe_(
                "Replace `ADD` with `COPY`",
                vec![Edit::replace(keyword, copy)],
            ));
        }
    }
}

/// Whether a file name has an archive ending.
pub(crate) fn is_archive(path: &str) -> bool {
    ARCHIVE_EXTENSIONS.iter().any(|ext| path.ends_with(ext))
}

fn is_url(path: &str) -> bool {
    path.starts_with("https://") || path.starts_with("http://")
}

/// A Git repository BuildKit clones: `git@host:repo`, `git://`, `ssh://`.
fn is_git(path: &str) -> bool {
    path.starts_with("git@") || path.starts_with("git://") || path.starts_with("ssh://")
}

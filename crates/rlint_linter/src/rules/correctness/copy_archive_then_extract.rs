//! DL3010: an archive copied with COPY and then unpacked by RUN.

use super::copy_multiple_sources_without_dir::copy_paths;
use crate::declare_rule;
use crate::rule::Context;
use rlint_shell::{basename, SimpleCommand};
use rlint_syntax::ast::Instruction;
use rlint_syntax::TextRange;

/// Endings of archives that `ADD` unpacks: tar, alone or compressed with gzip, bzip2 or xz.
const TAR_LIKE: &[&str] = &[
    ".tar", ".gz", ".bz2", ".xz", ".tgz", ".tbz", ".tbz2", ".tb2", ".txz",
];

/// Endings that name a tar archive, not merely a compressed file.
const TARBALL: &[&str] = &[
    ".tar", ".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tbz", ".tbz2", ".tb2", ".txz",
];

/// Decompressors; with a tarball as argument they are the first step of an extraction.
const DECOMPRESSORS: &[&str] = &[
    "unzip",
    "gunzip",
    "bunzip2",
    "unlzma",
    "unxz",
    "zgz",
    "uncompress",
    "zcat",
    "gzcat",
];

declare_rule! {
    /// Flags a tar archive copied with `COPY` and then unpacked by a `RUN` of the same stage.
    ///
    /// ## What it does
    /// Reports the archive of a `COPY` (without `--from`) when a later `RUN` of the same stage
    /// unpacks it: `tar` with `-x`, `--extract` or an old-style letter cluster (`tar xzf`), or
    /// a decompressor (`gunzip`, `bunzip2`, `unxz`, `zcat`, ...) given the tarball.
    ///
    /// ## Why is this bad?
    /// `ADD` unpacks a local tar archive (plain, gzip, bzip2 or xz) into the destination
    /// directory by itself. Copying the archive and extracting it in a `RUN` keeps the
    /// archive in an extra layer, so the image carries both the archive and its contents.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// COPY app.tar.gz /tmp/
    /// RUN tar -xzf /tmp/app.tar.gz -C /opt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// ADD app.tar.gz /opt/
    /// ```
    ///
    /// ## Differences from hadolint
    /// Old-style `tar xjf archive.tar.bz2` (no dash) is recognised, as are `tar` and the
    /// decompressors behind `sudo` or an absolute path, and the archive named in `--file=`.
    /// Only archives `ADD` can unpack count: a compressed file that is not a tarball
    /// (`gunzip seed.sql.gz`) and lzma/lzip/compress formats (`.lz`, `.lzma`, `.Z`), which
    /// hadolint reports, would not be unpacked by `ADD`, so the advice would be wrong.
    ///
    /// ## References
    /// - [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
    /// - [Best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    pub CopyArchiveThenExtract {
        code: "DL3010",
        name: "copy-archive-then-extract",
        category: Correctness,
        severity: Info,
        fix: None,
        source: Hadolint("DL3010"),
        locality: Stage,
    }
}

struct Archive {
    basename: String,
    range: TextRange,
    /// Index of the COPY.
    index: usize,
}

impl CopyArchiveThenExtract {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let stage = &model.stages[stage];
        let mut archives: Vec<Archive> = Vec::new();
        for idx in stage.body.clone() {
            let instruction = &model.instructions[idx];
            if !matches!(instruction, Instruction::Copy(_)) || instruction.flag("--from").is_some()
            {
                continue;
            }
            let paths = copy_paths(instruction, model.escape);
            let Some((dest, sources)) = paths.split_last() else {
                continue;
            };
            // `COPY x /tmp/app.tgz` names the archive at its destination.
            if ends_with_any(&dest.value, TAR_LIKE) {
                archives.push(Archive {
                    basename: basename(&dest.value).to_string(),
                    range: dest.range,
                    index: idx,
                });
                continue;
            }
            for source in sources {
                if ends_with_any(&source.value, TAR_LIKE) {
                    archives.push(Archive {
                        basename: basename(&source.value).to_string(),
                        range: source.range,
                        index: idx,
                    });
                }
            }
        }
        if archives.is_empty() {
            return;
        }
        let mut reported = vec![false; archives.len()];
        // The stage's own RUNs, by index (filtering every RUN of the file made this
        // quadratic in the number of stages).
        for run in stage
            .body
            .clone()
            .filter_map(|idx| model.run_at(idx))
            .filter(|r| !r.onbuild)
        {
            for (_, command) in run.commands() {
                for (n, archive) in archives.iter().enumerate() {
                    if archive.index < run.index
                        && !reported[n]
                        && extracts(command, &archive.basename)
                    {
                        reported[n] = true;
                    }
                }
            }
        }
        for (archive, _) in archives.iter().zip(&reported).filter(|(_, r)| **r) {
            ctx.report(
                archive.range,
                format!("`{}` is copied, then unpacked by RUN: use ADD, which unpacks tar archives itself", archive.basename),
            );
        }
    }
}

fn ends_with_any(path: &str, endings: &[&str]) -> bool {
    endings.iter().any(|e| path.ends_with(e))
}

/// Whether `command` unpacks the archive called `name`.
fn extracts(command: &SimpleCommand, name: &str) -> bool {
    let Some(tool) = command.name_str() else {
        return false;
    };
    // Options are parsed only for the tools that can unpack.
    if tool != "tar" && !DECOMPRESSORS.contains(&tool) {
        return false;
    }
    let parsed = command.options();
    let names_archive = parsed
        .operands
        .iter()
        .map(|w| w.value.as_str())
        .chain(
            parsed
                .options
                .iter()
                .filter_map(|o| o.value.as_ref().map(|v| v.value.as_str())),
        )
        .any(|arg| basename(arg) == name);
    if !names_archive {
        return false;
    }
    if tool == "tar" {
        return parsed.has(&["-x", "--extract", "--get"]);
    }
    // A decompressor (the guard above): it unpacks only a tarball.
    ends_with_any(name, TARBALL)
}

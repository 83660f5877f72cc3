//! `rlint parse`: the syntax tree of a file, as rlint's CST or in BuildKit's dump format.

use crate::Status;
use clap::{Args, ValueEnum};
use rlint_syntax::{buildkit, debug_tree, parse_bytes};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// The Dockerfile to parse.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TreeFormat::Cst)]
    format: TreeFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum TreeFormat {
    /// rlint's lossless tree: one element per line, with byte ranges.
    Cst,
    /// BuildKit's parse-tree dump (as its `dumper` tool prints it).
    Buildkit,
}

pub fn run(args: &ParseArgs) -> Status {
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!(
                "error: {}: {}",
                args.file.display(),
                crate::inputs::describe(&error)
            );
            return Status::Error;
        }
    };
    let (parse, _text) = parse_bytes(&bytes);
    let mut stdout = std::io::stdout().lock();
    let (output, status) = match args.format {
        TreeFormat::Cst => (debug_tree(&parse.syntax()), Status::Clean),
        TreeFormat::Buildkit => match buildkit::dump(&parse) {
            Ok(dump) => (dump, Status::Clean),
            Err(error) => {
                eprintln!("error: {}: {}", args.file.display(), error.message);
                (String::new(), Status::Findings)
            }
        },
    };
    if stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return Status::Error;
    }
    status
}

//! `rlint`: a Dockerfile linter.
//!
//! `rlint [PATH]...` reports problems; `rlint parse FILE` prints the syntax tree. Only this
//! binary knows about terminals, files and output formats.

mod check;
mod config;
mod parse_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "rlint",
    version,
    about = "A fast Dockerfile linter",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: check::CheckArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the syntax tree of a Dockerfile.
    Parse(parse_cmd::ParseArgs),
}

/// Exit codes shared by every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing to report.
    Clean = 0,
    /// Problems were found.
    Findings = 1,
    /// A file could not be read or the tool failed.
    Error = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Some(Command::Parse(args)) => parse_cmd::run(&args),
        None => check::run(&cli.check),
    };
    status.into()
}

/// Reads a file for linting, with a message that names the file and the problem.
pub fn read_file(path: &PathBuf) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|error| {
        let reason = match error.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
            _ => error.to_string().to_lowercase(),
        };
        format!("{}: {reason}", path.display())
    })
}

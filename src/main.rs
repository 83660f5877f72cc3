//! `rlint`: a Dockerfile linter.
//!
//! `rlint [PATH]...` lints files and directories; `rlint rules` / `rlint rule CODE` document
//! the rules; `rlint parse FILE` prints the syntax tree. Only this binary knows about
//! terminals, files, configuration discovery and output formats.

mod allocator;
mod check;
mod fix;
mod inputs;
mod output;
mod parse_cmd;
mod rules_cmd;

use clap::{Parser, Subcommand};
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
    /// List every rule.
    Rules(rules_cmd::RulesArgs),
    /// Show a rule's documentation.
    Rule(rules_cmd::RuleArgs),
    /// Print the syntax tree of a Dockerfile.
    Parse(parse_cmd::ParseArgs),
    /// Run the language server on stdin/stdout.
    Lsp,
}

/// Exit codes shared by every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing to report.
    Clean = 0,
    /// Problems were found.
    Findings = 1,
    /// A file, a config or the command line could not be used.
    Error = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Usage errors exit 2, help and version 0.
            let _ = error.print();
            return if error.use_stderr() {
                Status::Error.into()
            } else {
                Status::Clean.into()
            };
        }
    };
    let status = match cli.command {
        Some(Command::Rules(args)) => rules_cmd::list(&args),
        Some(Command::Rule(args)) => rules_cmd::show(&args),
        Some(Command::Parse(args)) => parse_cmd::run(&args),
        Some(Command::Lsp) => {
            allocator::tune_for_server();
            match rlint_lsp::run_stdio() {
                Ok(()) => Status::Clean,
                Err(error) => {
                    eprintln!("rlint lsp: {error}");
                    Status::Error
                }
            }
        }
        None => check::run(&cli.check),
    };
    status.into()
}

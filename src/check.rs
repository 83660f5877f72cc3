//! `rlint [PATH]...`: lint files and report problems.

use crate::Status;
use clap::Args;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use rlint_syntax::{parse, Severity};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Dockerfiles to lint.
    pub paths: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs) -> Status {
    let mut status = Status::Clean;
    if args.paths.is_empty() {
        eprintln!("error: no paths given (try `rlint Dockerfile`)");
        return Status::Error;
    }
    let color = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut out = StandardStream::stdout(color);
    let config = codespan_reporting::term::Config::default();
    for path in &args.paths {
        let bytes = match crate::read_file(path) {
            Ok(bytes) => bytes,
            Err(message) => {
                eprintln!("error: {message}");
                status = status.max(Status::Error);
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let offset = error.utf8_error().valid_up_to();
                eprintln!(
                    "error: {}: not valid UTF-8 (first invalid byte at offset {offset})",
                    path.display()
                );
                status = status.max(Status::Error);
                continue;
            }
        };
        let parse = parse(&text);
        let file = SimpleFile::new(path.display().to_string(), &text);
        for error in &parse.errors {
            let severity = match error.severity {
                Severity::Error => CsSeverity::Error,
                Severity::Warning => CsSeverity::Warning,
            };
            let diagnostic = Diagnostic::new(severity)
                .with_code(error.code.code())
                .with_message(&error.message)
                .with_labels(vec![Label::primary(
                    (),
                    error.range.start().into()..error.range.end().into(),
                )]);
            if codespan_reporting::term::emit_to_write_style(&mut out, &config, &file, &diagnostic)
                .is_err()
            {
                return Status::Error;
            }
            status = status.max(Status::Findings);
        }
    }
    status
}

//! Human output: codespan-reporting snippets with the exact range, related locations and
//! fix notes.

use super::Report;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Ansi, NoColor};
use rlint_linter::{Level, Safety};
use std::io::Write;

/// One file's findings.
pub fn write_file(report: &Report, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
    let config = codespan_reporting::term::Config::default();
    let file = SimpleFile::new(report.path.display().to_string(), &report.text);
    for d in &report.diagnostics {
        let severity = match d.severity {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Note,
            Level::Style | Level::Off => Severity::Help,
        };
        let mut labels = vec![Label::primary(
            (),
            usize::from(d.range.start())..usize::from(d.range.end()),
        )];
        for (range, note) in &d.related {
            labels.push(
                Label::secondary((), usize::from(range.start())..usize::from(range.end()))
                    .with_message(note),
            );
        }
        let notes = d
            .fix
            .iter()
            .map(|fix| {
                let safety = if fix.safety == Safety::Safe {
                    ""
                } else {
                    " (unsafe: --fix --unsafe-fixes)"
                };
                format!("fix{safety}: {}", fix.title)
            })
            .collect();
        let diagnostic = CsDiagnostic::new(severity)
            .with_code(d.code)
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        let result = if color {
            codespan_reporting::term::emit_to_write_style(
                &mut Ansi::new(&mut *out),
                &config,
                &file,
                &diagnostic,
            )
        } else {
            codespan_reporting::term::emit_to_write_style(
                &mut NoColor::new(&mut *out),
                &config,
                &file,
                &diagnostic,
            )
        };
        result.map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    Ok(())
}

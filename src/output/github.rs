//! GitHub Actions workflow commands (`::warning file=...::message`), which GitHub shows as
//! annotations on the pull request. Columns are omitted for multi-line ranges, which GitHub
//! would otherwise misplace.

use super::{Positions, Report};
use rlint_linter::Level;
use std::io::Write;

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One file's findings.
pub fn write_file(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let positions = Positions::new(&report.text);
    let file = escape_property(&report.path.display().to_string());
    for d in &report.diagnostics {
        let command = match d.severity {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info | Level::Style | Level::Off => "notice",
        };
        let (line, column) = positions.at(d.range.start());
        let (end_line, end_column) = positions.at(d.range.end());
        let place = if line == end_line {
            format!("line={line},col={column},endColumn={end_column}")
        } else {
            format!("line={line},endLine={end_line}")
        };
        let title = escape_property(&format!("{} ({})", d.code, d.name));
        writeln!(
            out,
            "::{command} file={file},{place},title={title}::{}",
            escape_data(&d.message)
        )?;
    }
    Ok(())
}

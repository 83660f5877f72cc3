//! JSON output: one array; hadolint's keys (`code`, `column`, `file`, `level`, `line`,
//! `message`) so existing integrations keep working, plus `end_line`, `end_column`, `name` and
//! `fix`.

use super::{Positions, Report};
use serde::Serialize;

/// One finding, borrowed from its report: no `serde_json::Value` tree is built. Keys are in
/// alphabetical order, as earlier releases wrote them.
#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    column: u32,
    end_column: u32,
    end_line: u32,
    file: &'a str,
    fix: Option<&'a str>,
    level: &'a str,
    line: u32,
    message: &'a str,
    name: &'a str,
}

/// The comma-separated items of one report (nothing for a clean file); the caller writes the
/// brackets and the commas between files.
pub fn write_file(report: &Report, buf: &mut Vec<u8>) -> serde_json::Result<()> {
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    let positions = Positions::new(&report.text);
    let file = report.path.display().to_string();
    for (i, d) in report.diagnostics.iter().enumerate() {
        let (line, column) = positions.at(d.range.start());
        let (end_line, end_column) = positions.at(d.range.end());
        if i > 0 {
            buf.push(b',');
        }
        serde_json::to_writer(
            &mut *buf,
            &Item {
                code: d.code,
                column,
                file: &file,
                level: d.severity.as_str(),
                line,
                message: &d.message,
                end_line,
                end_column,
                name: d.name,
                fix: d.fix.as_ref().map(|f| f.title.as_str()),
            },
        )?;
    }
    Ok(())
}

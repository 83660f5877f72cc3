//! JSON output: one array; hadolint's keys (`code`, `column`, `file`, `level`, `line`,
//! `message`) so existing integrations keep working, plus `end_line`, `end_column`, `name` and
//! `fix`.

use super::{Positions, Report};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;

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

pub fn write(reports: &[Report], out: &mut dyn Write) -> std::io::Result<()> {
    // Each file's items are rendered on the worker threads; a whole-corpus run has ~70,000.
    let chunks: Vec<Vec<u8>> = reports
        .par_iter()
        .map(render)
        .collect::<Result<_, _>>()
        .map_err(super::json_error)?;
    out.write_all(b"[")?;
    let mut first = true;
    for chunk in chunks.iter().filter(|chunk| !chunk.is_empty()) {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        out.write_all(chunk)?;
    }
    out.write_all(b"]\n")
}

/// The comma-separated items of one report.
fn render(report: &Report) -> serde_json::Result<Vec<u8>> {
    let mut buf = Vec::new();
    if report.diagnostics.is_empty() {
        return Ok(buf);
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
            &mut buf,
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
    Ok(buf)
}

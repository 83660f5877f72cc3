//! JSON output: one array; hadolint's keys (`code`, `column`, `file`, `level`, `line`,
//! `message`) so existing integrations keep working, plus `end_line`, `end_column`, `name` and
//! `fix`.

use super::{Positions, Report};
use std::io::Write;

pub fn write(reports: &[Report], out: &mut dyn Write) -> std::io::Result<()> {
    let mut items = Vec::new();
    for report in reports {
        let positions = Positions::new(&report.text);
        for d in &report.diagnostics {
            let (line, column) = positions.at(d.range.start());
            let (end_line, end_column) = positions.at(d.range.end());
            items.push(serde_json::json!({
                "code": d.code,
                "column": column,
                "file": report.path.display().to_string(),
                "level": d.severity.as_str(),
                "line": line,
                "message": d.message,
                "end_line": end_line,
                "end_column": end_column,
                "name": d.name,
                "fix": d.fix.as_ref().map(|f| f.title.clone()),
            }));
        }
    }
    serde_json::to_writer(&mut *out, &serde_json::Value::Array(items))
        .map_err(super::json_error)?;
    writeln!(out)
}

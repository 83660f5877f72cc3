//! Checkstyle XML, read by many CI dashboards and review bots.

use super::{xml_escape, Positions, Report};
use std::io::Write;

pub fn begin(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)
}

/// One file's `<file>` element.
pub fn write_file(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let positions = Positions::new(&report.text);
    writeln!(
        out,
        r#"  <file name="{}">"#,
        xml_escape(&report.path.display().to_string())
    )?;
    for d in &report.diagnostics {
        let (line, column) = positions.at(d.range.start());
        writeln!(
            out,
            r#"    <error line="{line}" column="{column}" severity="{}" message="{}" source="rlint.{}"/>"#,
            checkstyle_severity(d.severity),
            xml_escape(&d.message),
            d.code
        )?;
    }
    writeln!(out, "  </file>")
}

pub fn end(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "</checkstyle>")
}

fn checkstyle_severity(level: rlint_linter::Level) -> &'static str {
    match level {
        rlint_linter::Level::Error => "error",
        rlint_linter::Level::Warning => "warning",
        _ => "info",
    }
}

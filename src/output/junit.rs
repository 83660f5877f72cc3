//! JUnit XML: one test suite per file, one failing test case per finding (a clean file has one
//! passing case), for CI systems that show test reports.

use super::{xml_escape, Positions, Report};
use std::io::Write;

pub fn write(reports: &[Report], out: &mut dyn Write) -> std::io::Result<()> {
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="rlint" tests="{total}" failures="{failures}">"#
    )?;
    for report in reports {
        let path = xml_escape(&report.path.display().to_string());
        let positions = Positions::new(&report.text);
        let n = report.diagnostics.len();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{n}">"#,
            n.max(1)
        )?;
        if n == 0 {
            writeln!(out, r#"    <testcase name="rlint" classname="{path}"/>"#)?;
        }
        for d in &report.diagnostics {
            let (line, column) = positions.at(d.range.start());
            writeln!(
                out,
                r#"    <testcase name="{} at line {line}, column {column}" classname="{path}">"#,
                d.code
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{path}:{line}:{column}: {} {}</failure>"#,
                xml_escape(&d.message),
                d.severity.as_str(),
                d.code,
                xml_escape(&d.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

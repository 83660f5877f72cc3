//! GitLab Code Quality report: a JSON array of issues with stable fingerprints.
//!
//! The fingerprint hashes the file, the rule, the text of the finding's line and its
//! occurrence number among identical (file, rule, line text) findings, so it survives lines
//! being inserted above it and GitLab can tell new findings from old ones.

use super::{Positions, Report};
use rlint_linter::Level;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;

pub fn write(reports: &[Report], out: &mut dyn Write) -> std::io::Result<()> {
    let mut items = Vec::new();
    for report in reports {
        let positions = Positions::new(&report.text);
        let path = report.path.display().to_string();
        let mut seen: HashMap<(String, &str), usize> = HashMap::new();
        for d in &report.diagnostics {
            let (line, _) = positions.at(d.range.start());
            let (end_line, _) = positions.at(d.range.end());
            let line_text = report
                .text
                .lines()
                .nth(line as usize - 1)
                .unwrap_or("")
                .trim()
                .to_string();
            let occurrence = seen.entry((line_text.clone(), d.code)).or_default();
            *occurrence += 1;
            let mut hasher = Sha256::new();
            for part in [
                path.as_str(),
                d.code,
                line_text.as_str(),
                &occurrence.to_string(),
            ] {
                hasher.update(part.as_bytes());
                hasher.update([0]);
            }
            let fingerprint: String = hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let severity = match d.severity {
                Level::Error => "major",
                Level::Warning => "minor",
                Level::Info | Level::Style | Level::Off => "info",
            };
            items.push(serde_json::json!({
                "description": format!("{}: {}", d.code, d.message),
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": severity,
                "location": { "path": path, "lines": { "begin": line, "end": end_line } },
            }));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &serde_json::Value::Array(items))
        .map_err(super::json_error)?;
    writeln!(out)
}

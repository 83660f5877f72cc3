//! Output formats, one module each. Every format reads the same [`Report`]s; positions are
//! converted from byte ranges here, at the edge: 1-based lines, columns in characters.

mod checkstyle;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

use clap::ValueEnum;
use rlint_linter::Diagnostic;
use rlint_syntax::{LineIndex, TextSize, WideEncoding};
use std::io::Write;
use std::path::PathBuf;

/// One linted file.
pub struct Report {
    /// The path as the user named it.
    pub path: PathBuf,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Code snippets with the exact place of each finding.
    Human,
    /// `file:line:col: CODE message`, one per line.
    Concise,
    /// One JSON array with hadolint's keys (code, column, file, level, line, message) plus
    /// end_line, end_column, name and fix.
    Json,
    /// SARIF 2.1.0, with a rules table (for GitHub code scanning and other tools).
    Sarif,
    /// GitHub Actions workflow commands: annotations on pull requests.
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML.
    Junit,
}

/// How a format's report is laid out: in parts, one per file, or as one document.
enum Layout {
    Parts(PartFormat),
    Sarif,
    Gitlab,
    Junit,
}

/// The formats written in parts (see [`Parts`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum PartFormat {
    Human,
    Concise,
    Json,
    Github,
    Checkstyle,
}

impl Format {
    fn layout(self) -> Layout {
        match self {
            Format::Human => Layout::Parts(PartFormat::Human),
            Format::Concise => Layout::Parts(PartFormat::Concise),
            Format::Json => Layout::Parts(PartFormat::Json),
            Format::Github => Layout::Parts(PartFormat::Github),
            Format::Checkstyle => Layout::Parts(PartFormat::Checkstyle),
            Format::Sarif => Layout::Sarif,
            Format::Gitlab => Layout::Gitlab,
            Format::Junit => Layout::Junit,
        }
    }
}

/// Writes `reports` in `format`.
pub fn write(
    format: Format,
    reports: &[Report],
    out: &mut dyn Write,
    color: bool,
) -> std::io::Result<()> {
    match format.layout() {
        Layout::Sarif => sarif::write(reports, out),
        Layout::Gitlab => gitlab::write(reports, out),
        Layout::Junit => junit::write(reports, out),
        Layout::Parts(format) => {
            let parts = Parts { format, color };
            parts.begin(out)?;
            let mut wrote_any = false;
            for report in reports {
                parts.write(out, &parts.render(report)?, &mut wrote_any)?;
            }
            parts.end(out)
        }
    }
}

/// A format whose report is a header, one part per file and a footer, each part depending only
/// on its file. Parts are rendered on the worker threads and written as soon as the files before
/// them are, so a run over thousands of files never holds every finding at once. (SARIF, GitLab
/// and JUnit are one document each, with totals or a shared array around the findings.)
#[derive(Clone, Copy)]
pub struct Parts {
    format: PartFormat,
    color: bool,
}

impl Parts {
    /// `None` for the formats written as one document.
    pub fn new(format: Format, color: bool) -> Option<Parts> {
        match format.layout() {
            Layout::Parts(format) => Some(Parts { format, color }),
            Layout::Sarif | Layout::Gitlab | Layout::Junit => None,
        }
    }

    /// One file's part.
    pub fn render(self, report: &Report) -> std::io::Result<Vec<u8>> {
        let mut part = Vec::new();
        match self.format {
            PartFormat::Human => human::write_file(report, &mut part, self.color)?,
            PartFormat::Concise => {
                let positions = Positions::new(&report.text);
                for d in &report.diagnostics {
                    let (line, column) = positions.at(d.range.start());
                    writeln!(
                        part,
                        "{}:{line}:{column}: {} {}",
                        report.path.display(),
                        d.code,
                        d.message
                    )?;
                }
            }
            PartFormat::Json => json::write_file(report, &mut part),
            PartFormat::Github => github::write_file(report, &mut part)?,
            PartFormat::Checkstyle => checkstyle::write_file(report, &mut part)?,
        }
        Ok(part)
    }

    pub fn begin(self, out: &mut dyn Write) -> std::io::Result<()> {
        match self.format {
            PartFormat::Json => out.write_all(b"["),
            PartFormat::Checkstyle => checkstyle::begin(out),
            _ => Ok(()),
        }
    }

    /// Writes a file's part; `wrote_any` says whether a non-empty part came before (JSON puts a
    /// comma between them).
    pub fn write(
        self,
        out: &mut dyn Write,
        part: &[u8],
        wrote_any: &mut bool,
    ) -> std::io::Result<()> {
        if part.is_empty() {
            return Ok(());
        }
        if self.format == PartFormat::Json && *wrote_any {
            out.write_all(b",")?;
        }
        *wrote_any = true;
        out.write_all(part)
    }

    pub fn end(self, out: &mut dyn Write) -> std::io::Result<()> {
        match self.format {
            PartFormat::Json => out.write_all(b"]\n"),
            PartFormat::Checkstyle => checkstyle::end(out),
            _ => Ok(()),
        }
    }
}

/// 1-based lines and character columns of a file's offsets.
pub struct Positions {
    index: LineIndex,
}

impl Positions {
    pub fn new(text: &str) -> Positions {
        Positions {
            index: LineIndex::new(text),
        }
    }

    /// 1-based line and column (in characters) of an offset.
    pub fn at(&self, offset: TextSize) -> (u32, u32) {
        let line_col = self.index.line_col(offset);
        let column = self
            .index
            .to_wide(WideEncoding::Utf32, line_col)
            .map_or(line_col.col, |wide| wide.col);
        (line_col.line + 1, column + 1)
    }
}

/// Escapes text for an XML attribute or element.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A JSON serialisation error as an IO error, keeping the kind (a closed pipe stays
/// `BrokenPipe`).
pub fn json_error(error: serde_json::Error) -> std::io::Error {
    match error.io_error_kind() {
        Some(kind) => kind.into(),
        None => std::io::Error::other(error),
    }
}

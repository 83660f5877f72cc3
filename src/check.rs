//! `rlint [PATH]...`: lint files and report problems.

use crate::config::{self, Discovery, FileConfig};
use crate::Status;
use clap::{Args, ValueEnum};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use rlint_linter::{Diagnostic, Level, Selector, Settings};
use rlint_syntax::{LineIndex, WideEncoding};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Dockerfiles to lint.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Use this config file instead of searching for one.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long)]
    pub isolated: bool,
    /// Enable rules (codes, names, BuildKit names, prefixes such as DL30, or ALL).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Disable rules (same forms as --select).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Set a rule's severity: CODE=LEVEL (error, warning, info, style, off).
    #[arg(long, value_delimiter = ',', value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,
    /// Exit 1 only for findings at or above this level (default: info, as hadolint).
    #[arg(long, value_name = "LEVEL")]
    pub failure_threshold: Option<String>,
    /// Always exit 0 when the files could be linted.
    #[arg(long)]
    pub no_fail: bool,
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
}

/// The command-line part of the settings, applied on top of each file's config.
struct Overrides {
    select: Vec<Selector>,
    ignore: Vec<Selector>,
    severity: Vec<(Selector, Level)>,
    failure_threshold: Option<Level>,
}

fn overrides(args: &CheckArgs) -> Result<Overrides, String> {
    let known = |text: &str| {
        let selector = Selector(text.to_string());
        if selector.is_known() {
            Ok(selector)
        } else {
            Err(format!("unknown rule `{text}`"))
        }
    };
    let select = args
        .select
        .iter()
        .map(|s| known(s))
        .collect::<Result<_, _>>()?;
    let ignore = args
        .ignore
        .iter()
        .map(|s| known(s))
        .collect::<Result<_, _>>()?;
    let severity = args
        .severity
        .iter()
        .map(|pair| {
            let (rule, level) = pair
                .split_once('=')
                .ok_or_else(|| format!("--severity expects RULE=LEVEL, got `{pair}`"))?;
            let level = Level::parse(level)
                .ok_or_else(|| format!("unknown severity `{level}` in `{pair}`"))?;
            Ok((known(rule)?, level))
        })
        .collect::<Result<_, String>>()?;
    let failure_threshold = match &args.failure_threshold {
        Some(text) => {
            Some(Level::parse(text).ok_or_else(|| format!("unknown failure threshold `{text}`"))?)
        }
        None => None,
    };
    Ok(Overrides {
        select,
        ignore,
        severity,
        failure_threshold,
    })
}

/// One linted file.
struct Report {
    path: PathBuf,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &CheckArgs) -> Status {
    if args.paths.is_empty() {
        eprintln!("error: no paths given (try `rlint Dockerfile`)");
        return Status::Error;
    }
    let overrides = match overrides(args) {
        Ok(overrides) => overrides,
        Err(message) => {
            eprintln!("error: {message}");
            return Status::Error;
        }
    };
    let mut status = Status::Clean;
    let mut discovery = Discovery::default();
    let mut configs: HashMap<PathBuf, Result<FileConfig, String>> = HashMap::new();
    let explicit = args.config.as_ref().map(|path| config::load(path));
    if let Some(Err(message)) = &explicit {
        eprintln!("error: {message}");
        return Status::Error;
    }
    let mut reports = Vec::new();
    let mut threshold_for: Vec<Level> = Vec::new();
    let mut no_fail = args.no_fail;
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
        let file_config = if args.isolated {
            None
        } else if let Some(Ok(config)) = &explicit {
            Some(config.clone())
        } else {
            match discovery.find(path) {
                None => None,
                Some(config_path) => {
                    let loaded = configs.entry(config_path.clone()).or_insert_with(|| {
                        let loaded = config::load(&config_path);
                        if let Ok(config) = &loaded {
                            for warning in &config.warnings {
                                eprintln!("warning: {warning}");
                            }
                        }
                        loaded
                    });
                    match loaded {
                        Ok(config) => Some(config.clone()),
                        Err(message) => {
                            eprintln!("error: {message} (while linting {})", path.display());
                            status = status.max(Status::Error);
                            continue;
                        }
                    }
                }
            }
        };
        let mut settings = file_config
            .as_ref()
            .map(|c| c.settings.clone())
            .unwrap_or_else(Settings::default);
        settings.select.extend(overrides.select.iter().cloned());
        settings.ignore.extend(overrides.ignore.iter().cloned());
        for (selector, level) in &overrides.severity {
            settings.set_severity(selector, *level);
        }
        let threshold = overrides
            .failure_threshold
            .or(file_config.as_ref().and_then(|c| c.failure_threshold))
            .unwrap_or(Level::Info);
        no_fail |= file_config
            .as_ref()
            .and_then(|c| c.no_fail)
            .unwrap_or(false);
        let parse = rlint_syntax::parse(&text);
        let diagnostics = rlint_linter::lint(&parse, &settings);
        threshold_for.push(threshold);
        reports.push(Report {
            path: path.clone(),
            text,
            diagnostics,
        });
    }
    if let Err(error) = write_reports(args.format, &reports) {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {error}");
        }
        return Status::Error;
    }
    let failed = reports
        .iter()
        .zip(&threshold_for)
        // A threshold of `off` (hadolint's `none`) fails on any finding.
        .any(|(report, threshold)| {
            report
                .diagnostics
                .iter()
                .any(|d| *threshold == Level::Off || d.severity >= *threshold)
        });
    if failed && !no_fail {
        status = status.max(Status::Findings);
    }
    status
}

fn write_reports(format: Format, reports: &[Report]) -> std::io::Result<()> {
    match format {
        Format::Human => {
            let color = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            let mut out = StandardStream::stdout(color);
            let config = codespan_reporting::term::Config::default();
            for report in reports {
                let file = SimpleFile::new(report.path.display().to_string(), &report.text);
                for d in &report.diagnostics {
                    let severity = match d.severity {
                        Level::Error => CsSeverity::Error,
                        Level::Warning => CsSeverity::Warning,
                        Level::Info => CsSeverity::Note,
                        Level::Style | Level::Off => CsSeverity::Help,
                    };
                    let mut labels = vec![Label::primary(
                        (),
                        usize::from(d.range.start())..usize::from(d.range.end()),
                    )];
                    for (range, note) in &d.related {
                        labels.push(
                            Label::secondary(
                                (),
                                usize::from(range.start())..usize::from(range.end()),
                            )
                            .with_message(note),
                        );
                    }
                    let mut notes = Vec::new();
                    if let Some(fix) = &d.fix {
                        let safety = if fix.safety == rlint_linter::Safety::Safe {
                            ""
                        } else {
                            " (unsafe)"
                        };
                        notes.push(format!("fix{safety}: {}", fix.title));
                    }
                    let diagnostic = CsDiagnostic::new(severity)
                        .with_code(d.code)
                        .with_message(&d.message)
                        .with_labels(labels)
                        .with_notes(notes);
                    codespan_reporting::term::emit_to_write_style(
                        &mut out,
                        &config,
                        &file,
                        &diagnostic,
                    )
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                }
            }
            out.flush()
        }
        Format::Concise => {
            let mut out = std::io::stdout().lock();
            for report in reports {
                let index = LineIndex::new(&report.text);
                for d in &report.diagnostics {
                    let (line, column) = position(&index, d.range.start());
                    writeln!(
                        out,
                        "{}:{line}:{column}: {} {}",
                        report.path.display(),
                        d.code,
                        d.message
                    )?;
                }
            }
            out.flush()
        }
        Format::Json => {
            let mut items = Vec::new();
            for report in reports {
                let index = LineIndex::new(&report.text);
                for d in &report.diagnostics {
                    let (line, column) = position(&index, d.range.start());
                    let (end_line, end_column) = position(&index, d.range.end());
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
            let mut out = std::io::stdout().lock();
            serde_json::to_writer(&mut out, &serde_json::Value::Array(items))
                .map_err(std::io::Error::other)?;
            writeln!(out)?;
            out.flush()
        }
    }
}

/// 1-based line and column (in characters) of an offset.
fn position(index: &LineIndex, offset: rlint_syntax::TextSize) -> (u32, u32) {
    let line_col = index.line_col(offset);
    let column = index
        .to_wide(WideEncoding::Utf32, line_col)
        .map_or(line_col.col, |wide| wide.col);
    (line_col.line + 1, column + 1)
}

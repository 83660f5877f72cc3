//! `rlint [PATH]...`: lint files and directories, fix what can be fixed, report in the chosen
//! format. Files are linted in parallel and reported in a deterministic order.

use crate::inputs::{self, Source};
use crate::output::{self, Format, Report};
use crate::Status;
use clap::Args;
use rlint_linter::rules::buildkit::dockerignore::Dockerignore;
use rlint_linter::{Level, Selector, Settings};
use rlint_workspace::config::{self, Discovery, FileConfig};
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Dockerfiles or directories to lint (`-` reads standard input). Directories are walked
    /// recursively, honouring .gitignore, for Dockerfile, Dockerfile.*, *.Dockerfile,
    /// *.dockerfile, Containerfile and Containerfile.*.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// The file name to report (and to find the config for) when reading standard input.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
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
    /// Set a rule's severity: RULE=LEVEL (error, warning, info, style, off).
    #[arg(long, value_delimiter = ',', value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,
    /// Exit 1 only for findings at or above this level (default: info, as hadolint).
    #[arg(long, value_name = "LEVEL")]
    pub failure_threshold: Option<String>,
    /// Exit 0 even with findings (files that cannot be read still exit 2).
    #[arg(long)]
    pub no_fail: bool,
    /// Apply safe fixes to the files (standard input: print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply fixes that may change behaviour.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Print the number of findings per rule.
    #[arg(long)]
    pub statistics: bool,
    /// Skip files larger than this (bytes, or with KiB, MiB, GiB), with an error naming them.
    // `rlint_linter::DEFAULT_MAX_FILE_SIZE`, written as --help should show it.
    #[arg(long, value_name = "SIZE", default_value = "2MiB", value_parser = inputs::parse_size)]
    pub max_file_size: u64,
}

/// The command-line part of the settings, applied on top of each file's config.
struct Overrides {
    select: Vec<Selector>,
    ignore: Vec<Selector>,
    severity: Vec<(Selector, Level)>,
    failure_threshold: Option<Level>,
}

fn known(text: &str) -> Result<Selector, String> {
    let selector = Selector(text.to_string());
    if selector.is_known() {
        return Ok(selector);
    }
    let near = rlint_syntax::suggest::closest(
        text,
        rlint_linter::registry::metas().flat_map(|m| [m.code, m.name]),
    );
    Err(match near {
        Some(near) => format!("unknown rule `{text}` (did you mean `{near}`?)"),
        None => format!("unknown rule `{text}` (see `rlint rules`)"),
    })
}

fn overrides(args: &CheckArgs) -> Result<Overrides, String> {
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

/// A file ready to lint.
struct Job {
    source: Source,
    /// Everything but the `.dockerignore`, which the job reads with the file.
    settings: Settings,
    threshold: Level,
}

/// What linting one file leaves for the main thread.
struct Outcome {
    /// The file's part of the report, rendered on the worker thread ([`Plan::parts`]).
    part: Vec<u8>,
    /// The report on the text as it is now (the fixed text when fixes changed it), kept when
    /// [`Plan::keep_reports`].
    report: Option<Report>,
    /// The text as read, when fixes changed it.
    original: Option<String>,
    n_fixed: usize,
    stdin: bool,
    /// Whether a finding reached the file's failure threshold.
    failed: bool,
    /// Each finding's code and name, for --statistics.
    counted: Vec<(&'static str, &'static str)>,
}

pub fn run(args: &CheckArgs) -> Status {
    let overrides = match overrides(args) {
        Ok(overrides) => overrides,
        Err(message) => {
            eprintln!("error: {message}");
            return Status::Error;
        }
    };
    if args.paths.is_empty() {
        eprintln!("error: no paths given (try `rlint Dockerfile` or `rlint .`)");
        return Status::Error;
    }
    let mut status = Status::Clean;
    let (sources, errors) = inputs::collect(&args.paths, args.stdin_filename.as_deref());
    for message in &errors {
        eprintln!("error: {message}");
        status = Status::Error;
    }
    let explicit = match args.config.as_ref().map(|path| config::load(path)) {
        Some(Err(message)) => {
            eprintln!("error: {message}");
            return Status::Error;
        }
        Some(Ok(config)) => Some(config),
        None => None,
    };
    let mut discovery = Discovery::default();
    let mut configs: HashMap<PathBuf, Result<FileConfig, String>> = HashMap::new();
    let mut no_fail = args.no_fail;
    let mut jobs = Vec::with_capacity(sources.len());
    for source in sources {
        let file_config = if args.isolated {
            None
        } else if let Some(config) = &explicit {
            Some(config.clone())
        } else {
            match discovery.find(source.display_path()) {
                None => None,
                Some(path) => {
                    let loaded = configs.entry(path.clone()).or_insert_with(|| {
                        let loaded = config::load(&path);
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
                            eprintln!(
                                "error: {message} (while linting {})",
                                source.display_path().display()
                            );
                            status = Status::Error;
                            continue;
                        }
                    }
                }
            }
        };
        let mut settings = file_config
            .as_ref()
            .map(|c| c.settings.clone())
            .unwrap_or_default();
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
        jobs.push(Job {
            source,
            settings,
            threshold,
        });
    }
    if jobs.is_empty() && status == Status::Clean {
        eprintln!("error: nothing to lint");
        return Status::Error;
    }
    let fixing = args.fix || args.diff;
    // With --fix on standard input, stdout carries the fixed text and the report goes to stderr.
    let report_to_stderr = args.fix
        && args.output_file.is_none()
        && jobs
            .iter()
            .any(|job| matches!(job.source, Source::Stdin(_)));
    let color = args.output_file.is_none()
        && !report_to_stderr
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let parts = output::Parts::new(args.format, color);
    let plan = Plan {
        fixing,
        unsafe_fixes: args.unsafe_fixes,
        parts,
        statistics: args.statistics,
        max_file_size: args.max_file_size,
    };
    // Without fixes, a format written in parts goes out while later files are still linted, so
    // the run never holds every file's findings.
    let mut streamed = match parts.filter(|_| !fixing) {
        Some(parts) => {
            let opened = open_report(args, report_to_stderr)
                .and_then(|mut out| parts.begin(&mut out).map(|()| out));
            match opened {
                Ok(out) => Some((parts, out, false)),
                Err(error) => return cannot_write(&error),
            }
        }
        None => None,
    };
    let mut write_error = None;
    let mut finished = Vec::new();
    let mut failed = false;
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    lint_all(jobs, &plan, |outcome| {
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(message) => {
                eprintln!("error: {message}");
                status = Status::Error;
                return ControlFlow::Continue(());
            }
        };
        failed |= outcome.failed;
        for &key in &outcome.counted {
            *counts.entry(key).or_default() += 1;
        }
        match &mut streamed {
            Some((parts, out, wrote_any)) => {
                if let Err(error) = parts.write(out, &outcome.part, wrote_any) {
                    write_error = Some(error);
                    return ControlFlow::Break(());
                }
            }
            None => finished.push(outcome),
        }
        ControlFlow::Continue(())
    });
    if let Some(error) = write_error {
        return cannot_write(&error);
    }
    match streamed {
        Some((parts, mut out, _)) => {
            if let Err(error) = parts.end(&mut out).and_then(|()| out.flush()) {
                return cannot_write(&error);
            }
        }
        None => {
            status = status.max(apply_fixes(args, &finished));
            if let Err(error) = write_whole(args, report_to_stderr, parts, finished, color) {
                return cannot_write(&error);
            }
        }
    }
    if args.statistics {
        let mut rows: Vec<_> = counts.into_iter().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut err = std::io::stderr().lock();
        for ((code, name), count) in rows {
            let _ = writeln!(err, "{count:>6}  {code:<7} {name}");
        }
    }
    if failed && !no_fail {
        status = status.max(Status::Findings);
    }
    status
}

/// Reports a failure to write the report (quietly when the reader went away) and gives the
/// exit status.
fn cannot_write(error: &std::io::Error) -> Status {
    if error.kind() != std::io::ErrorKind::BrokenPipe {
        eprintln!(
            "error: cannot write the report: {}",
            inputs::describe(error)
        );
    }
    Status::Error
}

/// Where the report goes: the --output-file, standard error (see `report_to_stderr`) or
/// standard output.
fn open_report(args: &CheckArgs, to_stderr: bool) -> std::io::Result<Box<dyn Write + Send>> {
    // A corpus report is megabytes: the default 8 KiB buffer made one write call per two
    // files' findings.
    const BUFFER: usize = 1 << 16;
    Ok(match &args.output_file {
        Some(path) => Box::new(std::io::BufWriter::with_capacity(
            BUFFER,
            std::fs::File::create(path)?,
        )),
        None if to_stderr => Box::new(std::io::stderr()),
        None => Box::new(std::io::BufWriter::with_capacity(
            BUFFER,
            unbuffered_stdout(),
        )),
    })
}

/// Standard output without the standard library's line buffering, which searched every block
/// the report's buffer handed it for its last newline (20 M instructions over the 17 MB JSON
/// report of the corpus; the run took 13 M fewer without it).
/// Whatever went to `stdout()` before is flushed first, so the order holds.
fn unbuffered_stdout() -> Box<dyn Write + Send> {
    let _ = std::io::stdout().flush();
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout())
}

/// Applies the fixes of the linted files: writes them (atomically), prints them as a diff, or
/// prints the fixed standard input.
fn apply_fixes(args: &CheckArgs, finished: &[Outcome]) -> Status {
    let mut status = Status::Clean;
    let mut stdout = std::io::stdout().lock();
    let mut stdin_fixed_printed = false;
    for outcome in finished {
        let (Some(original), Some(report)) = (&outcome.original, &outcome.report) else {
            continue;
        };
        let fixed = &report.text;
        if args.diff {
            let diff = crate::fix::unified_diff(&report.path, original, fixed);
            if stdout.write_all(diff.as_bytes()).is_err() {
                return Status::Error;
            }
        } else if outcome.stdin {
            stdin_fixed_printed = true;
            if stdout.write_all(fixed.as_bytes()).is_err() {
                return Status::Error;
            }
        } else if let Err(error) = crate::fix::write_atomically(&report.path, fixed) {
            eprintln!(
                "error: {}: cannot write fixes: {}",
                report.path.display(),
                inputs::describe(&error)
            );
            status = Status::Error;
        }
    }
    if args.fix && !stdin_fixed_printed {
        // Nothing to fix: standard input goes through unchanged.
        for outcome in finished.iter().filter(|o| o.stdin) {
            let text = outcome.report.as_ref().map_or("", |r| r.text.as_str());
            if stdout.write_all(text.as_bytes()).is_err() {
                return Status::Error;
            }
        }
    }
    let n_fixed: usize = finished.iter().map(|o| o.n_fixed).sum();
    if args.fix && n_fixed > 0 {
        eprintln!(
            "fixed {n_fixed} problem{}",
            if n_fixed == 1 { "" } else { "s" }
        );
    }
    status
}

/// Writes the report once every file is linted: formats written as one document, and any
/// format when fixing (the fixes and diffs come first).
fn write_whole(
    args: &CheckArgs,
    to_stderr: bool,
    parts: Option<output::Parts>,
    finished: Vec<Outcome>,
    color: bool,
) -> std::io::Result<()> {
    let mut out = open_report(args, to_stderr)?;
    match parts {
        Some(parts) => {
            parts.begin(&mut out)?;
            let mut wrote_any = false;
            for outcome in &finished {
                parts.write(&mut out, &outcome.part, &mut wrote_any)?;
            }
            parts.end(&mut out)?;
        }
        None => {
            let reports: Vec<Report> = finished.into_iter().filter_map(|o| o.report).collect();
            output::write(args.format, &reports, &mut out, color)?;
        }
    }
    out.flush()
}

/// What the workers do besides linting.
struct Plan {
    fixing: bool,
    unsafe_fixes: bool,
    /// The format, when each file's part of the report can be rendered by itself.
    parts: Option<output::Parts>,
    statistics: bool,
    /// `--max-file-size`.
    max_file_size: u64,
}

impl Plan {
    /// Whether the main thread needs each file's text and findings after the work: to fix, or to
    /// write a format that is one document.
    fn keep_reports(&self) -> bool {
        self.fixing || self.parts.is_none()
    }
}

/// Lints the jobs on the worker threads and hands each outcome to `handle`, in the jobs' order,
/// as soon as it and those before it are done: the worker that completes the run of finished
/// outcomes hands them over, under a lock, so no thread waits to be woken for each file. After
/// `handle` breaks, no further job starts and nothing more is handed over.
fn lint_all(
    jobs: Vec<Job>,
    plan: &Plan,
    mut handle: impl FnMut(Result<Outcome, String>) -> ControlFlow<()> + Send,
) {
    /// Outcomes that finished before an earlier one, and the next to hand over.
    struct InOrder<H> {
        waiting: BTreeMap<usize, Result<Outcome, String>>,
        next: usize,
        handle: H,
    }
    let dockerignores = Dockerignores::default();
    // One file, as pre-commit passes them: no thread pool to start (its two threads were a
    // third of such a run's time).
    if let [_] = jobs.as_slice() {
        for job in jobs {
            let _ = handle(lint_job(job, &dockerignores, plan));
        }
        return;
    }
    // Jobs are taken in order, one at a time, so outcomes finish nearly in order and few wait.
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let stop = AtomicBool::new(false);
    let in_order = Mutex::new(InOrder {
        waiting: BTreeMap::new(),
        next: 0,
        handle,
    });
    rayon::scope(|scope| {
        for _ in 0..rayon::current_num_threads() {
            scope.spawn(|_| loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                let Some((idx, job)) = next else {
                    break;
                };
                let outcome = lint_job(job, &dockerignores, plan);
                let mut guard = in_order.lock().unwrap_or_else(PoisonError::into_inner);
                let order = &mut *guard;
                order.waiting.insert(idx, outcome);
                while !stop.load(Ordering::Relaxed) {
                    let Some(outcome) = order.waiting.remove(&order.next) else {
                        break;
                    };
                    order.next += 1;
                    if (order.handle)(outcome).is_break() {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
            });
        }
    });
}

/// Finds the `.dockerignore` BuildKit would use for a Dockerfile built with its directory as
/// the context ([`rlint_workspace::dockerignore::candidates`]). Each directory is listed once:
/// trying both names for every file cost two failed opens per Dockerfile, a tenth of a corpus
/// run. Each file is read and parsed once, however many Dockerfiles share it.
#[derive(Default)]
struct Dockerignores {
    /// For each directory, the names in it that end with `.dockerignore`; `None` when the
    /// directory cannot be listed (the names are then tried directly).
    listings: Mutex<HashMap<PathBuf, Option<Arc<Vec<OsString>>>>>,
    /// Each file tried, parsed; `None` when it cannot be read.
    parsed: Mutex<HashMap<PathBuf, Option<Arc<Dockerignore>>>>,
}

/// The value of `key` in `map`, worked out by `compute` on first use. `compute` runs outside
/// the lock (it reads files): two threads may both work out a value, which is the same.
fn memo<V: Clone>(map: &Mutex<HashMap<PathBuf, V>>, key: &Path, compute: impl FnOnce() -> V) -> V {
    let lock = || map.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(value) = lock().get(key) {
        return value.clone();
    }
    let value = compute();
    lock().insert(key.to_path_buf(), value.clone());
    value
}

impl Dockerignores {
    fn find(&self, dockerfile: &Path) -> Option<Arc<Dockerignore>> {
        rlint_workspace::dockerignore::find_for(dockerfile, |path| {
            if !self.may_exist(path) {
                return None;
            }
            memo(&self.parsed, path, || {
                let text = std::fs::read_to_string(path).ok()?;
                Some(Arc::new(Dockerignore::parse(&text)))
            })
        })
    }

    /// False only when the listing of the path's directory shows no such name. Names compare
    /// without ASCII case, so that a case-insensitive file system still gets to open the file.
    fn may_exist(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else {
            return true;
        };
        self.listing(rlint_workspace::dockerignore::directory_of(path))
            .is_none_or(|names| names.iter().any(|listed| listed.eq_ignore_ascii_case(name)))
    }

    fn listing(&self, dir: &Path) -> Option<Arc<Vec<OsString>>> {
        // An entry that cannot be read makes the listing unusable.
        memo(&self.listings, dir, || {
            let entries = std::fs::read_dir(dir).ok()?;
            let suffix = b".dockerignore";
            let mut names = Vec::new();
            for entry in entries {
                let name = entry.ok()?.file_name();
                let bytes = name.as_encoded_bytes();
                if bytes.len() >= suffix.len()
                    && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
                {
                    names.push(name);
                }
            }
            Some(Arc::new(names))
        })
    }
}

/// Lints (and fixes) one file and renders its part of the report; a panic is contained and
/// reported as an internal error. When fixing, the report describes what remains in the fixed
/// text.
fn lint_job(mut job: Job, dockerignores: &Dockerignores, plan: &Plan) -> Result<Outcome, String> {
    // Reading happens here, on the worker threads, so it overlaps with linting instead of
    // preceding it on one thread.
    let original = inputs::read(&job.source, plan.max_file_size)?;
    // With RL2017 off, no directory is listed.
    if rlint_workspace::dockerignore::wanted(&job.settings) {
        job.settings.options.dockerignore = dockerignores.find(job.source.display_path());
    }
    let path = job.source.display_path().to_path_buf();
    let stdin = matches!(job.source, Source::Stdin(_));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (fixed, n_fixed, diagnostics) = if plan.fixing {
            let fixed = crate::fix::fix_text(&original, &job.settings, plan.unsafe_fixes);
            (
                (fixed.text != original).then_some(fixed.text),
                fixed.n_applied,
                fixed.diagnostics,
            )
        } else {
            (None, 0, None)
        };
        let text = fixed.as_ref().unwrap_or(&original);
        // Fixing linted the final text already, unless its rounds ran out.
        let diagnostics = diagnostics.unwrap_or_else(|| {
            rlint_linter::lint_with_text(&rlint_syntax::parse(text), text, &job.settings)
        });
        let (text, original) = match fixed {
            Some(fixed) => (fixed, Some(original)),
            None => (original, None),
        };
        let report = Report {
            path: path.clone(),
            text,
            diagnostics,
        };
        let part = plan.parts.map(|parts| parts.render(&report));
        (report, original, n_fixed, part)
    }));
    match result {
        Ok((report, original, n_fixed, part)) => {
            let part = part.transpose().map_err(|error| {
                format!("{}: cannot render the report: {error}", path.display())
            })?;
            // A threshold of `off` (hadolint's `none`) fails on any finding.
            let failed = report
                .diagnostics
                .iter()
                .any(|d| job.threshold == Level::Off || d.severity >= job.threshold);
            let counted = if plan.statistics {
                report
                    .diagnostics
                    .iter()
                    .map(|d| (d.code, d.name))
                    .collect()
            } else {
                Vec::new()
            };
            Ok(Outcome {
                part: part.unwrap_or_default(),
                report: plan.keep_reports().then_some(report),
                original,
                n_fixed,
                stdin,
                failed,
                counted,
            })
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(format!(
                "{}: internal error, please report it: {message}",
                path.display()
            ))
        }
    }
}

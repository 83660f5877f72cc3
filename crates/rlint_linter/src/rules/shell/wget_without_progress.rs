//! DL3047: `wget` without an option that tames its progress output.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;

declare_rule! {
    /// Flags `wget` without `--progress`, `-q` or `-nv`.
    ///
    /// ## What it does
    /// Reports `wget` commands that use the default progress bar: none of `--progress=...`,
    /// `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file` or `-a`/`--append-output`
    /// is given. (`-O`, the output document, does not change the log.)
    ///
    /// ## Why is this bad?
    /// Without a terminal, wget's default progress display prints a line of dots for every
    /// few kilobytes: a large download fills the build log with thousands of lines, which
    /// slows CI log viewers and hides the useful output.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget https://example.com/tool.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget --progress=dot:giga https://example.com/tool.tar.gz
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--progress=dot:giga` after `wget`. It is unsafe because BusyBox `wget`
    /// (Alpine and other small images) does not know the option and fails; use `-q` there.
    ///
    /// ## Differences from hadolint
    /// `wget` behind `sudo`, `busybox` or an absolute path is seen, and option values are
    /// read with wget's own option table (`-O -q` is not the quiet option, it names an output
    /// file `-q`).
    ///
    /// ## References
    /// - [GNU Wget manual: download options](https://www.gnu.org/software/wget/manual/wget.html#Download-Options)
    pub WgetWithoutProgress {
        code: "DL3047",
        name: "wget-without-progress",
        category: Shell,
        severity: Info,
        fix: Unsafe,
        source: Hadolint("DL3047"),
        locality: Instruction,
    }
}

impl WgetWithoutProgress {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let source = ctx.model.text();
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("wget") {
            let Some(name) = &command.name else {
                continue;
            };
            let parsed = command.options();
            let quiet = parsed.options.iter().any(|it| {
                matches!(
                    it.name.as_str(),
                    "--progress"
                        | "-q"
                        | "--quiet"
                        | "--no-verbose"
                        | "-o"
                        | "--output-file"
                        | "-a"
                        | "--append-output"
                ) || (it.name == "-n" && it.value.as_ref().is_some_and(|v| v.value == "v"))
            });
            if quiet {
                continue;
            }
            let range = script.range(&name.range);
            let verbatim = source.get(std::ops::Range::<usize>::from(range)) == Some(name.raw())
                && name.raw() == name.value;
            let diagnostic = ctx.report(
                range,
                "`wget` floods the build log with its progress bar: add `--progress=dot:giga` or `-q`",
            );
            if verbatim {
                diagnostic.with_fix(Fix::unsafe_(
                    "Add `--progress=dot:giga`",
                    vec![Edit::insert(range.end(), " --progress=dot:giga")],
                ));
            }
        }
    }
}

//! DL3046: `useradd` with a large UID and without `--no-log-init`.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `useradd` with a large UID but without `-l`/`--no-log-init`.
    ///
    /// ## What it does
    /// Reports the UID option of `useradd -u <uid>` (or `--uid <uid>`) when the UID has more
    /// than five digits and the command does not pass `-l` / `--no-log-init`. UIDs given by a
    /// variable whose value is unknown are not reported.
    ///
    /// ## Why is this bad?
    /// `useradd` records the new user in `/var/log/lastlog` and `/var/log/faillog`, sparse
    /// files indexed by UID. Docker's layer storage does not keep files sparse, so a UID such
    /// as 123456789 can add gigabytes of zeros to the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -u 123456 app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd --no-log-init -u 123456 app
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint reads the UID only from `-u`; rlint also reads `--uid` and `-u123456`.
    /// hadolint measures the text of the value, so `-u ${APP_UID}` fires whatever the UID is;
    /// rlint uses the ARG/ENV value when it is known and stays silent when it is not.
    /// `useradd` behind `sudo` or an absolute path is seen.
    ///
    /// ## References
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    /// - [useradd(8)](https://man7.org/linux/man-pages/man8/useradd.8.html)
    pub UseraddLargeUid {
        code: "DL3046",
        name: "useradd-large-uid",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3046"),
        locality: Instruction,
    }
}

impl UseraddLargeUid {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("useradd") {
            let parsed = command.options();
            if parsed.has(&["-l", "--no-log-init"]) {
                continue;
            }
            let Some(option) = parsed
                .options
                .iter()
                .rev()
                .find(|it| matches!(it.name.as_str(), "-u" | "--uid"))
            else {
                continue;
            };
            let Some(uid) = &option.value else {
                continue;
            };
            let digits = uid.value.trim();
            if digits.len() <= 5 || !digits.bytes().all(|it| it.is_ascii_digit()) {
                continue;
            }
            // A letter of a cluster (`-ru 123456`) starts inside its word: show the word.
            let start = command
                .args
                .iter()
                .find(|it| it.range.contains(&option.range.start))
                .map_or(option.range.start, |it| it.range.start);
            ctx.report(
                script.range(&(start..option.range.end.max(start))),
                format!("UID {digits} makes `useradd` write huge lastlog/faillog files: add `--no-log-init`"),
            );
        }
    }
}

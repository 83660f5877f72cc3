//! DL4006: a pipe in RUN while the shell does not enable `pipefail`.

use super::from_shell_string;
use crate::declare_rule;
use crate::model::RunScript;
use crate::rule::Context;
use rlint_shell::SimpleCommand;
use std::ops::Range;

declare_rule! {
    /// Flags a pipe in RUN when the shell does not fail on errors inside pipes.
    ///
    /// ## What it does
    /// Reports the first pipe (`|`) of a RUN when neither the stage's `SHELL` enables
    /// `-o pipefail` (for bash, zsh, ash or ksh) nor the script itself runs `set -o pipefail`
    /// before the pipe. Stages whose SHELL is not a POSIX shell (PowerShell, `cmd`), and
    /// stages built on a Windows image without a SHELL (they run `cmd`), are skipped.
    ///
    /// ## Why is this bad?
    /// A pipeline's status is the status of its last command. In
    /// `RUN curl -fsSL https://example.com/key | gpg --dearmor -o key.gpg` a failed download
    /// still lets the step succeed, and the build goes on with a broken or empty file.
    /// `pipefail` makes the pipeline fail when any of its commands fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/install.sh | bash
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/install.sh | bash
    /// ```
    ///
    /// ## Differences from hadolint
    /// `set -o pipefail` (or `set -euo pipefail`) in the RUN before the pipe is accepted,
    /// which hadolint ignores. The shell is recognised by its name whatever its directory
    /// (`/usr/bin/bash`), and a SHELL set in a stage carries over to stages built `FROM` it, as
    /// in BuildKit (hadolint forgets it at every FROM). Pipes inside `sh -c "..."` strings,
    /// which the SHELL does not govern, are not reported. `ONBUILD RUN` triggers are not
    /// checked, as the shell of the image that runs them is unknown, and neither are stages
    /// built on a Windows image without a SHELL, which run `cmd`.
    ///
    /// ## References
    /// - [Docker best practices: using pipes](https://docs.docker.com/build/building/best-practices/#using-pipes)
    /// - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    pub PipeWithoutPipefail {
        code: "DL4006",
        name: "pipe-without-pipefail",
        category: Shell,
        severity: Warning,
        fix: None,
        source: Hadolint("DL4006"),
        locality: Instruction,
    }
}

/// Shells that know `-o pipefail`.
const PIPEFAIL_SHELLS: &[&str] = &["bash", "zsh", "ash", "ksh", "mksh"];

impl PipeWithoutPipefail {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx).filter(|run| !run.onbuild) else {
            return;
        };
        // Without a SHELL, a Windows image runs RUN with `cmd`, which has no pipefail.
        let default_shell = run
            .scripts
            .first()
            .is_some_and(|it| it.shell.first().is_some_and(|sh| sh == "/bin/sh"));
        if default_shell
            && run
                .stage
                .is_some_and(|stage| ctx.model.is_windows_stage(stage))
        {
            return;
        }
        let Some((script, pipe)) = run
            .scripts
            .iter()
            .filter(|script| !shell_has_pipefail(&script.shell))
            .find_map(|script| unprotected_pipe(script).map(|pipe| (script, pipe)))
        else {
            return;
        };
        ctx.report(
            script.range(&pipe),
            "a failure before this pipe goes unnoticed: set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` or `set -o pipefail`",
        );
    }
}

/// Whether a SHELL (`["/bin/bash", "-eo", "pipefail", "-c"]`) turns `pipefail` on.
fn shell_has_pipefail(shell: &[String]) -> bool {
    let Some(program) = shell.first() else {
        return false;
    };
    if !PIPEFAIL_SHELLS.contains(&rlint_shell::basename(program)) {
        return false;
    }
    shell
        .windows(2)
        .any(|pair| is_o_option(&pair[0]) && pair[1] == "pipefail")
}

/// `-o`, or a cluster ending in `o` (`-eo`, `-euxo`).
fn is_o_option(word: &str) -> bool {
    word.starts_with('-') && !word.starts_with("--") && word.ends_with('o')
}

/// Whether the command is `set -o pipefail` (also `set -euo pipefail`); `Some(false)` for
/// `set +o pipefail`.
fn sets_pipefail(command: &SimpleCommand) -> Option<bool> {
    if command.name_str() != Some("set") {
        return None;
    }
    command.args.windows(2).find_map(|pair| {
        let option = pair[0].value.as_str();
        if pair[1].value != "pipefail" || option.starts_with("--") || !option.ends_with('o') {
            return None;
        }
        match option.as_bytes().first() {
            Some(b'-') => Some(true),
            Some(b'+') => Some(false),
            _ => None,
        }
    })
}

/// The range (in the script) of the first `|` not covered by an earlier `set -o pipefail`.
fn unprotected_pipe(script: &RunScript) -> Option<Range<usize>> {
    let commands = &script.script.commands;
    let mut pipefail = false;
    for (idx, command) in commands.iter().enumerate() {
        if let Some(on) = sets_pipefail(command) {
            pipefail = on;
            continue;
        }
        if pipefail || from_shell_string(command) {
            continue;
        }
        let (Some(pipeline), position) = (command.pipeline, command.position_in_pipeline) else {
            continue;
        };
        if position == 0 {
            continue;
        }
        // The first command of this element: the pipe lies between it and the element before.
        let first_of_element = commands[..idx]
            .iter()
            .all(|it| it.pipeline != Some(pipeline) || it.position_in_pipeline != position);
        if !first_of_element {
            continue;
        }
        let previous_end = commands[..idx]
            .iter()
            .filter(|it| it.pipeline == Some(pipeline) && it.position_in_pipeline + 1 == position)
            .map(|it| it.range.end)
            .max()?;
        let gap = script.text.get(previous_end..command.range.start)?;
        let offset = gap.rfind('|')?;
        let start = previous_end + offset;
        let len = if gap[offset..].starts_with("|&") {
            2
        } else {
            1
        };
        return Some(start..start + len);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(words: &[&str]) -> Vec<String> {
        words.iter().map(|it| it.to_string()).collect()
    }

    #[test]
    fn pipefail_in_shell() {
        assert!(shell_has_pipefail(&shell(&[
            "/bin/bash",
            "-o",
            "pipefail",
            "-c"
        ])));
        assert!(shell_has_pipefail(&shell(&[
            "/usr/bin/bash",
            "-euxo",
            "pipefail",
            "-c"
        ])));
        assert!(shell_has_pipefail(&shell(&[
            "/bin/ash", "-eo", "pipefail", "-c"
        ])));
        assert!(!shell_has_pipefail(&shell(&[
            "/bin/sh", "-o", "pipefail", "-c"
        ])));
        assert!(!shell_has_pipefail(&shell(&["/bin/bash", "-c"])));
    }

    #[test]
    fn pipe_ranges() {
        fn check(text: &str) -> Option<&str> {
            let script = rlint_shell::parse_script(text, &|_| None);
            let run = RunScript::from(crate::model::ScriptData {
                text: text.to_string(),
                script,
                map: crate::model::SourceMap::Offset(0.into(), (text.len() as u32).into()),
                shell: Vec::new(),
                heredoc: false,
            });
            unprotected_pipe(&run).map(|it| &text[it])
        }
        assert_eq!(check("curl x | tar -x"), Some("|"));
        assert_eq!(check("a && { b; c; } |& d"), Some("|&"));
        assert_eq!(check("set -euo pipefail; curl x | sh"), None);
        assert_eq!(check("a || b"), None);
        assert_eq!(check("echo 'a | b'"), None);
        assert_eq!(check("bash -c 'a | b'"), None);
        assert_eq!(check("x=\"$(echo a | grep b)\""), Some("|"));
        assert_eq!(
            check("tar xf <(curl \"x/$(echo a | grep b)/y\")"),
            Some("|")
        );
    }
}

//! RL5003: a shell-form ENTRYPOINT that silently drops CMD.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::{Command, Instruction};

declare_rule! {
    /// Flags a shell-form `ENTRYPOINT` in an image that also sets `CMD`.
    ///
    /// ## What it does
    /// Follows `ENTRYPOINT` and `CMD` through each stage and the stages it is built `FROM`, and
    /// reports a shell-form `ENTRYPOINT` when the same image also has a `CMD` (one that setting
    /// the `ENTRYPOINT` does not reset). An entrypoint whose script reads its positional
    /// parameters (`$@`, `$*`, `$1`, ...) is not reported.
    ///
    /// ## Why is this bad?
    /// A shell-form `ENTRYPOINT cmd args` is stored as `["/bin/sh", "-c", "cmd args"]`. The
    /// container runs the entrypoint followed by `CMD` (or the arguments of `docker run`), so
    /// `sh -c` receives them as `$0`, `$1`, ... of a script that never reads them: the `CMD` and
    /// every argument given at `docker run` are silently ignored. The shell also becomes PID 1,
    /// so `docker stop`'s SIGTERM does not reach the program.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENTRYPOINT python -m app
    /// CMD ["--port", "8080"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENTRYPOINT ["python", "-m", "app"]
    /// CMD ["--port", "8080"]
    /// ```
    ///
    /// ## Known problems
    /// A `SHELL` that does not pass extra arguments the POSIX way is not modelled: the same
    /// rule is applied.
    ///
    /// ## References
    /// - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    /// - [Understand how CMD and ENTRYPOINT interact](https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact)
    pub ShellEntrypointIgnoresCmd {
        code: "RL5003",
        name: "shell-entrypoint-ignores-cmd",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Rlint,
    }
}

/// ENTRYPOINT and CMD in effect at the end of a stage (instruction indices).
#[derive(Clone, Copy, Default)]
struct Config {
    entrypoint: Option<usize>,
    cmd: Option<usize>,
}

/// Whether a shell-form script reads its positional parameters.
fn reads_arguments(script: &str) -> bool {
    let bytes = script.as_bytes();
    bytes.windows(2).any(|w| {
        w[0] == b'$' && (w[1] == b'@' || w[1] == b'*' || w[1] == b'#' || w[1].is_ascii_digit())
    }) || script.contains("${@")
        || script.contains("${*")
        || script.contains("${1")
}

impl ShellEntrypointIgnoresCmd {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        let mut configs: Vec<Config> = Vec::with_capacity(model.stages.len());
        for stage in &model.stages {
            let mut config = match stage.base {
                crate::model::Base::Stage(parent) => {
                    configs.get(parent).copied().unwrap_or_default()
                }
                _ => Config::default(),
            };
            let mut cmd_set = false;
            let mut own = false;
            for idx in stage.body.clone() {
                match &model.instructions[idx] {
                    Instruction::Cmd(_) => {
                        config.cmd = Some(idx);
                        cmd_set = true;
                        own = true;
                    }
                    Instruction::Entrypoint(_) => {
                        config.entrypoint = Some(idx);
                        // BuildKit clears an inherited CMD when a stage sets ENTRYPOINT before
                        // its own CMD.
                        if !cmd_set {
                            config.cmd = None;
                        }
                        own = true;
                    }
                    _ => {}
                }
            }
            configs.push(config);
            let (Some(entry_idx), Some(cmd_idx), true) = (config.entrypoint, config.cmd, own)
            else {
                continue;
            };
            let entrypoint = &model.instructions[entry_idx];
            let Some(Command::Shell(form)) = entrypoint.command() else {
                continue;
            };
            let text = form.text().text;
            if text.trim().is_empty() || reads_arguments(&text) {
                continue;
            }
            let cmd = &model.instructions[cmd_idx];
            // `CMD []` passes nothing.
            if let Some(Command::Exec(exec)) = cmd.command() {
                if exec.strings().is_empty() {
                    continue;
                }
            }
            // Report each pair once: at the stage that sets the later of the two.
            let later = entry_idx.max(cmd_idx);
            if model.stage_of[later] != Some(stage.index) {
                continue;
            }
            if model.stage_of[entry_idx] == Some(stage.index) {
                let line = model.line_of(cmd.keyword_range().start());
                ctx.report(
                    entrypoint.keyword_range(),
                    format!(
                        "shell-form ENTRYPOINT ignores the CMD on line {line} and `docker run` arguments: use the exec form `ENTRYPOINT [\"...\"]`"
                    ),
                )
                .with_related(cmd.keyword_range(), "this CMD is passed to `sh -c` and ignored");
            } else {
                let line = model.line_of(entrypoint.keyword_range().start());
                ctx.report(
                    cmd.keyword_range(),
                    format!(
                        "CMD is ignored by the shell-form ENTRYPOINT on line {line}: use the exec form `ENTRYPOINT [\"...\"]`"
                    ),
                )
                .with_related(entrypoint.keyword_range(), "shell-form ENTRYPOINT");
            }
        }
    }
}

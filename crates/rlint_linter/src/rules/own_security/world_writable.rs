//! RL6005: files or directories made writable by every user.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags permissions that let any user write a file: `chmod 777`, `chmod o+w`,
    /// `COPY --chmod=666`.
    ///
    /// ## What it does
    /// Reports the mode of a `chmod` in `RUN` (also behind `sudo` or `xargs`) and the
    /// `--chmod` of `COPY`/`ADD` when it grants write permission to "others": an octal mode
    /// whose last digit is 2, 3, 6 or 7, or a symbolic mode such as `o+w`, `a+rwx` or
    /// `ugo=rwx`. A mode that also sets the sticky bit (`1777`, `+t`), as `/tmp` needs, is not
    /// reported, nor is a `chmod` of a scratch path that the same `RUN` removes later
    /// (`chmod 777 "$tempDir"` ... `rm -rf "$tempDir"`).
    ///
    /// ## Why is this bad?
    /// A world-writable file can be changed by any process in the container, whatever user it
    /// runs as. If the image's programs, scripts or configuration are world-writable, a
    /// compromised unprivileged process can replace code that a more privileged process (the
    /// entrypoint, a cron job, a root `docker exec`) later runs. The mode is stored in the
    /// layer and applies in every container started from the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// COPY app /opt/app
    /// RUN chmod -R 777 /opt/app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// COPY --chown=app:app app /opt/app
    /// RUN chmod -R 755 /opt/app
    /// ```
    ///
    /// ## Known problems
    /// Modes held in unknown variables are not checked, and `chmod +w` without a user class is
    /// not reported (its effect depends on the umask).
    ///
    /// ## References
    /// - [chmod(1)](https://man7.org/linux/man-pages/man1/chmod.1.html)
    /// - [Dockerfile reference: COPY --chmod](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)
    pub WorldWritable {
        code: "RL6005",
        name: "world-writable",
        category: Security,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Instruction,
    }
}

/// Whether a chmod mode (octal or symbolic) gives "others" write permission without the
/// sticky bit.
pub(crate) fn grants_world_write(mode: &str) -> bool {
    if !mode.is_empty() && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        let digits = mode.as_bytes();
        let others = digits[digits.len() - 1] - b'0';
        let sticky = digits.len() >= 4 && (digits[digits.len() - 4] - b'0') & 1 == 1;
        return others & 2 != 0 && !sticky;
    }
    // Symbolic: comma-separated clauses `[ugoa]*[+=-][rwxXst]*`.
    let mut world = false;
    let mut sticky = false;
    for clause in mode.split(',') {
        let Some(op_pos) = clause.find(['+', '=', '-']) else {
            return false;
        };
        let (who, rest) = clause.split_at(op_pos);
        if !who.bytes().all(|b| b"ugoa".contains(&b)) {
            return false;
        }
        let op = rest.as_bytes()[0];
        let perms = &rest[1..];
        if !perms.bytes().all(|b| b"rwxXstugo".contains(&b)) {
            return false;
        }
        if op == b'-' {
            continue;
        }
        if perms.contains('t') {
            sticky = true;
        }
        let others = who.contains('o') || who.contains('a');
        if others && perms.contains('w') {
            world = true;
        }
    }
    world && !sticky
}

impl WorldWritable {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let model = ctx.model;
        if let Some(run) = model.run_at(idx) {
            for (script, command) in run.commands_named("chmod") {
                let parsed = command.options();
                // The mode is the first operand.
                let Some(mode) = parsed.operands.first() else {
                    continue;
                };
                if mode.has_expansion || !grants_world_write(&mode.value) {
                    continue;
                }
                // A scratch directory removed later in the same script never reaches a layer.
                let targets: Vec<&str> = parsed.operands[1..].iter().map(|w| w.raw()).collect();
                let removed_later = !targets.is_empty()
                    && targets.iter().all(|target| {
                        script.script.commands.iter().any(|later| {
                            later.range.start > command.range.start
                                && later.name_str() == Some("rm")
                                && later.args.iter().any(|a| a.raw() == *target)
                        })
                    });
                if removed_later {
                    continue;
                }
                let value = &mode.value;
                ctx.report(
                    script.range(&mode.range),
                    format!("`chmod {value}` lets every user write here: grant write access only to the owner or group"),
                );
            }
        }
        let instruction = &model.instructions[idx];
        let inner = match instruction {
            Instruction::Onbuild(onbuild) => onbuild.trigger(),
            other => Some(other.clone()),
        };
        let Some(inner @ (Instruction::Copy(_) | Instruction::Add(_))) = inner else {
            return;
        };
        let Some(flag) = inner.flag("--chmod") else {
            return;
        };
        let Some(value) = flag.value(model.escape) else {
            return;
        };
        if value.contains('$') || !grants_world_write(&value) {
            return;
        }
        let range = flag.value_range().unwrap_or_else(|| flag.name_range());
        let keyword = inner.keyword_text().to_uppercase();
        ctx.report(
            range,
            format!("`{keyword} --chmod={value}` lets every user write the copied files: grant write access only to the owner or group"),
        );
    }
}

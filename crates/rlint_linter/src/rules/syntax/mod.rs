//! Syntax problems (RL1xxx). The checks live in the parser (`rlint_syntax`), which reports
//! them with exact ranges; these declarations give them their codes, names, docs and a place
//! in rule selection. They have no `run` logic of their own.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// A keyword that is not a Dockerfile instruction.
    ///
    /// ## What it does
    /// A keyword that is not a Dockerfile instruction.
    ///
    /// ## Why is this bad?
    /// BuildKit stops the build with `unknown instruction`. A missing line continuation is the usual cause: the next line's first word becomes a keyword.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add curl &&
    ///     apk add git
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add curl && \
    ///     apk add git
    /// ```
    pub UnknownInstruction {
        code: "RL1001",
        name: "unknown-instruction",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl UnknownInstruction {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// An instruction without the arguments it needs, or with the wrong number.
    ///
    /// ## What it does
    /// An instruction without the arguments it needs, or with the wrong number.
    ///
    /// ## Why is this bad?
    /// BuildKit rejects `COPY src` (no destination), a bare `FROM`, `FROM image extra words` and similar instructions before building anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY app.py
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY app.py /app/
    /// ```
    pub MissingArguments {
        code: "RL1002",
        name: "missing-arguments",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl MissingArguments {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// A heredoc body that never reaches its delimiter line.
    ///
    /// ## What it does
    /// A heredoc body that never reaches its delimiter line.
    ///
    /// ## Why is this bad?
    /// BuildKit's parser rejects the whole file. The delimiter must be alone on its line, exactly as written after `<<` (no indentation unless `<<-` with tabs, no trailing spaces). Until it is fixed, the shell rules do not read the body: it runs to the end of the file, so it is Dockerfile text rather than a script.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN <<EOF
    /// echo hello
    ///  EOF
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN <<EOF
    /// echo hello
    /// EOF
    /// ```
    pub UnterminatedHeredoc {
        code: "RL1003",
        name: "unterminated-heredoc",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl UnterminatedHeredoc {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// A JSON exec form with a non-string element (an error), or text that looks like JSON but is not, which BuildKit silently runs as a shell command (a warning).
    ///
    /// ## What it does
    /// A JSON exec form with a non-string element (an error), or text that looks like JSON but is not, which BuildKit silently runs as a shell command (a warning).
    ///
    /// ## Why is this bad?
    /// A non-string element makes BuildKit reject the file. Broken JSON such as `['sh']` or a trailing comma is worse: the build works, but the command runs through `/bin/sh -c` with the brackets as part of the command line.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// CMD ['sh', '-c', 'echo hi']
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// CMD ["sh", "-c", "echo hi"]
    /// ```
    pub InvalidExecForm {
        code: "RL1004",
        name: "invalid-exec-form",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl InvalidExecForm {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// A flag the instruction does not accept, or a flag given twice.
    ///
    /// ## What it does
    /// A flag the instruction does not accept, or a flag given twice.
    ///
    /// ## Why is this bad?
    /// BuildKit stops with `unknown flag` or `duplicate flag specified`. The nearest valid flag is suggested.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS build
    /// FROM alpine:3.20
    /// COPY --form=build /out /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20 AS build
    /// FROM alpine:3.20
    /// COPY --from=build /out /app
    /// ```
    pub UnknownFlag {
        code: "RL1005",
        name: "unknown-flag",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl UnknownFlag {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// A malformed flag value: `--mount` options, `--chmod` modes, `--platform`, HEALTHCHECK durations and retries, `--network`, `--security`, boolean flags.
    ///
    /// ## What it does
    /// A malformed flag value: `--mount` options, `--chmod` modes, `--platform`, HEALTHCHECK durations and retries, `--network`, `--security`, boolean flags.
    ///
    /// ## Why is this bad?
    /// BuildKit rejects these when it reaches the instruction, often after minutes of earlier build steps.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN --network=bridge wget https://example.com
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN --network=default wget https://example.com
    /// ```
    pub InvalidFlagValue {
        code: "RL1006",
        name: "invalid-flag-value",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl InvalidFlagValue {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// A malformed or repeated parser directive (`# escape=x`, two `# syntax=` lines), or an ignore comment naming an unknown rule (warning).
    ///
    /// ## What it does
    /// A malformed or repeated parser directive (`# escape=x`, two `# syntax=` lines), or an ignore comment naming an unknown rule (warning).
    ///
    /// ## Why is this bad?
    /// BuildKit rejects a bad escape value and any repeated directive. An ignore comment with a misspelt code silently keeps the finding it was meant to silence.
    ///
    /// ## Example
    /// ```dockerfile
    /// # escape=x
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # escape=`
    /// FROM alpine:3.20
    /// ```
    pub InvalidDirective {
        code: "RL1007",
        name: "invalid-directive",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl InvalidDirective {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// A `# syntax=`, `# escape=` or `# check=` comment that is not a parser directive because something precedes it.
    ///
    /// ## What it does
    /// A `# syntax=`, `# escape=` or `# check=` comment that is not a parser directive because something precedes it.
    ///
    /// ## Why is this bad?
    /// Directives only count in the unbroken run of comment lines at the very top of the file. After a blank line, another comment or an instruction they are plain comments and do nothing.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # escape=`
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # escape=`
    /// FROM alpine:3.20
    /// ```
    pub MisplacedDirective {
        code: "RL1008",
        name: "misplaced-directive",
        category: Syntax,
        severity: Warning,
        fix: None,
        source: Rlint,
    }
}

impl MisplacedDirective {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// A blank line inside a line continuation (BuildKit's `NoEmptyContinuation`).
    ///
    /// ## What it does
    /// A blank line inside a line continuation (BuildKit's `NoEmptyContinuation`).
    ///
    /// ## Why is this bad?
    /// BuildKit skips the blank line, but it will become an error in a future release, and it hides where the instruction really ends.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add curl \
    ///
    ///     git
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add curl \
    ///     git
    /// ```
    pub EmptyContinuation {
        code: "RL1009",
        name: "empty-continuation",
        category: Syntax,
        severity: Warning,
        fix: None,
        source: Buildkit("NoEmptyContinuation"),
        aliases: ["NoEmptyContinuation"],
    }
}

impl EmptyContinuation {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// `ONBUILD` wrapping `ONBUILD`, `FROM` or `MAINTAINER` (hadolint's DL3043).
    ///
    /// ## What it does
    /// `ONBUILD` wrapping `ONBUILD`, `FROM` or `MAINTAINER` (hadolint's DL3043).
    ///
    /// ## Why is this bad?
    /// BuildKit rejects these triggers: they cannot run in a child build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ONBUILD FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ONBUILD RUN echo child build
    /// ```
    pub InvalidOnbuild {
        code: "RL1010",
        name: "invalid-onbuild",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Hadolint("DL3043"),
        aliases: ["DL3043"],
    }
}

impl InvalidOnbuild {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// An ENV, LABEL or ARG pair without `=` in the `key=value` form, with an empty name, or a legacy `ENV key` without value.
    ///
    /// ## What it does
    /// An ENV, LABEL or ARG pair without `=` in the `key=value` form, with an empty name, or a legacy `ENV key` without value.
    ///
    /// ## Why is this bad?
    /// BuildKit's parser rejects the whole file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV A=1 B
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV A=1 B=2
    /// ```
    pub InvalidKeyValue {
        code: "RL1011",
        name: "invalid-key-value",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl InvalidKeyValue {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// An EXPOSE value that is not a port, a port range or port/protocol.
    ///
    /// ## What it does
    /// An EXPOSE value that is not a port, a port range or port/protocol.
    ///
    /// ## Why is this bad?
    /// BuildKit fails the build when it parses the port.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// EXPOSE http
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// EXPOSE 80/tcp
    /// ```
    pub InvalidPort {
        code: "RL1012",
        name: "invalid-port",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl InvalidPort {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// Instructions before the first FROM (other than ARG), or a file without any instruction or FROM.
    ///
    /// ## What it does
    /// Instructions before the first FROM (other than ARG), or a file without any instruction or FROM.
    ///
    /// ## Why is this bad?
    /// BuildKit stops with `no build stage in current context` or `file with no instructions`.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN echo hi
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hi
    /// ```
    pub NoFrom {
        code: "RL1013",
        name: "no-from",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl NoFrom {
    fn run(_ctx: &mut Context<'_>) {}
}

declare_rule! {
    /// A physical line longer than 65,535 bytes.
    ///
    /// ## What it does
    /// A physical line longer than 65,535 bytes.
    ///
    /// ## Why is this bad?
    /// BuildKit's scanner refuses longer lines and rejects the file. Split the line with continuations.
    ///
    /// ## Example
    /// A `RUN` line of 70,000 characters.
    pub LineTooLong {
        code: "RL1014",
        name: "line-too-long",
        category: Syntax,
        severity: Error,
        fix: None,
        source: Rlint,
    }
}

impl LineTooLong {
    fn run(_ctx: &mut Context<'_>) {}
}

//! RL6001: remote content run by a shell or interpreter straight from the network.

use crate::declare_rule;
use crate::rule::Context;
use rlint_shell::SimpleCommand;

declare_rule! {
    /// Flags scripts downloaded and executed in one step (`curl ... | sh`).
    ///
    /// ## What it does
    /// Reports a `curl` or `wget` whose output is piped into a shell (`sh`, `bash`, ...) or an
    /// interpreter (`python`, `perl`, `ruby`, `node`, `php`) that reads its program from
    /// standard input, and a download run through `sh <(curl ...)`, `bash -c "$(curl ...)"`,
    /// `source <(curl ...)` or `eval "$(curl ...)"`. Commands are recognised behind `sudo`,
    /// absolute paths and `sh -c`, and in heredoc bodies. An interpreter that runs its own
    /// program (`python -c '...'`, `node -e`, a script file) only reads data from the pipe and
    /// is not reported.
    ///
    /// ## Why is this bad?
    /// The build executes whatever the server returns at build time, as the build user (usually
    /// root), with no checksum or signature check. A compromised or hijacked server, or a
    /// changed script, changes the image silently; and since BuildKit caches a `RUN` by its
    /// command text, not by what it downloaded, the same Dockerfile gives different images
    /// depending on when the cache was filled. A truncated download can also run half a script.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/install.sh /tmp/install.sh
    /// RUN sh /tmp/install.sh
    /// ```
    ///
    /// ## Known problems
    /// A download saved to a file and then run (`curl -o x.sh ... && sh x.sh`) is not reported,
    /// although it has the same problem when nothing verifies the file.
    ///
    /// ## References
    /// - [Dockerfile reference: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    /// - [curl(1)](https://curl.se/docs/manpage.html)
    pub CurlPipeShell {
        code: "RL6001",
        name: "curl-pipe-shell",
        category: Security,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Instruction,
    }
}

const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"];

/// Whether a command downloads something to standard output.
fn downloads_to_stdout(command: &SimpleCommand) -> bool {
    match command.name_str() {
        Some("curl") => {
            let to_file = command
                .options()
                .options
                .iter()
                .any(|o| match o.name.as_str() {
                    "-o" | "--output" => o.value.as_ref().is_some_and(|v| v.value != "-"),
                    "-O" | "--remote-name" | "--remote-name-all" => true,
                    _ => false,
                });
            !to_file
        }
        Some("wget") => command
            .options()
            .value_of(&["-O", "--output-document"])
            .is_some_and(|v| v.value == "-" || v.value == "/dev/stdout"),
        _ => false,
    }
}

/// The interpreter family of a command name, if it runs code.
fn interpreter(name: &str) -> Option<&'static str> {
    if SHELLS.contains(&name) {
        return Some("sh");
    }
    let family = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    match family {
        "python" | "pypy" => Some("python"),
        "perl" => Some("perl"),
        "ruby" => Some("ruby"),
        "node" | "nodejs" => Some("node"),
        "php" => Some("php"),
        _ => None,
    }
}

/// Whether an interpreter reads its program from standard input.
fn reads_program_from_stdin(command: &SimpleCommand, family: &str) -> bool {
    let inline: &[&str] = match family {
        "sh" => &["-c"],
        "python" => &["-c", "-m"],
        "perl" => &["-e", "-E"],
        "ruby" => &["-e"],
        "node" => &["-e", "-p", "--eval", "--print"],
        "php" => &["-r", "-f"],
        _ => &[],
    };
    let mut explicit_stdin = false;
    for arg in &command.args {
        let value = arg.value.as_str();
        if value == "-" || value == "/dev/stdin" {
            return true;
        }
        if family == "sh" && value == "-s" {
            explicit_stdin = true;
            continue;
        }
        if let Some(letters) = value.strip_prefix('-') {
            if value.starts_with("--") {
                if inline.contains(&value) {
                    return false;
                }
                continue;
            }
            // A cluster such as `-ec` or `-xc`.
            if inline.iter().any(|i| letters.contains(&i[1..])) {
                return false;
            }
            continue;
        }
        // The first operand is a script file (or, after `-s`, an argument).
        return explicit_stdin;
    }
    // `busybox` alone is not a shell.
    command.name_str() != Some("busybox")
}

impl CurlPipeShell {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for script in &run.scripts {
            for pipeline in script.script.pipelines() {
                for source in &pipeline {
                    if !downloads_to_stdout(source) {
                        continue;
                    }
                    let sink = pipeline.iter().find(|sink| {
                        sink.position_in_pipeline > source.position_in_pipeline
                            && sink
                                .name_str()
                                .and_then(interpreter)
                                .is_some_and(|family| reads_program_from_stdin(sink, family))
                    });
                    let (Some(sink), Some(source_name), Some(sink_name)) =
                        (sink, source.name_str(), sink.and_then(|s| s.name.as_ref()))
                    else {
                        continue;
                    };
                    let start = source.range.start;
                    let end = sink_name.range.end.max(start);
                    let shown = sink.name_str().unwrap_or("sh");
                    ctx.report(
                        script.range(&(start..end)),
                        format!(
                            "`{source_name}` output is piped into `{shown}` and run unverified: download to a file, check its checksum or signature, then run it"
                        ),
                    );
                    break;
                }
            }
            // `sh <(curl ...)`, `bash -c "$(curl ...)"`, `eval "$(curl ...)"`. The download
            // of an unwrapped `sh -c` string is seen twice; report the outer word once.
            let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
            for inner in &script.script.commands {
                if !inner.in_substitution || !downloads_to_stdout(inner) {
                    continue;
                }
                let Some(source_name) = inner.name_str() else {
                    continue;
                };
                let outer = script.script.commands.iter().find_map(|outer| {
                    let name = outer.name_str()?;
                    let runs_code =
                        matches!(name, "eval" | "source" | ".") || interpreter(name).is_some();
                    if !runs_code {
                        return None;
                    }
                    let word = outer.args.iter().find(|w| {
                        w.range.start <= inner.range.start && inner.range.end <= w.range.end
                    })?;
                    let raw = word.raw().trim_start_matches(['"', '\'']);
                    let whole =
                        raw.starts_with("$(") || raw.starts_with("<(") || raw.starts_with('`');
                    whole.then_some((outer, word))
                });
                let Some((outer, word)) = outer else {
                    continue;
                };
                let Some(outer_name) = &outer.name else {
                    continue;
                };
                let shown = outer.name_str().unwrap_or("sh");
                let range = outer_name.range.start..word.range.end;
                if reported.contains(&range) {
                    continue;
                }
                reported.push(range.clone());
                ctx.report(
                    script.range(&range),
                    format!(
                        "`{shown}` runs `{source_name}` output unverified: download to a file, check its checksum or signature, then run it"
                    ),
                );
            }
        }
    }
}

//! Unwraps prefix commands (`sudo`, `env`, `xargs`, `nice`, `time`, ...) to find the command that really runs, and finds `sh -c` scripts.

use crate::lexer::is_assignment;
use crate::{basename, Word};

/// A simple command's words split into wrappers, name and arguments.
#[derive(Debug, Default)]
pub(crate) struct Unwrapped {
    pub(crate) wrappers: Vec<Word>,
    /// `VAR=x` words given to `env` or `sudo`.
    pub(crate) assignments: Vec<Word>,
    pub(crate) name: Option<Word>,
    pub(crate) args: Vec<Word>,
    /// Script strings of `sh -c '...'` and `su -c '...'` to parse recursively.
    pub(crate) scripts: Vec<Word>,
}

/// How a wrapper's options look.
struct WrapperOptions {
    /// Short options that take a value, attached (`-uroot`) or separate (`-u root`).
    short_values: &'static str,
    /// Short options whose value may only be attached (`xargs -i{}`).
    short_attached: &'static str,
    /// Long options that take a value, as `--name=value` or `--name value`.
    long_values: &'static [&'static str],
    /// Whether `VAR=value` words may follow the options (`env`, `sudo`).
    assignments: bool,
    /// Operands consumed after the options (`timeout DURATION`, `gosu USER`).
    n_operands: usize,
}

const fn options(
    short_values: &'static str,
    long_values: &'static [&'static str],
) -> WrapperOptions {
    WrapperOptions {
        short_values,
        short_attached: "",
        long_values,
        assignments: false,
        n_operands: 0,
    }
}

// sudo(8): options taking a value.
const SUDO: WrapperOptions = WrapperOptions {
    assignments: true,
    ..options(
        "ugCDhprtUT",
        &[
            "user",
            "group",
            "close-from",
            "chdir",
            "host",
            "prompt",
            "role",
            "type",
            "other-user",
            "command-timeout",
            "chroot",
        ],
    )
};
// doas(1): `-u user`, `-C config`.
const DOAS: WrapperOptions = options("uC", &[]);
// env(1): `-u NAME`, `-C DIR`, `-S STRING` (GNU coreutils).
const ENV: WrapperOptions = WrapperOptions {
    assignments: true,
    ..options(
        "uCS",
        &[
            "unset",
            "chdir",
            "split-string",
            "block-signal",
            "default-signal",
            "ignore-signal",
        ],
    )
};
// xargs(1), GNU findutils: -e, -i and -l take only attached optional values.
const XARGS: WrapperOptions = WrapperOptions {
    short_attached: "eil",
    ..options(
        "adEILnPs",
        &[
            "arg-file",
            "delimiter",
            "max-args",
            "max-procs",
            "max-chars",
            "process-slot-var",
        ],
    )
};
// nice(1): `-n N`, `--adjustment N`; `-10` is a cluster of digit flags.
const NICE: WrapperOptions = options("n", &["adjustment"]);
// GNU time(1) and bash's `time -p`.
const TIME: WrapperOptions = options("fo", &["format", "output"]);
// timeout(1): options then DURATION.
const TIMEOUT: WrapperOptions = WrapperOptions {
    n_operands: 1,
    ..options("sk", &["signal", "kill-after"])
};
// stdbuf(1).
const STDBUF: WrapperOptions = options("ioe", &["input", "output", "error"]);
// bash builtins `command [-pVv]` and `exec [-cl] [-a name]`.
const COMMAND: WrapperOptions = options("", &[]);
const EXEC: WrapperOptions = options("a", &[]);
// `gosu USER cmd`, `su-exec USER cmd`, `busybox APPLET`-style single operand wrappers.
const USER_THEN_COMMAND: WrapperOptions = WrapperOptions {
    n_operands: 1,
    ..options("", &[])
};
const NO_OPTIONS: WrapperOptions = options("", &[]);

fn wrapper_options(name: &str) -> Option<&'static WrapperOptions> {
    Some(match name {
        "sudo" => &SUDO,
        "doas" => &DOAS,
        "env" => &ENV,
        "xargs" => &XARGS,
        "nice" => &NICE,
        "time" => &TIME,
        "timeout" => &TIMEOUT,
        "stdbuf" => &STDBUF,
        "command" => &COMMAND,
        "exec" => &EXEC,
        "gosu" | "su-exec" => &USER_THEN_COMMAND,
        "nohup" | "eatmydata" | "busybox" => &NO_OPTIONS,
        _ => return None,
    })
}

/// Shells whose `-c` argument is a script.
const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"];

/// Whether `name` is a POSIX-like shell executable name.
pub(crate) fn is_shell_name(name: &str) -> bool {
    SHELLS.contains(&name)
}

/// Splits `words` (a simple command without its leading assignments).
pub(crate) fn unwrap_command(words: Vec<Word>) -> Unwrapped {
    let mut unwrapped = Unwrapped::default();
    let mut word_idx = 0;
    while let Some(first) = words.get(word_idx) {
        let name = basename(&first.value);
        let n_assignments = unwrapped.assignments.len();
        let lookup = name == "command"
            && words
                .get(word_idx + 1)
                .is_some_and(|it| it.value == "-v" || it.value == "-V");
        let next = if lookup {
            // `command -v x` looks `x` up without running it.
            None
        } else if let Some(options) = wrapper_options(name) {
            skip_options(&words, word_idx + 1, options, &mut unwrapped.assignments)
        } else if is_python(name) {
            python_module_pip(&words, word_idx + 1)
        } else {
            None
        };
        match next {
            // Unwrap only when a command remains after the wrapper.
            Some(next) if next > word_idx && next < words.len() => {
                unwrapped.wrappers.extend(
                    words[word_idx..next]
                        .iter()
                        .filter(|it| !is_assignment(it.raw()))
                        .cloned(),
                );
                word_idx = next;
            }
            _ => {
                // The options were parsed speculatively: forget collected assignments.
                unwrapped.assignments.truncate(n_assignments);
                break;
            }
        }
    }
    let mut rest = words.into_iter().skip(word_idx);
    unwrapped.name = rest.next();
    unwrapped.args = rest.collect();
    if let Some(name) = &unwrapped.name {
        let name = basename(&name.value);
        let script = if is_shell_name(name) {
            shell_script_arg(&unwrapped.args)
        } else if name == "su" {
            su_script_arg(&unwrapped.args)
        } else {
            None
        };
        unwrapped.scripts.extend(script.cloned());
    }
    unwrapped
}

/// Returns the index of the wrapped command after the wrapper's options.
fn skip_options(
    words: &[Word],
    from: usize,
    options: &WrapperOptions,
    assignments: &mut Vec<Word>,
) -> Option<usize> {
    let mut word_idx = from;
    while let Some(word) = words.get(word_idx) {
        let value = word.value.as_str();
        if value == "--" {
            word_idx += 1;
            break;
        }
        if let Some(long) = value.strip_prefix("--") {
            let takes_value = !long.contains('=') && options.long_values.contains(&long);
            word_idx += if takes_value { 2 } else { 1 };
            continue;
        }
        if value == "-" {
            // `env -` is `env -i`.
            word_idx += 1;
            continue;
        }
        let Some(cluster) = value.strip_prefix('-') else {
            break;
        };
        word_idx += 1;
        for (offset, option) in cluster.char_indices() {
            if options.short_attached.contains(option) {
                break;
            }
            if options.short_values.contains(option) {
                if offset + option.len_utf8() == cluster.len() {
                    word_idx += 1;
                }
                break;
            }
        }
    }
    if options.assignments {
        while let Some(word) = words.get(word_idx) {
            if !is_assignment(word.raw()) {
                break;
            }
            assignments.push(word.clone());
            word_idx += 1;
        }
    }
    word_idx += options.n_operands;
    Some(word_idx)
}

/// Matches `python`, `python3`, `python3.12`.
fn is_python(name: &str) -> bool {
    name.strip_prefix("python")
        .is_some_and(|version| version.bytes().all(|it| it.is_ascii_digit() || it == b'.'))
}

/// For `python [-flags] -m pip ...`, the index of the `pip` word.
fn python_module_pip(words: &[Word], from: usize) -> Option<usize> {
    let mut word_idx = from;
    while let Some(word) = words.get(word_idx) {
        match word.value.as_str() {
            "-m" => {
                let module = words.get(word_idx + 1)?;
                return matches!(module.value.as_str(), "pip" | "pip3").then_some(word_idx + 1);
            }
            // Interpreter options that take a value.
            "-W" | "-X" => word_idx += 2,
            flag if flag.starts_with('-') && flag.len() > 1 && flag != "-c" => word_idx += 1,
            _ => return None,
        }
    }
    None
}

/// The script word of `sh [-options] -c 'script'` (also `-ec`, `-o pipefail -c`).
fn shell_script_arg(args: &[Word]) -> Option<&Word> {
    let mut has_c = false;
    let mut word_idx = 0;
    while let Some(arg) = args.get(word_idx) {
        let value = arg.value.as_str();
        if value == "--" || value == "-" {
            word_idx += 1;
            break;
        }
        if value.starts_with("--") {
            word_idx += 1;
            continue;
        }
        let Some(cluster) = value.strip_prefix('-').or_else(|| value.strip_prefix('+')) else {
            break;
        };
        if cluster.contains('c') {
            has_c = true;
        }
        // `-o option` and `-O shopt` take a value.
        word_idx += if cluster.ends_with('o') || cluster.ends_with('O') {
            2
        } else {
            1
        };
    }
    if has_c {
        args.get(word_idx)
    } else {
        None
    }
}

/// The script word of `su [options] -c 'script' [user]`.
fn su_script_arg(args: &[Word]) -> Option<&Word> {
    let mut word_idx = 0;
    while let Some(arg) = args.get(word_idx) {
        let value = arg.value.as_str();
        if value == "-c" || value == "--command" {
            return args.get(word_idx + 1);
        }
        word_idx += match value {
            "-s"
            | "--shell"
            | "-g"
            | "--group"
            | "-G"
            | "--supp-group"
            | "-w"
            | "--whitelist-environment" => 2,
            _ => 1,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{parse_script, SimpleCommand};

    fn command(input: &str) -> SimpleCommand {
        parse_script(input, &|_| None)
            .commands
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no command in {input:?}"))
    }

    fn check(input: &str, wrappers: &[&str], name: &str, args: &[&str]) {
        let command = command(input);
        assert_eq!(
            command
                .wrappers
                .iter()
                .map(|it| it.value.as_str())
                .collect::<Vec<_>>(),
            wrappers,
            "{input}"
        );
        assert_eq!(command.name_str(), Some(name), "{input}");
        assert_eq!(command.arg_values().collect::<Vec<_>>(), args, "{input}");
        for word in command
            .wrappers
            .iter()
            .chain(&command.name)
            .chain(&command.args)
        {
            assert_eq!(&input[word.range.clone()], word.raw());
        }
    }

    #[test]
    fn sudo_with_options_is_unwrapped() {
        check(
            "sudo -u app -E --preserve-env npm ci",
            &["sudo", "-u", "app", "-E", "--preserve-env"],
            "npm",
            &["ci"],
        );
        check(
            "sudo -- apt-get update",
            &["sudo", "--"],
            "apt-get",
            &["update"],
        );
        check("sudo -uroot id", &["sudo", "-uroot"], "id", &[]);
    }

    #[test]
    fn sudo_alone_stays_the_command() {
        check("sudo -v", &[], "sudo", &["-v"]);
    }

    #[test]
    fn env_assignments_become_command_assignments() {
        let command =
            command("env -i -u HOME DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata");
        assert_eq!(command.name_str(), Some("apt-get"));
        assert_eq!(
            command
                .wrappers
                .iter()
                .map(|it| it.value.as_str())
                .collect::<Vec<_>>(),
            ["env", "-i", "-u", "HOME"]
        );
        assert_eq!(
            command.assignment("DEBIAN_FRONTEND"),
            Some("noninteractive")
        );
    }

    #[test]
    fn env_without_command_lists_the_environment() {
        let command = command("env A=b");
        assert_eq!(command.name_str(), Some("env"));
        assert!(command.assignments.is_empty());
        assert_eq!(command.arg_values().collect::<Vec<_>>(), ["A=b"]);
    }

    #[test]
    fn xargs_options_with_values_are_skipped() {
        check(
            "xargs -r -n 1 -I{} rm -f {}",
            &["xargs", "-r", "-n", "1", "-I{}"],
            "rm",
            &["-f", "{}"],
        );
        check(
            "xargs -0 -P4 --max-args 2 chmod 644",
            &["xargs", "-0", "-P4", "--max-args", "2"],
            "chmod",
            &["644"],
        );
        check("xargs -i cp {} /x", &["xargs", "-i"], "cp", &["{}", "/x"]);
    }

    #[test]
    fn nice_time_timeout_nohup_are_unwrapped() {
        check(
            "nice -n 10 make -j4",
            &["nice", "-n", "10"],
            "make",
            &["-j4"],
        );
        check("nice -19 tar xf a", &["nice", "-19"], "tar", &["xf", "a"]);
        check(
            "time -p go build ./...",
            &["time", "-p"],
            "go",
            &["build", "./..."],
        );
        check(
            "timeout -s KILL 30s curl -f x",
            &["timeout", "-s", "KILL", "30s"],
            "curl",
            &["-f", "x"],
        );
        check(
            "nohup command exec stdbuf -oL server",
            &["nohup", "command", "exec", "stdbuf", "-oL"],
            "server",
            &[],
        );
        check(
            "gosu app:app /usr/bin/python3 -m pip install x",
            &["gosu", "app:app", "/usr/bin/python3", "-m"],
            "pip",
            &["install", "x"],
        );
    }

    #[test]
    fn command_v_is_a_lookup_not_a_wrapper() {
        check("command -v curl", &[], "command", &["-v", "curl"]);
        check("command -p curl -V", &["command", "-p"], "curl", &["-V"]);
    }

    #[test]
    fn absolute_paths_resolve_to_basenames() {
        check(
            "/usr/bin/sudo /usr/bin/apt-get -y install x",
            &["/usr/bin/sudo"],
            "apt-get",
            &["-y", "install", "x"],
        );
    }

    #[test]
    fn python_m_pip_is_pip() {
        check(
            "python3.11 -u -m pip install --no-cache-dir flask",
            &["python3.11", "-u", "-m"],
            "pip",
            &["install", "--no-cache-dir", "flask"],
        );
        check(
            "python -m venv /opt/venv",
            &[],
            "python",
            &["-m", "venv", "/opt/venv"],
        );
    }

    #[test]
    fn shell_c_scripts_are_found() {
        let script = parse_script(
            "bash -euxo pipefail -c 'curl -fsSL x | sh' && su -s /bin/sh app -c 'npm ci'",
            &|_| None,
        );
        let names: Vec<&str> = script
            .commands
            .iter()
            .filter_map(|it| it.name_str())
            .collect();
        assert_eq!(names, ["bash", "curl", "sh", "su", "npm"]);
        assert!(script.pipes_into(&["curl"], &["sh"]));
    }

    #[test]
    fn shell_without_c_has_no_script() {
        let script = parse_script("sh ./install.sh -c 'not a script'", &|_| None);
        assert_eq!(script.commands.len(), 1);
    }
}

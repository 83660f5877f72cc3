//! Shell analysis of RUN commands: a forgiving POSIX sh / bash parser that flattens a script into simple commands whose words keep exact byte ranges into the input.
//!
//! Invariants: [`parse_script`] never panics and always terminates, in roughly
//! linear time; every range it returns lies inside the input (or, for words of
//! a re-parsed `sh -c` string that cannot be mapped exactly, inside the range
//! of that string's word); unknown variables are kept as written.

mod dialect;
mod lexer;
mod parser;
pub mod tools;
mod unwrap;

use std::ops::Range;

pub use dialect::is_posix_shell;
pub use tools::{parse_options, Opt, OptValue, ParsedArgs};

/// A parsed shell script: every simple command, flattened, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    /// Every simple command in source order (by start offset), including those
    /// nested in subshells, groups, `if`/`for`/`while`/`case` bodies, function
    /// bodies, command substitutions and unwrapped `sh -c` strings.
    pub commands: Vec<SimpleCommand>,
}

/// One simple command: optional assignments, a name, arguments and redirections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimpleCommand {
    /// The command name after unwrapping `sudo`, `env`, `xargs`, ...; `None`
    /// for pure assignments or redirections.
    pub name: Option<Word>,
    /// The words after the name.
    pub args: Vec<Word>,
    /// Leading `VAR=value` words, plus the `VAR=value` words given to `env` or `sudo`.
    pub assignments: Vec<Word>,
    /// Redirections, in source order, wherever they appear in the command.
    pub redirects: Vec<Redirect>,
    /// The whole simple command in the input.
    pub range: Range<usize>,
    /// The unwrapped prefix commands with their options (`sudo -u x`, `env -i`,
    /// `xargs -n1`, `nice`, `time`, ...). Commands of an `sh -c` string also
    /// carry the outer command's wrappers followed by the shell's name word.
    pub wrappers: Vec<Word>,
    /// Index of the pipeline this command belongs to when that pipeline has
    /// more than one element (`a | b | c` share it); `None` when not piped.
    /// Indices count pipelines in source order.
    pub pipeline: Option<usize>,
    /// Position of this command's element in its pipeline (0 when not piped).
    /// All commands of a compound element (`{ a; b; } | c`) share a position.
    pub position_in_pipeline: usize,
    /// The operator preceding this command at its list level. The first
    /// command inside a subshell, group, `if` condition or loop condition
    /// inherits the operator preceding the compound command; the first command
    /// of any other list has `None`.
    pub connector_before: Option<Operator>,
    /// Nesting depth: 0 at top level, +1 per subshell, group, compound body,
    /// function body, command substitution or `sh -c` string.
    pub depth: usize,
    /// Whether the command is inside `$(...)`, backticks or `<(...)`.
    pub in_substitution: bool,
    /// The options parsed once, on first use: many rules ask for them.
    pub(crate) options: std::sync::OnceLock<ParsedArgs>,
    /// Where the basename starts in `name`'s value, found once: rules ask for command names
    /// millions of times over a corpus.
    pub(crate) name_base: usize,
}

/// A shell word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// The word with quotes removed, escapes applied and known variables
    /// resolved; unknown `$X`, `${...}`, `$(...)` and backticks are kept as written.
    pub value: String,
    /// The word as written, when it differs from `value` (read it with [`Word::raw`]). Most
    /// words are plain, and a second copy of each cost an allocation per word.
    written: Option<String>,
    /// Byte range of the word in the input.
    pub range: Range<usize>,
    /// Whether any part of the word is quoted or escaped.
    pub quoted: bool,
    /// Whether the word contains an unresolved `$` expansion, `$(...)` or backticks.
    pub has_expansion: bool,
}

impl Word {
    /// A word whose value is `value` and whose text as written is `raw`.
    pub(crate) fn new(
        value: String,
        raw: String,
        range: Range<usize>,
        quoted: bool,
        has_expansion: bool,
    ) -> Word {
        Word {
            written: (raw != value).then_some(raw),
            value,
            range,
            quoted,
            has_expansion,
        }
    }

    /// An unquoted word without expansions: its value is its text.
    pub(crate) fn plain(text: String, range: Range<usize>) -> Word {
        Word {
            value: text,
            written: None,
            range,
            quoted: false,
            has_expansion: false,
        }
    }

    /// The word as written (equal to `&input[range]` except for words of a
    /// re-parsed `sh -c` string whose offsets could not be mapped).
    pub fn raw(&self) -> &str {
        self.written.as_deref().unwrap_or(&self.value)
    }
}

/// An operator between commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;`
    Semi,
    /// `|` or `|&`
    Pipe,
    /// `&`
    Background,
    /// A newline.
    Newline,
}

/// A redirection such as `> file`, `2>&1` or `<<EOF`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The operator as written, including a leading file descriptor: `>`,
    /// `>>`, `2>`, `2>&`, `&>`, `<<<`, `<<`, `<<-`, ...
    pub op: String,
    /// The target word (`1` in `2>&1`, the delimiter of a heredoc).
    pub target: Option<Word>,
    /// The whole redirection, operator and target.
    pub range: Range<usize>,
}

/// Parses `script` (a RUN command after line continuations were removed).
///
/// `env` resolves known variables (ARG/ENV values); unresolved ones are kept
/// as written. Malformed input yields best-effort commands.
///
/// ```
/// let env = |name: &str| (name == "PKG").then(|| "curl".to_string());
/// let script = rlint_shell::parse_script("sudo apt-get install -y $PKG | tee log", &env);
/// let install = &script.commands[0];
/// assert_eq!(install.name_str(), Some("apt-get"));
/// assert_eq!(install.args[2].value, "curl");
/// assert_eq!(install.args[2].raw(), "$PKG");
/// assert!(script.has_pipe());
/// let parsed = install.parse_options();
/// assert_eq!(parsed.subcommand_str(), Some("install"));
/// assert!(parsed.has(&["-y", "--yes"]));
/// ```
pub fn parse_script(script: &str, env: &dyn Fn(&str) -> Option<String>) -> Script {
    parser::parse(script, env)
}

/// Returns the last path component: `/usr/bin/apt-get` gives `apt-get`.
pub fn basename(path: &str) -> &str {
    // A plain byte loop: rules ask for command names constantly and the names are short, so
    // `rsplit_once`'s general memrchr cost more than the search (5% of a corpus lint).
    match path.bytes().rposition(|b| b == b'/') {
        Some(slash) if slash + 1 < path.len() => &path[slash + 1..],
        _ => path,
    }
}

impl Script {
    /// The commands of each multi-element pipeline, ordered by pipeline index;
    /// within a pipeline, commands are ordered by position then source order.
    pub fn pipelines(&self) -> Vec<Vec<&SimpleCommand>> {
        let n_pipelines = self
            .commands
            .iter()
            .filter_map(|it| it.pipeline)
            .max()
            .map_or(0, |max| max + 1);
        let mut pipelines: Vec<Vec<&SimpleCommand>> = vec![Vec::new(); n_pipelines];
        for command in &self.commands {
            if let Some(pipeline) = command.pipeline.and_then(|idx| pipelines.get_mut(idx)) {
                pipeline.push(command);
            }
        }
        for pipeline in &mut pipelines {
            pipeline.sort_by_key(|it| it.position_in_pipeline);
        }
        pipelines
    }

    /// Whether any command is part of a pipe (`a | b`).
    pub fn has_pipe(&self) -> bool {
        self.commands.iter().any(|it| it.pipeline.is_some())
    }

    /// Whether a command named one of `from` is piped, directly or further
    /// down the same pipeline, into a command named one of `to`
    /// (e.g. `curl ... | sh`).
    pub fn pipes_into(&self, from: &[&str], to: &[&str]) -> bool {
        self.pipelines().iter().any(|pipeline| {
            pipeline.iter().any(|source| {
                source.name_str().is_some_and(|name| from.contains(&name))
                    && pipeline.iter().any(|sink| {
                        sink.position_in_pipeline > source.position_in_pipeline
                            && sink.name_str().is_some_and(|name| to.contains(&name))
                    })
            })
        })
    }

    /// The commands whose (unwrapped, basename) name is `name`.
    pub fn commands_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a SimpleCommand> + 'a {
        self.commands
            .iter()
            .filter(move |it| it.name_str() == Some(name))
    }
}

impl SimpleCommand {
    /// The basename of the name's value: `/usr/bin/apt-get` gives `apt-get`.
    pub fn name_str(&self) -> Option<&str> {
        self.name
            .as_ref()
            .map(|it| it.value.get(self.name_base..).unwrap_or(&it.value))
    }

    /// Whether an argument's value equals `arg`.
    pub fn has_arg(&self, arg: &str) -> bool {
        self.args.iter().any(|it| it.value == arg)
    }

    /// Whether an argument's value equals one of `args`.
    pub fn has_any_arg(&self, args: &[&str]) -> bool {
        self.args.iter().any(|it| args.contains(&it.value.as_str()))
    }

    /// The argument values.
    pub fn arg_values(&self) -> impl Iterator<Item = &str> {
        self.args.iter().map(|it| it.value.as_str())
    }

    /// Whether one of the wrappers (by basename) is `name`, e.g. `sudo`.
    pub fn is_wrapped_by(&self, name: &str) -> bool {
        self.wrappers.iter().any(|it| basename(&it.value) == name)
    }

    /// The value of an assignment `NAME=value` of this command, if any.
    pub fn assignment(&self, name: &str) -> Option<&str> {
        self.assignments.iter().rev().find_map(|it| {
            let (key, value) = it.value.split_once('=')?;
            (key == name).then_some(value)
        })
    }

    /// The arguments parsed with the option table of this command's tool
    /// (see [`tools::parse_options`]), computed once per command.
    pub fn options(&self) -> &ParsedArgs {
        self.options
            .get_or_init(|| tools::parse_options(self.name_str().unwrap_or(""), &self.args))
    }

    /// An owned copy of [`SimpleCommand::options`].
    pub fn parse_options(&self) -> ParsedArgs {
        self.options().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(script: &str) -> Script {
        parse_script(script, &|_| None)
    }

    #[test]
    fn basename_strips_directories() {
        assert_eq!(basename("/usr/bin/apt-get"), "apt-get");
        assert_eq!(basename("apt-get"), "apt-get");
        assert_eq!(basename("dir/"), "dir/");
    }

    #[test]
    fn pipelines_group_piped_commands() {
        let script = parse("curl -fsSL https://x.io/install.sh | sh && echo done");
        assert!(script.has_pipe());
        let pipelines = script.pipelines();
        assert_eq!(pipelines.len(), 1);
        let names: Vec<_> = pipelines[0].iter().filter_map(|it| it.name_str()).collect();
        assert_eq!(names, ["curl", "sh"]);
        assert!(script.pipes_into(&["curl", "wget"], &["sh", "bash"]));
        assert!(!script.pipes_into(&["sh"], &["curl"]));
    }

    #[test]
    fn no_pipe_when_commands_are_only_chained() {
        let script = parse("a && b; c || d");
        assert!(!script.has_pipe());
        assert!(script.pipelines().is_empty());
    }

    /// RUN commands in the style of real Dockerfiles (continuations removed).
    const REALISTIC_RUNS: &[&str] = &[
        "set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates curl gnupg; rm -rf /var/lib/apt/lists/*",
        "curl -fsSL https://deb.nodesource.com/setup_18.x | bash - && apt-get install -y nodejs",
        "wget -qO- https://get.docker.com | sh",
        "apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev && pip install --no-cache-dir -r requirements.txt && apk del .build-deps",
        "groupadd -r app && useradd --no-log-init -r -g app -d /home/app -s /sbin/nologin app && chown -R app:app /home/app",
        "dpkgArch=\"$(dpkg --print-architecture)\"; case \"${dpkgArch##*-}\" in amd64) ARCH='x64';; arm64) ARCH='arm64';; *) echo \"unsupported architecture\"; exit 1 ;; esac",
        "for key in 4ED778F539E3634C779C87C6D7062848A1AB005C 141F07595B7B3FFE74309A937405533BE57C7D19; do gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys \"$key\" || gpg --batch --keyserver keyserver.ubuntu.com --recv-keys \"$key\"; done",
        "if [ \"$TARGETARCH\" = \"arm64\" ]; then export GOARCH=arm64; fi && CGO_ENABLED=0 go build -ldflags=\"-w -s\" -o /bin/app ./cmd/app",
        "yum -y install epel-release && yum -y install --setopt=tsflags=nodocs nginx && yum clean all",
        "zypper --non-interactive refresh && zypper --non-interactive install --no-recommends curl && zypper clean -a",
        "npm ci --only=production && npm cache clean --force",
        "gem install bundler -v 2.4.22 --no-document && bundle config set --local without 'development test' && bundle install --jobs 4",
        "mkdir -p /opt/app && tar -xzf /tmp/app.tgz -C /opt/app --strip-components=1 && ln -sf /opt/app/bin/app /usr/local/bin/app && chmod +x /usr/local/bin/app",
        "cat <<EOF > /etc/apt/apt.conf.d/99norecommends\nAPT::Install-Recommends \"false\";\nEOF\napt-get update",
        "echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/backports.list && apt-get update && apt-get -t bookworm-backports install -y git",
        "microdnf install -y --nodocs shadow-utils && microdnf clean all",
        "(cd /src && make -j\"$(nproc)\" && make install) && ldconfig",
        "find /usr/local -type f -name '*.pyc' -delete && find / -xdev -perm /6000 -type f -exec chmod a-s {} \\; || true",
        "su -s /bin/sh -c 'pip3 install --user -U pip' app",
        "pnpm install --frozen-lockfile --prod && yarn global add serve",
    ];

    #[test]
    fn realistic_run_commands_parse_with_exact_ranges() {
        for input in REALISTIC_RUNS {
            let script = parse(input);
            assert!(!script.commands.is_empty(), "{input}");
            for command in &script.commands {
                let words = command
                    .name
                    .iter()
                    .chain(&command.args)
                    .chain(&command.wrappers);
                for word in words {
                    assert_eq!(&input[word.range.clone()], word.raw(), "{input}");
                }
                let _ = command.parse_options();
            }
        }
        let names = |input: &str| -> Vec<String> {
            parse(input)
                .commands
                .iter()
                .filter_map(|it| it.name_str().map(str::to_string))
                .collect()
        };
        assert_eq!(names(REALISTIC_RUNS[1]), ["curl", "bash", "apt-get"]);
        assert_eq!(names(REALISTIC_RUNS[13]), ["cat", "apt-get"]);
        assert_eq!(
            names(REALISTIC_RUNS[16]),
            ["cd", "make", "nproc", "make", "ldconfig"]
        );
        assert_eq!(names(REALISTIC_RUNS[18]), ["su", "pip3"]);
        assert!(parse(REALISTIC_RUNS[2]).pipes_into(&["wget"], &["sh"]));
    }

    #[test]
    fn command_helpers_answer_about_args_and_wrappers() {
        let script = parse("DEBIAN_FRONTEND=noninteractive sudo apt-get install -y curl");
        let command = &script.commands[0];
        assert_eq!(command.name_str(), Some("apt-get"));
        assert!(command.has_arg("-y"));
        assert!(command.has_any_arg(&["--yes", "-y"]));
        assert!(command.is_wrapped_by("sudo"));
        assert_eq!(
            command.assignment("DEBIAN_FRONTEND"),
            Some("noninteractive")
        );
        assert_eq!(
            command.arg_values().collect::<Vec<_>>(),
            ["install", "-y", "curl"]
        );
        let parsed = command.parse_options();
        assert_eq!(parsed.subcommand_str(), Some("install"));
        assert_eq!(script.commands_named("apt-get").count(), 1);
    }
}

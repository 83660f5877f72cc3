//! Per-tool option tables: which options take a value, so arguments split into subcommand, options and operands.
//!
//! The tables follow the tools' manuals (apt-get(8), apk(8), pip, npm, yarn,
//! pnpm, gem, yum(8)/dnf(8)/microdnf, zypper(8), `go help build`, curl(1),
//! wget(1), useradd(8), GNU tar, coreutils rm/chmod/chown/ln) for the options
//! seen in Dockerfiles; an option missing from a table is read as a flag
//! unless it is written `--name=value`.

use std::ops::Range;

use crate::{basename, Word};

/// Arguments of a command split by its tool's option table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedArgs {
    /// The subcommand (`install` in `apt-get -y install curl`) and its range,
    /// for tools that have subcommands.
    pub subcommand: Option<(String, Range<usize>)>,
    /// The options, in order.
    pub options: Vec<Opt>,
    /// The remaining operands (packages, files, URLs, ...).
    pub operands: Vec<Word>,
}

/// One option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    /// The option as written, without a value: `-y`, `--yes`, `-o`, `--setopt`;
    /// each letter of a cluster (`-qy`) is its own option.
    pub name: String,
    /// The option's value, attached (`-ofile`, `--opt=value`) or separate.
    pub value: Option<OptValue>,
    /// The option in the input, including its value (for a letter of a
    /// cluster, that letter and any attached value).
    pub range: Range<usize>,
}

/// The value of an option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptValue {
    /// The value with quotes removed.
    pub value: String,
    /// Its range in the input (the whole word when quoting makes the exact
    /// offsets unknown).
    pub range: Range<usize>,
}

impl ParsedArgs {
    /// Whether an option named one of `names` is present (`&["-y", "--yes"]`).
    pub fn has(&self, names: &[&str]) -> bool {
        self.options
            .iter()
            .any(|it| names.contains(&it.name.as_str()))
    }

    /// The value of the last option named one of `names`.
    pub fn value_of(&self, names: &[&str]) -> Option<&OptValue> {
        self.options
            .iter()
            .rev()
            .find(|it| names.contains(&it.name.as_str()))
            .and_then(|it| it.value.as_ref())
    }

    /// The subcommand's text.
    pub fn subcommand_str(&self) -> Option<&str> {
        self.subcommand.as_ref().map(|(name, _)| name.as_str())
    }

    /// The operand values.
    pub fn operand_values(&self) -> impl Iterator<Item = &str> {
        self.operands.iter().map(|it| it.value.as_str())
    }
}

/// Which options of a tool take a value.
struct OptTable {
    /// Short options whose value is attached (`-ofile`) or the next word.
    short_values: &'static str,
    /// Short options whose optional value can only be attached.
    short_attached: &'static str,
    /// Long options (without dashes) whose value is `=value` or the next word.
    long_values: &'static [&'static str],
}

/// How a tool parses its command line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// getopt_long: clusters, permuted operands, `--` ends options.
    Gnu,
    /// GNU tar: like `Gnu`, and a first argument without a dash is a cluster
    /// whose value-taking letters consume the following words (`tar xzf a.tgz`).
    Tar,
    /// chmod: a mode such as `-x` or `-rwx` is an operand.
    Chmod,
    /// Go's flag package: one or two dashes, no clusters, stop at the first operand.
    Go,
    /// Unknown tools: getopt, except that a single-dash word with anything
    /// but letters and digits (`-j$(nproc)`, `-DX=1`) is one option.
    Generic,
}

struct ToolSpec {
    /// Options before the subcommand.
    global: &'static OptTable,
    /// Options after the subcommand (or of a tool without subcommands).
    command: &'static OptTable,
    has_subcommand: bool,
    style: Style,
}

const fn table(short_values: &'static str, long_values: &'static [&'static str]) -> OptTable {
    OptTable {
        short_values,
        short_attached: "",
        long_values,
    }
}

const NONE: OptTable = table("", &[]);

const APT: OptTable = table(
    "ocatP",
    &[
        "option",
        "config-file",
        "target-release",
        "default-release",
        "host-architecture",
        "build-profiles",
    ],
);

/// aptitude's own options: `-P` asks for confirmation (no value), and its display options take
/// one.
const APTITUDE: OptTable = table(
    "FOoStw",
    &[
        "display-format",
        "sort",
        "option",
        "target-release",
        "width",
        "add-user-tag",
        "add-user-tag-to",
        "remove-user-tag",
        "remove-user-tag-from",
        "group-by",
        "log-file",
        "log-level",
    ],
);

const APK: OptTable = table(
    "Xpt",
    &[
        "repository",
        "root",
        "virtual",
        "repositories-file",
        "keys-dir",
        "cache-dir",
        "arch",
        "progress-fd",
        "wait",
        "cache-max-age",
        "timeout",
    ],
);

const PIP: OptTable = table(
    "rceitfdwCb",
    &[
        "requirement",
        "constraint",
        "editable",
        "index-url",
        "extra-index-url",
        "target",
        "find-links",
        "dest",
        "wheel-dir",
        "config-settings",
        "prefix",
        "root",
        "src",
        "upgrade-strategy",
        "progress-bar",
        "platform",
        "python-version",
        "implementation",
        "abi",
        "no-binary",
        "only-binary",
        "trusted-host",
        "cache-dir",
        "log",
        "log-file",
        "proxy",
        "retries",
        "timeout",
        "exists-action",
        "cert",
        "client-cert",
        "global-option",
        "install-option",
        "build-option",
        "root-user-action",
        "python",
        "report",
        "keyring-provider",
        "use-feature",
        "use-deprecated",
        "group",
        "build",
    ],
);

const NPM: OptTable = table(
    "wC",
    &[
        "prefix",
        "registry",
        "cache",
        "userconfig",
        "globalconfig",
        "loglevel",
        "tag",
        "workspace",
        "omit",
        "include",
        "only",
        "install-strategy",
        "access",
        "otp",
        "location",
        "script-shell",
        "node-options",
        "before",
        "auth-type",
        "scope",
        "save-prefix",
        "fetch-retries",
        "fetch-timeout",
        "maxsockets",
        "proxy",
        "https-proxy",
        "cafile",
        "lockfile-version",
        "userconfig",
    ],
);

const YARN: OptTable = table(
    "",
    &[
        "cwd",
        "modules-folder",
        "cache-folder",
        "network-timeout",
        "mutex",
        "registry",
        "global-folder",
        "link-folder",
        "use-yarnrc",
        "network-concurrency",
        "preferred-cache-folder",
        "otp",
        "mode",
    ],
);

const PNPM: OptTable = table(
    "FC",
    &[
        "filter",
        "filter-prod",
        "dir",
        "store-dir",
        "reporter",
        "registry",
        "fetch-timeout",
        "network-concurrency",
        "child-concurrency",
        "virtual-store-dir",
        "modules-dir",
        "lockfile-dir",
        "package-import-method",
        "workspace-concurrency",
        "loglevel",
        "node-linker",
        "resolution-mode",
        "test-pattern",
        "changed-files-ignore-pattern",
    ],
);

// gem: `-p [PROXY]` and `-g [FILE]` take optional values, attached here.
const GEM: OptTable = OptTable {
    short_attached: "pg",
    ..table(
        "vinsPB",
        &[
            "version",
            "install-dir",
            "bindir",
            "source",
            "trust-policy",
            "bulk-threshold",
            "platform",
            "build-root",
            "config-file",
            "target-rbconfig",
        ],
    )
};

const YUM: OptTable = table(
    "cdeRx",
    &[
        "config",
        "debuglevel",
        "errorlevel",
        "randomwait",
        "installroot",
        "releasever",
        "setopt",
        "enablerepo",
        "disablerepo",
        "exclude",
        "excludepkgs",
        "repo",
        "repoid",
        "disableexcludes",
        "disableexcludepkgs",
        "downloaddir",
        "destdir",
        "color",
        "enableplugin",
        "disableplugin",
        "forcearch",
        "repofrompath",
        "rpmverbosity",
        "advisory",
        "advisories",
        "bz",
        "bzs",
        "cve",
        "cves",
        "sec-severity",
        "secseverity",
        "comment",
        "platform-id",
    ],
);

const ZYPPER_GLOBAL: OptTable = table(
    "cDCRps",
    &[
        "config",
        "reposd-dir",
        "cache-dir",
        "raw-cache-dir",
        "solv-cache-dir",
        "pkg-cache-dir",
        "root",
        "installroot",
        "plus-repo",
        "plus-content",
        "userdata",
        "table-style",
    ],
);

// After the subcommand: install's `--from`/`-r`, `-t`, `--download`, and
// addrepo's `-p` priority; install's `-n`/`--name` and `-D`/`--dry-run` are flags.
const ZYPPER_COMMAND: OptTable = table("rtp", &["repo", "from", "type", "download", "priority"]);

// Go flags are names without dashes; both `-o x` and `--o=x` work.
const GO: OptTable = table(
    "",
    &[
        "o",
        "ldflags",
        "gcflags",
        "asmflags",
        "tags",
        "p",
        "mod",
        "modfile",
        "pkgdir",
        "buildmode",
        "compiler",
        "gccgoflags",
        "installsuffix",
        "overlay",
        "pgo",
        "C",
        "exec",
        "run",
        "skip",
        "bench",
        "benchtime",
        "count",
        "timeout",
        "coverprofile",
        "covermode",
        "coverpkg",
        "cpu",
        "parallel",
        "toolexec",
        "vet",
        "fuzz",
        "fuzztime",
        "outputdir",
        "memprofile",
        "cpuprofile",
        "blockprofile",
        "mutexprofile",
        "trace",
        "shuffle",
    ],
);

const CURL: OptTable = table(
    "AbcCdDEeFHKmoPQrTtuUwxXyYz",
    &[
        "output",
        "request",
        "header",
        "data",
        "data-binary",
        "data-raw",
        "data-urlencode",
        "data-ascii",
        "user",
        "user-agent",
        "referer",
        "proxy",
        "max-time",
        "connect-timeout",
        "retry",
        "retry-delay",
        "retry-max-time",
        "write-out",
        "upload-file",
        "form",
        "form-string",
        "cookie",
        "cookie-jar",
        "range",
        "time-cond",
        "continue-at",
        "config",
        "cert",
        "key",
        "cacert",
        "capath",
        "cert-type",
        "key-type",
        "pass",
        "ciphers",
        "interface",
        "dns-servers",
        "resolve",
        "connect-to",
        "limit-rate",
        "speed-limit",
        "speed-time",
        "max-filesize",
        "max-redirs",
        "proto",
        "proto-redir",
        "proto-default",
        "output-dir",
        "dump-header",
        "stderr",
        "trace",
        "trace-ascii",
        "url",
        "proxy-user",
        "noproxy",
        "netrc-file",
        "oauth2-bearer",
        "json",
        "variable",
        "pinnedpubkey",
        "hostpubmd5",
        "ftp-port",
        "quote",
        "telnet-option",
        "unix-socket",
        "abstract-unix-socket",
        "preproxy",
        "socks4",
        "socks4a",
        "socks5",
        "socks5-hostname",
        "proxy-cacert",
        "proxy-header",
        "proxy-cert",
        "proxy-key",
        "tls-max",
        "expect100-timeout",
        "keepalive-time",
        "local-port",
        "parallel-max",
        "etag-save",
        "etag-compare",
        "doh-url",
        "aws-sigv4",
        "create-file-mode",
        "rate",
        "hsts",
        "alt-svc",
        "curves",
        "tls13-ciphers",
        "engine",
    ],
);

// wget: `-nv`, `-nc`, `-nd`, `-nH`, `-np` are `-n` with an attached value.
const WGET: OptTable = table(
    "oaeiBtOTwQPlARDIXUn",
    &[
        "output-document",
        "output-file",
        "append-output",
        "directory-prefix",
        "tries",
        "timeout",
        "user-agent",
        "execute",
        "input-file",
        "base",
        "wait",
        "quota",
        "level",
        "accept",
        "reject",
        "domains",
        "exclude-directories",
        "include-directories",
        "header",
        "user",
        "password",
        "http-user",
        "http-password",
        "ca-certificate",
        "ca-directory",
        "certificate",
        "certificate-type",
        "private-key",
        "private-key-type",
        "post-data",
        "post-file",
        "method",
        "body-data",
        "body-file",
        "referer",
        "load-cookies",
        "save-cookies",
        "limit-rate",
        "dns-timeout",
        "connect-timeout",
        "read-timeout",
        "waitretry",
        "bind-address",
        "progress",
        "secure-protocol",
        "cut-dirs",
        "restrict-file-names",
        "default-page",
        "config",
        "report-speed",
        "local-encoding",
        "remote-encoding",
        "max-redirect",
        "retry-on-http-error",
        "ftp-user",
        "ftp-password",
        "proxy-user",
        "proxy-password",
        "accept-regex",
        "reject-regex",
        "regex-type",
        "exclude-domains",
        "follow-tags",
        "ignore-tags",
        "prefer-family",
        "rejected-log",
        "ciphers",
        "crl-file",
        "pinnedpubkey",
        "hsts-file",
        "warc-file",
        "warc-header",
        "warc-max-size",
        "backups",
        "compression",
    ],
);

const USERADD: OptTable = table(
    "bcdefgGkKpsuRPZ",
    &[
        "base-dir",
        "comment",
        "home-dir",
        "expiredate",
        "inactive",
        "gid",
        "groups",
        "skel",
        "key",
        "password",
        "shell",
        "uid",
        "root",
        "prefix",
        "selinux-user",
        "selinux-range",
    ],
);

const TAR: OptTable = table(
    "fCTXbHIgKLNVF",
    &[
        "file",
        "directory",
        "files-from",
        "exclude-from",
        "blocking-factor",
        "format",
        "use-compress-program",
        "listed-incremental",
        "starting-file",
        "tape-length",
        "newer",
        "after-date",
        "newer-mtime",
        "label",
        "info-script",
        "new-volume-script",
        "exclude",
        "strip-components",
        "owner",
        "group",
        "mode",
        "mtime",
        "transform",
        "xform",
        "sort",
        "index-file",
        "record-size",
        "rmt-command",
        "rsh-command",
        "volno-file",
        "suffix",
        "to-command",
        "checkpoint-action",
        "level",
        "hole-detection",
        "warning",
        "quoting-style",
        "quote-chars",
        "no-quote-chars",
        "pax-option",
        "owner-map",
        "group-map",
    ],
);

const CHMOD: OptTable = table("", &["reference"]);
const CHOWN: OptTable = table("", &["reference", "from"]);
const LN: OptTable = table("St", &["suffix", "target-directory"]);

const fn spec(table: &'static OptTable, has_subcommand: bool) -> ToolSpec {
    ToolSpec {
        global: table,
        command: table,
        has_subcommand,
        style: Style::Gnu,
    }
}

const GENERIC: ToolSpec = ToolSpec {
    style: Style::Generic,
    ..spec(&NONE, false)
};

fn tool_spec(tool: &str) -> ToolSpec {
    match tool {
        "apt-get" | "apt" | "apt-cache" => spec(&APT, true),
        "aptitude" => spec(&APTITUDE, true),
        "apk" => spec(&APK, true),
        "pip" => spec(&PIP, true),
        "npm" => spec(&NPM, true),
        "yarn" => spec(&YARN, true),
        "pnpm" => spec(&PNPM, true),
        "gem" => spec(&GEM, true),
        // Photon's tdnf takes yum's options.
        "yum" | "dnf" | "microdnf" | "tdnf" => spec(&YUM, true),
        "zypper" => ToolSpec {
            global: &ZYPPER_GLOBAL,
            command: &ZYPPER_COMMAND,
            has_subcommand: true,
            style: Style::Gnu,
        },
        "go" => ToolSpec {
            global: &NONE,
            command: &GO,
            has_subcommand: true,
            style: Style::Go,
        },
        "curl" => spec(&CURL, false),
        "wget" => spec(&WGET, false),
        "useradd" => spec(&USERADD, false),
        "tar" => ToolSpec {
            style: Style::Tar,
            ..spec(&TAR, false)
        },
        "chmod" => ToolSpec {
            style: Style::Chmod,
            ..spec(&CHMOD, false)
        },
        "chown" => spec(&CHOWN, false),
        "ln" => spec(&LN, false),
        _ => GENERIC,
    }
}

/// Normalizes a tool name: basename, and `pip3`/`pip3.12` become `pip`.
fn normalize_tool(tool: &str) -> &str {
    let base = basename(tool);
    match base.strip_prefix("pip") {
        Some(version) if version.bytes().all(|it| it.is_ascii_digit() || it == b'.') => "pip",
        _ => base,
    }
}

/// The range of `value[from..to]` in the input when the word is written
/// verbatim, else the whole word (also for words of an `sh -c` string whose
/// ranges were mapped to the string).
fn part_range(word: &Word, from: usize, to: usize) -> Range<usize> {
    let verbatim = word.raw() == word.value && word.range.len() == word.raw().len();
    if verbatim && from <= to && to <= word.value.len() {
        word.range.start + from..word.range.start + to
    } else {
        word.range.clone()
    }
}

fn attached(word: &Word, from: usize) -> OptValue {
    OptValue {
        value: word.value.get(from..).unwrap_or("").to_string(),
        range: part_range(word, from, word.value.len()),
    }
}

fn separate(word: &Word) -> OptValue {
    OptValue {
        value: word.value.clone(),
        range: word.range.clone(),
    }
}

/// Splits the arguments of `tool` (after unwrapping; `/usr/bin/pip3` works)
/// into subcommand, options and operands.
///
/// Supports `--opt=value`, `--opt value`, `-ovalue`, `-o value`, clusters
/// `-qy` and `-xzf file`, `-q=2` (apt), `--` ending options, global options
/// before a subcommand (`zypper --non-interactive install`), old-style
/// `tar xzf file`, chmod modes like `-x`, and Go's single-dash flags.
pub fn parse_options(tool: &str, args: &[Word]) -> ParsedArgs {
    let spec = tool_spec(normalize_tool(tool));
    let mut parsed = ParsedArgs::default();
    let mut table = if spec.has_subcommand {
        spec.global
    } else {
        spec.command
    };
    let mut options_ended = false;
    let mut arg_idx = 0;
    if spec.style == Style::Tar {
        if let Some(first) = args.first() {
            let letters = first.value.as_str();
            if !letters.starts_with('-')
                && !letters.is_empty()
                && letters.bytes().all(|it| it.is_ascii_alphabetic())
            {
                arg_idx = 1;
                for (offset, letter) in letters.char_indices() {
                    let range = part_range(first, offset, offset + letter.len_utf8());
                    let value = if table.short_values.contains(letter) {
                        arg_idx += 1;
                        args.get(arg_idx - 1).map(separate)
                    } else {
                        None
                    };
                    parsed.options.push(Opt {
                        name: short_name(letter),
                        value,
                        range,
                    });
                }
            }
        }
    }
    while let Some(word) = args.get(arg_idx) {
        arg_idx += 1;
        let value = word.value.as_str();
        let is_operand = options_ended
            || !value.starts_with('-')
            || value == "-"
            || (spec.style == Style::Chmod && is_chmod_mode(value));
        if is_operand {
            if spec.has_subcommand && parsed.subcommand.is_none() {
                parsed.subcommand = Some((word.value.clone(), word.range.clone()));
                table = spec.command;
            } else {
                // Go stops at the first operand, except after the verb of
                // `go mod download -x` or `go work sync`.
                let go_verb = parsed.operands.is_empty()
                    && matches!(parsed.subcommand_str(), Some("mod" | "work"));
                parsed.operands.push(word.clone());
                if spec.style == Style::Go && !go_verb {
                    options_ended = true;
                }
            }
            continue;
        }
        if value == "--" {
            options_ended = true;
            continue;
        }
        let whole_word = match spec.style {
            Style::Go => true,
            Style::Generic => !value.bytes().skip(1).all(|it| it.is_ascii_alphanumeric()),
            _ => false,
        };
        let long = if whole_word {
            Some(value.trim_start_matches('-'))
        } else {
            value.strip_prefix("--")
        };
        if let Some(long) = long {
            let dashes = value.len() - long.len();
            let option = match long.split_once('=') {
                Some((name, _)) => Opt {
                    name: value
                        .get(..dashes + name.len())
                        .unwrap_or(value)
                        .to_string(),
                    value: Some(attached(word, dashes + name.len() + 1)),
                    range: word.range.clone(),
                },
                None if table.long_values.contains(&long) && arg_idx < args.len() => {
                    let value_word = &args[arg_idx];
                    arg_idx += 1;
                    Opt {
                        name: value.to_string(),
                        value: Some(separate(value_word)),
                        range: word.range.start..value_word.range.end.max(word.range.start),
                    }
                }
                None => Opt {
                    name: value.to_string(),
                    value: None,
                    range: word.range.clone(),
                },
            };
            parsed.options.push(option);
            continue;
        }
        // A cluster of short options.
        for (offset, letter) in value.char_indices().skip(1) {
            let after = offset + letter.len_utf8();
            let rest = value.get(after..).unwrap_or("");
            let name = short_name(letter);
            if table.short_values.contains(letter)
                || table.short_attached.contains(letter)
                || rest.starts_with('=')
            {
                let option = if rest.starts_with('=') {
                    Opt {
                        name,
                        value: Some(attached(word, after + 1)),
                        range: part_range(word, offset, value.len()),
                    }
                } else if !rest.is_empty() {
                    Opt {
                        name,
                        value: Some(attached(word, after)),
                        range: part_range(word, offset, value.len()),
                    }
                } else if table.short_values.contains(letter) && arg_idx < args.len() {
                    let value_word = &args[arg_idx];
                    arg_idx += 1;
                    let start = part_range(word, offset, after).start;
                    Opt {
                        name,
                        value: Some(separate(value_word)),
                        range: start..value_word.range.end.max(start),
                    }
                } else {
                    Opt {
                        name,
                        value: None,
                        range: part_range(word, offset, after),
                    }
                };
                parsed.options.push(option);
                break;
            }
            parsed.options.push(Opt {
                name,
                value: None,
                range: part_range(word, offset, after),
            });
        }
    }
    parsed
}

/// `-x` for the letter `x`, built directly: `format!` cost several times more, once per short
/// option of every command.
fn short_name(letter: char) -> String {
    let mut name = String::with_capacity(1 + letter.len_utf8());
    name.push('-');
    name.push(letter);
    name
}

/// chmod's symbolic modes may start with a dash: `chmod -x file`.
fn is_chmod_mode(value: &str) -> bool {
    value.len() > 1
        && value
            .bytes()
            .skip(1)
            .all(|it| b"rwxXstugoa=+-,01234567".contains(&it))
}

#[cfg(test)]
mod tests {
    use crate::parse_script;

    /// Parses `input` (one command) and returns (subcommand, options as
    /// `name` or `name=value`, operands).
    fn check(input: &str) -> (Option<String>, Vec<String>, Vec<String>) {
        let script = parse_script(input, &|_| None);
        let Some(command) = script.commands.first() else {
            return (None, Vec::new(), Vec::new());
        };
        let parsed = command.parse_options();
        for option in &parsed.options {
            assert!(input.get(option.range.clone()).is_some());
            if let Some(value) = &option.value {
                if !value.value.is_empty()
                    && !input[value.range.clone()].contains(['\'', '"', '\\'])
                {
                    assert_eq!(input[value.range.clone()], value.value, "{input}");
                }
            }
        }
        let options = parsed
            .options
            .iter()
            .map(|it| match &it.value {
                Some(value) => format!("{}={}", it.name, value.value),
                None => it.name.clone(),
            })
            .collect();
        let operands = parsed.operand_values().map(str::to_string).collect();
        (parsed.subcommand.map(|it| it.0), options, operands)
    }

    fn sub(name: &str) -> Option<String> {
        Some(name.to_string())
    }

    #[test]
    fn apt_get_install_with_option_values() {
        let (subcommand, options, operands) = check(
            "apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold curl",
        );
        assert_eq!(subcommand, sub("install"));
        assert_eq!(
            options,
            [
                "-y",
                "--no-install-recommends",
                "-o=Dpkg::Options::=--force-confold"
            ]
        );
        assert_eq!(operands, ["curl"]);
    }

    #[test]
    fn apt_global_options_and_quiet_levels() {
        let (subcommand, options, operands) =
            check("apt -qq -y -q=2 -t bookworm-backports install git");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["-q", "-q", "-y", "-q=2", "-t=bookworm-backports"]);
        assert_eq!(operands, ["git"]);
    }

    /// aptitude's `-P` is a flag and its `-w` takes a value (apt's table has them the other way
    /// round); tdnf reads yum's table.
    #[test]
    fn aptitude_and_tdnf_options() {
        let (subcommand, options, operands) = check("aptitude -P -w 80 -t sid install git");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["-P", "-w=80", "-t=sid"]);
        assert_eq!(operands, ["git"]);
        let (subcommand, options, operands) =
            check("tdnf --releasever 5.0 -y install --enablerepo photon-updates tar");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(
            options,
            ["--releasever=5.0", "-y", "--enablerepo=photon-updates"]
        );
        assert_eq!(operands, ["tar"]);
    }

    #[test]
    fn apk_virtual_takes_a_value() {
        let (subcommand, options, operands) = check(
            "apk add --no-cache --virtual .build-deps gcc musl-dev -X http://dl-cdn/edge/testing",
        );
        assert_eq!(subcommand, sub("add"));
        assert_eq!(
            options,
            [
                "--no-cache",
                "--virtual=.build-deps",
                "-X=http://dl-cdn/edge/testing"
            ]
        );
        assert_eq!(operands, ["gcc", "musl-dev"]);
    }

    #[test]
    fn pip_requirement_file_and_packages() {
        let (subcommand, options, operands) =
            check("pip3 install --no-cache-dir -r requirements.txt --index-url=https://pypi/simple flask==2.0 -U");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(
            options,
            [
                "--no-cache-dir",
                "-r=requirements.txt",
                "--index-url=https://pypi/simple",
                "-U"
            ]
        );
        assert_eq!(operands, ["flask==2.0"]);
    }

    #[test]
    fn python_m_pip_uses_the_pip_table() {
        let (subcommand, options, operands) =
            check("python3 -m pip install -e . -c constraints.txt");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["-e=.", "-c=constraints.txt"]);
        assert!(operands.is_empty());
    }

    #[test]
    fn npm_yarn_pnpm() {
        let (subcommand, options, operands) =
            check("npm install --save-dev --loglevel warn -g typescript");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["--save-dev", "--loglevel=warn", "-g"]);
        assert_eq!(operands, ["typescript"]);
        let (subcommand, options, operands) =
            check("yarn install --production --frozen-lockfile --network-timeout 100000");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(
            options,
            [
                "--production",
                "--frozen-lockfile",
                "--network-timeout=100000"
            ]
        );
        assert!(operands.is_empty());
        let (subcommand, options, operands) = check("pnpm --filter web install --prod -C app");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["--filter=web", "--prod", "-C=app"]);
        assert!(operands.is_empty());
    }

    #[test]
    fn gem_version_value() {
        let (subcommand, options, operands) = check("gem install --no-document bundler -v 2.4.22");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["--no-document", "-v=2.4.22"]);
        assert_eq!(operands, ["bundler"]);
    }

    #[test]
    fn yum_dnf_microdnf() {
        let (subcommand, options, operands) = check("yum install -y --setopt=tsflags=nodocs httpd");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["-y", "--setopt=tsflags=nodocs"]);
        assert_eq!(operands, ["httpd"]);
        let (subcommand, options, operands) =
            check("dnf -y --enablerepo crb install --nodocs gcc && dnf clean all");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["-y", "--enablerepo=crb", "--nodocs"]);
        assert_eq!(operands, ["gcc"]);
        let (subcommand, options, _) =
            check("microdnf install --nodocs --setopt=install_weak_deps=0 shadow-utils");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(options, ["--nodocs", "--setopt=install_weak_deps=0"]);
    }

    #[test]
    fn zypper_global_options_before_subcommand() {
        let (subcommand, options, operands) =
            check("zypper --non-interactive --gpg-auto-import-keys install -y --no-recommends -r repo-oss curl");
        assert_eq!(subcommand, sub("install"));
        assert_eq!(
            options,
            [
                "--non-interactive",
                "--gpg-auto-import-keys",
                "-y",
                "--no-recommends",
                "-r=repo-oss"
            ]
        );
        assert_eq!(operands, ["curl"]);
        // `-n` is a global flag; `-D` is a global value but `--dry-run` after the subcommand.
        let (_, options, operands) = check("zypper -n -D /repos in -D vim");
        assert_eq!(options, ["-n", "-D=/repos", "-D"]);
        assert_eq!(operands, ["vim"]);
    }

    #[test]
    fn go_single_dash_flags() {
        let (subcommand, options, operands) =
            check("go build -trimpath -ldflags \"-s -w\" -o /out/app -tags=netgo ./cmd/app");
        assert_eq!(subcommand, sub("build"));
        assert_eq!(
            options,
            ["-trimpath", "-ldflags=-s -w", "-o=/out/app", "-tags=netgo"]
        );
        assert_eq!(operands, ["./cmd/app"]);
        let (subcommand, options, operands) = check("go install golang.org/x/tools/gopls@v0.15.0");
        assert_eq!(subcommand, sub("install"));
        assert!(options.is_empty());
        assert_eq!(operands, ["golang.org/x/tools/gopls@v0.15.0"]);
        let (_, _, operands) = check("go run . -v");
        assert_eq!(operands, [".", "-v"]);
        let (subcommand, options, operands) = check("go mod download -x");
        assert_eq!(subcommand, sub("mod"));
        assert_eq!(options, ["-x"]);
        assert_eq!(operands, ["download"]);
    }

    #[test]
    fn curl_and_wget_outputs() {
        let (subcommand, options, operands) =
            check("curl -fsSL -o /tmp/x.tgz -H 'Accept: x' https://example.com/x.tgz");
        assert_eq!(subcommand, None);
        assert_eq!(
            options,
            ["-f", "-s", "-S", "-L", "-o=/tmp/x.tgz", "-H=Accept: x"]
        );
        assert_eq!(operands, ["https://example.com/x.tgz"]);
        let (_, options, operands) = check("curl -sLo out --retry 3 url");
        assert_eq!(options, ["-s", "-L", "-o=out", "--retry=3"]);
        assert_eq!(operands, ["url"]);
        let (_, options, operands) = check("wget -q -O - https://x/key.gpg");
        assert_eq!(options, ["-q", "-O=-"]);
        assert_eq!(operands, ["https://x/key.gpg"]);
        let (_, options, operands) = check("wget -nv -qO- --no-check-certificate https://x");
        assert_eq!(options, ["-n=v", "-q", "-O=-", "--no-check-certificate"]);
        assert_eq!(operands, ["https://x"]);
    }

    #[test]
    fn useradd_values() {
        let (_, options, operands) =
            check("useradd -u 1000 -g app -m -s /bin/bash --no-log-init app");
        assert_eq!(
            options,
            ["-u=1000", "-g=app", "-m", "-s=/bin/bash", "--no-log-init"]
        );
        assert_eq!(operands, ["app"]);
    }

    #[test]
    fn tar_clusters_and_old_style() {
        let (_, options, operands) = check("tar -xzf file.tgz -C /opt --strip-components=1");
        assert_eq!(
            options,
            ["-x", "-z", "-f=file.tgz", "-C=/opt", "--strip-components=1"]
        );
        assert!(operands.is_empty());
        let (_, options, operands) =
            check("tar xzf node.tar.gz -C /usr/local --exclude '*.md' bin");
        assert_eq!(
            options,
            [
                "-x",
                "-z",
                "-f=node.tar.gz",
                "-C=/usr/local",
                "--exclude=*.md"
            ]
        );
        assert_eq!(operands, ["bin"]);
    }

    #[test]
    fn rm_chmod_chown_ln() {
        let (_, options, operands) = check("rm -rf /var/lib/apt/lists/*");
        assert_eq!(options, ["-r", "-f"]);
        assert_eq!(operands, ["/var/lib/apt/lists/*"]);
        let (_, options, operands) = check("chmod -R 755 /app");
        assert_eq!(options, ["-R"]);
        assert_eq!(operands, ["755", "/app"]);
        let (_, options, operands) = check("chmod -x /bin/tool");
        assert!(options.is_empty());
        assert_eq!(operands, ["-x", "/bin/tool"]);
        let (_, options, operands) = check("chown -R app:app /home/app --from=root");
        assert_eq!(options, ["-R", "--from=root"]);
        assert_eq!(operands, ["app:app", "/home/app"]);
        let (_, options, operands) = check("ln -sf /usr/bin/python3 /usr/bin/python");
        assert_eq!(options, ["-s", "-f"]);
        assert_eq!(operands, ["/usr/bin/python3", "/usr/bin/python"]);
    }

    #[test]
    fn double_dash_ends_options() {
        let (_, options, operands) = check("rm -f -- -weird-file");
        assert_eq!(options, ["-f"]);
        assert_eq!(operands, ["-weird-file"]);
    }

    #[test]
    fn option_ranges_point_at_the_text() {
        let input = "curl -sLo out --output=x url";
        let script = parse_script(input, &|_| None);
        let parsed = script.commands[0].parse_options();
        let texts: Vec<&str> = parsed
            .options
            .iter()
            .map(|it| &input[it.range.clone()])
            .collect();
        assert_eq!(texts, ["s", "L", "o out", "--output=x"]);
        let values: Vec<&str> = parsed
            .options
            .iter()
            .filter_map(|it| it.value.as_ref())
            .map(|it| &input[it.range.clone()])
            .collect();
        assert_eq!(values, ["out", "x"]);
    }

    #[test]
    fn options_of_remapped_sh_c_words_use_the_whole_word() {
        let input = "sh -c \"tar -xzf \\\"é.tgz\\\"\"";
        let script = parse_script(input, &|_| None);
        let tar = &script.commands[1];
        assert_eq!(tar.name_str(), Some("tar"));
        let parsed = tar.parse_options();
        for option in &parsed.options {
            assert_eq!(option.range, script.commands[0].args[1].range);
        }
        assert_eq!(
            parsed.value_of(&["-f"]).map(|it| it.value.as_str()),
            Some("é.tgz")
        );
    }

    #[test]
    fn value_option_at_the_end_has_no_value() {
        let (_, options, _) = check("curl -o");
        assert_eq!(options, ["-o"]);
    }

    #[test]
    fn unknown_tools_read_options_as_flags() {
        let (subcommand, options, operands) = check("make -j4 --keep-going=yes all");
        assert_eq!(subcommand, None);
        assert_eq!(options, ["-j", "-4", "--keep-going=yes"]);
        assert_eq!(operands, ["all"]);
        let (_, options, operands) = check("cmake -DCMAKE_BUILD_TYPE=Release -j\"$(nproc)\" ..");
        assert_eq!(options, ["-DCMAKE_BUILD_TYPE=Release", "-j$(nproc)"]);
        assert_eq!(operands, [".."]);
    }
}

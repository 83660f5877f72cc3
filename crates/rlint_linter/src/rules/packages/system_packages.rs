//! Shared helpers of the system package manager rules (apt, apk, yum/dnf/tdnf, zypper).

use crate::diagnostic::{Edit, Fix};
use crate::model::{Run, RunScript};
use rlint_shell::{basename, ParsedArgs, SimpleCommand, Word};
use rlint_syntax::{TextRange, TextSize};

/// The targets of the RUN's `--mount=type=cache` and `type=tmpfs` mounts.
pub(crate) fn cache_mount_targets(run: &Run) -> impl Iterator<Item = &str> {
    run.mounts.iter().filter_map(|mount| {
        let mut mount_type = "bind";
        let mut target = None;
        for field in mount.split(',') {
            match field.split_once('=') {
                Some(("type", value)) => mount_type = value,
                Some(("target" | "dst" | "destination", value)) => {
                    target = Some(value.trim_matches(|c| c == '"' || c == '\''))
                }
                _ => {}
            }
        }
        let target = target?;
        matches!(mount_type, "cache" | "tmpfs").then_some(target)
    })
}

/// Whether a cache or tmpfs mount of the RUN keeps `path` out of the layer: the mount is on
/// `path` or on a directory above it. A target that merely contains `path` also counts, as in
/// hadolint.
pub(crate) fn path_is_cache_mounted(run: &Run, path: &str) -> bool {
    cache_mount_targets(run).any(|target| {
        let trimmed = target.trim_end_matches('/');
        target.contains(path) || is_under(path, trimmed)
    })
}

/// Whether `path` is `dir` or lies below it (`dir` without a trailing slash).
fn is_under(path: &str, dir: &str) -> bool {
    if dir.is_empty() {
        return path.starts_with('/');
    }
    path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Whether `cmd` is an `rm` deleting `dir` or its contents (`dir`, `dir/`, `dir/*`), or a
/// directory above it (`/var/lib/apt/*` deletes `/var/lib/apt/lists`).
pub(crate) fn removes(cmd: &SimpleCommand, dir: &str) -> bool {
    if cmd.name_str() == Some("find") {
        return find_deletes(cmd, dir);
    }
    if cmd.name_str() != Some("rm") {
        return false;
    }
    cmd.options().operands.iter().any(|operand| {
        let base = operand.value.trim_end_matches('/');
        let base = base.strip_suffix("/*").unwrap_or(base);
        !base.is_empty() && !operand.has_expansion && is_under(dir, base)
    })
}

/// Whether `cmd` is a `find` starting at `dir` or above that deletes what it finds
/// (`find /var/lib/apt/lists -type f -delete`, `-exec rm`).
fn find_deletes(cmd: &SimpleCommand, dir: &str) -> bool {
    let starts = cmd
        .args
        .iter()
        .take_while(|arg| !arg.value.starts_with(['-', '(', '!']))
        .any(|arg| !arg.has_expansion && is_under(dir, arg.value.trim_end_matches('/')));
    let deletes = cmd
        .args
        .windows(2)
        .any(|pair| pair[0].value == "-exec" && basename(&pair[1].value) == "rm")
        || cmd.has_arg("-delete");
    starts && deletes
}

/// The source range from a command's name to its subcommand (`apt-get -q update`), or of the
/// name alone.
pub(crate) fn command_range(
    script: &RunScript,
    cmd: &SimpleCommand,
    parsed: &ParsedArgs,
) -> TextRange {
    let name = cmd
        .name
        .as_ref()
        .map_or(cmd.range.clone(), |n| n.range.clone());
    let start = script.range(&name);
    match &parsed.subcommand {
        Some((_, sub)) if sub.start >= name.start => start.cover(script.range(sub)),
        _ => start,
    }
}

/// The fields of an operand after word splitting: an unquoted word whose known variable
/// value holds spaces (`$PKGS` with `ARG PKGS="curl git"`) gives several packages.
pub(crate) fn fields(word: &Word) -> Vec<&str> {
    if word.quoted || word.raw() == word.value {
        vec![word.value.as_str()]
    } else {
        word.value.split_whitespace().collect()
    }
}

/// The packages an operand stands for: its fields, or for a lone `$NAME`/`${NAME}` set by a
/// plain assignment earlier in the same script (`PKGS="a b" && dnf install $PKGS`), the
/// fields of that value. `None` when the value is unknown.
///
/// `version_in_name` is true for RPM tools, where a version is appended to the name with a
/// dash (`pkg-$VERSION`); for apt, apk and zypper a version needs an operator, so a word
/// such as `qemu-$ARCH` is a package name whatever the variable holds.
pub(crate) fn operand_packages(
    script: &RunScript,
    cmd: &SimpleCommand,
    word: &Word,
    version_in_name: bool,
) -> Option<Vec<String>> {
    if !word.has_expansion {
        return Some(fields(word).into_iter().map(str::to_string).collect());
    }
    let raw = word.raw().trim_matches(['"', '\'']);
    let pure_variable = raw.starts_with('$') && raw.rfind('$') == Some(0);
    let may_pin = ends_with_expansion(word.raw())
        && (version_in_name || pure_variable || raw.contains(['=', '~', '<', '>']));
    if !may_pin {
        // `php${PHP_VERSION}-redis`: whatever the variable holds, the word ends with a name.
        return (!word.value.contains('=')).then(|| vec![word.value.clone()]);
    }
    let name = word.raw().strip_prefix('$')?;
    let name = name
        .strip_prefix('{')
        .and_then(|n| n.strip_suffix('}'))
        .unwrap_or(name);
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let assigned = script
        .script
        .commands
        .iter()
        .filter(|other| {
            // Assignments before a special built-in (`PKGS='a b' set -x`) also persist.
            let persists = other.name.is_none() || matches!(other.name_str(), Some("set" | ":"));
            persists && other.range.end <= cmd.range.start
        })
        .flat_map(|other| other.assignments.iter())
        .rfind(|assignment| {
            assignment
                .value
                .split_once('=')
                .is_some_and(|(key, _)| key == name)
        })?;
    let (_, value) = assigned.value.split_once('=')?;
    // Parts of the value that are themselves unknown (`${EXTRA:-}`, `$(cat list)`) are left out.
    Some(
        without_expansions(value)
            .split_whitespace()
            .filter(|field| !field.contains('$'))
            .map(str::to_string)
            .collect(),
    )
}

/// `text` with every `${...}`, `$(...)` and backquoted part replaced by a space.
fn without_expansions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let close = match (c, chars.peek()) {
            ('$', Some('{')) => Some(('{', '}')),
            ('$', Some('(')) => Some(('(', ')')),
            ('`', _) => Some(('`', '`')),
            _ => None,
        };
        let Some((open, close)) = close else {
            out.push(c);
            continue;
        };
        if open != '`' {
            chars.next();
        }
        let mut depth = 1;
        for inner in chars.by_ref() {
            if inner == close {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            } else if inner == open && open != '`' {
                depth += 1;
            }
        }
        out.push(' ');
    }
    out
}

/// Whether a word ends with a variable or command substitution (`pkg=$VERSION`, `${PKGS}`,
/// `$(cat list)`), which may hold a version.
fn ends_with_expansion(raw: &str) -> bool {
    let raw = raw.trim_end_matches(['"', '\'']);
    let Some(dollar) = raw.rfind('$') else {
        return raw.ends_with('`');
    };
    let tail = &raw[dollar + 1..];
    if let Some(inner) = tail.strip_prefix('{') {
        return inner.find('}') == Some(inner.len() - 1);
    }
    if tail.starts_with('(') {
        return tail.ends_with(')');
    }
    !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Where to insert text right after a word, when the word is written verbatim in the source
/// (shell form and heredocs; not exec-form JSON strings, nor words with quotes).
pub(crate) fn end_of_verbatim_word(
    source: &str,
    script: &RunScript,
    range: &std::ops::Range<usize>,
    expected: &str,
) -> Option<TextSize> {
    let source_range = script.range(range);
    let text = source.get(std::ops::Range::<usize>::from(source_range))?;
    (text == expected).then_some(source_range.end())
}

/// A fix inserting ` text` after the subcommand word of `parsed` (`install` → `install -y`).
pub(crate) fn insert_after_subcommand(
    source: &str,
    script: &RunScript,
    parsed: &ParsedArgs,
    text: &str,
    safe: bool,
    title: &str,
) -> Option<Fix> {
    let (subcommand, range) = parsed.subcommand.as_ref()?;
    let at = end_of_verbatim_word(source, script, range, subcommand)?;
    let edits = vec![Edit::insert(at, format!(" {text}"))];
    Some(if safe {
        Fix::safe(title, edits)
    } else {
        Fix::unsafe_(title, edits)
    })
}

/// Whether an RPM package argument carries a version, as hadolint judges it: after the first
/// `-`, every dash-separated part uses only `[A-Za-z0-9.~^_:+]` and one of them starts with a
/// digit (`httpd-2.4.6-99.el7`, `nginx-1.20.1`); RPM files always pass.
pub(crate) fn rpm_is_versioned(package: &str) -> bool {
    if package.ends_with(".rpm") {
        return true;
    }
    let Some((_, rest)) = package.split_once('-') else {
        return false;
    };
    let parts: Vec<&str> = rest.split('-').collect();
    parts.iter().all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c))
    }) && parts
        .iter()
        .any(|part| part.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether the command installs system packages: `apt-get`, `apt` or `aptitude install`,
/// `apk add`, an rpm tool's install ([`is_rpm_install`]; yum, dnf, microdnf, tdnf) or `zypper
/// install`/`in`. The rules that care whether a RUN installs packages share it, so they agree.
pub(crate) fn installs_system_packages(command: &SimpleCommand) -> bool {
    let Some(name) = command.name_str() else {
        return false;
    };
    let options = || command.options();
    match name {
        "apt-get" | "apt" | "aptitude" => options().subcommand_str() == Some("install"),
        "yum" | "dnf" | "microdnf" | "tdnf" => is_rpm_install(options()),
        "apk" => options().subcommand_str() == Some("add"),
        "zypper" => matches!(options().subcommand_str(), Some("install" | "in")),
        _ => false,
    }
}

/// Whether the command is `<tool> install` (or `groupinstall`, `localinstall`, `group install`)
/// for yum, dnf, microdnf and tdnf.
pub(crate) fn is_rpm_install(parsed: &ParsedArgs) -> bool {
    match parsed.subcommand_str() {
        Some("install" | "groupinstall" | "localinstall") => true,
        Some("group" | "groups") => parsed
            .operands
            .first()
            .is_some_and(|w| w.value == "install"),
        _ => false,
    }
}

/// The words naming a yum/dnf/microdnf/tdnf command (`dnf install`, `yum group install`) and
/// their source range.
pub(crate) fn rpm_command(
    script: &RunScript,
    cmd: &SimpleCommand,
    parsed: &ParsedArgs,
) -> (String, TextRange) {
    let range = command_range(script, cmd, parsed);
    let tool = cmd.name_str().unwrap_or_default();
    let Some(subcommand) = parsed.subcommand_str() else {
        return (tool.to_string(), range);
    };
    match parsed.operands.first() {
        Some(action) if matches!(subcommand, "group" | "groups" | "module") => (
            format!("{tool} {subcommand} {}", action.value),
            range.cover(script.range(&action.range)),
        ),
        _ => (format!("{tool} {subcommand}"), range),
    }
}

/// Whether yum/dnf options answer yes to prompts (`-y`, `--assumeyes`, `--setopt=assumeyes=1`).
pub(crate) fn rpm_assumes_yes(parsed: &ParsedArgs) -> bool {
    parsed.has(&["-y", "--assumeyes"])
        || parsed.options.iter().any(|option| {
            option.name == "--setopt"
                && option.value.as_ref().is_some_and(|v| {
                    matches!(
                        v.value.to_ascii_lowercase().as_str(),
                        "assumeyes=1" | "assumeyes=true" | "assumeyes=yes" | "assumeyes=on"
                    )
                })
        })
}

/// Whether the command is piped from `yes` (`yes | apt-get install x`).
pub(crate) fn is_fed_by_yes(script: &RunScript, cmd: &SimpleCommand) -> bool {
    let Some(pipeline) = cmd.pipeline else {
        return false;
    };
    script.script.commands.iter().any(|other| {
        other.pipeline == Some(pipeline)
            && other.position_in_pipeline < cmd.position_in_pipeline
            && other.name_str() == Some("yes")
    })
}

/// An install (or other cache-filling command) that no later command of the RUN cleans up.
pub(crate) struct Uncleaned {
    pub(crate) range: TextRange,
    pub(crate) tool: String,
    /// The command as it reads: `dnf install`, `yum group install`.
    pub(crate) label: String,
}

/// How a package tool fills its download cache and what cleans it (see [`uncleaned_install`]).
pub(crate) struct PackageCache {
    /// Where the cache lives: an `rm` of one of these (or a directory above) cleans it, and a
    /// cache or tmpfs mount on one means there is nothing to clean.
    pub(crate) dirs: &'static [&'static str],
    /// The tools whose commands can fill the cache, and which of their commands do.
    pub(crate) fillers: &'static [&'static str],
    pub(crate) fills: fn(&ParsedArgs) -> bool,
    /// The tools whose commands can clean what a given filler left, and which commands do.
    pub(crate) cleaners: fn(&str) -> &'static [&'static str],
    pub(crate) cleans: fn(&ParsedArgs) -> bool,
}

/// Finds the first cache-filling command after the last cleanup of a RUN. Only the commands
/// of the tools `cache` names have their options parsed.
pub(crate) fn uncleaned_install(run: &Run, cache: &PackageCache) -> Option<Uncleaned> {
    // Most RUNs call none of the tools: checking every command against every cache directory
    // for them was 609,000 calls of `removes` over the corpus.
    let calls_filler = run.may_run_any(cache.fillers)
        && run.commands().any(|(_, command)| {
            command
                .name_str()
                .is_some_and(|tool| cache.fillers.contains(&tool))
        });
    if !calls_filler || cache.dirs.iter().any(|dir| path_is_cache_mounted(run, dir)) {
        return None;
    }
    let mut pending: Option<Uncleaned> = None;
    for (script, command) in run.commands() {
        let Some(tool) = command.name_str() else {
            continue;
        };
        if cache.dirs.iter().any(|dir| removes(command, dir)) {
            pending = None;
            continue;
        }
        if let Some(filled) = &pending {
            if (cache.cleaners)(&filled.tool).contains(&tool) && (cache.cleans)(command.options()) {
                pending = None;
            }
        } else if cache.fillers.contains(&tool) && (cache.fills)(command.options()) {
            let (label, range) = rpm_command(script, command, command.options());
            pending = Some(Uncleaned {
                range,
                tool: tool.to_string(),
                label,
            });
        }
    }
    pending
}

/// An unpinned package (or module without a stream) of a yum/dnf install.
pub(crate) struct Unpinned<'a> {
    pub(crate) word: &'a Word,
    pub(crate) package: String,
    pub(crate) module: bool,
}

/// Reports the unpinned packages and modules of instruction `idx`'s commands of the RPM
/// `tools` named (yum: DL3033; dnf and microdnf: DL3041).
pub(crate) fn report_rpm_unpinned(ctx: &mut crate::rule::Context<'_>, idx: usize, tools: &[&str]) {
    let Some(run) = ctx.model.run_at(idx).filter(|run| run.may_run_any(tools)) else {
        return;
    };
    for (script, command) in run.commands() {
        if !command.name_str().is_some_and(|name| tools.contains(&name)) {
            continue;
        }
        let parsed = command.options();
        for unpinned in rpm_unpinned(script, command, parsed) {
            let name = &unpinned.package;
            let message = if unpinned.module {
                format!("pin the stream of module `{name}`: `{name}:<stream>`")
            } else {
                format!("pin the version of `{name}`: `{name}-<version>`")
            };
            ctx.report(script.range(&unpinned.word.range), message);
        }
    }
}

/// The unpinned packages of `yum`/`dnf`/`microdnf install` and the modules without a stream
/// of `module install`. Groups (`group install`, `groupinstall`, `@group`) have no versions
/// and are skipped, as are words whose variables are unknown.
pub(crate) fn rpm_unpinned<'a>(
    script: &RunScript,
    cmd: &SimpleCommand,
    parsed: &'a ParsedArgs,
) -> Vec<Unpinned<'a>> {
    let mut out = Vec::new();
    let (operands, module) = match parsed.subcommand_str() {
        Some("install" | "localinstall") => (&parsed.operands[..], false),
        Some("module")
            if parsed
                .operands
                .first()
                .is_some_and(|w| w.value == "install") =>
        {
            (&parsed.operands[1..], true)
        }
        _ => return out,
    };
    for word in operands {
        let Some(packages) = operand_packages(script, cmd, word, true) else {
            continue;
        };
        for field in packages {
            let pinned = if module {
                field.contains(':')
            } else {
                field.starts_with('@') || rpm_is_versioned(&field)
            };
            if !field.is_empty() && !pinned {
                out.push(Unpinned {
                    word,
                    package: field,
                    module,
                });
            }
        }
    }
    out
}

/// The directories where yum, dnf (4 and 5) and microdnf keep metadata and packages.
pub(crate) const RPM_CACHE_DIRS: &[&str] =
    &["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"];

/// Reports `<tool> install` without `-y` in instruction `idx` for the RPM tools named (yum:
/// DL3030; dnf and microdnf: DL3038), with a fix inserting `-y` where the command is written
/// verbatim.
pub(crate) fn report_rpm_missing_yes(
    ctx: &mut crate::rule::Context<'_>,
    idx: usize,
    tools: &[&str],
) {
    let Some(run) = ctx.model.run_at(idx).filter(|run| run.may_run_any(tools)) else {
        return;
    };
    for (script, command) in run.commands() {
        if !command.name_str().is_some_and(|name| tools.contains(&name)) {
            continue;
        }
        let parsed = command.options();
        if !is_rpm_install(parsed) || rpm_assumes_yes(parsed) || is_fed_by_yes(script, command) {
            continue;
        }
        let fix = insert_after_subcommand(ctx.model.text(), script, parsed, "-y", true, "Add `-y`");
        let (label, range) = rpm_command(script, command, parsed);
        ctx.report(
            range,
            format!("`{label}` without `-y` stops at a prompt the build cannot answer: add `-y`"),
        )
        .with_fix(fix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpm_versions_follow_hadolint() {
        assert!(rpm_is_versioned("httpd-2.4.6-99.el7"));
        assert!(rpm_is_versioned("nginx-1.20.1"));
        assert!(rpm_is_versioned("./local.rpm"));
        assert!(!rpm_is_versioned("python3-pip"));
        assert!(!rpm_is_versioned("httpd"));
        assert!(!rpm_is_versioned("epel-release"));
    }

    #[test]
    fn trailing_expansions_may_hold_versions() {
        assert!(ends_with_expansion("$PKGS"));
        assert!(ends_with_expansion("curl=${CURL_VERSION}"));
        assert!(ends_with_expansion("\"$(cat list)\""));
        assert!(!ends_with_expansion("php${PHP_VERSION}-redis"));
        assert!(!ends_with_expansion("${PREFIX}tools"));
    }

    #[test]
    fn expansions_are_blanked() {
        assert_eq!(without_expansions("a ${X:-b c} d"), "a   d");
        assert_eq!(without_expansions("$(cat $(ls)) e `f g`"), "  e  ");
        assert_eq!(without_expansions("plain $HOME"), "plain $HOME");
    }

    #[test]
    fn directories_and_children() {
        assert!(is_under("/var/lib/apt/lists", "/var/lib/apt"));
        assert!(is_under("/var/lib/apt", "/var/lib/apt"));
        assert!(!is_under("/var/lib/aptx", "/var/lib/apt"));
    }
}

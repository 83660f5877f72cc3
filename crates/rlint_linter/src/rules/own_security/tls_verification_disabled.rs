//! RL6002: downloads and package installs with TLS or signature verification turned off.

use crate::declare_rule;
use crate::rule::Context;
use rlint_shell::SimpleCommand;
use rlint_syntax::ast::{AstNode, Instruction};
use std::ops::Range;

declare_rule! {
    /// Flags switches that turn off TLS certificate or package signature verification.
    ///
    /// ## What it does
    /// Reports, in `RUN` commands: `curl -k`/`--insecure`, `wget --no-check-certificate`,
    /// `pip --trusted-host`, `npm`/`yarn config set strict-ssl false`,
    /// `git -c http.sslVerify=false` and `git config http.sslVerify false`,
    /// `apt-get`/`apt --allow-unauthenticated` or `--force-yes`, `apk --allow-untrusted`,
    /// `yum`/`dnf`/`microdnf`/`tdnf --nogpgcheck` and `rpm --nosignature`. In `ENV`, `ARG` and
    /// shell assignments (`export X=...`, `X=... cmd`): `GIT_SSL_NO_VERIFY` (git honours any
    /// non-empty value, even `false`), `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`,
    /// `NPM_CONFIG_STRICT_SSL=false` and `PIP_TRUSTED_HOST`.
    ///
    /// ## Why is this bad?
    /// TLS certificate checks are what stop a machine on the network path (a proxy, a poisoned
    /// DNS answer, a compromised mirror) from answering in the server's place; signature checks
    /// are what make a package manager refuse packages nobody signed. With them off, the build
    /// installs whatever it is handed, as root, into the image. Set in `ENV`, the setting also
    /// stays in every container started from the image and in images built `FROM` it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLk https://example.com/tool.tar.gz -o /tmp/tool.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz
    /// ```
    ///
    /// ## Known problems
    /// Settings written to configuration files (`echo 'check_certificate = off' >> ~/.wgetrc`,
    /// `sslverify=0` in a yum repository file) are not seen. Installing local package files
    /// (`apk add --allow-untrusted ./x.apk`, `yum --nogpgcheck localinstall /tmp/x.rpm`),
    /// `apk index` and removals are not reported: they download nothing, and whether the file
    /// can be trusted depends on how it was obtained.
    ///
    /// ## References
    /// - [curl(1): --insecure](https://curl.se/docs/manpage.html#-k)
    /// - [pip: --trusted-host](https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-trusted-host)
    /// - [git-config: http.sslVerify](https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify)
    /// - [Node.js: NODE_TLS_REJECT_UNAUTHORIZED](https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue)
    pub TlsVerificationDisabled {
        code: "RL6002",
        name: "tls-verification-disabled",
        category: Security,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Instruction,
    }
}

/// Whether a boolean-ish setting value means "off".
fn is_false(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "off"
    )
}

/// Whether a variable's value turns its verification off.
type Disables = fn(&str) -> bool;

/// The environment variables that can turn verification off: what each turns off, and whether
/// a value does.
fn env_setting(key: &str) -> Option<(&'static str, Disables)> {
    Some(match key {
        // git checks only that the variable is set.
        "GIT_SSL_NO_VERIFY" => ("git TLS verification", |value| !value.is_empty()),
        "NODE_TLS_REJECT_UNAUTHORIZED" => ("Node.js TLS verification", |value| value.trim() == "0"),
        "PYTHONHTTPSVERIFY" => ("Python HTTPS verification", |value| value.trim() == "0"),
        "NPM_CONFIG_STRICT_SSL" | "npm_config_strict_ssl" => ("npm TLS verification", is_false),
        "PIP_TRUSTED_HOST" => ("pip TLS verification", |value| !value.is_empty()),
        _ => return None,
    })
}

/// What an environment variable assignment turns off, if anything.
fn env_disables(key: &str, value: &str) -> Option<&'static str> {
    let (what, disables) = env_setting(key)?;
    disables(value).then_some(what)
}

/// Whether a package manager command fetches packages from a repository or URL, where
/// signatures are what vouch for them. Installing local package files (`apk add ./x.apk`,
/// `yum localinstall /tmp/x.rpm`), indexing them (`apk index`) or removing packages involves
/// no download: the trust decision was made when the file was obtained.
fn downloads_packages(command: &SimpleCommand) -> bool {
    let parsed = command.options();
    let fetching = match command.name_str() {
        Some("apt-get" | "apt" | "aptitude") => matches!(
            parsed.subcommand_str(),
            Some(
                "install"
                    | "upgrade"
                    | "dist-upgrade"
                    | "full-upgrade"
                    | "build-dep"
                    | "source"
                    | "download"
                    | "reinstall"
            )
        ),
        Some("apk") => matches!(
            parsed.subcommand_str(),
            Some("add" | "upgrade" | "fix" | "fetch")
        ),
        Some("rpm") => true,
        _ => !matches!(
            parsed.subcommand_str(),
            Some("remove" | "erase" | "clean" | "autoremove")
        ),
    };
    let local = |v: &str| {
        let v = v.to_ascii_lowercase();
        !v.contains("://")
            && (v.ends_with(".apk")
                || v.ends_with(".rpm")
                || v.ends_with(".deb")
                || v.starts_with('/')
                || v.starts_with("./"))
    };
    let all_local = !parsed.operands.is_empty() && parsed.operand_values().all(local);
    fetching && !all_local
}

/// Findings in one command: (range in the script, message).
fn command_findings(command: &SimpleCommand) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let Some(name) = command.name_str() else {
        return out;
    };
    // Options are parsed on first use and only for the tools below: most commands are none
    // of them.
    let mut flag = |names: &[&str], what: &str| {
        for option in command
            .options()
            .options
            .iter()
            .filter(|o| names.contains(&o.name.as_str()))
        {
            out.push((
                option.range.clone(),
                format!("`{name} {}` turns off {what}: remove it and fix the trust store or key instead", option.name),
            ));
        }
    };
    match name {
        "curl" => flag(&["-k", "--insecure"], "TLS certificate verification"),
        "wget" => flag(&["--no-check-certificate"], "TLS certificate verification"),
        "apt-get" | "apt" | "aptitude" if downloads_packages(command) => flag(
            &["--allow-unauthenticated", "--force-yes"],
            "package signature verification",
        ),
        "apk" if downloads_packages(command) => {
            flag(&["--allow-untrusted"], "package signature verification");
        }
        "yum" | "dnf" | "microdnf" | "tdnf" if downloads_packages(command) => {
            flag(&["--nogpgcheck"], "package signature verification");
        }
        "rpm" if downloads_packages(command) => {
            flag(&["--nosignature"], "package signature verification");
        }
        _ if name.starts_with("pip") || name == "uv" => {
            flag(&["--trusted-host"], "TLS verification for that host");
        }
        _ => {}
    }
    let values = || command.arg_values().collect::<Vec<&str>>();
    match name {
        // npm/yarn/pnpm config set strict-ssl false (or strict-ssl=false).
        "npm" | "yarn" | "pnpm" => {
            let values = values();
            if let Some(pos) = values.iter().position(|v| v.starts_with("strict-ssl")) {
                let setting = values[pos];
                let value = setting
                    .split_once('=')
                    .map(|(_, v)| v)
                    .or_else(|| values.get(pos + 1).copied())
                    .unwrap_or("");
                if values.contains(&"config") && values.contains(&"set") && is_false(value) {
                    out.push((
                        command.args[pos].range.clone(),
                        format!("`{name} config set strict-ssl false` turns off TLS certificate verification: remove it and configure the CA instead"),
                    ));
                }
            }
            for option in command
                .options()
                .options
                .iter()
                .filter(|o| o.name == "--strict-ssl")
            {
                if option.value.as_ref().is_some_and(|v| is_false(&v.value)) {
                    out.push((
                        option.range.clone(),
                        format!("`{name} --strict-ssl=false` turns off TLS certificate verification: remove it and configure the CA instead"),
                    ));
                }
            }
        }
        "git" => {
            let values = values();
            for (pos, value) in values.iter().enumerate() {
                let lower = value.to_ascii_lowercase();
                let setting = if let Some((key, v)) = lower.split_once('=') {
                    (key == "http.sslverify").then(|| v.to_string())
                } else if lower == "http.sslverify" {
                    values.get(pos + 1).map(|v| v.to_string())
                } else {
                    None
                };
                if setting.is_some_and(|v| is_false(&v)) {
                    out.push((
                        command.args[pos].range.clone(),
                        "`http.sslVerify=false` turns off git's TLS verification: remove it and configure the CA instead".to_string(),
                    ));
                }
            }
        }
        "export" => {
            for word in &command.args {
                if let Some((key, value)) = word.value.split_once('=') {
                    if let Some(what) = env_disables(key, value) {
                        out.push((word.range.clone(), env_message(key, what)));
                    }
                }
            }
        }
        _ => {}
    }
    out
}

fn env_message(key: &str, what: &str) -> String {
    format!("`{key}` turns off {what}: remove it and configure the CA instead")
}

impl TlsVerificationDisabled {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let model = ctx.model;
        let escape = model.escape;
        if let Some(run) = model.run_at(idx) {
            for (script, command) in run.commands() {
                let mut findings = command_findings(command);
                for word in &command.assignments {
                    if let Some((key, value)) = word.value.split_once('=') {
                        if let Some(what) = env_disables(key, value) {
                            findings.push((word.range.clone(), env_message(key, what)));
                        }
                    }
                }
                for (range, message) in findings {
                    ctx.report(script.range(&range), message);
                }
            }
        }
        // ENV and ARG values (also as ONBUILD triggers) that turn verification off.
        let target = match &model.instructions[idx] {
            Instruction::Onbuild(onbuild) => onbuild.trigger(),
            other => Some(other.clone()),
        };
        if let Some(target @ (Instruction::Env(_) | Instruction::Arg(_))) = target {
            for pair in target.key_values() {
                // Values are long (PATH) and few keys matter: the value only for those.
                let Some(key) = pair.key(escape) else {
                    continue;
                };
                let Some((what, disables)) = env_setting(&key) else {
                    continue;
                };
                if pair.value(escape).is_some_and(|value| disables(&value)) {
                    ctx.report(pair.range(), env_message(&key, what));
                }
            }
        }
    }
}

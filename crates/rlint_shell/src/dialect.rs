//! Decides whether a Dockerfile `SHELL` runs RUN commands with a POSIX-like shell.

use crate::unwrap::is_shell_name;

/// Whether a Dockerfile `SHELL` exec array runs a POSIX-like shell.
///
/// `["/bin/bash", "-o", "pipefail", "-c"]` is; `["pwsh", "-Command"]`,
/// `["cmd", "/S", "/C"]` and `["powershell", ...]` are not. An empty array
/// means Docker's Linux default `/bin/sh -c`. `env` and `busybox` prefixes are
/// looked through; Windows paths and `.exe` suffixes are accepted.
pub fn is_posix_shell(shell: &[String]) -> bool {
    let mut rest = shell;
    loop {
        let Some((first, tail)) = rest.split_first() else {
            return true;
        };
        let name = executable_name(first);
        match name.as_str() {
            "env" | "busybox" => rest = tail,
            _ => return is_shell_name(&name),
        }
    }
}

/// `C:\Windows\System32\cmd.exe` gives `cmd`; `/bin/bash` gives `bash`.
fn executable_name(path: &str) -> String {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let lower = base.to_ascii_lowercase();
    match lower.strip_suffix(".exe") {
        Some(stem) => stem.to_string(),
        None => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(shell: &[&str]) -> bool {
        is_posix_shell(&shell.iter().map(|it| it.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn unix_shells_are_posix() {
        assert!(check(&["/bin/bash", "-o", "pipefail", "-c"]));
        assert!(check(&["/bin/sh", "-c"]));
        assert!(check(&["ash", "-eo", "pipefail", "-c"]));
        assert!(check(&["/usr/bin/env", "bash", "-c"]));
        assert!(check(&["/bin/busybox", "sh", "-c"]));
        assert!(check(&["zsh", "-c"]));
    }

    #[test]
    fn windows_shells_are_not_posix() {
        assert!(!check(&["pwsh", "-Command"]));
        assert!(!check(&["cmd", "/S", "/C"]));
        assert!(!check(&[
            "powershell",
            "-Command",
            "$ErrorActionPreference = 'Stop';"
        ]));
        assert!(!check(&[
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "-Command"
        ]));
        assert!(!check(&["cmd.exe", "/c"]));
    }

    #[test]
    fn other_shells_are_not_posix() {
        assert!(!check(&["/usr/bin/fish", "-c"]));
        assert!(!check(&["python3", "-c"]));
    }

    #[test]
    fn empty_shell_is_the_default_sh() {
        assert!(check(&[]));
    }
}

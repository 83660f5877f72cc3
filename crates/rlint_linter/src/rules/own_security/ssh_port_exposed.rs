//! RL6008: the SSH port exposed by an image.

use crate::declare_rule;
use crate::model::Model;
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags `EXPOSE 22`.
    ///
    /// ## What it does
    /// Reports an `EXPOSE` of port 22 (`22`, `22/tcp`, or a range that contains 22), after
    /// resolving ARG and ENV values, in an image that also exposes other ports: SSH runs next
    /// to the application. Images whose product is SSH are not reported: those exposing only
    /// port 22, those whose `CMD`/`ENTRYPOINT` runs `sshd`, and git servers (GitLab, Gitea,
    /// Forgejo, Gogs, `git-shell`).
    ///
    /// ## Why is this bad?
    /// Port 22 is SSH. Exposing it means the image runs an SSH server next to its application:
    /// one more long-running daemon with credentials or keys baked into the image, and one more
    /// network service to attack. `EXPOSE` itself opens nothing, but `docker run -P` and many
    /// orchestrators publish every exposed port. Shell access to a container is what
    /// `docker exec` and `kubectl exec` are for.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// EXPOSE 22 8080
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// EXPOSE 8080
    /// ```
    ///
    /// ## Known problems
    /// An SSH service that also exposes other ports and starts `sshd` from a script (a CI
    /// runner reached over SSH with a web UI) is reported; suppress the finding there. An
    /// application image that exposes only port 22 is not reported.
    ///
    /// ## References
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    /// - [docker container exec](https://docs.docker.com/reference/cli/docker/container/exec/)
    pub SshPortExposed {
        code: "RL6008",
        name: "ssh-port-exposed",
        category: Security,
        severity: Info,
        fix: None,
        source: Rlint,
    }
}

/// Whether an EXPOSE value (`22`, `22/tcp`, `20-25`) includes TCP port 22.
pub(crate) fn includes_ssh(value: &str) -> bool {
    let (ports, protocol) = value.split_once('/').unwrap_or((value, "tcp"));
    if !protocol.eq_ignore_ascii_case("tcp") {
        return false;
    }
    let (low, high) = ports.split_once('-').unwrap_or((ports, ports));
    match (low.trim().parse::<u32>(), high.trim().parse::<u32>()) {
        (Ok(low), Ok(high)) => low <= 22 && 22 <= high,
        _ => false,
    }
}

/// Ports an EXPOSE instruction lists, resolved (unknown values are skipped).
fn exposed_values(
    model: &Model,
    idx: usize,
    instruction: &Instruction,
) -> Vec<(String, TextRange)> {
    let scope = model.scope_at(idx);
    instruction
        .arguments()
        .filter_map(|argument| {
            let raw = argument.text().text;
            let value = scope.expand(&raw, model.escape).known()?.to_string();
            Some((value, argument.syntax().text_range()))
        })
        .collect()
}

/// Whether the file mentions a git server anywhere (case-insensitive), without copying it:
/// the search runs after every edit of a file that exposes port 22.
fn mentions_git_server(text: &str) -> bool {
    const NAMES: [&str; 5] = ["gitlab", "gitea", "forgejo", "gogs", "git-shell"];
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'g', bytes)
        .chain(memchr::memchr_iter(b'G', bytes))
        .chain(memchr::memchr2_iter(b'f', b'F', bytes))
        .any(|at| {
            NAMES.iter().any(|name| {
                bytes
                    .get(at..at + name.len())
                    .is_some_and(|it| it.eq_ignore_ascii_case(name.as_bytes()))
            })
        })
}

/// Whether SSH is what the image is for: it exposes nothing but port 22, its command runs
/// `sshd`, or it is a git server (git over SSH; `git_server` says whether the file mentions
/// one).
fn ssh_is_the_product(model: &Model, stage_idx: usize, git_server: impl FnOnce() -> bool) -> bool {
    let mut other_ports = false;
    for ancestor in model.ancestors(stage_idx) {
        let body = model.stages[ancestor].body.clone();
        for idx in body {
            let instruction = &model.instructions[idx];
            match instruction {
                Instruction::Expose(_) => {
                    for (value, _) in exposed_values(model, idx, instruction) {
                        if value.split_whitespace().any(|v| !includes_ssh(v)) {
                            other_ports = true;
                        }
                    }
                }
                Instruction::Cmd(_) | Instruction::Entrypoint(_)
                    if model.text_of(instruction).contains("sshd") =>
                {
                    return true;
                }
                _ => {}
            }
        }
    }
    !other_ports || git_server()
}

impl SshPortExposed {
    fn run(ctx: &mut Context<'_>) {
        let model = ctx.model;
        let git_server = std::cell::OnceCell::new();
        for (idx, instruction) in model.instructions.iter().enumerate() {
            let inner = match instruction {
                Instruction::Onbuild(onbuild) => onbuild.trigger(),
                other => Some(other.clone()),
            };
            let Some(inner @ Instruction::Expose(_)) = inner else {
                continue;
            };
            let hits: Vec<TextRange> = exposed_values(model, idx, &inner)
                .into_iter()
                // A variable may hold several ports.
                .filter(|(value, _)| value.split_whitespace().any(includes_ssh))
                .map(|(_, range)| range)
                .collect();
            if hits.is_empty() {
                continue;
            }
            let Some(stage_idx) = model.stage_of[idx] else {
                continue;
            };
            if ssh_is_the_product(model, stage_idx, || {
                *git_server.get_or_init(|| mentions_git_server(model.text()))
            }) {
                continue;
            }
            for range in hits {
                ctx.report(
                    range,
                    "port 22 (SSH) is exposed next to the application: drop the SSH server and use `docker exec` for shell access",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_git_server_is_found_in_any_case() {
        assert!(super::mentions_git_server("FROM x\n# runs GitLab\n"));
        assert!(super::mentions_git_server(
            "FROM codeberg.org/forgejo/forgejo:9"
        ));
        assert!(super::mentions_git_server(
            "RUN chsh -s /usr/bin/git-shell git"
        ));
        assert!(!super::mentions_git_server(
            "FROM golang:1.22\nRUN go build\n"
        ));
    }
}

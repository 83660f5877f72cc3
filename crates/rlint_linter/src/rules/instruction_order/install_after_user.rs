//! RL5001: system packages installed after switching to a non-root user.

use crate::declare_rule;
use crate::model::Model;
use crate::rule::Context;
use crate::rules::packages::system_packages::installs_system_packages;

declare_rule! {
    /// Flags system package installs that run after `USER` switched to a non-root user.
    ///
    /// ## What it does
    /// Follows `USER` through each stage (and the stages it is built `FROM`) and reports an
    /// `apt-get`/`apt`/`aptitude install`, `apk add`, `yum`/`dnf`/`microdnf`/`tdnf install` (or
    /// `groupinstall`, `localinstall`, `group install`) or `zypper install` that runs while the
    /// user is known not to be root and is not run through `sudo`, `su`, `gosu` or `doas`.
    ///
    /// ## Why is this bad?
    /// `USER` sets the user that every later `RUN` executes as. System package managers write to
    /// `/var/lib/dpkg`, `/lib/apk/db` or the rpm database, which only root may change, so the
    /// `RUN` exits with a permission error and the build stops at that step.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// USER app
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl
    /// USER app
    /// ```
    ///
    /// ## Known problems
    /// The user of the base image is not known: a base image that already runs as a non-root
    /// user is only caught once the Dockerfile itself sets `USER`. A `USER` whose value comes
    /// from a build argument without default is treated as unknown and stops the check until
    /// the next `USER`.
    ///
    /// ## References
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    pub InstallAfterUser {
        code: "RL5001",
        name: "install-after-user",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Instruction,
    }
}

/// What `USER` says at some point: root, another user, or unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UserState {
    Root,
    NonRoot(String),
    Unknown,
}

/// Whether a `USER` value (`name`, `uid`, `name:group`) means root.
pub(crate) fn is_root_user(value: &str) -> bool {
    let user = value.split(':').next().unwrap_or("").trim();
    user == "root" || user == "0"
}

/// The user in effect after instruction `idx` (exclusive), following the stage chain.
pub(crate) fn user_before(model: &Model, idx: usize) -> UserState {
    let Some(stage_idx) = model.stage_of.get(idx).copied().flatten() else {
        return UserState::Root;
    };
    match model.last_user(stage_idx, idx) {
        Some(user) => user_of(model, user),
        // No USER in the chain: the base image's user, which is usually root.
        None => UserState::Unknown,
    }
}

fn user_of(model: &Model, idx: usize) -> UserState {
    let instruction = &model.instructions[idx];
    let Some(argument) = instruction.arguments().next() else {
        return UserState::Unknown;
    };
    let raw = argument.text().text;
    let value = match model.scope_at(idx).expand(&raw, model.escape) {
        crate::model::Value::Known(v) => v,
        crate::model::Value::Unknown => return UserState::Unknown,
    };
    if value.is_empty() {
        UserState::Unknown
    } else if is_root_user(&value) {
        UserState::Root
    } else {
        UserState::NonRoot(value)
    }
}

impl InstallAfterUser {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let model = ctx.model;
        let Some(run) = model.run_at(idx).filter(|r| !r.onbuild) else {
            return;
        };
        // Worked out at the first install: most RUNs install nothing, and finding the user
        // walks back through the stage chain.
        let mut user_state: Option<UserState> = None;
        for (script, command) in run.commands() {
            let Some(name) = command.name_str() else {
                continue;
            };
            if [
                "sudo",
                "su",
                "gosu",
                "doas",
                "su-exec",
                "fakeroot",
                "fakechroot",
            ]
            .iter()
            .any(|w| command.is_wrapped_by(w))
            {
                continue;
            }
            if !installs_system_packages(command) {
                continue;
            }
            let UserState::NonRoot(user) =
                user_state.get_or_insert_with(|| user_before(model, run.index))
            else {
                return;
            };
            let Some(word) = &command.name else {
                continue;
            };
            ctx.report(
                script.range(&word.range),
                format!(
                    "`{name}` installs system packages as user `{user}` and fails without root: install before `USER` or switch to `USER root` first"
                ),
            );
        }
    }
}

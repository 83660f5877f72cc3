//! Shell commands in RUN.

mod pointless_command;
pub use pointless_command::PointlessCommand;
mod cd_instead_of_workdir;
pub use cd_instead_of_workdir::CdInsteadOfWorkdir;
mod sudo_in_run;
pub use sudo_in_run::SudoInRun;
mod wget_without_progress;
pub use wget_without_progress::WgetWithoutProgress;
mod curl_and_wget;
pub use curl_and_wget::CurlAndWget;
mod ln_replaces_bin_sh;
pub use ln_replaces_bin_sh::LnReplacesBinSh;
mod pipe_without_pipefail;
pub use pipe_without_pipefail::PipeWithoutPipefail;
mod consecutive_run;
pub use consecutive_run::ConsecutiveRun;

/// Whether a command comes from an `sh -c "..."` (or `su -c`) string: such commands carry
/// the shell's name as their last wrapper.
pub(crate) fn from_shell_string(command: &rlint_shell::SimpleCommand) -> bool {
    command.wrappers.last().is_some_and(|it| {
        let name = rlint_shell::basename(&it.value);
        name.ends_with("sh") || name == "su"
    })
}

// [group B] (keep this marker; add `mod x;` / `pub use` lines above it)

//! Instruction order and correctness: rlint's own rules.

mod env_overwritten_unused;
mod final_only_in_intermediate;
mod install_after_user;
mod instruction_after_entrypoint;
mod shell_entrypoint_ignores_cmd;

pub use env_overwritten_unused::EnvOverwrittenUnused;
pub use final_only_in_intermediate::FinalOnlyInIntermediate;
pub use install_after_user::InstallAfterUser;
pub use instruction_after_entrypoint::InstructionAfterEntrypoint;
pub use shell_entrypoint_ignores_cmd::ShellEntrypointIgnoresCmd;

// [group H] (keep this marker; add `mod x;` / `pub use` lines above it)

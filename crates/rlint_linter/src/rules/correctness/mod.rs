//! Instruction order and correctness.

mod maintainer_deprecated;

pub(crate) use maintainer_deprecated::report_maintainer;
pub use maintainer_deprecated::MaintainerDeprecated;

mod add_instead_of_copy;
mod copy_archive_then_extract;
mod copy_from_own_stage;
mod copy_from_unknown_stage;
mod copy_multiple_sources_without_dir;
mod copy_relative_dest_without_workdir;
mod copy_whole_filesystem;
mod duplicate_stage_alias;
mod expose_port_out_of_range;
mod instruction_before_from;
mod missing_healthcheck;
mod multiple_cmd;
mod multiple_entrypoint;
mod multiple_healthcheck;
mod shell_form_cmd;
pub(crate) mod stage_name_reserved;
mod workdir_not_absolute;

pub use add_instead_of_copy::AddInsteadOfCopy;
pub use copy_archive_then_extract::CopyArchiveThenExtract;
pub use copy_from_own_stage::CopyFromOwnStage;
pub use copy_from_unknown_stage::CopyFromUnknownStage;
pub use copy_multiple_sources_without_dir::CopyMultipleSourcesWithoutDir;
pub use copy_relative_dest_without_workdir::CopyRelativeDestWithoutWorkdir;
pub use copy_whole_filesystem::CopyWholeFilesystem;
pub use duplicate_stage_alias::DuplicateStageAlias;
pub use expose_port_out_of_range::ExposePortOutOfRange;
pub use instruction_before_from::InstructionBeforeFrom;
pub use missing_healthcheck::MissingHealthcheck;
pub use multiple_cmd::MultipleCmd;
pub use multiple_entrypoint::MultipleEntrypoint;
pub use multiple_healthcheck::MultipleHealthcheck;
pub use shell_form_cmd::ShellFormCmd;
pub use stage_name_reserved::StageNameReserved;
pub use workdir_not_absolute::WorkdirNotAbsolute;

// [group C] (keep this marker; add `mod x;` / `pub use` lines above it)

mod env_self_reference;
mod inline_ignore_pragma;

pub use env_self_reference::EnvSelfReference;
pub use inline_ignore_pragma::InlineIgnorePragma;

// [group D] (keep this marker; add `mod x;` / `pub use` lines above it)

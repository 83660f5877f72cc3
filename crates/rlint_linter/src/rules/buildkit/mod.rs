//! BuildKit's build checks (`docker build --check`), under RL2xxx codes with BuildKit's names as
//! aliases.

pub(crate) mod common;
mod stage_name_casing;
pub use stage_name_casing::StageNameCasing;
mod from_as_casing;
pub use from_as_casing::FromAsCasing;
mod consistent_instruction_casing;
pub use consistent_instruction_casing::ConsistentInstructionCasing;
mod duplicate_stage_name;
pub use duplicate_stage_name::DuplicateStageName;
mod reserved_stage_name;
pub use reserved_stage_name::ReservedStageName;
mod json_args_recommended;
pub use json_args_recommended::JsonArgsRecommended;
mod maintainer_instruction_deprecated;
pub use maintainer_instruction_deprecated::MaintainerInstructionDeprecated;
mod undefined_arg_in_from;
pub use undefined_arg_in_from::UndefinedArgInFrom;
mod workdir_relative_path;
pub use workdir_relative_path::WorkdirRelativePath;
mod undefined_var;
pub use undefined_var::UndefinedVar;
mod multiple_instructions_disallowed;
pub use multiple_instructions_disallowed::MultipleInstructionsDisallowed;
mod legacy_key_value_format;
pub use legacy_key_value_format::LegacyKeyValueFormat;
mod redundant_target_platform;
pub use redundant_target_platform::RedundantTargetPlatform;
mod secrets_used_in_arg_or_env;
pub use secrets_used_in_arg_or_env::SecretsUsedInArgOrEnv;
mod invalid_default_arg_in_from;
pub use invalid_default_arg_in_from::InvalidDefaultArgInFrom;
mod from_platform_flag_const_disallowed;
pub use from_platform_flag_const_disallowed::FromPlatformFlagConstDisallowed;
mod invalid_definition_description;
pub use invalid_definition_description::InvalidDefinitionDescription;
mod expose_proto_casing;
pub use expose_proto_casing::ExposeProtoCasing;
mod expose_invalid_format;
pub use expose_invalid_format::ExposeInvalidFormat;

// CopyIgnoredFile (RL2017) matches against `RuleOptions::dockerignore`, which the front ends
// fill (`rlint_workspace::dockerignore` finds the file; `dockerignore` below is the matcher).
mod copy_ignored_file;
pub use copy_ignored_file::CopyIgnoredFile;
pub mod dockerignore;

// [group E] (keep this marker; add `mod x;` / `pub use` lines above it)

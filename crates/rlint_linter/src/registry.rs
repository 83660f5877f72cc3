//! Every rule, one line each. Codes are forever: a renamed rule keeps its code.

use crate::rule::{Rule, RuleMeta};
use crate::rules::*;

static RULES: &[&dyn Rule] = &[
    // Syntax (checked by the parser).
    &syntax::UnknownInstruction,
    &syntax::MissingArguments,
    &syntax::UnterminatedHeredoc,
    &syntax::InvalidExecForm,
    &syntax::UnknownFlag,
    &syntax::InvalidFlagValue,
    &syntax::InvalidDirective,
    &syntax::MisplacedDirective,
    &syntax::EmptyContinuation,
    &syntax::InvalidOnbuild,
    &syntax::InvalidKeyValue,
    &syntax::InvalidPort,
    &syntax::NoFrom,
    &syntax::LineTooLong,
    // Base images.
    &base_image::ImageUntagged,
    &base_image::ImageLatestTag,
    // Correctness.
    &correctness::MaintainerDeprecated,
    // Packages.
    &packages::AptGetUnpinned,
    &packages::AptListsNotDeleted,
    &packages::AptGetMissingYes,
    &packages::AptGetInstallRecommends,
    &packages::ApkAddUnpinned,
    &packages::ApkAddKeepsCache,
    &packages::AptInsteadOfAptGet,
    &packages::YumMissingYes,
    &packages::DnfMissingYes,
    &packages::YumCacheNotCleaned,
    &packages::DnfCacheNotCleaned,
    &packages::YumUnpinned,
    &packages::DnfUnpinned,
    &packages::ZypperMissingNonInteractive,
    &packages::ZypperDistUpgrade,
    &packages::ZypperCacheNotCleaned,
    &packages::ZypperUnpinned,
    // [group A: system package managers] (keep this marker; add lines above it)
    &packages::PipUnpinned,
    &packages::NpmUnpinned,
    &packages::GemUnpinned,
    &packages::PipKeepsCache,
    &packages::YarnCacheNotCleaned,
    &packages::GoInstallUnversioned,
    &packages::UseraddLargeUid,
    &shell::PointlessCommand,
    &shell::CdInsteadOfWorkdir,
    &shell::SudoInRun,
    &shell::WgetWithoutProgress,
    &shell::CurlAndWget,
    &shell::LnReplacesBinSh,
    &shell::PipeWithoutPipefail,
    &shell::ConsecutiveRun,
    // [group B: language package managers and shell commands] (keep this marker; add lines above it)
    &correctness::WorkdirNotAbsolute,
    &correctness::CopyArchiveThenExtract,
    &correctness::ExposePortOutOfRange,
    &correctness::MultipleHealthcheck,
    &correctness::AddInsteadOfCopy,
    &correctness::CopyMultipleSourcesWithoutDir,
    &correctness::CopyFromUnknownStage,
    &correctness::CopyFromOwnStage,
    &correctness::DuplicateStageAlias,
    &correctness::ShellFormCmd,
    &base_image::UntrustedRegistry,
    &base_image::FromPlatformConstant,
    &correctness::CopyRelativeDestWithoutWorkdir,
    &correctness::MissingHealthcheck,
    &correctness::InstructionBeforeFrom,
    &correctness::StageNameReserved,
    &base_image::PlatformFlagRedundant,
    &correctness::CopyWholeFilesystem,
    &correctness::MultipleCmd,
    &correctness::MultipleEntrypoint,
    // [group C: stages, base images, instructions] (keep this marker; add lines above it)
    &metadata::LabelKeyInvalid,
    &metadata::LabelMissing,
    &metadata::LabelNotInSchema,
    &metadata::LabelEmpty,
    &metadata::LabelUrlInvalid,
    &metadata::LabelTimestampInvalid,
    &metadata::LabelSpdxInvalid,
    &metadata::LabelHashInvalid,
    &metadata::LabelSemverInvalid,
    &metadata::LabelEmailInvalid,
    &security::LastUserRoot,
    &security::SecretVariableName,
    &security::UserNotNumeric,
    &correctness::InlineIgnorePragma,
    &correctness::EnvSelfReference,
    // [group D: labels, users, variables, pragmas] (keep this marker; add lines above it)
    &buildkit::StageNameCasing,
    &buildkit::FromAsCasing,
    &buildkit::ConsistentInstructionCasing,
    &buildkit::DuplicateStageName,
    &buildkit::ReservedStageName,
    &buildkit::JsonArgsRecommended,
    &buildkit::MaintainerInstructionDeprecated,
    &buildkit::UndefinedArgInFrom,
    &buildkit::WorkdirRelativePath,
    &buildkit::UndefinedVar,
    &buildkit::MultipleInstructionsDisallowed,
    &buildkit::LegacyKeyValueFormat,
    &buildkit::RedundantTargetPlatform,
    &buildkit::SecretsUsedInArgOrEnv,
    &buildkit::InvalidDefaultArgInFrom,
    &buildkit::FromPlatformFlagConstDisallowed,
    &buildkit::InvalidDefinitionDescription,
    &buildkit::ExposeProtoCasing,
    &buildkit::ExposeInvalidFormat,
    &buildkit::CopyIgnoredFile,
    // [group E: BuildKit build checks] (keep this marker; add lines above it)
    &image_hygiene::EolBaseImage,
    &image_hygiene::MovingTag,
    &image_hygiene::UnpinnedDigest,
    &image_hygiene::BuildplatformFinalStage,
    &image_hygiene::UnusedStage,
    &image_hygiene::ShellFormWithoutShell,
    &image_hygiene::BaseImageMismatch,
    &layer_cache::CopyContextBeforeDeps,
    &layer_cache::UpdateWithoutInstall,
    &layer_cache::CleanupInSeparateLayer,
    &layer_cache::ChownAfterCopy,
    &layer_cache::ArgBustsCache,
    &layer_cache::UnlockedInstall,
    &layer_cache::MissingCacheMount,
    // [group G: layer cache and base images] (keep this marker; add lines above it)
    &instruction_order::InstallAfterUser,
    &instruction_order::FinalOnlyInIntermediate,
    &instruction_order::ShellEntrypointIgnoresCmd,
    &instruction_order::EnvOverwrittenUnused,
    &instruction_order::InstructionAfterEntrypoint,
    &own_security::CurlPipeShell,
    &own_security::TlsVerificationDisabled,
    &own_security::SecretLiteral,
    &own_security::CopySensitiveFile,
    &own_security::WorldWritable,
    &own_security::AddUrlWithoutChecksum,
    &own_security::RootFinalUser,
    &own_security::SshPortExposed,
    // [group H: order, correctness and security] (keep this marker; add lines above it)
];

/// All registered rules in code order.
pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// The rule named by a code, name or alias.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().is_named(name))
}

/// Every rule's metadata.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

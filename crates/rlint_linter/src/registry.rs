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
    // [group A: system package managers] (keep this marker; add lines above it)
    // [group B: language package managers and shell commands] (keep this marker; add lines above it)
    // [group C: stages, base images, instructions] (keep this marker; add lines above it)
    // [group D: labels, users, variables, pragmas] (keep this marker; add lines above it)
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

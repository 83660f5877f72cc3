//! Base images: tags, digests, registries, platforms.

mod image_latest_tag;
mod image_untagged;

pub use image_latest_tag::ImageLatestTag;
pub use image_untagged::ImageUntagged;

use crate::model::{Model, Stage};
use rlint_syntax::ast::ImageRef;
use rlint_syntax::TextRange;

/// Stages built on an image whose reference resolves (global ARG defaults substituted), with
/// the reference and the range of the image argument.
pub(crate) fn resolved_images(
    model: &Model,
) -> impl Iterator<Item = (&Stage, &ImageRef, TextRange)> {
    model.stages.iter().filter_map(|stage| {
        let (image, range) = stage.resolved_image()?;
        Some((stage, image, range))
    })
}

mod from_platform_constant;
mod platform_flag_redundant;
mod untrusted_registry;

pub use from_platform_constant::FromPlatformConstant;
pub use platform_flag_redundant::PlatformFlagRedundant;
pub use untrusted_registry::UntrustedRegistry;

// [group C] (keep this marker; add `mod x;` / `pub use` lines above it)

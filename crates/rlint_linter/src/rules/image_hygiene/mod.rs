//! Base-image hygiene: rlint's own rules.

mod base_image_mismatch;
mod buildplatform_final_stage;
mod eol_base_image;
mod moving_tag;
mod shell_form_without_shell;
mod unpinned_digest;
mod unused_stage;

pub use base_image_mismatch::BaseImageMismatch;
pub use buildplatform_final_stage::BuildplatformFinalStage;
pub use eol_base_image::EolBaseImage;
pub use moving_tag::MovingTag;
pub use shell_form_without_shell::ShellFormWithoutShell;
pub use unpinned_digest::UnpinnedDigest;
pub use unused_stage::UnusedStage;

// [group G] (keep this marker; add `mod x;` / `pub use` lines above it)

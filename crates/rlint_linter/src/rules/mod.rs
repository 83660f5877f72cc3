//! Every rule, one file each, grouped by category.

pub mod base_image;
pub mod buildkit;
pub mod correctness;
pub mod metadata;
pub mod packages;
pub mod security;
pub mod shell;
pub mod syntax;

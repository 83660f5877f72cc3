//! Every rule, one file each, grouped by category.

pub mod base_image;
pub mod buildkit;
pub mod correctness;
pub mod image_hygiene;
pub mod instruction_order;
pub mod layer_cache;
pub mod metadata;
pub mod own_security;
pub mod packages;
pub mod security;
pub mod shell;
pub mod syntax;

//! Every rule, one file each, grouped by category.

pub mod base_image;
pub mod correctness;
pub mod packages;
pub mod syntax;

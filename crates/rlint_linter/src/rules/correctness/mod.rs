//! Instruction order and correctness.

mod maintainer_deprecated;

pub use maintainer_deprecated::MaintainerDeprecated;

//! Instruction order and correctness.

mod maintainer_deprecated;

pub use maintainer_deprecated::MaintainerDeprecated;

// [group C] (keep this marker; add `mod x;` / `pub use` lines above it)

// [group D] (keep this marker; add `mod x;` / `pub use` lines above it)

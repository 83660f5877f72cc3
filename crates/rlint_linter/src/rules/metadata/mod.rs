//! Labels and metadata.

// [group D] (keep this marker; add `mod x;` / `pub use` lines above it)

//! Shell commands in RUN.

// [group B] (keep this marker; add `mod x;` / `pub use` lines above it)

//! Layer cache and image size: rlint's own rules.

// [group G] (keep this marker; add `mod x;` / `pub use` lines above it)

//! Base-image hygiene: rlint's own rules.

// [group G] (keep this marker; add `mod x;` / `pub use` lines above it)

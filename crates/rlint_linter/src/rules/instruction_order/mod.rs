//! Instruction order and correctness: rlint's own rules.

// [group H] (keep this marker; add `mod x;` / `pub use` lines above it)

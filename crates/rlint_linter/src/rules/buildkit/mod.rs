//! BuildKit's build checks (`docker build --check`), under RL2xxx codes with BuildKit's names as
//! aliases.

// [group E] (keep this marker; add `mod x;` / `pub use` lines above it)

//! Package managers: pinning, caches, prompts.

mod apt_get_unpinned;

pub use apt_get_unpinned::AptGetUnpinned;

// [group A] (keep this marker; add `mod x;` / `pub use` lines above it)

// [group B] (keep this marker; add `mod x;` / `pub use` lines above it)

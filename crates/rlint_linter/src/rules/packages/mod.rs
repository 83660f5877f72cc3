//! Package managers: pinning, caches, prompts.

mod apt_get_unpinned;

pub use apt_get_unpinned::AptGetUnpinned;

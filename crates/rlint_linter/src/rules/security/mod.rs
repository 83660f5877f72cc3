//! Security: users, secrets, permissions.

// [group D] (keep this marker; add `mod x;` / `pub use` lines above it)

//! What both front ends (the `rlint` CLI and `rlint lsp`) share about the files around a
//! Dockerfile: finding and reading configuration (`rlint.toml`, `.rlint.toml`,
//! `.hadolint.yaml`, `.hadolint.yml`) and the `.dockerignore` that applies. The linter itself
//! does no IO; this crate does it for it.

pub mod config;
pub mod dockerignore;

pub use config::{load, parse_hadolint, parse_toml, Discovery, FileConfig, CONFIG_NAMES};

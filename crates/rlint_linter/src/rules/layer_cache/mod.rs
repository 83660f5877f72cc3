//! Layer cache and image size: rlint's own rules.

use crate::model::Model;

/// Matches `text` against a pattern where `*` is any run of characters and `?` one character.
pub(crate) fn glob_match(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some((b'*', rest)) => (0..=t.len()).any(|i| go(rest, &t[i..])),
            Some((b'?', rest)) => !t.is_empty() && go(rest, &t[1..]),
            Some((c, rest)) => t.first() == Some(c) && go(rest, &t[1..]),
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

/// The last path component, without a trailing `/`.
pub(crate) fn basename(path: &str) -> &str {
    let path = path.trim_end_matches('/');
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether a copy source is the whole build context (`.`, `./`).
pub(crate) fn is_whole_context(source: &str) -> bool {
    matches!(source, "." | "./" | "./." | "*")
}

/// The indices in [`Model::instructions`] of stage `idx`'s instructions, after those of the
/// stages it is built `FROM`, oldest first. They rise (a parent is an earlier stage), so a
/// caller wanting those before an instruction can stop at it with `take_while`.
pub(crate) fn chain_indices(model: &Model, idx: usize) -> impl Iterator<Item = usize> + '_ {
    let mut chain = model.ancestors(idx);
    chain.reverse();
    chain
        .into_iter()
        .flat_map(|i| model.stages.get(i).map_or(0..0, |stage| stage.body.clone()))
}

mod arg_busts_cache;
mod chown_after_copy;
mod cleanup_in_separate_layer;
mod copy_context_before_deps;
mod missing_cache_mount;
mod unlocked_install;
mod update_without_install;

pub use arg_busts_cache::ArgBustsCache;
pub use chown_after_copy::ChownAfterCopy;
pub use cleanup_in_separate_layer::CleanupInSeparateLayer;
pub use copy_context_before_deps::CopyContextBeforeDeps;
pub use missing_cache_mount::MissingCacheMount;
pub use unlocked_install::UnlockedInstall;
pub use update_without_install::UpdateWithoutInstall;

// [group G] (keep this marker; add `mod x;` / `pub use` lines above it)

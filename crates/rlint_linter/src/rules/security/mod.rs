//! Security: users, secrets, permissions.

mod last_user_root;
mod secret_variable_name;
mod user_not_numeric;

pub use last_user_root::LastUserRoot;
pub use secret_variable_name::SecretVariableName;
pub use user_not_numeric::UserNotNumeric;

use crate::model::{Model, Value};
use rlint_syntax::TextRange;

/// The `USER` that decides who the final image runs as.
pub(crate) struct EffectiveUser {
    /// The argument as written (continuations removed).
    pub raw: String,
    /// The user part (before `:`), quotes removed and variables expanded; `None` when it
    /// depends on a value the build passes.
    pub user: Option<String>,
    /// The whole argument.
    pub range: TextRange,
    /// The user part as written, when it can be told apart from the group.
    pub user_range: TextRange,
}

/// The last USER of the final stage, else of its nearest ancestor stage that has one: the
/// user the image runs as. `None` when no stage of the chain sets a USER.
pub(crate) fn effective_user(model: &Model) -> Option<EffectiveUser> {
    let final_stage = model.stages.len().checked_sub(1)?;
    let instruction_idx = model.final_user(final_stage)?;
    let argument = model.instructions[instruction_idx].arguments().next()?;
    let text = argument.text();
    let raw = text.text.clone();
    let range = text.range_to_source(0..raw.len());
    let user_raw = raw.split(':').next().unwrap_or_default();
    let user_range = if raw.contains('$') {
        range
    } else {
        text.range_to_source(0..user_raw.len())
    };
    let user = if raw.contains('$') {
        match model.scope_at(instruction_idx).expand(&raw, model.escape) {
            Value::Known(value) => Some(value.split(':').next().unwrap_or_default().to_string()),
            Value::Unknown => None,
        }
    } else {
        Some(rlint_syntax::ast::unquote(user_raw, model.escape).into_owned())
    };
    Some(EffectiveUser {
        raw,
        user,
        range,
        user_range,
    })
}

// [group D] (keep this marker; add `mod x;` / `pub use` lines above it)

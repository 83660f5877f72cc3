//! RL2012 (BuildKit `LegacyKeyValueFormat`): `ENV key value` and `LABEL key value`.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use rlint_syntax::ast::Instruction;
use rlint_syntax::TextRange;

declare_rule! {
    /// Flags `ENV` and `LABEL` written in the legacy `key value` form.
    ///
    /// ## What it does
    /// Reports an `ENV` or `LABEL` whose pair has no `=`: everything after the first word is the
    /// value.
    ///
    /// ## Why is this bad?
    /// The legacy form sets one variable per instruction and takes the whole rest of the line,
    /// spaces included, as the value, so `ENV A 1 B 2` sets `A` to `1 B 2`. Docker has
    /// deprecated it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME /srv/app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/srv/app
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `key=value`. A value with blanks is put in double quotes when it has no
    /// quotes or escape characters of its own, and otherwise has each blank escaped, so the
    /// variable gets exactly the same value: the fix is safe.
    ///
    /// ## References
    /// - [BuildKit check LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
    pub LegacyKeyValueFormat {
        code: "RL2012",
        name: "legacy-key-value-format",
        category: Style,
        severity: Warning,
        fix: Safe,
        source: Buildkit("LegacyKeyValueFormat"),
        aliases: ["LegacyKeyValueFormat"],
        locality: Instruction,
    }
}

impl LegacyKeyValueFormat {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let escape = ctx.model.escape;
        let instruction = &ctx.model.instructions[idx];
        let keyword = match instruction {
            Instruction::Env(_) => "ENV",
            Instruction::Label(_) => "LABEL",
            _ => return,
        };
        for pair in instruction.key_values().filter(|p| p.is_legacy()) {
            let (Some(key), Some(key_range)) = (pair.raw_key(), pair.key_range()) else {
                continue;
            };
            let value = pair.raw_value().map(|v| v.text).unwrap_or_default();
            let range = pair
                .value_range()
                .map_or(key_range, |v| TextRange::new(key_range.start(), v.end()));
            let diagnostic = ctx.report(
                range,
                format!(
                    "use `{keyword} {}=value` instead of the legacy `{keyword} key value` form",
                    key.text
                ),
            );
            if !value.is_empty() {
                let replacement = format!("{}={}", key.text, quote_value(&value, escape));
                diagnostic.with_fix(Fix::safe(
                    "Write `key=value`",
                    vec![Edit::replace(range, replacement)],
                ));
            }
        }
    }
}

/// The legacy value written so that the `key=value` form gives the same value.
fn quote_value(value: &str, escape: char) -> String {
    if !value.contains(char::is_whitespace) {
        return value.to_string();
    }
    if !value.contains(['"', '\'', escape]) {
        return format!("\"{value}\"");
    }
    // Escape the blanks outside quotes; inside quotes they are already kept.
    let mut out = String::with_capacity(value.len() + 4);
    let mut quote: Option<char> = None;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match quote {
            None if c == escape => {
                out.push(c);
                out.extend(chars.next());
                continue;
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c.is_whitespace() => out.push(escape),
            Some('"') if c == escape => {
                out.push(c);
                out.extend(chars.next());
                continue;
            }
            Some(q) if c == q => quote = None,
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::quote_value;
    use rlint_syntax::expand::{process_word, ExpandOptions};

    fn expand(text: &str, escape: char) -> Option<String> {
        let env: Vec<(String, String)> = vec![("V".into(), "v".into())];
        process_word(
            text,
            &env,
            ExpandOptions {
                escape,
                case_insensitive: false,
            },
        )
        .ok()
        .map(|e| e.value)
    }

    #[test]
    fn quoted_values_expand_like_the_legacy_ones() {
        for value in [
            "plain",
            "hello big  world",
            "\"a b\" c",
            "'it s' \"x\\\"y\" z",
            "a\\ b c",
            "$V and ${V}",
            "tab\there",
        ] {
            for escape in ['\\', '`'] {
                let quoted = quote_value(value, escape);
                if expand(value, escape).is_none() {
                    continue;
                }
                assert_eq!(
                    expand(value, escape),
                    expand(&quoted, escape),
                    "{value} -> {quoted}"
                );
            }
        }
    }
}

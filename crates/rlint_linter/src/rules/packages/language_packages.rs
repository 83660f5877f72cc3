//! Shared helpers of the language package manager rules (pip, npm, gem, yarn, go).

use rlint_shell::Word;

/// Whether a command name is pip: `pip`, `pip3`, `pip3.12`, also behind a path.
pub(crate) fn is_pip(name: &str) -> bool {
    name.strip_prefix("pip")
        .is_some_and(|version| version.bytes().all(|it| it.is_ascii_digit() || it == b'.'))
}

/// The fields of an operand after word splitting: an unquoted word whose known variable
/// value holds spaces (`$PKGS` with `ARG PKGS="a b"`) gives several names.
pub(crate) fn operand_fields(word: &Word) -> Vec<&str> {
    if word.quoted || word.raw() == word.value {
        vec![word.value.as_str()]
    } else {
        word.value.split_whitespace().collect()
    }
}

/// The values `1`, `true`, `on` and `yes` in any case, which tools read as "enabled".
pub(crate) fn is_truthy(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "on" | "yes"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pip_names() {
        assert!(is_pip("pip"));
        assert!(is_pip("pip3"));
        assert!(is_pip("pip3.12"));
        assert!(!is_pip("pipx"));
        assert!(!is_pip("pipenv"));
    }

    #[test]
    fn truthy_values() {
        assert!(is_truthy("1"));
        assert!(is_truthy("TRUE"));
        assert!(is_truthy("Yes"));
        assert!(!is_truthy("0"));
        assert!(!is_truthy("false"));
    }
}

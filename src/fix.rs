//! Applying fixes: repeated until nothing changes (bounded), never adding a syntax error, and
//! written atomically (a temporary file beside the target, renamed over it) keeping the
//! file's permissions and line endings.

use rlint_linter::{apply_edits, Diagnostic, Edit, Fix, Safety, Settings};
use std::io::Write;
use std::path::Path;

/// At most this many rounds of fixing: a fix can enable another, but never forever.
const MAX_ROUNDS: usize = 10;

/// The text after fixing, how many fixes were applied and, usually, the text's findings.
pub struct Fixed {
    pub text: String,
    pub n_applied: usize,
    /// The findings of `text`, when the last round linted it and changed nothing (so the
    /// caller need not lint it again); `None` when the rounds ran out.
    pub diagnostics: Option<Vec<Diagnostic>>,
}

fn n_syntax_errors(text: &str) -> usize {
    rlint_syntax::parse(text)
        .errors
        .iter()
        .filter(|e| e.severity == rlint_syntax::Severity::Error)
        .count()
}

/// Fixes `text` with the fixes of `settings`' rules (unsafe ones only when asked).
pub fn fix_text(text: &str, settings: &Settings, unsafe_fixes: bool) -> Fixed {
    let crlf = text.contains("\r\n");
    let mut current = text.to_string();
    let mut n_applied = 0;
    for _ in 0..MAX_ROUNDS {
        let parse = rlint_syntax::parse(&current);
        let baseline = parse
            .errors
            .iter()
            .filter(|e| e.severity == rlint_syntax::Severity::Error)
            .count();
        let diagnostics = rlint_linter::lint_with_text(&parse, &current, settings);
        let mut fixes: Vec<&Fix> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|fix| fix.safety == Safety::Safe || unsafe_fixes)
            .collect();
        fixes.sort_by_key(|fix| fix.edits.iter().map(|e| e.range.start()).min());
        // Keep fixes whose edits overlap no fix already kept; each fix is all or nothing.
        let mut kept: Vec<Edit> = Vec::new();
        let mut n_kept = 0;
        for fix in fixes {
            let edits: Vec<Edit> = fix
                .edits
                .iter()
                .cloned()
                .map(|e| line_endings(e, crlf))
                .collect();
            let overlaps = edits.iter().any(|e| {
                kept.iter().any(|k| {
                    k.range
                        .intersect(e.range)
                        .is_some_and(|r| !r.is_empty() || k.range == e.range)
                })
            });
            if overlaps {
                continue;
            }
            // A fix that would add a syntax error is dropped.
            let candidate = apply_edits(&current, &[kept.clone(), edits.clone()].concat());
            if n_syntax_errors(&candidate) > baseline {
                continue;
            }
            kept.extend(edits);
            n_kept += 1;
        }
        let next = (n_kept > 0)
            .then(|| apply_edits(&current, &kept))
            .filter(|next| *next != current);
        let Some(next) = next else {
            return Fixed {
                text: current,
                n_applied,
                diagnostics: Some(diagnostics),
            };
        };
        current = next;
        n_applied += n_kept;
    }
    Fixed {
        text: current,
        n_applied,
        diagnostics: None,
    }
}

/// Fix text follows the file's line endings.
fn line_endings(mut edit: Edit, crlf: bool) -> Edit {
    if crlf && edit.replacement.contains('\n') {
        edit.replacement = edit.replacement.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    edit
}

/// Writes `text` to `path` through a temporary file in the same directory, renamed over the
/// target, so a crash never leaves a half-written Dockerfile. Symbolic links are followed and
/// the target's permissions are kept.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut temp = tempfile::Builder::new()
        .prefix(".rlint-fix-")
        .tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), permissions)?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff from `old` to `new` for `path`.
pub fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_keeping_permissions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("Dockerfile");
        std::fs::write(&path, "FROM a\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        write_atomically(&path, "FROM b\n").expect("atomic write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "FROM b\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file may remain");
    }

    #[test]
    fn fixes_keep_crlf_line_endings() {
        let edit = line_endings(
            Edit::replace(rlint_syntax::TextRange::empty(0.into()), "a\nb"),
            true,
        );
        assert_eq!(edit.replacement, "a\r\nb");
    }

    #[test]
    fn unsafe_fixes_need_asking() {
        let text = "FROM alpine:3.20\nMAINTAINER me\n";
        let settings = Settings::default();
        assert_eq!(fix_text(text, &settings, false).n_applied, 0);
        let fixed = fix_text(text, &settings, true);
        assert_eq!(fixed.n_applied, 1);
        assert_eq!(
            fixed.text,
            "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"me\"\n"
        );
    }

    /// The findings fixing hands back are those of the fixed text: the CLI reports them without
    /// linting again.
    #[test]
    fn findings_of_the_last_round_are_those_of_the_fixed_text() {
        let settings = Settings::default();
        let text = "from alpine:3.20\nMAINTAINER me\nRUN apk add curl\n";
        let crlf = text.replace('\n', "\r\n");
        for (text, unsafe_fixes) in [(text, false), (text, true), (crlf.as_str(), true)] {
            let fixed = fix_text(text, &settings, unsafe_fixes);
            assert!(fixed.n_applied > 0, "{text:?}");
            let again = rlint_linter::lint_with_text(
                &rlint_syntax::parse(&fixed.text),
                &fixed.text,
                &settings,
            );
            assert_eq!(fixed.diagnostics.as_ref(), Some(&again), "{}", fixed.text);
        }
    }
}

//! Inline suppressions, parsed in one place: rlint's and hadolint's ignore pragmas and
//! BuildKit's `# check=skip=` (file directive and per-instruction comments).
//!
//! - `# rlint ignore=CODE[,CODE]` / `# hadolint ignore=...` in the comment block directly
//!   above an instruction (a blank line ends the block) silence findings on that instruction.
//! - `# rlint global ignore=...` / `# hadolint global ignore=...` silence the whole file.
//! - `# hadolint stage ignore=...` silences the rest of the stage (until the next FROM).
//! - `# check=skip=A,B` as a parser directive silences BuildKit checks A, B (or `all`) in the
//!   file; in the comment block above an instruction, only for that instruction.
//!
//! Free text after the codes must start with `#` (`# hadolint ignore=DL3008 # pinned`).

use crate::model::Model;
use crate::rule::RuleMeta;
use rlint_syntax::ast::AstNode;
use rlint_syntax::{SyntaxKind, TextRange};

/// BuildKit checks that run in a whole-file pass: a `# check=skip=` comment above an
/// instruction does not silence them, only the file's directive does.
const GLOBAL_CHECKS: &[&str] = &[
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "NoEmptyContinuation",
    "InvalidDefaultArgInFrom",
    "InvalidBaseImagePlatform",
];

/// Experimental BuildKit checks: off unless enabled, and then `skip` does not apply.
const EXPERIMENTAL_CHECKS: &[&str] = &["InvalidDefinitionDescription"];

/// Which pragma a comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PragmaScope {
    Instruction,
    Global,
    Stage,
    /// BuildKit `# check=skip=` comment above an instruction.
    CheckSkip,
}

/// One ignore comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pragma {
    pub scope: PragmaScope,
    /// Codes or names as written.
    pub names: Vec<(String, TextRange)>,
    /// The comment.
    pub range: TextRange,
    /// `hadolint` (true) or `rlint`/BuildKit.
    pub hadolint: bool,
    /// The range the pragma covers.
    pub covers: TextRange,
}

/// Every suppression of a file.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    pub pragmas: Vec<Pragma>,
    /// `# check=skip=` from the file's directive.
    pub file_check_skip: Vec<String>,
    /// `# check=experimental=`: experimental BuildKit checks to run (or `all`).
    pub file_check_experimental: Vec<String>,
    /// `# check=error=true`: every BuildKit check finding fails the build.
    pub file_check_error: bool,
    /// A file-level `check` directive BuildKit cannot parse (it fails the build), with its
    /// value's range.
    pub file_check_problem: Option<(String, TextRange)>,
}

/// A parsed `check` directive value: `skip=A,B;experimental=C;error=true`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckDirective {
    pub skip: Vec<String>,
    pub experimental: Vec<String>,
    pub error: bool,
}

/// Parses a `check` directive as BuildKit does: only the text before the first space counts,
/// at most three `;`-separated options, keys `skip`, `experimental`, `error` (Go booleans).
pub fn parse_check_directive(value: &str) -> Result<CheckDirective, String> {
    let value = value.split_whitespace().next().unwrap_or("");
    let mut directive = CheckDirective::default();
    let list = |text: &str| -> Vec<String> {
        text.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    for part in value.splitn(3, ';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((key, val)) = part.split_once('=') else {
            return Err(format!("invalid check option `{part}`: expected key=value"));
        };
        match key {
            "skip" => directive.skip = list(val),
            "experimental" => directive.experimental = list(val),
            "error" => {
                directive.error = match val {
                    "1" | "t" | "T" | "TRUE" | "true" | "True" => true,
                    "0" | "f" | "F" | "FALSE" | "false" | "False" => false,
                    _ => {
                        return Err(format!(
                            "invalid boolean `{val}` for `error` in the check directive"
                        ))
                    }
                }
            }
            _ => {
                return Err(format!(
                    "unknown check option `{key}` (use skip, experimental or error)"
                ))
            }
        }
    }
    Ok(directive)
}

impl Suppressions {
    pub fn new(model: &Model) -> Suppressions {
        let mut pragmas = Vec::new();
        let mut block: Vec<Pragma> = Vec::new();
        let mut blank_run = 0;
        let root = model.root.syntax();
        let end = root.text_range().end();
        let mut file_check = CheckDirective::default();
        let mut file_check_problem = None;
        for directive in model.root.directives() {
            if directive.key().as_deref() == Some("check") {
                if let Some(value) = directive.value() {
                    match parse_check_directive(value.text()) {
                        Ok(parsed) => file_check = parsed,
                        Err(problem) => file_check_problem = Some((problem, value.text_range())),
                    }
                }
            }
        }
        let file_check_skip = file_check.skip;
        model
            .root
            .for_each_item(|kind, range, token_text| match (kind, token_text) {
                (SyntaxKind::COMMENT, Some(text)) => {
                    blank_run = 0;
                    // BuildKit: a lone `#` line ends the comment block above an instruction (blank
                    // lines do not).
                    if text.trim().trim_start_matches('#').trim().is_empty() {
                        block.retain(|p| p.scope != PragmaScope::CheckSkip);
                    }
                    if let Some(pragma) = parse_comment(text, range, end) {
                        block.push(pragma);
                    }
                }
                (SyntaxKind::NEWLINE, Some(_)) => {
                    blank_run += 1;
                    if blank_run > 1 {
                        // BuildKit keeps `# check=` comments across blank lines.
                        let (global, rest): (Vec<Pragma>, Vec<Pragma>) = block
                            .drain(..)
                            .filter(|p| {
                                matches!(p.scope, PragmaScope::Global | PragmaScope::CheckSkip)
                            })
                            .partition(|p| p.scope == PragmaScope::Global);
                        pragmas.extend(global);
                        block = rest;
                    }
                }
                (_, Some(_)) => {}
                (SyntaxKind::DIRECTIVE, None) => blank_run = 0,
                (_, None) => {
                    blank_run = 0;
                    for mut pragma in block.drain(..) {
                        pragma.covers = match pragma.scope {
                            PragmaScope::Instruction | PragmaScope::CheckSkip => range,
                            PragmaScope::Global => TextRange::up_to(end),
                            PragmaScope::Stage => {
                                // Until the next FROM after this instruction.
                                let next_from = model
                                    .instructions
                                    .iter()
                                    .map(|i| i.syntax().text_range())
                                    .zip(model.instructions.iter())
                                    .find(|(r, i)| {
                                        r.start() > range.start()
                                            && matches!(i, rlint_syntax::ast::Instruction::From(_))
                                    })
                                    .map_or(end, |(r, _)| r.start());
                                TextRange::new(range.start(), next_from)
                            }
                        };
                        // hadolint's stage ignore covers the stage body, not the FROM it sits above.
                        if pragma.scope == PragmaScope::Stage
                            && kind == SyntaxKind::FROM_INSTRUCTION
                        {
                            pragma.covers =
                                TextRange::new(range.end(), pragma.covers.end().max(range.end()));
                        }
                        pragmas.push(pragma);
                    }
                }
            });
        pragmas.extend(
            block
                .into_iter()
                .filter(|p| matches!(p.scope, PragmaScope::Global))
                .map(|mut p| {
                    p.covers = TextRange::up_to(end);
                    p
                }),
        );
        Suppressions {
            pragmas,
            file_check_skip,
            file_check_experimental: file_check.experimental,
            file_check_error: file_check.error,
            file_check_problem,
        }
    }

    /// Whether a finding of `meta` at `range` is suppressed.
    pub fn is_suppressed(
        &self,
        meta: &RuleMeta,
        range: TextRange,
        honour_ignore_pragmas: bool,
    ) -> bool {
        let buildkit_name = match meta.source {
            crate::rule::Source::Buildkit(name) => Some(name),
            _ => None,
        };
        // Experimental checks, once enabled, ignore `skip` (reference/buildkit.md section 9.2).
        let buildkit_name = buildkit_name.filter(|name| !EXPERIMENTAL_CHECKS.contains(name));
        if let Some(name) = buildkit_name {
            if self.file_check_skip.iter().any(|s| s == "all" || s == name) {
                return true;
            }
        }
        // Checks BuildKit runs over the whole file cannot be skipped per instruction.
        let instruction_scoped = buildkit_name.filter(|name| !GLOBAL_CHECKS.contains(name));
        self.pragmas.iter().any(|pragma| {
            if !pragma.covers.contains(range.start()) && pragma.covers.start() != range.start() {
                return false;
            }
            match pragma.scope {
                PragmaScope::CheckSkip => instruction_scoped
                    .is_some_and(|name| pragma.names.iter().any(|(n, _)| n == "all" || n == name)),
                _ => honour_ignore_pragmas && pragma.names.iter().any(|(n, _)| meta.is_named(n)),
            }
        })
    }
}

/// The rule names of a `check` directive value: `skip=A,B;error=true` (text up to the first
/// space, as BuildKit reads it).
pub fn check_skip_names(value: &str) -> Vec<String> {
    let value = value.split_whitespace().next().unwrap_or("");
    value
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("skip="))
        .flat_map(|list| list.split(',').map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Parses one comment line as a pragma.
pub fn parse_comment(
    text: &str,
    range: TextRange,
    file_end: rlint_syntax::TextSize,
) -> Option<Pragma> {
    let body = text.strip_prefix('#')?.trim_start_matches([' ', '\t']);
    if let Some(rest) = body.strip_prefix("check") {
        let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('=')?;
        let names = check_skip_names(rest.trim_start())
            .into_iter()
            .map(|n| (n, range))
            .collect();
        return Some(Pragma {
            scope: PragmaScope::CheckSkip,
            names,
            range,
            hadolint: false,
            covers: range,
        });
    }
    let (hadolint, rest) = if let Some(rest) = body.strip_prefix("hadolint") {
        (true, rest)
    } else {
        (false, body.strip_prefix("rlint")?)
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let (scope, rest) = if let Some(r) = rest.strip_prefix("global") {
        (PragmaScope::Global, r.trim_start_matches([' ', '\t']))
    } else if let Some(r) = rest.strip_prefix("stage").filter(|_| hadolint) {
        (PragmaScope::Stage, r.trim_start_matches([' ', '\t']))
    } else {
        (PragmaScope::Instruction, rest)
    };
    let rest = rest
        .strip_prefix("ignore")?
        .trim_start_matches([' ', '\t'])
        .strip_prefix('=')?;
    let list = &rest[..rest.find('#').unwrap_or(rest.len())];
    // Free text after the codes must start with `#`.
    if list
        .split(',')
        .any(|part| part.trim().contains([' ', '\t']))
    {
        return None;
    }
    let offset = u32::from(range.start()) as usize + (text.len() - rest.len());
    let mut names = Vec::new();
    let mut pos = 0;
    for part in list.split(',') {
        let trimmed = part.trim();
        let lead = part.len() - part.trim_start().len();
        if !trimmed.is_empty() {
            let start = (offset + pos + lead) as u32;
            names.push((
                trimmed.to_string(),
                TextRange::at(start.into(), (trimmed.len() as u32).into()),
            ));
        }
        pos += part.len() + 1;
    }
    if names.is_empty() {
        return None;
    }
    let covers = if scope == PragmaScope::Global {
        TextRange::up_to(file_end)
    } else {
        range
    };
    Some(Pragma {
        scope,
        names,
        range,
        hadolint,
        covers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma(text: &str) -> Option<Pragma> {
        parse_comment(
            text,
            TextRange::up_to((text.len() as u32).into()),
            1000.into(),
        )
    }

    #[test]
    fn parses_hadolint_and_rlint_pragmas() {
        let p = pragma("# hadolint ignore=DL3008,DL3009 # pinned by renovate").expect("pragma");
        assert_eq!(p.scope, PragmaScope::Instruction);
        assert_eq!(
            p.names.iter().map(|n| n.0.as_str()).collect::<Vec<_>>(),
            ["DL3008", "DL3009"]
        );
        assert_eq!(u32::from(p.names[1].1.start()), 25);
        assert_eq!(
            pragma("#hadolint global ignore=DL3006")
                .expect("global")
                .scope,
            PragmaScope::Global
        );
        assert_eq!(
            pragma("# hadolint stage ignore=DL3006")
                .expect("stage")
                .scope,
            PragmaScope::Stage
        );
        assert_eq!(
            pragma("# rlint ignore=image-untagged")
                .expect("rlint")
                .names[0]
                .0,
            "image-untagged"
        );
        assert!(pragma("# just a comment").is_none());
        assert!(pragma("# hadolint ignore=DL3008 because reasons").is_none());
    }

    #[test]
    fn parses_check_skip() {
        let p = pragma("# check=skip=JSONArgsRecommended,StageNameCasing // why").expect("check");
        assert_eq!(p.scope, PragmaScope::CheckSkip);
        assert_eq!(p.names.len(), 2);
        assert_eq!(check_skip_names("skip=all;error=true"), ["all"]);
        let parsed =
            parse_check_directive("skip=A,B;experimental=all;error=true // why").expect("valid");
        assert_eq!(parsed.skip, ["A", "B"]);
        assert_eq!(parsed.experimental, ["all"]);
        assert!(parsed.error);
        assert!(parse_check_directive("skip=A;error=maybe").is_err());
        assert!(parse_check_directive("skipp=A").is_err());
        assert!(parse_check_directive("skip").is_err());
    }

    fn buildkit_codes(text: &str) -> Vec<&'static str> {
        let settings = crate::Settings {
            select: vec![crate::Selector("RL20".into())],
            ..crate::Settings::default()
        };
        crate::lint(&rlint_syntax::parse(text), &settings)
            .into_iter()
            .map(|d| d.code)
            .filter(|c| c.starts_with("RL20"))
            .collect()
    }

    #[test]
    fn check_comments_follow_buildkit_scoping() {
        // Blank lines keep a `# check=` comment attached; a lone `#` detaches it.
        assert!(
            buildkit_codes("FROM alpine\n# check=skip=JSONArgsRecommended\n\nCMD echo hi\n")
                .is_empty()
        );
        assert_eq!(
            buildkit_codes("FROM alpine\n# check=skip=JSONArgsRecommended\n#\nCMD echo hi\n"),
            ["RL2006"]
        );
        // Whole-file checks ignore per-instruction comments, not the file directive.
        assert_eq!(
            buildkit_codes("FROM alpine\nRUN a\n# check=skip=ConsistentInstructionCasing\nrun b\n"),
            ["RL2003"]
        );
        assert!(buildkit_codes(
            "# check=skip=ConsistentInstructionCasing\nFROM alpine\nRUN a\nrun b\n"
        )
        .is_empty());
        // Experimental checks ignore `skip` once enabled.
        assert_eq!(
            buildkit_codes("# check=skip=all\nFROM alpine\n# the version\nARG V=1\n"),
            ["RL2018"]
        );
    }
}

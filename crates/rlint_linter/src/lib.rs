//! Semantic model and rules for rlint.
//!
//! [`lint`] builds a [`Model`] of a parsed Dockerfile (stages, ARG/ENV scopes, RUN shell
//! commands), runs every enabled rule over it and applies suppressions. Rules are pure
//! functions of the model, declared one per file under `rules/<category>/` with
//! [`declare_rule!`] and listed in [`registry`]. No IO happens here.

pub mod diagnostic;
pub mod incremental;
pub mod model;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod settings;
pub mod suppression;

pub use diagnostic::{apply_edits, Diagnostic, Edit, Fix, Safety};
pub use incremental::InstructionCache;
pub use model::Model;
pub use rule::{Category, Context, FixKind, Level, Locality, Rule, RuleMeta, Source};
pub use settings::{LabelType, RuleOptions, Selector, Settings};

/// The largest text linted by default (the CLI's `--max-file-size`, the language server's
/// limit). 2 MiB is 26 times the largest of 4,664 real Dockerfiles (78 KB) and 3 times a
/// generated 20,000-line one, while linting holds about 1.75 KB per instruction: a 50 MB file
/// of short RUN lines took 7 GB and half a minute.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 << 20;

use rlint_syntax::{ErrorCode, Parse, Severity};

/// Lints a parsed file: syntax problems and rule findings, suppressions applied, sorted by
/// position.
pub fn lint(parse: &Parse, settings: &Settings) -> Vec<Diagnostic> {
    let model = Model::new(parse);
    lint_model(parse, &model, settings)
}

/// Like [`lint`], when the caller has the text `parse` was made from (the model then need not
/// rebuild it from the tree).
pub fn lint_with_text(parse: &Parse, text: &str, settings: &Settings) -> Vec<Diagnostic> {
    let model = Model::new(parse).with_text(text.to_owned());
    lint_model(parse, &model, settings)
}

/// Like [`lint`], for a model already built from `parse`.
pub fn lint_model(parse: &Parse, model: &Model, settings: &Settings) -> Vec<Diagnostic> {
    lint_with(parse, model, settings, None)
}

/// Like [`lint_model`], keeping the findings of instruction-local and stage-local rules in
/// `cache` and reusing them for the instructions and stages an edit left alone (the language
/// server's path). The result is the same as [`lint_model`]'s.
pub fn lint_model_cached(
    parse: &Parse,
    model: &Model,
    settings: &Settings,
    cache: &mut InstructionCache,
) -> Vec<Diagnostic> {
    lint_with(parse, model, settings, Some(cache))
}

fn lint_with(
    parse: &Parse,
    model: &Model,
    settings: &Settings,
    mut cache: Option<&mut InstructionCache>,
) -> Vec<Diagnostic> {
    let suppressions = suppression::Suppressions::new(model);
    let honour_pragmas = !settings.disable_ignore_pragma;
    // The last lint's count: growing from empty moved thousands of findings a dozen times.
    let mut out = Vec::with_capacity(cache.as_ref().map_or(0, |c| c.last_count));
    for error in &parse.errors {
        let Some(rule) = registry::find(error.code.code()) else {
            continue;
        };
        let meta = rule.meta();
        let Some(mut level) = settings.level(meta) else {
            continue;
        };
        if error.severity == Severity::Warning && !settings.severity.contains_key(meta.code) {
            level = level.min(rule::Level::Warning);
        }
        if error.code == ErrorCode::InvalidExecForm && error.severity == Severity::Warning {
            level = settings
                .severity
                .get(meta.code)
                .copied()
                .unwrap_or(rule::Level::Warning);
        }
        if suppressions.is_suppressed(meta, error.range, honour_pragmas) {
            continue;
        }
        out.push(Diagnostic {
            code: meta.code,
            name: meta.name,
            severity: level,
            message: error.message.clone(),
            range: error.range,
            fix: None,
            related: Vec::new(),
        });
    }
    // Instruction- and stage-local rules, when a cache is given: run (or reused) per
    // instruction and per stage below.
    let mut instruction_rules: Vec<(&'static dyn Rule, Level)> = Vec::new();
    let mut stage_rules: Vec<(&'static dyn Rule, Level)> = Vec::new();
    for rule in registry::all() {
        let meta = rule.meta();
        let buildkit_name = match meta.source {
            Source::Buildkit(name) => Some(name),
            _ => None,
        };
        // `# check=experimental=` turns on BuildKit's experimental checks for this file, unless
        // the user ignored them by name.
        let experimental = buildkit_name.is_some_and(|name| {
            meta.severity == Level::Off
                && suppressions
                    .file_check_experimental
                    .iter()
                    .any(|e| e == "all" || e == name)
                && !settings
                    .ignore
                    .iter()
                    .any(|s| s.matches(meta) && !s.0.eq_ignore_ascii_case("all"))
        });
        let Some(mut level) = settings
            .level(meta)
            .or(experimental.then_some(Level::Warning))
        else {
            continue;
        };
        // `# check=error=true`: BuildKit fails the build on any check finding.
        if buildkit_name.is_some() && suppressions.file_check_error {
            level = Level::Error;
        }
        if cache.is_some() {
            match meta.locality {
                Locality::Instruction => {
                    instruction_rules.push((*rule, level));
                    continue;
                }
                Locality::Stage => {
                    stage_rules.push((*rule, level));
                    continue;
                }
                Locality::File => {}
            }
        }
        let mut ctx = Context::new(model, &settings.options, meta);
        rule.check(&mut ctx);
        for mut diagnostic in ctx.diagnostics {
            if suppressions.is_suppressed(meta, diagnostic.range, honour_pragmas) {
                continue;
            }
            diagnostic.severity = level;
            out.push(diagnostic);
        }
    }
    if let Some(cache) = cache.as_deref_mut() {
        cache.run(
            model,
            settings,
            &instruction_rules,
            &stage_rules,
            |mut diagnostic, meta, level| {
                if suppressions.is_suppressed(meta, diagnostic.range, honour_pragmas) {
                    return;
                }
                diagnostic.severity = level;
                out.push(diagnostic);
            },
        );
    }
    // A file-level `check` directive BuildKit cannot parse fails the build.
    if let Some((problem, range)) = &suppressions.file_check_problem {
        if let Some(rule) = registry::find("RL1007") {
            if let Some(level) = settings.level(rule.meta()) {
                out.push(Diagnostic {
                    code: "RL1007",
                    name: "invalid-directive",
                    severity: level,
                    message: format!("BuildKit cannot parse this check directive: {problem}"),
                    range: *range,
                    fix: None,
                    related: Vec::new(),
                });
            }
        }
    }
    // Ignore comments naming unknown rules are RL1007 findings, selectable like any rule.
    let invalid_directive = registry::find("RL1007").and_then(|rule| settings.level(rule.meta()));
    if let (true, Some(level)) = (honour_pragmas, invalid_directive) {
        let before = out.len();
        unknown_pragma_codes(&suppressions, &mut out);
        // A warning unless the user set RL1007's severity.
        let level = if settings.severity.contains_key("RL1007") {
            level
        } else {
            rule::Level::Warning
        };
        for diagnostic in &mut out[before..] {
            diagnostic.severity = level;
        }
    }
    if let Some(cache) = cache {
        cache.last_count = out.len();
    }
    sort_by_position(out)
}

/// Sorts findings by range, then code, keeping the order of equal ones. A large file has
/// thousands, each a sizeable struct: sorting their keys and moving each finding once cost a
/// fraction of sorting the findings themselves.
fn sort_by_position(findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut keys: Vec<(
        rlint_syntax::TextSize,
        rlint_syntax::TextSize,
        &'static str,
        u32,
    )> = findings
        .iter()
        .enumerate()
        .map(|(idx, d)| (d.range.start(), d.range.end(), d.code, idx as u32))
        .collect();
    if keys.is_sorted() {
        return findings;
    }
    // The findings come in a few sorted runs (parse errors, file rules, then instruction- and
    // stage-local ones): the stable sort merges runs, where the unstable one compared every
    // key about log n times. The index makes every key distinct, so the order is the same.
    keys.sort();
    let mut slots: Vec<Option<Diagnostic>> = findings.into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    sorted.extend(
        keys.iter()
            .filter_map(|&(_, _, _, idx)| slots[idx as usize].take()),
    );
    sorted
}

/// One rule's raw findings on `model`: no settings, levels or suppressions applied. For
/// measuring and testing a rule by itself.
pub fn check_rule(rule: &dyn Rule, model: &Model, options: &RuleOptions) -> Vec<Diagnostic> {
    let mut ctx = Context::new(model, options, rule.meta());
    rule.check(&mut ctx);
    ctx.diagnostics
}

/// [`check_rule`] on the parse of `text` with default options, for a rule's own tests.
#[cfg(test)]
pub(crate) fn check_text(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    let model = Model::new(&rlint_syntax::parse(text));
    check_rule(rule, &model, &RuleOptions::default())
}

/// An ignore pragma naming no known rule is itself reported, so typos do not silently keep a
/// finding alive.
fn unknown_pragma_codes(suppressions: &suppression::Suppressions, out: &mut Vec<Diagnostic>) {
    for pragma in &suppressions.pragmas {
        if pragma.scope == suppression::PragmaScope::CheckSkip {
            continue;
        }
        for (name, range) in &pragma.names {
            // ShellCheck codes are accepted for hadolint compatibility.
            let is_shellcheck =
                name.starts_with("SC") && name[2..].bytes().all(|b| b.is_ascii_digit());
            if registry::find(name).is_none() && !is_shellcheck && name != "DL1000" {
                let suggestion = rlint_syntax::suggest::closest(
                    name,
                    registry::metas().flat_map(|m| [m.code, m.name]),
                );
                let message = match suggestion {
                    Some(near) => {
                        format!("unknown rule `{name}` in ignore comment (did you mean `{near}`?)")
                    }
                    None => format!("unknown rule `{name}` in ignore comment"),
                };
                out.push(Diagnostic {
                    code: "RL1007",
                    name: "invalid-directive",
                    severity: rule::Level::Warning,
                    message,
                    range: *range,
                    fix: None,
                    related: Vec::new(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(&'static str, Level)> {
        lint(&rlint_syntax::parse(text), &Settings::default())
            .into_iter()
            .map(|d| (d.code, d.severity))
            .collect()
    }

    #[test]
    fn check_directive_experimental_turns_on_experimental_checks() {
        let text = "# check=experimental=InvalidDefinitionDescription\n# the base\nFROM alpine:3.22 AS base\n";
        assert!(
            codes(text).iter().any(|(code, _)| *code == "RL2018"),
            "{:?}",
            codes(text)
        );
        // `skip=all` does not apply to experimental checks, as in BuildKit.
        let text = "# check=skip=all;experimental=all\n# the base\nFROM alpine:3.22 AS base\n";
        assert!(
            codes(text).iter().any(|(code, _)| *code == "RL2018"),
            "{:?}",
            codes(text)
        );
        let text = "# the base\nFROM alpine:3.22 AS base\n";
        assert!(!codes(text).iter().any(|(code, _)| *code == "RL2018"));
    }

    #[test]
    fn check_directive_error_makes_buildkit_findings_errors() {
        let text = "# check=error=true\nFROM alpine:3.22 as base\n";
        assert!(
            codes(text).contains(&("RL2002", Level::Error)),
            "{:?}",
            codes(text)
        );
        let text = "FROM alpine:3.22 as base\n";
        assert!(
            codes(text).contains(&("RL2002", Level::Warning)),
            "{:?}",
            codes(text)
        );
    }

    #[test]
    fn broken_check_directive_is_reported() {
        let text = "# check=skip=A;error=maybe\nFROM alpine:3.22\n";
        assert!(
            codes(text)
                .iter()
                .any(|(code, level)| *code == "RL1007" && *level == Level::Error),
            "{:?}",
            codes(text)
        );
    }
}

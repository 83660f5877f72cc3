//! `rlint rules` lists every rule; `rlint rule CODE-or-NAME` prints one rule's documentation.

use crate::Status;
use clap::{Args, ValueEnum};
use rlint_linter::{registry, FixKind, Level, RuleMeta, Source};
use std::io::Write;

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ListFormat {
    /// A table: code, name, category, default severity, fix.
    Text,
    /// One JSON array: code, name, aliases, category, default, fixable, summary, source.
    Json,
}

#[derive(Args, Debug)]
pub struct RuleArgs {
    /// A rule code (DL3008), name (apt-get-unpinned) or BuildKit check name.
    rule: String,
}

fn fix_text(fix: FixKind) -> &'static str {
    match fix {
        FixKind::None => "",
        FixKind::Safe => "safe",
        FixKind::Unsafe => "unsafe",
    }
}

fn default_text(meta: &RuleMeta) -> &'static str {
    if meta.severity == Level::Off {
        "off"
    } else {
        meta.severity.as_str()
    }
}

pub fn list(args: &RulesArgs) -> Status {
    let mut out = std::io::stdout().lock();
    let result = match args.format {
        ListFormat::Text => (|| {
            writeln!(
                out,
                "{:<7} {:<34} {:<12} {:<8} {:<7} summary",
                "code", "name", "category", "default", "fix"
            )?;
            for meta in registry::metas() {
                writeln!(
                    out,
                    "{:<7} {:<34} {:<12} {:<8} {:<7} {}",
                    meta.code,
                    meta.name,
                    meta.category.as_str(),
                    default_text(meta),
                    fix_text(meta.fix),
                    meta.summary()
                )?;
            }
            Ok(())
        })(),
        ListFormat::Json => {
            let rules: Vec<_> = registry::metas()
                .map(|meta| {
                    let source = match meta.source {
                        Source::Hadolint(code) => format!("hadolint {code}"),
                        Source::Buildkit(name) => format!("buildkit {name}"),
                        Source::Rlint => "rlint".to_string(),
                    };
                    serde_json::json!({
                        "code": meta.code,
                        "name": meta.name,
                        "aliases": meta.aliases,
                        "category": meta.category.as_str(),
                        "default": default_text(meta),
                        "fixable": meta.fix != FixKind::None,
                        "fix": fix_text(meta.fix),
                        "summary": meta.summary(),
                        "source": source,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        }
    };
    if result.is_err() {
        return Status::Error;
    }
    Status::Clean
}

pub fn show(args: &RuleArgs) -> Status {
    let Some(rule) = registry::find(&args.rule) else {
        let near = rlint_syntax::suggest::closest(
            &args.rule,
            registry::metas().flat_map(|m| [m.code, m.name]),
        );
        match near {
            Some(near) => eprintln!(
                "error: unknown rule `{}` (did you mean `{near}`?)",
                args.rule
            ),
            None => eprintln!("error: unknown rule `{}` (see `rlint rules`)", args.rule),
        }
        return Status::Error;
    };
    let meta = rule.meta();
    let mut text = format!("# {} ({})\n\n", meta.name, meta.code);
    text.push_str(&format!(
        "Category: {}. Default: {}.",
        meta.category.as_str(),
        default_text(meta)
    ));
    if meta.fix != FixKind::None {
        text.push_str(&format!(" Fix: {}.", fix_text(meta.fix)));
    }
    if !meta.aliases.is_empty() {
        text.push_str(&format!(" Also named: {}.", meta.aliases.join(", ")));
    }
    text.push_str("\n\n");
    // Doc comments keep one leading space per line.
    for line in meta.docs.lines() {
        text.push_str(line.strip_prefix(' ').unwrap_or(line));
        text.push('\n');
    }
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).is_err() {
        return Status::Error;
    }
    Status::Clean
}

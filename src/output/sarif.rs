//! SARIF 2.1.0 (GitHub code scanning and other tools), built with the typed structs of
//! `serde-sarif` so the output follows the schema. The rules table lists every registered rule
//! with its name, summary, full documentation and a help link.

use super::{Positions, Report};
use rlint_linter::{registry, Level, RuleMeta, Source};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};
use std::io::Write;

const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info | Level::Style | Level::Off => "note",
    }
}

fn result_level(level: Level) -> ResultLevel {
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Info | Level::Style | Level::Off => ResultLevel::Note,
    }
}

/// Where a rule is explained on the web: hadolint's wiki and Docker's build-check reference for
/// the rules they define, rlint's rule list otherwise.
pub fn help_uri(meta: &RuleMeta) -> String {
    match meta.source {
        Source::Hadolint(code) => format!("https://github.com/hadolint/hadolint/wiki/{code}"),
        Source::Buildkit(name) => {
            // `JSONArgsRecommended` -> `json-args-recommended`: a dash before an upper-case
            // letter that follows a lower-case one, or that starts a word after an acronym.
            let chars: Vec<char> = name.chars().collect();
            let mut kebab = String::new();
            for (idx, &c) in chars.iter().enumerate() {
                let prev_lower = idx > 0 && chars[idx - 1].is_lowercase();
                let acronym_end = idx > 0
                    && chars[idx - 1].is_uppercase()
                    && chars.get(idx + 1).is_some_and(|n| n.is_lowercase());
                if c.is_uppercase() && (prev_lower || acronym_end) {
                    kebab.push('-');
                }
                kebab.extend(c.to_lowercase());
            }
            format!("https://docs.docker.com/reference/build-checks/{kebab}/")
        }
        Source::Rlint => format!(
            "{INFORMATION_URI}/blob/main/docs/rules.md#{}",
            meta.code.to_lowercase()
        ),
    }
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let default_level = if meta.severity == Level::Off {
        "none"
    } else {
        level(meta.severity)
    };
    ReportingDescriptor::builder()
        .id(meta.code)
        .name(meta.name)
        .short_description(
            MultiformatMessageString::builder()
                .text(meta.summary())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(meta.summary())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(meta.docs.trim())
                .markdown(meta.docs.trim())
                .build(),
        )
        .help_uri(help_uri(meta))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::json!(default_level))
                .build(),
        )
        .build()
}

pub fn write(reports: &[Report], out: &mut dyn Write) -> std::io::Result<()> {
    let metas: Vec<&RuleMeta> = registry::metas().collect();
    let mut results = Vec::new();
    for report in reports {
        let positions = Positions::new(&report.text);
        let uri = report.path.display().to_string().replace('\\', "/");
        for d in &report.diagnostics {
            let (start_line, start_column) = positions.at(d.range.start());
            let (end_line, end_column) = positions.at(d.range.end());
            let region = Region::builder()
                .start_line(i64::from(start_line))
                .start_column(i64::from(start_column))
                .end_line(i64::from(end_line))
                .end_column(i64::from(end_column))
                .build();
            let location = Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(ArtifactLocation::builder().uri(uri.clone()).build())
                        .region(region)
                        .build(),
                )
                .build();
            let mut result = SarifResult::builder()
                .rule_id(d.code)
                .level(result_level(d.severity))
                .message(Message::builder().text(d.message.clone()).build())
                .locations(vec![location])
                .build();
            result.rule_index = metas
                .iter()
                .position(|m| m.code == d.code)
                .map(|i| i as i64);
            results.push(result);
        }
    }
    let driver = ToolComponent::builder()
        .name("rlint")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri(INFORMATION_URI)
        .rules(metas.iter().map(|m| descriptor(m)).collect::<Vec<_>>())
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
    let sarif = Sarif::builder()
        .schema(serde_sarif::sarif::SCHEMA_URL)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &sarif).map_err(super::json_error)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn buildkit_names_become_doc_slugs() {
        let slug = |name: &'static str| {
            let meta = rlint_linter::RuleMeta {
                code: "RL0000",
                name: "x",
                category: rlint_linter::Category::Style,
                severity: rlint_linter::Level::Warning,
                fix: rlint_linter::FixKind::None,
                source: rlint_linter::Source::Buildkit(name),
                aliases: &[],
                docs: "",
                locality: rlint_linter::Locality::File,
            };
            super::help_uri(&meta)
        };
        assert_eq!(
            slug("JSONArgsRecommended"),
            "https://docs.docker.com/reference/build-checks/json-args-recommended/"
        );
        assert_eq!(
            slug("FromAsCasing"),
            "https://docs.docker.com/reference/build-checks/from-as-casing/"
        );
    }
}

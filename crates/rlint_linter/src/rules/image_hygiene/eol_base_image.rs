//! RL4001: base images whose distribution or runtime is end-of-life.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::ImageRef;

declare_rule! {
    /// Flags a base image whose distribution or language runtime is end-of-life.
    ///
    /// ## What it does
    /// Looks up every base image (ARG defaults resolved) in a table shipped with rlint, one row
    /// per release with its end-of-life date and the page that announces it, and reports the
    /// image when that date has passed on the day of the run. The table covers Debian,
    /// Ubuntu (LTS and interim releases), CentOS, Alpine, Python, Node.js, the deprecated
    /// `openjdk` image, Go, Ruby, PHP, PostgreSQL and MySQL, and also catches an EOL
    /// distribution named in another image's tag (`python:3.12-slim-buster`,
    /// `golang:1.24-alpine3.18`).
    ///
    /// ## Why is this bad?
    /// Once a release is end-of-life its maintainers stop publishing security fixes, and the
    /// official image stops being rebuilt: every `docker build` starts from the same
    /// vulnerable layers, and `apt-get upgrade` or `apk upgrade` inside the build finds
    /// nothing new because the package mirrors no longer receive updates (some, like old
    /// Debian and CentOS releases, are even moved to archive hosts and make the build fail).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.7-slim
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## Known problems
    /// The table is updated with rlint releases; a release that went EOL after the table was
    /// last edited is not reported. Tags without a version (`python:slim`) and images of other
    /// registries or vendors are not looked up. Paid extended support (Ubuntu ESM, Debian
    /// ELTS) is not counted: the official images do not get those fixes. Every `openjdk` tag
    /// is reported, including the early-access builds still published there. The environment
    /// variable `RLINT_TODAY=YYYY-MM-DD` sets the date used, for reproducible runs.
    ///
    /// ## References
    /// - [Debian LTS](https://wiki.debian.org/LTS)
    /// - [Ubuntu releases](https://wiki.ubuntu.com/Releases)
    /// - [Alpine releases](https://alpinelinux.org/releases/)
    /// - [Python versions](https://devguide.python.org/versions/)
    /// - [Node.js releases](https://github.com/nodejs/release#end-of-life-releases)
    /// - [openjdk image deprecation](https://hub.docker.com/_/openjdk)
    pub EolBaseImage {
        code: "RL4001",
        name: "eol-base-image",
        category: BaseImage,
        severity: Warning,
        fix: None,
        source: Rlint,
    }
}

impl EolBaseImage {
    fn run(ctx: &mut Context<'_>) {
        check_at(ctx, today());
    }
}

/// The table, with comment lines.
const TABLE: &str = include_str!("eol.tsv");

/// One row of the end-of-life table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EolRow {
    pub image: &'static str,
    pub tags: &'static str,
    /// `YYYYMMDD`.
    pub date: u32,
    pub date_text: &'static str,
    pub source: &'static str,
}

/// The table, parsed once per process, with the rows of each image (lowercase), the rows for
/// any image whose tag has a given `-`-separated part (`~bullseye`), and the other rows for
/// any image: a lookup reads a few rows instead of the whole table.
struct Table {
    rows: Vec<EolRow>,
    by_image: std::collections::HashMap<String, Vec<usize>>,
    by_tag_part: std::collections::HashMap<&'static str, Vec<usize>>,
    any_image: Vec<usize>,
}

fn table() -> &'static Table {
    static INDEX: std::sync::LazyLock<Table> = std::sync::LazyLock::new(|| {
        let rows: Vec<EolRow> = parse_rows().collect();
        let mut by_image = std::collections::HashMap::<String, Vec<usize>>::new();
        let mut by_tag_part = std::collections::HashMap::<&'static str, Vec<usize>>::new();
        let mut any_image = Vec::new();
        for (idx, row) in rows.iter().enumerate() {
            if row.image == "*" {
                match row.tags.strip_prefix('~') {
                    Some(part) if !part.contains(',') => {
                        by_tag_part.entry(part).or_default().push(idx);
                    }
                    _ => any_image.push(idx),
                }
            } else {
                by_image
                    .entry(row.image.to_ascii_lowercase())
                    .or_default()
                    .push(idx);
            }
        }
        Table {
            rows,
            by_image,
            by_tag_part,
            any_image,
        }
    });
    &INDEX
}

fn parse_rows() -> impl Iterator<Item = EolRow> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let image = fields.next()?;
            let tags = fields.next()?;
            let date_text = fields.next()?;
            let source = fields.next().unwrap_or("");
            Some(EolRow {
                image,
                tags,
                date: parse_date(date_text)?,
                date_text,
                source,
            })
        })
}

/// `YYYY-MM-DD` as `YYYYMMDD`.
pub(crate) fn parse_date(text: &str) -> Option<u32> {
    let mut parts = text.trim().split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let valid = parts.next().is_none() && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(year * 10_000 + month * 100 + day)
}

/// Today's date as `YYYYMMDD`: `RLINT_TODAY` when set, else the system clock (UTC).
pub(crate) fn today() -> u32 {
    if let Some(date) = std::env::var("RLINT_TODAY")
        .ok()
        .and_then(|v| parse_date(&v))
    {
        return date;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The civil date of a day count since 1970-01-01, as `YYYYMMDD` (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> u32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year * 10_000 + month * 100 + day) as u32
}

/// Reports EOL base images as of `date` (`YYYYMMDD`).
pub(crate) fn check_at(ctx: &mut Context<'_>, date: u32) {
    for stage in &ctx.model.stages {
        let Some((image, range)) = stage.resolved_image() else {
            continue;
        };
        let Some(row) = lookup(image, date) else {
            continue;
        };
        let name = image.short_repository();
        let tag = image.tag.as_deref().unwrap_or("latest");
        let message = if row.tags == "*" {
            format!(
                "`{name}` is deprecated and no longer updated since {}: move to a maintained image",
                row.date_text
            )
        } else {
            format!(
                "`{name}:{tag}` reached end of life on {}: move to a supported release ({})",
                row.date_text, row.source
            )
        };
        ctx.report(range, message);
    }
}

/// The matching row with the earliest end of life on or before `date`: an image is out of
/// support as soon as any part of it is (`golang:1.25-alpine3.18` ended with Alpine 3.18).
pub(crate) fn lookup(image: &ImageRef, date: u32) -> Option<EolRow> {
    let repository = image.short_repository();
    let docker_hub = matches!(
        image.registry.as_deref(),
        None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io")
    );
    let full = match &image.registry {
        Some(registry) => format!("{registry}/{}", image.repository),
        None => image.repository.clone(),
    };
    let tag = image
        .tag
        .as_deref()
        .unwrap_or("latest")
        .to_ascii_lowercase();
    let table = table();
    let rows_of = |image: &str| {
        table
            .by_image
            .get(&image.to_ascii_lowercase())
            .map_or(&[][..], Vec::as_slice)
    };
    let mut candidates: Vec<usize> = table.any_image.clone();
    candidates.extend_from_slice(rows_of(&full));
    if docker_hub {
        candidates.extend_from_slice(rows_of(repository));
    }
    for part in tag.split('-') {
        if let Some(rows) = table.by_tag_part.get(part) {
            candidates.extend_from_slice(rows);
        }
    }
    // Table order breaks ties between rows of the same date.
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .map(|idx| table.rows[idx])
        .filter(|row| {
            let image_matches = row.image == "*"
                || (docker_hub && row.image == repository)
                || row.image.eq_ignore_ascii_case(&full);
            image_matches && tag_matches(row.tags, &tag) && row.date <= date
        })
        .min_by_key(|row| row.date)
}

fn tag_matches(patterns: &str, tag: &str) -> bool {
    patterns.split(',').any(|pattern| {
        if pattern == "*" {
            return true;
        }
        if let Some(part) = pattern.strip_prefix('~') {
            return tag.split('-').any(|p| p == part);
        }
        match tag.strip_prefix(pattern) {
            Some(rest) => rest.is_empty() || rest.starts_with(['.', '-', '_']),
            None => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{check_at, civil_from_days, lookup, parse_date, EolBaseImage};
    use crate::rule::Context;
    use crate::{Model, RuleOptions};
    use rlint_syntax::ast::ImageRef;

    /// Lines reported on `dockerfile` as of `date`.
    fn lines_hit(dockerfile: &str, date: &str) -> Vec<u32> {
        let parse = rlint_syntax::parse(dockerfile);
        let model = Model::new(&parse);
        let options = RuleOptions::default();
        let mut ctx = Context::new(&model, &options, &EolBaseImage::META);
        check_at(&mut ctx, parse_date(date).unwrap());
        ctx.diagnostics
            .iter()
            .map(|d| model.line_of(d.range.start()))
            .collect()
    }

    #[test]
    fn the_rule_uses_the_given_date() {
        let dockerfile = "ARG NODE=20\nFROM node:${NODE}-alpine AS build\nFROM alpine:3.21\n";
        assert_eq!(lines_hit(dockerfile, "2026-04-29"), Vec::<u32>::new());
        assert_eq!(lines_hit(dockerfile, "2026-05-01"), vec![2]);
        assert_eq!(lines_hit(dockerfile, "2026-11-01"), vec![2, 3]);
    }

    fn eol(image: &str, date: &str) -> Option<&'static str> {
        lookup(&ImageRef::parse(image), parse_date(date).unwrap()).map(|r| r.date_text)
    }

    #[test]
    fn versions_match_at_component_boundaries() {
        assert_eq!(eol("python:3.1-slim", "2030-01-01"), None);
        assert_eq!(eol("python:3.10.4-slim", "2030-01-01"), Some("2026-10-31"));
        assert_eq!(eol("golang:1.2", "2030-01-01"), None);
        assert_eq!(
            eol("docker.io/library/node:20-alpine", "2030-01-01"),
            Some("2026-04-30")
        );
        assert_eq!(eol("node:iron", "2030-01-01"), Some("2026-04-30"));
        assert_eq!(eol("ghcr.io/acme/node:14", "2030-01-01"), None);
    }

    #[test]
    fn the_date_decides() {
        assert_eq!(eol("node:20", "2026-04-29"), None);
        assert_eq!(eol("node:20", "2026-04-30"), Some("2026-04-30"));
        assert_eq!(eol("alpine:3.21", "2026-10-31"), None);
        assert_eq!(eol("alpine:3.21", "2026-11-02"), Some("2026-11-01"));
    }

    #[test]
    fn distribution_in_a_variant_tag() {
        assert_eq!(
            eol("python:3.12-slim-buster", "2030-01-01"),
            Some("2024-06-30")
        );
        assert_eq!(
            eol("golang:1.25-alpine3.18", "2030-01-01"),
            Some("2025-05-09")
        );
        assert_eq!(eol("openjdk:21-jdk", "2030-01-01"), Some("2022-07-01"));
        assert_eq!(eol("debian:12-slim", "2030-01-01"), None);
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), 19_700_101);
        assert_eq!(civil_from_days(20_455), 20_260_102);
        assert_eq!(civil_from_days(11_016), 20_000_229);
    }
}

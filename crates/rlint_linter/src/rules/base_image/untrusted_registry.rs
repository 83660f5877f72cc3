//! DL3026: images from registries outside the trusted list.

use crate::declare_rule;
use crate::model::Model;
use crate::rule::Context;
use rlint_syntax::ast::{ImageRef, Instruction};
use rlint_syntax::{TextRange, TextSize};

declare_rule! {
    /// Flags images pulled from a registry that is not in the trusted list.
    ///
    /// ## What it does
    /// When `trusted-registries` is configured, reports every image whose registry is not in
    /// the list: base images of `FROM`, images named by `COPY --from`, and images mounted with
    /// `RUN --mount=from=`. Images without a registry come from Docker Hub (`docker.io`, also
    /// accepted as `hub.docker.com`). Stages and `scratch` are not images. Without the option
    /// the rule reports nothing.
    ///
    /// ## Why is this bad?
    /// An image from an unvetted registry runs its content inside your build and your
    /// product. Organisations that mirror or scan images want every build to pull only from
    /// their own registries.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM quay.io/example/app:1.0
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM registry.example.com/mirror/app:1.0
    /// ```
    ///
    /// ## Options
    /// `trusted-registries` (hadolint: `trustedRegistries`): a list of registries. An entry is
    /// `*` (any), `*.example.com` (any subdomain), `prefix*`, or an exact registry host with
    /// its port if any. The examples above assume `trusted-registries = ["registry.example.com"]`.
    ///
    /// ## Differences from hadolint
    /// A stage index such as `COPY --from=0` is a stage, not a Docker Hub image; stage names
    /// compare case-insensitively; ARG defaults in `FROM` are resolved; a registry is also
    /// recognised by a port (`registry:5000/app`) or as `localhost`, as Docker does.
    ///
    /// ## References
    /// - [Docker image references](https://docs.docker.com/reference/cli/docker/image/tag/)
    /// - [hadolint configuration: trustedRegistries](https://github.com/hadolint/hadolint#configure)
    pub UntrustedRegistry {
        code: "DL3026",
        name: "untrusted-registry",
        category: BaseImage,
        severity: Error,
        fix: None,
        source: Hadolint("DL3026"),
        locality: Stage,
    }
}

impl UntrustedRegistry {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let trusted = &ctx.options.trusted_registries;
        if trusted.is_empty() {
            return;
        }
        for (image, range) in images(ctx.model, stage) {
            let registry = image.registry.as_deref().unwrap_or("docker.io");
            let is_hub = image.registry.is_none() || registry == "docker.io";
            let allowed = trusted.iter().any(|pattern| {
                matches_registry(pattern, registry)
                    || (is_hub && (pattern == "docker.io" || pattern == "hub.docker.com"))
            });
            if !allowed {
                ctx.report(
                    range,
                    format!("registry `{registry}` is not trusted: use an image from a trusted registry"),
                );
            }
        }
    }
}

/// Every image stage `current` pulls, with the range of its reference.
fn images(model: &Model, current: usize) -> Vec<(ImageRef, TextRange)> {
    let mut out = Vec::new();
    let stage = &model.stages[current];
    if let Some((image, range)) = stage.resolved_image() {
        out.push((image.clone(), range));
    }
    for idx in stage.body.clone() {
        let instruction = &model.instructions[idx];
        let references: Vec<(String, TextRange)> = match instruction {
            Instruction::Copy(_) => instruction
                .flag("--from")
                .and_then(|f| Some((f.value(model.escape)?, f.value_range()?)))
                .into_iter()
                .collect(),
            Instruction::Run(_) => instruction
                .flags()
                .filter(|f| f.is_named("--mount"))
                .filter_map(|f| Some((f.value(model.escape)?, f.raw_value()?, f.value_range()?)))
                .flat_map(|(mount, raw, range)| mount_froms(&mount, &raw.text, range))
                .collect(),
            _ => Vec::new(),
        };
        for (value, range) in references {
            let value = if value.contains('$') {
                match model.scope_at(idx).expand(&value, model.escape).known() {
                    Some(v) => v.to_string(),
                    None => continue,
                }
            } else {
                value
            };
            let is_stage = value.parse::<usize>().is_ok()
                || model.stage_ref(&value, current + 1).is_some()
                || value.eq_ignore_ascii_case("scratch")
                || value == "context";
            if !is_stage && !value.is_empty() {
                out.push((ImageRef::parse(&value), range));
            }
        }
    }
    out
}

/// The `from=` values of a `--mount` flag, each with its own range when the value is written
/// without quotes or escapes (else the range of the whole value).
fn mount_froms(mount: &str, raw: &str, range: TextRange) -> Vec<(String, TextRange)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for field in mount.split(',') {
        if let Some(from) = field.strip_prefix("from=") {
            let start = offset + "from=".len();
            let exact = if raw == mount {
                let start = range.start() + TextSize::from(start as u32);
                TextRange::at(start, TextSize::from(from.len() as u32))
            } else {
                range
            };
            out.push((from.to_string(), exact));
        }
        offset += field.len() + 1;
    }
    out
}

/// hadolint's patterns: `*`, `*.suffix`, `prefix*`, else the exact registry.
fn matches_registry(pattern: &str, registry: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if let Some(suffix) = pattern.strip_prefix('*') {
        return registry.ends_with(suffix);
    }
    if let Some(prefix) = pattern.strip_suffix('*') {
        return registry.starts_with(prefix);
    }
    pattern == registry
}

#[cfg(test)]
mod tests {
    use crate::settings::{RuleOptions, Selector, Settings};

    fn check(trusted: &[&str], text: &str) -> Vec<String> {
        let settings = Settings {
            select: vec![Selector("DL3026".into())],
            ignore: vec![Selector("ALL".into())],
            options: RuleOptions {
                trusted_registries: trusted.iter().map(|s| s.to_string()).collect(),
                ..RuleOptions::default()
            },
            ..Settings::default()
        };
        crate::lint(&rlint_syntax::parse(text), &settings)
            .into_iter()
            .filter(|d| d.code == "DL3026")
            .map(|d| text[d.range].to_string())
            .collect()
    }

    const FILE: &str = "\
ARG REGISTRY=quay.io
FROM ${REGISTRY}/org/tool:1 AS tool
FROM registry.example.com/base:1 AS Build
RUN --mount=type=bind,from=ghcr.io/org/cache:1,target=/c true
COPY --from=0 /a /a
COPY --from=tool /b /b
FROM build
COPY --from=BUILD /c /c
COPY --from=alpine:3.20 /d /d
COPY --from=localhost:5000/x:1 /e /e
FROM scratch
";

    #[test]
    fn untrusted_images_are_reported() {
        let hits = check(&["registry.example.com"], FILE);
        assert_eq!(
            hits,
            [
                "${REGISTRY}/org/tool:1",
                "ghcr.io/org/cache:1",
                "alpine:3.20",
                "localhost:5000/x:1",
            ]
        );
    }

    #[test]
    fn patterns_and_docker_hub() {
        let hits = check(&["*.example.com", "docker.io", "quay*", "ghcr.io"], FILE);
        assert_eq!(hits, ["localhost:5000/x:1"]);
        assert_eq!(check(&["*"], FILE), Vec::<String>::new());
        assert_eq!(
            check(&["hub.docker.com"], "FROM alpine:3.20\n"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn inert_without_configuration() {
        assert!(check(&[], FILE).is_empty());
    }
}

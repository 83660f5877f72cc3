//! RL4002: base-image tags that are moving aliases.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a base-image tag that names no version, only a channel or variant (`lts`,
    /// `stable`, `alpine`, `slim`, a distribution codename).
    ///
    /// ## What it does
    /// Splits the tag at `-` and reports it when every part is a channel (`stable`, `lts`,
    /// `current`, `edge`, `nightly`, `rolling`, `mainline`, `testing`, `sid`, ...), a variant
    /// (`alpine`, `slim`, `fpm`, ...) or a distribution codename (`bookworm`, `jammy`) used on an
    /// image that is not that distribution: `node:lts-alpine`, `python:slim`,
    /// `golang:bookworm`, `debian:stable`. `latest` alone is left to DL3007, and digests pin
    /// any tag.
    ///
    /// ## Why is this bad?
    /// Such tags are re-pointed by the publisher on every release: `node:lts` moved from
    /// Node.js 18 to 20 to 22, `python:slim` moves to each new Python minor. The build then
    /// pulls a different major or minor version of the runtime without any change in the
    /// Dockerfile, and the layer cache of every later instruction is invalidated at the same
    /// time, so the break shows up as an unrelated failure.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:lts-alpine
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-alpine
    /// ```
    ///
    /// ## Known problems
    /// A distribution codename tag of the distribution itself (`debian:bookworm`,
    /// `arm64v8/ubuntu:noble`, `buildpack-deps:bookworm`) names a release and is not reported. A tag with any version number
    /// (`python:3-slim`) is not reported either, even though it moves within that major.
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - [Docker best practices: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    pub MovingTag {
        code: "RL4002",
        name: "moving-tag",
        category: BaseImage,
        severity: Info,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

/// Release channels: always re-pointed.
const CHANNELS: &[&str] = &[
    "stable", "lts", "current", "edge", "nightly", "rolling", "mainline", "testing", "unstable",
    "sid", "devel", "latest",
];

/// Variants: say how the image is built, not which version it holds.
const VARIANTS: &[&str] = &[
    "alpine", "slim", "fpm", "apache", "cli", "zts", "perl", "otel",
];

/// Distribution codenames, with the repositories for which they name a release.
const CODENAMES: &[&str] = &[
    "trixie", "bookworm", "bullseye", "buster", "stretch", "jessie", "noble", "jammy", "focal",
    "bionic", "xenial", "oracular", "plucky",
];

/// Words in a repository name that make it the distribution itself (`arm64v8/debian`,
/// `buildpack-deps`, `linuxserver/baseimage-ubuntu`): its codename tags are releases.
const DISTRIBUTIONS: &[&str] = &["debian", "ubuntu", "buildpack-deps"];

impl MovingTag {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let stage = &ctx.model.stages[stage];
        let Some((image, range)) = stage.resolved_image() else {
            return;
        };
        if image.digest.is_some() {
            return;
        }
        let Some(tag) = image.tag.as_deref() else {
            return;
        };
        let lower = tag.to_ascii_lowercase();
        if lower == "latest" {
            return;
        }
        let last = image.repository.rsplit('/').next().unwrap_or_default();
        let distribution = DISTRIBUTIONS.iter().any(|d| last.contains(d));
        let moving = lower.split('-').all(|part| {
            CHANNELS.contains(&part)
                || VARIANTS.contains(&part)
                || (!distribution && CODENAMES.contains(&part))
        });
        if !moving {
            return;
        }
        let name = image.short_repository();
        let kept: Vec<&str> = tag
            .split('-')
            .filter(|part| !CHANNELS.contains(&part.to_ascii_lowercase().as_str()))
            .collect();
        let suggestion = if kept.is_empty() {
            format!("{name}:<version>")
        } else {
            format!("{name}:<version>-{}", kept.join("-"))
        };
        ctx.report(
            range,
            format!(
                "tag `{tag}` of `{name}` is re-pointed at new releases: pin a version such as `{suggestion}`"
            ),
        );
    }
}

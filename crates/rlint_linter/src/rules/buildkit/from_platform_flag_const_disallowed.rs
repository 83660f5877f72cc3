//! RL2016 (BuildKit `FromPlatformFlagConstDisallowed`): `FROM --platform` with a constant.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Instruction};

declare_rule! {
    /// Flags `FROM --platform` with a constant value.
    ///
    /// ## What it does
    /// Reports a `FROM --platform` value without variables (`--platform=linux/amd64`), unless
    /// the stage name contains the platform's OS or architecture (`AS build-amd64`), which
    /// shows the pinning is deliberate.
    ///
    /// ## Why is this bad?
    /// A constant platform makes every build use that platform, whatever `--platform` the
    /// build was asked for: multi-platform builds silently produce the wrong architecture.
    /// `$BUILDPLATFORM` or `$TARGETPLATFORM` say what is meant.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 golang:1.22 AS build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.22 AS build
    /// ```
    ///
    /// ## Overlaps
    /// hadolint's DL3029 (`from-platform-constant`) reports the same flags and is on by default;
    /// this rule is off by default and exists for BuildKit parity (select `RL2016` or
    /// `FromPlatformFlagConstDisallowed`). Unlike DL3029 it accepts a constant when the stage name
    /// names the platform, and any variable, not only the two platform ones.
    ///
    /// ## References
    /// - [BuildKit check FromPlatformFlagConstDisallowed](https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/)
    pub FromPlatformFlagConstDisallowed {
        code: "RL2016",
        name: "from-platform-flag-const-disallowed",
        category: BaseImage,
        severity: Off,
        fix: None,
        source: Buildkit("FromPlatformFlagConstDisallowed"),
        aliases: ["FromPlatformFlagConstDisallowed"],
        locality: Instruction,
    }
}

const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "illumos",
    "ios",
    "js",
    "linux",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
];

/// An architecture name as containerd's `platforms.Parse` normalises it.
fn normalize_arch(arch: &str) -> String {
    match arch {
        "i386" => "386",
        "x86_64" | "x86-64" => "amd64",
        "aarch64" => "arm64",
        "armhf" | "armel" => "arm",
        other => other,
    }
    .to_string()
}

/// The OS and architecture of a platform string (`linux/arm64/v8`, `arm64`, `windows`).
fn os_arch(platform: &str) -> (String, String) {
    let lower = platform.to_lowercase();
    let parts: Vec<&str> = lower.split('/').collect();
    match parts.as_slice() {
        [single] if KNOWN_OS.contains(single) => (single.to_string(), "amd64".to_string()),
        [single] => ("linux".to_string(), normalize_arch(single)),
        [os, arch, ..] => (os.to_string(), normalize_arch(arch)),
        [] => (String::new(), String::new()),
    }
}

impl FromPlatformFlagConstDisallowed {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let escape = ctx.model.escape;
        let Instruction::From(from) = &ctx.model.instructions[idx] else {
            return;
        };
        let Some(flag) = from.platform() else {
            return;
        };
        let Some(raw) = flag.raw_value() else {
            return;
        };
        if !rlint_syntax::expand::find_var_refs(&raw.text, escape).is_empty() {
            return;
        }
        let value = rlint_syntax::ast::unquote(&raw.text, escape);
        // The stage's name as BuildKit compares it (lower-cased).
        if let Some(name) = from.stage_name().map(|n| n.text().to_lowercase()) {
            let (os, arch) = os_arch(&value);
            if (!os.is_empty() && name.contains(&os)) || (!arch.is_empty() && name.contains(&arch))
            {
                return;
            }
        }
        let range = flag
            .value_range()
            .unwrap_or_else(|| flag.syntax().text_range());
        ctx.report(
            range,
            format!("`--platform={value}` pins the stage to one platform: use `$BUILDPLATFORM` or `$TARGETPLATFORM`"),
        );
    }
}

//! Configuration files: rlint's own `rlint.toml` / `.rlint.toml`, and hadolint's
//! `.hadolint.yaml` / `.hadolint.yml` as a fallback, discovered from the linted file's
//! directory upwards (the closest directory wins; in one directory rlint's file wins).
//!
//! A broken file is an error naming the file, the line and the key; it is never dropped
//! silently.

use rlint_linter::{LabelType, Level, Selector, Settings};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// File names searched in each directory, in order of preference.
pub const CONFIG_NAMES: [&str; 4] = [
    "rlint.toml",
    ".rlint.toml",
    ".hadolint.yaml",
    ".hadolint.yml",
];

/// What a config file says, before it is merged with command-line flags.
#[derive(Debug, Clone, Default)]
pub struct FileConfig {
    pub settings: Settings,
    pub failure_threshold: Option<Level>,
    pub no_fail: Option<bool>,
    /// Problems that do not stop the run (unknown keys in a hadolint file).
    pub warnings: Vec<String>,
}

/// rlint.toml.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TomlConfig {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    failure_threshold: Option<String>,
    no_fail: Option<bool>,
    disable_ignore_pragma: Option<bool>,
    #[serde(default)]
    rules: TomlRuleOptions,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TomlRuleOptions {
    #[serde(default)]
    trusted_registries: Vec<String>,
    #[serde(default)]
    label_schema: BTreeMap<String, String>,
    #[serde(default)]
    strict_labels: bool,
    #[serde(default)]
    pip_require_hashes: bool,
}

/// .hadolint.yaml (every key of hadolint 2.15.1's configuration).
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct HadolintConfig {
    #[serde(default)]
    ignored: Vec<String>,
    #[serde(default, rename = "override")]
    override_: HadolintOverride,
    #[serde(default, rename = "trustedRegistries")]
    trusted_registries: Vec<String>,
    #[serde(default)]
    label_schema: BTreeMap<String, String>,
    strict_labels: Option<bool>,
    disable_ignore_pragma: Option<bool>,
    failure_threshold: Option<String>,
    no_fail: Option<bool>,
    // Output options: accepted for compatibility; rlint's flags decide the output.
    #[allow(dead_code)]
    no_color: Option<bool>,
    #[allow(dead_code)]
    verbose: Option<bool>,
    #[allow(dead_code)]
    format: Option<String>,
    #[allow(dead_code)]
    #[serde(default)]
    formats: Vec<String>,
    #[serde(flatten)]
    unknown: BTreeMap<String, serde_norway::Value>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HadolintOverride {
    #[serde(default)]
    error: Vec<String>,
    #[serde(default)]
    warning: Vec<String>,
    #[serde(default)]
    info: Vec<String>,
    #[serde(default)]
    style: Vec<String>,
}

/// 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or(1, |pos| text[..pos].matches('\n').count() + 1)
}

fn selector(text: &str, path: &Path, source: &str, key: &str) -> Result<Selector, String> {
    let selector = Selector(text.to_string());
    // ShellCheck codes are common in hadolint configs; rlint does not run ShellCheck yet, so
    // they select nothing, but they are not errors.
    let is_shellcheck =
        text.len() > 2 && text.starts_with("SC") && text[2..].bytes().all(|b| b.is_ascii_digit());
    if !selector.is_known() && !is_shellcheck {
        let line = line_of(source, text);
        let hint = rlint_syntax::suggest::closest(
            text,
            rlint_linter::registry::metas().flat_map(|m| [m.code, m.name]),
        )
        .map(|near| format!(" (did you mean `{near}`?)"))
        .unwrap_or_default();
        return Err(format!(
            "{}:{line}: `{key}` names unknown rule `{text}`{hint}",
            path.display()
        ));
    }
    Ok(selector)
}

fn level(text: &str, path: &Path, source: &str, key: &str) -> Result<Level, String> {
    Level::parse(text).ok_or_else(|| {
        let line = line_of(source, text);
        format!("{}:{line}: `{key}`: `{text}` is not a severity (use error, warning, info, style or off)", path.display())
    })
}

fn label_schema(
    schema: &BTreeMap<String, String>,
    path: &Path,
    source: &str,
) -> Result<Vec<(String, LabelType)>, String> {
    schema
        .iter()
        .map(|(name, kind)| {
            LabelType::parse(kind).map(|t| (name.clone(), t)).ok_or_else(|| {
                let line = line_of(source, name);
                format!(
                    "{}:{line}: `label-schema.{name}`: unknown label type `{kind}` (use text, url, semver, hash, rfc3339, spdx or email)",
                    path.display()
                )
            })
        })
        .collect()
}

/// Reads and parses one config file.
pub fn load(path: &Path) -> Result<FileConfig, String> {
    let source = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: cannot read config: {}",
            path.display(),
            e.to_string().to_lowercase()
        )
    })?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.ends_with(".toml") {
        parse_toml(path, &source)
    } else {
        parse_hadolint(path, &source)
    }
}

pub fn parse_toml(path: &Path, source: &str) -> Result<FileConfig, String> {
    let config: TomlConfig = toml::from_str(source).map_err(|error| {
        let line = error.span().map_or(1, |span| {
            source[..span.start.min(source.len())].matches('\n').count() + 1
        });
        let message = error.message().trim_end_matches('.').to_string();
        format!("{}:{line}: {message}", path.display())
    })?;
    let mut settings = Settings::default();
    for text in &config.select {
        settings
            .select
            .push(selector(text, path, source, "select")?);
    }
    for text in &config.ignore {
        settings
            .ignore
            .push(selector(text, path, source, "ignore")?);
    }
    for (rule, text) in &config.severity {
        let sel = selector(rule, path, source, "severity")?;
        let level = level(text, path, source, &format!("severity.{rule}"))?;
        settings.set_severity(&sel, level);
    }
    settings.options.trusted_registries = config.rules.trusted_registries;
    settings.options.label_schema = label_schema(&config.rules.label_schema, path, source)?;
    settings.options.strict_labels = config.rules.strict_labels;
    settings.options.pip_require_hashes = config.rules.pip_require_hashes;
    settings.disable_ignore_pragma = config.disable_ignore_pragma.unwrap_or(false);
    let failure_threshold = match &config.failure_threshold {
        Some(text) => Some(level(text, path, source, "failure-threshold")?),
        None => None,
    };
    Ok(FileConfig {
        settings,
        failure_threshold,
        no_fail: config.no_fail,
        warnings: Vec::new(),
    })
}

pub fn parse_hadolint(path: &Path, source: &str) -> Result<FileConfig, String> {
    // An empty file is a valid, empty configuration.
    let config: HadolintConfig = if source.trim().is_empty() {
        HadolintConfig::default()
    } else {
        serde_norway::from_str(source).map_err(|error| {
            let line = error.location().map_or(1, |l| l.line());
            format!(
                "{}:{line}: {}",
                path.display(),
                error.to_string().trim_end_matches('.')
            )
        })?
    };
    let mut settings = Settings::default();
    for text in &config.ignored {
        settings
            .ignore
            .push(selector(text, path, source, "ignored")?);
    }
    let overrides = [
        (&config.override_.style, Level::Style),
        (&config.override_.info, Level::Info),
        (&config.override_.warning, Level::Warning),
        (&config.override_.error, Level::Error),
    ];
    // hadolint: when a code is in several lists, the more severe wins.
    for (codes, level) in overrides {
        for text in codes {
            let sel = selector(text, path, source, "override")?;
            settings.set_severity(&sel, level);
            // An override makes an opt-in rule run, as raising DL3057's severity does in hadolint.
            settings.select.push(sel);
        }
    }
    settings.options.trusted_registries = config.trusted_registries;
    settings.options.label_schema = label_schema(&config.label_schema, path, source)?;
    settings.options.strict_labels = config.strict_labels.unwrap_or(false);
    settings.disable_ignore_pragma = config.disable_ignore_pragma.unwrap_or(false);
    let failure_threshold = match &config.failure_threshold {
        Some(text) => Some(level(text, path, source, "failure-threshold")?),
        None => None,
    };
    let warnings = config
        .unknown
        .keys()
        .map(|key| {
            format!(
                "{}:{}: unknown key `{key}` (ignored, as hadolint ignores it)",
                path.display(),
                line_of(source, key)
            )
        })
        .collect();
    Ok(FileConfig {
        settings,
        failure_threshold,
        no_fail: config.no_fail,
        warnings,
    })
}

/// Finds the config for files in a directory, caching per directory.
#[derive(Default)]
pub struct Discovery {
    cache: HashMap<PathBuf, Option<PathBuf>>,
}

impl Discovery {
    /// The closest config file above `file` (its directory first).
    pub fn find(&mut self, file: &Path) -> Option<PathBuf> {
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        self.find_in(&dir)
    }

    fn find_in(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.cache.get(dir) {
            return found.clone();
        }
        let found = CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|path| path.is_file())
            .or_else(|| dir.parent().and_then(|parent| self.find_in(parent)));
        self.cache.insert(dir.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_config_sets_rules_and_options() {
        let source = r#"
select = ["ALL"]
ignore = ["DL3008", "image-untagged"]
failure-threshold = "warning"

[severity]
DL3007 = "error"

[rules]
trusted-registries = ["ghcr.io"]
strict-labels = true

[rules.label-schema]
"org.opencontainers.image.version" = "semver"
"#;
        let config = parse_toml(Path::new("rlint.toml"), source).expect("valid config");
        assert_eq!(config.failure_threshold, Some(Level::Warning));
        assert_eq!(config.settings.options.trusted_registries, ["ghcr.io"]);
        assert!(config.settings.options.strict_labels);
        assert_eq!(
            config.settings.options.label_schema,
            [(
                "org.opencontainers.image.version".to_string(),
                LabelType::Semver
            )]
        );
        let dl3006 = rlint_linter::registry::find("DL3006").expect("rule").meta();
        assert_eq!(config.settings.level(dl3006), None);
        let dl3007 = rlint_linter::registry::find("DL3007").expect("rule").meta();
        assert_eq!(config.settings.level(dl3007), Some(Level::Error));
    }

    #[test]
    fn broken_toml_names_file_line_and_key() {
        let error = parse_toml(
            Path::new("rlint.toml"),
            "select = [\"ALL\"]\nignroe = [\"DL3008\"]\n",
        )
        .expect_err("unknown key");
        assert!(error.starts_with("rlint.toml:2:"), "{error}");
        assert!(error.contains("ignroe"), "{error}");
        let error = parse_toml(Path::new("rlint.toml"), "\n\nignore = [\"DL9999\"]\n")
            .expect_err("unknown rule");
        assert!(
            error.starts_with("rlint.toml:3:") && error.contains("DL9999"),
            "{error}"
        );
        let error = parse_toml(Path::new("rlint.toml"), "[severity]\nDL3008 = \"loud\"\n")
            .expect_err("bad level");
        assert!(
            error.starts_with("rlint.toml:2:") && error.contains("loud"),
            "{error}"
        );
    }

    #[test]
    fn hadolint_yaml_supports_every_key() {
        let source = "ignored:\n  - DL3008\n  - SC2086\noverride:\n  error:\n    - DL3007\n  info:\n    - DL3006\ntrustedRegistries:\n  - docker.io\nlabel-schema:\n  author: text\n  url: url\nstrict-labels: true\ndisable-ignore-pragma: true\nfailure-threshold: error\nno-fail: false\nno-color: true\nverbose: false\nformat: json\nformats: [json]\n";
        let config = parse_hadolint(Path::new(".hadolint.yaml"), source).expect("valid");
        assert_eq!(config.failure_threshold, Some(Level::Error));
        assert!(config.settings.disable_ignore_pragma);
        assert_eq!(config.settings.options.label_schema.len(), 2);
        assert!(config.warnings.is_empty());
        let dl3008 = rlint_linter::registry::find("DL3008").expect("rule").meta();
        assert_eq!(config.settings.level(dl3008), None);
    }

    #[test]
    fn broken_hadolint_yaml_names_file_and_line() {
        let error = parse_hadolint(
            Path::new(".hadolint.yaml"),
            "ignored:\n  - DL3008\ntrustedRegistries: docker.io\n",
        )
        .expect_err("scalar");
        assert!(error.starts_with(".hadolint.yaml:3:"), "{error}");
        let config = parse_hadolint(Path::new(".hadolint.yaml"), "colour: true\n")
            .expect("unknown keys only warn");
        assert_eq!(config.warnings.len(), 1);
    }
}

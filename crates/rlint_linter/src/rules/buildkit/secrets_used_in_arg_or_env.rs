//! RL2014 (BuildKit `SecretsUsedInArgOrEnv`): ARG or ENV names that look like secrets.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags `ARG` and `ENV` names that look like they hold a secret.
    ///
    /// ## What it does
    /// Splits each `ARG` and `ENV` name on `_` and reports it when a part is one of `apikey`,
    /// `auth`, `credential`, `credentials`, `key`, `password`, `pword`, `passwd`, `secret` or
    /// `token` (any case), unless a part is `public`, `file` or `version`. So `GITHUB_TOKEN`
    /// and `DB_PASSWORD` are reported; `PUBLIC_KEY`, `SSH_KEY_FILE`, `TOKENIZER` and
    /// `SECRETS` are not.
    ///
    /// ## Why is this bad?
    /// ARG and ENV values are stored in the image history and metadata, where anyone who can
    /// pull the image can read them. Secret mounts (`RUN --mount=type=secret`) keep them out.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG GITHUB_TOKEN
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN ./fetch-deps.sh
    /// ```
    ///
    /// ## Overlaps
    /// hadolint's DL3064 (`secret-variable-name`) covers the same problem with another word list
    /// and is on by default; this rule is off by default and exists for BuildKit parity (select
    /// `RL2014` or `SecretsUsedInArgOrEnv`). Its matching on whole `_`-separated words gives fewer
    /// false positives (`TOKENIZERS_PARALLELISM` passes).
    ///
    /// ## References
    /// - [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
    pub SecretsUsedInArgOrEnv {
        code: "RL2014",
        name: "secrets-used-in-arg-or-env",
        category: Security,
        severity: Off,
        fix: None,
        source: Buildkit("SecretsUsedInArgOrEnv"),
        aliases: ["SecretsUsedInArgOrEnv"],
        locality: Stage,
    }
}

const SECRET_WORDS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];
const ALLOWED_WORDS: &[&str] = &["public", "file", "version"];

/// Whether BuildKit considers `name` a secret's name.
pub(crate) fn looks_like_secret(name: &str) -> bool {
    let parts: Vec<String> = name.split('_').map(str::to_lowercase).collect();
    parts.iter().any(|p| SECRET_WORDS.contains(&p.as_str()))
        && !parts.iter().any(|p| ALLOWED_WORDS.contains(&p.as_str()))
}

impl SecretsUsedInArgOrEnv {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let escape = model.escape;
        for instruction in &model.instructions[model.stage_span(stage)] {
            let keyword = match instruction {
                Instruction::Arg(_) => "ARG",
                Instruction::Env(_) => "ENV",
                _ => continue,
            };
            for pair in instruction.key_values() {
                let (Some(key), Some(range)) = (pair.key(escape), pair.key_range()) else {
                    continue;
                };
                if looks_like_secret(&key) {
                    ctx.report(
                        range,
                        format!("{keyword} `{key}` looks like a secret: ARG and ENV values stay in the image, use a secret mount"),
                    );
                }
            }
        }
    }
}

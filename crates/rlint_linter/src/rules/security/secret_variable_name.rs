//! DL3064: ARG or ENV names that look like secrets.

use crate::declare_rule;
use crate::rule::Context;
use memchr::memmem;
use rlint_syntax::ast::Instruction;
use std::sync::LazyLock;

declare_rule! {
    /// Flags an ARG or ENV whose name looks like it holds a secret.
    ///
    /// ## What it does
    /// Reports ARG and ENV names (also inside ONBUILD) that are well-known credential
    /// variables (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `NPM_TOKEN`, ...) or contain
    /// `password`, `secret`, `token`, `api_key`, `client_key`, `private` or `username`
    /// (case-insensitive). Words that merely start like `token` (`TOKENIZERS_PARALLELISM`,
    /// `TOKENISER`) are not secrets and are not reported, and neither are names ending in
    /// `_VERSION`/`_VER` (the version of a tool such as helm-secrets) or `FILE` (the path of
    /// a file holding the secret, as in `POSTGRES_PASSWORD_FILE`).
    ///
    /// ## Why is this bad?
    /// ENV values are stored in the image configuration, and ARG values in the build history
    /// of every layer built after them: anyone who can pull the image can read them with
    /// `docker history` or `docker inspect`. Secrets belong in build secrets
    /// (`RUN --mount=type=secret`) or in the runtime environment.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// ARG NPM_TOKEN
    /// RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-alpine
    /// RUN --mount=type=secret,id=npm,env=NPM_TOKEN \
    ///     echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
    /// ```
    ///
    /// ## Differences from hadolint
    /// Each suspicious name is reported at its own position. `token` is matched as a word
    /// start, so `TOKENIZERS_PARALLELISM` (a Hugging Face setting) is not reported; tool
    /// versions (`HELM_SECRETS_VERSION`) and secret file paths (`DB_PASSWORD_FILE`,
    /// `SECRETSFILE`) are not reported either. ARG instructions declaring several names
    /// (`ARG A B`) have each name checked, as BuildKit declares each.
    ///
    /// ## Overlaps
    /// BuildKit's `SecretsUsedInArgOrEnv` check (RL2014) reports the same problem. This rule is on
    /// by default and RL2014 is off, so each problem is reported once; select RL2014 to get
    /// BuildKit's exact wording and scope instead.
    ///
    /// ## References
    /// - [Docker build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
    pub SecretVariableName {
        code: "DL3064",
        name: "secret-variable-name",
        category: Security,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3064"),
        locality: Instruction,
    }
}

/// Variables that hold credentials by convention (compared upper-cased).
const KNOWN_SECRET_NAMES: &[&str] = &[
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

/// Parts of names that suggest a credential (compared lower-cased).
const SUSPICIOUS_PARTS: &[&str] = &[
    "api_key",
    "client_key",
    "password",
    "private",
    "secret",
    "token",
    "username",
];

impl SecretVariableName {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let escape = ctx.model.escape;
        let instruction = match &ctx.model.instructions[idx] {
            Instruction::Onbuild(onbuild) => match onbuild.trigger() {
                Some(trigger) => trigger,
                None => return,
            },
            other => other.clone(),
        };
        let keyword = match instruction {
            Instruction::Arg(_) => "ARG",
            Instruction::Env(_) => "ENV",
            _ => return,
        };
        for pair in instruction.key_values() {
            let (Some(name), Some(range)) = (pair.key(escape), pair.key_range()) else {
                continue;
            };
            if looks_secret(&name) {
                ctx.report(
                    range,
                    format!("`{name}` looks like a secret, and {keyword} values stay readable in the image: use a build secret (`RUN --mount=type=secret`)"),
                );
            }
        }
    }
}

/// Whether a variable name suggests a credential. Every ARG and ENV name comes through here:
/// one lower-cased copy (two more only when the name holds `tokeni`), and the parts' searchers
/// built once (building one per `contains` made this rule one of the slowest).
pub(crate) fn looks_secret(name: &str) -> bool {
    static PARTS: LazyLock<Vec<memmem::Finder<'static>>> =
        LazyLock::new(|| SUSPICIOUS_PARTS.iter().map(memmem::Finder::new).collect());
    if KNOWN_SECRET_NAMES
        .iter()
        .any(|known| known.eq_ignore_ascii_case(name))
    {
        return true;
    }
    let mut lower = name.to_ascii_lowercase();
    // A version of a secrets tool, or the path of a file holding the secret (the `_FILE`
    // convention of official images), is not itself secret.
    if ["_version", "_ver", "file"]
        .iter()
        .any(|s| lower.ends_with(s))
    {
        return false;
    }
    // `tokenizer`, `tokenise`: a word that starts with "token" is not a token.
    if lower.contains("tokeni") {
        lower = lower.replace("tokeniz", "").replace("tokenis", "");
    }
    PARTS
        .iter()
        .any(|part| part.find(lower.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use super::looks_secret;

    #[test]
    fn names() {
        for secret in [
            "NPM_TOKEN",
            "db_password",
            "MY_SECRET_KEY",
            "githubToken",
            "PRIVATE_KEY",
            "aws_access_key_id",
        ] {
            assert!(looks_secret(secret), "{secret}");
        }
        for plain in [
            "TOKENIZERS_PARALLELISM",
            "HF_TOKENIZER",
            "PATH",
            "NODE_ENV",
            "VERSION",
            "HELM_SECRETS_VERSION",
            "POSTGRES_PASSWORD_FILE",
            "SECRETSFILE",
        ] {
            assert!(!looks_secret(plain), "{plain}");
        }
    }
}

//! RL6004: credential files copied from the build context into the image.

use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags `COPY`/`ADD` of files that usually hold credentials.
    ///
    /// ## What it does
    /// Reports a `COPY` or `ADD` source from the build context named `.env` (or `.env.<name>`,
    /// except `.example`, `.sample`, `.template`, `.dist` and `.defaults`), an SSH private key
    /// (`id_rsa`, `id_ed25519`, `id_ecdsa`, `id_dsa`, not `.pub`), `*.key`, a `*.pem` whose
    /// name does not say it is a certificate, `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`,
    /// anything under `.aws/`, the `.ssh/` directory or a key in it (not `authorized_keys`,
    /// `known_hosts`, `config` or `*.pub`), or `.docker/config.json`. A key whose source or
    /// destination name marks it as public (`pub`, `gpg`, `asc`, `keyring`, `signing`,
    /// `release`: repository signing keys) is not reported. `COPY --from` (files of another
    /// stage or image) is not checked.
    ///
    /// ## Why is this bad?
    /// A copied file is stored in the layer the `COPY` creates. Deleting it in a later step only
    /// hides it: the earlier layer still holds it, and anyone who can pull the image can
    /// extract it with `docker save`. Build-time credentials belong in a secret mount, which
    /// BuildKit makes available to one `RUN` without writing it into any layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-slim
    /// COPY .npmrc package.json package-lock.json ./
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-slim
    /// COPY package.json package-lock.json ./
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    ///
    /// ## Known problems
    /// Files are judged by name only: a `.npmrc` that holds no token, or a `.key` file that is
    /// not secret, is still reported. Directories copied whole (`COPY . .`) are not inspected;
    /// keep such files out with `.dockerignore`.
    ///
    /// ## References
    /// - [Build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [Dockerfile reference: RUN --mount=type=secret](https://docs.docker.com/reference/dockerfile/#run---mounttypesecret)
    pub CopySensitiveFile {
        code: "RL6004",
        name: "copy-sensitive-file",
        category: Security,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Instruction,
    }
}

/// What kind of credential file a source path names, if any.
pub(crate) fn sensitive_kind(path: &str, destination: &str) -> Option<&'static str> {
    let path = path.trim_matches(['"', '\'']);
    // Public halves and files that hold no secret.
    let public = |name: &str| {
        let name = name.to_ascii_lowercase();
        [
            "pub", "gpg", "pgp", "asc", "keyring", "trusted", "signing", "release",
        ]
        .iter()
        .any(|w| name.contains(w))
    };
    let dest_base = destination
        .trim_matches(['"', '\''])
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let trimmed = path.trim_end_matches('/');
    let base = trimmed.rsplit('/').next().unwrap_or(trimmed);
    let segments: Vec<&str> = trimmed.split('/').collect();
    if segments.contains(&".aws") {
        return Some("AWS credentials");
    }
    if segments.contains(&".ssh") {
        let harmless = [
            "authorized_keys",
            "known_hosts",
            "config",
            "environment",
            "rc",
        ];
        if harmless.contains(&base) || base.ends_with(".pub") {
            return None;
        }
        return Some("SSH keys");
    }
    if trimmed.ends_with(".docker/config.json") {
        return Some("registry credentials");
    }
    let lower = base.to_ascii_lowercase();
    if lower == ".env" {
        return Some("environment secrets");
    }
    if let Some(suffix) = lower.strip_prefix(".env.") {
        let harmless = [
            "example", "sample", "template", "dist", "defaults", "default", "tpl", "tmpl", "test",
            "ci", "docker",
        ];
        if !harmless.iter().any(|h| suffix.contains(h)) {
            return Some("environment secrets");
        }
        return None;
    }
    match lower.as_str() {
        ".npmrc" => return Some("npm credentials"),
        ".pypirc" => return Some("PyPI credentials"),
        ".netrc" | "_netrc" => return Some("netrc credentials"),
        ".git-credentials" => return Some("git credentials"),
        _ => {}
    }
    for key in ["id_rsa", "id_ed25519", "id_ecdsa", "id_dsa"] {
        if lower.starts_with(key) && !lower.ends_with(".pub") {
            return Some("an SSH private key");
        }
    }
    if lower.ends_with(".key") && !lower.contains('*') && !public(&lower) && !public(dest_base) {
        return Some("a private key");
    }
    if let Some(stem) = lower.strip_suffix(".pem") {
        let certificate = [
            "cert", "crt", "ca", "chain", "bundle", "root", "pub", "trust", "*",
        ];
        let private = stem.contains("key") || !certificate.iter().any(|c| stem.contains(c));
        if private && !public(stem) && !public(dest_base) {
            return Some("a private key");
        }
    }
    None
}

impl CopySensitiveFile {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let model = ctx.model;
        let instruction = &model.instructions[idx];
        let inner = match instruction {
            Instruction::Onbuild(onbuild) => onbuild.trigger(),
            other => Some(other.clone()),
        };
        let (keyword, paths) = match &inner {
            Some(Instruction::Copy(copy)) => {
                if inner.as_ref().and_then(|i| i.flag("--from")).is_some() {
                    return;
                }
                ("COPY", copy.paths())
            }
            Some(Instruction::Add(add)) => ("ADD", add.paths()),
            _ => return,
        };
        let Some(((destination, _), sources)) = paths.split_last() else {
            return;
        };
        for (path, range) in sources {
            if path.contains("://") || path.starts_with("git@") {
                continue;
            }
            let Some(kind) = sensitive_kind(path, destination) else {
                continue;
            };
            let shown = path.trim_matches(['"', '\'']);
            ctx.report(
                *range,
                format!(
                    "{keyword} of `{shown}` ({kind}) stores it in an image layer: use `RUN --mount=type=secret` instead"
                ),
            );
        }
    }
}

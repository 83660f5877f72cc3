//! RL2015 (BuildKit `InvalidDefaultArgInFrom`): ARG defaults that make a FROM image invalid.

use crate::declare_rule;
use crate::model::expand_with;
use crate::rule::Context;
use rlint_syntax::ast::AstNode;

declare_rule! {
    /// Flags a `FROM` whose image is empty or invalid when the ARGs take their defaults.
    ///
    /// ## What it does
    /// Expands each `FROM` image that uses variables with the global ARG defaults only (no
    /// `--build-arg`), as `docker build` without arguments would, and reports the result when
    /// it is empty or not a valid image reference (`golang:` from `golang:${GO_VERSION}` with
    /// `ARG GO_VERSION` and no default).
    ///
    /// ## Why is this bad?
    /// The Dockerfile only builds when every such ARG is passed on the command line; a plain
    /// `docker build` fails. A sensible default keeps the file buildable.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG GO_VERSION
    /// FROM golang:${GO_VERSION}
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG GO_VERSION=1.22
    /// FROM golang:${GO_VERSION}
    /// ```
    ///
    /// ## References
    /// - [BuildKit check InvalidDefaultArgInFrom](https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/)
    pub InvalidDefaultArgInFrom {
        code: "RL2015",
        name: "invalid-default-arg-in-from",
        category: BaseImage,
        severity: Warning,
        fix: None,
        source: Buildkit("InvalidDefaultArgInFrom"),
        aliases: ["InvalidDefaultArgInFrom"],
        locality: Stage,
    }
}

impl InvalidDefaultArgInFrom {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let stage = &model.stages[stage];
        let Some(image) = stage.from.image() else {
            return;
        };
        let text = image.text().text;
        // Without a `$` nothing is looked up, so BuildKit's FROM environment (the automatic
        // platform ARGs and the global ones) need not be worked out for the file.
        let expansion = if text.contains('$') {
            expand_with(&text, model.from_env(), model.escape)
        } else {
            expand_with(&text, &std::collections::HashMap::new(), model.escape)
        };
        let Some(expansion) = expansion else {
            return;
        };
        let mut names = expansion.matched.clone();
        names.extend(expansion.unmatched.iter().cloned());
        let value = expansion.value;
        // An earlier stage's name, found the way the model links stages.
        let is_stage = model
            .buildkit_parents()
            .get(stage.index)
            .copied()
            .flatten()
            .is_some();
        if is_stage || (!value.is_empty() && is_valid_reference(&value)) {
            return;
        }
        let names = names.join(", ");
        let message = if names.is_empty() {
            format!("the base image `{value}` is not a valid image reference")
        } else if value.is_empty() {
            format!(
                "with the defaults of ARG {names} the base image is empty: give the ARG a default"
            )
        } else {
            format!("with the defaults of ARG {names} the base image `{value}` is invalid: give the ARG a default")
        };
        ctx.report(image.syntax().text_range(), message);
    }
}

/// Whether `text` is a valid image reference for Docker's `ParseNormalizedNamed`.
pub(crate) fn is_valid_reference(text: &str) -> bool {
    let (name_tag, digest) = match text.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (text, None),
    };
    if let Some(digest) = digest {
        let Some((algorithm, encoded)) = digest.split_once(':') else {
            return false;
        };
        let algorithm_ok = !algorithm.is_empty()
            && algorithm.starts_with(|c: char| c.is_ascii_alphabetic())
            && algorithm
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_+.".contains(c));
        if !algorithm_ok || encoded.len() < 32 || !encoded.chars().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    let last_slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag[last_slash..].rfind(':') {
        Some(i) => (
            &name_tag[..last_slash + i],
            Some(&name_tag[last_slash + i + 1..]),
        ),
        None => (name_tag, None),
    };
    if let Some(tag) = tag {
        let ok = !tag.is_empty()
            && tag.len() <= 128
            && tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        if !ok {
            return false;
        }
    }
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    if name.len() == 64
        && name
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    {
        return false;
    }
    let (domain, path) = match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first != first.to_lowercase() =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    if let Some(domain) = domain {
        if !is_valid_domain(domain) {
            return false;
        }
    }
    path.split('/').all(is_valid_path_component)
}

fn is_valid_domain(domain: &str) -> bool {
    let (host, port) = if domain.starts_with('[') {
        match domain.find(']') {
            Some(end) => {
                let rest = &domain[end + 1..];
                (&domain[..=end], rest.strip_prefix(':'))
            }
            None => return false,
        }
    } else {
        match domain.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (domain, None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    if host.starts_with('[') {
        return host.len() > 2
            && host[1..host.len() - 1]
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':');
    }
    !host.is_empty()
        && host.split('.').all(|part| {
            !part.is_empty()
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        })
}

/// `[a-z0-9]+` separated by `.`, `_`, `__` or runs of `-`.
fn is_valid_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    if bytes.is_empty() || !is_alnum(bytes[0]) || !is_alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if is_alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_alnum(bytes[i]) {
            i += 1;
        }
        let separator = &component[start..i];
        let ok = matches!(separator, "." | "_" | "__") || separator.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::is_valid_reference;

    #[test]
    fn validates_references_like_docker() {
        for ok in [
            "alpine",
            "golang:1.22",
            "ghcr.io/a/b:v1",
            "localhost:5000/x",
            "a__b/c-d.e:1_x",
        ] {
            assert!(is_valid_reference(ok), "{ok}");
        }
        for bad in [
            "golang:",
            "/harbor-core-base:",
            "Alpine",
            "a/B",
            "x:-tag",
            "img:a/b",
            "a@sha256:12",
        ] {
            assert!(!is_valid_reference(bad), "{bad}");
        }
    }
}

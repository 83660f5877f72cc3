//! DL3066: the final image's USER given by name instead of a numeric id.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a final `USER` given by name rather than by numeric user id.
    ///
    /// ## What it does
    /// Finds the USER the final image runs as (the last USER of the final stage, else of the
    /// nearest stage it is built `FROM` that has one) and reports it when its user part is
    /// not a number (`USER app`, `USER app:app`). Variables are resolved with the ARG/ENV
    /// defaults in scope; a value the build passes is not judged. `root` is left to
    /// `last-user-root` (DL3002).
    ///
    /// ## Why is this bad?
    /// A user name means something only inside the image's `/etc/passwd`. Kubernetes'
    /// `runAsNonRoot` cannot verify a name and refuses to start the pod, and host-side tools
    /// (volume ownership, security policies) see only numbers.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D -u 10001 app
    /// USER app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D -u 10001 app
    /// USER 10001
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint 2.15.1 checks every USER, including temporary switches and builder stages
    /// that never run (later hadolint versions check only the final USER, as rlint does).
    /// `USER root` is reported by `last-user-root` instead, once. Variables are resolved
    /// with ARG/ENV defaults (hadolint accepts any variable naming an earlier ARG).
    ///
    /// ## References
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    /// - [Kubernetes: security context](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    pub UserNotNumeric {
        code: "DL3066",
        name: "user-not-numeric",
        category: Security,
        severity: Info,
        fix: None,
        source: Hadolint("DL3066"),
    }
}

impl UserNotNumeric {
    fn run(ctx: &mut Context<'_>) {
        let Some(user) = super::effective_user(ctx.model) else {
            return;
        };
        let Some(name) = user.user.as_deref() else {
            return;
        };
        if name == "root" || name.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        ctx.report(
            user.user_range,
            format!("the image runs as user `{name}` by name: use its numeric id so the host and Kubernetes can verify it"),
        );
    }
}

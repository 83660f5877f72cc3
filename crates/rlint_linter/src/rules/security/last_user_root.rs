//! DL3002: the final image runs as root because its last USER is root.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags a final image whose last `USER` switches to root.
    ///
    /// ## What it does
    /// Finds the USER the final image runs as (the last USER of the final stage, else of the
    /// nearest stage it is built `FROM` that has one) and reports it when the user is `root`
    /// or `0`, with or without a group (`root:root`, `0:0`). Variables are resolved with the
    /// ARG/ENV defaults in scope. A Dockerfile that never sets USER is not reported here.
    ///
    /// ## Why is this bad?
    /// A container running as root turns any escape from the application into root access
    /// in the container, and often on the host (shared volumes, the Docker socket, kernel
    /// bugs). Switching to root for installation steps is fine; the image should end with an
    /// unprivileged user.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D app
    /// USER app
    /// RUN echo hello
    /// USER root
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D app
    /// USER root
    /// RUN echo hello
    /// USER app
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint checks the last USER of every stage, so a builder stage that ends as root
    /// (its files are copied out; it never runs) is reported, and a parent stage ending as
    /// root is reported even when the final stage switches to another user. rlint reports
    /// only the USER the final image runs as. `USER $RUNTIME_USER` with `ARG RUNTIME_USER=root`
    /// is resolved and reported.
    ///
    /// ## References
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub LastUserRoot {
        code: "DL3002",
        name: "last-user-root",
        category: Security,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3002"),
    }
}

impl LastUserRoot {
    fn run(ctx: &mut Context<'_>) {
        let Some(user) = super::effective_user(ctx.model) else {
            return;
        };
        if matches!(user.user.as_deref(), Some("root" | "0")) {
            ctx.report(
                user.range,
                format!(
                    "the image runs as `{}`: end the final stage with an unprivileged `USER`",
                    user.raw
                ),
            );
        }
    }
}

//! RL2019 (BuildKit `ExposeProtoCasing`): `EXPOSE 80/TCP`.

use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::rule::Context;
use crate::rules::buildkit::expose_invalid_format::expose_ports;

declare_rule! {
    /// Flags an `EXPOSE` protocol that is not lowercase.
    ///
    /// ## What it does
    /// Reports each `EXPOSE` port, variables expanded, whose protocol after `/` has uppercase
    /// letters (`80/TCP`, `53/Udp`).
    ///
    /// ## Why is this bad?
    /// Docker expects `tcp`, `udp` or `sctp` in lowercase; other spellings are at best
    /// normalised silently and at worst rejected by other tools that read the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/TCP
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/tcp
    /// ```
    ///
    /// ## Fix safety
    /// The fix lowercases the protocol where it is written literally; it is safe.
    ///
    /// ## References
    /// - [BuildKit check ExposeProtoCasing](https://docs.docker.com/reference/build-checks/expose-proto-casing/)
    pub ExposeProtoCasing {
        code: "RL2019",
        name: "expose-proto-casing",
        category: Style,
        severity: Warning,
        fix: Safe,
        source: Buildkit("ExposeProtoCasing"),
        aliases: ["ExposeProtoCasing"],
        locality: Stage,
    }
}

impl ExposeProtoCasing {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        for port in expose_ports(ctx.model, stage) {
            let Some((_, proto)) = port.value.split_once('/') else {
                continue;
            };
            if proto == proto.to_lowercase() {
                continue;
            }
            let diagnostic = ctx.report(
                port.range,
                format!("protocol in `EXPOSE {}` should be lowercase", port.value),
            );
            if port.literal {
                diagnostic.with_fix(Fix::safe(
                    "Lowercase the protocol",
                    vec![Edit::replace(port.range, port.value.to_lowercase())],
                ));
            }
        }
    }
}

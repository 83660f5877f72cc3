//! DL4005: `ln` replacing `/bin/sh` instead of using SHELL.

use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `ln` that replaces `/bin/sh` to change the default shell.
    ///
    /// ## What it does
    /// Reports `ln` commands whose link name is `/bin/sh` (`ln -sf /bin/bash /bin/sh`).
    ///
    /// ## Why is this bad?
    /// Swapping `/bin/sh` changes the shell of every program in the container, including
    /// system scripts written for the original one, only to change how RUN commands are
    /// interpreted. The `SHELL` instruction changes the shell of the following RUN, CMD and
    /// ENTRYPOINT instructions and nothing else.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-c"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint reports any `ln` that mentions `/bin/sh`, even `ln -s /bin/sh /usr/local/bin/sh`
    /// which leaves `/bin/sh` alone; rlint reports only links named `/bin/sh`. `ln` behind
    /// `sudo` or an absolute path is seen.
    ///
    /// ## References
    /// - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    pub LnReplacesBinSh {
        code: "DL4005",
        name: "ln-replaces-bin-sh",
        category: Shell,
        severity: Warning,
        fix: None,
        source: Hadolint("DL4005"),
        locality: Instruction,
    }
}

impl LnReplacesBinSh {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("ln") {
            let parsed = command.options();
            // With `-t DIR` every operand is a target; otherwise the last operand is the
            // link name when there are two or more.
            if parsed.has(&["-t", "--target-directory"]) {
                continue;
            }
            let [_, .., link] = &parsed.operands[..] else {
                continue;
            };
            if link.value.trim_end_matches('/') != "/bin/sh" {
                continue;
            }
            ctx.report(
                script.range(&link.range),
                "do not replace `/bin/sh` with `ln`: use the SHELL instruction to change the shell",
            );
        }
    }
}

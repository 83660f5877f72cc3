//! DL3045: COPY to a relative destination with no WORKDIR set.

use super::copy_multiple_sources_without_dir::copy_paths;
use crate::declare_rule;
use crate::model::Inherit;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags `COPY` to a relative destination while no `WORKDIR` is set.
    ///
    /// ## What it does
    /// Reports the destination of a `COPY` when it is relative (does not start with `/`, a
    /// variable or a Windows drive) and no `WORKDIR` came before it in the stage or in the
    /// stages it is built `FROM`.
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the working directory of the base image,
    /// which the Dockerfile does not show and which changes when the base image changes (`/`
    /// for most images, something else for many language images). Files then land somewhere
    /// unexpected.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY requirements.txt .
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// WORKDIR /app
    /// COPY requirements.txt .
    /// ```
    ///
    /// ## Differences from hadolint
    /// The `WORKDIR` is looked up through the real stage chain (`FROM <stage>`, names compared
    /// case-insensitively). hadolint keys stages by name, so two stages built on the same
    /// image without `AS` share their `WORKDIR` state, and a stage named like a base image
    /// inherits from an unrelated stage. In `COPY <<EOT extra.txt /etc/conf` the destination
    /// is `/etc/conf`, as BuildKit reads it; hadolint's parser takes `extra.txt` for it.
    ///
    /// ## References
    /// - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    pub CopyRelativeDestWithoutWorkdir {
        code: "DL3045",
        name: "copy-relative-dest-without-workdir",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3045"),
        locality: Stage,
    }
}

impl CopyRelativeDestWithoutWorkdir {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        // A WORKDIR anywhere in an ancestor stage is in effect when this stage starts.
        let mut workdir_set = model.inherits(stage, Inherit::WorkdirAsWritten);
        for instruction in model.stage_instructions(stage) {
            match instruction {
                Instruction::Workdir(_) => workdir_set = true,
                Instruction::Copy(_) if !workdir_set => {
                    let paths = copy_paths(instruction, model.escape);
                    let Some(dest) = paths.last().filter(|_| paths.len() > 1) else {
                        continue;
                    };
                    if is_absolute_dest(&dest.value) {
                        continue;
                    }
                    ctx.report(
                        dest.range,
                        format!("COPY to relative `{}` with no WORKDIR set: set a WORKDIR first or use an absolute path", dest.value),
                    );
                }
                _ => {}
            }
        }
    }
}

/// `/x`, `$VAR/x`, `C:\x`, `C:/x`.
fn is_absolute_dest(dest: &str) -> bool {
    dest.starts_with('/')
        || dest.starts_with('$')
        || dest
            .get(1..3)
            .is_some_and(|drive| drive == ":\\" || drive == ":/")
}

//! DL3067: `COPY --from=<stage> / /`.

use super::copy_multiple_sources_without_dir::copy_paths;
use crate::declare_rule;
use crate::rule::Context;
use rlint_syntax::ast::Instruction;

declare_rule! {
    /// Flags `COPY --from=<stage> / /`, which copies a whole filesystem.
    ///
    /// ## What it does
    /// Reports a `COPY --from` whose only source is `/` and whose destination is `/`.
    ///
    /// ## Why is this bad?
    /// Copying the root of another stage or image over the root of this one brings everything
    /// along: package databases, caches, build tools, device and configuration files. The
    /// image grows, files of the current base are overwritten, and the point of a multi-stage
    /// build is lost. Copy the directories you need, or build `FROM` that stage.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS build
    /// RUN apk add --no-cache curl
    /// FROM alpine:3.20
    /// COPY --from=build / /
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20 AS build
    /// RUN apk add --no-cache curl
    /// FROM alpine:3.20
    /// COPY --from=build /usr/bin/curl /usr/bin/curl
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub CopyWholeFilesystem {
        code: "DL3067",
        name: "copy-whole-filesystem",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3067"),
        locality: Instruction,
    }
}

impl CopyWholeFilesystem {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let instruction = &ctx.model.instructions[idx];
        let Instruction::Copy(_) = instruction else {
            return;
        };
        if instruction.flag("--from").is_none() {
            return;
        }
        let paths = copy_paths(instruction, ctx.model.escape);
        let [source, dest] = paths.as_slice() else {
            return;
        };
        if source.value == "/" && dest.value == "/" {
            ctx.report(
                source.range.cover(dest.range),
                "COPY of `/` to `/` copies the whole filesystem: copy only the paths you need",
            );
        }
    }
}

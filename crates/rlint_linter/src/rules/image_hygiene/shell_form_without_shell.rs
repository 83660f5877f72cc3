//! RL4006: shell-form commands in images that have no shell.

use crate::declare_rule;
use crate::model::{Base, Model};
use crate::rule::Context;
use rlint_syntax::ast::{AstNode, Command, Instruction};

declare_rule! {
    /// Flags a shell-form `RUN`, `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in a stage built on
    /// `scratch` or a distroless image, which have no `/bin/sh`.
    ///
    /// ## What it does
    /// Follows each stage through `FROM <stage>` to its base. When that base is `scratch`, a
    /// distroless image (a repository path containing `distroless`, without a `debug` tag) or a
    /// `chiseled` Ubuntu image, every shell-form command of the stage is reported. A stage is
    /// skipped once a `COPY`/`ADD` could have brought a shell (a destination of `/`, a relative one, `/bin`,
    /// `/usr/bin`, `/usr/local/bin`, or an archive that `ADD` unpacks), once it sets `SHELL`,
    /// and for a `RUN` with `--mount` (which can provide a shell).
    ///
    /// ## Why is this bad?
    /// The shell form is run as `/bin/sh -c "<command>"`. In an image without `/bin/sh` a
    /// `RUN` fails the build, and a `CMD` or `ENTRYPOINT` builds fine but every container
    /// fails to start with `exec: "/bin/sh": stat /bin/sh: no such file or directory`. A
    /// shell-form `HEALTHCHECK` makes the container permanently unhealthy.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12
    /// COPY app /app
    /// CMD /app --port 8080
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12
    /// COPY app /app
    /// CMD ["/app", "--port", "8080"]
    /// ```
    ///
    /// ## Known problems
    /// Other shell-less images (Chainguard `static`, vendor minimal images) are not
    /// recognised. A shell copied to an unusual path and used through `SHELL` is trusted.
    ///
    /// ## References
    /// - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    /// - [Distroless images](https://github.com/GoogleContainerTools/distroless#debug-images)
    pub ShellFormWithoutShell {
        code: "RL4006",
        name: "shell-form-without-shell",
        category: BaseImage,
        severity: Warning,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

impl ShellFormWithoutShell {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let chain = model.ancestors(stage);
        let Some(&root) = chain.last() else {
            return;
        };
        let Some(base) = shell_less_base(model, root) else {
            return;
        };
        // Instructions of the ancestors run before this stage's.
        let inherited = chain[1..]
            .iter()
            .flat_map(|&idx| model.stage_instructions(idx));
        if inherited.clone().any(may_bring_shell) {
            return;
        }
        for instruction in model.stage_instructions(stage) {
            if may_bring_shell(instruction) {
                break;
            }
            let form = match instruction {
                Instruction::Run(_) if instruction.flag("--mount").is_some() => None,
                Instruction::Run(_)
                | Instruction::Cmd(_)
                | Instruction::Entrypoint(_)
                | Instruction::Healthcheck(_) => instruction.command(),
                _ => None,
            };
            let Some(Command::Shell(shell_form)) = form else {
                continue;
            };
            let keyword = instruction.keyword_text().to_uppercase();
            ctx.report(
                shell_form.syntax().text_range(),
                format!("`{base}` has no `/bin/sh` to run this shell-form {keyword}: use the exec form `[\"program\", \"arg\"]`"),
            );
        }
    }
}

/// The name of the stage's base when it has no shell.
fn shell_less_base(model: &Model, idx: usize) -> Option<String> {
    let stage = &model.stages[idx];
    match stage.base {
        Base::Scratch => Some("scratch".to_string()),
        Base::Image => {
            let image = stage.image.as_ref()?;
            let tag = image
                .tag
                .as_deref()
                .unwrap_or("latest")
                .to_ascii_lowercase();
            let path = image.repository.to_ascii_lowercase();
            let distroless = path.contains("distroless") && !tag.contains("debug");
            let chiseled = tag.contains("chiseled");
            (distroless || chiseled).then(|| stage.image_text.clone())
        }
        Base::Stage(_) => None,
    }
}

/// Whether an instruction may put a shell into the image or choose another one.
fn may_bring_shell(instruction: &Instruction) -> bool {
    let paths = match instruction {
        Instruction::Shell(_) => return true,
        Instruction::Copy(copy) => copy.paths(),
        Instruction::Add(add) => {
            let paths = add.paths();
            let archive = paths.split_last().is_some_and(|(_, sources)| {
                sources.iter().any(|(source, _)| {
                    let source = source.to_ascii_lowercase();
                    [".tar", ".tgz", ".tbz", ".txz", ".gz", ".xz", ".bz2", ".zst"]
                        .iter()
                        .any(|ext| source.contains(ext))
                })
            });
            if archive {
                return true;
            }
            paths
        }
        _ => return false,
    };
    let Some((destination, _)) = paths.last() else {
        return false;
    };
    let destination = destination.trim_end_matches('/');
    // A relative destination lands in the WORKDIR, `/` unless set.
    destination.is_empty()
        || !destination.starts_with('/')
        || [
            "/bin",
            "/usr/bin",
            "/usr/local/bin",
            "/busybox",
            "/usr",
            "/usr/local",
        ]
        .iter()
        .any(|dir| destination == *dir || destination.starts_with(&format!("{dir}/")))
}

//! Hover: rule docs on a finding, instruction docs on a keyword, the resolved value of a
//! `$VAR`, and the parts of a `FROM` image.

use crate::server::Snapshot;
use rlint_linter::model::Value;
use rlint_linter::{registry, Model};
use rlint_syntax::ast::{AstNode, ImageRef, Instruction};
use rlint_syntax::{TextRange, TextSize};
use tower_lsp::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

pub fn hover(snapshot: &Snapshot, position: Position) -> Option<Hover> {
    let doc = &snapshot.doc;
    let offset = doc.offset(position, snapshot.encoding);
    let diagnostics = snapshot.diagnostics();
    let mut seen = Vec::new();
    let mut sections = Vec::new();
    let mut covered: Option<TextRange> = None;
    for diagnostic in diagnostics.iter() {
        if !diagnostic.range.contains_inclusive(offset) || seen.contains(&diagnostic.code) {
            continue;
        }
        seen.push(diagnostic.code);
        covered = Some(covered.map_or(diagnostic.range, |r| r.cover(diagnostic.range)));
        let docs = registry::find(diagnostic.code)
            .map(|rule| unindent(rule.meta().docs))
            .unwrap_or_default();
        sections.push(format!(
            "**{}** ({}): {}\n\n{}",
            diagnostic.code, diagnostic.name, diagnostic.message, docs
        ));
    }
    if !sections.is_empty() {
        return Some(markdown(snapshot, sections.join("\n\n---\n\n"), covered));
    }
    // Keywords need only the tree; variables and images need the semantic model.
    let instructions: Vec<Instruction> = doc.parse.tree().instructions().collect();
    if let Some(found) = keyword_hover(&instructions, offset) {
        return Some(markdown(snapshot, found.0, Some(found.1)));
    }
    let model = snapshot.model()?;
    let (text, range) = syntax_hover(&model, offset)?;
    Some(markdown(snapshot, text, Some(range)))
}

/// Doc comments keep the space after `///`: drop it so Markdown headings and fences work.
fn unindent(docs: &str) -> String {
    docs.lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn markdown(snapshot: &Snapshot, value: String, range: Option<TextRange>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: range.map(|r| snapshot.doc.range(r, snapshot.encoding)),
    }
}

/// The instruction at `offset` (its index among `instructions`) and the instruction to
/// describe there: the ONBUILD trigger when the offset is inside one.
fn instruction_at(instructions: &[Instruction], offset: TextSize) -> Option<(usize, Instruction)> {
    let idx = instructions.partition_point(|i| i.syntax().text_range().end() <= offset);
    let instruction = instructions.get(idx)?;
    if !instruction.syntax().text_range().contains_inclusive(offset) {
        return None;
    }
    let target = match instruction {
        Instruction::Onbuild(onbuild) => onbuild.trigger().filter(|trigger| {
            trigger.syntax().text_range().contains_inclusive(offset)
                && !instruction.keyword_range().contains_inclusive(offset)
        }),
        _ => None,
    }
    .unwrap_or_else(|| instruction.clone());
    Some((idx, target))
}

fn keyword_hover(instructions: &[Instruction], offset: TextSize) -> Option<(String, TextRange)> {
    let (_, target) = instruction_at(instructions, offset)?;
    let keyword_range = target.keyword_range();
    if !keyword_range.contains_inclusive(offset) || keyword_range.is_empty() {
        return None;
    }
    let keyword = target.keyword_text().to_ascii_uppercase();
    let text = keyword_doc(&keyword)?;
    Some((format!("**{keyword}**\n\n{text}"), keyword_range))
}

fn syntax_hover(model: &Model, offset: TextSize) -> Option<(String, TextRange)> {
    let (idx, target) = instruction_at(&model.instructions, offset)?;
    if let Some(found) = variable_hover(model, idx, &target, offset) {
        return Some(found);
    }
    if let Instruction::From(from) = &target {
        let image = from.image()?;
        let range = image.syntax().text_range();
        if range.contains_inclusive(offset) {
            return Some((image_doc(model, from, &image.text().text), range));
        }
    }
    None
}

fn variable_hover(
    model: &Model,
    idx: usize,
    instruction: &Instruction,
    offset: TextSize,
) -> Option<(String, TextRange)> {
    let logical = instruction.logical_text();
    let reference = rlint_syntax::expand::find_var_refs(&logical.text, model.escape)
        .into_iter()
        .map(|r| (logical.range_to_source(r.range.clone()), r))
        .filter(|(range, _)| range.contains_inclusive(offset))
        .min_by_key(|(range, _)| range.len())?;
    let (range, reference) = reference;
    let name = reference.name;
    if name.is_empty() {
        return None;
    }
    let scope = if matches!(instruction, Instruction::From(_)) {
        &model.global_scope
    } else {
        model.scope_at(idx)
    };
    let text = match scope.get(&name) {
        Some(binding) => {
            let kind = if binding.is_env { "ENV" } else { "ARG" };
            let line = model.line_of(binding.range.start());
            match &binding.value {
                Value::Known(value) => {
                    format!("`{name}` = `{value}`\n\n{kind}, declared on line {line}")
                }
                Value::Unknown => {
                    format!("`{name}`: value set at build time\n\n{kind}, declared on line {line}")
                }
            }
        }
        None if rlint_linter::model::AUTOMATIC_ARGS.contains(&name.as_str()) => {
            format!("`{name}`: automatic platform ARG, set by BuildKit at build time")
        }
        None => format!("`{name}` is not declared at this point"),
    };
    Some((text, range))
}

fn image_doc(model: &Model, from: &rlint_syntax::ast::FromInstruction, written: &str) -> String {
    let stage = model
        .stages
        .iter()
        .find(|s| s.from.syntax().text_range() == from.syntax().text_range());
    if let Some(rlint_linter::model::Base::Stage(parent)) = stage.map(|s| &s.base) {
        let name = model.stages[*parent]
            .name
            .clone()
            .unwrap_or_else(|| parent.to_string());
        return format!("Built on stage `{name}` of this Dockerfile");
    }
    if written.eq_ignore_ascii_case("scratch") {
        return "`scratch`: an empty base image".to_string();
    }
    let resolved = stage
        .and_then(|s| s.image.clone())
        .unwrap_or_else(|| ImageRef::parse(written));
    let mut out = format!("**Image** `{written}`\n\n");
    let unset = "_(none)_".to_string();
    let registry = resolved
        .registry
        .clone()
        .map_or_else(|| "`docker.io` (default)".to_string(), |r| format!("`{r}`"));
    out.push_str(&format!("- registry: {registry}\n"));
    out.push_str(&format!("- repository: `{}`\n", resolved.repository));
    out.push_str(&format!(
        "- tag: {}\n",
        resolved.tag.as_ref().map_or_else(
            || if resolved.digest.is_some() {
                unset.clone()
            } else {
                "`latest` (implicit)".to_string()
            },
            |t| format!("`{t}`")
        )
    ));
    out.push_str(&format!(
        "- digest: {}\n",
        resolved.digest.as_ref().map_or(unset, |d| format!("`{d}`"))
    ));
    out
}

/// A short description of each instruction.
pub fn keyword_doc(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "ADD" => "Copies files, directories or remote URLs (and git repositories) into the image; local tar archives are unpacked. Prefer `COPY` for plain local files.",
        "ARG" => "Declares a build argument, optionally with a default, that `docker build --build-arg` can set. Before the first `FROM` it is visible only to `FROM` lines.",
        "CMD" => "Sets the default command (or default arguments to `ENTRYPOINT`) of containers started from the image. Only the last `CMD` of a stage counts.",
        "COPY" => "Copies files and directories from the build context, another stage (`--from`) or an image into the image.",
        "ENTRYPOINT" => "Sets the executable that containers run; `CMD` supplies its default arguments. Prefer the JSON (exec) form so signals reach the process.",
        "ENV" => "Sets environment variables that later instructions and the running container see.",
        "EXPOSE" => "Documents the ports (and protocols) the container listens on; it does not publish them.",
        "FROM" => "Starts a build stage from a base image, `scratch` or an earlier stage; `AS name` names the stage for `COPY --from` and later `FROM`s.",
        "HEALTHCHECK" => "Sets the command that checks a running container is healthy (with `--interval`, `--timeout`, `--retries`, ...), or `NONE` to disable an inherited check.",
        "LABEL" => "Adds key-value metadata to the image.",
        "MAINTAINER" => "Deprecated: names the image's author. Use `LABEL org.opencontainers.image.authors=...` instead.",
        "ONBUILD" => "Registers an instruction to run later, when another build uses this image as its base.",
        "RUN" => "Runs a command in a new layer during the build (shell form through the stage's `SHELL`, or JSON exec form); flags add mounts, network and security options.",
        "SHELL" => "Sets the shell, as a JSON array, that shell-form `RUN`, `CMD` and `ENTRYPOINT` use in this stage.",
        "STOPSIGNAL" => "Sets the signal sent to the container's main process to stop it.",
        "USER" => "Sets the user (and optionally group) that later instructions and the container run as.",
        "VOLUME" => "Declares mount points whose contents live outside the container's writable layer.",
        "WORKDIR" => "Sets the working directory for later instructions and the container, creating it if needed.",
        _ => return None,
    })
}

//! RL2010 (BuildKit `UndefinedVar`): variables the builder expands that are not defined.

use crate::declare_rule;
use crate::model::Scope;
use crate::rule::Context;
use rlint_syntax::ast::{Command, Instruction, LogicalText};
use rlint_syntax::{TextRange, TextSize};

declare_rule! {
    /// Flags variables that BuildKit expands but that no `ARG` or `ENV` defines.
    ///
    /// ## What it does
    /// Looks at the words BuildKit itself expands: `ENV` and `LABEL` keys and values, `ARG`
    /// defaults, `COPY`/`ADD` sources, destination and `--chown`/`--chmod`/`--checksum`,
    /// `COPY`/`ADD` heredoc bodies with an unquoted delimiter, `WORKDIR`, `USER`,
    /// `STOPSIGNAL`, `VOLUME` and `RUN --mount` options. It reports each variable that is
    /// neither set by `ENV` nor declared by `ARG` in the stage (or a stage it is built from),
    /// and suggests the nearest defined name. `PATH` counts as defined. The text of
    /// `RUN`, `CMD` and `ENTRYPOINT` is left to the shell and never reported.
    ///
    /// ## Why is this bad?
    /// An undefined variable expands to an empty string, silently: `COPY app $APP_HOME/` copies
    /// to `/`. Usually the name is misspelt, or a global `ARG` was not redeclared in the stage.
    /// A default (`${X:-d}`) does not make the variable defined.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG APP_HOME=/srv/app
    /// WORKDIR $APP_HOEM
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG APP_HOME=/srv/app
    /// WORKDIR $APP_HOME
    /// ```
    ///
    /// ## Differences from BuildKit
    /// BuildKit also counts the variables the base image's configuration sets (`JAVA_HOME`,
    /// `NODE_VERSION`, ...). rlint cannot see image configurations, so, like
    /// `docker build --check` with an image that sets only `PATH`, it reports them.
    ///
    /// ## References
    /// - [BuildKit check UndefinedVar](https://docs.docker.com/reference/build-checks/undefined-var/)
    /// - [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
    pub UndefinedVar {
        code: "RL2010",
        name: "undefined-var",
        category: Correctness,
        severity: Warning,
        fix: None,
        source: Buildkit("UndefinedVar"),
        aliases: ["UndefinedVar"],
        locality: Instruction,
    }
}

/// A word BuildKit expands: its text, and how to map its byte ranges to the source.
enum Word {
    Logical(LogicalText),
    /// A decoded JSON string, reported at the string's range.
    Fixed(String, TextRange),
    /// A heredoc body, which is contiguous in the source from this offset.
    Body(String, TextSize),
}

fn words_of(instruction: &Instruction) -> Vec<Word> {
    let mut words = Vec::new();
    let flag_words = |names: &[&str], words: &mut Vec<Word>| {
        for flag in instruction.flags() {
            if names.contains(&flag.name().as_str()) {
                words.extend(flag.raw_value().map(Word::Logical));
            }
        }
    };
    match instruction {
        Instruction::Env(_) | Instruction::Label(_) => {
            for pair in instruction.key_values() {
                words.extend(pair.raw_key().map(Word::Logical));
                if let Some(value) = pair.raw_value() {
                    words.push(Word::Logical(value));
                }
            }
        }
        Instruction::Add(_) | Instruction::Copy(_) => {
            flag_words(&["--chown", "--chmod", "--checksum"], &mut words);
            push_arguments(instruction, &mut words);
            let line = instruction.logical_text().text;
            let openers = rlint_syntax::heredocs_in_line(&line);
            for (body, opener) in instruction.heredocs().zip(openers) {
                if opener.expand {
                    words.push(Word::Body(body.body(), body.body_range().start()));
                }
            }
        }
        Instruction::Workdir(_)
        | Instruction::User(_)
        | Instruction::Stopsignal(_)
        | Instruction::Volume(_) => push_arguments(instruction, &mut words),
        Instruction::Run(_) => flag_words(&["--mount"], &mut words),
        _ => {}
    }
    words
}

/// The argument words, or the strings of a JSON form (`COPY ["a", "b"]`, `VOLUME ["/x"]`).
fn push_arguments(instruction: &Instruction, words: &mut Vec<Word>) {
    if let Some(Command::Exec(exec)) = instruction.command() {
        for (text, range) in exec.strings() {
            words.push(Word::Fixed(text, range));
        }
        return;
    }
    for argument in instruction.arguments() {
        words.push(Word::Logical(argument.text()));
    }
}

impl UndefinedVar {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let model = ctx.model;
        let escape = model.escape;
        let instruction = &model.instructions[idx];
        let Some(stage) = model.stage_of[idx] else {
            return;
        };
        // Of a RUN only the `--mount` values are checked here, and most RUNs have none: the
        // model read them already, so their flags need not be walked again.
        if matches!(instruction, Instruction::Run(_))
            && model.run_at(idx).is_some_and(|run| run.mounts.is_empty())
        {
            return;
        }
        // Most instructions mention no variable at all: skip building their words.
        if matches!(instruction, Instruction::From(_)) || !model.text_of(instruction).contains('$')
        {
            return;
        }
        let scope = model.scope_at(idx);
        // Names a parent stage defines that the model could not link (`FROM base-$TARGETARCH`).
        let inherited = model.inherited_names(stage);
        if let Instruction::Arg(_) = instruction {
            // Later names in one ARG see the earlier ones.
            let mut declared: Vec<String> = inherited.to_vec();
            for pair in instruction.key_values() {
                if let Some(value) = pair.raw_value() {
                    report_word(ctx, &Word::Logical(value), scope, &declared, escape);
                }
                declared.extend(pair.key(escape));
            }
            return;
        }
        for word in words_of(instruction) {
            report_word(ctx, &word, scope, inherited, escape);
        }
    }
}

fn report_word(ctx: &mut Context<'_>, word: &Word, scope: &Scope, extra: &[String], escape: char) {
    let text = match word {
        Word::Logical(t) => t.text.as_str(),
        Word::Fixed(t, _) | Word::Body(t, _) => t.as_str(),
    };
    if !text.contains('$') {
        return;
    }
    // Heredoc bodies always use backslash as the escape (reference/buildkit.md section 8.1).
    let escape = if matches!(word, Word::Body(..)) {
        '\\'
    } else {
        escape
    };
    let mut seen: Vec<String> = Vec::new();
    for var in rlint_syntax::expand::find_var_refs(text, escape) {
        let name = var.name;
        if name == "PATH" || scope.contains(&name) || extra.contains(&name) || seen.contains(&name)
        {
            continue;
        }
        let range = match word {
            Word::Logical(t) => t.range_to_source(var.range),
            Word::Fixed(_, range) => *range,
            Word::Body(_, start) => TextRange::new(
                *start + TextSize::from(var.range.start as u32),
                *start + TextSize::from(var.range.end as u32),
            ),
        };
        let candidates: Vec<&str> = scope
            .names()
            .chain(extra.iter().map(String::as_str))
            .chain(["PATH"])
            .collect();
        let message = match rlint_syntax::suggest::closest(&name, candidates) {
            Some(near) => format!("`${name}` is not defined (did you mean `${near}`?)"),
            None => format!("`${name}` is not defined: declare it with ARG or ENV in this stage"),
        };
        ctx.report(range, message);
        seen.push(name);
    }
}

//! Recursive-descent parser that flattens lists, pipelines and compound commands into simple commands.

use std::collections::VecDeque;
use std::ops::Range;

use crate::lexer::{is_assignment, Env, LexWord, Lexer, Token, TokenKind};
use crate::unwrap::{unwrap_command, Unwrapped};
use crate::{basename, Operator, Redirect, Script, SimpleCommand, Word};

/// Deeper nesting is skipped rather than recursed into, bounding stack use.
const MAX_DEPTH: usize = 40;

/// Reserved words that end a list when they appear in command position.
const THEN: &[&str] = &["then"];
const IF_BODY: &[&str] = &["elif", "else", "fi"];
const FI: &[&str] = &["fi"];
const DO: &[&str] = &["do"];
const DONE: &[&str] = &["done"];
const ESAC: &[&str] = &["esac"];
const CLOSE_BRACE: &[&str] = &["}"];

/// Collects commands across nested parsers.
#[derive(Default)]
struct Sink {
    commands: Vec<SimpleCommand>,
    n_pipelines: usize,
}

pub(crate) fn parse(script: &str, env: Env<'_>) -> Script {
    let mut sink = Sink::default();
    let mut parser = Parser::new(script, 0..script.len(), env, &mut sink, 0, false);
    parser.parse_list(None);
    drop(parser);
    finish(sink)
}

/// Sorts commands into source order and numbers pipelines in that order.
fn finish(sink: Sink) -> Script {
    let mut commands = sink.commands;
    commands.sort_by_key(|it| it.range.start);
    let mut renumbered: Vec<Option<usize>> = vec![None; sink.n_pipelines];
    let mut n_seen = 0;
    for command in &mut commands {
        let Some(old) = command.pipeline else {
            continue;
        };
        let Some(slot) = renumbered.get_mut(old) else {
            command.pipeline = None;
            continue;
        };
        let new = *slot.get_or_insert_with(|| {
            n_seen += 1;
            n_seen - 1
        });
        command.pipeline = Some(new);
    }
    // A command is over 300 bytes and most scripts have one or two: without this, the first
    // push's room for four stays allocated for as long as the language server keeps the
    // analysis (at 20,000 lines, 11,720 slots held 5,415 commands).
    commands.shrink_to_fit();
    Script { commands }
}

/// A peeked token, reduced to what decisions need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Peek {
    Eof,
    Newline,
    Op(&'static str),
    Redirect,
    /// A word: its raw text when it is one of [`KEYWORDS`], else `""`.
    Word(&'static str),
}

/// Words the parser branches on.
const KEYWORDS: &[&str] = &[
    "if", "then", "elif", "else", "fi", "for", "select", "in", "do", "done", "while", "until",
    "case", "esac", "function", "{", "}", "!", "[[", "]]",
];

/// How the parser sees `token`, worked out once when it is lexed: the parser peeks at each
/// token several times.
fn classify(token: &Token) -> Peek {
    match &token.kind {
        TokenKind::Eof => Peek::Eof,
        TokenKind::Newline => Peek::Newline,
        TokenKind::Op(op) => Peek::Op(op),
        TokenKind::Redirect(_) => Peek::Redirect,
        TokenKind::Word(word) => Peek::Word(
            KEYWORDS
                .iter()
                .find(|it| **it == word.word.raw())
                .copied()
                .unwrap_or(""),
        ),
    }
}

struct Parser<'a, 's> {
    src: &'a str,
    lexer: Lexer<'a>,
    env: Env<'a>,
    /// Tokens lexed ahead, each with its [`Peek`].
    peeked: VecDeque<(Token, Peek)>,
    sink: &'s mut Sink,
    depth: usize,
    in_substitution: bool,
    /// Reserved words that end one of the enclosing lists.
    stop_words: Vec<&'static [&'static str]>,
    open_parens: usize,
    open_case_items: usize,
    n_consumed: usize,
}

impl<'a, 's> Parser<'a, 's> {
    fn new(
        src: &'a str,
        range: Range<usize>,
        env: Env<'a>,
        sink: &'s mut Sink,
        depth: usize,
        in_substitution: bool,
    ) -> Parser<'a, 's> {
        Parser {
            src,
            lexer: Lexer::new(src, range, env),
            env,
            peeked: VecDeque::new(),
            sink,
            depth,
            in_substitution,
            stop_words: Vec::new(),
            open_parens: 0,
            open_case_items: 0,
            n_consumed: 0,
        }
    }

    fn fill(&mut self, n: usize) {
        while self.peeked.len() <= n {
            let token = self.lexer.next_token();
            let peek = classify(&token);
            self.peeked.push_back((token, peek));
        }
    }

    fn peek_nth(&mut self, n: usize) -> Peek {
        self.fill(n);
        self.peeked.get(n).map_or(Peek::Eof, |(_, peek)| *peek)
    }

    fn peek(&mut self) -> Peek {
        self.peek_nth(0)
    }

    fn bump(&mut self) -> Token {
        self.fill(0);
        let end = self.src.len();
        let token = self.peeked.pop_front().map_or(
            Token {
                kind: TokenKind::Eof,
                range: end..end,
            },
            |(token, _)| token,
        );
        if token.kind != TokenKind::Eof {
            self.n_consumed += 1;
        }
        token
    }

    fn at_word(&mut self, raw: &'static str) -> bool {
        self.peek() == Peek::Word(raw)
    }

    fn eat_word(&mut self, raw: &'static str) -> bool {
        let found = self.at_word(raw);
        if found {
            self.bump();
        }
        found
    }

    fn skip_newlines(&mut self) {
        while self.peek() == Peek::Newline {
            self.bump();
        }
    }

    fn is_stop_word(&self, raw: &str) -> bool {
        self.stop_words.iter().any(|words| words.contains(&raw))
    }

    /// Parses a list of and-or lists until a terminator of an enclosing construct.
    fn parse_list(&mut self, initial: Option<Operator>) {
        let mut connector = initial;
        let mut seen_command = false;
        loop {
            match self.peek() {
                Peek::Eof => return,
                Peek::Newline => {
                    self.bump();
                    if connector.is_none() && seen_command {
                        connector = Some(Operator::Newline);
                    }
                    continue;
                }
                Peek::Op(";") => {
                    self.bump();
                    connector = Some(Operator::Semi);
                    continue;
                }
                Peek::Op("&") => {
                    self.bump();
                    connector = Some(Operator::Background);
                    continue;
                }
                Peek::Op(")") if self.open_parens > 0 => return,
                Peek::Op(";;" | ";&" | ";;&") if self.open_case_items > 0 => return,
                Peek::Word(raw) if self.is_stop_word(raw) => return,
                _ => {}
            }
            let before = self.n_consumed;
            self.parse_and_or(connector);
            seen_command = true;
            connector = None;
            if self.n_consumed == before {
                // A stray token (`)`, `;;`, `&&` at list start): skip it.
                self.bump();
            }
        }
    }

    fn parse_and_or(&mut self, connector: Option<Operator>) {
        self.parse_pipeline(connector);
        loop {
            let operator = match self.peek() {
                Peek::Op("&&") => Operator::And,
                Peek::Op("||") => Operator::Or,
                _ => return,
            };
            self.bump();
            self.skip_newlines();
            self.parse_pipeline(Some(operator));
        }
    }

    fn parse_pipeline(&mut self, connector: Option<Operator>) {
        self.eat_word("!");
        let first = self.sink.commands.len();
        self.parse_command(connector);
        // Most pipelines are one command: the list of element starts is only made for a pipe.
        if !matches!(self.peek(), Peek::Op("|" | "|&")) {
            return;
        }
        let mut element_starts = vec![first];
        while matches!(self.peek(), Peek::Op("|" | "|&")) {
            self.bump();
            self.skip_newlines();
            element_starts.push(self.sink.commands.len());
            self.parse_command(Some(Operator::Pipe));
        }
        let pipeline_idx = self.sink.n_pipelines;
        self.sink.n_pipelines += 1;
        let end = self.sink.commands.len();
        for (position, &from) in element_starts.iter().enumerate() {
            let to = element_starts.get(position + 1).copied().unwrap_or(end);
            let in_substitution = self.in_substitution;
            for command in self.sink.commands.get_mut(from..to).unwrap_or_default() {
                if command.pipeline.is_none() && command.in_substitution == in_substitution {
                    command.pipeline = Some(pipeline_idx);
                    command.position_in_pipeline = position;
                }
            }
        }
    }

    fn parse_command(&mut self, connector: Option<Operator>) {
        let nested_ok = self.depth < MAX_DEPTH;
        match self.peek() {
            Peek::Op("(") if nested_ok => {
                let open = self.peeked.front().map_or(0, |(it, _)| it.range.start);
                if self.peeked.len() == 1 && self.src.as_bytes().get(open + 1) == Some(&b'(') {
                    // Arithmetic command `(( ... ))`.
                    self.peeked.clear();
                    self.n_consumed += 1;
                    self.lexer.skip_arithmetic(open);
                } else {
                    self.bump();
                    self.open_parens += 1;
                    self.nested(|parser| parser.parse_list(connector));
                    self.open_parens -= 1;
                    if self.peek() == Peek::Op(")") {
                        self.bump();
                    }
                }
                self.skip_redirects();
            }
            Peek::Word("{") if nested_ok => {
                self.bump();
                self.with_stop_words(CLOSE_BRACE, |parser| {
                    parser.nested(|parser| parser.parse_list(connector))
                });
                self.eat_word("}");
                self.skip_redirects();
            }
            Peek::Word("if") if nested_ok => self.parse_if(connector),
            Peek::Word("for" | "select") if nested_ok => self.parse_for(),
            Peek::Word("while" | "until") if nested_ok => self.parse_while(connector),
            Peek::Word("case") if nested_ok => self.parse_case(),
            Peek::Word("function") if nested_ok => self.parse_function_keyword(),
            _ => self.parse_simple(connector),
        }
    }

    fn nested(&mut self, body: impl FnOnce(&mut Self)) {
        self.depth += 1;
        body(self);
        self.depth -= 1;
    }

    fn with_stop_words(&mut self, words: &'static [&'static str], body: impl FnOnce(&mut Self)) {
        self.stop_words.push(words);
        body(self);
        self.stop_words.pop();
    }

    fn nested_list(&mut self, stop: &'static [&'static str], connector: Option<Operator>) {
        self.with_stop_words(stop, |parser| {
            parser.nested(|parser| parser.parse_list(connector))
        });
    }

    /// Consumes redirections after a compound command (`( ... ) > log`).
    fn skip_redirects(&mut self) {
        while self.peek() == Peek::Redirect {
            self.bump();
            if matches!(self.peek(), Peek::Word(_)) {
                let token = self.bump();
                self.parse_word_substitutions(&token);
            }
        }
    }

    fn parse_if(&mut self, connector: Option<Operator>) {
        self.bump();
        self.nested_list(THEN, connector);
        self.eat_word("then");
        self.nested_list(IF_BODY, None);
        loop {
            if self.eat_word("elif") {
                self.nested_list(THEN, None);
                self.eat_word("then");
                self.nested_list(IF_BODY, None);
            } else if self.eat_word("else") {
                self.nested_list(FI, None);
            } else {
                self.eat_word("fi");
                break;
            }
        }
        self.skip_redirects();
    }

    fn parse_for(&mut self) {
        let keyword = self.bump();
        if self.peek() == Peek::Op("(") {
            // C-style `for (( i = 0; ...; ))`.
            let open = self
                .peeked
                .front()
                .map_or(keyword.range.end, |(it, _)| it.range.start);
            if self.peeked.len() == 1 {
                self.peeked.clear();
                self.n_consumed += 1;
                self.lexer.skip_arithmetic(open);
            }
        } else if matches!(self.peek(), Peek::Word(_)) {
            self.bump();
        }
        self.skip_newlines();
        if self.eat_word("in") {
            while matches!(self.peek(), Peek::Word(_)) {
                let token = self.bump();
                self.parse_word_substitutions(&token);
            }
        }
        if self.peek() == Peek::Op(";") {
            self.bump();
        }
        self.skip_newlines();
        self.parse_loop_body();
    }

    fn parse_loop_body(&mut self) {
        if self.eat_word("do") {
            self.nested_list(DONE, None);
            self.eat_word("done");
            self.skip_redirects();
        } else if self.at_word("{") {
            self.parse_command(None);
        }
    }

    fn parse_while(&mut self, connector: Option<Operator>) {
        self.bump();
        self.nested_list(DO, connector);
        self.parse_loop_body();
    }

    fn parse_case(&mut self) {
        self.bump();
        if matches!(self.peek(), Peek::Word(_)) {
            let token = self.bump();
            self.parse_word_substitutions(&token);
        }
        self.skip_newlines();
        self.eat_word("in");
        loop {
            self.skip_newlines();
            match self.peek() {
                Peek::Eof => return,
                Peek::Word("esac") => {
                    self.bump();
                    self.skip_redirects();
                    return;
                }
                _ => {}
            }
            let before = self.n_consumed;
            if self.peek() == Peek::Op("(") {
                self.bump();
            }
            // The pattern list: words separated by `|`, closed by `)`.
            loop {
                match self.peek() {
                    Peek::Word(_) | Peek::Op("|") => {
                        self.bump();
                    }
                    Peek::Op(")") => {
                        self.bump();
                        break;
                    }
                    _ => break,
                }
            }
            self.open_case_items += 1;
            self.nested_list(ESAC, None);
            self.open_case_items -= 1;
            if matches!(self.peek(), Peek::Op(";;" | ";&" | ";;&")) {
                self.bump();
            }
            if self.n_consumed == before {
                self.bump();
            }
        }
    }

    fn parse_function_keyword(&mut self) {
        self.bump();
        if matches!(self.peek(), Peek::Word(_)) {
            self.bump();
        }
        if self.peek() == Peek::Op("(") && self.peek_nth(1) == Peek::Op(")") {
            self.bump();
            self.bump();
        }
        self.parse_function_body();
    }

    fn parse_function_body(&mut self) {
        self.skip_newlines();
        if matches!(self.peek(), Peek::Eof | Peek::Op(")")) {
            return;
        }
        self.nested(|parser| parser.parse_command(None));
    }

    fn parse_simple(&mut self, connector: Option<Operator>) {
        let mut assignments: Vec<Word> = Vec::new();
        // Room for most commands' words at once: growing from four moved them twice.
        let mut words: Vec<Word> = Vec::with_capacity(8);
        let mut redirects: Vec<Redirect> = Vec::new();
        let mut substitutions: Vec<Range<usize>> = Vec::new();
        let mut range: Option<Range<usize>> = None;
        loop {
            match self.peek() {
                Peek::Word(_) => {
                    let assignment = words.is_empty()
                        && self
                            .peeked
                            .front()
                            .is_some_and(|(token, _)| match &token.kind {
                                TokenKind::Word(word) => is_assignment(word.word.raw()),
                                _ => false,
                            });
                    let test_start = words.is_empty() && self.peek() == Peek::Word("[[");
                    let test_end = self.lexer.test_mode && self.peek() == Peek::Word("]]");
                    if !assignment
                        && !test_start
                        && words.is_empty()
                        && assignments.is_empty()
                        && redirects.is_empty()
                        && self.peek_nth(1) == Peek::Op("(")
                        && self.peek_nth(2) == Peek::Op(")")
                    {
                        // Function definition `name() body`.
                        self.bump();
                        self.bump();
                        self.bump();
                        self.parse_function_body();
                        return;
                    }
                    let Some(word) = self.bump_word(&mut substitutions) else {
                        break;
                    };
                    // Inside `[[ ... ]]`, `&&`, `<` and parentheses are operands.
                    if test_start && self.peeked.is_empty() {
                        self.lexer.test_mode = true;
                    } else if test_end {
                        self.lexer.test_mode = false;
                    }
                    extend(&mut range, &word.range);
                    if assignment {
                        assignments.push(word);
                    } else {
                        words.push(word);
                    }
                }
                Peek::Redirect => {
                    let token = self.bump();
                    let op = match token.kind {
                        TokenKind::Redirect(op) => op,
                        _ => String::new(),
                    };
                    let mut redirect_range = token.range.clone();
                    let target = if matches!(self.peek(), Peek::Word(_)) {
                        self.bump_word(&mut substitutions)
                    } else {
                        None
                    };
                    if let Some(target) = &target {
                        redirect_range.end = target.range.end;
                    }
                    extend(&mut range, &redirect_range);
                    redirects.push(Redirect {
                        op,
                        target,
                        range: redirect_range,
                    });
                }
                Peek::Op("(")
                    if words.is_empty()
                        && assignments.last().is_some_and(|it| it.raw().ends_with('=')) =>
                {
                    // Array assignment `a=(x y z)`: the elements belong to the assignment.
                    let open = self.bump();
                    let mut end = open.range.end;
                    loop {
                        match self.peek() {
                            Peek::Word(_) | Peek::Newline => end = self.bump().range.end,
                            Peek::Op(")") => {
                                end = self.bump().range.end;
                                break;
                            }
                            _ => break,
                        }
                    }
                    if let Some(assignment) = assignments.last_mut() {
                        assignment.range.end = end;
                        assignment.value = self
                            .src
                            .get(assignment.range.clone())
                            .unwrap_or("")
                            .to_string();
                        assignment.written = None;
                        extend(&mut range, &assignment.range);
                    }
                }
                _ => break,
            }
        }
        self.lexer.test_mode = false;
        let Some(range) = range else { return };
        let Unwrapped {
            wrappers,
            assignments: wrapper_assignments,
            name,
            args,
            scripts,
        } = unwrap_command(words);
        assignments.extend(wrapper_assignments);
        let name_base = name
            .as_ref()
            .map_or(0, |word| word.value.len() - basename(&word.value).len());
        let command = SimpleCommand {
            name_base,
            name,
            args,
            assignments,
            redirects,
            range,
            wrappers,
            pipeline: None,
            position_in_pipeline: 0,
            connector_before: connector,
            depth: self.depth,
            in_substitution: self.in_substitution,
            options: std::sync::OnceLock::new(),
        };
        // Only scripts run by the command (`sh -c '...'`) need its wrappers, and most commands
        // run none.
        let inner_wrappers: Vec<Word> = if scripts.is_empty() {
            Vec::new()
        } else {
            command
                .wrappers
                .iter()
                .chain(command.name.as_ref())
                .cloned()
                .collect()
        };
        self.sink.commands.push(command);
        for substitution in substitutions {
            self.parse_substitution(substitution);
        }
        for script in scripts {
            self.parse_inner_script(&script, &inner_wrappers, connector);
        }
    }

    /// Consumes a word token, collecting its substitutions.
    fn bump_word(&mut self, substitutions: &mut Vec<Range<usize>>) -> Option<Word> {
        match self.bump().kind {
            TokenKind::Word(lex_word) => {
                let LexWord {
                    word,
                    substitutions: nested,
                } = *lex_word;
                substitutions.extend(nested);
                Some(word)
            }
            _ => None,
        }
    }

    fn parse_word_substitutions(&mut self, token: &Token) {
        if let TokenKind::Word(word) = &token.kind {
            for substitution in word.substitutions.clone() {
                self.parse_substitution(substitution);
            }
        }
    }

    /// Parses the script inside `$(...)`, backticks or `<(...)`.
    fn parse_substitution(&mut self, range: Range<usize>) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        let mut parser = Parser::new(self.src, range, self.env, self.sink, self.depth + 1, true);
        parser.parse_list(None);
    }

    /// Parses the script string of `sh -c '...'` or `su -c '...'`.
    fn parse_inner_script(
        &mut self,
        script: &Word,
        wrappers: &[Word],
        connector: Option<Operator>,
    ) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        let first_new = self.sink.commands.len();
        match inner_offset(script) {
            Some(start) => {
                let range = start..start + script.value.len();
                let mut parser = Parser::new(
                    self.src,
                    range,
                    self.env,
                    self.sink,
                    self.depth + 1,
                    self.in_substitution,
                );
                parser.parse_list(connector);
            }
            None => {
                // Offsets would shift: parse the decoded text on its own and
                // map every range to the script word.
                let mut inner_sink = Sink {
                    commands: Vec::new(),
                    n_pipelines: self.sink.n_pipelines,
                };
                let text = script.value.as_str();
                let mut parser = Parser::new(
                    text,
                    0..text.len(),
                    self.env,
                    &mut inner_sink,
                    self.depth + 1,
                    self.in_substitution,
                );
                parser.parse_list(connector);
                self.sink.n_pipelines = inner_sink.n_pipelines;
                for mut command in inner_sink.commands {
                    remap_command(&mut command, &script.range);
                    self.sink.commands.push(command);
                }
            }
        }
        for command in self.sink.commands.get_mut(first_new..).unwrap_or_default() {
            let mut all_wrappers = wrappers.to_vec();
            all_wrappers.append(&mut command.wrappers);
            command.wrappers = all_wrappers;
        }
    }
}

/// Where the decoded text of `word` starts in the input, when it is a
/// verbatim slice of it (unquoted, or one pair of quotes without escapes).
fn inner_offset(word: &Word) -> Option<usize> {
    if word.has_expansion {
        return None;
    }
    if word.raw() == word.value {
        return Some(word.range.start);
    }
    let quote = word.raw().chars().next()?;
    let inner = word.raw().strip_prefix(quote)?.strip_suffix(quote)?;
    let verbatim = (quote == '\'' || quote == '"') && inner == word.value && !inner.contains(quote);
    let no_escapes = quote == '\'' || !inner.contains('\\');
    (verbatim && no_escapes).then_some(word.range.start + 1)
}

fn remap_command(command: &mut SimpleCommand, range: &Range<usize>) {
    let words = command
        .name
        .iter_mut()
        .chain(command.args.iter_mut())
        .chain(command.assignments.iter_mut())
        .chain(command.wrappers.iter_mut())
        .chain(
            command
                .redirects
                .iter_mut()
                .filter_map(|it| it.target.as_mut()),
        );
    for word in words {
        word.range = range.clone();
    }
    for redirect in &mut command.redirects {
        redirect.range = range.clone();
    }
    command.range = range.clone();
}

fn extend(range: &mut Option<Range<usize>>, with: &Range<usize>) {
    match range {
        Some(range) => {
            range.start = range.start.min(with.start);
            range.end = range.end.max(with.end);
        }
        None => *range = Some(with.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_plain(input: &str) -> Script {
        parse(input, &|_| None)
    }

    fn names(input: &str) -> Vec<String> {
        parse_plain(input)
            .commands
            .iter()
            .map(|it| it.name_str().unwrap_or("<none>").to_string())
            .collect()
    }

    fn connectors(input: &str) -> Vec<Option<Operator>> {
        parse_plain(input)
            .commands
            .iter()
            .map(|it| it.connector_before)
            .collect()
    }

    fn assert_ranges_exact(input: &str) {
        for command in parse_plain(input).commands {
            let words = command
                .name
                .iter()
                .chain(&command.args)
                .chain(&command.assignments)
                .chain(&command.wrappers)
                .chain(command.redirects.iter().filter_map(|it| it.target.as_ref()));
            for word in words {
                // Words of an unmappable `sh -c` string all share the string's range.
                let remapped = word.range == command.range && command.depth > 0;
                if !remapped {
                    assert_eq!(
                        input.get(word.range.clone()),
                        Some(word.raw()),
                        "in {input:?}"
                    );
                }
            }
            assert!(input.get(command.range.clone()).is_some());
        }
    }

    #[test]
    fn apt_get_chain_gives_three_commands_joined_by_and() {
        let input = "apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*";
        let script = parse_plain(input);
        assert_eq!(names(input), ["apt-get", "apt-get", "rm"]);
        assert_eq!(
            connectors(input),
            [None, Some(Operator::And), Some(Operator::And)]
        );
        let install = &script.commands[1];
        assert_eq!(
            install.arg_values().collect::<Vec<_>>(),
            [
                "install",
                "-y",
                "--no-install-recommends",
                "ca-certificates",
                "curl"
            ]
        );
        assert_eq!(
            &input[install.range.clone()],
            "apt-get install -y --no-install-recommends ca-certificates curl"
        );
        assert_ranges_exact(input);
    }

    #[test]
    fn every_operator_is_recorded_as_connector() {
        let input = "a || b; c & d | e\nf";
        assert_eq!(names(input), ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(
            connectors(input),
            [
                None,
                Some(Operator::Or),
                Some(Operator::Semi),
                Some(Operator::Background),
                Some(Operator::Pipe),
                Some(Operator::Newline)
            ]
        );
    }

    #[test]
    fn semicolon_before_newline_wins() {
        assert_eq!(connectors("a;\n\nb"), [None, Some(Operator::Semi)]);
        assert_eq!(connectors("\n\na"), [None]);
    }

    #[test]
    fn pipelines_share_an_index_and_count_positions() {
        let script = parse_plain("a | b | c && d | e; f");
        let info: Vec<(Option<usize>, usize)> = script
            .commands
            .iter()
            .map(|it| (it.pipeline, it.position_in_pipeline))
            .collect();
        assert_eq!(
            info,
            [
                (Some(0), 0),
                (Some(0), 1),
                (Some(0), 2),
                (Some(1), 0),
                (Some(1), 1),
                (None, 0)
            ]
        );
    }

    #[test]
    fn compound_pipeline_elements_share_a_position() {
        let script = parse_plain("{ a; b; } | c");
        let info: Vec<(&str, Option<usize>, usize)> = script
            .commands
            .iter()
            .map(|it| {
                (
                    it.name_str().unwrap_or(""),
                    it.pipeline,
                    it.position_in_pipeline,
                )
            })
            .collect();
        assert_eq!(
            info,
            [("a", Some(0), 0), ("b", Some(0), 0), ("c", Some(0), 1)]
        );
    }

    #[test]
    fn subshells_and_groups_nest_commands() {
        let input = "(cd /tmp && make) ; { echo a; echo b; } > log";
        let script = parse_plain(input);
        assert_eq!(names(input), ["cd", "make", "echo", "echo"]);
        let depths: Vec<usize> = script.commands.iter().map(|it| it.depth).collect();
        assert_eq!(depths, [1, 1, 1, 1]);
        assert_eq!(
            connectors(input),
            [
                None,
                Some(Operator::And),
                Some(Operator::Semi),
                Some(Operator::Semi)
            ]
        );
        assert_ranges_exact(input);
    }

    #[test]
    fn closing_brace_is_an_argument_outside_command_position() {
        assert_eq!(
            parse_plain("echo } {").commands[0]
                .arg_values()
                .collect::<Vec<_>>(),
            ["}", "{"]
        );
    }

    #[test]
    fn if_bodies_are_parsed() {
        let input = "if [ -f /x ]; then echo yes; elif test -d /y; then echo dir; else rm -f /z; fi && done_cmd";
        assert_eq!(
            names(input),
            ["[", "echo", "test", "echo", "rm", "done_cmd"]
        );
        let depths: Vec<usize> = parse_plain(input)
            .commands
            .iter()
            .map(|it| it.depth)
            .collect();
        assert_eq!(depths, [1, 1, 1, 1, 1, 0]);
    }

    #[test]
    fn for_and_while_bodies_are_parsed() {
        let input = "for f in $(ls /a) b; do echo $f; done; while read line; do process \"$line\"; done < file; until false; do break; done";
        assert_eq!(
            names(input),
            ["ls", "echo", "read", "process", "false", "break"]
        );
        let script = parse_plain(input);
        assert!(script.commands[0].in_substitution);
        assert_ranges_exact(input);
    }

    #[test]
    fn c_style_for_and_arithmetic_commands_are_skipped() {
        assert_eq!(
            names("for ((i=0; i<3; i++)); do echo $i; done; (( x++ )) && y"),
            ["echo", "y"]
        );
    }

    #[test]
    fn case_bodies_are_parsed() {
        let input = "case \"$(uname -m)\" in\n  x86_64|amd64) ARCH=amd64 ;;\n  (aarch64) ARCH=arm64; echo arm ;;\n  *) exit 1 ;;\nesac; echo $ARCH";
        assert_eq!(
            names(input),
            ["uname", "<none>", "<none>", "echo", "exit", "echo"]
        );
    }

    #[test]
    fn case_inside_substitution_is_parsed() {
        let input = "ARCH=$(case \"$TARGETARCH\" in amd64) echo x86_64;; arm64) echo aarch64;; esac) && curl -o x \"$ARCH\"";
        assert_eq!(names(input), ["<none>", "echo", "echo", "curl"]);
        assert_ranges_exact(input);
    }

    #[test]
    fn function_bodies_are_parsed() {
        assert_eq!(
            names("f() { echo in f; }; function g { ls; }; function h() ( pwd ); f"),
            ["echo", "ls", "pwd", "f"]
        );
    }

    #[test]
    fn command_substitutions_yield_nested_commands() {
        let input =
            "export V=$(curl -s https://x | jq -r .tag) && echo `date +%s` \"$(id -u $(whoami))\"";
        let script = parse_plain(input);
        let summary: Vec<(&str, bool, usize)> = script
            .commands
            .iter()
            .map(|it| (it.name_str().unwrap_or(""), it.in_substitution, it.depth))
            .collect();
        assert_eq!(
            summary,
            [
                ("export", false, 0),
                ("curl", true, 1),
                ("jq", true, 1),
                ("echo", false, 0),
                ("date", true, 1),
                ("id", true, 1),
                ("whoami", true, 2)
            ]
        );
        assert!(script.commands[1].pipeline.is_some());
        assert!(script.commands[0].pipeline.is_none());
        assert_ranges_exact(input);
    }

    #[test]
    fn substitution_is_not_part_of_the_outer_pipeline() {
        let script = parse_plain("echo $(date) | tee x");
        let pipelines: Vec<(&str, Option<usize>)> = script
            .commands
            .iter()
            .map(|it| (it.name_str().unwrap_or(""), it.pipeline))
            .collect();
        assert_eq!(
            pipelines,
            [("echo", Some(0)), ("date", None), ("tee", Some(0))]
        );
    }

    #[test]
    fn redirections_are_collected_with_targets() {
        let input = "make 2>&1 >build.log && cat < in > out 2> /dev/null";
        let script = parse_plain(input);
        let make = &script.commands[0];
        let redirects: Vec<(&str, &str, &str)> = make
            .redirects
            .iter()
            .map(|it| {
                (
                    it.op.as_str(),
                    it.target.as_ref().map_or("", |t| t.value.as_str()),
                    &input[it.range.clone()],
                )
            })
            .collect();
        assert_eq!(
            redirects,
            [("2>&", "1", "2>&1"), (">", "build.log", ">build.log")]
        );
        assert!(make.args.is_empty());
        let cat = &script.commands[1];
        assert_eq!(cat.redirects.len(), 3);
        assert!(cat.args.is_empty());
        assert_ranges_exact(input);
    }

    #[test]
    fn heredoc_in_script_does_not_produce_commands() {
        let input = "cat <<EOF > /etc/conf\nrm -rf /\nEOF\necho done";
        let script = parse_plain(input);
        assert_eq!(names(input), ["cat", "echo"]);
        assert_eq!(script.commands[0].redirects[0].op, "<<");
        assert_eq!(
            script.commands[0].redirects[0]
                .target
                .as_ref()
                .map(|it| it.value.as_str()),
            Some("EOF")
        );
    }

    #[test]
    fn assignments_prefix_the_command() {
        let input = "A=1 B=\"x y\" make install C=3; D=4";
        let script = parse_plain(input);
        let make = &script.commands[0];
        assert_eq!(
            make.assignments
                .iter()
                .map(|it| it.value.as_str())
                .collect::<Vec<_>>(),
            ["A=1", "B=x y"]
        );
        assert_eq!(make.arg_values().collect::<Vec<_>>(), ["install", "C=3"]);
        let pure = &script.commands[1];
        assert!(pure.name.is_none());
        assert_eq!(pure.assignments[0].value, "D=4");
        assert_ranges_exact(input);
    }

    #[test]
    fn array_assignment_keeps_elements_in_the_assignment() {
        let input = "pkgs=(curl git) && apt-get install ${pkgs[@]}";
        let script = parse_plain(input);
        assert_eq!(script.commands[0].assignments[0].raw(), "pkgs=(curl git)");
        assert_eq!(names(input), ["<none>", "apt-get"]);
        assert_ranges_exact(input);
    }

    #[test]
    fn sh_c_script_is_parsed_with_mapped_ranges() {
        let input = "sudo sh -c 'apt-get update && apt-get install -y git'";
        let script = parse_plain(input);
        assert_eq!(names(input), ["sh", "apt-get", "apt-get"]);
        let install = &script.commands[2];
        assert_eq!(install.depth, 1);
        assert_eq!(
            install
                .wrappers
                .iter()
                .map(|it| it.value.as_str())
                .collect::<Vec<_>>(),
            ["sudo", "sh"]
        );
        assert_eq!(install.connector_before, Some(Operator::And));
        assert_ranges_exact(input);
    }

    #[test]
    fn sh_c_script_with_escapes_maps_to_the_script_word() {
        let input = "bash -c \"echo \\\"hi\\\" && ls\"";
        let script = parse_plain(input);
        assert_eq!(names(input), ["bash", "echo", "ls"]);
        let script_word = &script.commands[0].args[1];
        assert_eq!(script.commands[1].args[0].value, "hi");
        assert_eq!(script.commands[1].args[0].range, script_word.range);
        assert_eq!(script.commands[2].range, script_word.range);
    }

    #[test]
    fn nested_sh_c_recurses() {
        assert_eq!(
            names("sh -c 'bash -c \"su -c id root\"'"),
            ["sh", "bash", "su", "id"]
        );
    }

    #[test]
    fn double_bracket_test_keeps_operators_as_words() {
        let input = "[[ -f /x && ( $a < 3 || -d /y ) ]] && echo ok";
        let script = parse_plain(input);
        assert_eq!(names(input), ["[[", "echo"]);
        let test_args: Vec<&str> = script.commands[0].arg_values().collect();
        assert_eq!(
            test_args,
            ["-f", "/x", "&&", "(", "$a", "<", "3", "||", "-d", "/y", ")", "]]"]
        );
        assert_eq!(script.commands[1].connector_before, Some(Operator::And));
        assert_ranges_exact(input);
    }

    #[test]
    fn substitutions_inside_parameter_expansions_are_parsed() {
        assert_eq!(names("echo ${VERSION:-$(cat /v)}"), ["echo", "cat"]);
    }

    #[test]
    fn commands_are_in_source_order() {
        let script = parse_plain("a $(b) && c `d` | e");
        let starts: Vec<usize> = script.commands.iter().map(|it| it.range.start).collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        assert_eq!(starts, sorted);
    }

    #[test]
    fn malformed_input_never_panics_or_hangs() {
        let inputs = [
            "",
            " ",
            "'",
            "\"",
            "`",
            "$",
            "$(",
            "${",
            "$((",
            "\\",
            "(",
            ")",
            "((",
            "))",
            "{",
            "}",
            ";;",
            "&&",
            "||",
            "|",
            "&",
            ";",
            "<",
            ">",
            "<<",
            "<<-",
            "2>&",
            "&>",
            "echo 'unterminated",
            "echo \"abc $(x",
            "a && ",
            "| b",
            "if",
            "if then fi",
            "then",
            "fi",
            "for",
            "for x in",
            "for x in a b; do",
            "while",
            "do done",
            "case",
            "case x in",
            "case x in a)",
            "case x in a) b;;",
            "esac",
            "f()",
            "f() {",
            "function",
            "function f",
            ") ( ) (",
            "))))",
            "((((",
            "{ { { {",
            "} } }",
            "$(((",
            "`$(`",
            "\"$(\"`\"",
            "${a:-$(b}",
            "<(",
            ">(x",
            "a=(",
            "a=(b",
            "cat <<EOF",
            "cat <<EOF\nbody",
            "cat << \n",
            "echo \\\n",
            "é",
            "日本語 'é' \"ü\" $é ${é}",
            "\u{0}\u{1}\u{7f}",
            "\r\n\r\n",
            "sh -c",
            "sh -c '",
            "sudo",
            "sudo -u",
            "env -u",
            "xargs -n",
            "su -c",
            "bash -c \"$(\"",
            "!",
            "! !",
            "[[ a && b ]]",
            "@(",
            "x@(a|b",
            "$'",
            "$'\\",
            "$\"",
            "a;;b",
            "(;)",
            "case x in (",
            "if a; then b; elif",
            "for ((",
            "select x in y; do z; done",
        ];
        for input in inputs {
            let script = parse_plain(input);
            for command in &script.commands {
                assert!(command.range.end <= input.len(), "{input:?}");
            }
            assert_ranges_exact(input);
        }
    }

    #[test]
    fn pseudo_random_bytes_never_panic() {
        let alphabet: Vec<char> = "ab $(){}[]'\"`\\|&;<>#=\n\t-éü日!*?@0123456789"
            .chars()
            .collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..400 {
            let mut input = String::new();
            for _ in 0..60 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                input.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let script = parse_plain(&input);
            for command in &script.commands {
                assert!(command.range.end <= input.len(), "{input:?}");
            }
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let parens = format!("{}a{}", "(".repeat(50_000), ")".repeat(50_000));
        let substitutions = "$(".repeat(50_000);
        let groups = "{ ".repeat(50_000);
        let quotes = "sh -c '".repeat(1000);
        for input in [parens, substitutions, groups, quotes] {
            let _ = parse_plain(&input);
        }
    }

    #[test]
    fn large_scripts_parse() {
        let input = "apt-get install -y curl && echo \"$(date)\" | tee -a log; ".repeat(20_000);
        assert!(input.len() > 1_000_000);
        let script = parse_plain(&input);
        assert_eq!(script.commands.len(), 80_000);
    }
}

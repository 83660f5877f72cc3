//! BuildKit-compatible expansion of Dockerfile words: quote removal, escapes and `$VAR` / `${VAR…}` substitution.
//
// This re-implements the word processor of BuildKit's `frontend/dockerfile/shell`
// package (`ProcessWord`, `ProcessWords`, `ProcessWordWithMatches`) behaviour
// for behaviour, including its quirks (they are called out where they occur).
// The Go code is recursive; this one keeps its nesting on an explicit stack so
// that no input, however deeply nested, can exhaust the thread's stack.

use std::collections::{HashMap, HashSet};
use std::error::Error;
use std::fmt;
use std::hash::BuildHasher;
use std::ops::Range;

/// Variable lookup for expansion.
pub trait Env {
    /// The value of the variable `name`, compared case-sensitively, or `None` when it is
    /// not set. A variable set to the empty string is `Some("")`.
    fn get(&self, name: &str) -> Option<&str>;

    /// The lookup used when [`ExpandOptions::case_insensitive`] is set (Windows semantics,
    /// where BuildKit upper-cases both the stored names and the name looked up).
    ///
    /// The default tries `name` as written, then upper-cased; implementations that can
    /// enumerate their names should override it to compare upper-cased names.
    fn get_ignore_case(&self, name: &str) -> Option<&str> {
        self.get(name).or_else(|| self.get(&go_upper(name)))
    }
}

/// Looks `name` up in `pairs`, the last matching pair winning (like BuildKit's
/// environment lists, where a later `KEY=value` overrides an earlier one).
fn last_pair<'a, I>(pairs: I, name: &str, ignore_case: bool) -> Option<&'a str>
where
    I: DoubleEndedIterator<Item = (&'a str, &'a str)>,
{
    let mut pairs = pairs.rev();
    if ignore_case {
        let upper = go_upper(name);
        pairs.find(|(k, _)| go_upper(k) == upper).map(|(_, v)| v)
    } else {
        pairs.find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

/// A fixed list of `(name, value)` pairs; a later pair overrides an earlier one.
impl<const N: usize> Env for [(&str, &str); N] {
    fn get(&self, name: &str) -> Option<&str> {
        last_pair(self.iter().map(|&(k, v)| (k, v)), name, false)
    }

    fn get_ignore_case(&self, name: &str) -> Option<&str> {
        last_pair(self.iter().map(|&(k, v)| (k, v)), name, true)
    }
}

/// A list of `(name, value)` pairs; a later pair overrides an earlier one.
impl Env for Vec<(String, String)> {
    fn get(&self, name: &str) -> Option<&str> {
        last_pair(
            self.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            name,
            false,
        )
    }

    fn get_ignore_case(&self, name: &str) -> Option<&str> {
        last_pair(
            self.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            name,
            true,
        )
    }
}

/// A map of names to values. Ignoring case, an exact match wins; among names that
/// differ only in case, the smallest (byte order) wins so the result is deterministic.
impl<S: BuildHasher> Env for HashMap<String, String, S> {
    fn get(&self, name: &str) -> Option<&str> {
        HashMap::get(self, name).map(String::as_str)
    }

    fn get_ignore_case(&self, name: &str) -> Option<&str> {
        if let Some(v) = HashMap::get(self, name) {
            return Some(v);
        }
        let upper = go_upper(name);
        self.iter()
            .filter(|(k, _)| go_upper(k) == upper)
            .min_by(|a, b| a.0.cmp(b.0))
            .map(|(_, v)| v.as_str())
    }
}

/// How a word is expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpandOptions {
    /// The Dockerfile's escape character: `\` (the default) or `` ` ``.
    pub escape: char,
    /// Windows semantics: variable names are looked up case-insensitively.
    pub case_insensitive: bool,
}

impl Default for ExpandOptions {
    fn default() -> Self {
        ExpandOptions {
            escape: '\\',
            case_insensitive: false,
        }
    }
}

/// The result of [`process_word`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// The expanded word: quotes removed, escapes applied, variables substituted.
    pub value: String,
    /// Names that were found in the environment, in order of first lookup, without
    /// duplicates. Names are as written in the word (not case-folded).
    pub matched: Vec<String>,
    /// Names that were looked up but are not set, in order of first lookup, without
    /// duplicates — the basis of BuildKit's `UndefinedVar` check. Positional (`$1`) and
    /// special (`$@`, `$#`, …) names are never set, so they always land here.
    pub unmatched: Vec<String>,
}

/// Why a word could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpandError {
    /// BuildKit's message, e.g. `syntax error: bad substitution`,
    /// `unsupported modifier (:=) in substitution`, `syntax error: missing '}'`,
    /// `unexpected end of statement while looking for matching double-quote`,
    /// `NAME: is not allowed to be unset`. BuildKit itself prefixes it with
    /// `failed to process "<word>": ` (Go `%q` quoting of the whole word).
    pub message: String,
}

impl fmt::Display for ExpandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error for ExpandError {}

/// A variable reference found in a word, with byte ranges relative to the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarRef {
    /// The name as written (may be empty for `${+x}`, digits for `$1`, or one of the
    /// special parameters `@ * # ? - $ !`).
    pub name: String,
    /// The whole reference: `$X`, or `${` through its closing `}`.
    pub range: Range<usize>,
    /// The name alone.
    pub name_range: Range<usize>,
    /// Whether the reference is written `${…}`.
    pub braced: bool,
    /// The operator of a braced reference, when it has one: `:-`, `-`, `:+`, `+`, `:?`,
    /// `?`, `#`, `##`, `%`, `%%`, `/` or `//`. `##` and `%%` are recognised from the
    /// source text (BuildKit decides on the expanded pattern, so `${v#"#"x}` is also
    /// greedy there). An operator BuildKit rejects after the lookup (`:=`, `:x`, …)
    /// is reported as written.
    pub modifier: Option<String>,
    /// Always `false`: text in single quotes is literal, so it holds no references.
    pub in_single_quotes: bool,
}

/// Expands `word` the way BuildKit does for most instructions (one string, no word
/// splitting), and reports which variables were found and which were not.
///
/// # Errors
///
/// Fails with BuildKit's message on unterminated quotes, malformed `${…}`,
/// unsupported operators, `${v?msg}` / `${v:?msg}` on an unset (or empty) variable
/// and invalid patterns such as `${v#\x}`.
pub fn process_word(
    word: &str,
    env: &dyn Env,
    opts: ExpandOptions,
) -> Result<Expansion, ExpandError> {
    // Most words have no quote, escape or `$`: the lexer would copy them unchanged.
    if !word
        .bytes()
        .any(|b| matches!(b, b'$' | b'\'' | b'"') || char::from(b) == opts.escape)
    {
        return Ok(Expansion {
            value: word.to_string(),
            matched: Vec::new(),
            unmatched: Vec::new(),
        });
    }
    let mut lexer = Lexer::new(word, opts.escape, Some((env, opts.case_insensitive)));
    let value = lexer.run().map_err(|message| ExpandError { message })?;
    Ok(Expansion {
        value,
        matched: lexer.matched.names,
        unmatched: lexer.unmatched.names,
    })
}

/// Expansion with word splitting (what BuildKit uses for `EXPOSE`): the expanded text
/// is split on Unicode whitespace that came from outside quotes (literally or through
/// a variable's value); quoted and escaped whitespace is kept. Empty words are dropped.
///
/// BuildKit quirk, reproduced: all levels of the lexer share one buffer for the word
/// being built, and every `${name<operator>…}` clears it, so the part of the current
/// word written before such a reference is lost (`a${x:-b}` gives `["b"]`, while
/// [`process_word`] gives `ab`).
///
/// # Errors
///
/// The same as [`process_word`].
pub fn process_words(
    word: &str,
    env: &dyn Env,
    opts: ExpandOptions,
) -> Result<Vec<String>, ExpandError> {
    let mut lexer = Lexer::new(word, opts.escape, Some((env, opts.case_insensitive)));
    lexer.words.on = true;
    lexer.run().map_err(|message| ExpandError { message })?;
    Ok(lexer.words.words)
}

/// Lists the variable references in `word` without evaluating it: exactly the names
/// [`process_word`] looks up (quotes, escapes and nesting respected; references inside
/// an operator's word, such as `$B` in `${A:-$B}`, are separate entries), in source
/// order. Never fails: on malformed input it returns what was found before the
/// error. Errors that depend on values (`${v?}`, invalid patterns) are ignored.
#[must_use]
pub fn find_var_refs(word: &str, escape: char) -> Vec<VarRef> {
    // Every reference starts with `$`; most words have none.
    if memchr::memchr(b'$', word.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut lexer = Lexer::new(word, escape, None);
    // Malformed input: keep the references seen before the error.
    let _ = lexer.run();
    let mut refs = lexer.refs;
    refs.sort_by_key(|r| r.range.start);
    refs
}

// ---------------------------------------------------------------------------
// The lexer
// ---------------------------------------------------------------------------

/// One level of the (Go: recursive) processing.
enum Frame {
    /// Go's `processStopOn`: a word up to `stop` (or the end of input when `None`).
    /// `raw` keeps escape characters in the output (pattern words).
    Seq {
        stop: Option<char>,
        raw: bool,
        out: String,
    },
    /// Go's `processDoubleQuote`; `raw` is the enclosing word's setting.
    Dquote { out: String, raw: bool },
    /// A `${name…}` whose operator word is being read by the frame above it.
    Brace(Brace),
}

/// The state of a `${name<operator>…}` while its word is read.
struct Brace {
    name: String,
    start: usize,
    name_range: Range<usize>,
    label: String,
    kind: BraceKind,
}

enum BraceKind {
    /// `:-  -  :+  +  :?  ?  #  ##  %  %%` and unsupported `:x` (rejected after the lookup).
    Modifier {
        op: Option<char>,
        chs: String,
        null_is_unset: bool,
    },
    /// `/p/r` or `//p/r`, reading `p`.
    ReplacePattern { all: bool },
    /// `/p/r` or `//p/r`, reading `r`.
    ReplaceWith { all: bool, pattern: String },
}

/// Go's `wordsStruct`, with its buffer shared by all levels (as in BuildKit). Only
/// [`process_words`] reads it: for the others it stays off and costs nothing per character.
#[derive(Default)]
struct Words {
    on: bool,
    buf: String,
    words: Vec<String>,
}

impl Words {
    fn flush(&mut self) {
        if !self.buf.is_empty() {
            self.words.push(std::mem::take(&mut self.buf));
        }
    }

    fn add_char(&mut self, ch: char) {
        if !self.on {
            return;
        }
        if ch.is_whitespace() {
            self.flush();
        } else {
            self.buf.push(ch);
        }
    }

    fn add_string(&mut self, s: &str) {
        if self.on {
            for ch in s.chars() {
                self.add_char(ch);
            }
        }
    }

    /// Adds text that is never split (escaped or quoted).
    fn add_verbatim(&mut self, s: &str) {
        if self.on {
            self.buf.push_str(s);
        }
    }
}

/// Names in order of first appearance, without duplicates. Most words name a few variables:
/// a linear search beats hashing each name; a hash set takes over for long lists, so a word
/// naming thousands stays linear.
#[derive(Default)]
struct NameSet {
    names: Vec<String>,
    index: Option<HashSet<String>>,
}

impl NameSet {
    const LINEAR: usize = 16;

    fn add(&mut self, name: &str) {
        if self.names.len() < Self::LINEAR {
            if !self.names.iter().any(|known| known == name) {
                self.names.push(name.to_owned());
            }
            return;
        }
        let index = self
            .index
            .get_or_insert_with(|| self.names.iter().cloned().collect());
        if index.insert(name.to_owned()) {
            self.names.push(name.to_owned());
        }
    }
}

type Step = Result<Option<String>, String>;

struct Lexer<'s, 'e> {
    src: &'s str,
    pos: usize,
    escape: char,
    /// `None` scans only (for [`find_var_refs`]).
    env: Option<(&'e dyn Env, bool)>,
    stack: Vec<Frame>,
    words: Words,
    matched: NameSet,
    unmatched: NameSet,
    refs: Vec<VarRef>,
}

const MISSING_BRACE: &str = "syntax error: missing '}'";

fn unsupported(chs: &str) -> String {
    format!("unsupported modifier ({chs}) in substitution")
}

/// Go's `string(rune)` for a scanner result, where end of input is `-1`.
fn rune_text(ch: Option<char>) -> String {
    ch.unwrap_or(char::REPLACEMENT_CHARACTER).to_string()
}

impl<'s, 'e> Lexer<'s, 'e> {
    fn new(src: &'s str, escape: char, env: Option<(&'e dyn Env, bool)>) -> Self {
        Lexer {
            src,
            pos: 0,
            escape,
            env,
            stack: Vec::new(),
            words: Words::default(),
            matched: NameSet::default(),
            unmatched: NameSet::default(),
            refs: Vec::new(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|s| s.chars().next())
    }

    fn bump(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.pos += ch.len_utf8();
        Some(ch)
    }

    fn run(&mut self) -> Result<String, String> {
        // Go's text/scanner skips a byte order mark at the very start.
        if self.src.starts_with('\u{feff}') {
            self.pos = '\u{feff}'.len_utf8();
        }
        self.stack.push(Frame::Seq {
            stop: None,
            raw: false,
            out: String::new(),
        });
        loop {
            let step = match self.stack.last() {
                Some(Frame::Seq { stop, raw, .. }) => self.step_seq(*stop, *raw),
                Some(Frame::Dquote { raw, .. }) => self.step_dquote(*raw),
                _ => Err("internal error: lexer stack out of order".to_owned()),
            };
            match step {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => {}
                Err(message) => return Err(self.enclosing_error(message)),
            }
        }
    }

    /// BuildKit turns any error raised inside a `${…}` word into "missing '}'" (or
    /// "missing '/'") when the input is exhausted; with nesting, the outermost wins.
    fn enclosing_error(&self, message: String) -> String {
        if self.peek().is_some() {
            return message;
        }
        let outermost = self.stack.iter().find_map(|frame| match frame {
            Frame::Brace(brace) => Some(&brace.kind),
            _ => None,
        });
        match outermost {
            Some(BraceKind::ReplacePattern { .. }) => "syntax error: missing '/' in ${}".to_owned(),
            Some(_) => MISSING_BRACE.to_owned(),
            None => message,
        }
    }

    fn top_level(&self) -> bool {
        self.stack.len() == 1
    }

    /// Appends a literal character to the current word (Go: `addChar` + `WriteRune`).
    fn push_char(&mut self, ch: char, verbatim: bool) {
        let top = self.top_level();
        if let Some(Frame::Seq { out, .. }) = self.stack.last_mut() {
            out.push(ch);
            if top {
                if verbatim {
                    self.words.add_verbatim(ch.encode_utf8(&mut [0; 4]));
                } else {
                    self.words.add_char(ch);
                }
            }
        }
    }

    /// Delivers the value of a `$` reference to the frame on top.
    fn emit_value(&mut self, value: &str) {
        let top = self.top_level();
        match self.stack.last_mut() {
            Some(Frame::Seq { out, .. }) => {
                out.push_str(value);
                if top {
                    self.words.add_string(value);
                }
            }
            Some(Frame::Dquote { out, .. }) => out.push_str(value),
            _ => {}
        }
    }

    /// Delivers the content of a quoted string to the word on top (never split).
    fn emit_quoted(&mut self, value: &str) {
        let top = self.top_level();
        if let Some(Frame::Seq { out, .. }) = self.stack.last_mut() {
            out.push_str(value);
            if top {
                self.words.add_verbatim(value);
            }
        }
    }

    fn pop_out(&mut self) -> String {
        match self.stack.pop() {
            Some(Frame::Seq { out, .. } | Frame::Dquote { out, .. }) => out,
            _ => String::new(),
        }
    }

    /// Starts a nested word (Go: a nested `processStopOn`, which resets the shared
    /// word buffer).
    fn push_seq(&mut self, stop: char, raw: bool) {
        self.words.buf.clear();
        self.stack.push(Frame::Seq {
            stop: Some(stop),
            raw,
            out: String::new(),
        });
    }

    fn step_seq(&mut self, stop: Option<char>, raw: bool) -> Step {
        let Some(ch) = self.peek() else {
            if let Some(stop) = stop {
                return Err(format!(
                    "unexpected end of statement while looking for matching {stop}"
                ));
            }
            let value = self.pop_out();
            self.words.flush();
            return Ok(Some(value));
        };
        if Some(ch) == stop {
            self.bump();
            let word = self.pop_out();
            // The nested word's `getWords` empties the shared buffer.
            self.words.buf.clear();
            self.finish_brace(word)?;
        } else if ch == '$' {
            self.dollar()?;
        } else if ch == '\'' {
            let quoted = self.single_quote()?;
            self.emit_quoted(&quoted);
        } else if ch == '"' {
            self.bump();
            self.stack.push(Frame::Dquote {
                out: String::new(),
                raw,
            });
        } else if ch == self.escape {
            self.bump();
            if raw {
                self.push_char(ch, true);
            }
            // A lone escape at the end is dropped.
            if let Some(next) = self.bump() {
                self.push_char(next, true);
            }
        } else {
            self.push_plain_run(stop);
        }
        Ok(None)
    }

    /// Appends the plain characters from here up to the next `$`, quote, escape or `stop` at
    /// once, as [`Lexer::push_char`] would one by one: a step per character cost ten times
    /// more.
    fn push_plain_run(&mut self, stop: Option<char>) {
        let src = self.src;
        let rest = &src[self.pos..];
        let escape = self.escape;
        let len = rest
            .find(|c: char| matches!(c, '$' | '\'' | '"') || c == escape || Some(c) == stop)
            .unwrap_or(rest.len());
        let run = &rest[..len];
        self.pos += len;
        let top = self.top_level();
        if let Some(Frame::Seq { out, .. }) = self.stack.last_mut() {
            out.push_str(run);
            if top {
                self.words.add_string(run);
            }
        }
    }

    fn single_quote(&mut self) -> Result<String, String> {
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote"
                            .to_owned(),
                    )
                }
                Some('\'') => return Ok(out),
                Some(ch) => out.push(ch),
            }
        }
    }

    fn step_dquote(&mut self, raw: bool) -> Step {
        let Some(ch) = self.peek() else {
            return Err(
                "unexpected end of statement while looking for matching double-quote".to_owned(),
            );
        };
        match ch {
            '"' => {
                self.bump();
                let quoted = self.pop_out();
                self.emit_quoted(&quoted);
            }
            '$' => self.dollar()?,
            _ => {
                self.bump();
                let mut text = String::new();
                if ch == self.escape {
                    // Quirk: in a pattern word the escape is written, and then written
                    // again when it escapes nothing (`"\t"` becomes `\\t`).
                    if raw {
                        text.push(ch);
                    }
                    match self.peek() {
                        // Dropped; the missing quote is reported next.
                        None => {}
                        Some(next) if next == '"' || next == '$' || next == self.escape => {
                            self.bump();
                            text.push(next);
                        }
                        Some(_) => text.push(ch),
                    }
                } else {
                    text.push(ch);
                }
                if let Some(Frame::Dquote { out, .. }) = self.stack.last_mut() {
                    out.push_str(&text);
                }
            }
        }
        Ok(None)
    }

    /// Reads a name: a run of digits, one special parameter, or letters, digits and `_`. The
    /// name is the text read, copied once at the end instead of pushed character by character.
    fn name(&mut self) -> (String, Range<usize>) {
        let start = self.pos;
        while let Some(ch) = self.peek() {
            let first = self.pos == start;
            if first && is_go_digit(ch) {
                while self.peek().is_some_and(is_go_digit) {
                    self.bump();
                }
                break;
            }
            if first && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.bump();
                break;
            }
            if !is_go_letter(ch) && !is_go_digit(ch) && ch != '_' {
                break;
            }
            self.bump();
        }
        let name = self
            .src
            .get(start..self.pos)
            .unwrap_or_default()
            .to_string();
        (name, start..self.pos)
    }

    /// Looks a variable up, recording it (the reference ends at the current position).
    fn lookup(
        &mut self,
        name: &str,
        start: usize,
        name_range: Range<usize>,
        braced: bool,
        modifier: Option<&str>,
    ) -> (String, bool) {
        let Some((env, ignore_case)) = self.env else {
            self.refs.push(VarRef {
                name: name.to_owned(),
                range: start..self.pos,
                name_range,
                braced,
                modifier: modifier.map(str::to_owned),
                in_single_quotes: false,
            });
            return (String::new(), false);
        };
        let found = if ignore_case {
            env.get_ignore_case(name)
        } else {
            env.get(name)
        };
        match found {
            Some(value) => {
                self.matched.add(name);
                (value.to_owned(), true)
            }
            None => {
                self.unmatched.add(name);
                (String::new(), false)
            }
        }
    }

    /// Go's `processDollar`, up to the point where an operator's word must be read.
    fn dollar(&mut self) -> Result<(), String> {
        let start = self.pos;
        self.bump();
        if self.peek() != Some('{') {
            let (name, name_range) = self.name();
            if name.is_empty() {
                self.emit_value("$");
            } else {
                let (value, _) = self.lookup(&name, start, name_range, false, None);
                self.emit_value(&value);
            }
            return Ok(());
        }
        self.bump();
        match self.peek() {
            None => return Err(MISSING_BRACE.to_owned()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".to_owned()),
            Some(_) => {}
        }
        let (name, name_range) = self.name();
        let ch = self.bump();
        let mut chs = rune_text(ch);
        match ch {
            Some('}') => {
                let (value, _) = self.lookup(&name, start, name_range, true, None);
                self.emit_value(&value);
            }
            Some(':' | '+' | '-' | '?' | '#' | '%') => {
                let null_is_unset = ch == Some(':');
                let op = if null_is_unset {
                    // Whatever follows the colon is the operator, even `}` or `/`.
                    let op = self.bump();
                    chs.push_str(&rune_text(op));
                    op
                } else {
                    ch
                };
                let raw = matches!(op, Some('#' | '%'));
                if null_is_unset && raw {
                    return Err(unsupported(&chs));
                }
                let label = match op {
                    Some(c @ ('#' | '%')) if self.peek() == Some(c) => format!("{c}{c}"),
                    _ => chs.clone(),
                };
                self.stack.push(Frame::Brace(Brace {
                    name,
                    start,
                    name_range,
                    label,
                    kind: BraceKind::Modifier {
                        op,
                        chs,
                        null_is_unset,
                    },
                }));
                self.push_seq('}', raw);
            }
            Some('/') => {
                let all = self.peek() == Some('/');
                if all {
                    self.bump();
                }
                self.stack.push(Frame::Brace(Brace {
                    name,
                    start,
                    name_range,
                    label: if all { "//" } else { "/" }.to_owned(),
                    kind: BraceKind::ReplacePattern { all },
                }));
                self.push_seq('/', true);
            }
            _ => return Err(unsupported(&chs)),
        }
        Ok(())
    }

    /// An operator's word is complete: go on with the `${…}` under it.
    fn finish_brace(&mut self, word: String) -> Result<(), String> {
        let Some(Frame::Brace(brace)) = self.stack.pop() else {
            return Err("internal error: word ended outside ${}".to_owned());
        };
        let Brace {
            name,
            start,
            name_range,
            label,
            kind,
        } = brace;
        let value = match kind {
            BraceKind::ReplacePattern { all } => {
                self.stack.push(Frame::Brace(Brace {
                    name,
                    start,
                    name_range,
                    label,
                    kind: BraceKind::ReplaceWith { all, pattern: word },
                }));
                self.push_seq('}', true);
                return Ok(());
            }
            BraceKind::Modifier {
                op,
                chs,
                null_is_unset,
            } => {
                let (value, set) = self.lookup(&name, start, name_range, true, Some(&label));
                self.apply_modifier(&name, op, &chs, null_is_unset, word, value, set)?
            }
            BraceKind::ReplaceWith { all, pattern } => {
                let (value, _) = self.lookup(&name, start, name_range, true, Some(&label));
                match Glob::compile(&pattern, true, false) {
                    Ok(glob) if all => glob.replace_all(&value, &word),
                    Ok(glob) => match glob.find_at(&value, 0) {
                        Some(found) => splice(&value, found, &word),
                        None => value,
                    },
                    Err(_) if self.env.is_none() => String::new(),
                    Err(err) => {
                        return Err(format!(
                            "invalid pattern ({pattern}) in substitution: {err}"
                        ))
                    }
                }
            }
        };
        self.emit_value(&value);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn apply_modifier(
        &self,
        name: &str,
        op: Option<char>,
        chs: &str,
        null_is_unset: bool,
        word: String,
        value: String,
        set: bool,
    ) -> Result<String, String> {
        let scanning = self.env.is_none();
        let unset = !set || (null_is_unset && value.is_empty());
        match op {
            Some('-') => Ok(if unset { word } else { value }),
            Some('+') => Ok(if unset { String::new() } else { word }),
            Some('?') if scanning || !unset => Ok(value),
            Some('?') => {
                let message = if !word.is_empty() {
                    word.as_str()
                } else if !set {
                    "is not allowed to be unset"
                } else {
                    "is not allowed to be empty"
                };
                Err(format!("{name}: {message}"))
            }
            Some(op @ ('#' | '%')) => {
                // `##` / `%%`: decided on the expanded word, byte-wise.
                let (pattern, greedy) = match word.strip_prefix(op) {
                    Some(rest) => (rest, true),
                    None => (word.as_str(), false),
                };
                let trimmed = if op == '%' {
                    trim_suffix(pattern, &value, greedy)
                } else {
                    trim_prefix(pattern, &value, greedy)
                };
                match trimmed {
                    Err(_) if scanning => Ok(value),
                    other => other,
                }
            }
            _ => Err(unsupported(chs)),
        }
    }
}

/// `value` with the byte range `found` replaced by `with`.
fn splice(value: &str, found: (usize, usize), with: &str) -> String {
    let (Some(before), Some(after)) = (value.get(..found.0), value.get(found.1..)) else {
        return value.to_owned();
    };
    let mut out = String::with_capacity(before.len() + with.len() + after.len());
    out.push_str(before);
    out.push_str(with);
    out.push_str(after);
    out
}

// ---------------------------------------------------------------------------
// Patterns (`#`, `%`, `/`): BuildKit converts them to Go regular expressions
// and uses leftmost-first matching; this is a small Pike VM with the same
// semantics for the only constructs that occur (literals, `.`, `.*`, `.*?`).
// ---------------------------------------------------------------------------

/// Trims the shortest (longest when `greedy`) prefix of `value` matching `pattern`.
fn trim_prefix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let glob = Glob::compile(pattern, greedy, true)
        .map_err(|err| format!("invalid pattern ({pattern}) in substitution: {err}"))?;
    Ok(match glob.find_at(value, 0) {
        Some((_, end)) => value.get(end..).unwrap_or_default().to_owned(),
        None => value.to_owned(),
    })
}

/// Trims a suffix by reversing pattern and value and trimming a prefix (as BuildKit
/// does; an error message therefore shows the reversed pattern).
fn trim_suffix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let reversed: String = value.chars().rev().collect();
    let trimmed = trim_prefix(&reverse_pattern(pattern), &reversed, greedy)?;
    Ok(trimmed.chars().rev().collect())
}

/// Reverses a pattern, keeping each backslash before the character it escapes.
fn reverse_pattern(pattern: &str) -> String {
    let mut units: Vec<&str> = Vec::new();
    let mut rest = pattern;
    while let Some(first) = rest.chars().next() {
        let mut len = first.len_utf8();
        if first == '\\' {
            len += rest[len..].chars().next().map_or(0, char::len_utf8);
        }
        let (unit, tail) = rest.split_at(len);
        units.push(unit);
        rest = tail;
    }
    units.into_iter().rev().collect()
}

#[derive(Clone, Copy, Debug)]
enum Inst {
    Char(char),
    /// Any character but `\n` (Go's `.`).
    Any,
    /// Try the first target, then the second.
    Split(usize, usize),
    Jmp(usize),
    Match,
}

struct Glob {
    prog: Vec<Inst>,
    anchored: bool,
}

/// A thread list of the Pike VM: threads in priority order, each a program counter
/// with the start of its match.
struct Threads {
    dense: Vec<(usize, usize)>,
    on: Vec<bool>,
    marked: Vec<usize>,
}

impl Threads {
    fn new(len: usize) -> Self {
        Threads {
            dense: Vec::new(),
            on: vec![false; len],
            marked: Vec::new(),
        }
    }

    fn clear(&mut self) {
        for &pc in &self.marked {
            if let Some(on) = self.on.get_mut(pc) {
                *on = false;
            }
        }
        self.marked.clear();
        self.dense.clear();
    }
}

impl Glob {
    /// BuildKit's `convertShellPatternToRegex`: `*` is any run of characters, `?` one
    /// character, `\` escapes `*`, `?` or `\`, and is dropped before `}` and `/`;
    /// anything else after `\` is an error. Everything else is literal.
    fn compile(pattern: &str, greedy: bool, anchored: bool) -> Result<Glob, String> {
        // Go's text/scanner skips a leading byte order mark here too.
        let pattern = pattern.strip_prefix('\u{feff}').unwrap_or(pattern);
        let mut prog = Vec::new();
        let mut chars = pattern.chars().peekable();
        while let Some(tok) = chars.next() {
            match tok {
                '*' => {
                    let at = prog.len();
                    prog.push(if greedy {
                        Inst::Split(at + 1, at + 3)
                    } else {
                        Inst::Split(at + 3, at + 1)
                    });
                    prog.push(Inst::Any);
                    prog.push(Inst::Jmp(at));
                }
                '?' => prog.push(Inst::Any),
                '\\' => {
                    if matches!(chars.peek(), Some('}' | '/')) {
                        continue;
                    }
                    match chars.next() {
                        Some(c @ ('*' | '?' | '\\')) => prog.push(Inst::Char(c)),
                        other => {
                            return Err(format!(
                                "invalid escape '\\{}'",
                                other.unwrap_or(char::REPLACEMENT_CHARACTER)
                            ))
                        }
                    }
                }
                c => prog.push(Inst::Char(c)),
            }
        }
        prog.push(Inst::Match);
        Ok(Glob { prog, anchored })
    }

    /// Adds the thread `pc` and everything reachable from it without consuming input.
    fn add(&self, list: &mut Threads, pc: usize, start: usize, stack: &mut Vec<usize>) {
        stack.clear();
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            match list.on.get_mut(pc) {
                Some(on) if !*on => *on = true,
                _ => continue,
            }
            list.marked.push(pc);
            match self.prog.get(pc) {
                Some(&Inst::Split(first, second)) => {
                    stack.push(second);
                    stack.push(first);
                }
                Some(&Inst::Jmp(to)) => stack.push(to),
                Some(_) => list.dense.push((pc, start)),
                None => {}
            }
        }
    }

    /// Go's `FindStringIndex` on `text[from..]` (positions are absolute byte offsets):
    /// the leftmost match, preferring what the pattern prefers at each choice.
    fn find_at(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let len = self.prog.len();
        let mut current = Threads::new(len);
        let mut next = Threads::new(len);
        let mut stack = Vec::new();
        let mut matched = None;
        let mut pos = from;
        loop {
            if current.dense.is_empty() && (matched.is_some() || (self.anchored && pos != 0)) {
                break;
            }
            if matched.is_none() && (!self.anchored || pos == 0) {
                self.add(&mut current, 0, pos, &mut stack);
            }
            let ch = text.get(pos..).and_then(|s| s.chars().next());
            for i in 0..current.dense.len() {
                let Some(&(pc, start)) = current.dense.get(i) else {
                    break;
                };
                let advance = match self.prog.get(pc) {
                    Some(Inst::Match) => {
                        matched = Some((start, pos));
                        // Leftmost-first: lower-priority threads are cut off.
                        break;
                    }
                    Some(&Inst::Char(c)) => ch == Some(c),
                    Some(Inst::Any) => ch.is_some_and(|c| c != '\n'),
                    _ => false,
                };
                if advance {
                    self.add(&mut next, pc + 1, start, &mut stack);
                }
            }
            current.clear();
            let Some(ch) = ch else {
                break;
            };
            pos += ch.len_utf8();
            std::mem::swap(&mut current, &mut next);
        }
        matched
    }

    /// Go's `ReplaceAllString`: every non-overlapping match replaced, with `$`
    /// templates in `template` expanded (`$0` / `${0}` is the match, `$$` a dollar,
    /// other references are empty).
    fn replace_all(&self, text: &str, template: &str) -> String {
        let mut out = String::new();
        let mut last_end = 0;
        let mut search = 0;
        while search <= text.len() {
            let Some((start, end)) = self.find_at(text, search) else {
                break;
            };
            out.push_str(text.get(last_end..start).unwrap_or_default());
            // No replacement for an empty match right after the previous match.
            if end > last_end || start == 0 {
                expand_template(&mut out, template, text.get(start..end).unwrap_or_default());
            }
            last_end = end;
            let width = text
                .get(search..)
                .and_then(|s| s.chars().next())
                .map_or(0, char::len_utf8);
            search = if search + width > end {
                search + width
            } else if search + 1 > end {
                search + 1
            } else {
                end
            };
        }
        out.push_str(text.get(last_end..).unwrap_or_default());
        out
    }
}

/// Go's `Regexp.Expand` for a regular expression without groups.
fn expand_template(out: &mut String, template: &str, whole: &str) {
    let mut rest = template;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        match template_ref(rest) {
            Some((is_zero, after)) => {
                if is_zero {
                    out.push_str(whole);
                }
                rest = after;
            }
            None => out.push('$'),
        }
    }
    out.push_str(rest);
}

/// Go's `extract`: a name or `{name}` after `$`. Returns whether it denotes group 0
/// and the text after it, or `None` when malformed (the `$` is then literal).
fn template_ref(s: &str) -> Option<(bool, &str)> {
    let (braced, body) = match s.strip_prefix('{') {
        Some(body) => (true, body),
        None => (false, s),
    };
    let len: usize = body
        .chars()
        .take_while(|&c| is_go_letter(c) || is_go_digit(c) || c == '_')
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let (name, mut after) = body.split_at(len);
    if braced {
        after = after.strip_prefix('}')?;
    }
    // A number without leading zeros; only group 0 exists.
    Some((name == "0", after))
}

// ---------------------------------------------------------------------------
// Go's Unicode predicates
// ---------------------------------------------------------------------------

/// Go's `unicode.IsLetter` (general category L).
fn is_go_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.is_alphabetic() && !in_table(NOT_LETTER_ALPHABETIC, c)
}

/// Go's `unicode.IsDigit` (general category Nd).
fn is_go_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(DECIMAL_DIGITS, c)
}

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Go's `strings.ToUpper`: simple (one-to-one) upper-case mapping per character.
fn go_upper(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(u), None) => u,
                _ => c,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Unicode tables (generated from the Unicode Character Database)
// ---------------------------------------------------------------------------

/// Characters Unicode calls Alphabetic that are not in a letter category (Nl and
/// Other_Alphabetic), Unicode 14; removed from `char::is_alphabetic` to get Go's
/// `unicode.IsLetter`.
#[rustfmt::skip]
const NOT_LETTER_ALPHABETIC: &[(u32, u32)] = &[
    (0x345, 0x345), (0x5B0, 0x5BD), (0x5BF, 0x5BF), (0x5C1, 0x5C2), (0x5C4, 0x5C5), (0x5C7, 0x5C7),
    (0x610, 0x61A), (0x64B, 0x657), (0x659, 0x65F), (0x670, 0x670), (0x6D6, 0x6DC), (0x6E1, 0x6E4),
    (0x6E7, 0x6E8), (0x6ED, 0x6ED), (0x711, 0x711), (0x730, 0x73F), (0x7A6, 0x7B0), (0x816, 0x817),
    (0x81B, 0x823), (0x825, 0x827), (0x829, 0x82C), (0x8D4, 0x8DF), (0x8E3, 0x8E9), (0x8F0, 0x903),
    (0x93A, 0x93B), (0x93E, 0x94C), (0x94E, 0x94F), (0x955, 0x957), (0x962, 0x963), (0x981, 0x983),
    (0x9BE, 0x9C4), (0x9C7, 0x9C8), (0x9CB, 0x9CC), (0x9D7, 0x9D7), (0x9E2, 0x9E3), (0xA01, 0xA03),
    (0xA3E, 0xA42), (0xA47, 0xA48), (0xA4B, 0xA4C), (0xA51, 0xA51), (0xA70, 0xA71), (0xA75, 0xA75),
    (0xA81, 0xA83), (0xABE, 0xAC5), (0xAC7, 0xAC9), (0xACB, 0xACC), (0xAE2, 0xAE3), (0xAFA, 0xAFC),
    (0xB01, 0xB03), (0xB3E, 0xB44), (0xB47, 0xB48), (0xB4B, 0xB4C), (0xB56, 0xB57), (0xB62, 0xB63),
    (0xB82, 0xB82), (0xBBE, 0xBC2), (0xBC6, 0xBC8), (0xBCA, 0xBCC), (0xBD7, 0xBD7), (0xC00, 0xC03),
    (0xC3E, 0xC44), (0xC46, 0xC48), (0xC4A, 0xC4C), (0xC55, 0xC56), (0xC62, 0xC63), (0xC81, 0xC83),
    (0xCBE, 0xCC4), (0xCC6, 0xCC8), (0xCCA, 0xCCC), (0xCD5, 0xCD6), (0xCE2, 0xCE3), (0xD00, 0xD03),
    (0xD3E, 0xD44), (0xD46, 0xD48), (0xD4A, 0xD4C), (0xD57, 0xD57), (0xD62, 0xD63), (0xD81, 0xD83),
    (0xDCF, 0xDD4), (0xDD6, 0xDD6), (0xDD8, 0xDDF), (0xDF2, 0xDF3), (0xE31, 0xE31), (0xE34, 0xE3A),
    (0xE4D, 0xE4D), (0xEB1, 0xEB1), (0xEB4, 0xEB9), (0xEBB, 0xEBC), (0xECD, 0xECD), (0xF71, 0xF81),
    (0xF8D, 0xF97), (0xF99, 0xFBC), (0x102B, 0x1036), (0x1038, 0x1038), (0x103B, 0x103E), (0x1056, 0x1059),
    (0x105E, 0x1060), (0x1062, 0x1064), (0x1067, 0x106D), (0x1071, 0x1074), (0x1082, 0x108D), (0x108F, 0x108F),
    (0x109A, 0x109D), (0x16EE, 0x16F0), (0x1712, 0x1713), (0x1732, 0x1733), (0x1752, 0x1753), (0x1772, 0x1773),
    (0x17B6, 0x17C8), (0x1885, 0x1886), (0x18A9, 0x18A9), (0x1920, 0x192B), (0x1930, 0x1938), (0x1A17, 0x1A1B),
    (0x1A55, 0x1A5E), (0x1A61, 0x1A74), (0x1ABF, 0x1AC0), (0x1ACC, 0x1ACE), (0x1B00, 0x1B04), (0x1B35, 0x1B43),
    (0x1B80, 0x1B82), (0x1BA1, 0x1BA9), (0x1BAC, 0x1BAD), (0x1BE7, 0x1BF1), (0x1C24, 0x1C36), (0x1DE7, 0x1DF4),
    (0x2160, 0x2182), (0x2185, 0x2188), (0x24B6, 0x24E9), (0x2DE0, 0x2DFF), (0x3007, 0x3007), (0x3021, 0x3029),
    (0x3038, 0x303A), (0xA674, 0xA67B), (0xA69E, 0xA69F), (0xA6E6, 0xA6EF), (0xA802, 0xA802), (0xA80B, 0xA80B),
    (0xA823, 0xA827), (0xA880, 0xA881), (0xA8B4, 0xA8C3), (0xA8C5, 0xA8C5), (0xA8FF, 0xA8FF), (0xA926, 0xA92A),
    (0xA947, 0xA952), (0xA980, 0xA983), (0xA9B4, 0xA9BF), (0xA9E5, 0xA9E5), (0xAA29, 0xAA36), (0xAA43, 0xAA43),
    (0xAA4C, 0xAA4D), (0xAA7B, 0xAA7D), (0xAAB0, 0xAAB0), (0xAAB2, 0xAAB4), (0xAAB7, 0xAAB8), (0xAABE, 0xAABE),
    (0xAAEB, 0xAAEF), (0xAAF5, 0xAAF5), (0xABE3, 0xABEA), (0xFB1E, 0xFB1E), (0x10140, 0x10174), (0x10341, 0x10341),
    (0x1034A, 0x1034A), (0x10376, 0x1037A), (0x103D1, 0x103D5), (0x10A01, 0x10A03), (0x10A05, 0x10A06), (0x10A0C, 0x10A0F),
    (0x10D24, 0x10D27), (0x10EAB, 0x10EAC), (0x11000, 0x11002), (0x11038, 0x11045), (0x11073, 0x11074), (0x11082, 0x11082),
    (0x110B0, 0x110B8), (0x110C2, 0x110C2), (0x11100, 0x11102), (0x11127, 0x11132), (0x11145, 0x11146), (0x11180, 0x11182),
    (0x111B3, 0x111BF), (0x111CE, 0x111CF), (0x1122C, 0x11234), (0x11237, 0x11237), (0x1123E, 0x1123E), (0x112DF, 0x112E8),
    (0x11300, 0x11303), (0x1133E, 0x11344), (0x11347, 0x11348), (0x1134B, 0x1134C), (0x11357, 0x11357), (0x11362, 0x11363),
    (0x11435, 0x11441), (0x11443, 0x11445), (0x114B0, 0x114C1), (0x115AF, 0x115B5), (0x115B8, 0x115BE), (0x115DC, 0x115DD),
    (0x11630, 0x1163E), (0x11640, 0x11640), (0x116AB, 0x116B5), (0x1171D, 0x1172A), (0x1182C, 0x11838), (0x11930, 0x11935),
    (0x11937, 0x11938), (0x1193B, 0x1193C), (0x11940, 0x11940), (0x11942, 0x11942), (0x119D1, 0x119D7), (0x119DA, 0x119DF),
    (0x119E4, 0x119E4), (0x11A01, 0x11A0A), (0x11A35, 0x11A39), (0x11A3B, 0x11A3E), (0x11A51, 0x11A5B), (0x11A8A, 0x11A97),
    (0x11C2F, 0x11C36), (0x11C38, 0x11C3E), (0x11C92, 0x11CA7), (0x11CA9, 0x11CB6), (0x11D31, 0x11D36), (0x11D3A, 0x11D3A),
    (0x11D3C, 0x11D3D), (0x11D3F, 0x11D41), (0x11D43, 0x11D43), (0x11D47, 0x11D47), (0x11D8A, 0x11D8E), (0x11D90, 0x11D91),
    (0x11D93, 0x11D96), (0x11EF3, 0x11EF6), (0x12400, 0x1246E), (0x16F4F, 0x16F4F), (0x16F51, 0x16F87), (0x16F8F, 0x16F92),
    (0x16FF0, 0x16FF1), (0x1BC9E, 0x1BC9E), (0x1E000, 0x1E006), (0x1E008, 0x1E018), (0x1E01B, 0x1E021), (0x1E023, 0x1E024),
    (0x1E026, 0x1E02A), (0x1E947, 0x1E947), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189),
];

/// Unicode general category Nd (Unicode 15.0, as in Go's `unicode.IsDigit`).
#[rustfmt::skip]
const DECIMAL_DIGITS: &[(u32, u32)] = &[
    (0x30, 0x39), (0x660, 0x669), (0x6F0, 0x6F9), (0x7C0, 0x7C9), (0x966, 0x96F), (0x9E6, 0x9EF),
    (0xA66, 0xA6F), (0xAE6, 0xAEF), (0xB66, 0xB6F), (0xBE6, 0xBEF), (0xC66, 0xC6F), (0xCE6, 0xCEF),
    (0xD66, 0xD6F), (0xDE6, 0xDEF), (0xE50, 0xE59), (0xED0, 0xED9), (0xF20, 0xF29), (0x1040, 0x1049),
    (0x1090, 0x1099), (0x17E0, 0x17E9), (0x1810, 0x1819), (0x1946, 0x194F), (0x19D0, 0x19D9), (0x1A80, 0x1A89),
    (0x1A90, 0x1A99), (0x1B50, 0x1B59), (0x1BB0, 0x1BB9), (0x1C40, 0x1C49), (0x1C50, 0x1C59), (0xA620, 0xA629),
    (0xA8D0, 0xA8D9), (0xA900, 0xA909), (0xA9D0, 0xA9D9), (0xA9F0, 0xA9F9), (0xAA50, 0xAA59), (0xABF0, 0xABF9),
    (0xFF10, 0xFF19), (0x104A0, 0x104A9), (0x10D30, 0x10D39), (0x11066, 0x1106F), (0x110F0, 0x110F9), (0x11136, 0x1113F),
    (0x111D0, 0x111D9), (0x112F0, 0x112F9), (0x11450, 0x11459), (0x114D0, 0x114D9), (0x11650, 0x11659), (0x116C0, 0x116C9),
    (0x11730, 0x11739), (0x118E0, 0x118E9), (0x11950, 0x11959), (0x11C50, 0x11C59), (0x11D50, 0x11D59), (0x11DA0, 0x11DA9),
    (0x11F50, 0x11F59), (0x16A60, 0x16A69), (0x16AC0, 0x16AC9), (0x16B50, 0x16B59), (0x1D7CE, 0x1D7FF), (0x1E140, 0x1E149),
    (0x1E2F0, 0x1E2F9), (0x1E4F0, 0x1E4F9), (0x1E950, 0x1E959), (0x1FBF0, 0x1FBF9),
];

#[cfg(test)]
mod tests {
    use super::*;

    const UNIX: ExpandOptions = ExpandOptions {
        escape: '\\',
        case_insensitive: false,
    };
    const WINDOWS: ExpandOptions = ExpandOptions {
        escape: '\\',
        case_insensitive: true,
    };
    const BACKTICK: ExpandOptions = ExpandOptions {
        escape: '`',
        case_insensitive: false,
    };

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    /// The shortcut in `process_word` for words without `$`, quotes or the escape character
    /// gives what the lexer gives for them.
    #[test]
    fn plain_words_come_out_as_the_lexer_leaves_them() {
        let vars = env(&[("A", "1")]);
        for word in [
            "", "a b", " x ", "~/x", "{a}", "a}b", "${", ":-", "a\tb\n", "é😀", "-x=1", "@(a|b)",
            "a\\b", "a`b",
        ] {
            for opts in [UNIX, WINDOWS, BACKTICK] {
                let mut lexer = Lexer::new(word, opts.escape, Some((&vars, opts.case_insensitive)));
                let slow = lexer.run();
                let fast = process_word(word, &vars, opts)
                    .map(|e| e.value)
                    .map_err(|e| e.message);
                assert_eq!(fast, slow, "{word:?} {:?}", opts.escape);
            }
        }
    }

    fn expand_with(
        word: &str,
        pairs: &[(&str, &str)],
        opts: ExpandOptions,
    ) -> Result<String, String> {
        process_word(word, &env(pairs), opts)
            .map(|e| e.value)
            .map_err(|e| e.message)
    }

    fn expand(word: &str, pairs: &[(&str, &str)]) -> Result<String, String> {
        expand_with(word, pairs, UNIX)
    }

    fn words(word: &str, pairs: &[(&str, &str)]) -> Result<Vec<String>, String> {
        process_words(word, &env(pairs), UNIX).map_err(|e| e.message)
    }

    fn sorted(names: &[String]) -> Vec<&str> {
        let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// BuildKit's `TestProcessWithMatches` table: (input, env, expected value or None
    /// for an error, matched, unmatched).
    #[test]
    fn buildkit_process_with_matches_table() {
        type Case<'a> = (
            &'a str,
            &'a [(&'a str, &'a str)],
            Option<&'a str>,
            &'a [&'a str],
            &'a [&'a str],
        );
        let foo_bar: &[(&str, &str)] = &[("FOO", "xxx"), ("BAR", "")];
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("x", &[("DUMMY", "dummy")], Some("x"), &[], &[]),
            ("x ${UNUSED}", &[("DUMMY", "dummy")], Some("x "), &[], &["UNUSED"]),
            ("x ${FOO}", &[("FOO", "y")], Some("x y"), &["FOO"], &[]),
            ("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", foo_bar, Some("xxx  ccc"), &["BAR", "FOO"], &["BAZ"]),
            ("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", foo_bar, Some("xxx bbb ccc"), &["BAR", "FOO"], &["BAZ"]),
            ("${FOO:-}", foo_bar, Some("xxx"), &["FOO"], &[]),
            ("${FOO:-}", &[], Some(""), &[], &["FOO"]),
            ("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", foo_bar, Some("aaa bbb "), &["BAR", "FOO"], &["BAZ"]),
            ("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", foo_bar, Some("aaa  "), &["BAR", "FOO"], &["BAZ"]),
            ("${FOO?aaa}", foo_bar, Some("xxx"), &["FOO"], &[]),
            ("${BAR?bbb}", foo_bar, Some(""), &["BAR"], &[]),
            ("${BAZ?ccc}", foo_bar, None, &[], &[]),
            ("${FOO:?aaa}", foo_bar, Some("xxx"), &["FOO"], &[]),
            ("${BAR:?bbb}", foo_bar, None, &[], &[]),
            ("${BAZ:?ccc}", foo_bar, None, &[], &[]),
            ("${BAZ:?}", foo_bar, None, &[], &[]),
            ("${FOO=aaa}", foo_bar, None, &[], &[]),
            ("${FOO=:aaa}", foo_bar, None, &[], &[]),
            ("${FOO=}", &[], None, &[], &[]),
            (r"${FOO#()[]{\}^$.\*\?|\\}", &[("FOO", r"()[]{}^$.*?|\x")], Some("x"), &["FOO"], &[]),
            (r"${FOO%%\**}", &[("FOO", "xx**")], Some("xx"), &["FOO"], &[]),
            ("${FOO#*x*y}", &[("FOO", "xxyy")], Some("y"), &["FOO"], &[]),
            ("${FOO#*}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
            ("${FOO#$BAR}", &[("FOO", "xxyy"), ("BAR", "x")], Some("xyy"), &["BAR", "FOO"], &[]),
            ("${FOO#$BAR}", &[("FOO", "xxyy"), ("BAR", "")], Some("xxyy"), &["BAR", "FOO"], &[]),
            ("${FOO#}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
            ("${FOO##*x}", &[("FOO", "xxyy")], Some("yy"), &["FOO"], &[]),
            ("${FOO##}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
            (r"${FOO#?\?}", &[("FOO", "???y")], Some("?y"), &["FOO"], &[]),
            ("${ABC:-.}${FOO%x}${ABC:-.}", &[("FOO", "xxyy")], Some(".xxyy."), &["FOO"], &["ABC"]),
            (r"${FOO%%\**\*}", &[("FOO", "a***yy*")], Some("a"), &["FOO"], &[]),
            ("${FOO%}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
            ("${FOO%%$BAR}", &[("FOO", "xxyy"), ("BAR", "")], Some("xxyy"), &["BAR", "FOO"], &[]),
            (
                "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
                &[("FOO", "/foo*/*/*.txt"), ("NEEDLE", r"\*/")],
                Some("/foo.*/*.txt - /foo..*.txt"),
                &["FOO", "NEEDLE"],
                &[],
            ),
            (
                "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
                &[("FOO", "/tmp/tmp/bar.txt"), ("NEEDLE", "/tmp")],
                Some("/tmp/bar.txt - /bar.txt"),
                &["FOO", "NEEDLE"],
                &[],
            ),
            (
                "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
                &[("FOO", "/a/foo/b/c.txt"), ("NEEDLE", "/?/"), ("REPLACEMENT", "/")],
                Some("/foo/b/c.txt - /foo/c.txt"),
                &["FOO", "NEEDLE", "REPLACEMENT"],
                &[],
            ),
            (
                "${FOO/$NEEDLE/$REPLACEMENT}",
                &[("FOO", "http://google.de"), ("NEEDLE", "http://"), ("REPLACEMENT", "https://")],
                Some("https://google.de"),
                &["FOO", "NEEDLE", "REPLACEMENT"],
                &[],
            ),
            (r"${FOO//\//\/}", &[("FOO", "/tmp/foo.txt")], Some(r"\/tmp\/foo.txt"), &["FOO"], &[]),
            ("${FOO/$BAR/ww}", &[("FOO", "xxyy"), ("BAR", "")], Some("wwxxyy"), &["BAR", "FOO"], &[]),
            ("${FOO//ww}", &[("FOO", "xxyy")], None, &[], &[]),
            ("${FOO//}", &[("FOO", "xxyy")], None, &[], &[]),
            ("${FOO///}", &[("FOO", "xxyy")], Some("xxyy"), &["FOO"], &[]),
            ("${FOO///}", &[], Some(""), &[], &["FOO"]),
        ];
        for &(input, pairs, expected, matched, unmatched) in cases {
            let result = process_word(input, &env(pairs), UNIX);
            match expected {
                None => assert!(result.is_err(), "{input:?} should fail, got {result:?}"),
                Some(expected) => {
                    let Ok(expansion) = result else {
                        panic!("{input:?} failed: {result:?}");
                    };
                    assert_eq!(expansion.value, expected, "value of {input:?}");
                    assert_eq!(sorted(&expansion.matched), matched, "matched of {input:?}");
                    assert_eq!(
                        sorted(&expansion.unmatched),
                        unmatched,
                        "unmatched of {input:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn release_file_name_with_optional_variant() {
        let word = "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
        let base = [("VERSION", "v1.2.3"), ("TARGETOS", "linux")];
        let with = |extra: &[(&str, &str)]| {
            let mut pairs = base.to_vec();
            pairs.extend_from_slice(extra);
            expand(word, &pairs)
        };
        assert_eq!(
            with(&[("TARGETARCH", "arm"), ("TARGETVARIANT", "v7")]).as_deref(),
            Ok("something-v1.2.3.linux-arm-v7.tar.gz")
        );
        assert_eq!(
            with(&[("TARGETARCH", "arm64"), ("TARGETVARIANT", "")]).as_deref(),
            Ok("something-v1.2.3.linux-arm64.tar.gz")
        );
        assert_eq!(
            with(&[("TARGETARCH", "arm64")]).as_deref(),
            Ok("something-v1.2.3.linux-arm64.tar.gz")
        );
    }

    #[test]
    fn default_modifiers_distinguish_unset_and_empty() {
        let e = [("SET", "v"), ("EMPTY", "")];
        assert_eq!(
            expand("${SET:-d}|${EMPTY:-d}|${NONE:-d}", &e).as_deref(),
            Ok("v|d|d")
        );
        assert_eq!(
            expand("${SET-d}|${EMPTY-d}|${NONE-d}", &e).as_deref(),
            Ok("v||d")
        );
    }

    #[test]
    fn alternative_modifiers_distinguish_unset_and_empty() {
        let e = [("SET", "v"), ("EMPTY", "")];
        assert_eq!(
            expand("${SET:+a}|${EMPTY:+a}|${NONE:+a}", &e).as_deref(),
            Ok("a||")
        );
        assert_eq!(
            expand("${SET+a}|${EMPTY+a}|${NONE+a}", &e).as_deref(),
            Ok("a|a|")
        );
    }

    #[test]
    fn required_modifiers_fail_with_the_given_or_default_message() {
        let e = [("VAR", "plain"), ("EMPTY", ""), ("ARG", "x")];
        assert_eq!(
            expand("${VAR:?message here$ARG}", &e).as_deref(),
            Ok("plain")
        );
        assert_eq!(
            expand("${VAR?message here$ARG}", &e).as_deref(),
            Ok("plain")
        );
        assert_eq!(expand("${EMPTY?message}", &e).as_deref(), Ok(""));
        assert_eq!(
            expand("${EMPTY:?message here$ARG}", &e),
            Err("EMPTY: message herex".to_owned())
        );
        assert_eq!(
            expand("${NONE?message here$ARG}", &e),
            Err("NONE: message herex".to_owned())
        );
        assert_eq!(
            expand("${NONE?}", &e),
            Err("NONE: is not allowed to be unset".to_owned())
        );
        assert_eq!(
            expand("${EMPTY:?}", &e),
            Err("EMPTY: is not allowed to be empty".to_owned())
        );
    }

    #[test]
    fn prefix_and_suffix_trimming_shortest_and_longest() {
        let e = [("P", "a/b/c.tar.gz")];
        assert_eq!(expand("${P#*/}", &e).as_deref(), Ok("b/c.tar.gz"));
        assert_eq!(expand("${P##*/}", &e).as_deref(), Ok("c.tar.gz"));
        assert_eq!(expand("${P%.*}", &e).as_deref(), Ok("a/b/c.tar"));
        assert_eq!(expand("${P%%.*}", &e).as_deref(), Ok("a/b/c"));
        assert_eq!(expand("${P#x}", &e).as_deref(), Ok("a/b/c.tar.gz"));
        assert_eq!(expand("${P%?z}", &e).as_deref(), Ok("a/b/c.tar."));
    }

    #[test]
    fn trimming_works_on_characters_not_bytes() {
        let e = [("K", "한국어")];
        assert_eq!(expand("${K#?}", &e).as_deref(), Ok("국어"));
        assert_eq!(expand("${K%?}", &e).as_deref(), Ok("한국"));
        assert_eq!(expand("${K/국/-}", &e).as_deref(), Ok("한-어"));
    }

    #[test]
    fn pattern_wildcards_do_not_match_newlines() {
        let e = [("V", "a\nb"), ("N", "\nb")];
        assert_eq!(expand("${V#*b}", &e).as_deref(), Ok("a\nb"));
        assert_eq!(expand("${N#?}", &e).as_deref(), Ok("\nb"));
        assert_eq!(expand("${V//?/x}", &e).as_deref(), Ok("x\nx"));
    }

    #[test]
    fn replace_first_and_all() {
        let e = [("V", "foo bar foo")];
        assert_eq!(expand("${V/foo/baz}", &e).as_deref(), Ok("baz bar foo"));
        assert_eq!(expand("${V//foo/baz}", &e).as_deref(), Ok("baz bar baz"));
        assert_eq!(expand("${V//o*/X}", &e).as_deref(), Ok("fX"));
        assert_eq!(expand("${V/ /}", &e).as_deref(), Ok("foobar foo"));
        assert_eq!(expand("${NONE//a/b}", &e).as_deref(), Ok(""));
    }

    #[test]
    fn replace_all_with_empty_pattern_inserts_between_characters() {
        let e = [("V", "ab"), ("E", "")];
        assert_eq!(expand("${V//$E/-}", &e).as_deref(), Ok("-a-b-"));
        assert_eq!(expand("${V/$E/-}", &e).as_deref(), Ok("-ab"));
    }

    #[test]
    fn replace_all_expands_go_templates_in_the_replacement() {
        // The replacement reaches Go's ReplaceAllString: `$0` is the match, `$$` a dollar.
        let e = [("V", "foo")];
        assert_eq!(expand("${V//o/'<$0>'}", &e).as_deref(), Ok("f<o><o>"));
        assert_eq!(expand("${V//o/'<${0}>'}", &e).as_deref(), Ok("f<o><o>"));
        assert_eq!(expand("${V//o/'$$'}", &e).as_deref(), Ok("f$$"));
        assert_eq!(expand("${V//o/'$1$x$00'}", &e).as_deref(), Ok("f"));
        assert_eq!(expand("${V//o/'$.${0'}", &e).as_deref(), Ok("f$.${0$.${0"));
        // Replacing only the first match is literal.
        assert_eq!(expand("${V/o/'<$0>'}", &e).as_deref(), Ok("f<$0>o"));
    }

    #[test]
    fn invalid_patterns_are_errors() {
        let e = [("V", "x")];
        assert_eq!(
            expand(r"${V#\x}", &e),
            Err(r"invalid pattern (\x) in substitution: invalid escape '\x'".to_owned())
        );
        // Suffix patterns are reported reversed, as BuildKit reverses before compiling.
        assert_eq!(
            expand(r"${V%ab\x}", &e),
            Err(r"invalid pattern (\xba) in substitution: invalid escape '\x'".to_owned())
        );
        assert!(expand(r"${V/\x/y}", &e).is_err());
        for pattern in ["\\", "\\x", "\\\\\\"] {
            assert!(Glob::compile(pattern, true, true).is_err(), "{pattern:?}");
        }
        for pattern in ["*", "?", "\\*", "(()[]{\\}^$.\\*\\?|\\\\"] {
            assert!(Glob::compile(pattern, true, true).is_ok(), "{pattern:?}");
        }
    }

    #[test]
    fn reverse_pattern_keeps_escape_pairs() {
        for (pattern, reversed) in [
            ("a\\*c", "c\\*a"),
            ("\\\\\\ab", "b\\a\\\\"),
            ("ab\\", "\\ba"),
            ("👽\\🚀🖖", "🖖\\🚀👽"),
            ("\\\\b", "b\\\\"),
        ] {
            assert_eq!(reverse_pattern(pattern), reversed, "{pattern:?}");
        }
    }

    #[test]
    fn greedy_marker_is_read_from_the_expanded_word() {
        let e = [("V", "xaya"), ("H", "#")];
        assert_eq!(expand("${V#*a}", &e).as_deref(), Ok("ya"));
        assert_eq!(expand("${V##*a}", &e).as_deref(), Ok(""));
        assert_eq!(expand("${V#\"#\"*a}", &e).as_deref(), Ok(""));
        assert_eq!(expand("${V#$H*a}", &e).as_deref(), Ok(""));
    }

    #[test]
    fn colon_with_trim_operators_is_unsupported() {
        let e = [("V", "x")];
        assert_eq!(
            expand("${V:#x}", &e),
            Err("unsupported modifier (:#) in substitution".to_owned())
        );
        assert_eq!(
            expand("${V:%x}", &e),
            Err("unsupported modifier (:%) in substitution".to_owned())
        );
    }

    #[test]
    fn malformed_substitutions_give_buildkit_messages() {
        let cases = [
            ("${}", "syntax error: bad substitution"),
            ("${:-x}", "syntax error: bad substitution"),
            ("${{x}", "syntax error: bad substitution"),
            ("${", "syntax error: missing '}'"),
            ("${a:-b", "syntax error: missing '}'"),
            ("${a:-${b}", "syntax error: missing '}'"),
            ("${a:-\"b", "syntax error: missing '}'"),
            ("${a:", "syntax error: missing '}'"),
            ("${a/b", "syntax error: missing '/' in ${}"),
            ("${a/b/c", "syntax error: missing '}'"),
            ("${a:-${b/c", "syntax error: missing '}'"),
            ("${a/${b:-c", "syntax error: missing '/' in ${}"),
            ("${a:=b}", "unsupported modifier (:=) in substitution"),
            ("${a^^}", "unsupported modifier (^) in substitution"),
            ("${#a}", "unsupported modifier (a) in substitution"),
            ("${a.b}", "unsupported modifier (.) in substitution"),
            // End of input right after the name: Go reports the end-of-file rune.
            ("${a", "unsupported modifier (\u{fffd}) in substitution"),
            ("${a:-${}x}", "syntax error: bad substitution"),
            (
                "'abc",
                "unexpected end of statement while looking for matching single-quote",
            ),
            (
                "\"abc",
                "unexpected end of statement while looking for matching double-quote",
            ),
            (
                "\"abc\\",
                "unexpected end of statement while looking for matching double-quote",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(expand(input, &[]), Err(message.to_owned()), "{input:?}");
        }
    }

    #[test]
    fn expand_error_displays_its_message() {
        let Err(err) = process_word("${}", &env(&[]), UNIX) else {
            panic!("`${{}}` must fail");
        };
        assert_eq!(err.to_string(), "syntax error: bad substitution");
        let _: &dyn Error = &err;
    }

    #[test]
    fn closing_brace_after_a_reference_is_literal() {
        assert_eq!(expand("${v}}", &[("v", "x")]).as_deref(), Ok("x}"));
        assert_eq!(expand("}{", &[]).as_deref(), Ok("}{"));
    }

    #[test]
    fn quotes_are_removed_and_single_quotes_are_literal() {
        let e = [("A", "1")];
        assert_eq!(expand("'a b'\"c d\"e\\ f", &e).as_deref(), Ok("a bc de f"));
        assert_eq!(expand("'$A \\$A'", &e).as_deref(), Ok("$A \\$A"));
        assert_eq!(expand("\"'$A'\"", &e).as_deref(), Ok("'1'"));
        assert_eq!(expand("\"\"''", &e).as_deref(), Ok(""));
    }

    #[test]
    fn escapes_inside_double_quotes_only_escape_quote_dollar_and_escape() {
        assert_eq!(
            expand(r#""a\"b\$c\\d\e""#, &[]).as_deref(),
            Ok(r#"a"b$c\d\e"#)
        );
    }

    #[test]
    fn escapes_outside_quotes_escape_anything_and_a_trailing_one_is_dropped() {
        assert_eq!(expand(r"a\b\\c\'d\", &[]).as_deref(), Ok(r"ab\c'd"));
        assert_eq!(expand(r"\$A", &[("A", "1")]).as_deref(), Ok("$A"));
    }

    #[test]
    fn escapes_in_pattern_words_are_kept_for_the_pattern() {
        let e = [("V", r"\tx"), ("S", "*x")];
        // Outside a pattern `"\t"` is `\t`; in a pattern word the escape is doubled.
        assert_eq!(expand(r#""\t""#, &e).as_deref(), Ok(r"\t"));
        assert_eq!(expand(r#"${V#"\t"}"#, &e).as_deref(), Ok("x"));
        assert_eq!(expand(r"${S#\*}", &e).as_deref(), Ok("x"));
    }

    #[test]
    fn backtick_escape_makes_backslash_literal() {
        let e = [("A", "1"), ("S", "*x"), ("T", "`abc")];
        assert_eq!(
            expand_with("a`$A\\$A", &e, BACKTICK).as_deref(),
            Ok("a$A\\1")
        );
        assert_eq!(
            expand_with("\"x`\"y``z`q\"", &e, BACKTICK).as_deref(),
            Ok("x\"y`z`q")
        );
        assert_eq!(
            expand_with("c:\\dir`", &e, BACKTICK).as_deref(),
            Ok("c:\\dir")
        );
        // In patterns only backslash escapes; a backtick is a literal character there.
        assert_eq!(expand_with(r"${S#\*}", &e, BACKTICK).as_deref(), Ok("x"));
        assert_eq!(expand_with("${T#`*}", &e, BACKTICK).as_deref(), Ok("abc"));
    }

    #[test]
    fn names_are_unicode_letters_digits_and_underscores() {
        let e = [("KOREAN", "한국어"), ("A_1", "x"), ("É", "e")];
        assert_eq!(expand("$KOREAN.", &e).as_deref(), Ok("한국어."));
        assert_eq!(expand("$A_1-", &e).as_deref(), Ok("x-"));
        assert_eq!(expand("$É!", &e).as_deref(), Ok("e!"));
        // A Hangul syllable is a letter, so it continues the name.
        assert_eq!(expand("$KOREAN글", &e).as_deref(), Ok(""));
        // Superscript two and Roman numerals are neither Go letters nor Go digits.
        assert_eq!(expand("$A_1²", &e).as_deref(), Ok("x²"));
        assert_eq!(expand("$Ⅻ", &e).as_deref(), Ok("$Ⅻ"));
        // Arabic-Indic digits are digits.
        assert_eq!(expand("$١٢x", &e).as_deref(), Ok("x"));
    }

    #[test]
    fn positional_and_special_parameters_are_never_set() {
        let e = [("1", "one"), ("@", "at")];
        let expansion = process_word("$1$@$*$#$?$-$$$!$0$999aaa", &env(&e), UNIX);
        let Ok(expansion) = expansion else {
            panic!("{expansion:?}");
        };
        // They are looked up like any name; an environment can in fact hold them.
        assert_eq!(expansion.value, "oneataaa");
        assert_eq!(expansion.matched, ["1", "@"]);
        assert_eq!(
            expansion.unmatched,
            ["*", "#", "?", "-", "$", "!", "0", "999"]
        );
    }

    #[test]
    fn a_dollar_not_followed_by_a_name_is_literal() {
        assert_eq!(expand("$ $. $/ $", &[]).as_deref(), Ok("$ $. $/ $"));
        assert_eq!(expand("\"$\"", &[]).as_deref(), Ok("$"));
    }

    #[test]
    fn matched_and_unmatched_are_deduplicated_in_lookup_order() {
        let e = [("B", "b"), ("A", "a")];
        let Ok(expansion) = process_word("$Z${A:-$B}$Y$A$Z$B", &env(&e), UNIX) else {
            panic!("expansion failed");
        };
        // The operator word is expanded before the variable itself is looked up.
        assert_eq!(expansion.matched, ["B", "A"]);
        assert_eq!(expansion.unmatched, ["Z", "Y"]);
    }

    #[test]
    fn long_lists_of_names_stay_deduplicated_in_order() {
        // Past the linear search's limit the hash set takes over; the order must not change.
        let names: Vec<String> = (0..40).map(|i| format!("V{i}")).collect();
        let word: String = names
            .iter()
            .chain(&names)
            .map(|n| format!("${n}"))
            .collect();
        let Ok(expansion) = process_word(&word, &env(&[]), UNIX) else {
            panic!("expansion failed");
        };
        assert_eq!(expansion.unmatched, names);
    }

    #[test]
    fn windows_mode_looks_names_up_case_insensitively() {
        let pairs = [("Path", "C:\\bin"), ("HOME", "h")];
        assert_eq!(
            expand_with("$PATH|$path|$home", &pairs, WINDOWS).as_deref(),
            Ok("C:\\bin|C:\\bin|h")
        );
        assert_eq!(
            expand_with("$PATH|$path|$home", &pairs, UNIX).as_deref(),
            Ok("||")
        );
        let Ok(expansion) = process_word("$path", &env(&pairs), WINDOWS) else {
            panic!("expansion failed");
        };
        assert_eq!(expansion.matched, ["path"]);

        let map: HashMap<String, String> = [("Path".to_owned(), "p".to_owned())].into();
        let found = process_word("$PATH", &map, WINDOWS).map(|e| e.value);
        assert_eq!(found.as_deref(), Ok("p"));
        let found = process_word("$PATH", &map, UNIX).map(|e| e.value);
        assert_eq!(found.as_deref(), Ok(""));
    }

    #[test]
    fn later_pairs_override_earlier_ones() {
        let pairs = [("A", "1"), ("A", "2"), ("a", "3")];
        assert_eq!(expand_with("$A", &pairs, UNIX).as_deref(), Ok("2"));
        assert_eq!(expand_with("$A", &pairs, WINDOWS).as_deref(), Ok("3"));
        let fixed: [(&str, &str); 2] = [("X", "1"), ("X", "2")];
        assert_eq!(
            process_word("$X", &fixed, UNIX).map(|e| e.value).as_deref(),
            Ok("2")
        );
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped() {
        assert_eq!(expand("\u{feff}$A", &[("A", "1")]).as_deref(), Ok("1"));
        assert_eq!(expand("x\u{feff}", &[]).as_deref(), Ok("x\u{feff}"));
        let refs = find_var_refs("\u{feff}$A", '\\');
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].range, 3..5);
    }

    #[test]
    fn words_split_on_unquoted_whitespace_after_expansion() {
        let e = [("S", " a  b "), ("P", "80/tcp 443")];
        assert_eq!(
            words("x$S\"$S\"y", &e),
            Ok(vec![
                "x".to_owned(),
                "a".to_owned(),
                "b".to_owned(),
                " a  b y".to_owned()
            ])
        );
        assert_eq!(
            words("$P 8080", &e),
            Ok(vec![
                "80/tcp".to_owned(),
                "443".to_owned(),
                "8080".to_owned()
            ])
        );
        assert_eq!(
            words("a\\ b 'c d'", &e),
            Ok(vec!["a b".to_owned(), "c d".to_owned()])
        );
        assert_eq!(words("\"\" ''", &e), Ok(vec![]));
        assert_eq!(
            words("a\u{3000}b", &e),
            Ok(vec!["a".to_owned(), "b".to_owned()])
        );
        assert!(words("'a", &e).is_err());
    }

    #[test]
    fn words_lose_the_partial_word_before_an_operator_like_buildkit() {
        let e = [("X", "x")];
        assert_eq!(words("ab${N:-c}d", &e), Ok(vec!["cd".to_owned()]));
        assert_eq!(
            words("p q${X:+z}", &e),
            Ok(vec!["p".to_owned(), "z".to_owned()])
        );
        assert_eq!(words("ab\"${N:-c}\"", &e), Ok(vec!["c".to_owned()]));
        assert_eq!(words("ab${N:-}", &e), Ok(vec![]));
        // Plain references do not reset the word.
        assert_eq!(words("ab${X}c$X", &e), Ok(vec!["abxcx".to_owned()]));
        assert_eq!(expand("ab${N:-c}d", &e).as_deref(), Ok("abcd"));
    }

    #[test]
    fn find_var_refs_reports_ranges_in_source_order() {
        let word = "a$B${C:-$D}\"$E\"'$F'\\$G";
        let refs = find_var_refs(word, '\\');
        let summary: Vec<_> = refs
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.range.clone(),
                    r.name_range.clone(),
                    r.braced,
                    r.modifier.as_deref(),
                    r.in_single_quotes,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("B", 1..3, 2..3, false, None, false),
                ("C", 3..11, 5..6, true, Some(":-"), false),
                ("D", 8..10, 9..10, false, None, false),
                ("E", 12..14, 13..14, false, None, false),
            ]
        );
        for r in &refs {
            assert!(word[r.range.clone()].starts_with('$'));
            assert_eq!(&word[r.name_range.clone()], r.name);
        }
    }

    #[test]
    fn find_var_refs_labels_every_operator() {
        let word = "${A}${B:-x}${C-x}${D:+x}${E+x}${F:?x}${G?x}${H#x}${I##x}${J%x}${K%%x}${L/x/y}${M//x/y}";
        let labels: Vec<_> = find_var_refs(word, '\\')
            .into_iter()
            .map(|r| (r.name, r.modifier))
            .collect();
        let expected: Vec<(String, Option<String>)> = [
            ("A", None),
            ("B", Some(":-")),
            ("C", Some("-")),
            ("D", Some(":+")),
            ("E", Some("+")),
            ("F", Some(":?")),
            ("G", Some("?")),
            ("H", Some("#")),
            ("I", Some("##")),
            ("J", Some("%")),
            ("K", Some("%%")),
            ("L", Some("/")),
            ("M", Some("//")),
        ]
        .into_iter()
        .map(|(n, m)| (n.to_owned(), m.map(str::to_owned)))
        .collect();
        assert_eq!(labels, expected);
    }

    #[test]
    fn find_var_refs_counts_multibyte_characters_in_bytes() {
        let refs = find_var_refs("한$KOREAN글 ${é}", '\\');
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].name, "KOREAN글");
        assert_eq!(refs[0].range, 3..13);
        assert_eq!(refs[1].name, "é");
        assert_eq!(refs[1].range, 14..19);
        assert_eq!(refs[1].name_range, 16..18);
    }

    #[test]
    fn find_var_refs_stops_at_syntax_errors_but_not_value_errors() {
        let names = |word: &str| -> Vec<String> {
            find_var_refs(word, '\\')
                .into_iter()
                .map(|r| r.name)
                .collect()
        };
        assert_eq!(names("$A${B:-$C"), ["A", "C"]);
        assert_eq!(names("$A${}$B"), ["A"]);
        assert_eq!(names("${A:=x}$B"), ["A"]);
        assert_eq!(names("${A?}$B${C#\\x}$D"), ["A", "B", "C", "D"]);
        assert_eq!(names("'$A"), Vec::<String>::new());
        assert_eq!(names("`$A$B"), ["A", "B"]);
        assert_eq!(
            find_var_refs("`$A$B", '`')
                .into_iter()
                .map(|r| r.name)
                .collect::<Vec<_>>(),
            ["B"]
        );
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let depth = 100_000;
        let word = format!("{}x{}", "${A:-".repeat(depth), "}".repeat(depth));
        assert_eq!(expand(&word, &[]).as_deref(), Ok("x"));
        assert_eq!(find_var_refs(&word, '\\').len(), depth);
        let quoted = format!("{}x{}", "\"${A:-".repeat(depth), "}\"".repeat(depth));
        assert_eq!(expand(&quoted, &[]).as_deref(), Ok("x"));
        let unterminated = "${A:-".repeat(depth);
        assert_eq!(
            expand(&unterminated, &[]),
            Err("syntax error: missing '}'".to_owned())
        );
    }

    #[test]
    fn large_inputs_and_patterns_are_handled() {
        let big = "ab$X ".repeat(50_000);
        let Ok(expansion) = process_word(&big, &env(&[("X", "c")]), UNIX) else {
            panic!("expansion failed");
        };
        assert_eq!(expansion.value.len(), 200_000);
        assert_eq!(words(&big, &[("X", "c")]).map(|w| w.len()), Ok(50_000));
        assert_eq!(find_var_refs(&big, '\\').len(), 50_000);

        let value = "a".repeat(2_000);
        let word = format!("${{V#{}b}}", "*".repeat(1_000));
        assert_eq!(expand(&word, &[("V", &value)]), Ok(value.clone()));
        assert_eq!(
            expand("${V//a/bb}", &[("V", &value)]).map(|v| v.len()),
            Ok(4_000)
        );
    }

    /// Tokens that stress every branch of the lexer.
    const TOKENS: &[&str] = &[
        "$", "{", "}", ":", "-", "+", "?", "#", "%", "/", "\\", "`", "'", "\"", "*", "a", "0", "_",
        " ", "\n", "한", "\u{feff}", "=", "$A", "${", "${E", "@",
    ];

    fn check_no_panic(word: &str, pairs: &dyn Env) {
        for opts in [UNIX, WINDOWS, BACKTICK] {
            let result = process_word(word, pairs, opts);
            let _ = process_words(word, pairs, opts);
            let refs = find_var_refs(word, opts.escape);
            for r in &refs {
                assert!(word.get(r.range.clone()).is_some(), "{word:?}: {r:?}");
                assert!(word.get(r.name_range.clone()).is_some(), "{word:?}: {r:?}");
                assert!(r.range.start <= r.name_range.start && r.name_range.end <= r.range.end);
                assert!(!r.in_single_quotes);
            }
            if let Ok(expansion) = result {
                let mut looked_up: Vec<&str> = expansion
                    .matched
                    .iter()
                    .chain(&expansion.unmatched)
                    .map(String::as_str)
                    .collect();
                looked_up.sort_unstable();
                let mut scanned: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
                scanned.sort_unstable();
                scanned.dedup();
                assert_eq!(looked_up, scanned, "references of {word:?}");
            }
        }
    }

    #[test]
    fn never_panics_and_scanner_agrees_with_expansion_on_weird_inputs() {
        let pairs = &env(&[("A", "x*y"), ("E", ""), ("a", "\\"), ("0", "z")]);
        let mut word = String::new();
        for a in TOKENS {
            for b in TOKENS {
                for c in TOKENS {
                    word.clear();
                    word.push_str(a);
                    word.push_str(b);
                    word.push_str(c);
                    check_no_panic(&word, pairs);
                }
            }
        }
        // Longer pseudo-random words (fixed seed).
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            word.clear();
            let len = next() % 24;
            for _ in 0..len {
                let index = usize::try_from(next() % TOKENS.len() as u64).unwrap_or(0);
                word.push_str(TOKENS[index]);
            }
            check_no_panic(&word, pairs);
        }
    }

    #[test]
    fn go_unicode_predicates_follow_general_categories() {
        assert!(is_go_letter('a') && is_go_letter('한') && is_go_letter('ß'));
        assert!(!is_go_letter('Ⅻ') && !is_go_letter('\u{0345}') && !is_go_letter('1'));
        assert!(is_go_digit('7') && is_go_digit('٣') && is_go_digit('\u{11F55}'));
        assert!(!is_go_digit('²') && !is_go_digit('Ⅻ') && !is_go_digit('a'));
        assert_eq!(go_upper("straße"), "STRAßE");
    }
}

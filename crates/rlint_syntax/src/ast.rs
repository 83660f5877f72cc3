//! Typed views over the syntax tree: free casts with `Option` accessors.
//!
//! Accessors never fail on broken trees; they return `None` (or nothing) where the tree lacks
//! the piece. Text-returning accessors give the *logical* text: continuations and the comment
//! and blank lines they skip are left out, and [`LogicalText`] maps every byte of it back to
//! its source range.

use crate::SyntaxKind::{self, *};
use crate::{SyntaxNode, SyntaxToken, TextRange, TextSize};
use rowan::NodeOrToken;

/// A typed wrapper over a syntax node of known kinds.
pub trait AstNode: Sized {
    fn can_cast(kind: SyntaxKind) -> bool;
    fn cast(syntax: SyntaxNode) -> Option<Self>;
    fn syntax(&self) -> &SyntaxNode;
    fn range(&self) -> TextRange {
        self.syntax().text_range()
    }
}

macro_rules! ast_node {
    ($(#[$meta:meta])* $name:ident, $kind:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name {
            pub(crate) syntax: SyntaxNode,
        }
        impl AstNode for $name {
            fn can_cast(kind: SyntaxKind) -> bool {
                kind == $kind
            }
            fn cast(syntax: SyntaxNode) -> Option<Self> {
                Self::can_cast(syntax.kind()).then_some($name { syntax })
            }
            fn syntax(&self) -> &SyntaxNode {
                &self.syntax
            }
        }
    };
}

ast_node!(/// The whole file.
    SourceFile, SOURCE_FILE);
ast_node!(/// A parser directive line.
    Directive, DIRECTIVE);
ast_node!(/// `--name[=value]`.
    Flag, FLAG);
ast_node!(/// A JSON exec form.
    ExecForm, EXEC_FORM);
ast_node!(/// A shell-form command.
    ShellForm, SHELL_FORM);
ast_node!(/// An argument word.
    Argument, ARGUMENT);
ast_node!(/// The stage name after `AS`.
    StageName, STAGE_NAME);
ast_node!(/// `key=value` (or legacy `key value`).
    KeyValue, KEY_VALUE);
ast_node!(/// A variable reference BuildKit expands.
    Variable, VARIABLE);
ast_node!(/// A heredoc body with its delimiter line.
    HeredocBody, HEREDOC);

impl SourceFile {
    pub fn directives(&self) -> impl Iterator<Item = Directive> {
        self.syntax.children().filter_map(Directive::cast)
    }

    /// The file's top-level items in order (directives, comment and blank-line tokens,
    /// instructions), looking through the STAGE nodes that group them.
    pub fn items(&self) -> Items {
        Items {
            outer: self.syntax.children_with_tokens(),
            inner: None,
        }
    }

    /// Calls `f` with the kind, range and (for a token) text of each item [`SourceFile::items`]
    /// yields, read from the green tree: no red node or token is built per item, where the
    /// lint of a large file walked every comment and line break after each edit.
    pub fn for_each_item(&self, mut f: impl FnMut(SyntaxKind, TextRange, Option<&str>)) {
        fn walk(
            green: &rowan::GreenNodeData,
            mut offset: TextSize,
            f: &mut impl FnMut(SyntaxKind, TextRange, Option<&str>),
        ) {
            for child in green.children() {
                let len = child.text_len();
                let kind = SyntaxKind::from_raw_kind(child.kind());
                match child {
                    NodeOrToken::Node(stage) if kind == STAGE => walk(stage, offset, f),
                    NodeOrToken::Node(_) => f(kind, TextRange::at(offset, len), None),
                    NodeOrToken::Token(token) => {
                        f(kind, TextRange::at(offset, len), Some(token.text()))
                    }
                }
                offset += len;
            }
        }
        walk(
            &self.syntax.green(),
            self.syntax.text_range().start(),
            &mut f,
        );
    }

    /// Top-level instructions in file order. Walks child nodes only: the comment, blank-line
    /// and whitespace tokens between instructions get no red token each (the language server
    /// lists a 20,000-line file's instructions after every edit).
    pub fn instructions(&self) -> impl Iterator<Item = Instruction> {
        self.syntax
            .children()
            .flat_map(|node| {
                let stage = (node.kind() == STAGE).then(|| node.children());
                let single = stage.is_none().then_some(node);
                single.into_iter().chain(stage.into_iter().flatten())
            })
            .filter_map(Instruction::cast)
    }

    /// The escape character selected by the directives.
    pub fn escape(&self) -> char {
        crate::buildkit::escape_char(&self.syntax)
    }
}

/// The iterator of [`SourceFile::items`].
pub struct Items {
    outer: crate::SyntaxElementChildren,
    inner: Option<crate::SyntaxElementChildren>,
}

impl Iterator for Items {
    type Item = crate::SyntaxElement;

    fn next(&mut self) -> Option<crate::SyntaxElement> {
        loop {
            if let Some(inner) = &mut self.inner {
                if let Some(element) = inner.next() {
                    return Some(element);
                }
                self.inner = None;
            }
            match self.outer.next()? {
                NodeOrToken::Node(node) if node.kind() == STAGE => {
                    self.inner = Some(node.children_with_tokens());
                }
                element => return Some(element),
            }
        }
    }
}

impl Directive {
    fn token(&self, kind: SyntaxKind) -> Option<SyntaxToken> {
        self.syntax
            .children_with_tokens()
            .filter_map(NodeOrToken::into_token)
            .find(|t| t.kind() == kind)
    }

    /// The key, lower-cased (`syntax`, `escape`, `check`).
    pub fn key(&self) -> Option<String> {
        self.token(DIRECTIVE_KEY)
            .map(|t| t.text().to_ascii_lowercase())
    }

    pub fn value(&self) -> Option<SyntaxToken> {
        self.token(DIRECTIVE_VALUE)
    }
}

/// Text with continuations removed, and where each byte came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogicalText {
    pub text: String,
    /// `(logical_start, source_start, len)` per contiguous piece. Most texts are one piece (no
    /// continuation): kept inline, they cost no allocation (214,000 over a corpus run).
    pieces: smallvec::SmallVec<[(u32, u32, u32); 2]>,
    end: u32,
}

impl LogicalText {
    /// The logical text of `node`.
    pub fn of(node: &SyntaxNode) -> LogicalText {
        LogicalText::of_green(&node.green(), node.text_range().start())
    }

    /// The logical text of the green node `node`, which starts at `start` in the file.
    fn of_green(node: &rowan::GreenNodeData, start: TextSize) -> LogicalText {
        let range = TextRange::at(start, node.text_len());
        let mut out = LogicalText {
            // The text is at most the node's (continuations are left out): one allocation.
            text: String::with_capacity(range.len().into()),
            pieces: smallvec::SmallVec::new(),
            end: range.end().into(),
        };
        out.collect(node, range.start().into());
        out
    }

    /// Walks the green tree, which (unlike the syntax tree) allocates nothing per child:
    /// this runs for most keys, values and flags rules read.
    fn collect(&mut self, node: &rowan::GreenNodeData, mut offset: u32) {
        for element in node.children() {
            match element {
                NodeOrToken::Node(child) => {
                    let kind = SyntaxKind::from_raw_kind(child.kind());
                    if !matches!(kind, CONTINUATION | HEREDOC) {
                        self.collect(child, offset);
                    }
                    offset += u32::from(child.text_len());
                }
                NodeOrToken::Token(token) => {
                    let kind = SyntaxKind::from_raw_kind(token.kind());
                    if !matches!(kind, NEWLINE | LINE_CONTINUATION) {
                        self.push(token.text(), offset);
                    }
                    offset += u32::from(token.text_len());
                }
            }
        }
    }

    fn push(&mut self, text: &str, start: u32) {
        let len = text.len() as u32;
        let logical = self.text.len() as u32;
        match self.pieces.last_mut() {
            Some(last) if last.1 + last.2 == start => last.2 += len,
            _ => self.pieces.push((logical, start, len)),
        }
        self.text.push_str(text);
    }

    /// The source offset of logical offset `offset` (the end maps to the end of the last piece).
    pub fn to_source(&self, offset: usize) -> TextSize {
        let offset = offset as u32;
        let idx = self.pieces.partition_point(|p| p.0 + p.2 <= offset);
        let source = match self.pieces.get(idx) {
            Some(&(log, src, _)) if offset >= log => src + (offset - log),
            Some(&(_, src, _)) => src,
            None => self
                .pieces
                .last()
                .map_or(self.end, |&(_, src, len)| src + len),
        };
        TextSize::from(source)
    }

    /// The source range of a logical range.
    pub fn range_to_source(&self, range: std::ops::Range<usize>) -> TextRange {
        let start = self.to_source(range.start);
        if range.is_empty() {
            return TextRange::empty(start);
        }
        // The end is the end of the byte before it, so a range never swallows a continuation.
        let end = self.to_source(range.end - 1) + TextSize::from(1);
        TextRange::new(start, end.max(start))
    }
}

/// Every instruction kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Instruction {
    Add(AddInstruction),
    Arg(ArgInstruction),
    Cmd(CmdInstruction),
    Copy(CopyInstruction),
    Entrypoint(EntrypointInstruction),
    Env(EnvInstruction),
    Expose(ExposeInstruction),
    From(FromInstruction),
    Healthcheck(HealthcheckInstruction),
    Label(LabelInstruction),
    Maintainer(MaintainerInstruction),
    Onbuild(OnbuildInstruction),
    Run(RunInstruction),
    Shell(ShellInstruction),
    Stopsignal(StopsignalInstruction),
    User(UserInstruction),
    Volume(VolumeInstruction),
    Workdir(WorkdirInstruction),
    Unknown(UnknownInstruction),
}

macro_rules! instructions {
    ($($variant:ident($name:ident, $kind:ident)),* $(,)?) => {
        $(ast_node!(#[doc = concat!("A `", stringify!($variant), "` instruction.")] $name, $kind);
          impl $name {
              /// The instruction as the general enum.
              pub fn instruction(&self) -> Instruction { Instruction::$variant(self.clone()) }
          })*
        impl AstNode for Instruction {
            fn can_cast(kind: SyntaxKind) -> bool {
                kind.is_instruction()
            }
            fn cast(syntax: SyntaxNode) -> Option<Self> {
                Some(match syntax.kind() {
                    $($kind => Instruction::$variant($name { syntax }),)*
                    _ => return None,
                })
            }
            fn syntax(&self) -> &SyntaxNode {
                match self {
                    $(Instruction::$variant(it) => &it.syntax,)*
                }
            }
        }
    };
}

instructions!(
    Add(AddInstruction, ADD_INSTRUCTION),
    Arg(ArgInstruction, ARG_INSTRUCTION),
    Cmd(CmdInstruction, CMD_INSTRUCTION),
    Copy(CopyInstruction, COPY_INSTRUCTION),
    Entrypoint(EntrypointInstruction, ENTRYPOINT_INSTRUCTION),
    Env(EnvInstruction, ENV_INSTRUCTION),
    Expose(ExposeInstruction, EXPOSE_INSTRUCTION),
    From(FromInstruction, FROM_INSTRUCTION),
    Healthcheck(HealthcheckInstruction, HEALTHCHECK_INSTRUCTION),
    Label(LabelInstruction, LABEL_INSTRUCTION),
    Maintainer(MaintainerInstruction, MAINTAINER_INSTRUCTION),
    Onbuild(OnbuildInstruction, ONBUILD_INSTRUCTION),
    Run(RunInstruction, RUN_INSTRUCTION),
    Shell(ShellInstruction, SHELL_INSTRUCTION),
    Stopsignal(StopsignalInstruction, STOPSIGNAL_INSTRUCTION),
    User(UserInstruction, USER_INSTRUCTION),
    Volume(VolumeInstruction, VOLUME_INSTRUCTION),
    Workdir(WorkdirInstruction, WORKDIR_INSTRUCTION),
    Unknown(UnknownInstruction, UNKNOWN_INSTRUCTION),
);

fn child<N: AstNode>(node: &SyntaxNode) -> Option<N> {
    node.children().find_map(N::cast)
}

fn children<N: AstNode>(node: &SyntaxNode) -> impl Iterator<Item = N> {
    node.children().filter_map(N::cast)
}

/// Whether a child node of kind `kind` can come before an instruction's last flag: the parser
/// puts the flags before every other child node but line continuations (with their comments),
/// so the flag walks stop at the first node this says no to.
fn in_flag_region(kind: SyntaxKind) -> bool {
    matches!(kind, FLAG | CONTINUATION)
}

impl Instruction {
    pub fn kind(&self) -> SyntaxKind {
        self.syntax().kind()
    }

    /// Calls `f` with the text and range of each piece of the keyword: the keyword tokens at
    /// the start of the instruction, which only continuations separate (the walk stops there
    /// rather than visiting every argument). It reads the green tree, which allocates no node
    /// per child: several rules read every instruction's keyword.
    pub fn for_each_keyword_piece(&self, mut f: impl FnMut(&str, TextRange)) {
        let kind = |raw| SyntaxKind::from_raw_kind(raw);
        let node = self.syntax();
        let green = node.green();
        let mut offset = node.text_range().start();
        let mut at_start = true;
        for element in green.children() {
            let len = element.text_len();
            let element_kind = kind(element.kind());
            if at_start && element_kind == WHITESPACE {
                offset += len;
                continue;
            }
            at_start = false;
            if !(element_kind.is_keyword()
                || matches!(element_kind, LINE_CONTINUATION | CONTINUATION))
            {
                break;
            }
            if let NodeOrToken::Token(token) = element {
                if element_kind.is_keyword() {
                    f(token.text(), TextRange::at(offset, len));
                }
            }
            offset += len;
        }
    }

    /// The keyword as written, continuations removed.
    pub fn keyword_text(&self) -> String {
        let mut text = String::new();
        self.for_each_keyword_piece(|piece, _| text.push_str(piece));
        text
    }

    /// The range of the keyword (all its pieces).
    pub fn keyword_range(&self) -> TextRange {
        let mut range: Option<TextRange> = None;
        self.for_each_keyword_piece(|_, piece| {
            range = Some(range.map_or(piece, |range| range.cover(piece)));
        });
        range.unwrap_or_else(|| TextRange::empty(self.content_range().start()))
    }

    /// The flags; the walk stops where they end ([`in_flag_region`]) instead of visiting every
    /// argument.
    pub fn flags(&self) -> impl Iterator<Item = Flag> {
        self.syntax()
            .children()
            .take_while(|child| in_flag_region(child.kind()))
            .filter_map(Flag::cast)
    }

    /// The first flag called `name` (with the dashes: `--mount`).
    pub fn flag(&self, name: &str) -> Option<Flag> {
        // Rules ask for flags most instructions lack (`--from`, `--chown`): the green tree
        // answers without allocating a node per child, and only a match builds one.
        let green = self.syntax().green();
        let position = green
            .children()
            .filter_map(NodeOrToken::into_node)
            .take_while(|child| in_flag_region(SyntaxKind::from_raw_kind(child.kind())))
            .position(|child| {
                SyntaxKind::from_raw_kind(child.kind()) == FLAG && green_flag_is_named(child, name)
            })?;
        self.syntax().children().nth(position).and_then(Flag::cast)
    }

    /// The instruction's source without leading blanks and the trailing line terminator and
    /// heredoc bodies: what a diagnostic about the whole instruction should underline.
    pub fn content_range(&self) -> TextRange {
        let node = self.syntax();
        let mut start = None;
        let mut end = None;
        for element in node.children_with_tokens() {
            let kind = element.kind();
            if matches!(kind, HEREDOC) || (kind == NEWLINE && element.as_token().is_some()) {
                break;
            }
            if start.is_none() && kind == WHITESPACE {
                continue;
            }
            start.get_or_insert(element.text_range().start());
            if !matches!(kind, WHITESPACE | CONTINUATION | LINE_CONTINUATION) {
                end = Some(element.text_range().end());
            }
        }
        let start = start.unwrap_or_else(|| node.text_range().start());
        TextRange::new(start, end.unwrap_or(start).max(start))
    }

    /// The logical line of the instruction (for ONBUILD, including the trigger).
    pub fn logical_text(&self) -> LogicalText {
        LogicalText::of(self.syntax())
    }

    pub fn heredocs(&self) -> impl Iterator<Item = HeredocBody> {
        children(self.syntax())
    }

    /// The command of RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD.
    pub fn command(&self) -> Option<Command> {
        command_of(self.syntax())
    }

    /// Argument words (FROM, COPY, ADD, EXPOSE, VOLUME, USER, WORKDIR, MAINTAINER, STOPSIGNAL).
    pub fn arguments(&self) -> impl Iterator<Item = Argument> {
        children(self.syntax())
    }

    /// ENV, LABEL and ARG pairs.
    pub fn key_values(&self) -> impl Iterator<Item = KeyValue> {
        children(self.syntax())
    }
}

/// The command of RUN, CMD, ENTRYPOINT, SHELL or HEALTHCHECK.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Command {
    Exec(ExecForm),
    Shell(ShellForm),
}

fn command_of(node: &SyntaxNode) -> Option<Command> {
    node.children().find_map(|n| match n.kind() {
        EXEC_FORM => Some(Command::Exec(ExecForm { syntax: n })),
        SHELL_FORM => Some(Command::Shell(ShellForm { syntax: n })),
        _ => None,
    })
}

impl Command {
    pub fn syntax(&self) -> &SyntaxNode {
        match self {
            Command::Exec(it) => &it.syntax,
            Command::Shell(it) => &it.syntax,
        }
    }
}

impl ExecForm {
    /// Decoded strings with the source range of each literal.
    pub fn strings(&self) -> Vec<(String, TextRange)> {
        self.syntax
            .children()
            .filter(|n| n.kind() == JSON_STRING)
            .map(|n| {
                let text = LogicalText::of(&n);
                (crate::json::decode_json_string(&text.text), n.text_range())
            })
            .collect()
    }
}

impl ShellForm {
    /// The command text with continuations removed, mapped to the source.
    pub fn text(&self) -> LogicalText {
        LogicalText::of(&self.syntax)
    }
}

/// The first child node of `node` of `kind`, and where it starts, found in the green tree:
/// unlike the syntax tree, it allocates nothing per child visited, and the model and many
/// rules read flags and key-value pairs on every instruction.
fn green_child(node: &SyntaxNode, kind: SyntaxKind) -> Option<(rowan::GreenNode, TextSize)> {
    let mut offset = node.text_range().start();
    for element in node.green().children() {
        if let NodeOrToken::Node(child) = element {
            if SyntaxKind::from_raw_kind(child.kind()) == kind {
                return Some((child.to_owned(), offset));
            }
        }
        offset += element.text_len();
    }
    None
}

/// Whether the FLAG node `flag` is called `name`: its name pieces (a continuation may split
/// the name) spell `name`.
fn green_flag_is_named(flag: &rowan::GreenNodeData, name: &str) -> bool {
    let mut rest = name;
    for token in flag.children().filter_map(NodeOrToken::into_token) {
        if SyntaxKind::from_raw_kind(token.kind()) != FLAG_NAME {
            continue;
        }
        match rest.strip_prefix(token.text()) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty()
}

impl Flag {
    /// `--name` as written.
    pub fn name(&self) -> String {
        self.syntax
            .green()
            .children()
            .filter_map(NodeOrToken::into_token)
            .filter(|t| SyntaxKind::from_raw_kind(t.kind()) == FLAG_NAME)
            .map(|t| t.text())
            .collect()
    }

    /// Whether [`Flag::name`] is `name`, without building the name: models and rules look
    /// flags up by name on every instruction.
    pub fn is_named(&self, name: &str) -> bool {
        green_flag_is_named(&self.syntax.green(), name)
    }

    pub fn name_range(&self) -> TextRange {
        let mut ranges = self
            .syntax
            .children_with_tokens()
            .filter_map(NodeOrToken::into_token)
            .filter(|t| t.kind() == FLAG_NAME)
            .map(|t| t.text_range());
        let first = ranges.next().unwrap_or_else(|| self.syntax.text_range());
        ranges.fold(first, |acc, r| acc.cover(r))
    }

    /// Whether the flag has `=`.
    pub fn has_value(&self) -> bool {
        self.syntax
            .green()
            .children()
            .any(|e| SyntaxKind::from_raw_kind(e.kind()) == EQ)
    }

    /// The value node's logical text (raw: quotes and escapes as written).
    pub fn raw_value(&self) -> Option<LogicalText> {
        if !self.has_value() {
            return None;
        }
        Some(
            green_child(&self.syntax, FLAG_VALUE)
                .map(|(value, start)| LogicalText::of_green(&value, start))
                .unwrap_or_default(),
        )
    }

    /// The value with quotes removed and escapes applied, as BuildKit stores it.
    pub fn value(&self, escape: char) -> Option<String> {
        self.raw_value().map(|v| unquote_owned(v.text, escape))
    }

    /// The source range of the value (empty after `=` when the value is empty).
    pub fn value_range(&self) -> Option<TextRange> {
        match green_child(&self.syntax, FLAG_VALUE) {
            Some((node, start)) => Some(TextRange::at(start, node.text_len())),
            None => self
                .syntax
                .children_with_tokens()
                .find(|e| e.kind() == EQ)
                .map(|eq| TextRange::empty(eq.text_range().end())),
        }
    }

    pub fn variables(&self) -> impl Iterator<Item = Variable> {
        self.syntax.descendants().filter_map(Variable::cast)
    }
}

/// Whether [`unquote`] would change `text`.
fn has_quotes_or_escapes(text: &str, escape: char) -> bool {
    // The escape character is `\\` or a backtick, so a byte search decides.
    if escape.is_ascii() {
        memchr::memchr3(b'"', b'\'', escape as u8, text.as_bytes()).is_some()
    } else {
        text.contains(['"', '\'', escape])
    }
}

/// [`unquote`] of a text the caller owns: most keys and values have nothing to remove, and
/// keep their buffer instead of being copied.
fn unquote_owned(text: String, escape: char) -> String {
    if has_quotes_or_escapes(&text, escape) {
        unquote(&text, escape).into_owned()
    } else {
        text
    }
}

/// Removes quotes and applies escapes like BuildKit's word processing, keeping `$` references
/// as written. Outside quotes the escape protects any character; inside double quotes only `"`,
/// `$` and the escape itself; inside single quotes nothing. Text without quotes or escapes (the
/// usual case) is returned as it is, without a copy.
pub fn unquote(text: &str, escape: char) -> std::borrow::Cow<'_, str> {
    if !has_quotes_or_escapes(text, escape) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut quote = None;
    while let Some(c) = chars.next() {
        match quote {
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == escape => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            Some(q) if c == q => quote = None,
            Some('"') if c == escape => match chars.peek() {
                Some(&next) if next == '"' || next == '$' || next == escape => {
                    out.push(next);
                    chars.next();
                }
                Some(_) => out.push(c),
                None => {}
            },
            _ => out.push(c),
        }
    }
    out.into()
}

impl Argument {
    pub fn text(&self) -> LogicalText {
        LogicalText::of(&self.syntax)
    }

    pub fn variables(&self) -> impl Iterator<Item = Variable> {
        self.syntax.descendants().filter_map(Variable::cast)
    }
}

impl StageName {
    pub fn text(&self) -> String {
        LogicalText::of(&self.syntax).text
    }
}

impl KeyValue {
    fn part(&self, kind: SyntaxKind) -> Option<(rowan::GreenNode, TextSize)> {
        green_child(&self.syntax, kind)
    }

    /// The key as written.
    pub fn raw_key(&self) -> Option<LogicalText> {
        self.part(KEY)
            .map(|(node, start)| LogicalText::of_green(&node, start))
    }

    /// The value as written (quotes kept); `None` when there is no value at all (`ARG NAME`).
    pub fn raw_value(&self) -> Option<LogicalText> {
        match self.part(VALUE) {
            Some((node, start)) => Some(LogicalText::of_green(&node, start)),
            None if self.has_eq() || self.is_legacy() => Some(LogicalText::default()),
            None => None,
        }
    }

    pub fn key_range(&self) -> Option<TextRange> {
        self.part(KEY)
            .map(|(node, start)| TextRange::at(start, node.text_len()))
    }

    pub fn value_range(&self) -> Option<TextRange> {
        self.part(VALUE)
            .map(|(node, start)| TextRange::at(start, node.text_len()))
    }

    /// The key with quotes removed.
    pub fn key(&self, escape: char) -> Option<String> {
        self.raw_key().map(|k| unquote_owned(k.text, escape))
    }

    /// The value with quotes removed (variables kept as written).
    pub fn value(&self, escape: char) -> Option<String> {
        self.raw_value().map(|v| unquote_owned(v.text, escape))
    }

    pub fn has_eq(&self) -> bool {
        self.syntax
            .green()
            .children()
            .any(|e| SyntaxKind::from_raw_kind(e.kind()) == EQ)
    }

    /// `ENV key value` / `LABEL key value`.
    pub fn is_legacy(&self) -> bool {
        !self.has_eq()
            && self
                .syntax
                .parent()
                .is_some_and(|p| matches!(p.kind(), ENV_INSTRUCTION | LABEL_INSTRUCTION))
    }

    pub fn variables(&self) -> impl Iterator<Item = Variable> {
        self.syntax.descendants().filter_map(Variable::cast)
    }
}

impl Variable {
    /// The reference as written: `$X`, `${X:-d}`.
    pub fn text(&self) -> String {
        LogicalText::of(&self.syntax).text
    }

    /// The variable name (`X` in `${X:-d}`).
    pub fn name(&self) -> String {
        let text = self.text();
        crate::expand::find_var_refs(&text, '\\')
            .into_iter()
            .next()
            .map(|v| v.name)
            .unwrap_or_default()
    }
}

impl HeredocBody {
    /// The body text (without the delimiter line).
    pub fn body(&self) -> String {
        self.syntax
            .children_with_tokens()
            .filter_map(NodeOrToken::into_token)
            .filter(|t| t.kind() == HEREDOC_LINE)
            .map(|t| t.text().to_string())
            .collect()
    }

    /// The source range of the body lines.
    pub fn body_range(&self) -> TextRange {
        let start = self.syntax.text_range().start();
        let end = self
            .syntax
            .children_with_tokens()
            .filter(|e| e.kind() == HEREDOC_LINE)
            .last()
            .map_or(start, |e| e.text_range().end());
        TextRange::new(start, end)
    }

    /// The delimiter line's text; `None` when the heredoc is unterminated.
    pub fn delimiter(&self) -> Option<SyntaxToken> {
        self.syntax
            .children_with_tokens()
            .filter_map(NodeOrToken::into_token)
            .find(|t| t.kind() == HEREDOC_DELIMITER)
    }
}

/// The parts of an image reference: `[registry/]repository[:tag][@digest]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageRef {
    /// The registry host, when the first path component names one (has `.` or `:`, or is
    /// `localhost`).
    pub registry: Option<String>,
    /// The repository path without the registry.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    /// Splits an image reference as Docker's reference grammar does.
    pub fn parse(text: &str) -> ImageRef {
        let (name_tag, digest) = match text.split_once('@') {
            Some((name, digest)) => (name, Some(digest.to_string())),
            None => (text, None),
        };
        let last_slash = name_tag.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name_tag[last_slash..].rfind(':') {
            Some(idx) => (
                &name_tag[..last_slash + idx],
                Some(name_tag[last_slash + idx + 1..].to_string()),
            ),
            None => (name_tag, None),
        };
        let (registry, repository) = match name.split_once('/') {
            Some((first, rest))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first.to_string()), rest.to_string())
            }
            _ => (None, name.to_string()),
        };
        ImageRef {
            registry,
            repository,
            tag,
            digest,
        }
    }

    /// The repository as Docker Hub names official images (`library/` prefix removed).
    pub fn short_repository(&self) -> &str {
        self.repository
            .strip_prefix("library/")
            .unwrap_or(&self.repository)
    }
}

impl FromInstruction {
    /// The image argument (the first word).
    pub fn image(&self) -> Option<Argument> {
        child(&self.syntax)
    }

    pub fn stage_name(&self) -> Option<StageName> {
        child(&self.syntax)
    }

    pub fn platform(&self) -> Option<Flag> {
        self.instruction().flag("--platform")
    }

    /// Whether the instruction has the `AS` keyword.
    pub fn as_keyword(&self) -> Option<SyntaxToken> {
        self.syntax
            .children_with_tokens()
            .filter_map(NodeOrToken::into_token)
            .find(|t| t.kind() == AS_KW)
    }
}

impl OnbuildInstruction {
    /// The wrapped trigger instruction.
    pub fn trigger(&self) -> Option<Instruction> {
        child(&self.syntax)
    }
}

impl HealthcheckInstruction {
    /// `NONE`, `CMD` or whatever word follows HEALTHCHECK.
    pub fn kind_token(&self) -> Option<SyntaxToken> {
        self.syntax
            .children_with_tokens()
            .filter_map(NodeOrToken::into_token)
            .find(|t| t.kind() == HEALTHCHECK_TYPE)
    }
}

impl CopyInstruction {
    /// Source and destination words (non-JSON form), or the exec-form strings.
    pub fn paths(&self) -> Vec<(String, TextRange)> {
        paths(&self.syntax)
    }
}

impl AddInstruction {
    pub fn paths(&self) -> Vec<(String, TextRange)> {
        paths(&self.syntax)
    }
}

fn paths(node: &SyntaxNode) -> Vec<(String, TextRange)> {
    // Read from the green tree, which allocates no node per child: several rules and the
    // model read the paths of every COPY.
    let kind = |raw| SyntaxKind::from_raw_kind(raw);
    let mut out = Vec::new();
    let mut offset = node.text_range().start();
    for element in node.green().children() {
        let len = element.text_len();
        if let NodeOrToken::Node(argument) = element {
            if kind(argument.kind()) == EXEC_FORM {
                return child::<ExecForm>(node).map_or_else(Vec::new, |exec| exec.strings());
            }
            if kind(argument.kind()) == ARGUMENT {
                // Most arguments are one token: their text needs no logical-line mapping.
                let mut tokens = argument.children();
                let text = match (tokens.next(), tokens.next()) {
                    (Some(NodeOrToken::Token(token)), None) => token.text().to_string(),
                    _ => LogicalText::of_green(argument, offset).text,
                };
                out.push((text, TextRange::at(offset, len)));
            }
        }
        offset += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_found_by_name_even_across_a_continuation() {
        let parse = crate::parse("FROM a\nCOPY --fr\\\nom=build --chmod=644 a b\n");
        let copy = parse.tree().instructions().nth(1).expect("COPY");
        let from = copy.flag("--from").expect("--from");
        assert_eq!(from.name(), "--from");
        assert!(from.is_named("--from"));
        assert!(!from.is_named("--fr") && !from.is_named("--fromx") && !from.is_named(""));
        assert!(copy.flag("--chmod").is_some_and(|f| f.is_named("--chmod")));
        assert!(copy.flag("--chown").is_none());
    }

    /// The green-tree walks see what the red-tree `items()` sees: every top-level element
    /// through the STAGE nodes, with its kind, range and token text, and the same instructions.
    #[test]
    fn green_item_walks_match_the_red_items() {
        let text = "# syntax=docker/dockerfile:1\nARG V=1\n# note\nFROM a AS b\n\nRUN x \\\n  y\n# hadolint ignore=DL3008\nFROM b\nCOPY . /\n";
        let root = crate::parse(text).tree();
        let red: Vec<(SyntaxKind, TextRange, Option<String>)> = root
            .items()
            .map(|element| match element {
                NodeOrToken::Node(node) => (node.kind(), node.text_range(), None),
                NodeOrToken::Token(token) => (
                    token.kind(),
                    token.text_range(),
                    Some(token.text().to_string()),
                ),
            })
            .collect();
        let mut green = Vec::new();
        root.for_each_item(|kind, range, text| green.push((kind, range, text.map(str::to_string))));
        assert_eq!(green, red);
        assert!(red.iter().any(|(kind, _, _)| *kind == COMMENT));
        let instructions: Vec<SyntaxNode> =
            root.instructions().map(|i| i.syntax().clone()).collect();
        let from_items: Vec<SyntaxNode> = root
            .items()
            .filter_map(NodeOrToken::into_node)
            .filter(|node| Instruction::cast(node.clone()).is_some())
            .collect();
        assert_eq!(instructions, from_items);
        assert_eq!(instructions.len(), 5);
    }

    /// The flag walks stop at the first argument, but not at a continuation line (with a
    /// comment) between flags; a `--flag` after an argument is an argument.
    #[test]
    fn flags_end_at_the_first_argument_not_at_a_continuation() {
        let text = "COPY \\\n# note\n--chown=app \\\n--from=build a --chmod=644 b\n";
        let copy = crate::parse(text)
            .tree()
            .instructions()
            .next()
            .expect("COPY");
        let names: Vec<String> = copy.flags().map(|f| f.name()).collect();
        assert_eq!(names, ["--chown", "--from"]);
        assert!(copy.flag("--from").is_some());
        assert!(copy.flag("--chmod").is_none());
    }

    #[test]
    fn image_refs_split_into_parts() {
        let r = ImageRef::parse("ghcr.io/org/app:1.2@sha256:abc");
        assert_eq!(r.registry.as_deref(), Some("ghcr.io"));
        assert_eq!(r.repository, "org/app");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        let r = ImageRef::parse("localhost:5000/app");
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.tag, None);
        let r = ImageRef::parse("library/ubuntu:22.04");
        assert_eq!(r.registry, None);
        assert_eq!(r.short_repository(), "ubuntu");
    }

    #[test]
    fn unquote_follows_buildkit_rules() {
        assert_eq!(unquote(r#""a b"'c d'e\ f"#, '\\'), "a bc de f");
        assert_eq!(unquote(r#""x\y\"z""#, '\\'), r#"x\y"z"#);
        assert_eq!(unquote(r"'a\b'", '\\'), r"a\b");
        assert_eq!(unquote("a`b", '`'), "ab");
    }
}

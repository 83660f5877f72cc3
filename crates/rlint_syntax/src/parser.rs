//! The driver: physical lines, parser directives, continuations and heredocs, as BuildKit's
//! line parser reads them, turned into a lossless rowan tree.
//!
//! The file is a sequence of top-level items that each start at a line start: directive lines,
//! comment lines, blank lines and instructions. Each FROM opens a STAGE node that holds it and
//! the items after it up to the next FROM; items before the first FROM sit in the root. An
//! instruction owns whole physical lines: its leading blanks, its continuation lines (with the
//! comment and blank lines they skip), its terminating newline and its heredoc bodies. The only
//! state carried from one item to the next is [`LineState`], so a single instruction can be
//! parsed again on its own.

use crate::green::{Builder, TokenCache};
use crate::heredoc::heredocs_in_line;
use crate::shape::{self, leading_space, shape_instruction, Args, Shape, Span};
use crate::{ErrorCode, SyntaxError, SyntaxKind::*};
use crate::{Severity, SyntaxKind};
use rowan::{GreenNode, TextRange, TextSize};
use std::cell::RefCell;

/// BuildKit's limit on the length of a physical line.
pub const MAX_LINE_LEN: usize = 65_535;

/// What the parser knows at an instruction boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineState {
    /// The escape character: `\` or `` ` ``.
    pub escape: char,
    /// Whether lines may still be parser directives (only in the leading run of directives).
    pub in_directives: bool,
}

impl Default for LineState {
    fn default() -> Self {
        LineState {
            escape: '\\',
            in_directives: true,
        }
    }
}

/// One physical line: `start..content_end` is its text without line terminator, `end` is
/// after the `\n` (or the end of the file).
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

fn line_at(text: &str, start: usize) -> Line {
    let bytes = text.as_bytes();
    let (end, mut content_end) = match memchr_newline(&bytes[start..]) {
        Some(idx) => (start + idx + 1, start + idx),
        None => (text.len(), text.len()),
    };
    while content_end > start && bytes[content_end - 1] == b'\r' {
        content_end -= 1;
    }
    Line {
        start,
        content_end,
        end,
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
}

/// The logical line of an instruction and where each piece of it comes from.
#[derive(Default)]
struct Logical {
    text: String,
    /// `(logical_start, source_start, len)` for each piece, in order.
    segments: Vec<(usize, usize, usize)>,
    /// Where the instruction starts in the source (for an empty logical line).
    origin: usize,
}

impl Logical {
    fn clear(&mut self, origin: usize) {
        self.text.clear();
        self.segments.clear();
        self.origin = origin;
    }

    fn push(&mut self, source: &str, span: Span) {
        if span.is_empty() {
            return;
        }
        self.segments
            .push((self.text.len(), span.start, span.len()));
        self.text.push_str(&source[span]);
    }

    fn to_source(&self, logical: usize) -> usize {
        let idx = self.segments.partition_point(|s| s.0 + s.2 <= logical);
        match self.segments.get(idx) {
            Some(&(log, src, _)) if logical >= log => src + (logical - log),
            Some(&(_, src, _)) => src,
            None => self
                .segments
                .last()
                .map_or(self.origin, |&(_, src, len)| src + len),
        }
    }
}

/// Whether `piece` ends with a continuing escape; returns the length of the piece without the
/// escape and its trailing blanks.
fn continuation(piece: &str, escape: char) -> Option<usize> {
    // The escape is ASCII, so a byte comparison is exact even next to multibyte text.
    let bytes = piece.as_bytes();
    let escape = escape as u8;
    let mut end = bytes.len();
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    if end == 0 || bytes[end - 1] != escape {
        return None;
    }
    let body = end - 1;
    (body == 0 || bytes[body - 1] != escape).then_some(body)
}

/// Events for one instruction, in logical-line coordinates.
#[derive(Debug, Clone, Copy)]
enum Event {
    Start(SyntaxKind),
    /// A token ending at this logical offset.
    Token(SyntaxKind, usize),
    /// A node holding one non-empty token ending at this logical offset: `Start`, `Token`,
    /// `Finish` in one (the builder shares short ones).
    Leaf(SyntaxKind, SyntaxKind, usize),
    Finish,
}

pub(crate) struct Parser<'t, 'c> {
    text: &'t str,
    builder: Builder<'c>,
    errors: Vec<SyntaxError>,
    state: LineState,
    seen_directives: Vec<String>,
    logical: Logical,
    events: Vec<Event>,
    n_instructions: usize,
    seen_from: bool,
    /// The last instruction ran into the end of the text with a continuation or heredoc open.
    open_at_end: bool,
    /// Whether FROMs open STAGE nodes (a whole file), or items are left flat (a reparsed run of
    /// lines, which holds at most its stage's own FROM, as its first line).
    group_stages: bool,
    stage_open: bool,
}

thread_local! {
    /// Short tokens shared by every parse on this thread: a fresh table per file cost about a
    /// tenth of the parse time on the corpus. Its fixed size bounds its memory.
    static CACHE: RefCell<TokenCache> = RefCell::new(TokenCache::default());
}

/// Runs `f` with this thread's token table (a private one if it is in use, which no caller
/// does today).
fn with_cache<R>(f: impl FnOnce(&mut TokenCache) -> R) -> R {
    CACHE.with(|shared| match shared.try_borrow_mut() {
        Ok(mut cache) => f(&mut cache),
        Err(_) => f(&mut TokenCache::default()),
    })
}

/// Top-level items parsed from a run of whole lines (for incremental reparsing).
pub(crate) struct Items {
    pub(crate) elements: Vec<rowan::NodeOrToken<GreenNode, rowan::GreenToken>>,
    /// Problems, with offsets relative to the parsed text.
    pub(crate) errors: Vec<SyntaxError>,
    /// The last instruction reached the end of the text with a continuation or heredoc open:
    /// in the whole file it would have gone on.
    pub(crate) open_at_end: bool,
}

/// Parses `text`, whole lines taken from after the directive block, as top-level items, given
/// the escape character and whether the lines are in a stage (a FROM came before them, or is
/// their first line).
pub(crate) fn parse_items(text: &str, escape: char, seen_from: bool) -> Items {
    with_cache(|cache| parse_items_with(text, escape, seen_from, Builder::new(cache)))
}

fn parse_items_with(text: &str, escape: char, seen_from: bool, builder: Builder<'_>) -> Items {
    let mut parser = Parser {
        text,
        builder,
        errors: Vec::new(),
        state: LineState {
            escape,
            in_directives: false,
        },
        seen_directives: Vec::new(),
        logical: Logical::default(),
        events: Vec::new(),
        n_instructions: 0,
        seen_from,
        open_at_end: false,
        group_stages: false,
        stage_open: false,
    };
    parser.builder.start_node(SOURCE_FILE.into());
    let mut pos = 0;
    while pos < text.len() {
        parser.open_at_end = false;
        pos = parser.item(pos);
    }
    parser.builder.finish_node();
    let root = parser.builder.finish();
    Items {
        elements: root.children().map(|child| child.to_owned()).collect(),
        errors: parser.errors,
        open_at_end: parser.open_at_end,
    }
}

pub(crate) fn parse_text(text: &str) -> (GreenNode, Vec<SyntaxError>) {
    with_cache(|cache| parse_with(text, Builder::new(cache)))
}

fn parse_with(text: &str, builder: Builder<'_>) -> (GreenNode, Vec<SyntaxError>) {
    let mut parser = Parser {
        text,
        builder,
        errors: Vec::new(),
        state: LineState::default(),
        seen_directives: Vec::new(),
        logical: Logical::default(),
        events: Vec::new(),
        n_instructions: 0,
        seen_from: false,
        open_at_end: false,
        group_stages: true,
        stage_open: false,
    };
    parser.builder.start_node(SOURCE_FILE.into());
    let mut pos = 0;
    if text.starts_with('\u{feff}') {
        parser.builder.token(BOM.into(), "\u{feff}");
        pos = 3;
    }
    while pos < text.len() {
        pos = parser.item(pos);
    }
    if parser.stage_open {
        parser.builder.finish_node();
    }
    parser.builder.finish_node();
    if parser.n_instructions > 0 && !parser.seen_from {
        parser.error(
            TextRange::empty(TextSize::from(0)),
            ErrorCode::NoFrom,
            "the file has no FROM instruction, so there is no stage to build".to_string(),
        );
    }
    if parser.n_instructions == 0 {
        let range = TextRange::new(TextSize::from(0), TextSize::of(text));
        parser.error(
            range,
            ErrorCode::NoInstructions,
            "file with no instructions".to_string(),
        );
    }
    (parser.builder.finish(), parser.errors)
}

impl Parser<'_, '_> {
    fn error(&mut self, range: TextRange, code: ErrorCode, message: String) {
        self.errors.push(SyntaxError::new(code, range, message));
    }

    fn range(&self, span: Span) -> TextRange {
        TextRange::new(
            TextSize::from(span.start as u32),
            TextSize::from(span.end as u32),
        )
    }

    fn token(&mut self, kind: SyntaxKind, span: Span) {
        if !span.is_empty() {
            self.builder.token(kind.into(), &self.text[span]);
        }
    }

    fn newline(&mut self, line: Line) {
        self.token(NEWLINE, line.content_end..line.end);
    }

    #[inline]
    fn check_length(&mut self, line: Line) {
        // Every line but a huge one stops here, without reading the text.
        if line.end - line.start <= MAX_LINE_LEN {
            return;
        }
        let has_newline = line.end > line.start && self.text.as_bytes()[line.end - 1] == b'\n';
        let len = line.end - line.start - usize::from(has_newline);
        if len > MAX_LINE_LEN {
            let range = self.range(line.start..line.content_end);
            self.error(
                range,
                ErrorCode::LineTooLong,
                format!("dockerfile line greater than max allowed size of {MAX_LINE_LEN}"),
            );
        }
    }

    /// Parses the top-level item starting at `pos` (a line start); returns where the next starts.
    fn item(&mut self, pos: usize) -> usize {
        let line = line_at(self.text, pos);
        self.check_length(line);
        let content = &self.text[line.start..line.content_end];
        let indent = leading_space(content);
        let rest = &content[indent..];
        if self.state.in_directives {
            if self.directive(line, indent) {
                return line.end;
            }
            self.state.in_directives = false;
        }
        if rest.is_empty() || rest.starts_with('#') {
            if let Some(message) = crate::validate::misplaced_directive(rest) {
                let range = self.range(line.start + indent..line.content_end);
                self.errors.push(
                    SyntaxError::new(ErrorCode::MisplacedDirective, range, message)
                        .with_severity(Severity::Warning)
                        .not_fatal(),
                );
            }
            self.token(WHITESPACE, line.start..line.start + indent);
            self.token(COMMENT, line.start + indent..line.content_end);
            self.newline(line);
            return line.end;
        }
        self.instruction(line, indent)
    }

    /// Parses a directive line if `line` is one; BuildKit's `^#\s*([a-zA-Z][a-zA-Z\d]*)\s*=\s*(.+?)\s*$`.
    fn directive(&mut self, line: Line, indent: usize) -> bool {
        let is_go_space = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0C);
        let start = line.start + indent;
        let bytes = self.text.as_bytes();
        let end = line.content_end;
        if bytes.get(start) != Some(&b'#') || start >= end {
            return false;
        }
        let mut pos = start + 1;
        while pos < end && is_go_space(bytes[pos]) {
            pos += 1;
        }
        let key_start = pos;
        if pos >= end || !bytes[pos].is_ascii_alphabetic() {
            return false;
        }
        while pos < end && bytes[pos].is_ascii_alphanumeric() {
            pos += 1;
        }
        let key_end = pos;
        while pos < end && is_go_space(bytes[pos]) {
            pos += 1;
        }
        if pos >= end || bytes[pos] != b'=' {
            return false;
        }
        let eq = pos;
        pos += 1;
        while pos < end && is_go_space(bytes[pos]) {
            pos += 1;
        }
        let value_start = pos;
        let mut value_end = end;
        while value_end > value_start && is_go_space(bytes[value_end - 1]) {
            value_end -= 1;
        }
        if value_start >= value_end {
            return false;
        }
        let key = self.text[key_start..key_end].to_ascii_lowercase();
        if !matches!(key.as_str(), "syntax" | "escape" | "check") {
            return false;
        }
        self.builder.start_node(DIRECTIVE.into());
        self.token(WHITESPACE, line.start..start);
        self.token(HASH, start..start + 1);
        self.token(WHITESPACE, start + 1..key_start);
        self.token(DIRECTIVE_KEY, key_start..key_end);
        self.token(WHITESPACE, key_end..eq);
        self.token(EQ, eq..eq + 1);
        self.token(WHITESPACE, eq + 1..value_start);
        self.token(DIRECTIVE_VALUE, value_start..value_end);
        self.token(WHITESPACE, value_end..end);
        self.builder.finish_node();
        self.newline(line);

        let value = &self.text[value_start..value_end];
        let value_range = self.range(value_start..value_end);
        if self.seen_directives.contains(&key) {
            let range = self.range(start..end);
            self.error(
                range,
                ErrorCode::InvalidDirective,
                format!("only one {key} parser directive can be used"),
            );
        } else if key == "escape" {
            match value {
                "\\" => self.state.escape = '\\',
                "`" => self.state.escape = '`',
                _ => self.error(
                    value_range,
                    ErrorCode::InvalidDirective,
                    format!("invalid escape token '{value}' does not match ` or \\"),
                ),
            }
        }
        self.seen_directives.push(key);
        true
    }

    /// Reads the physical lines of the instruction starting at `first`, builds its logical line
    /// and emits its node. Returns the end of its last line.
    fn instruction(&mut self, first: Line, indent: usize) -> usize {
        let escape = self.state.escape;
        let mut logical = std::mem::take(&mut self.logical);
        let first_piece = first.start + indent..first.content_end;
        logical.clear(first_piece.start);
        let mut last = first;
        let mut empty_continuation_lines = Vec::new();
        match continuation(&self.text[first_piece.clone()], escape) {
            None => logical.push(self.text, first_piece),
            Some(len) => {
                logical.push(self.text, first_piece.start..first_piece.start + len);
                // Until a line proves otherwise, the continuation runs to the end of the text.
                self.open_at_end = true;
                // Continuation lines: comment and blank lines are skipped, others appended.
                while last.end < self.text.len() {
                    let line = line_at(self.text, last.end);
                    self.check_length(line);
                    last = line;
                    let content = &self.text[line.start..line.content_end];
                    let rest = &content[leading_space(content)..];
                    if rest.starts_with('#') {
                        continue;
                    }
                    if rest.is_empty() {
                        empty_continuation_lines.push(line);
                        continue;
                    }
                    match continuation(content, escape) {
                        None => {
                            logical.push(self.text, line.start..line.content_end);
                            self.open_at_end = false;
                            break;
                        }
                        Some(len) => logical.push(self.text, line.start..line.start + len),
                    }
                }
            }
        }
        let shape = shape_instruction(&logical.text, 0..logical.text.len(), escape);
        // Heredocs: RUN/COPY/ADD (also as ONBUILD triggers) in non-JSON form whose line has `<<`.
        let heredoc_shape = match &shape.args {
            Args::Onbuild(trigger) => trigger,
            _ => &shape,
        };
        let heredocs = if matches!(heredoc_shape.keyword_kind, RUN_KW | COPY_KW | ADD_KW)
            && !matches!(heredoc_shape.args, Args::Exec { .. })
            && logical.text.contains("<<")
        {
            heredocs_in_line(&logical.text)
        } else {
            Vec::new()
        };

        let kind = shape.keyword_kind.instruction_for_keyword();
        if kind == FROM_INSTRUCTION && self.group_stages {
            if self.stage_open {
                self.builder.finish_node();
            }
            self.builder.start_node(STAGE.into());
            self.stage_open = true;
        }
        self.builder.start_node(kind.into());
        self.token(WHITESPACE, first.start..first.start + indent);
        let first_content = first.start + indent;
        // A logical line that is one piece of the source, where the instruction starts (no
        // continuation), goes straight into the tree; otherwise its events are mapped through
        // the pieces.
        let one_piece = match logical.segments.as_slice() {
            [] => true,
            [(_, source_start, _)] => *source_start == first_content,
            _ => false,
        };
        let source_end = if one_piece {
            let mut sink = Direct {
                builder: &mut self.builder,
                source: &self.text[first_content..],
                pos: 0,
            };
            emit_shape(&logical.text, escape, &shape, &mut sink);
            first_content + sink.pos
        } else {
            let mut events = std::mem::take(&mut self.events);
            events.clear();
            emit_shape(&logical.text, escape, &shape, &mut events);
            let source_end = self.emit_events(&logical, &events, first_content);
            self.events = events;
            source_end
        };
        // After the logical line: a continuation that ran into the end of the file, then the
        // line terminator.
        if source_end < last.content_end {
            self.gap(source_end..last.content_end);
        }
        self.newline(last);
        self.check(&logical, &shape, escape);
        if let Some((span, message)) = &shape.fatal {
            let range = self.range(
                logical.to_source(span.start)
                    ..logical
                        .to_source(span.end)
                        .max(logical.to_source(span.start)),
            );
            let code = if message == shape::NOT_STRING_ARRAY {
                ErrorCode::InvalidExecForm
            } else {
                ErrorCode::InvalidKeyValue
            };
            self.error(range, code, message.clone());
        }
        let mut end = last.end;
        for heredoc in heredocs {
            end = self.heredoc_body(end, &heredoc, first.start);
        }
        self.builder.finish_node();
        for line in empty_continuation_lines {
            let range = self.range(line.start..line.end);
            self.errors.push(
                SyntaxError::new(
                    ErrorCode::EmptyContinuation,
                    range,
                    "empty continuation line".to_string(),
                )
                .with_severity(Severity::Warning),
            );
        }
        self.logical = logical;
        self.n_instructions += 1;
        end
    }

    /// Instruction-level problems, and instructions outside any stage.
    fn check(&mut self, logical: &Logical, shape: &Shape, escape: char) {
        let to_source = |span: Span| {
            let start = logical.to_source(span.start);
            let end = if span.is_empty() {
                start
            } else {
                logical.to_source(span.end - 1) + 1
            };
            TextRange::new(
                TextSize::from(start as u32),
                TextSize::from(end.max(start) as u32),
            )
        };
        let mut checker = crate::validate::Checker {
            text: &logical.text,
            escape,
            to_source: &to_source,
            errors: &mut self.errors,
        };
        checker.instruction(shape, false);
        match shape.keyword_kind {
            FROM_KW => self.seen_from = true,
            ARG_KW | UNKNOWN_KW => {}
            kw if !self.seen_from => {
                let range = to_source(shape.keyword.clone());
                let name = kw.keyword_text().unwrap_or("");
                self.errors.push(
                    SyntaxError::new(
                        ErrorCode::NoFrom,
                        range,
                        format!("{name} before the first FROM: there is no build stage yet"),
                    )
                    .not_fatal(),
                );
            }
            _ => {}
        }
    }

    fn heredoc_body(
        &mut self,
        start: usize,
        heredoc: &crate::heredoc::HeredocOpener,
        instruction_start: usize,
    ) -> usize {
        self.builder.start_node(HEREDOC.into());
        let mut pos = start;
        loop {
            if pos >= self.text.len() {
                self.open_at_end = true;
                let range = self.range(instruction_start..self.text.len());
                self.error(
                    range,
                    ErrorCode::UnterminatedHeredoc,
                    "unterminated heredoc".to_string(),
                );
                break;
            }
            let line = line_at(self.text, pos);
            let content = &self.text[line.start..line.content_end];
            let tabs = if heredoc.chomp {
                content.len() - content.trim_start_matches('\t').len()
            } else {
                0
            };
            if content[tabs..] == *heredoc.delimiter {
                self.token(WHITESPACE, line.start..line.start + tabs);
                self.token(HEREDOC_DELIMITER, line.start + tabs..line.content_end);
                self.newline(line);
                pos = line.end;
                break;
            }
            self.token(HEREDOC_LINE, line.start..line.end);
            pos = line.end;
        }
        self.builder.finish_node();
        pos
    }

    /// Emits the skipped source between two pieces of a logical line: the escape and blanks,
    /// the line terminator, then whole comment or blank lines.
    fn gap(&mut self, span: Span) {
        // The common case: an escape, blanks and a line terminator is one token. The search
        // stays inside the gap, which is a few bytes long.
        let gap = &self.text.as_bytes()[span.clone()];
        if gap
            .iter()
            .position(|&b| b == b'\n')
            .is_none_or(|at| at + 1 == gap.len())
        {
            self.token(LINE_CONTINUATION, span);
            return;
        }
        let first = line_at(self.text, span.start);
        self.builder.start_node(CONTINUATION.into());
        self.token(LINE_CONTINUATION, span.start..first.end);
        let mut pos = first.end;
        while pos < span.end {
            let line = line_at(self.text, pos);
            let content_end = line.content_end.min(span.end);
            let content = &self.text[pos..content_end];
            let indent = leading_space(content);
            self.token(WHITESPACE, pos..pos + indent);
            self.token(COMMENT, pos + indent..content_end);
            let end = line.end.min(span.end);
            self.token(NEWLINE, content_end..end);
            pos = end;
        }
        self.builder.finish_node();
    }

    /// Emits the events of one instruction, mapping logical offsets to source; returns the source
    /// offset after the last emitted piece.
    fn emit_events(&mut self, logical: &Logical, events: &[Event], first_content: usize) -> usize {
        let mut src_pos = first_content;
        let mut log_pos = 0;
        let mut seg_idx = 0;
        for event in events {
            match *event {
                Event::Start(kind) => {
                    self.flush_gap(logical, &mut seg_idx, &mut src_pos, log_pos);
                    self.builder.start_node(kind.into());
                }
                Event::Finish => self.builder.finish_node(),
                Event::Leaf(kind, token_kind, end) => {
                    self.flush_gap(logical, &mut seg_idx, &mut src_pos, log_pos);
                    match logical.segments.get(seg_idx) {
                        // The common case: the token lies in one piece of the source.
                        Some(&(seg_log, seg_src, seg_len)) if end <= seg_log + seg_len => {
                            let src_start = seg_src + (log_pos - seg_log);
                            let src_end = seg_src + (end - seg_log);
                            self.builder.leaf(
                                kind.into(),
                                token_kind.into(),
                                &self.text[src_start..src_end],
                            );
                            src_pos = src_end;
                            log_pos = end;
                        }
                        _ => {
                            self.builder.start_node(kind.into());
                            self.emit_token(
                                logical,
                                token_kind,
                                end,
                                &mut seg_idx,
                                &mut src_pos,
                                &mut log_pos,
                            );
                            self.builder.finish_node();
                        }
                    }
                }
                Event::Token(kind, end) => {
                    self.emit_token(logical, kind, end, &mut seg_idx, &mut src_pos, &mut log_pos);
                }
            }
        }
        src_pos
    }

    /// Emits the token from `log_pos` to `end`: one source piece per segment it spans, with
    /// the skipped source between them.
    fn emit_token(
        &mut self,
        logical: &Logical,
        kind: SyntaxKind,
        end: usize,
        seg_idx: &mut usize,
        src_pos: &mut usize,
        log_pos: &mut usize,
    ) {
        while *log_pos < end {
            self.flush_gap(logical, seg_idx, src_pos, *log_pos);
            let Some(&(seg_log, seg_src, seg_len)) = logical.segments.get(*seg_idx) else {
                break;
            };
            let piece_end = end.min(seg_log + seg_len);
            let src_start = seg_src + (*log_pos - seg_log);
            let src_end = seg_src + (piece_end - seg_log);
            self.token(kind, src_start..src_end);
            *src_pos = src_end;
            *log_pos = piece_end;
        }
    }

    /// Before content at `log_pos`: if it starts a new segment, emit the source skipped since the
    /// previous one.
    fn flush_gap(
        &mut self,
        logical: &Logical,
        seg_idx: &mut usize,
        src_pos: &mut usize,
        log_pos: usize,
    ) {
        while let Some(&(seg_log, seg_src, seg_len)) = logical.segments.get(*seg_idx) {
            if log_pos >= seg_log + seg_len {
                *seg_idx += 1;
                continue;
            }
            if log_pos == seg_log && *src_pos < seg_src {
                self.gap(*src_pos..seg_src);
                *src_pos = seg_src;
            }
            break;
        }
    }
}

/// Where the emitter's events go.
trait Sink {
    fn event(&mut self, event: Event);
}

/// Recorded, to be mapped through the segments of a logical line made of several pieces.
impl Sink for Vec<Event> {
    fn event(&mut self, event: Event) {
        self.push(event);
    }
}

/// Straight into the tree, for a logical line that is the source text from its start.
struct Direct<'b, 'c, 't> {
    builder: &'b mut Builder<'c>,
    /// The source from the instruction's first byte.
    source: &'t str,
    /// Logical (= source) offset emitted so far.
    pos: usize,
}

impl Sink for Direct<'_, '_, '_> {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(kind) => self.builder.start_node(kind.into()),
            Event::Finish => self.builder.finish_node(),
            Event::Token(kind, end) => {
                if end > self.pos {
                    self.builder.token(kind.into(), &self.source[self.pos..end]);
                    self.pos = end;
                }
            }
            Event::Leaf(kind, token_kind, end) => {
                let text = &self.source[self.pos..end];
                self.builder.leaf(kind.into(), token_kind.into(), text);
                self.pos = end;
            }
        }
    }
}

/// Emits `shape`, cut from the logical line `text`, into `sink`, covering every byte.
fn emit_shape<S: Sink>(text: &str, escape: char, shape: &Shape, sink: &mut S) {
    let mut emitter = Emitter {
        text,
        escape,
        sink,
        cursor: 0,
    };
    emitter.shape(shape);
    emitter.fill(text.len());
}

/// Turns a [`Shape`] into events over the logical line, covering every byte.
struct Emitter<'a, S: Sink> {
    text: &'a str,
    escape: char,
    sink: &'a mut S,
    cursor: usize,
}

impl<S: Sink> Emitter<'_, S> {
    /// Pushes a filler token (whitespace or text) up to `end`.
    fn fill(&mut self, end: usize) {
        if end <= self.cursor {
            return;
        }
        let slice = &self.text[self.cursor..end];
        let all_blank = slice.bytes().all(|b| matches!(b, b' ' | b'\t'..=b'\r'))
            || slice.chars().all(char::is_whitespace);
        let kind = if all_blank { WHITESPACE } else { TEXT };
        self.sink.event(Event::Token(kind, end));
        self.cursor = end;
    }

    fn token(&mut self, kind: SyntaxKind, span: Span) {
        self.fill(span.start);
        if span.end > self.cursor {
            self.sink.event(Event::Token(kind, span.end));
            self.cursor = span.end;
        }
    }

    fn start(&mut self, kind: SyntaxKind, at: usize) {
        self.fill(at);
        self.sink.event(Event::Start(kind));
    }

    fn finish(&mut self) {
        self.sink.event(Event::Finish);
    }

    fn text_token(&mut self, end: usize) {
        if end > self.cursor {
            self.sink.event(Event::Token(TEXT, end));
            self.cursor = end;
        }
    }

    /// A node holding `span` as text, with variable references as nodes when BuildKit expands
    /// this text.
    /// A node of `kind` holding `span` as one token of `token_kind`.
    fn leaf(&mut self, kind: SyntaxKind, token_kind: SyntaxKind, span: Span) {
        self.fill(span.start);
        if span.start == self.cursor && span.end > span.start {
            self.sink.event(Event::Leaf(kind, token_kind, span.end));
            self.cursor = span.end;
        } else {
            self.start(kind, span.start);
            self.token(token_kind, span);
            self.finish();
        }
    }

    fn text_node(&mut self, kind: SyntaxKind, span: Span, expands: bool) {
        if !expands || memchr::memchr(b'$', self.text[span.clone()].as_bytes()).is_none() {
            self.leaf(kind, TEXT, span);
            return;
        }
        self.start(kind, span.start);
        let mut covered = span.start;
        for var in crate::expand::find_var_refs(&self.text[span.clone()], self.escape) {
            let (start, end) = (span.start + var.range.start, span.start + var.range.end);
            if start < covered || end > span.end {
                continue; // nested inside a previous reference
            }
            self.text_token(start);
            self.sink.event(Event::Start(VARIABLE));
            self.text_token(end);
            self.finish();
            covered = end;
        }
        self.text_token(span.end);
        self.finish();
    }

    fn shape(&mut self, shape: &Shape) {
        let kw = shape.keyword_kind;
        self.token(kw, shape.keyword.clone());
        for flag in &shape.flags {
            self.start(FLAG, flag.start);
            let flag_text = &self.text[flag.clone()];
            let name_len = memchr::memchr(b'=', flag_text.as_bytes()).unwrap_or(flag_text.len());
            let expands = expands_flag(kw, &flag_text[..name_len]);
            self.token(FLAG_NAME, flag.start..flag.start + name_len);
            if name_len < flag_text.len() {
                let eq = flag.start + name_len;
                self.token(EQ, eq..eq + 1);
                if flag.end > eq + 1 {
                    self.text_node(FLAG_VALUE, eq + 1..flag.end, expands);
                }
            }
            self.finish();
        }
        if let Some(dd) = &shape.double_dash {
            self.token(DOUBLE_DASH, dd.clone());
        }
        self.args(&shape.args, kw);
    }

    fn args(&mut self, args: &Args, kw: SyntaxKind) {
        let expands = expands_args(kw);
        match args {
            Args::None => {}
            Args::Exec { span, pieces } => {
                use crate::json::JsonPiece;
                self.start(EXEC_FORM, span.start);
                for (piece, range) in pieces {
                    match piece {
                        JsonPiece::LBrack => self.token(L_BRACK, range.clone()),
                        JsonPiece::RBrack => self.token(R_BRACK, range.clone()),
                        JsonPiece::Comma => self.token(COMMA, range.clone()),
                        JsonPiece::Whitespace => self.token(WHITESPACE, range.clone()),
                        JsonPiece::String | JsonPiece::Value => {
                            let (node, tok) = if *piece == JsonPiece::String {
                                (JSON_STRING, STRING)
                            } else {
                                (ERROR, JSON_VALUE)
                            };
                            self.leaf(node, tok, range.clone());
                        }
                    }
                }
                self.fill(span.end);
                self.finish();
            }
            Args::Shell(span) => self.text_node(SHELL_FORM, span.clone(), false),
            Args::Words(words) => {
                let has_stage_name = kw == FROM_KW
                    && words.len() == 3
                    && self.text[words[1].clone()].eq_ignore_ascii_case("as");
                for (idx, word) in words.iter().enumerate() {
                    if kw == ARG_KW {
                        let eq = self.text[word.clone()].find('=').map(|i| word.start + i);
                        self.key_value(word.clone(), eq, KEY_VALUE, expands);
                    } else if has_stage_name && idx == 1 {
                        self.token(AS_KW, word.clone());
                    } else if has_stage_name && idx == 2 {
                        self.text_node(STAGE_NAME, word.clone(), false);
                    } else {
                        self.text_node(ARGUMENT, word.clone(), expands);
                    }
                }
            }
            Args::Whole(span) => self.text_node(ARGUMENT, span.clone(), expands),
            Args::KeyValues(pairs) => {
                for (word, eq) in pairs {
                    // A word without `=` in the `k=v` form makes BuildKit reject the file.
                    let has_eq = *eq < word.end;
                    let node = if has_eq { KEY_VALUE } else { ERROR };
                    self.key_value(word.clone(), has_eq.then_some(*eq), node, expands);
                }
            }
            Args::Legacy { key, value } => {
                self.start(KEY_VALUE, key.start);
                self.text_node(KEY, key.clone(), expands);
                if !value.is_empty() {
                    self.text_node(VALUE, value.clone(), expands);
                }
                self.finish();
            }
            Args::Healthcheck { kind, command } => {
                self.token(HEALTHCHECK_TYPE, kind.clone());
                self.args(command, kw);
            }
            Args::Onbuild(trigger) => {
                self.start(
                    trigger.keyword_kind.instruction_for_keyword(),
                    trigger.keyword.start,
                );
                self.shape(trigger);
                self.finish();
            }
            Args::Unknown(span) => {
                self.fill(span.start);
                self.text_token(span.end);
            }
        }
    }

    fn key_value(&mut self, word: Span, eq: Option<usize>, node: SyntaxKind, expands: bool) {
        self.start(node, word.start);
        match eq {
            Some(eq) => {
                if eq > word.start {
                    self.text_node(KEY, word.start..eq, expands);
                }
                self.token(EQ, eq..eq + 1);
                if word.end > eq + 1 {
                    self.text_node(VALUE, eq + 1..word.end, expands);
                }
            }
            None => self.text_node(KEY, word, expands),
        }
        self.finish();
    }
}

/// Which instructions' arguments BuildKit expands (see buildkit.md section 8.2).
fn expands_args(kw: SyntaxKind) -> bool {
    matches!(
        kw,
        ADD_KW
            | COPY_KW
            | ENV_KW
            | LABEL_KW
            | ARG_KW
            | FROM_KW
            | EXPOSE_KW
            | VOLUME_KW
            | WORKDIR_KW
            | USER_KW
            | STOPSIGNAL_KW
    )
}

fn expands_flag(kw: SyntaxKind, name: &str) -> bool {
    match kw {
        FROM_KW => name == "--platform",
        ADD_KW | COPY_KW => matches!(name, "--chown" | "--chmod" | "--checksum"),
        RUN_KW => name == "--mount",
        _ => false,
    }
}

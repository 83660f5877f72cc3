//! Heredoc detection on a logical line, as BuildKit's `heredocsFromLine` does it.
//!
//! The line is split into words with BuildKit's shell lexer in raw mode (backslash escape,
//! quotes and escapes kept, variables left as written, blanks right after `<<` kept in the
//! word); a word of the form `[digits]<<[-][blanks]delimiter` opens a heredoc.

/// A heredoc opened on a logical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeredocOpener {
    /// The delimiter with quotes removed.
    pub delimiter: String,
    /// `<<-`: leading tabs are stripped from the body and the terminator line.
    pub chomp: bool,
    /// Whether the body is variable-expanded (no part of the delimiter was quoted).
    pub expand: bool,
}

/// Finds the heredoc openers of `line`, in order. Returns none if the raw lexer fails.
pub fn heredocs_in_line(line: &str) -> Vec<HeredocOpener> {
    let Some(words) = raw_words(line) else {
        return Vec::new();
    };
    words.iter().filter_map(|word| parse_opener(word)).collect()
}

fn parse_opener(word: &str) -> Option<HeredocOpener> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let rest = word[digits..].strip_prefix("<<")?;
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    // The remainder must be a single word; quotes removed it is the delimiter.
    let unquoted = cooked_words(rest)?;
    if unquoted.len() != 1 {
        return None;
    }
    let raw = raw_words(rest)?;
    if raw.len() != 1 {
        return None;
    }
    let count_quotes = |s: &str| s.chars().filter(|&c| c == '\'' || c == '"').count();
    let expand = count_quotes(&unquoted[0]) == count_quotes(&raw[0]);
    Some(HeredocOpener {
        delimiter: unquoted[0].clone(),
        chomp,
        expand,
    })
}

fn raw_words(text: &str) -> Option<Vec<String>> {
    WordLexer {
        text,
        pos: 0,
        raw: true,
    }
    .words()
}

fn cooked_words(text: &str) -> Option<Vec<String>> {
    WordLexer {
        text,
        pos: 0,
        raw: false,
    }
    .words()
}

/// A small port of the parts of BuildKit's shell lexer that heredoc detection exercises:
/// no environment, unset variables kept as written.
struct WordLexer<'a> {
    text: &'a str,
    /// Byte offset in `text`.
    pos: usize,
    /// Keep quotes and escapes in the words.
    raw: bool,
}

#[derive(Default)]
struct Words {
    words: Vec<String>,
    word: String,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, c: char) {
        if c.is_whitespace() && self.in_word {
            // BuildKit keeps blanks that directly follow `<<` in the same word.
            let glued =
                (c == ' ' || c == '\t') && self.word.trim_end_matches([' ', '\t']).ends_with("<<");
            if glued {
                self.word.push(c);
            } else if !self.word.is_empty() {
                self.words.push(std::mem::take(&mut self.word));
                self.in_word = false;
            }
        } else if !c.is_whitespace() {
            self.add_raw_char(c);
        }
    }

    fn add_raw_char(&mut self, c: char) {
        self.word.push(c);
        self.in_word = true;
    }

    fn add_raw_str(&mut self, s: &str) {
        self.word.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.word.is_empty() {
            self.words.push(std::mem::take(&mut self.word));
        }
        self.words
    }
}

impl WordLexer<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Skips the char at the cursor (ASCII or not).
    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn words(mut self) -> Option<Vec<String>> {
        let mut words = Words::default();
        while let Some(c) = self.peek() {
            match c {
                '$' => {
                    let text = self.dollar()?;
                    for c in text.chars() {
                        words.add_char(c);
                    }
                }
                '\'' => {
                    let text = self.single_quote()?;
                    words.add_raw_str(&text);
                }
                '"' => {
                    let text = self.double_quote()?;
                    words.add_raw_str(&text);
                }
                '\\' => {
                    self.bump();
                    if self.raw {
                        words.add_raw_char('\\');
                    }
                    match self.next() {
                        Some(escaped) => words.add_raw_char(escaped),
                        None => break,
                    }
                }
                // A run of ASCII that is neither special nor blank joins the word at once: a
                // char at a time, this loop was 4% of a parse of heredoc-heavy files.
                _ if c.is_ascii() && !c.is_whitespace() => {
                    let run = self.text[self.pos..]
                        .bytes()
                        .take_while(|&b| {
                            b.is_ascii()
                                && !matches!(b, b'$' | b'\'' | b'"' | b'\\' | b'\t'..=b'\r' | b' ')
                        })
                        .count();
                    words.add_raw_str(&self.text[self.pos..self.pos + run]);
                    self.pos += run;
                }
                _ => {
                    self.bump();
                    words.add_char(c);
                }
            }
        }
        Some(words.finish())
    }

    /// Text up to `stop` (consumed) inside `${...}`, processing nested quotes and dollars.
    fn until(&mut self, stop: char) -> Option<String> {
        let mut out = String::new();
        loop {
            let c = self.peek()?;
            if c == stop {
                self.bump();
                return Some(out);
            }
            match c {
                '$' => out.push_str(&self.dollar()?),
                '\'' => out.push_str(&self.single_quote()?),
                '"' => out.push_str(&self.double_quote()?),
                '\\' => {
                    self.bump();
                    out.push('\\');
                    out.push(self.next()?);
                }
                _ => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }

    fn single_quote(&mut self) -> Option<String> {
        let mut out = String::new();
        self.bump();
        if self.raw {
            out.push('\'');
        }
        loop {
            let c = self.next()?;
            if c == '\'' {
                if self.raw {
                    out.push('\'');
                }
                return Some(out);
            }
            out.push(c);
        }
    }

    fn double_quote(&mut self) -> Option<String> {
        let mut out = String::new();
        self.bump();
        if self.raw {
            out.push('"');
        }
        loop {
            match self.peek()? {
                '"' => {
                    self.bump();
                    if self.raw {
                        out.push('"');
                    }
                    return Some(out);
                }
                '$' => out.push_str(&self.dollar()?),
                '\\' => {
                    self.bump();
                    if self.raw {
                        out.push('\\');
                    }
                    match self.peek() {
                        None => continue,
                        Some(next @ ('"' | '$' | '\\')) => {
                            self.bump();
                            out.push(next);
                        }
                        Some(_) => {
                            if !self.raw {
                                out.push('\\');
                            }
                        }
                    }
                }
                c => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }

    /// A `$` reference, returned as written (there is no environment here).
    fn dollar(&mut self) -> Option<String> {
        let start = self.pos;
        self.bump();
        if self.peek() != Some('{') {
            self.name();
            return Some(self.text[start..self.pos].to_string());
        }
        self.bump();
        match self.peek() {
            None | Some('{' | '}' | ':') => return None,
            _ => {}
        }
        self.name();
        match self.next()? {
            '}' => {}
            ':' => {
                self.next()?;
                self.until('}')?;
            }
            '+' | '-' | '?' | '#' | '%' => {
                self.until('}')?;
            }
            '/' => {
                if self.peek() == Some('/') {
                    self.bump();
                }
                self.until('/')?;
                self.until('}')?;
            }
            _ => return None,
        }
        Some(self.text[start..self.pos].to_string())
    }

    fn name(&mut self) {
        match self.peek() {
            Some(c) if c.is_numeric() => {
                while self.peek().is_some_and(char::is_numeric) {
                    self.bump();
                }
            }
            Some('@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') => self.pos += 1,
            _ => {
                while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    self.bump();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delimiters(line: &str) -> Vec<String> {
        heredocs_in_line(line)
            .into_iter()
            .map(|h| h.delimiter)
            .collect()
    }

    #[test]
    fn recognises_buildkit_openers() {
        assert_eq!(delimiters("RUN <<EOF"), ["EOF"]);
        assert_eq!(delimiters("RUN << EOF"), ["EOF"]);
        assert_eq!(delimiters("RUN <<-EOF"), ["EOF"]);
        assert_eq!(delimiters("RUN 3<<EOF cat <&3"), ["EOF"]);
        assert_eq!(delimiters("RUN <<'EOF'"), ["EOF"]);
        assert_eq!(delimiters(r#"RUN <<"E O F""#), ["E O F"]);
        assert_eq!(delimiters("RUN <<A cat && <<B cat"), ["A", "B"]);
        assert_eq!(delimiters("COPY <<EOF>file /x"), ["EOF>file"]);
    }

    #[test]
    fn ignores_lookalikes() {
        for line in [
            "RUN cat<<EOF",
            "RUN a<<EOF",
            "RUN \"<<EOF\"",
            "RUN '<<EOF'",
            "RUN <<- EOF",
            "RUN '<<EOF",
        ] {
            assert!(delimiters(line).is_empty(), "{line}");
        }
    }

    #[test]
    fn quoting_disables_expansion() {
        assert!(heredocs_in_line("RUN <<EOF")[0].expand);
        assert!(!heredocs_in_line("RUN <<'EOF'")[0].expand);
        assert!(!heredocs_in_line("RUN <<E'O'F")[0].expand);
        assert!(heredocs_in_line(r"RUN <<eo\'f")[0].expand);
        assert!(heredocs_in_line("RUN <<-EOF")[0].chomp);
    }
}

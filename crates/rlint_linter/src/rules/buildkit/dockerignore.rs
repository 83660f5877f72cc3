//! Docker's `.dockerignore` semantics (moby `patternmatcher` and `ignorefile`): reading the
//! file, cleaning patterns, `*`, `?`, `**`, `[...]`, `\` escapes, `!` exceptions, and the
//! rule that a path is excluded when it or one of its parent directories matches.

/// One cleaned pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    text: String,
    tokens: Vec<Token>,
    exclusion: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `*`: any run of characters other than `/`.
    Star,
    /// `?`: one character other than `/`.
    Question,
    /// `**` (with a following `/` eaten) before more pattern: `(.*/)?`.
    AnyDirs,
    /// `**` at the end: `.*`.
    AnyRest,
    /// `[...]` / `[!...]` / `[^...]`: ranges of characters.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

/// The patterns of a `.dockerignore` file, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dockerignore {
    patterns: Vec<Pattern>,
}

impl Dockerignore {
    /// Reads a `.dockerignore` as Docker does: `#` lines are comments, lines are trimmed,
    /// a leading `!` marks an exception, each pattern is cleaned like a path and a leading
    /// `/` is dropped. Invalid patterns (a bare `!`) are skipped.
    pub fn parse(text: &str) -> Dockerignore {
        let mut patterns = Vec::new();
        for line in text.lines() {
            let line = line.strip_prefix('\u{feff}').unwrap_or(line);
            if line.starts_with('#') {
                continue;
            }
            let mut pattern = line.trim();
            if pattern.is_empty() {
                continue;
            }
            let exclusion = pattern.starts_with('!');
            if exclusion {
                pattern = pattern[1..].trim();
            }
            if pattern.is_empty() {
                continue;
            }
            let mut cleaned = clean_path(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            patterns.push(Pattern {
                tokens: compile(&cleaned),
                text: cleaned,
                exclusion,
            });
        }
        Dockerignore { patterns }
    }

    /// Whether any pattern is a `!` exception.
    pub fn has_exclusions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `path` (relative to the context, `/`-separated) is excluded: the last pattern
    /// that matches it or one of its parent directories decides (moby's
    /// `MatchesOrParentMatches`).
    pub fn matches(&self, path: &str) -> bool {
        let parent = match path.rfind('/') {
            Some(0) => "/",
            Some(i) => &path[..i],
            None => ".",
        };
        let parent_dirs: Vec<&str> = parent.split('/').collect();
        let mut matched = false;
        for pattern in &self.patterns {
            if pattern.exclusion != matched {
                continue;
            }
            let mut hit = glob_match(&pattern.tokens, path);
            if !hit && parent != "." {
                for i in 0..parent_dirs.len() {
                    if glob_match(&pattern.tokens, &parent_dirs[..=i].join("/")) {
                        hit = true;
                        break;
                    }
                }
            }
            if hit {
                matched = !pattern.exclusion;
            }
        }
        matched
    }

    /// The cleaned patterns, `!` kept on exceptions.
    pub fn patterns(&self) -> Vec<String> {
        self.patterns
            .iter()
            .map(|p| {
                if p.exclusion {
                    format!("!{}", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }
}

/// Go's `filepath.Clean` for `/`-separated paths.
pub fn clean_path(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

fn compile(pattern: &str) -> Vec<Token> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '*' if chars.get(i) == Some(&'*') => {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                tokens.push(if i >= chars.len() {
                    Token::AnyRest
                } else {
                    Token::AnyDirs
                });
            }
            '*' => tokens.push(Token::Star),
            '?' => tokens.push(Token::Question),
            '\\' => match chars.get(i) {
                Some(&next) => {
                    tokens.push(Token::Char(next));
                    i += 1;
                }
                None => tokens.push(Token::Char('\\')),
            },
            '[' => {
                let mut j = i;
                let negated = matches!(chars.get(j), Some('!' | '^'));
                if negated {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut closed = false;
                let mut first = true;
                while j < chars.len() {
                    let mut lo = chars[j];
                    if lo == ']' && !first {
                        closed = true;
                        j += 1;
                        break;
                    }
                    first = false;
                    if lo == '\\' && j + 1 < chars.len() {
                        j += 1;
                        lo = chars[j];
                    }
                    j += 1;
                    let mut hi = lo;
                    if chars.get(j) == Some(&'-') && chars.get(j + 1).is_some_and(|c| *c != ']') {
                        hi = chars[j + 1];
                        j += 2;
                    }
                    ranges.push((lo, hi));
                }
                if closed {
                    tokens.push(Token::Class { negated, ranges });
                    i = j;
                } else {
                    tokens.push(Token::Char('['));
                }
            }
            other => tokens.push(Token::Char(other)),
        }
    }
    tokens
}

/// Whether `tokens` match the whole of `text`.
fn glob_match(tokens: &[Token], text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut memo = vec![vec![None; chars.len() + 1]; tokens.len() + 1];
    match_at(tokens, &chars, 0, 0, &mut memo)
}

fn match_at(
    tokens: &[Token],
    text: &[char],
    t: usize,
    s: usize,
    memo: &mut Vec<Vec<Option<bool>>>,
) -> bool {
    if let Some(known) = memo[t][s] {
        return known;
    }
    let result = match tokens.get(t) {
        None => s == text.len(),
        Some(Token::Char(c)) => {
            text.get(s) == Some(c) && match_at(tokens, text, t + 1, s + 1, memo)
        }
        Some(Token::Question) => {
            text.get(s).is_some_and(|c| *c != '/') && match_at(tokens, text, t + 1, s + 1, memo)
        }
        Some(Token::Class { negated, ranges }) => {
            text.get(s).is_some_and(|c| {
                let inside = ranges.iter().any(|(lo, hi)| lo <= c && c <= hi);
                inside != *negated && *c != '/'
            }) && match_at(tokens, text, t + 1, s + 1, memo)
        }
        Some(Token::Star) => {
            let mut end = s;
            loop {
                if match_at(tokens, text, t + 1, end, memo) {
                    break true;
                }
                if end >= text.len() || text[end] == '/' {
                    break false;
                }
                end += 1;
            }
        }
        Some(Token::AnyRest) => true,
        Some(Token::AnyDirs) => {
            // `(.*/)?`: nothing, or anything up to and including a `/`.
            match_at(tokens, text, t + 1, s, memo)
                || (s..text.len())
                    .filter(|&i| text[i] == '/')
                    .any(|i| match_at(tokens, text, t + 1, i + 1, memo))
        }
    };
    memo[t][s] = Some(result);
    result
}

#[cfg(test)]
mod tests {
    use super::{clean_path, Dockerignore};

    fn ignored(patterns: &str, path: &str) -> bool {
        Dockerignore::parse(patterns).matches(path)
    }

    #[test]
    fn cleans_like_go() {
        assert_eq!(clean_path("./a/../b//c/"), "b/c");
        assert_eq!(clean_path("/../a"), "/a");
        assert_eq!(clean_path("../a"), "../a");
        assert_eq!(clean_path("."), ".");
    }

    #[test]
    fn matches_like_moby() {
        assert!(ignored("node_modules", "node_modules"));
        assert!(ignored("node_modules", "node_modules/x/y.js"));
        assert!(!ignored("node_modules", "src/node_modules"));
        assert!(ignored("**/node_modules", "src/node_modules/a"));
        assert!(ignored("*.md", "README.md"));
        assert!(!ignored("*.md", "docs/README.md"));
        assert!(ignored("**/*.md", "docs/README.md"));
        assert!(ignored("/build", "build/out"));
        assert!(ignored("./tmp/", "tmp"));
        assert!(ignored("a/**", "a/b/c"));
        assert!(ignored("te?t", "test"));
        assert!(!ignored("te?t", "te/t"));
        assert!(ignored("[a-c]at", "bat"));
        assert!(!ignored("[!a-c]at", "bat"));
        assert!(ignored("\\*x", "*x"));
        assert!(ignored("*", "."));
        assert!(!ignored("src", "."));
        // Exceptions: the last matching pattern wins.
        assert!(!ignored("*.md\n!README.md", "README.md"));
        assert!(ignored("*.md\n!README.md\nREADME*", "README.md"));
        // Comments and blank lines.
        assert!(!ignored("# secret\n\n", "secret"));
    }

    #[test]
    fn reports_exceptions() {
        assert!(Dockerignore::parse("*\n!src").has_exclusions());
        assert!(!Dockerignore::parse("*\n# !src").has_exclusions());
        assert_eq!(Dockerignore::parse(" /a/../b \n!c").patterns(), ["b", "!c"]);
    }
}

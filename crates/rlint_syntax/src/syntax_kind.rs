//! The kinds of every token and node in the Dockerfile syntax tree.

/// Token and node kinds. Tokens come first, then nodes; `__LAST` bounds the enum.
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
pub enum SyntaxKind {
    // Tokens: trivia and punctuation.
    /// `\r*\n`, or a run of trailing `\r` at end of file.
    NEWLINE = 0,
    /// Blanks (spaces, tabs and other Unicode whitespace).
    WHITESPACE,
    /// A whole comment line from `#` to the end of the line.
    COMMENT,
    /// The escape character that continues a line, with the blanks and the line terminator
    /// after it.
    LINE_CONTINUATION,
    /// A UTF-8 byte-order mark at the start of the file.
    BOM,
    /// `#` opening a parser directive.
    HASH,
    /// `=`.
    EQ,
    /// `--` ending the flags of an instruction.
    DOUBLE_DASH,
    /// `[` of a JSON exec form.
    L_BRACK,
    /// `]` of a JSON exec form.
    R_BRACK,
    /// `,` of a JSON exec form.
    COMMA,
    /// A JSON string literal, quotes included.
    STRING,
    /// A JSON value that is not a string (number, null, array, ...).
    JSON_VALUE,
    /// Plain text: argument words, shell-form commands, values.
    TEXT,
    /// `--name` of a flag.
    FLAG_NAME,
    /// The key of a parser directive.
    DIRECTIVE_KEY,
    /// The value of a parser directive.
    DIRECTIVE_VALUE,
    /// One line of a heredoc body, line terminator included.
    HEREDOC_LINE,
    /// The line that ends a heredoc body (without its line terminator).
    HEREDOC_DELIMITER,

    // Keywords.
    ADD_KW,
    ARG_KW,
    CMD_KW,
    COPY_KW,
    ENTRYPOINT_KW,
    ENV_KW,
    EXPOSE_KW,
    FROM_KW,
    HEALTHCHECK_KW,
    LABEL_KW,
    MAINTAINER_KW,
    ONBUILD_KW,
    RUN_KW,
    SHELL_KW,
    STOPSIGNAL_KW,
    USER_KW,
    VOLUME_KW,
    WORKDIR_KW,
    /// A keyword that is not a Dockerfile instruction.
    UNKNOWN_KW,
    /// `AS` in `FROM image AS name`.
    AS_KW,
    /// `NONE` or `CMD` (or anything else) after `HEALTHCHECK`.
    HEALTHCHECK_TYPE,

    // Nodes.
    SOURCE_FILE,
    /// A FROM instruction and everything after it up to the next FROM: comments, blank lines
    /// and instructions. Grouping keeps the root small, so an edit re-links one stage's
    /// children instead of every instruction of the file.
    STAGE,
    /// A parser directive line (`# escape=\``).
    DIRECTIVE,
    /// A line continuation followed by the comment and blank lines it skips.
    CONTINUATION,
    ADD_INSTRUCTION,
    ARG_INSTRUCTION,
    CMD_INSTRUCTION,
    COPY_INSTRUCTION,
    ENTRYPOINT_INSTRUCTION,
    ENV_INSTRUCTION,
    EXPOSE_INSTRUCTION,
    FROM_INSTRUCTION,
    HEALTHCHECK_INSTRUCTION,
    LABEL_INSTRUCTION,
    MAINTAINER_INSTRUCTION,
    ONBUILD_INSTRUCTION,
    RUN_INSTRUCTION,
    SHELL_INSTRUCTION,
    STOPSIGNAL_INSTRUCTION,
    USER_INSTRUCTION,
    VOLUME_INSTRUCTION,
    WORKDIR_INSTRUCTION,
    UNKNOWN_INSTRUCTION,
    /// `--name[=value]`.
    FLAG,
    /// The value of a flag, after `=`.
    FLAG_VALUE,
    /// A JSON array of strings: `["a", "b"]`.
    EXEC_FORM,
    /// A JSON string element of an exec form.
    JSON_STRING,
    /// The command text of a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD.
    SHELL_FORM,
    /// One argument word.
    ARGUMENT,
    /// The stage name after `AS`.
    STAGE_NAME,
    /// `key=value` of ENV, LABEL or ARG, or the legacy `key value` form.
    KEY_VALUE,
    KEY,
    VALUE,
    /// A variable reference `$X` or `${X...}` that BuildKit expands.
    VARIABLE,
    /// A heredoc body and its delimiter line.
    HEREDOC,
    /// Source that could not be parsed.
    ERROR,

    #[doc(hidden)]
    __LAST,
}

use SyntaxKind::*;

/// Every Dockerfile instruction keyword, upper-case, in alphabetical order.
pub const KEYWORDS: [&str; 18] = [
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

impl SyntaxKind {
    /// Tokens that carry no meaning for the instruction they sit in.
    pub fn is_trivia(self) -> bool {
        matches!(
            self,
            NEWLINE | WHITESPACE | COMMENT | LINE_CONTINUATION | BOM
        )
    }

    pub fn is_keyword(self) -> bool {
        (ADD_KW as u16..=UNKNOWN_KW as u16).contains(&(self as u16))
    }

    pub fn is_instruction(self) -> bool {
        (ADD_INSTRUCTION as u16..=UNKNOWN_INSTRUCTION as u16).contains(&(self as u16))
    }

    /// The keyword kind for an instruction keyword, matched case-insensitively.
    pub fn from_keyword(word: &str) -> SyntaxKind {
        let mut buf = [0u8; 11];
        if word.len() > buf.len() || !word.is_ascii() {
            return UNKNOWN_KW;
        }
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        match &*lower {
            b"add" => ADD_KW,
            b"arg" => ARG_KW,
            b"cmd" => CMD_KW,
            b"copy" => COPY_KW,
            b"entrypoint" => ENTRYPOINT_KW,
            b"env" => ENV_KW,
            b"expose" => EXPOSE_KW,
            b"from" => FROM_KW,
            b"healthcheck" => HEALTHCHECK_KW,
            b"label" => LABEL_KW,
            b"maintainer" => MAINTAINER_KW,
            b"onbuild" => ONBUILD_KW,
            b"run" => RUN_KW,
            b"shell" => SHELL_KW,
            b"stopsignal" => STOPSIGNAL_KW,
            b"user" => USER_KW,
            b"volume" => VOLUME_KW,
            b"workdir" => WORKDIR_KW,
            _ => UNKNOWN_KW,
        }
    }

    /// The instruction node kind that a keyword kind opens.
    pub fn instruction_for_keyword(self) -> SyntaxKind {
        if self.is_keyword() {
            let offset = self as u16 - ADD_KW as u16;
            SyntaxKind::from_raw(ADD_INSTRUCTION as u16 + offset)
        } else {
            UNKNOWN_INSTRUCTION
        }
    }

    /// The keyword kind of an instruction node kind.
    pub fn keyword_for_instruction(self) -> SyntaxKind {
        if self.is_instruction() {
            let offset = self as u16 - ADD_INSTRUCTION as u16;
            SyntaxKind::from_raw(ADD_KW as u16 + offset)
        } else {
            UNKNOWN_KW
        }
    }

    /// The upper-case keyword of an instruction or keyword kind (`RUN`), if it is a known one.
    pub fn keyword_text(self) -> Option<&'static str> {
        let kw = if self.is_instruction() {
            self.keyword_for_instruction()
        } else {
            self
        };
        Some(match kw {
            ADD_KW => "ADD",
            ARG_KW => "ARG",
            CMD_KW => "CMD",
            COPY_KW => "COPY",
            ENTRYPOINT_KW => "ENTRYPOINT",
            ENV_KW => "ENV",
            EXPOSE_KW => "EXPOSE",
            FROM_KW => "FROM",
            HEALTHCHECK_KW => "HEALTHCHECK",
            LABEL_KW => "LABEL",
            MAINTAINER_KW => "MAINTAINER",
            ONBUILD_KW => "ONBUILD",
            RUN_KW => "RUN",
            SHELL_KW => "SHELL",
            STOPSIGNAL_KW => "STOPSIGNAL",
            USER_KW => "USER",
            VOLUME_KW => "VOLUME",
            WORKDIR_KW => "WORKDIR",
            _ => return None,
        })
    }

    /// The kind of a raw rowan kind (green nodes carry raw kinds).
    pub fn from_raw_kind(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0.min(ERROR as u16))
    }

    fn from_raw(raw: u16) -> SyntaxKind {
        assert!(raw < __LAST as u16, "bad SyntaxKind {raw}");
        // Every value below `__LAST` is a variant: the enum is `repr(u16)` and dense.
        ALL_KINDS[raw as usize]
    }
}

/// Every kind in discriminant order, for safe conversion from `u16`.
const ALL_KINDS: [SyntaxKind; __LAST as usize] = [
    NEWLINE,
    WHITESPACE,
    COMMENT,
    LINE_CONTINUATION,
    BOM,
    HASH,
    EQ,
    DOUBLE_DASH,
    L_BRACK,
    R_BRACK,
    COMMA,
    STRING,
    JSON_VALUE,
    TEXT,
    FLAG_NAME,
    DIRECTIVE_KEY,
    DIRECTIVE_VALUE,
    HEREDOC_LINE,
    HEREDOC_DELIMITER,
    ADD_KW,
    ARG_KW,
    CMD_KW,
    COPY_KW,
    ENTRYPOINT_KW,
    ENV_KW,
    EXPOSE_KW,
    FROM_KW,
    HEALTHCHECK_KW,
    LABEL_KW,
    MAINTAINER_KW,
    ONBUILD_KW,
    RUN_KW,
    SHELL_KW,
    STOPSIGNAL_KW,
    USER_KW,
    VOLUME_KW,
    WORKDIR_KW,
    UNKNOWN_KW,
    AS_KW,
    HEALTHCHECK_TYPE,
    SOURCE_FILE,
    STAGE,
    DIRECTIVE,
    CONTINUATION,
    ADD_INSTRUCTION,
    ARG_INSTRUCTION,
    CMD_INSTRUCTION,
    COPY_INSTRUCTION,
    ENTRYPOINT_INSTRUCTION,
    ENV_INSTRUCTION,
    EXPOSE_INSTRUCTION,
    FROM_INSTRUCTION,
    HEALTHCHECK_INSTRUCTION,
    LABEL_INSTRUCTION,
    MAINTAINER_INSTRUCTION,
    ONBUILD_INSTRUCTION,
    RUN_INSTRUCTION,
    SHELL_INSTRUCTION,
    STOPSIGNAL_INSTRUCTION,
    USER_INSTRUCTION,
    VOLUME_INSTRUCTION,
    WORKDIR_INSTRUCTION,
    UNKNOWN_INSTRUCTION,
    FLAG,
    FLAG_VALUE,
    EXEC_FORM,
    JSON_STRING,
    SHELL_FORM,
    ARGUMENT,
    STAGE_NAME,
    KEY_VALUE,
    KEY,
    VALUE,
    VARIABLE,
    HEREDOC,
    ERROR,
];

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> Self {
        Self(kind as u16)
    }
}

/// The rowan language tag for Dockerfiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DockerfileLanguage {}

impl rowan::Language for DockerfileLanguage {
    type Kind = SyntaxKind;
    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0.min(ERROR as u16))
    }
    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        kind.into()
    }
}

pub type SyntaxNode = rowan::SyntaxNode<DockerfileLanguage>;
pub type SyntaxToken = rowan::SyntaxToken<DockerfileLanguage>;
pub type SyntaxElement = rowan::SyntaxElement<DockerfileLanguage>;
pub type SyntaxElementChildren = rowan::SyntaxElementChildren<DockerfileLanguage>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_kinds_table_matches_discriminants() {
        for (idx, kind) in ALL_KINDS.iter().enumerate() {
            assert_eq!(*kind as usize, idx, "{kind:?}");
        }
    }

    #[test]
    fn keywords_map_to_instructions_and_back() {
        for kw in [ADD_KW, RUN_KW, WORKDIR_KW, UNKNOWN_KW] {
            assert_eq!(kw.instruction_for_keyword().keyword_for_instruction(), kw);
        }
        assert_eq!(SyntaxKind::from_keyword("rUn"), RUN_KW);
        assert_eq!(SyntaxKind::from_keyword("runn"), UNKNOWN_KW);
        assert_eq!(SyntaxKind::from_keyword("ÉTÉ"), UNKNOWN_KW);
        assert_eq!(FROM_INSTRUCTION.keyword_text(), Some("FROM"));
    }
}

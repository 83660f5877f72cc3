//! Property tests: any input, however broken, parses without panic into a tree whose text is
//! the input, with error ranges inside it, and the BuildKit dump never panics either.

use proptest::prelude::*;
use rlint_syntax::{buildkit, parse, SyntaxKind, TextSize};

/// Fragments that exercise the grammar's corners: keywords, continuations with both escape
/// characters, heredocs, quotes, JSON, directives, odd whitespace and multibyte text.
const FRAGMENTS: &[&str] = &[
    "FROM ",
    "RUN ",
    "COPY ",
    "ADD ",
    "ENV ",
    "LABEL ",
    "ARG ",
    "ONBUILD ",
    "HEALTHCHECK ",
    "CMD ",
    "SHELL ",
    "EXPOSE ",
    "USER ",
    "WORKDIR ",
    "VOLUME ",
    "MAINTAINER ",
    "STOPSIGNAL ",
    "ENTRYPOINT ",
    "NONE",
    " AS ",
    "alpine",
    "x",
    "a=b",
    "=",
    "--mount=type=cache,target=/x",
    "--from=",
    "--",
    "-",
    "\\",
    "\\\n",
    "`",
    "`\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "  ",
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "# check=skip=all\n",
    "<<",
    "<<EOF",
    "<<-EOF",
    "EOF",
    "\tEOF",
    "'",
    "\"",
    "[",
    "]",
    ",",
    "[\"a\"]",
    "[1]",
    "$",
    "${",
    "}",
    "$X",
    "${X:-y}",
    "é",
    "😀",
    "\u{a0}",
    "\u{85}",
    "\u{feff}",
    "\0",
    "\u{10fe80}",
    "\u{2028}",
];

fn dockerfile_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

fn check(text: &str) {
    let parse = parse(text);
    assert_eq!(parse.syntax().to_string(), text);
    assert_eq!(parse.text(), text, "the green-tree text");
    let len = TextSize::of(text);
    for error in &parse.errors {
        assert!(
            error.range.end() <= len,
            "error {error:?} out of range for {text:?}"
        );
        assert!(text.is_char_boundary(usize::from(error.range.start())));
        assert!(text.is_char_boundary(usize::from(error.range.end())));
    }
    let _ = buildkit::dump(&parse);
    let _ = buildkit::instruction_lines(&parse);
    for instruction in parse.tree().instructions() {
        let _ = instruction.logical_text();
        let _ = instruction.content_range();
    }
    // `Instruction::flags` and `flag` stop at the first child node that is neither a flag nor
    // a line continuation.
    for node in parse.syntax().descendants() {
        let mut kinds = node.children().map(|child| child.kind());
        let after_flags =
            kinds.find(|kind| !matches!(kind, SyntaxKind::FLAG | SyntaxKind::CONTINUATION));
        assert!(
            after_flags.is_none() || kinds.all(|kind| kind != SyntaxKind::FLAG),
            "a flag after another child node in {text:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn fragments_round_trip(text in dockerfile_like()) {
        check(&text);
    }

    #[test]
    fn arbitrary_text_round_trips(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let (parse, text) = rlint_syntax::parse_bytes(&bytes);
        prop_assert_eq!(parse.syntax().to_string(), text.clone());
        let encoded = rlint_syntax::decode::encode_lossless(&text).into_owned();
        prop_assert_eq!(encoded, bytes);
        check(&text);
    }
}

#[test]
fn huge_lines_and_files_round_trip() {
    let long_line = format!("FROM alpine\nRUN echo {}\n", "x".repeat(1 << 20));
    let parse = parse(&long_line);
    assert_eq!(parse.syntax().to_string(), long_line);
    assert!(parse.errors.iter().any(|e| e.message.contains("65535")));
    let many = "RUN a \\\n".repeat(20_000);
    check(&many);
    let nul = "FROM alpine\0\nRUN \0\0\n";
    check(nul);
}

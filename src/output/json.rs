//! JSON output: one array; hadolint's keys (`code`, `column`, `file`, `level`, `line`,
//! `message`) so existing integrations keep working, plus `end_line`, `end_column`, `name` and
//! `fix`.

use super::{Positions, Report};
use rlint_syntax::write_json_string;

/// One finding, borrowed from its report. Keys are in alphabetical order, as earlier releases
/// wrote them.
struct Item<'a> {
    code: &'a str,
    column: u32,
    end_column: u32,
    end_line: u32,
    fix: Option<&'a str>,
    level: &'a str,
    line: u32,
    message: &'a str,
    name: &'a str,
}

/// The comma-separated items of one report (nothing for a clean file); the caller writes the
/// brackets and the commas between files.
pub fn write_file(report: &Report, buf: &mut Vec<u8>) {
    if report.diagnostics.is_empty() {
        return;
    }
    let positions = Positions::new(&report.text);
    // The same in every item: escaped once.
    let mut file = Vec::new();
    write_json_string(&mut file, &report.path.display().to_string());
    // An item takes about 250 bytes, its path included. Reserving that much plus the path for
    // each leaves room for long messages, so the buffer does not grow step by step.
    buf.reserve(report.diagnostics.len() * (256 + file.len()));
    for (i, d) in report.diagnostics.iter().enumerate() {
        let (line, column) = positions.at(d.range.start());
        let (end_line, end_column) = positions.at(d.range.end());
        if i > 0 {
            buf.push(b',');
        }
        let item = Item {
            code: d.code,
            column,
            end_column,
            end_line,
            fix: d.fix.as_ref().map(|f| f.title.as_str()),
            level: d.severity.as_str(),
            line,
            message: &d.message,
            name: d.name,
        };
        write_item(buf, &item, &file);
    }
}

/// Writes the item as one compact JSON object, exactly as serde_json writes the same object
/// (the tests compare the two), with the keys written as they are and the file given already
/// escaped. A derived `Serialize` escaped every key and the file path again for each of a
/// corpus run's 70,000 items: 3,700 instructions per item, a ninth of the run.
fn write_item(buf: &mut Vec<u8>, item: &Item<'_>, file: &[u8]) {
    let mut number = itoa::Buffer::new();
    buf.extend_from_slice(b"{\"code\":");
    write_identifier(buf, item.code);
    for (key, value) in [
        (&b",\"column\":"[..], item.column),
        (b",\"end_column\":", item.end_column),
        (b",\"end_line\":", item.end_line),
    ] {
        buf.extend_from_slice(key);
        buf.extend_from_slice(number.format(value).as_bytes());
    }
    buf.extend_from_slice(b",\"file\":");
    buf.extend_from_slice(file);
    buf.extend_from_slice(b",\"fix\":");
    match item.fix {
        Some(title) => write_json_string(buf, title),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"level\":");
    write_identifier(buf, item.level);
    buf.extend_from_slice(b",\"line\":");
    buf.extend_from_slice(number.format(item.line).as_bytes());
    buf.extend_from_slice(b",\"message\":");
    write_json_string(buf, item.message);
    buf.extend_from_slice(b",\"name\":");
    write_identifier(buf, item.name);
    buf.push(b'}');
}

/// Writes a rule code, rule name or level, which never need escaping (letters, digits and
/// dashes), as a JSON string: three of an item's five strings. `write_json_string` would scan
/// them first; over the corpus that cost 24 M instructions more (0.9% of the run).
fn write_identifier(buf: &mut Vec<u8>, text: &str) {
    debug_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    buf.push(b'"');
    buf.extend_from_slice(text.as_bytes());
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_written_as_serde_json_writes_the_same_object() {
        let file = "dir/a \"b\"\\c\u{e9}.Dockerfile";
        for (fix, message) in [
            (None, "plain"),
            (
                Some("quote \"it\""),
                "tab\there, newline\nthere, \u{1} control, \u{1F600} emoji",
            ),
            (Some(""), ""),
        ] {
            let item = Item {
                code: "DL3008",
                column: 1,
                end_column: 4_294_967_295,
                end_line: 10,
                fix,
                level: "warning",
                line: 0,
                message,
                name: "apt-get-unpinned",
            };
            let mut ours = Vec::new();
            write_item(&mut ours, &item, &serde_json::to_vec(file).expect("json"));
            // Without serde_json's `preserve_order`, an object's keys come out sorted, as ours.
            let theirs = serde_json::to_vec(&serde_json::json!({
                "code": item.code,
                "column": item.column,
                "end_column": item.end_column,
                "end_line": item.end_line,
                "file": file,
                "fix": item.fix,
                "level": item.level,
                "line": item.line,
                "message": item.message,
                "name": item.name,
            }))
            .expect("json");
            assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
        }
    }

    /// `write_identifier` writes codes, names and levels unescaped: every one of them must
    /// be letters, digits and dashes.
    #[test]
    fn codes_names_and_levels_need_no_escaping() {
        use rlint_linter::rule::Level;
        let plain = |text: &str| {
            !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        for rule in rlint_linter::registry::all() {
            let meta = rule.meta();
            assert!(
                plain(meta.code) && plain(meta.name),
                "{} {}",
                meta.code,
                meta.name
            );
        }
        for level in [
            Level::Off,
            Level::Style,
            Level::Info,
            Level::Warning,
            Level::Error,
        ] {
            // A new level fails to compile here until it is added to the list above.
            match level {
                Level::Off | Level::Style | Level::Info | Level::Warning | Level::Error => {}
            }
            assert!(plain(level.as_str()));
        }
    }
}

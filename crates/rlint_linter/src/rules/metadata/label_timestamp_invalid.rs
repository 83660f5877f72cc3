//! DL3053: an `rfc3339` label of the label schema that is not an RFC 3339 timestamp.

use crate::declare_rule;
use crate::rule::Context;
use crate::settings::LabelType;

declare_rule! {
    /// Flags a label of type `rfc3339` whose value is not an RFC 3339 date-time.
    ///
    /// ## What it does
    /// For labels the label schema types as `rfc3339`, reports values that are not a full
    /// RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction of a second, then `Z` or
    /// an offset `+HH:MM`. The date and time must exist (no month 13, no February 30).
    ///
    /// ## Why is this bad?
    /// `org.opencontainers.image.created` is defined as an RFC 3339 date-time; tools that sort
    /// or compare images by build time cannot read a bare date or a local format.
    ///
    /// ## Example
    /// With the schema `org.opencontainers.image.created: rfc3339`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
    /// ```
    ///
    /// ## Options
    /// - `label-schema` (map of label name to type): labels of type `rfc3339` are checked.
    ///   The rule does nothing while none is configured.
    ///
    /// ## Differences from hadolint
    /// Variables are expanded with the ARG/ENV defaults in scope; `created=$BUILD_DATE` with
    /// an ARG the build passes is not judged, where hadolint always reports it. Empty values
    /// are left to `label-empty` (DL3051). An offset without colon (`+0200`), which RFC 3339
    /// does not allow, is reported; hadolint accepts it.
    ///
    /// ## References
    /// - [RFC 3339: date and time on the Internet](https://www.rfc-editor.org/rfc/rfc3339#section-5.6)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub LabelTimestampInvalid {
        code: "DL3053",
        name: "label-timestamp-invalid",
        category: Metadata,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3053"),
        locality: Instruction,
    }
}

impl LabelTimestampInvalid {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        super::check_typed_labels(ctx, idx, LabelType::Rfc3339, is_rfc3339, |key, _| {
            format!("label `{key}` is not an RFC 3339 timestamp: use a form like `2024-05-01T12:30:00Z`")
        });
    }
}

/// Reads exactly `n` ASCII digits at the start of `text`.
fn digits(text: &str, n: usize) -> Option<(u32, &str)> {
    let head = text.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &text[n..]))
}

/// Whether `text` is an RFC 3339 `date-time`.
fn is_rfc3339(text: &str) -> bool {
    parse_rfc3339(text).is_some()
}

fn parse_rfc3339(text: &str) -> Option<()> {
    let (year, rest) = digits(text, 4)?;
    let (month, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let rest = rest.strip_prefix(['T', 't'])?;
    let (hour, rest) = digits(rest, 2)?;
    let (minute, rest) = digits(rest.strip_prefix(':')?, 2)?;
    let (second, mut rest) = digits(rest.strip_prefix(':')?, 2)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &fraction[n..];
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    // A leap second is written `:60`.
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if rest == "Z" || rest == "z" {
        return Some(());
    }
    let offset = rest.strip_prefix(['+', '-'])?;
    let (offset_hour, offset) = digits(offset, 2)?;
    let (offset_minute, offset) = digits(offset.strip_prefix(':')?, 2)?;
    (offset.is_empty() && offset_hour <= 23 && offset_minute <= 59).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339_date_times() {
        for ok in [
            "2024-01-02T03:04:05Z",
            "2024-01-02t03:04:05z",
            "2024-01-02T03:04:05.123+02:00",
            "2024-02-29T00:00:00-05:30",
            "2016-12-31T23:59:60Z",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2024-01-02",
            "2024-01-02 03:04:05Z",
            "2024-01-02T03:04:05+0200",
            "2024-13-02T03:04:05Z",
            "2023-02-29T03:04:05Z",
            "2024-01-02T25:04:05Z",
            "2024-01-02T03:04:05.Z",
            "2024-01-02T03:04:05",
            "$BUILD_DATE",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn reports_bad_timestamps() {
        let text = "FROM alpine:3.20\nARG BUILD_DATE\nLABEL created=\"2024-05-01\" created=$BUILD_DATE created=2024-05-01T00:00:00Z\n";
        assert_eq!(
            super::super::check_with_schema("DL3053", &[("created", LabelType::Rfc3339)], text),
            ["\"2024-05-01\": label `created` is not an RFC 3339 timestamp: use a form like `2024-05-01T12:30:00Z`"]
        );
    }
}

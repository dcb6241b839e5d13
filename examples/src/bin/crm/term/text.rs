//! Text laid out for a terminal: widths (CJK characters take two columns), padding,
//! truncation with an ellipsis, thousands separators, times to the minute.

use crate::term::lang::say;
use chrono::{DateTime, Local, Utc};
use crm_core::DealershipZone;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `text` takes in a terminal, by Unicode's East Asian Width (`unicode-width`): two
/// for CJK, full-width forms and astral ideographs such as 𠮷, none for combining marks.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `width` terminal columns (longer text is left whole).
pub fn pad(text: &str, width: usize) -> String {
    let used = self::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// `text` padded on the left to `width` columns: numbers right-aligned.
pub fn pad_left(text: &str, width: usize) -> String {
    let used = self::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(used)))
}

/// `text` cut to at most `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if self::width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` cut to `width` columns (with `…`) and padded to exactly `width`: a column.
pub fn fit(text: &str, width: usize) -> String {
    pad(&truncate(text, width), width)
}

/// `n` with thousands separators: `200,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An instant in the local time zone, to the minute.
pub fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// An instant on the dealership's wall clock, to the minute.
pub fn wall(at: DateTime<Utc>, zone: &DealershipZone) -> String {
    zone.wall_clock(at).format("%Y-%m-%d %H:%M").to_string()
}

/// The second line of a record's card: `  version 3, created ..., updated ...`.
pub fn version_line(version: u64, created: DateTime<Utc>, updated: DateTime<Utc>) -> String {
    say!(
        "  版本 {}，创建于 {}，更新于 {}\n",
        "  version {}, created {}, updated {}\n",
        version,
        local(created),
        local(updated)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_wide_characters_twice() {
        assert_eq!(pad("张伟", 6), "张伟  ");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("toolong", 3), "toolong");
        assert_eq!(pad_left("42", 5), "   42");
    }

    #[test]
    fn astral_ideographs_are_wide_and_long_values_end_in_an_ellipsis() {
        assert_eq!(width("𠮷野家"), 6);
        assert_eq!(width("é"), 1);
        assert_eq!(fit("𠮷野家", 8), "𠮷野家  ");
        assert_eq!(fit("𠮷野家牛丼", 7), "𠮷野家…");
        assert_eq!(fit("𠮷野家牛丼", 8), "𠮷野家… ");
        assert_eq!(width(&fit("𠮷野家牛丼", 7)), 7);
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abcd", 4), "abcd");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(200_000), "200,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}

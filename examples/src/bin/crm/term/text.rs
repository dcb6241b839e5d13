//! Text laid out for a terminal: widths (CJK characters take two columns), padding,
//! thousands separators, times to the minute.

use chrono::{DateTime, Local, Utc};
use crm_core::DealershipZone;

/// Columns a character takes in a terminal: two for CJK and full-width forms, one otherwise.
fn char_width(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// Columns `text` takes in a terminal.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// `text` padded with spaces to `width` terminal columns.
pub fn pad(text: &str, width: usize) -> String {
    let used = self::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
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
    format!(
        "  version {version}, created {}, updated {}\n",
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
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(200_000), "200,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}

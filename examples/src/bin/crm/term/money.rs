//! Money in readable tables: `¥1,234,567.00`, or in Chinese tables `123.5万` from ten
//! thousand yuan up (as salespeople quote prices). JSON and CSV keep fen or plain yuan.

use crate::term::lang::{lang, Lang};
use crate::term::text::thousands;

/// Fen as yuan with two decimals and thousands separators: `¥1,234,567.00`.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}¥{}.{:02}", thousands(abs / 100), abs % 100)
}

/// Fen in 万 (ten thousand yuan) with one decimal, rounded half up: `123.5万`.
pub fn wan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    // Tenths of 万 are 100,000 fen.
    let tenths = (fen.unsigned_abs() + 50_000) / 100_000;
    format!("{sign}{}.{}万", thousands(tenths / 10), tenths % 10)
}

/// An amount as this run's tables show it: 万 in Chinese from ten thousand yuan up, else
/// yuan with two decimals.
pub fn money(fen: i64) -> String {
    match lang() {
        Lang::Zh if fen.unsigned_abs() >= 1_000_000 => wan(fen),
        _ => yuan(fen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_have_separators_and_two_decimals() {
        assert_eq!(yuan(123_456_700), "¥1,234,567.00");
        assert_eq!(yuan(5), "¥0.05");
        assert_eq!(yuan(0), "¥0.00");
        assert_eq!(yuan(-19_500_050), "-¥195,000.50");
    }

    #[test]
    fn wan_round_to_one_decimal() {
        assert_eq!(wan(123_456_700), "123.5万");
        assert_eq!(wan(1_000_000), "1.0万");
        assert_eq!(wan(1_694_999), "1.7万");
        assert_eq!(wan(123_456_780_000), "123,456.8万");
        assert_eq!(wan(-16_980_000), "-17.0万");
        assert_eq!(wan(0), "0.0万");
    }

    #[test]
    fn chinese_tables_switch_to_wan_at_ten_thousand_yuan() {
        // This test process never sets a language: Chinese, the default.
        assert_eq!(money(999_999), "¥9,999.99");
        assert_eq!(money(1_000_000), "1.0万");
        assert_eq!(money(-1_000_000), "-1.0万");
    }
}

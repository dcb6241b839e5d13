//! Phone numbers: one key for every way of typing the same number.
//!
//! Parsing and validity come from the `phonenumber` crate (a port of Google's libphonenumber
//! and its metadata); this module adds what a Chinese dealership needs on top: full-width
//! digits, `86` typed without a plus, and the mobile rule (11 digits, `1[3-9]` first).

use crate::validation::{fold_full_width, trim_text, Rule};
use phonenumber::country::Id;
use phonenumber::Mode;

/// Which kind of phone number is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// A mobile: in China 11 digits starting `13`..`19`; abroad any valid E.164 number.
    Mobile,
    /// A fixed line: in China with its area code (`010-1234 5678`); abroad E.164.
    Landline,
}

/// Characters people type inside a phone number that carry no meaning.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '.' | '(' | ')' | '/' | '\u{2010}'..='\u{2015}'
    )
}

const EXPECTED_MOBILE: &str = "a mobile number (11 digits starting 13-19, or +country code)";
const EXPECTED_LANDLINE: &str = "a phone number with area code (or +country code)";

/// The normalised key of a phone number: E.164 (`+8613812345678`, `+861012345678`,
/// `+33628230455`). Any spelling of the same number gives the same key: spaces, dashes, dots,
/// brackets, full-width digits, `+86` / `0086` / `86` before a Chinese mobile. Numbers
/// without a country code are read as Chinese. The error is the rule broken.
pub fn normalize_phone(input: &str, kind: PhoneKind) -> Result<String, Rule> {
    let expected = match kind {
        PhoneKind::Mobile => EXPECTED_MOBILE,
        PhoneKind::Landline => EXPECTED_LANDLINE,
    };
    let malformed = Rule::Malformed { expected };
    let folded = fold_full_width(input);
    let trimmed = trim_text(&folded);
    if trimmed.is_empty() {
        return Err(Rule::Required);
    }
    let mut compact = String::with_capacity(trimmed.len());
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => compact.push(c),
            '+' if i == 0 => compact.push(c),
            c if is_separator(c) => {}
            _ => return Err(malformed),
        }
    }
    if let Some(rest) = compact.strip_prefix("00") {
        compact = format!("+{rest}");
    }
    // A Chinese mobile, with or without 86 / +86 in front: the rule is plain (11 digits,
    // `1[3-9]`), and libphonenumber would read some of them (179xx...) as carrier prefixes.
    let national = compact
        .strip_prefix("+86")
        .or_else(|| compact.strip_prefix("86").filter(|r| r.len() == 11))
        .unwrap_or(&compact);
    if is_chinese_mobile(national) {
        return Ok(format!("+86{national}"));
    }
    let number = phonenumber::parse(Some(Id::CN), &compact).map_err(|_| malformed.clone())?;
    let key = number.format().mode(Mode::E164).to_string();
    let ok = match number.code().value() {
        86 => kind == PhoneKind::Landline && phonenumber::is_valid(&number),
        _ => phonenumber::is_valid(&number),
    };
    if !ok {
        return Err(malformed);
    }
    Ok(key)
}

/// The digits of an E.164 key without `+` and, for Chinese numbers, without `86`: what
/// phone search matches (`+861065529988` → `1065529988`).
pub(crate) fn national_digits(key: &str) -> &str {
    let digits = key.strip_prefix('+').unwrap_or(key);
    digits.strip_prefix("86").unwrap_or(digits)
}

/// `true` for 11 ASCII digits whose first two are `1[3-9]`.
fn is_chinese_mobile(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_mobile_gives_one_key() {
        for s in [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "138.1234.5678",
            "(138) 1234 5678",
            "+86 138 1234 5678",
            "+8613812345678",
            "0086 13812345678",
            "8613812345678",
            "86 138 1234 5678",
            "１３８１２３４５６７８",
            "＋８６　１３８－１２３４－５６７８",
        ] {
            assert_eq!(
                normalize_phone(s, PhoneKind::Mobile).as_deref(),
                Ok("+8613812345678"),
                "{s}"
            );
        }
    }

    #[test]
    fn mobiles_that_look_like_carrier_prefixes_are_kept_whole() {
        assert_eq!(
            normalize_phone("179 9886 0129", PhoneKind::Mobile).as_deref(),
            Ok("+8617998860129")
        );
    }

    #[test]
    fn chinese_mobiles_need_eleven_digits_starting_13_to_19() {
        for bad in [
            "1381234567",
            "138123456789",
            "12812345678",
            "23812345678",
            "abc",
            "138x1234",
        ] {
            assert!(normalize_phone(bad, PhoneKind::Mobile).is_err(), "{bad}");
        }
        assert_eq!(
            normalize_phone("  ", PhoneKind::Mobile),
            Err(Rule::Required)
        );
    }

    #[test]
    fn landlines_keep_their_area_code() {
        assert_eq!(
            normalize_phone("010-6552 9988", PhoneKind::Landline).as_deref(),
            Ok("+861065529988")
        );
        assert_eq!(
            normalize_phone("(021) 5012 3456", PhoneKind::Landline).as_deref(),
            Ok("+862150123456")
        );
        assert_eq!(
            normalize_phone("+86 21 5012 3456", PhoneKind::Landline).as_deref(),
            Ok("+862150123456")
        );
    }

    #[test]
    fn foreign_numbers_in_e164_form_are_accepted() {
        assert_eq!(
            normalize_phone("+33 6 28 23 04 55", PhoneKind::Mobile).as_deref(),
            Ok("+33628230455")
        );
        assert_eq!(
            normalize_phone("0033 6 28 23 04 55", PhoneKind::Mobile).as_deref(),
            Ok("+33628230455")
        );
        assert_eq!(
            normalize_phone("+1 (415) 555-2671", PhoneKind::Landline).as_deref(),
            Ok("+14155552671")
        );
    }
}

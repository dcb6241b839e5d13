//! A quick-search query, read the ways a salesperson may have meant it.

use crate::customer::{national_digits, normalize_phone, PhoneKind};
use crate::validation::{fold_full_width, trim_text, Rule, ValidationError};

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 64;

/// What the typed text is matched against, per field. A field is `None` when the text
/// cannot be meant for it (letters are not a phone number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Against names (any substring): the text folded, lower-cased, without spaces.
    pub name: String,
    /// Against pinyin (full, prefix, initials): letters only, spaces and `'` removed.
    pub pinyin: Option<String>,
    /// Against phone numbers (any run of 4 or more digits), national digits.
    pub digits: Option<String>,
    /// Against whole phone keys only (exact or prefix): the query read as the start of a
    /// number typed with a prefix the keys leave out: the trunk `0` of a landline
    /// (`010-6552 9988`), `86` without `+` (`8613800138000`), `00` + country code. Set only
    /// when it differs from `digits`.
    pub phone_start: Option<String>,
    /// Against WeChat IDs, e-mail addresses and other handles (prefix and substring).
    pub handle: Option<String>,
}

/// Characters people type inside phone numbers.
fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')' | '+')
}

impl SearchQuery {
    /// Reads `text` as a query. Empty or over-long text is an error naming `query`.
    pub fn parse(text: &str) -> Result<SearchQuery, ValidationError> {
        let folded = fold_full_width(trim_text(text)).to_lowercase();
        if folded.chars().count() > MAX_QUERY_CHARS {
            return Err(ValidationError::new(
                "query",
                Rule::TooLong {
                    max: MAX_QUERY_CHARS,
                },
            ));
        }
        let name: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
        if name.is_empty() {
            return Err(ValidationError::new("query", Rule::Required));
        }
        let letters: String = name.chars().filter(|&c| c != '\'').collect();
        let pinyin = (!letters.is_empty() && letters.chars().all(|c| c.is_ascii_lowercase()))
            .then_some(letters);
        let digits = phone_digits(&folded);
        let phone_start = phone_start(&folded).filter(|p| Some(p) != digits.as_ref());
        let handle = name
            .chars()
            .all(|c| c.is_ascii_graphic())
            .then(|| name.clone());
        Ok(SearchQuery {
            name,
            pinyin,
            digits,
            phone_start,
            handle,
        })
    }
}

/// The fewest digits a whole phone number is typed with (the shortest E.164 numbers, a
/// country code and a 4-digit subscriber number, have 7).
const MIN_WHOLE_NUMBER_DIGITS: usize = 7;

/// `true` for a query of digits and the separators people type in phone numbers.
fn is_phone_like(folded: &str) -> bool {
    folded
        .chars()
        .all(|c| c.is_ascii_digit() || is_phone_separator(c))
}

/// The national digits of a phone-like query of at least 4 digits: separators dropped,
/// a leading `+86` / `0086` removed.
fn phone_digits(folded: &str) -> Option<String> {
    if !is_phone_like(folded) {
        return None;
    }
    let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
    let national = if folded.starts_with('+') {
        digits.strip_prefix("86").unwrap_or(&digits)
    } else {
        digits.strip_prefix("0086").unwrap_or(&digits)
    };
    (national.len() >= 4).then(|| national.to_owned())
}

/// What a phone key starts with when the query is the start of a number: a whole number
/// as [`normalize_phone`] reads it (the same key a contact gets), else the digits without
/// a prefix no key holds: `00` and `86` (an international prefix and China's code typed
/// without `+`), or a trunk `0`. At least 4 digits.
fn phone_start(folded: &str) -> Option<String> {
    if !is_phone_like(folded) {
        return None;
    }
    let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
    // Landline reading accepts mobiles and foreign numbers too. Fewer than 7 digits is no
    // whole number, and is not worth libphonenumber's parse (about 20 µs).
    let whole = (digits.len() >= MIN_WHOLE_NUMBER_DIGITS)
        .then(|| normalize_phone(folded, PhoneKind::Landline).ok())
        .flatten();
    let start = match whole {
        Some(key) => national_digits(&key).to_owned(),
        None => {
            let rest = if let Some(international) = digits.strip_prefix("00") {
                international.strip_prefix("86").unwrap_or(international)
            } else if let Some(national) = digits.strip_prefix('0') {
                national
            } else if folded.starts_with('+') {
                return None;
            } else {
                digits.strip_prefix("86").unwrap_or(&digits)
            };
            rest.to_owned()
        }
    };
    (start.len() >= 4).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_read_as_phone_runs() {
        let q = SearchQuery::parse("138-1234").unwrap();
        assert_eq!(q.digits.as_deref(), Some("1381234"));
        assert_eq!(q.pinyin, None);
        assert_eq!(
            SearchQuery::parse("+86 138 1234")
                .unwrap()
                .digits
                .as_deref(),
            Some("1381234")
        );
        assert_eq!(
            SearchQuery::parse("５６７８").unwrap().digits.as_deref(),
            Some("5678")
        );
        assert_eq!(SearchQuery::parse("567").unwrap().digits, None);
    }

    #[test]
    fn prefixes_the_keys_leave_out_give_the_start_of_a_key() {
        for (typed, start) in [
            ("010-6552 9988", Some("1065529988")),
            ("01065529988", Some("1065529988")),
            ("(021) 5012", Some("215012")),
            ("8613800138000", Some("13800138000")),
            ("86 138 0013", Some("1380013")),
            ("0086 21 5012 3456", None),
            ("0033 6 28 23 04 55", Some("33628230455")),
            // Already what `digits` holds: no second reading.
            ("13800138000", None),
            ("+86 138 0013", None),
            ("0086 1380013", None),
            ("5678", None),
            ("0567", None),
            ("张三", None),
        ] {
            let q = SearchQuery::parse(typed).unwrap();
            assert_eq!(q.phone_start.as_deref(), start, "{typed}");
        }
    }

    #[test]
    fn letters_are_pinyin_and_handles() {
        let q = SearchQuery::parse("Zhang San").unwrap();
        assert_eq!(q.pinyin.as_deref(), Some("zhangsan"));
        assert_eq!(q.handle.as_deref(), Some("zhangsan"));
        assert_eq!(q.name, "zhangsan");
        let q = SearchQuery::parse("li.si@").unwrap();
        assert_eq!((q.pinyin, q.handle.as_deref()), (None, Some("li.si@")));
        let q = SearchQuery::parse("张三").unwrap();
        assert_eq!((q.pinyin, q.handle, q.digits), (None, None, None));
        assert_eq!(q.phone_start, None);
    }

    #[test]
    fn empty_and_long_queries_name_the_field() {
        assert_eq!(SearchQuery::parse("  ").unwrap_err().field, "query");
        assert_eq!(
            SearchQuery::parse(&"a".repeat(65)).unwrap_err().rule,
            Rule::TooLong { max: 64 }
        );
    }
}

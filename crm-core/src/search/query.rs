//! A quick-search query, read the ways a salesperson may have meant it.

use crate::error::{Rule, ValidationError};
use crate::text::{fold_full_width, trim_text};

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
        let handle = name
            .chars()
            .all(|c| c.is_ascii_graphic())
            .then(|| name.clone());
        Ok(SearchQuery {
            name,
            pinyin,
            digits,
            handle,
        })
    }
}

/// The national digits of a phone-like query of at least 4 digits: separators dropped,
/// a leading `+86` / `0086` removed.
fn phone_digits(folded: &str) -> Option<String> {
    if !folded
        .chars()
        .all(|c| c.is_ascii_digit() || is_phone_separator(c))
    {
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
    fn letters_are_pinyin_and_handles() {
        let q = SearchQuery::parse("Zhang San").unwrap();
        assert_eq!(q.pinyin.as_deref(), Some("zhangsan"));
        assert_eq!(q.handle.as_deref(), Some("zhangsan"));
        assert_eq!(q.name, "zhangsan");
        let q = SearchQuery::parse("li.si@").unwrap();
        assert_eq!((q.pinyin, q.handle.as_deref()), (None, Some("li.si@")));
        let q = SearchQuery::parse("张三").unwrap();
        assert_eq!((q.pinyin, q.handle, q.digits), (None, None, None));
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

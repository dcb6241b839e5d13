//! Search terms: what a customer can be found by, and how well a query matches it.
//!
//! Every term is a suffix of one of the customer's keys, marked `anchored` when it is the
//! whole key. A query part matches a term when the term starts with it; the match is exact
//! when the term is anchored and equal to it, a prefix when anchored, a substring otherwise.
//! A store indexes the terms and answers with prefix-range scans; [`match_tier`] is the same
//! rule by brute force, for oracles.

use super::pinyin::NamePinyin;
use super::query::SearchQuery;
use crate::customer::{national_digits, Contact, CustomerProfile};
use crate::validation::fold_full_width;

/// Which key a term comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchField {
    /// The name: every suffix, so any substring matches.
    Name = 0,
    /// The name's pinyin, full and initials: prefixes only.
    Pinyin = 1,
    /// A phone's national digits: suffixes of 4 or more digits.
    Phone = 2,
    /// WeChat IDs, e-mail addresses, other handles: suffixes of 3 or more characters.
    Handle = 3,
}

impl SearchField {
    /// The stored code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// How well a customer matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchTier {
    /// A whole key equals the query.
    Exact = 0,
    /// A key starts with the query.
    Prefix = 1,
    /// A key contains the query.
    Substring = 2,
}

impl MatchTier {
    /// The tier of a match of `query` on `term`, or `None` when the term does not start with it.
    pub fn of(term: &str, anchored: bool, query: &str) -> Option<MatchTier> {
        if !term.starts_with(query) {
            return None;
        }
        Some(match (anchored, term.len() == query.len()) {
            (true, true) => MatchTier::Exact,
            (true, false) => MatchTier::Prefix,
            (false, _) => MatchTier::Substring,
        })
    }
}

/// One indexed term.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SearchTerm {
    /// The key it comes from.
    pub field: SearchField,
    /// The text: a suffix of the key.
    pub term: String,
    /// `true` when the term is the whole key.
    pub anchored: bool,
}

/// Longest name prefix indexed, in characters (names are short; this bounds Latin names).
const NAME_CHARS: usize = 24;
/// Shortest phone suffix indexed, in digits.
const MIN_PHONE_RUN: usize = 4;
/// Shortest handle suffix indexed, in characters.
const MIN_HANDLE_RUN: usize = 3;

/// The name as searched: folded, lower case, without spaces, at most 24 characters.
pub fn name_key(name: &str) -> String {
    fold_full_width(name)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(NAME_CHARS)
        .collect()
}

/// Every term `profile` can be found by, without duplicates.
pub fn search_terms(profile: &CustomerProfile) -> Vec<SearchTerm> {
    terms_of(&profile.name, &profile.contacts)
}

/// Every term a customer with this name and these contacts can be found by.
pub fn terms_of(name: &str, contacts: &[Contact]) -> Vec<SearchTerm> {
    let mut terms = Vec::new();
    push_suffixes(&mut terms, SearchField::Name, &name_key(name), 1);
    let pinyin = NamePinyin::of(name);
    if !pinyin.is_empty() {
        for key in [pinyin.full(), pinyin.initials()] {
            push(&mut terms, SearchField::Pinyin, key, true);
        }
    }
    for contact in contacts {
        if contact.kind.is_phone() {
            push_suffixes(
                &mut terms,
                SearchField::Phone,
                national_digits(&contact.key),
                MIN_PHONE_RUN,
            );
        } else {
            push_suffixes(
                &mut terms,
                SearchField::Handle,
                &contact.key,
                MIN_HANDLE_RUN,
            );
        }
    }
    terms.sort();
    terms.dedup();
    terms
}

fn push(terms: &mut Vec<SearchTerm>, field: SearchField, term: String, anchored: bool) {
    if !term.is_empty() {
        terms.push(SearchTerm {
            field,
            term,
            anchored,
        });
    }
}

/// The whole key (anchored) and every later suffix of at least `min_chars` characters.
fn push_suffixes(terms: &mut Vec<SearchTerm>, field: SearchField, key: &str, min_chars: usize) {
    let total = key.chars().count();
    for (n, (i, _)) in key.char_indices().enumerate() {
        if n > 0 && total - n < min_chars {
            break;
        }
        push(terms, field, key[i..].to_owned(), n == 0);
    }
}

/// One reading of a query: the terms of `field` starting with `text` match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryPart<'q> {
    /// The key it is matched against.
    pub field: SearchField,
    /// The text a matching term starts with.
    pub text: &'q str,
    /// `true` when only whole keys (`anchored` terms) match: the text is the start of a
    /// key, not any run inside it (a phone typed with its trunk `0`).
    pub whole_keys_only: bool,
}

/// Every reading of `query`: one per field the query can be meant for, and for phones
/// also the start of a key when the query was typed with a prefix keys leave out
/// ([`SearchQuery::phone_start`]).
pub fn query_parts<'q>(query: &'q SearchQuery) -> Vec<QueryPart<'q>> {
    let part = |field, text: Option<&'q str>, whole_keys_only| {
        text.map(|text| QueryPart {
            field,
            text,
            whole_keys_only,
        })
    };
    [
        Some(QueryPart {
            field: SearchField::Name,
            text: &query.name,
            whole_keys_only: false,
        }),
        part(SearchField::Pinyin, query.pinyin.as_deref(), false),
        part(SearchField::Phone, query.digits.as_deref(), false),
        part(SearchField::Phone, query.phone_start.as_deref(), true),
        part(SearchField::Handle, query.handle.as_deref(), false),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The best tier at which `query` matches `profile`, by brute force over its terms.
pub fn match_tier(profile: &CustomerProfile, query: &SearchQuery) -> Option<MatchTier> {
    let parts = query_parts(query);
    search_terms(profile)
        .iter()
        .flat_map(|t| {
            parts
                .iter()
                .filter(|p| p.field == t.field && (t.anchored || !p.whole_keys_only))
                .filter_map(|p| MatchTier::of(&t.term, t.anchored, p.text))
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ContactInput, ContactKind, NewCustomer, SourceChannel};
    use chrono::TimeZone;

    fn profile(name: &str, contacts: Vec<ContactInput>) -> CustomerProfile {
        let mut c = NewCustomer::new(name, contacts[0].clone(), SourceChannel::AutoShow);
        c.contacts.extend(contacts.into_iter().skip(1));
        c.validate(chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap())
            .unwrap()
    }

    fn tier(p: &CustomerProfile, q: &str) -> Option<MatchTier> {
        match_tier(p, &SearchQuery::parse(q).unwrap())
    }

    #[test]
    fn names_match_exactly_by_prefix_and_inside() {
        let p = profile(
            "张小明",
            vec![ContactInput::new(ContactKind::Mobile, "13812345678")],
        );
        assert_eq!(tier(&p, "张小明"), Some(MatchTier::Exact));
        assert_eq!(tier(&p, "张小"), Some(MatchTier::Prefix));
        assert_eq!(tier(&p, "小明"), Some(MatchTier::Substring));
        assert_eq!(tier(&p, "李"), None);
    }

    #[test]
    fn pinyin_matches_full_prefix_and_initials() {
        let p = profile(
            "张三",
            vec![ContactInput::new(ContactKind::Mobile, "13812345678")],
        );
        assert_eq!(tier(&p, "zhangsan"), Some(MatchTier::Exact));
        assert_eq!(tier(&p, "zhang san"), Some(MatchTier::Exact));
        assert_eq!(tier(&p, "zhangs"), Some(MatchTier::Prefix));
        assert_eq!(tier(&p, "zs"), Some(MatchTier::Exact));
        assert_eq!(tier(&p, "z s"), Some(MatchTier::Exact));
        assert_eq!(tier(&p, "ZHANG"), Some(MatchTier::Prefix));
        assert_eq!(tier(&p, "lisi"), None);
    }

    #[test]
    fn phones_match_any_run_of_four_digits() {
        let p = profile(
            "王五",
            vec![ContactInput::new(ContactKind::Mobile, "+86 138 1234 5678")],
        );
        assert_eq!(tier(&p, "5678"), Some(MatchTier::Substring));
        assert_eq!(tier(&p, "138-1234"), Some(MatchTier::Prefix));
        assert_eq!(tier(&p, "+86 13812345678"), Some(MatchTier::Exact));
        assert_eq!(tier(&p, "2345"), Some(MatchTier::Substring));
        assert_eq!(tier(&p, "9999"), None);
    }

    #[test]
    fn phones_typed_with_a_prefix_the_key_leaves_out_match_whole_keys() {
        let p = profile(
            "王五",
            vec![
                ContactInput::new(ContactKind::Mobile, "13800138000").primary(),
                ContactInput::new(ContactKind::Landline, "010-6552 9988"),
            ],
        );
        for exact in [
            "010-6552 9988",
            "01065529988",
            "(010) 65529988",
            "+86 10 6552 9988",
            "0086 10 6552 9988",
            "8613800138000",
            "86 138 0013 8000",
            "+8613800138000",
        ] {
            assert_eq!(tier(&p, exact), Some(MatchTier::Exact), "{exact}");
        }
        assert_eq!(tier(&p, "010-6552"), Some(MatchTier::Prefix));
        assert_eq!(tier(&p, "861380013"), Some(MatchTier::Prefix));
        assert_eq!(tier(&p, "6552 9988"), Some(MatchTier::Substring));
        assert_eq!(tier(&p, "0013"), Some(MatchTier::Substring));
        // The start of a key, never a run inside one: `08000` reads as `8000`, which ends
        // the mobile but starts no key.
        assert_eq!(tier(&p, "08000"), None);
    }

    #[test]
    fn handles_match_by_prefix_and_substring() {
        let p = profile(
            "赵六",
            vec![
                ContactInput::new(ContactKind::Mobile, "13812345678").primary(),
                ContactInput::new(ContactKind::Wechat, "carfan_88"),
                ContactInput::new(ContactKind::Email, "Liu.Zhao@example.com"),
            ],
        );
        assert_eq!(tier(&p, "carfan"), Some(MatchTier::Prefix));
        assert_eq!(tier(&p, "fan_88"), Some(MatchTier::Substring));
        assert_eq!(tier(&p, "liu.zhao@example.com"), Some(MatchTier::Exact));
        assert_eq!(tier(&p, "example"), Some(MatchTier::Substring));
    }
}

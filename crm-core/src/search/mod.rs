//! Quick search (快速查找): the keys a customer is found by and how a query matches them.
//!
//! Names by any substring; Chinese names by pinyin (full, prefix, initials, with surname
//! readings right); phones by any run of 4+ digits; WeChat IDs and e-mail by prefix and
//! substring. Ranked exact, then prefix, then substring.

mod pinyin;
mod query;
mod surnames;
mod terms;

pub use pinyin::{name_sort_key, NamePinyin};
pub use query::{SearchQuery, MAX_QUERY_CHARS};
pub use terms::{
    match_tier, name_key, query_part, search_terms, terms_of, MatchTier, SearchField, SearchTerm,
};

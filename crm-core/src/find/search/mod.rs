//! Quick search (快速查找): the keys a customer is found by and how a query matches them.
//!
//! Names by any substring; Chinese names by pinyin (full, prefix, initials, with surname
//! readings right); phones by any run of 4+ digits, and by the whole number however it is typed (a
//! landline's trunk `0`, `86` without `+`); WeChat IDs and e-mail by prefix and
//! substring. Ranked exact, then prefix, then substring.
//!
//! Files: `terms` (what a customer is found by, and match tiers), `query` (reading a query),
//! `pinyin` (a name's pinyin), `surnames` (surnames read differently, compound surnames).

mod pinyin;
mod query;
mod surnames;
mod terms;

pub use pinyin::{name_sort_key, NamePinyin};
pub use query::{SearchQuery, MAX_QUERY_CHARS};
pub(crate) use surnames::surname_of;
pub use terms::{
    match_tier, name_key, query_parts, search_terms, terms_of, MatchTier, QueryPart, SearchField,
    SearchTerm,
};

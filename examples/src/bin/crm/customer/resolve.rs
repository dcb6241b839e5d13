//! The customer a person names on the command line. Every command that takes a customer
//! reads it here, so that all of them accept the same words:
//!
//! 1. a whole id;
//! 2. a unique prefix of an id, at least [`MIN_PREFIX`] characters (as git takes a hash);
//! 3. a name, pinyin, phone or WeChat fragment that quick search (`crm search`) matches
//!    in one customer only, or exactly (a whole name or number) in one customer only.
//!
//! Several customers: [`Failure::Ambiguous`] lists them (exit 2); none: not found (exit 3).
//! Archived customers count too, so that `customer restore` can name them.

use crate::customer::text::owner_text;
use crate::exit::Failure;
use crate::term::short_id::{short, short_len};
use crate::term::text::pad;
use crm_core::search::{MatchTier, SearchQuery};
use crm_core::sync::mask_phone;
use crm_core::{ContactKind, CustomerId, CustomerSummary};
use crm_examples::generator::consultant_name;
use crm_store::{SearchOptions, Store, StoreError};
use serde::Serialize;
use std::fmt::Write;

/// The fewest characters an id prefix needs.
pub const MIN_PREFIX: usize = 6;

/// The most candidates an ambiguous name lists.
pub const MAX_CANDIDATES: usize = 10;

/// The id of the one customer `text` names (see the module docs).
pub fn customer_id(store: &Store, text: &str) -> Result<CustomerId, Failure> {
    let text = text.trim();
    let exact = CustomerId::from(text);
    match store.get_customer(&exact) {
        Ok(_) => return Ok(exact),
        Err(StoreError::NotFound { .. } | StoreError::Invalid(_)) => {}
        Err(e) => return Err(e.into()),
    }
    let by_prefix = if looks_like_id_prefix(text) {
        store.customers_with_id_prefix(&text.to_ascii_lowercase(), MAX_CANDIDATES as u32 + 1)?
    } else {
        Vec::new()
    };
    let candidates = if by_prefix.is_empty() {
        searched(store, text)?
    } else {
        by_prefix
    };
    match <[CustomerSummary; 1]>::try_from(candidates) {
        Ok([one]) => Ok(one.id),
        Err(none) if none.is_empty() => Err(StoreError::NotFound {
            entity: "customer",
            id: text.to_owned(),
        }
        .into()),
        Err(several) => Err(Failure::Ambiguous {
            text: text.to_owned(),
            candidates: several,
        }),
    }
}

/// The customer `text` names, when given (`--customer` options that filter a list).
pub fn optional_customer_id(
    store: &Store,
    text: Option<&str>,
) -> Result<Option<CustomerId>, Failure> {
    text.map(|t| customer_id(store, t)).transpose()
}

/// One customer an ambiguous name matches, as `--json` prints it: never the whole
/// phone.
#[derive(Debug, Serialize)]
pub struct Candidate<'a> {
    /// The whole id.
    pub id: &'a str,
    /// The short id the readable lists show (a prefix that tells the candidates apart).
    pub short_id: &'a str,
    /// The name.
    pub name: &'a str,
    /// The primary phone, masked (`138****8000`); `null` when the primary contact is not a
    /// phone.
    pub phone: Option<String>,
    /// The consultant's id.
    pub owner: Option<&'a str>,
    /// The consultant's name, when known.
    pub owner_name: Option<&'static str>,
    /// Whether the customer is archived.
    pub archived: bool,
}

/// The `--json` output of an ambiguous name (on stdout, exit 2).
#[derive(Debug, Serialize)]
pub struct AmbiguousJson<'a> {
    /// Always `"ambiguous"`.
    pub error: &'static str,
    /// The error line also printed on stderr.
    pub message: String,
    /// The text as given.
    pub text: &'a str,
    /// The first [`MAX_CANDIDATES`] customers it matches.
    pub candidates: Vec<Candidate<'a>>,
    /// Whether more customers match than are listed.
    pub more: bool,
}

/// The candidates listed of an ambiguous name, with the length of short id that tells
/// them apart.
fn listed(candidates: &[CustomerSummary]) -> (&[CustomerSummary], usize) {
    let listed = &candidates[..candidates.len().min(MAX_CANDIDATES)];
    (listed, short_len(listed.iter().map(|c| c.id.as_str())))
}

/// The masked primary phone of `c`, when the primary contact is a phone.
fn masked_phone(c: &CustomerSummary) -> Option<String> {
    c.primary_contact
        .as_ref()
        .filter(|p| matches!(p.kind, ContactKind::Mobile | ContactKind::Landline))
        .map(|p| mask_phone(&p.value))
}

/// The `--json` form of an ambiguous `text` and its `candidates`.
pub fn ambiguous_json<'a>(
    text: &'a str,
    candidates: &'a [CustomerSummary],
    message: String,
) -> AmbiguousJson<'a> {
    let (listed, len) = listed(candidates);
    AmbiguousJson {
        error: "ambiguous",
        message,
        text,
        candidates: listed
            .iter()
            .map(|c| Candidate {
                id: c.id.as_str(),
                short_id: short(c.id.as_str(), len),
                name: &c.name,
                phone: masked_phone(c),
                owner: c.owner.as_deref(),
                owner_name: c.owner.as_deref().and_then(consultant_name),
                archived: c.archived_at.is_some(),
            })
            .collect(),
        more: candidates.len() > listed.len(),
    }
}

/// The candidates of an ambiguous name, one a line: short id, name, masked phone, owner;
/// "..." when more match than are listed.
pub fn candidate_lines(candidates: &[CustomerSummary]) -> String {
    let (listed, len) = listed(candidates);
    let mut out = String::new();
    for c in listed {
        let phone = masked_phone(c).unwrap_or_else(|| "-".to_owned());
        let archived = if c.archived_at.is_some() {
            " (archived)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {}  {} {} {}{archived}",
            pad(short(c.id.as_str(), len), len),
            pad(&c.name, 12),
            pad(&phone, 13),
            owner_text(c.owner.as_deref()),
        );
    }
    if candidates.len() > listed.len() {
        let _ = writeln!(out, "  ... and more");
    }
    out
}

/// Hex digits and dashes, long enough to stand for one id.
fn looks_like_id_prefix(text: &str) -> bool {
    text.len() >= MIN_PREFIX && text.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// The customers quick search finds for `text`: the one exact match if there is exactly
/// one, else every hit (up to one more than the candidates listed, so that "more" shows).
fn searched(store: &Store, text: &str) -> Result<Vec<CustomerSummary>, Failure> {
    if SearchQuery::parse(text).is_err() {
        return Ok(Vec::new());
    }
    let hits = store.search_customers(
        text,
        &SearchOptions {
            limit: MAX_CANDIDATES as u32 + 1,
            include_archived: true,
        },
    )?;
    let exact: Vec<&CustomerSummary> = hits
        .iter()
        .filter(|h| h.tier == MatchTier::Exact)
        .map(|h| &h.customer)
        .collect();
    if let [one] = exact.as_slice() {
        return Ok(vec![(*one).clone()]);
    }
    Ok(hits.into_iter().map(|h| h.customer).collect())
}

#[cfg(test)]
mod tests {
    use super::looks_like_id_prefix;

    #[test]
    fn id_prefixes_are_hex_and_long_enough() {
        assert!(looks_like_id_prefix("01a24bcb"));
        assert!(looks_like_id_prefix("019A2b-7"));
        assert!(!looks_like_id_prefix("01a24"));
        assert!(!looks_like_id_prefix("贺玉璐贺玉璐"));
        assert!(!looks_like_id_prefix("zhangsan"));
    }
}

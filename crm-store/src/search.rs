//! Quick search: one query string, ranked hits.

use crate::error::Result;
use crate::listing::{summary_from_row, summary_select};
use crate::store::Store;
use crm_core::search::{query_part, MatchTier, SearchField, SearchQuery};
use crm_core::{CustomerSummary, Rule, ValidationError};
use rusqlite::params;
use std::cmp::Reverse;
use std::collections::HashMap;

/// The most hits one search returns.
pub const MAX_SEARCH_LIMIT: u32 = 200;

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// At most this many hits (1 to [`MAX_SEARCH_LIMIT`]).
    pub limit: u32,
    /// Include archived customers.
    pub include_archived: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            include_archived: false,
        }
    }
}

/// One search result: the customer and how well it matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The customer.
    pub customer: CustomerSummary,
    /// Exact, prefix or substring.
    pub tier: MatchTier,
}

const FIELDS: [SearchField; 4] = [
    SearchField::Name,
    SearchField::Pinyin,
    SearchField::Phone,
    SearchField::Handle,
];

/// Every term of `field` starting with the query part, as (seq, term, anchored, recency).
const RANGE_SQL: &str = "SELECT seq, term, anchored, recency FROM search_terms \
     WHERE field = ?1 AND term >= ?2 AND term < ?3 AND (?4 OR archived = 0)";

impl Store {
    /// Customers matching `text` by name (any substring), pinyin (full, prefix, initials),
    /// phone (any run of 4+ digits) or WeChat / e-mail (prefix, substring). Ranked exact,
    /// then prefix, then substring; ties by most recent contact (else creation).
    pub fn search_customers(&self, text: &str, options: &SearchOptions) -> Result<Vec<SearchHit>> {
        if options.limit == 0 || options.limit > MAX_SEARCH_LIMIT {
            return Err(ValidationError::new(
                "limit",
                Rule::Malformed {
                    expected: "a limit from 1 to 200",
                },
            )
            .into());
        }
        let query = SearchQuery::parse(text)?;
        self.read(|tx| {
            // seq → best (tier, recency) over every matching term.
            let mut best: HashMap<i64, (MatchTier, i64)> = HashMap::new();
            let mut range = tx.prepare_cached(RANGE_SQL)?;
            for field in FIELDS {
                let Some(part) = query_part(&query, field) else {
                    continue;
                };
                let upper = format!("{part}\u{10FFFF}");
                let mut rows =
                    range.query(params![field.code(), part, upper, options.include_archived])?;
                while let Some(row) = rows.next()? {
                    let term: String = row.get(1)?;
                    let Some(tier) = MatchTier::of(&term, row.get(2)?, part) else {
                        continue;
                    };
                    let entry = best.entry(row.get(0)?).or_insert((tier, row.get(3)?));
                    entry.0 = entry.0.min(tier);
                }
            }
            let mut ranked: Vec<(i64, MatchTier, i64)> =
                best.into_iter().map(|(s, (t, r))| (s, t, r)).collect();
            ranked.sort_unstable_by_key(|&(seq, tier, recency)| (tier, Reverse(recency), seq));
            ranked.truncate(options.limit as usize);
            let mut summary =
                tx.prepare_cached(&format!("{} WHERE c.seq = ?1", summary_select()))?;
            ranked
                .into_iter()
                .map(|(seq, tier, _)| {
                    let customer = summary.query_row([seq], |row| Ok(summary_from_row(row)))??;
                    Ok(SearchHit { customer, tier })
                })
                .collect()
        })
    }
}

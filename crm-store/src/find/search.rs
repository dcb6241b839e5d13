//! Quick search: one query string, ranked hits.
//!
//! Ranking is exact, then prefix, then substring; ties by most recent contact (else
//! creation). Whole keys (`anchored` terms) give the exact and prefix tiers, inner suffixes
//! the substring tier, so substrings are read only when fewer than `limit` customers match
//! better. A whole-key range holding more than [`DENSE`] rows (a short query like `zs` or
//! `王`) is not read whole: its exact rows are looked up by equality and its most recent
//! prefix matches found by walking `search_terms_by_recency`, stopping after `limit`.

use crate::error::Result;
use crate::find::listing::{summary_from_row, summary_select};
use crate::store::Store;
use crm_core::search::{query_parts, MatchTier, SearchField, SearchQuery};
use crm_core::{CustomerSummary, Rule, ValidationError};
use rusqlite::{params, Connection};
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

/// The most hits one search returns.
pub const MAX_SEARCH_LIMIT: u32 = 200;

/// Whole-key matches above this many rows count as dense (see the module docs).
const DENSE: usize = 2_000;

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

/// Terms of one field and kind (whole key or inner suffix) starting with the query part.
const RANGE_SQL: &str = "SELECT seq, term, recency FROM search_terms \
     WHERE field = ?1 AND anchored = ?2 AND term >= ?3 AND term < ?4 AND (?5 OR archived = 0) LIMIT ?6";

/// Whole keys of one field equal to the query part.
const EXACT_SQL: &str = "SELECT seq, term, recency FROM search_terms \
     WHERE field = ?1 AND anchored = 1 AND term = ?2 AND (?3 OR archived = 0)";

/// Whole keys of one field, most recent first.
const RECENT_SQL: &str =
    "SELECT seq, term, recency FROM search_terms INDEXED BY search_terms_by_recency \
     WHERE field = ?1 AND anchored = 1 AND (?2 OR archived = 0) ORDER BY recency DESC";

/// Each matching customer's best tier and recency.
#[derive(Default)]
struct Ranking {
    best: HashMap<i64, (MatchTier, i64)>,
}

impl Ranking {
    fn add(&mut self, seq: i64, tier: MatchTier, recency: i64) {
        let entry = self.best.entry(seq).or_insert((tier, recency));
        entry.0 = entry.0.min(tier);
    }

    /// How many customers match at `tier` or better.
    fn count_at_most(&self, tier: MatchTier) -> usize {
        self.best.values().filter(|(t, _)| *t <= tier).count()
    }

    fn top(self, limit: usize) -> Vec<(i64, MatchTier)> {
        let mut ranked: Vec<(i64, MatchTier, i64)> =
            self.best.into_iter().map(|(s, (t, r))| (s, t, r)).collect();
        ranked.sort_unstable_by_key(|&(seq, tier, recency)| (tier, Reverse(recency), seq));
        ranked.truncate(limit);
        ranked.into_iter().map(|(s, t, _)| (s, t)).collect()
    }
}

/// One search, with the dense threshold as a parameter so tests can force the walk.
pub(crate) fn search(
    conn: &Connection,
    query: &SearchQuery,
    options: &SearchOptions,
    dense: usize,
) -> Result<Vec<(i64, MatchTier)>> {
    let limit = options.limit as usize;
    let archived = options.include_archived;
    let mut ranking = Ranking::default();
    let parts = query_parts(query);
    let mut range = conn.prepare_cached(RANGE_SQL)?;
    for p in &parts {
        let (field, part) = (p.field, p.text);
        let upper = format!("{part}\u{10FFFF}");
        let mut rows = range.query(params![
            field.code(),
            true,
            part,
            upper,
            archived,
            dense as i64 + 1
        ])?;
        let mut found = Vec::new();
        while let Some(row) = rows.next()? {
            found.push((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
            ));
        }
        if found.len() <= dense {
            for (seq, term, recency) in found {
                if let Some(tier) = MatchTier::of(&term, true, part) {
                    ranking.add(seq, tier, recency);
                }
            }
        } else {
            walk_dense(conn, &mut ranking, field, part, archived, limit)?;
        }
    }
    if ranking.count_at_most(MatchTier::Prefix) < limit {
        for p in parts.iter().filter(|p| !p.whole_keys_only) {
            let (field, part) = (p.field, p.text);
            let upper = format!("{part}\u{10FFFF}");
            let mut rows = range.query(params![
                field.code(),
                false,
                part,
                upper,
                archived,
                i64::MAX
            ])?;
            while let Some(row) = rows.next()? {
                let term: String = row.get(1)?;
                if let Some(tier) = MatchTier::of(&term, false, part) {
                    ranking.add(row.get(0)?, tier, row.get(2)?);
                }
            }
        }
    }
    Ok(ranking.top(limit))
}

/// For a dense field: every exact match, then prefix matches newest first until `limit`
/// distinct customers are found. Any later prefix match is older than all of them, so it
/// cannot make the top `limit` (a better tier elsewhere is found by that field's own pass).
fn walk_dense(
    conn: &Connection,
    ranking: &mut Ranking,
    field: SearchField,
    part: &str,
    archived: bool,
    limit: usize,
) -> Result<()> {
    let mut exact = conn.prepare_cached(EXACT_SQL)?;
    let mut rows = exact.query(params![field.code(), part, archived])?;
    while let Some(row) = rows.next()? {
        ranking.add(row.get(0)?, MatchTier::Exact, row.get(2)?);
    }
    let mut recent = conn.prepare_cached(RECENT_SQL)?;
    let mut rows = recent.query(params![field.code(), archived])?;
    let mut seen = HashSet::new();
    while let Some(row) = rows.next()? {
        let term: String = row.get(1)?;
        if let Some(tier) = MatchTier::of(&term, true, part) {
            let seq: i64 = row.get(0)?;
            ranking.add(seq, tier, row.get(2)?);
            seen.insert(seq);
            if seen.len() >= limit {
                break;
            }
        }
    }
    Ok(())
}

impl Store {
    /// Customers matching `text` by name (any substring), pinyin (full, prefix, initials),
    /// phone (any run of 4+ digits; the whole number or its start however typed: a
    /// landline's trunk `0`, `86` without `+`) or WeChat / e-mail (prefix, substring). Ranked exact,
    /// then prefix, then substring; ties by most recent contact (else creation).
    pub fn search_customers(&self, text: &str, options: &SearchOptions) -> Result<Vec<SearchHit>> {
        self.search_with_threshold(text, options, DENSE)
    }

    pub(crate) fn search_with_threshold(
        &self,
        text: &str,
        options: &SearchOptions,
        dense: usize,
    ) -> Result<Vec<SearchHit>> {
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
            let ranked = search(tx, &query, options, dense)?;
            let mut summary =
                tx.prepare_cached(&format!("{} WHERE c.seq = ?1", summary_select()))?;
            ranked
                .into_iter()
                .map(|(seq, tier)| {
                    let customer = summary.query_row([seq], |row| Ok(summary_from_row(row)))??;
                    Ok(SearchHit { customer, tier })
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};
    use crm_core::strategies::customer::new_customer;
    use crm_core::ManualClock;
    use proptest::prelude::*;
    use std::sync::Arc;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// With a dense threshold of 0 or 1 every whole-key range takes the walk; the hits
        /// must be exactly those of reading every row.
        #[test]
        fn the_dense_walk_ranks_like_reading_everything(
            news in prop::collection::vec(new_customer(), 1..30),
            queries in prop::collection::vec(prop::sample::select(vec!["王", "w", "zh", "l", "13", "qq", "a", "1", "c"]), 1..4),
            limit in 1u32..6,
            archived in any::<bool>(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap()));
            let store = Store::open_with_clock(dir.path().join("s.sqlite3"), clock.clone()).unwrap();
            for (i, new) in news.iter().enumerate() {
                clock.advance(Duration::minutes(1));
                let c = store.create_customer_with(new, crate::WriteOptions { allow_duplicates: true }).unwrap();
                if i % 4 == 0 {
                    store.archive_customer(&c.id, 1).unwrap();
                }
            }
            let options = SearchOptions { limit, include_archived: archived };
            for q in queries {
                let everything = store.search_with_threshold(q, &options, usize::MAX - 1).unwrap();
                for dense in [0, 1] {
                    let walked = store.search_with_threshold(q, &options, dense).unwrap();
                    prop_assert_eq!(&walked, &everything, "query {:?} dense {}", q, dense);
                }
            }
        }
    }
}

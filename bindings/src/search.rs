//! Quick search (快速查找): `SearchOptions`, `SearchHit` and `MatchTier`.

use crate::records::CustomerSummary;
use crm_core::search as domain;

/// How well a customer matched a quick search, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum MatchTier {
    /// A whole name, pinyin, phone or handle equals the query (`张三`, `zhangsan`, `zs`).
    Exact,
    /// One of them starts with the query (`zhang`, `138 1234`).
    Prefix,
    /// One of them contains the query (a phone's last four digits, part of a name).
    Substring,
}

/// How to search.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct SearchOptions {
    /// At most this many hits, 1 to 200; absent means the store's default (20).
    #[uniffi(default = None)]
    pub limit: Option<u32>,
    /// Include archived customers.
    #[uniffi(default = false)]
    pub include_archived: bool,
}

/// One quick-search result: the customer's list row and how well it matched.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SearchHit {
    /// The customer.
    pub customer: CustomerSummary,
    /// Exact, prefix or substring.
    pub tier: MatchTier,
}

crate::convert::same_variants!(MatchTier <=> domain::MatchTier { Exact, Prefix, Substring });

impl From<SearchOptions> for crm_store::SearchOptions {
    fn from(o: SearchOptions) -> Self {
        let defaults = crm_store::SearchOptions::default();
        crm_store::SearchOptions {
            limit: o.limit.unwrap_or(defaults.limit),
            include_archived: o.include_archived,
        }
    }
}

impl From<crm_store::SearchHit> for SearchHit {
    fn from(h: crm_store::SearchHit) -> Self {
        SearchHit {
            customer: h.customer.into(),
            tier: h.tier.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_options_are_the_stores_default() {
        assert_eq!(
            crm_store::SearchOptions::from(SearchOptions::default()),
            crm_store::SearchOptions::default()
        );
    }
}

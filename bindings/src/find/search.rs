//! Quick search (快速查找): [`SearchOptions`], [`SearchHit`], [`MatchTier`] and
//! `search_customers`.

use crate::convert::same_variants;
use crate::customer::summary::CustomerSummary;
use crate::error::CrmError;
use crate::number::Unsigned;
use crate::store::CrmStore;
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
    pub limit: Option<i32>,
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

same_variants!(MatchTier <=> domain::MatchTier { Exact, Prefix, Substring });

impl TryFrom<SearchOptions> for crm_store::SearchOptions {
    type Error = CrmError;

    fn try_from(o: SearchOptions) -> Result<Self, CrmError> {
        let defaults = crm_store::SearchOptions::default();
        Ok(crm_store::SearchOptions {
            limit: o.limit.unsigned("limit")?.unwrap_or(defaults.limit),
            include_archived: o.include_archived,
        })
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

#[uniffi::export]
impl CrmStore {
    /// Customers matching `query` as the user types it: a name or any part of it, its pinyin
    /// (full `zhangsan`, prefix `zhang`, initials `zs`), any 4 or more digits of a phone (the
    /// last four) or the whole number however typed (`010-6552 9988` with its area code's
    /// `0`, `8613800138000` without `+`), a WeChat ID or e-mail (prefix or part). Best first: exact matches, then
    /// prefixes, then substrings; within a tier the most recently contacted first.
    ///
    /// Fails with `InvalidInput` on `query` when it is blank or longer than 64 characters,
    /// and on `limit` outside 1 to 200.
    #[uniffi::method(default(options))]
    pub async fn search_customers(
        &self,
        query: String,
        options: SearchOptions,
    ) -> Result<Vec<SearchHit>, CrmError> {
        self.read(move |store| {
            let hits = store.search_customers(&query, &options.try_into()?)?;
            Ok(hits.into_iter().map(Into::into).collect())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_options_are_the_stores_default() {
        assert_eq!(
            crm_store::SearchOptions::try_from(SearchOptions::default()).unwrap(),
            crm_store::SearchOptions::default()
        );
    }
}

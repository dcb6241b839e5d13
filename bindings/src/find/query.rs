//! Filtered lists (高级筛选): [`CustomerQuery`] (a filter, a sort and a page), [`Sort`],
//! `query_customers` and `count_matching`.

use crate::convert::{same_fields, same_variants};
use crate::error::CrmError;
use crate::find::filter::CustomerFilter;
use crate::find::list::CustomerPage;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crm_core as domain;

/// What a customer list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SortKey {
    /// Creation time.
    Created,
    /// Last contact (never contacted counts as the oldest).
    LastContact,
    /// Importance, then creation time.
    Importance,
    /// Name in pinyin order (拼音排序): 安 before 张, Chinese and Latin names together.
    Name,
    /// When the pending plan (下次跟进) is due; customers without one come last ascending.
    NextFollowUp,
}

/// A sort: a key and a direction. Ties are broken by id, so pages never overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Sort {
    /// The key.
    pub key: SortKey,
    /// Largest first (newest, most important, Z to A); otherwise smallest first.
    #[uniffi(default = false)]
    pub descending: bool,
}

/// Which customers to list, in which order, and where to continue.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct CustomerQuery {
    /// Which customers (default: every active customer).
    #[uniffi(default)]
    pub filter: CustomerFilter,
    /// The order; absent means newest first (`Created`, descending).
    #[uniffi(default = None)]
    pub sort: Option<Sort>,
    /// Page size, 1 to 10,000; absent means the store's default (50).
    #[uniffi(default = None)]
    pub limit: Option<i32>,
    /// Continue after this cursor: the previous page's `next_cursor`, from the same filter
    /// and sort (another sort's cursor is `InvalidInput` on `cursor`).
    #[uniffi(default = None)]
    pub cursor: Option<String>,
}

same_variants!(SortKey <=> domain::SortKey { Created, LastContact, Importance, Name, NextFollowUp });

same_fields!(Sort <=> domain::Sort { key, descending });

/// The domain's sort for an optional FFI one: absent is the default (newest first).
pub(crate) fn sort_or_default(sort: Option<Sort>) -> domain::Sort {
    sort.map(Into::into).unwrap_or_default()
}

/// The FFI's optional sort for the domain's: the default reads back as absent.
pub(crate) fn sort_unless_default(sort: domain::Sort) -> Option<Sort> {
    (sort != domain::Sort::default()).then(|| sort.into())
}

impl TryFrom<CustomerQuery> for crm_store::CustomerQuery {
    type Error = CrmError;

    /// Fails only on a negative number (`limit`, `filter.birthday_months[0]`).
    fn try_from(q: CustomerQuery) -> Result<Self, CrmError> {
        let defaults = crm_store::CustomerQuery::default();
        Ok(crm_store::CustomerQuery {
            filter: q.filter.try_into()?,
            sort: sort_or_default(q.sort),
            limit: q.limit.unsigned("limit")?.unwrap_or(defaults.limit),
            cursor: q.cursor,
        })
    }
}

#[uniffi::export]
impl CrmStore {
    /// One page of the customers matching `query.filter`, in `query.sort`, in a single call.
    /// Continue with `query.cursor = page.next_cursor` until it is absent.
    ///
    /// Fails with `InvalidInput` naming a wrong filter value (`birthday_months[0]`,
    /// `created_to` ...), a `limit` outside 1 to 10,000, or a `cursor` this store did not hand
    /// out for this sort.
    #[uniffi::method(default(query))]
    pub async fn query_customers(&self, query: CustomerQuery) -> Result<CustomerPage, CrmError> {
        self.read(move |store| Ok(store.query_customers(&query.try_into()?)?.into()))
            .await
    }

    /// How many customers match `filter` (for "1,234 customers" above a list).
    #[uniffi::method(default(filter))]
    pub async fn count_matching(&self, filter: CustomerFilter) -> Result<i64, CrmError> {
        self.read(move |store| Ok(store.count_matching(&filter.try_into()?)?.signed()))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_query_is_the_stores_default() {
        assert_eq!(
            crm_store::CustomerQuery::try_from(CustomerQuery::default()).unwrap(),
            crm_store::CustomerQuery::default()
        );
    }

    #[test]
    fn a_sort_round_trips_and_the_default_reads_back_absent() {
        let by_name = Sort {
            key: SortKey::Name,
            descending: false,
        };
        assert_eq!(
            sort_unless_default(sort_or_default(Some(by_name))),
            Some(by_name)
        );
        assert_eq!(sort_unless_default(sort_or_default(None)), None);
        let newest_first = Sort {
            key: SortKey::Created,
            descending: true,
        };
        assert_eq!(sort_or_default(Some(newest_first)), domain::Sort::default());
    }
}

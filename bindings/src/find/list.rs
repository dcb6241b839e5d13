//! The plain customer list, newest first: [`ListQuery`], [`CustomerPage`] (the page every
//! list returns), `list_customers` and `count_customers`.

use crate::customer::summary::CustomerSummary;
use crate::error::CrmError;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;

/// Which customers to list, and where to continue.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct ListQuery {
    /// Include archived customers.
    #[uniffi(default = false)]
    pub include_archived: bool,
    /// Page size, 1 to 10,000; absent means the store's default (50).
    #[uniffi(default = None)]
    pub limit: Option<i32>,
    /// Continue after this cursor: the previous page's `next_cursor`.
    #[uniffi(default = None)]
    pub cursor: Option<String>,
}

impl TryFrom<ListQuery> for crm_store::ListQuery {
    type Error = CrmError;

    fn try_from(q: ListQuery) -> Result<Self, CrmError> {
        let defaults = crm_store::ListQuery::default();
        Ok(crm_store::ListQuery {
            include_archived: q.include_archived,
            limit: q.limit.unsigned("limit")?.unwrap_or(defaults.limit),
            cursor: q.cursor,
        })
    }
}

/// One page of customers, in the order asked for (a `ListQuery` lists newest first).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustomerPage {
    /// The customers on this page.
    pub customers: Vec<CustomerSummary>,
    /// Where the next page starts: pass it back as the cursor of the same request
    /// (`ListQuery.cursor`, `CustomerQuery.cursor`, `runView(cursor = …)`); absent on the
    /// last page.
    pub next_cursor: Option<String>,
}

impl From<crm_store::CustomerPage> for CustomerPage {
    fn from(p: crm_store::CustomerPage) -> Self {
        CustomerPage {
            customers: p.customers.into_iter().map(Into::into).collect(),
            next_cursor: p.next_cursor,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// One page of customer summaries, newest first, in a single call. Continue with
    /// `query.cursor = page.next_cursor` until it is absent.
    ///
    /// Fails with `InvalidInput` for a `limit` outside 1 to 10,000 (field `limit`) or a
    /// cursor this store did not hand out (field `cursor`).
    #[uniffi::method(default(query))]
    pub async fn list_customers(&self, query: ListQuery) -> Result<CustomerPage, CrmError> {
        self.read(move |store| Ok(store.list_customers(&query.try_into()?)?.into()))
            .await
    }

    /// How many customers there are; archived ones only when `include_archived`.
    #[uniffi::method(default(include_archived = false))]
    pub async fn count_customers(&self, include_archived: bool) -> Result<i64, CrmError> {
        self.read(move |store| Ok(store.count_customers(include_archived)?.signed()))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_without_limit_takes_the_store_default() {
        let q = crm_store::ListQuery::try_from(ListQuery::default()).unwrap();
        assert_eq!(q, crm_store::ListQuery::default());
    }
}

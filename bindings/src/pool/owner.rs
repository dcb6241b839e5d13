//! The pool's customers, claims, releases and assignments: owner changes queued for the
//! next sync like any write.

use crate::customer::record::Customer;
use crate::error::CrmError;
use crate::find::list::CustomerPage;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crm_core::CustomerId;

#[uniffi::export]
impl CrmStore {
    /// A page of the pool's customers (no owner, not archived), oldest first, as the last
    /// sync showed them (for a consultant: contacts masked, no history until claimed): at
    /// most `limit` (1 to 10,000), after `cursor` (the previous page's `next_cursor`).
    #[uniffi::method(default(cursor = None))]
    pub async fn pool_customers(
        &self,
        limit: i32,
        cursor: Option<String>,
    ) -> Result<CustomerPage, CrmError> {
        self.read(move |store| {
            let after = cursor.map(CustomerId::from);
            Ok(store
                .pool_customers(limit.unsigned("limit")?, after.as_ref())?
                .into())
        })
        .await
    }

    /// Claims pool customer `id` (领取) for this book's user; sent at the next sync, where
    /// the first claim the server receives wins (the other phone's claim comes back as a
    /// refusal naming the holder). Fails with `Forbidden` naming the reason when someone
    /// holds the customer or the team's rules say no (the wait after a release from the
    /// user, the daily claim limit, the hold limit); with `InvalidInput` on `user` on a
    /// book that never synced.
    pub async fn claim_customer(&self, id: CustomerId) -> Result<Customer, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Customers]), move |store| {
            Ok(store.claim_customer(&id)?.into())
        })
        .await
    }

    /// Releases customer `id` to the pool (退回公海), `reason` kept in the timeline
    /// (`InvalidInput` on `reason`: one line, at most 200 characters). A consultant
    /// releases only their own customers (`Forbidden` otherwise).
    #[uniffi::method(default(reason = None))]
    pub async fn release_customer(
        &self,
        id: CustomerId,
        reason: Option<String>,
    ) -> Result<Customer, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Customers]), move |store| {
            Ok(store.release_customer(&id, reason.as_deref())?.into())
        })
        .await
    }

    /// Assigns customer `id` to user `to` (分配): a manager's act (`Forbidden` for a
    /// consultant); the pool's limits do not apply. Sent at the next sync.
    pub async fn assign_customer(&self, id: CustomerId, to: String) -> Result<Customer, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Customers]), move |store| {
            Ok(store.assign_customer(&id, &to)?.into())
        })
        .await
    }
}

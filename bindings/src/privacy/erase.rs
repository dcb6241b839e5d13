//! Erasure (个人信息删除, PIPL art. 47): a customer and every piece of their personal data
//! removed from the book and from its files' bytes ([`Erasure`], `erase_customer`).

use crate::error::CrmError;
use crate::number::Signed;
use crate::store::CrmStore;
use crm_core::CustomerId;

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Erasure {
    /// The customer erased.
    pub customer_id: CustomerId,
    /// Their orders kept for the accounts, without a link to them or personal data.
    pub orders_kept: i64,
    /// Whether the file was rebuilt and its log truncated, so that no byte of the customer
    /// is left in the book's files; `false` while another process reads the book (the
    /// next erasure or `compact` cleans it).
    pub file_cleaned: bool,
}

impl From<crm_store::Erasure> for Erasure {
    fn from(e: crm_store::Erasure) -> Self {
        Erasure {
            customer_id: e.customer_id,
            orders_kept: e.orders_kept.signed(),
            file_cleaned: e.file_cleaned,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Erases customer `customer_id` and everything the book holds of them (contacts,
    /// follow-ups, plans, intents, visits, cars, care tasks, consent, the timeline, merge
    /// records, queued changes), in one transaction, then rebuilds the file so that no byte
    /// of them is left. Their orders stay for the accounts without personal data; the
    /// deletions log keeps a tombstone with `reason` (say why, not who). The next sync
    /// erases the server's copy and the other devices evict the customer. `deleteCustomer`
    /// removes the same data without a reason.
    ///
    /// Who may: on a synced book, a consultant erases the customers they own; a manager or
    /// an administrator any customer on the book. A book that never synced: its user.
    ///
    /// Fails with `InvalidInput` on `reason` (empty, several lines, over 200 characters),
    /// with `NotFound` for an unknown customer and with `Forbidden` (action `erase`) for a
    /// customer the user may not erase; nothing is written then.
    pub async fn erase_customer(
        &self,
        customer_id: CustomerId,
        reason: String,
    ) -> Result<Erasure, CrmError> {
        self.write(move |store| Ok(store.erase_customer(&customer_id, &reason)?.into()))
            .await
    }

    /// Rebuilds the book's file and truncates its log, so that nothing deleted before
    /// stays in its bytes and the file is as small as its data. Erasures do it themselves;
    /// deletions and a sync's evictions clean the quick way. Seconds on a large book: run
    /// it when the app is idle. Returns `false` while another process reads the book.
    pub async fn compact(&self) -> Result<bool, CrmError> {
        self.write(move |store| Ok(store.compact()?)).await
    }
}

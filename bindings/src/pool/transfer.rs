//! A manager's transfer of customers to another consultant (转移, 离职继承), through the
//! server at once.

use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Signed;
use crate::store::CrmStore;
use crm_core::pool::TransferRequest;

/// A customer a transfer left where it was, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransferRefusal {
    /// The customer.
    pub customer_id: String,
    /// Why, in the server's words (`deleted`, `unknown: ...`, `forbidden: ...`).
    pub reason: String,
}

/// What a transfer did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransferResult {
    /// Customers given to the new owner.
    pub transferred: i64,
    /// Customers the new owner already held.
    pub unchanged: i64,
    /// Customers left as they were.
    pub refused: Vec<TransferRefusal>,
}

impl From<crm_core::pool::TransferResult> for TransferResult {
    fn from(r: crm_core::pool::TransferResult) -> Self {
        TransferResult {
            transferred: r.transferred.signed(),
            unchanged: r.unchanged.signed(),
            refused: r
                .refused
                .into_iter()
                .map(|r| TransferRefusal {
                    customer_id: r.customer_id,
                    reason: r.reason,
                })
                .collect(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Transfers customers to user `to` through the server at `server` as the user of
    /// `token` (a manager or an admin), in one transaction there, then syncs this book:
    /// the `customers` named, or every customer `all_of` holds (give one, not both:
    /// `InvalidInput` on `customers`). Open plans and care tasks follow the customers; the
    /// old owner's phones drop them at their next sync. Fails with `Forbidden` for a
    /// consultant (nothing sent) or a user outside the manager's team; `Sync` when the
    /// server cannot be reached. Blocking: call it off the main thread.
    #[uniffi::method(default(customers = [], all_of = None))]
    pub async fn transfer_customers(
        &self,
        server: String,
        token: String,
        to: String,
        customers: Vec<String>,
        all_of: Option<String>,
    ) -> Result<TransferResult, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Customers]), move |store| {
            let request = TransferRequest {
                to,
                customers,
                all_of,
            };
            Ok(store.transfer_customers(&server, &token, &request)?.into())
        })
        .await
    }

    /// The ids of every customer saved view `view_id` selects now, in its order (for a
    /// transfer of a view's customers).
    pub async fn view_customer_ids(&self, view_id: String) -> Result<Vec<String>, CrmError> {
        self.read(move |store| {
            Ok(store
                .view_customer_ids(&view_id)?
                .into_iter()
                .map(|id| id.as_str().to_owned())
                .collect())
        })
        .await
    }
}

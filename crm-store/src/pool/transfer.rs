//! A manager's transfer (转移, 离职继承) sent to the server at once: the server moves every
//! customer in one transaction, so the answer is final and whole; an offline queue would
//! send thousands of separate owner changes, each judged on its own, long after the manager
//! decided. The book then syncs, so it shows the new owners.

use crate::error::{Result, StoreError};
use crate::find::listing::CustomerQuery;
use crate::store::Store;
use crate::sync::transport::Client;
use crm_core::pool::{TransferRequest, TransferResult, MAX_TRANSFER};
use crm_core::team::{self, Permission};
use crm_core::{CustomerId, Rule, ValidationError};

impl Store {
    /// Transfers customers to another consultant through the server at `server` as the
    /// user of `token` (a manager or an admin), then syncs this book. `request` names the
    /// customers (at most 100,000) or `all_of` one user, not both. Refused with
    /// [`StoreError::Forbidden`] for a consultant (before anything is sent) and for what the
    /// server refuses as a whole (a user outside the manager's team); customers refused one
    /// by one are in the result. [`StoreError::Sync`] when the server cannot be reached.
    pub fn transfer_customers(
        &self,
        server: &str,
        token: &str,
        request: &TransferRequest,
    ) -> Result<TransferResult> {
        if request.to.trim().is_empty() {
            return Err(ValidationError::new("to", Rule::Required).into());
        }
        if request.customers.is_empty() == request.all_of.is_none() {
            return Err(
                ValidationError::new("customers", Rule::Conflicts { with: "all_of" }).into(),
            );
        }
        if request.customers.len() > MAX_TRANSFER {
            return Err(
                ValidationError::new("customers", Rule::TooMany { max: MAX_TRANSFER }).into(),
            );
        }
        let user = self.sync_user()?;
        team::authorize(user.as_ref(), Permission::Transfer)?;
        let client = Client::new(server, token)?;
        let result: TransferResult = match (client.post("/v1/transfer", request), &user) {
            // The server's refusal of the whole transfer (a user outside the team).
            (
                Err(StoreError::Sync {
                    status: Some(403),
                    message,
                }),
                Some(user),
            ) => {
                return Err(team::Forbidden {
                    action: Permission::Transfer,
                    user: user.id.clone(),
                    role: crm_core::Code::code(user.role),
                    detail: Some(message),
                }
                .into())
            }
            (other, _) => other?,
        };
        self.sync(server, token)?;
        Ok(result)
    }

    /// The ids of every customer saved view `view_id` selects now, in its order.
    pub fn view_customer_ids(&self, view_id: &str) -> Result<Vec<CustomerId>> {
        let view = self.get_view(view_id)?;
        let mut ids = Vec::new();
        let mut query = CustomerQuery {
            filter: view.definition.filter,
            sort: view.definition.sort,
            limit: crate::find::listing::MAX_PAGE_SIZE,
            cursor: None,
        };
        loop {
            let page = self.query_customers(&query)?;
            ids.extend(page.customers.into_iter().map(|c| c.id));
            match page.next_cursor {
                Some(cursor) => query.cursor = Some(cursor),
                None => return Ok(ids),
            }
        }
    }
}

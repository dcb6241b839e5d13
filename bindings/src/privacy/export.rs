//! Export on request (查阅复制, PIPL art. 45): one customer's data as a JSON document.

use crate::error::CrmError;
use crate::store::CrmStore;
use crm_core::CustomerId;

#[uniffi::export]
impl CrmStore {
    /// Everything the book holds about customer `customer_id` as one JSON document, read
    /// in one transaction: `format` ("dealer-crm.customer-export") and `format_version`
    /// (1) first, then the customer, consent, follow-ups, plans, intents, intent levels,
    /// visits, orders, stage moves, cars with their odometer readings, care tasks, the
    /// customers merged into this one, and the timeline (layout: `crm_store::CustomerExport`).
    /// Hand it to the person who asked, as a file. `NotFound` for an unknown customer.
    pub async fn export_customer(&self, customer_id: CustomerId) -> Result<String, CrmError> {
        self.read(move |store| {
            let export = store.export_customer(&customer_id)?;
            serde_json::to_string_pretty(&export).map_err(|e| CrmError::Storage {
                detail: format!("export: {e}"),
            })
        })
        .await
    }
}

//! Loading many customers at once (导入): one transaction per call, as an app does when it
//! brings in a dealership's old records.

use crate::custom::Timestamp;
use crate::customer::record::NewCustomer;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::store::CrmStore;
use crm_core::CustomerId;

/// One customer of [`CrmStore::import_customers`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustomerImport {
    /// The customer, as `createCustomer` takes it.
    pub customer: NewCustomer,
    /// When the customer was first recorded (not after now).
    pub created_at: Timestamp,
}

#[uniffi::export]
impl CrmStore {
    /// Stores `customers` as new customers, all in one transaction, and returns their ids
    /// in order. A phone, WeChat ID or e-mail already stored, or given twice in the list,
    /// fails the whole call with `DuplicateContact` (`customers[3].contacts[0].value`);
    /// a bad field with `InvalidInput` naming it (`customers[3].name`). Nothing is written
    /// when it fails.
    pub async fn import_customers(
        &self,
        customers: Vec<CustomerImport>,
    ) -> Result<Vec<CustomerId>, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Customers]), move |store| {
            let batch = customers
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    Ok(crm_store::CustomerImport {
                        customer: crm_core::NewCustomer::try_from(c.customer)
                            .map_err(|e| e.within(&format!("customers[{i}]")))?,
                        created_at: c.created_at,
                    })
                })
                .collect::<Result<Vec<_>, CrmError>>()?;
            Ok(store.import_customers(&batch)?)
        })
        .await
    }
}

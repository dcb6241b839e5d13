//! The exported object: a customer book in one SQLite file.

use crate::error::CrmError;
use crate::records::{Customer, CustomerPage, CustomerPatch, ListQuery, NewCustomer};
use crm_core::CustomerId;
use std::sync::Arc;

/// A customer book (客户档案) in one SQLite file.
///
/// Every method blocks on disk I/O: call it off the UI thread (Kotlin:
/// `withContext(Dispatchers.IO)`; Swift: from a background task, not the main actor).
/// One instance can be shared by every thread of the app; writes are serialised, reads run
/// beside them. When a call fails, nothing was written.
#[derive(Debug, uniffi::Object)]
pub struct CrmStore {
    store: crm_store::Store,
}

#[uniffi::export]
impl CrmStore {
    /// Opens the database at `path`, creating it if needed and upgrading its schema.
    ///
    /// Fails with `DatabaseTooNew` when a newer app version wrote the file (it is left
    /// untouched), and with `Storage` when the file cannot be opened or is not a database.
    #[uniffi::constructor]
    pub fn new(path: String) -> Result<Arc<Self>, CrmError> {
        let store = crm_store::Store::open(path)?;
        Ok(Arc::new(CrmStore { store }))
    }

    /// Validates `customer` and stores it as a new customer at version 1.
    ///
    /// Fails with `InvalidInput` naming the first wrong field (`name`, `contacts[0].value` ...).
    pub fn create_customer(&self, customer: NewCustomer) -> Result<Customer, CrmError> {
        let new = crm_core::NewCustomer::try_from(customer)?;
        Ok(self.store.create_customer(&new)?.into())
    }

    /// The customer `id`, archived or not. Fails with `NotFound`.
    pub fn get_customer(&self, id: CustomerId) -> Result<Customer, CrmError> {
        Ok(self.store.get_customer(&id)?.into())
    }

    /// Applies `patch` to customer `id` if it is still at `expected_version`, and returns
    /// the customer at its new version.
    ///
    /// Fails with `Conflict` when someone changed it since (reload and retry), `NotFound`,
    /// or `InvalidInput` when the patched customer breaks a rule.
    pub fn update_customer(
        &self,
        id: CustomerId,
        expected_version: u64,
        patch: CustomerPatch,
    ) -> Result<Customer, CrmError> {
        let patch = crm_core::CustomerPatch::try_from(patch)?;
        Ok(self
            .store
            .update_customer(&id, expected_version, &patch)?
            .into())
    }

    /// Archives customer `id`: hidden from default lists, kept whole. Checks the version
    /// like `update_customer`.
    pub fn archive_customer(
        &self,
        id: CustomerId,
        expected_version: u64,
    ) -> Result<Customer, CrmError> {
        Ok(self.store.archive_customer(&id, expected_version)?.into())
    }

    /// Brings an archived customer back. Checks the version like `update_customer`.
    pub fn restore_customer(
        &self,
        id: CustomerId,
        expected_version: u64,
    ) -> Result<Customer, CrmError> {
        Ok(self.store.restore_customer(&id, expected_version)?.into())
    }

    /// Deletes customer `id` with its contacts and tags, for good. Fails with `NotFound`.
    pub fn delete_customer(&self, id: CustomerId) -> Result<(), CrmError> {
        Ok(self.store.delete_customer(&id)?)
    }

    /// One page of customer summaries, newest first, in a single call. Continue with
    /// `query.cursor = page.next_cursor` until it is absent.
    ///
    /// Fails with `InvalidInput` for a `limit` outside 1 to 10,000 (field `limit`) or a
    /// cursor this store did not hand out (field `cursor`).
    #[uniffi::method(default(query))]
    pub fn list_customers(&self, query: ListQuery) -> Result<CustomerPage, CrmError> {
        Ok(self.store.list_customers(&query.into())?.into())
    }

    /// How many customers there are; archived ones only when `include_archived`.
    #[uniffi::method(default(include_archived = false))]
    pub fn count_customers(&self, include_archived: bool) -> Result<u64, CrmError> {
        Ok(self.store.count_customers(include_archived)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::{ContactKind, Gender, Importance, SourceChannel};
    use crate::records::ContactInput;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn the_store_can_be_shared_between_threads() {
        assert_send_sync::<CrmStore>();
    }

    #[test]
    fn a_customer_round_trips_through_the_exported_object() {
        let dir = std::env::temp_dir().join(format!("crm-ffi-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.sqlite3");
        let _ = std::fs::remove_file(&path);
        let store = CrmStore::new(path.to_string_lossy().into_owned()).unwrap();
        let created = store
            .create_customer(NewCustomer {
                name: " 张三 ".into(),
                gender: Gender::Male,
                birthday: None,
                age_band: None,
                occupation: None,
                region: Default::default(),
                notes: None,
                contacts: vec![ContactInput {
                    kind: ContactKind::Mobile,
                    value: "138 1234 5678".into(),
                    label: None,
                    primary: false,
                }],
                source: SourceChannel::ShowroomWalkIn,
                first_contact: None,
                tags: vec![],
                importance: Importance::Normal,
                owner: None,
            })
            .unwrap();
        assert_eq!(created.name, "张三");
        assert_eq!(created.contacts[0].key, "+8613812345678");
        assert_eq!(store.get_customer(created.id.clone()).unwrap(), created);
        assert_eq!(store.count_customers(false).unwrap(), 1);
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

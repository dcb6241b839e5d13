//! The exported object: a customer book in one SQLite file.

use crate::duplicates::{DuplicateContact, WriteOptions};
use crate::error::CrmError;
use crate::facets::Facets;
use crate::filter::CustomerFilter;
use crate::query::CustomerQuery;
use crate::records::{ContactInput, Customer, CustomerPage, CustomerPatch, ListQuery, NewCustomer};
use crate::search::{SearchHit, SearchOptions};
use crate::views::{SavedView, ViewDefinition};
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
    /// The store every method forwards to (the feature files add methods of their own).
    pub(crate) store: crm_store::Store,
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

    /// Opens an existing book for reading only: nothing is created, upgraded or written,
    /// so it works on a read-only file (a backup, a file another app shares) and never
    /// changes it. Every write fails with `Storage`.
    ///
    /// Fails with `Storage` when there is no such file, when it is empty or another
    /// application's, or when its schema is older than this library's (open it with the
    /// read-write constructor once); with `DatabaseTooNew` for a newer one.
    #[uniffi::constructor]
    pub fn open_read_only(path: String) -> Result<Arc<Self>, CrmError> {
        let store = crm_store::Store::open_read_only(path)?;
        Ok(Arc::new(CrmStore { store }))
    }

    /// Writes a consistent copy of the whole book to `path` as one self-contained file
    /// that opens as a complete book (readable by the app only). Other calls may write
    /// meanwhile; their changes are not in the copy.
    ///
    /// Fails with `InvalidInput` on `path` when a non-empty file is there already.
    pub fn backup_to(&self, path: String) -> Result<(), CrmError> {
        Ok(self.store.backup_to(path)?)
    }

    /// Validates `customer` and stores it as a new customer at version 1.
    ///
    /// Fails with `InvalidInput` naming the first wrong field (`name`, `contacts[0].value` ...),
    /// and with `DuplicateContact` when a phone, WeChat ID or e-mail already belongs to
    /// another customer (撞单), unless `options.allow_duplicates`.
    #[uniffi::method(default(options))]
    pub fn create_customer(
        &self,
        customer: NewCustomer,
        options: WriteOptions,
    ) -> Result<Customer, CrmError> {
        let new = crm_core::NewCustomer::try_from(customer)?;
        Ok(self
            .store
            .create_customer_with(&new, options.into())?
            .into())
    }

    /// The customer `id`, archived or not. Fails with `NotFound`.
    pub fn get_customer(&self, id: CustomerId) -> Result<Customer, CrmError> {
        Ok(self.store.get_customer(&id)?.into())
    }

    /// Applies `patch` to customer `id` if it is still at `expected_version`, and returns
    /// the customer at its new version.
    ///
    /// Fails with `Conflict` when someone changed it since (reload and retry), `NotFound`,
    /// `InvalidInput` when the patched customer breaks a rule, or `DuplicateContact` when
    /// an added contact belongs to another customer, unless `options.allow_duplicates`.
    #[uniffi::method(default(options))]
    pub fn update_customer(
        &self,
        id: CustomerId,
        expected_version: u64,
        patch: CustomerPatch,
        options: WriteOptions,
    ) -> Result<Customer, CrmError> {
        let patch = crm_core::CustomerPatch::try_from(patch)?;
        Ok(self
            .store
            .update_customer_with(&id, expected_version, &patch, options.into())?
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

    // --- Quick search (快速查找) -----------------------------------------------------------

    /// Customers matching `query` as the user types it: a name or any part of it, its pinyin
    /// (full `zhangsan`, prefix `zhang`, initials `zs`), any 4 or more digits of a phone (the
    /// last four) or the whole number however typed (`010-6552 9988` with its area code's
    /// `0`, `8613800138000` without `+`), a WeChat ID or e-mail (prefix or part). Best first: exact matches, then
    /// prefixes, then substrings; within a tier the most recently contacted first.
    ///
    /// Fails with `InvalidInput` on `query` when it is blank or longer than 64 characters,
    /// and on `limit` outside 1 to 200.
    #[uniffi::method(default(options))]
    pub fn search_customers(
        &self,
        query: String,
        options: SearchOptions,
    ) -> Result<Vec<SearchHit>, CrmError> {
        let hits = self.store.search_customers(&query, &options.into())?;
        Ok(hits.into_iter().map(Into::into).collect())
    }

    // --- Filtered lists (高级筛选) ------------------------------------------------------------

    /// One page of the customers matching `query.filter`, in `query.sort`, in a single call.
    /// Continue with `query.cursor = page.next_cursor` until it is absent.
    ///
    /// Fails with `InvalidInput` naming a wrong filter value (`birthday_months[0]`,
    /// `created_to` ...), a `limit` outside 1 to 10,000, or a `cursor` this store did not hand
    /// out for this sort.
    #[uniffi::method(default(query))]
    pub fn query_customers(&self, query: CustomerQuery) -> Result<CustomerPage, CrmError> {
        Ok(self.store.query_customers(&query.try_into()?)?.into())
    }

    /// How many customers match `filter` (for "1,234 customers" above a list).
    #[uniffi::method(default(filter))]
    pub fn count_matching(&self, filter: CustomerFilter) -> Result<u64, CrmError> {
        Ok(self.store.count_matching(&filter.try_into()?)?)
    }

    /// Among the customers matching `filter`, how many have each channel, tag and importance:
    /// the numbers on filter chips.
    #[uniffi::method(default(filter))]
    pub fn facet_counts(&self, filter: CustomerFilter) -> Result<Facets, CrmError> {
        Ok(self.store.facet_counts(&filter.try_into()?)?.try_into()?)
    }

    // --- Saved views (保存的视图) -------------------------------------------------------------

    /// Saves a new view named `name` (trimmed, at most 40 characters).
    ///
    /// Fails with `InvalidInput` on `name` when it is blank, too long or already used by
    /// another view (ignoring case; reason "is already used"), or naming a wrong value of the
    /// definition (`filter.birthday_months[0]`, `columns`).
    pub fn create_view(
        &self,
        name: String,
        definition: ViewDefinition,
    ) -> Result<SavedView, CrmError> {
        let view = self.store.create_view(&name, &definition.try_into()?)?;
        Ok(view.try_into()?)
    }

    /// The view `id`. Fails with `NotFound`.
    pub fn get_view(&self, id: String) -> Result<SavedView, CrmError> {
        Ok(self.store.get_view(&id)?.try_into()?)
    }

    /// Every saved view, by name (ignoring case).
    pub fn list_views(&self) -> Result<Vec<SavedView>, CrmError> {
        let views = self.store.list_views()?;
        Ok(views
            .into_iter()
            .map(SavedView::try_from)
            .collect::<Result<_, _>>()?)
    }

    /// Renames view `id` if it is still at `expected_version`; returns it at its new version.
    /// Fails like `create_view` on the name, with `Conflict` or `NotFound`.
    pub fn rename_view(
        &self,
        id: String,
        expected_version: u64,
        name: String,
    ) -> Result<SavedView, CrmError> {
        let view = self.store.rename_view(&id, expected_version, &name)?;
        Ok(view.try_into()?)
    }

    /// Replaces the filter, sort and columns of view `id` if it is still at
    /// `expected_version`; returns it at its new version. Fails with `InvalidInput`,
    /// `Conflict` or `NotFound`.
    pub fn update_view(
        &self,
        id: String,
        expected_version: u64,
        definition: ViewDefinition,
    ) -> Result<SavedView, CrmError> {
        let view = self
            .store
            .update_view(&id, expected_version, &definition.try_into()?)?;
        Ok(view.try_into()?)
    }

    /// Deletes view `id` (its customers are untouched). Fails with `NotFound`.
    pub fn delete_view(&self, id: String) -> Result<(), CrmError> {
        Ok(self.store.delete_view(&id)?)
    }

    /// One page of the customers view `id` shows, in its sort. `limit` is 1 to 10,000
    /// (absent: 50); continue with `cursor = page.next_cursor`. Fails with `NotFound`.
    #[uniffi::method(default(limit = None, cursor = None))]
    pub fn run_view(
        &self,
        id: String,
        limit: Option<u32>,
        cursor: Option<String>,
    ) -> Result<CustomerPage, CrmError> {
        let limit = limit.unwrap_or(crm_store::CustomerQuery::default().limit);
        Ok(self.store.run_view(&id, limit, cursor)?.into())
    }

    // --- Duplicates (撞单) and merging --------------------------------------------------------

    /// Which of `contacts` already belong to a customer: the check while a form is filled
    /// in, before `create_customer`. Empty when none does.
    ///
    /// Fails with `InvalidInput` on a malformed contact (`contacts[0].value`).
    pub fn check_duplicates(
        &self,
        contacts: Vec<ContactInput>,
    ) -> Result<Vec<DuplicateContact>, CrmError> {
        let contacts: Vec<crm_core::ContactInput> = contacts.into_iter().map(Into::into).collect();
        let found = self.store.check_duplicates(&contacts)?;
        Ok(found.into_iter().map(Into::into).collect())
    }

    /// Merges customer `other_id` into `keep_id` (合并客户), in one transaction: contacts and
    /// tags are united (`keep`'s primary contact stays primary), `keep`'s fields win and
    /// `other`'s fill the gaps, referrals of `other` now point at `keep`, and `other` is
    /// deleted. Returns the merged customer at its new version.
    ///
    /// Both versions must be current: `Conflict` otherwise; `NotFound` for either id;
    /// `InvalidInput` on `other` when both ids are the same customer.
    pub fn merge_customers(
        &self,
        keep_id: CustomerId,
        keep_version: u64,
        other_id: CustomerId,
        other_version: u64,
    ) -> Result<Customer, CrmError> {
        Ok(self
            .store
            .merge_customers(&keep_id, keep_version, &other_id, other_version)?
            .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::{ContactKind, Gender, Importance, SourceChannel};

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
            .create_customer(
                NewCustomer {
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
                },
                WriteOptions::default(),
            )
            .unwrap();
        assert_eq!(created.name, "张三");
        assert_eq!(created.contacts[0].key, "+8613812345678");
        assert_eq!(store.get_customer(created.id.clone()).unwrap(), created);
        assert_eq!(store.count_customers(false).unwrap(), 1);
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

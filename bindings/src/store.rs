//! The exported object, [`CrmStore`]: a customer book in one SQLite file, its constructors,
//! the backup, and `library_version()`. The features add their methods in `#[uniffi::export]
//! impl CrmStore` blocks of their own, in their folders; uniffi merges them into one class.

use crate::error::CrmError;
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

/// The version of the native library (`0.1.0`), for logs and bug reports. Also the
/// cheapest call there is: the benchmarks time it as the bare cost of one FFI call.
#[uniffi::export]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
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

    /// A new, empty book in memory, gone when the object is dropped: for tests, where a
    /// file per case costs its creation. Everything works as on a file (`new(":memory:")`
    /// does the same).
    #[uniffi::constructor]
    pub fn open_in_memory() -> Result<Arc<Self>, CrmError> {
        let store = crm_store::Store::open_in_memory()?;
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn the_store_can_be_shared_between_threads() {
        assert_send_sync::<CrmStore>();
    }
}

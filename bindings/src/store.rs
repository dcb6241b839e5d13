//! The exported object, [`CrmStore`]: a customer book in one SQLite file, its constructors,
//! the backup, `library_version()`, and the two helpers every async method runs its work
//! through ([`CrmStore::write`], [`CrmStore::read`]). The features add their methods in
//! `#[uniffi::export] impl CrmStore` blocks of their own, in their folders; uniffi merges
//! them into one class.

use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::{Notifier, Touched};
use crate::live::watcher::{Watcher, POLL_EVERY};
use crate::runtime::workers::{Lane, Workers};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError, Weak};

/// A customer book (客户档案) in one SQLite file.
///
/// Every method is async (Kotlin `suspend`, Swift `async`): its SQLite work runs on the
/// library's own threads, one writer (writes one after another, in call order) and two
/// readers, never on the caller's thread, so it may be called from the main thread or any
/// dispatcher. One instance can be shared by the whole app. When a call fails, nothing was
/// written; a call whose caller was cancelled before it started never runs, one already
/// running completes whole. The constructors open the file on the caller's thread.
#[derive(Debug, uniffi::Object)]
pub struct CrmStore {
    /// The threads every method's work runs on, each holding the store.
    workers: Workers,
    /// This store's number, which tells its own writes from other stores' on the same file.
    id: u64,
    /// The change listeners of every `CrmStore` open on this file in the process.
    notifier: Arc<Notifier>,
    /// The store the workers hold, for the watcher (which must not keep it open).
    store: Weak<crm_store::Store>,
    /// Polls the file for other processes' writes, from the first listener on.
    watcher: Mutex<Option<Watcher>>,
}

impl CrmStore {
    /// The exported object over `store`, opened from `path` (`None` in memory), its worker
    /// threads started and its change listeners shared with the other stores of the file.
    pub(crate) fn start(
        store: crm_store::Store,
        path: Option<&str>,
    ) -> Result<Arc<Self>, CrmError> {
        let store = Arc::new(store);
        let weak = Arc::downgrade(&store);
        let workers = Workers::start(store)?;
        Ok(Arc::new(CrmStore {
            workers,
            id: Notifier::store_id(),
            notifier: Notifier::for_book(path),
            store: weak,
            watcher: Mutex::new(None),
        }))
    }

    /// This store's number among the stores of the process.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// The change listeners of this store's file.
    pub(crate) fn notifier(&self) -> &Notifier {
        &self.notifier
    }

    /// Whether the book's file is polled for other processes' writes.
    #[cfg(test)]
    pub(crate) fn watches_other_processes(&self) -> bool {
        self.watcher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    /// Starts polling the book's file for other processes' writes, once (see [`Watcher`];
    /// a book in memory has none).
    pub(crate) fn watch_other_processes(&self) {
        let mut watcher = self.watcher.lock().unwrap_or_else(PoisonError::into_inner);
        if watcher.is_none() {
            *watcher = Watcher::start(
                Weak::clone(&self.store),
                Arc::clone(&self.notifier),
                self.id,
                POLL_EVERY,
            );
        }
    }

    /// Runs `call` with the store on the writer thread, after the writes called before it,
    /// and resolves to what it returns; when it succeeded, the change listeners hear that
    /// any kind of data may have changed. Every exported method that changes the book is
    /// this and nothing more:
    ///
    /// ```ignore
    /// pub async fn delete_customer(&self, id: CustomerId) -> Result<(), CrmError> {
    ///     self.write(move |store| Ok(store.delete_customer(&id)?)).await
    /// }
    /// ```
    ///
    /// [`CrmStore::write_touching`] says more precisely what changed, so that fewer live
    /// queries re-run.
    pub(crate) fn write<T, F>(&self, call: F) -> impl Future<Output = Result<T, CrmError>>
    where
        T: Send + 'static,
        F: FnOnce(&crm_store::Store) -> Result<T, CrmError> + Send + 'static,
    {
        self.write_touching(Touched::kinds(&DataKind::ALL), call)
    }

    /// [`CrmStore::write`] for a call that changes only `touched`'s kinds (of its customer):
    /// `self.write_touching(Touched::kinds(&[DataKind::FollowUps]).of(&customer_id), ...)`.
    pub(crate) fn write_touching<T, F>(
        &self,
        touched: Touched,
        call: F,
    ) -> impl Future<Output = Result<T, CrmError>>
    where
        T: Send + 'static,
        F: FnOnce(&crm_store::Store) -> Result<T, CrmError> + Send + 'static,
    {
        self.workers.run(Lane::Write, self.telling(touched, call))
    }

    /// Runs `call` on a reader thread, as it waits on the network, and tells the listeners
    /// that rows of any kind came from the server: `sync` and the calls that apply the
    /// server's answers.
    pub(crate) fn sync_call<T, F>(&self, call: F) -> impl Future<Output = Result<T, CrmError>>
    where
        T: Send + 'static,
        F: FnOnce(&crm_store::Store) -> Result<T, CrmError> + Send + 'static,
    {
        self.workers
            .run(Lane::Read, self.telling(Touched::sync(), call))
    }

    /// `call`, followed, when it succeeded, by telling the listeners of the file that
    /// `touched` was committed (on the worker thread, so that a cancelled caller cannot
    /// keep a committed write from being heard).
    fn telling<T, F>(
        &self,
        touched: Touched,
        call: F,
    ) -> impl FnOnce(&crm_store::Store) -> Result<T, CrmError> + Send + 'static
    where
        F: FnOnce(&crm_store::Store) -> Result<T, CrmError> + Send + 'static,
    {
        let notifier = Arc::clone(&self.notifier);
        let from = self.id;
        move |store| {
            let out = call(store);
            if out.is_ok() {
                notifier.notify(from, &touched);
            }
            out
        }
    }

    /// Runs `call` with the store on a reader thread (beside the writes) and resolves to
    /// what it returns: every exported method that only reads, as [`CrmStore::write`] shows.
    pub(crate) fn read<T, F>(&self, call: F) -> impl Future<Output = Result<T, CrmError>>
    where
        T: Send + 'static,
        F: FnOnce(&crm_store::Store) -> Result<T, CrmError> + Send + 'static,
    {
        self.workers.run(Lane::Read, call)
    }
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
        let store = crm_store::Store::open(&path)?;
        CrmStore::start(store, Some(&path))
    }

    /// A new, empty book in memory, gone when the object is dropped: for tests, where a
    /// file per case costs its creation. Everything works as on a file (`new(":memory:")`
    /// does the same).
    #[uniffi::constructor]
    pub fn open_in_memory() -> Result<Arc<Self>, CrmError> {
        CrmStore::start(crm_store::Store::open_in_memory()?, None)
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
        let store = crm_store::Store::open_read_only(&path)?;
        CrmStore::start(store, Some(&path))
    }

    /// Writes a consistent copy of the whole book to `path` as one self-contained file
    /// that opens as a complete book (readable by the app only). Other calls may write
    /// meanwhile; their changes are not in the copy.
    ///
    /// Fails with `InvalidInput` on `path` when a non-empty file is there already.
    pub async fn backup_to(&self, path: String) -> Result<(), CrmError> {
        self.read(move |store| Ok(store.backup_to(path)?)).await
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

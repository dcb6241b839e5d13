//! The store: one SQLite file, one writer connection and one reader connection.

use crate::db::connection::{self, Access};
use crate::db::schema;
use crate::error::{Result, StoreError};
use crm_core::Clock;
use parking_lot::ReentrantMutex;
use rusqlite::Connection;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The system clock: the default for a store.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now()
    }
}

/// The writer connection. Reentrant on one thread, so that the operations a
/// [`Store::batch`] runs join the batch's transaction instead of waiting for it.
type Writer = ReentrantMutex<RefCell<Connection>>;

/// A customer book in one SQLite file.
///
/// Writes go through one connection in IMMEDIATE transactions (one operation, one
/// transaction: an error leaves the file as it was); reads go through a second, read-only
/// connection, which WAL lets run beside a write. Each connection sits behind a mutex, so a
/// `Store` is `Send + Sync` and can be shared between threads.
///
/// The write-ahead log stays small: SQLite checkpoints it every few hundred pages, the store
/// truncates it after a write that left it above a few MiB, and the last connection to close
/// folds it into the database and removes it.
pub struct Store {
    // Declared (and so dropped) before the writer: the last connection to close a WAL
    // database checkpoints the log and deletes it, which a read-only connection cannot do.
    reader: Mutex<Connection>,
    /// `None` for a store opened with [`Store::open_read_only`].
    writer: Option<Writer>,
    clock: Arc<dyn Clock>,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.writer.is_none())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A new file is created readable by its owner only. A file written by a newer library
    /// fails with [`StoreError::TooNew`], a file of another application (tables, and no
    /// schema version of ours) with [`StoreError::NotABook`]; both are left untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// Like [`Store::open`], with the clock the store stamps records with.
    pub fn open_with_clock(path: impl AsRef<Path>, clock: Arc<dyn Clock>) -> Result<Store> {
        let path = connection::file_path(path.as_ref())?;
        let writer = connection::open_writer(&path)?;
        let reader = connection::open_reader(&path, Access::BesideWriter)?;
        Ok(Store {
            reader: Mutex::new(reader),
            writer: Some(ReentrantMutex::new(RefCell::new(writer))),
            clock,
            path,
        })
    }

    /// Opens an existing book for reading only: nothing is created, migrated or written,
    /// so it works on a read-only file in a read-only folder and on a book another process
    /// is writing. Every write fails with [`StoreError::ReadOnly`].
    ///
    /// Fails with [`StoreError::NotABook`] for a missing, empty or foreign file,
    /// [`StoreError::TooNew`] for a newer schema, and [`StoreError::NeedsUpgrade`] for an
    /// older one (a read-write [`Store::open`] upgrades it).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_read_only_with_clock(path, Arc::new(SystemClock))
    }

    /// Like [`Store::open_read_only`], with the clock that says what "today" is.
    pub fn open_read_only_with_clock(
        path: impl AsRef<Path>,
        clock: Arc<dyn Clock>,
    ) -> Result<Store> {
        let path = connection::file_path(path.as_ref())?;
        let reader = connection::open_reader(&path, Access::Alone)?;
        let found = schema::check_is_book(&reader)?;
        if found == 0 {
            return Err(StoreError::NotABook {
                reason: "it is empty",
            });
        }
        if found < schema::SCHEMA_VERSION {
            return Err(StoreError::NeedsUpgrade {
                found,
                supported: schema::SCHEMA_VERSION,
            });
        }
        Ok(Store {
            reader: Mutex::new(reader),
            writer: None,
            clock,
            path,
        })
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store's clock.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Whether this store was opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// Runs `f`'s operations in one transaction: every write `f` makes through `store`
    /// (the same store) is committed together when `f` returns `Ok`, and none is when it
    /// returns an error. Reads inside `f` see the batch's own writes.
    ///
    /// For loading much at once (a day's data synced down, an import, a generated book): a
    /// thousand small writes in one batch cost about what one write does, instead of a
    /// commit each. An operation that fails inside the batch leaves the batch as it was
    /// before that operation, so `f` may also handle the error and go on. Other threads'
    /// writes wait until the batch ends; batches on one thread nest (the inner one joins
    /// the outer).
    pub fn batch<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let writer = self.writer()?;
        let guard = writer.lock();
        if !guard.borrow().is_autocommit() {
            // Already inside a batch on this thread: join it.
            return f(self);
        }
        guard.borrow().execute_batch("BEGIN IMMEDIATE")?;
        let open = OpenBatch { conn: &guard };
        let value = f(self);
        match value {
            Ok(value) => {
                open.commit()?;
                connection::bound_log(&guard.borrow(), &self.path, &self.reader);
                Ok(value)
            }
            Err(e) => Err(e), // `open` rolls back when dropped
        }
    }

    /// Runs `f` inside one IMMEDIATE transaction on the writer; commits if it returns `Ok`,
    /// rolls back otherwise. Inside a [`Store::batch`] on this thread, `f` runs in a
    /// savepoint of the batch's transaction instead.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let writer = self.writer()?;
        let guard = writer.lock();
        let mut conn = guard.borrow_mut();
        if !conn.is_autocommit() {
            let savepoint = conn.savepoint()?;
            let value = f(&savepoint)?;
            savepoint.commit()?;
            return Ok(value);
        }
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        connection::bound_log(&conn, &self.path, &self.reader);
        Ok(value)
    }

    /// Runs `f` on the reader connection inside one read transaction, so that several
    /// queries see one snapshot. Inside a [`Store::batch`] on this thread, `f` reads on the
    /// writer, so that it sees the batch's writes.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if let Some(guard) = self.writer.as_ref().and_then(|w| w.try_lock()) {
            // Held by this thread (reentrant) or by no one; a transaction open on it can
            // only be this thread's batch.
            if let Ok(conn) = guard.try_borrow() {
                if !conn.is_autocommit() {
                    return f(&conn);
                }
            }
        }
        let mut conn = lock(&self.reader);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?;
        f(&tx)
    }

    /// Runs `f` on the reader connection outside any transaction (`VACUUM INTO`).
    pub(crate) fn with_reader<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&lock(&self.reader))
    }

    fn writer(&self) -> Result<&Writer> {
        self.writer.as_ref().ok_or(StoreError::ReadOnly)
    }
}

/// A batch's open transaction: rolled back when dropped without [`OpenBatch::commit`], so
/// that an error or a panic inside the batch leaves nothing half-written.
struct OpenBatch<'a> {
    conn: &'a RefCell<Connection>,
}

impl OpenBatch<'_> {
    fn commit(self) -> Result<()> {
        let result = self.conn.borrow().execute_batch("COMMIT");
        if result.is_ok() {
            std::mem::forget(self);
        }
        Ok(result?)
    }
}

impl Drop for OpenBatch<'_> {
    fn drop(&mut self) {
        if let Ok(conn) = self.conn.try_borrow() {
            if !conn.is_autocommit() {
                // Nothing else can be done about a failed rollback here; the connection
                // rolls back on close.
                let _ = conn.execute_batch("ROLLBACK");
            }
        }
    }
}

/// A poisoned mutex only means another thread panicked while holding it; SQLite's own
/// transaction state is still consistent (an open transaction is rolled back on drop).
pub(crate) fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

//! The store: one SQLite file, one writer connection and one reader connection.

use crate::error::Result;
use crate::schema;
use crm_core::Clock;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How long a connection waits for another process's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Page cache per connection, in KiB (SQLite's default is 2 MiB). A 200,000-customer book is
/// a few hundred MiB; with the default cache, every index insert and list row misses.
pub(crate) const CACHE_KIB: i64 = 32 * 1024;

/// Memory-mapped reads, in bytes: pages are read without a system call each. Address space
/// only; the OS shares the mapping with its file cache.
const MMAP_BYTES: i64 = 256 * 1024 * 1024;

/// The system clock: the default for a store.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now()
    }
}

/// A customer book in one SQLite file.
///
/// Writes go through one connection in IMMEDIATE transactions (one operation, one
/// transaction: an error leaves the file as it was); reads go through a second, read-only
/// connection, which WAL lets run beside a write. Each connection sits behind a mutex, so a
/// `Store` is `Send + Sync` and can be shared between threads.
pub struct Store {
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    clock: Arc<dyn Clock>,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A file written by a newer library fails with [`crate::StoreError::TooNew`] and is
    /// left untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// Like [`Store::open`], with the clock the store stamps records with.
    pub fn open_with_clock(path: impl AsRef<Path>, clock: Arc<dyn Clock>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        // An in-memory or temporary database would give the reader connection a second,
        // empty database: refuse it rather than lose writes from sight.
        let text = path.to_string_lossy();
        if text.is_empty() || text == ":memory:" || text.starts_with("file::memory:") {
            return Err(crm_core::ValidationError::new(
                "path",
                crm_core::Rule::Malformed {
                    expected: "a database file path (in-memory databases are not supported)",
                },
            )
            .into());
        }
        let mut writer = Connection::open(&path)?;
        // Check before any pragma that writes (journal_mode=WAL changes the file header).
        schema::check_not_newer(&writer)?;
        writer.busy_timeout(BUSY_TIMEOUT)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        configure(&writer)?;
        schema::migrate(&mut writer)?;
        let reader = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        reader.busy_timeout(BUSY_TIMEOUT)?;
        configure(&reader)?;
        Ok(Store {
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
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

    /// Runs `f` inside one IMMEDIATE transaction on the writer; commits if it returns `Ok`,
    /// rolls back otherwise.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` on the reader connection inside one read transaction, so that several
    /// queries see one snapshot.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.reader);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        f(&tx)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// A poisoned mutex only means another thread panicked while holding it; SQLite's own
/// transaction state is still consistent (an open transaction is rolled back on drop).
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

//! The book's two connections and the transactions on them: one writer in IMMEDIATE
//! transactions, reentrant on its thread so that a batch's operations join the batch's
//! transaction, and one read-only reader that WAL lets run beside a write.

use super::connection::{self, Access, Cleaning, Key};
use super::schema;
use crate::error::{Result, StoreError};
use parking_lot::ReentrantMutex;
use rusqlite::Connection;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The writer connection. Reentrant on one thread, so that the operations a batch runs join
/// the batch's transaction instead of waiting for it.
type Writer = ReentrantMutex<RefCell<Connection>>;

/// One book's connections, each behind a mutex (so they can be shared between threads).
pub(crate) struct Connections {
    // Declared (and so dropped) before the writer: the last connection to close a WAL
    // database checkpoints the log and deletes it, which a read-only connection cannot do.
    /// `None` for an in-memory book, which a second connection could not see: its reads go
    /// through the writer.
    reader: Option<Mutex<Connection>>,
    /// `None` for a book opened read-only.
    writer: Option<Writer>,
    path: PathBuf,
}

impl Connections {
    /// Opens (creating if needed) the book at `path` for reading and writing, its schema
    /// brought up to date with `backfills` (see [`schema::migrate`]).
    pub(crate) fn open(
        path: &Path,
        backfills: &[schema::Backfill],
        key: Option<&Key>,
    ) -> Result<Connections> {
        let path = connection::file_path(path)?;
        let mut writer = connection::open_writer(&path, key)?;
        schema::migrate(&mut writer, backfills)?;
        let reader = connection::open_reader(&path, Access::BesideWriter, key)?;
        Ok(Connections {
            reader: Some(Mutex::new(reader)),
            writer: Some(ReentrantMutex::new(RefCell::new(writer))),
            path,
        })
    }

    /// Opens a new, empty book in memory, gone when dropped: one connection for writes and
    /// reads, so reads wait for writes.
    pub(crate) fn open_in_memory(backfills: &[schema::Backfill]) -> Result<Connections> {
        let mut writer = connection::open_memory_writer()?;
        schema::migrate(&mut writer, backfills)?;
        Ok(Connections {
            reader: None,
            writer: Some(ReentrantMutex::new(RefCell::new(writer))),
            path: PathBuf::from(connection::MEMORY),
        })
    }

    /// Opens the existing book at `path` for reading only, refusing one whose schema is
    /// not this library's (empty, older or newer).
    pub(crate) fn open_read_only(path: &Path, key: Option<&Key>) -> Result<Connections> {
        let path = connection::file_path(path)?;
        let reader = connection::open_reader(&path, Access::Alone, key)?;
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
        Ok(Connections {
            reader: Some(Mutex::new(reader)),
            writer: None,
            path,
        })
    }

    /// Runs `f` on the writer outside any transaction (`ATTACH`, which a transaction
    /// refuses), holding it so that no write of this store comes between; refused inside a
    /// batch and on a read-only store.
    #[cfg(feature = "encryption")]
    pub(crate) fn with_idle_writer<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        let writer = self.writer()?;
        let guard = writer.lock();
        let conn = guard.borrow();
        if !conn.is_autocommit() {
            return Err(crm_core::ValidationError::new(
                "batch",
                crm_core::Rule::Malformed {
                    expected: "no batch open on this thread",
                },
            )
            .into());
        }
        f(&conn)
    }

    /// Changes the book's key to `key` and reopens the reader with it (a connection keeps
    /// the key it was opened with). The writer is held throughout, so no write comes
    /// between.
    #[cfg(feature = "encryption")]
    pub(crate) fn rekey(&self, key: &Key) -> Result<()> {
        self.with_idle_writer(|conn| {
            super::encryption::rekey(conn, key)?;
            if let Some(reader) = &self.reader {
                *lock(reader) =
                    connection::open_reader(&self.path, Access::BesideWriter, Some(key))?;
            }
            Ok(())
        })
    }

    /// The book's file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the book was opened read-only.
    pub(crate) fn is_read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// Runs `f` in one transaction that every write it makes on this thread joins:
    /// committed when `f` returns `Ok`, rolled back otherwise. Inside a batch on this
    /// thread, `f` joins that batch.
    pub(crate) fn batch<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let writer = self.writer()?;
        let guard = writer.lock();
        if !guard.borrow().is_autocommit() {
            // Already inside a batch on this thread: join it.
            return f();
        }
        guard.borrow().execute_batch("BEGIN IMMEDIATE")?;
        let open = OpenBatch { conn: &guard };
        let value = f();
        match value {
            Ok(value) => {
                open.commit()?;
                self.bound_log(&guard.borrow());
                Ok(value)
            }
            Err(e) => Err(e), // `open` rolls back when dropped
        }
    }

    /// [`Db::batch`] for a run that decides at its end whether to keep what it wrote: `f`
    /// returns its value and `true` to commit, `false` to roll everything back (a dry run).
    /// Refused inside a batch, which could not be rolled back alone.
    pub(crate) fn batch_deciding<T>(&self, f: impl FnOnce() -> Result<(T, bool)>) -> Result<T> {
        let writer = self.writer()?;
        let guard = writer.lock();
        if !guard.borrow().is_autocommit() {
            return Err(crm_core::ValidationError::new(
                "batch",
                crm_core::Rule::Malformed {
                    expected: "no batch open on this thread",
                },
            )
            .into());
        }
        guard.borrow().execute_batch("BEGIN IMMEDIATE")?;
        let open = OpenBatch { conn: &guard };
        let (value, keep) = f()?;
        if keep {
            open.commit()?;
            self.bound_log(&guard.borrow());
        }
        Ok(value)
    }

    /// Runs `f` inside one IMMEDIATE transaction on the writer; commits if it returns `Ok`,
    /// rolls back otherwise. Inside a batch on this thread, `f` runs in a savepoint of the
    /// batch's transaction instead.
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
        self.bound_log(&conn);
        Ok(value)
    }

    /// Runs `f` on the reader connection inside one read transaction, so that several
    /// queries see one snapshot. Inside a batch on this thread, `f` reads on the writer, so
    /// that it sees the batch's writes.
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
        let Some(reader) = &self.reader else {
            let guard = self.writer()?.lock();
            let conn = guard.borrow();
            if !conn.is_autocommit() {
                return f(&conn);
            }
            let tx = conn.unchecked_transaction()?;
            return f(&tx);
        };
        let mut conn = lock(reader);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?;
        f(&tx)
    }

    /// SQLite's `PRAGMA data_version` on the connection this store writes through (reads
    /// through, when read-only): it changes when another connection commits to the file,
    /// never for this connection's own commits.
    pub(crate) fn data_version(&self) -> Result<i64> {
        let version = |conn: &Connection| -> Result<i64> {
            Ok(conn.query_row("PRAGMA data_version", [], |row| row.get(0))?)
        };
        match &self.writer {
            Some(writer) => version(&writer.lock().borrow()),
            None => self.with_reader(version),
        }
    }

    /// Runs `f` on the reader connection outside any transaction (`VACUUM INTO`).
    pub(crate) fn with_reader<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        match &self.reader {
            Some(reader) => f(&lock(reader)),
            None => f(&self.writer()?.lock().borrow()),
        }
    }

    /// Cleans the file `how` says and truncates its log (see [`connection::clean_file`]),
    /// holding the writer (no write of this store comes between) and the idle reader
    /// (whose snapshot would stop the checkpoint). `false` inside a batch on this thread.
    pub(crate) fn clean_file(&self, how: Cleaning) -> Result<bool> {
        let writer = self.writer()?;
        let guard = writer.lock();
        let conn = guard.borrow();
        if !conn.is_autocommit() {
            return Ok(false);
        }
        match &self.reader {
            Some(reader) => {
                let _idle = lock(reader);
                connection::clean_file(&conn, true, how)
            }
            None => connection::clean_file(&conn, false, how),
        }
    }

    /// Keeps the write-ahead log bounded after a commit (a book in memory has none).
    fn bound_log(&self, writer: &Connection) {
        if let Some(reader) = &self.reader {
            connection::bound_log(writer, &self.path, reader);
        }
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
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

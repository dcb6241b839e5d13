//! The store: one SQLite file, one writer connection and one reader connection
//! ([`crate::db`]), the clock that stamps records, and the backfills each feature hands
//! the schema's migrations.

use crate::db::backup::vacuum_into;
use crate::db::connection::is_memory;
use crate::db::schema::{self, Backfill};
use crate::db::time::truncate_to_millis;
use crate::db::transactions::Connections;
use crate::error::Result;
use crate::{care, customer, follow_up, settings};
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::Clock;
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;

/// The system clock: the default for a store.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// What Rust computes after a migration's SQL, each by the feature that writes the same
/// columns in normal operation; [`migrate`] runs each right after its version's SQL.
pub(crate) const BACKFILLS: &[Backfill] = &[
    Backfill {
        version: 2,
        run: customer::search_index::index_all_customers,
    },
    Backfill {
        version: 4,
        run: customer::rows::fill_name_sort,
    },
    Backfill {
        version: 6,
        run: follow_up::plans::fill_fire_times,
    },
    Backfill {
        version: 9,
        run: care::tasks_v9::number_care_tasks,
    },
    Backfill {
        version: 11,
        run: care::tasks_v9::move_into_schedules,
    },
    Backfill {
        version: 12,
        run: care::services::fill_car_services,
    },
    Backfill {
        version: 17,
        run: care::task_moves::moves_from_schedules,
    },
];

/// Brings the schema of the book on `conn` up to [`schema::SCHEMA_VERSION`], one
/// transaction for all pending steps (each migration's SQL, then what Rust computes for
/// it), and marks the file as a dealer-crm book (`PRAGMA application_id`).
/// [`Store::open`] does this itself.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    schema::migrate(conn, BACKFILLS)
}

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
    pub(crate) db: Connections,
    pub(crate) clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.db.path())
            .field("read_only", &self.db.is_read_only())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// `":memory:"` opens a new book in memory, as [`Store::open_in_memory`] does.
    ///
    /// A new file is created readable by its owner only. A file written by a newer library
    /// fails with [`crate::StoreError::TooNew`], a file of another application (tables, and
    /// no schema version of ours) with [`crate::StoreError::NotABook`]; both are left
    /// untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// Like [`Store::open`], with the clock the store stamps records with.
    pub fn open_with_clock(path: impl AsRef<Path>, clock: Arc<dyn Clock>) -> Result<Store> {
        let path = path.as_ref();
        if is_memory(path) {
            return Self::open_in_memory_with_clock(clock);
        }
        Ok(Store {
            db: Connections::open(path, BACKFILLS, None)?,
            clock,
        })
    }

    /// A new, empty book in memory, gone when the store is dropped: for tests and property
    /// harnesses, where a file per case costs a file's creation and migration. Everything
    /// works as on a file, but reads wait for writes (one connection does both) and
    /// [`Store::path`] is `":memory:"`. Its device id is its own, like any new book's.
    pub fn open_in_memory() -> Result<Store> {
        Self::open_in_memory_with_clock(Arc::new(SystemClock))
    }

    /// Like [`Store::open_in_memory`], with the clock the store stamps records with (a
    /// `ManualClock` at the strategies' reference instant, for property tests).
    pub fn open_in_memory_with_clock(clock: Arc<dyn Clock>) -> Result<Store> {
        Ok(Store {
            db: Connections::open_in_memory(BACKFILLS)?,
            clock,
        })
    }

    /// Opens an existing book for reading only: nothing is created, migrated or written,
    /// so it works on a read-only file in a read-only folder and on a book another process
    /// is writing. Every write fails with [`crate::StoreError::ReadOnly`].
    ///
    /// Fails with [`crate::StoreError::NotABook`] for a missing, empty or foreign file,
    /// [`crate::StoreError::TooNew`] for a newer schema, and
    /// [`crate::StoreError::NeedsUpgrade`] for an older one (a read-write [`Store::open`]
    /// upgrades it).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_read_only_with_clock(path, Arc::new(SystemClock))
    }

    /// Like [`Store::open_read_only`], with the clock that says what "today" is.
    pub fn open_read_only_with_clock(
        path: impl AsRef<Path>,
        clock: Arc<dyn Clock>,
    ) -> Result<Store> {
        Ok(Store {
            db: Connections::open_read_only(path.as_ref(), None)?,
            clock,
        })
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        self.db.path()
    }

    /// The store's clock.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Whether this store was opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.db.is_read_only()
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
        self.db.batch(|| f(self))
    }

    /// Writes a consistent copy of the whole book to `path` as one self-contained file
    /// (`VACUUM INTO`: the snapshot of one read, compacted, with no `-wal` beside it),
    /// readable by its owner only. Writes by other threads and processes go on meanwhile
    /// and are not in the copy. The copy opens as a complete book.
    ///
    /// Fails with [`crate::StoreError::Invalid`] naming `path` when a non-empty file is
    /// there already (a backup never overwrites one).
    pub fn backup_to(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        self.db.with_reader(|conn| vacuum_into(conn, path))
    }

    /// [`Store::batch`] that `f` ends by saying whether to commit (`true`) or to roll back
    /// all it wrote (`false`); refused inside another batch.
    pub(crate) fn batch_deciding<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<(T, bool)>,
    ) -> Result<T> {
        self.db.batch_deciding(|| f(self))
    }

    /// Runs `f` inside one IMMEDIATE transaction on the writer; commits if it returns `Ok`,
    /// rolls back otherwise. Inside a [`Store::batch`] on this thread, `f` runs in a
    /// savepoint of the batch's transaction instead.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.db.write(f)
    }

    /// Runs `f` on the reader connection inside one read transaction, so that several
    /// queries see one snapshot. Inside a [`Store::batch`] on this thread, `f` reads on the
    /// writer, so that it sees the batch's writes.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.db.read(f)
    }

    /// The instant a record made now is stamped with: the clock's, cut to whole
    /// milliseconds as it reads back from storage.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        truncate_to_millis(self.clock.now())
    }

    /// The dealership's local date now, read on `conn` (inside a transaction).
    pub(crate) fn today_on(&self, conn: &Connection) -> Result<NaiveDate> {
        Ok(settings::stored::read_zone(conn)?.local_date(self.now()))
    }

    /// The dealership's local date now: the store's clock in the dealership's zone (see
    /// [`Store::settings`]). Dates a store checks ("not after today": orders, deliveries,
    /// cars) are checked against it; "tomorrow" is `store.today()?.succ_opt()`.
    pub fn today(&self) -> Result<NaiveDate> {
        self.read(|conn| self.today_on(conn))
    }

    /// The instant the store stamps a record made now with: its clock's, cut to whole
    /// milliseconds.
    pub fn clock_now(&self) -> DateTime<Utc> {
        self.now()
    }
}

//! What can go wrong in the store.

use crm_core::ValidationError;

/// An error from a store operation. When one is returned, nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The input broke a validation rule (the field and rule are inside).
    #[error("invalid input: {0}")]
    Invalid(#[from] ValidationError),
    /// No record of this kind has this id.
    #[error("{entity} {id} not found")]
    NotFound {
        /// What was looked for ("customer").
        entity: &'static str,
        /// The id looked for.
        id: String,
    },
    /// The record changed since the caller read it (optimistic concurrency).
    #[error("{entity} {id} is at version {actual}, not {expected}: reload and retry")]
    Conflict {
        /// What was being changed.
        entity: &'static str,
        /// Its id.
        id: String,
        /// The version the caller had.
        expected: u64,
        /// The version stored.
        actual: u64,
    },
    /// A phone, WeChat ID or e-mail already belongs to another customer (撞单).
    #[error("{field} already belongs to customer {existing}")]
    Duplicate {
        /// The contact's field path (`contacts[0].value`).
        field: String,
        /// The customer who has it.
        existing: crm_core::CustomerId,
    },
    /// The record is closed and can no longer change (a plan done or cancelled, a starter
    /// template).
    #[error("{entity} {id} is {status} and can no longer change")]
    Closed {
        /// What was being changed ("plan").
        entity: &'static str,
        /// Its id.
        id: String,
        /// Its status code ("done", "cancelled", "starter").
        status: &'static str,
    },
    /// The pipeline's rules refuse the move in the customer's current state (see
    /// [`crm_core::apply`]): a lost request while ordered, a delivery without an order, a
    /// move while a request awaits a manager ...
    #[error("customer {customer}: {reason}")]
    MoveRefused {
        /// The customer.
        customer: crm_core::CustomerId,
        /// Why the state machine refused.
        reason: crm_core::PipelineError,
    },
    /// A deal refused by the team's deal rules (the owner already holds an open deal with
    /// the customer), or a call naming only the customer while they have several open
    /// deals: the call must name its `deal_id` ([`crm_core::DealError::field`] says which
    /// field to fix). Nothing was written.
    #[error("customer {customer}: {reason}")]
    DealRefused {
        /// The customer.
        customer: crm_core::CustomerId,
        /// Why.
        reason: crm_core::DealError,
    },
    /// The database was written by a newer version of the library; it was not touched.
    #[error("database schema version {found} is newer than this library supports ({supported})")]
    TooNew {
        /// The schema version found in the file.
        found: u32,
        /// The newest version this library knows.
        supported: u32,
    },
    /// A paging cursor that this store did not hand out.
    #[error("invalid page cursor")]
    InvalidCursor,
    /// Stored data this version cannot read (a value outside the known codes).
    #[error("unreadable stored data in {column}")]
    Corrupt {
        /// The table and column.
        column: &'static str,
    },
    /// The file is not a dealer-crm book (another application's database, an empty file
    /// opened for reading, no file at all); it was not touched.
    #[error("not a dealer-crm book: {reason}")]
    NotABook {
        /// Why not ("it holds another application's tables").
        reason: &'static str,
    },
    /// A book opened read-only is at an older schema version, which only a read-write open
    /// upgrades.
    #[error("database schema version {found} is older than this library's ({supported}): open it for writing once to upgrade it")]
    NeedsUpgrade {
        /// The schema version found in the file.
        found: u32,
        /// The version this library reads.
        supported: u32,
    },
    /// The key does not open this book: a wrong key, or a key given for a book that is not
    /// encrypted. The file was not touched.
    #[error("the key does not open this book (a wrong key, or the book is not encrypted)")]
    WrongKey,
    /// A write on a store opened with [`crate::Store::open_read_only`].
    #[error("the store was opened read-only")]
    ReadOnly,
    /// Another connection (another process) held the database locked for longer than the
    /// busy wait: nothing was written; try again.
    #[error("the database is locked by another connection: try again")]
    Busy,
    /// The sync server could not be reached (`status` none) or refused a request as a
    /// whole (`status` its HTTP status: an unknown token, a server older than the book).
    /// Changes the server refuses one by one are not errors but rejections.
    #[error("sync failed: {message}")]
    Sync {
        /// The HTTP status of the refusal; none when the server was not reached.
        status: Option<u16>,
        /// The server's reason, or why it could not be reached.
        message: String,
    },
    /// The book's user may not do this: their role does not allow it (a consultant
    /// approving a lost request, assigning a customer to someone else, acting in another
    /// user's name). Only a synced book has a user; the server refuses it again.
    #[error("forbidden: {0}")]
    Forbidden(#[from] crm_core::team::Forbidden),
    /// A claim of a pool customer refused by the team's pool rules as the last sync brought
    /// them, or because someone holds the customer (领取受限): nothing was written. The server
    /// would refuse it the same way.
    #[error("forbidden: {0}")]
    ClaimRefused(#[from] crm_core::pool::ClaimRefusal),
    /// An export file could not be written (a folder that does not exist, a full disk);
    /// nothing was left at the path. The message is the system's, without the path.
    #[error("cannot write the file: {message}")]
    File {
        /// What failed.
        message: String,
    },
    /// SQLite failed (disk full, not a database, I/O error ...).
    #[error("storage failure: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    /// A locked database is [`StoreError::Busy`]; any other SQLite failure
    /// [`StoreError::Sqlite`].
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

/// What kind of storage failure a [`StoreError::Sqlite`] is, so that a caller can tell a
/// full disk from a damaged file without matching SQLite's codes itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StorageFailure {
    /// The disk (or the file system's quota) is full: free space and retry.
    DiskFull,
    /// The file, its folder or the medium is read-only.
    ReadOnly,
    /// The file is damaged, or is not a database.
    Corrupt,
    /// The operating system failed to read or write the file.
    Io,
    /// The file cannot be opened (missing folder, permissions).
    CannotOpen,
    /// SQLite ran out of memory.
    OutOfMemory,
    /// Any other failure; the error's message says which.
    Other,
}

impl StoreError {
    /// The kind of storage failure, for [`StoreError::Sqlite`]; `None` for every other
    /// error (a locked database is [`StoreError::Busy`], not a storage failure).
    pub fn storage_failure(&self) -> Option<StorageFailure> {
        let StoreError::Sqlite(e) = self else {
            return None;
        };
        use rusqlite::ErrorCode as C;
        Some(match e.sqlite_error_code() {
            Some(C::DiskFull) => StorageFailure::DiskFull,
            Some(C::ReadOnly) => StorageFailure::ReadOnly,
            Some(C::DatabaseCorrupt | C::NotADatabase) => StorageFailure::Corrupt,
            Some(C::SystemIoFailure) => StorageFailure::Io,
            Some(C::CannotOpen) => StorageFailure::CannotOpen,
            Some(C::OutOfMemory) => StorageFailure::OutOfMemory,
            _ => StorageFailure::Other,
        })
    }

    /// "No `entity` has `id`", or, when `id` is not even a well-formed id (a UUID, which
    /// every id the store hands out is), invalid input naming `<entity>_id`: a typo, not a
    /// record deleted meanwhile.
    pub(crate) fn not_found(entity: &'static str, id: &dyn std::fmt::Display) -> StoreError {
        let id = id.to_string();
        if uuid::Uuid::try_parse(&id).is_err() {
            return StoreError::Invalid(ValidationError::new(
                format!("{entity}_id"),
                crm_core::Rule::Malformed {
                    expected: "an id (a UUID)",
                },
            ));
        }
        StoreError::NotFound { entity, id }
    }
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// `Ok` when the stored version (or version) `actual` is the `expected` one the caller
/// read; else [`StoreError::Conflict`] naming `entity` and `id` (optimistic concurrency).
pub(crate) fn check_version(
    entity: &'static str,
    id: &dyn std::fmt::Display,
    expected: u64,
    actual: u64,
) -> Result<()> {
    if expected == actual {
        return Ok(());
    }
    Err(StoreError::Conflict {
        entity,
        id: id.to_string(),
        expected,
        actual,
    })
}

#[cfg(test)]
mod storage_failure_tests {
    use super::*;
    use rusqlite::ffi;

    fn failure(code: std::ffi::c_int) -> StoreError {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), None).into()
    }

    #[test]
    fn each_sqlite_code_maps_to_its_kind() {
        let cases = [
            (ffi::SQLITE_FULL, StorageFailure::DiskFull),
            (ffi::SQLITE_READONLY, StorageFailure::ReadOnly),
            (ffi::SQLITE_CORRUPT, StorageFailure::Corrupt),
            (ffi::SQLITE_NOTADB, StorageFailure::Corrupt),
            (ffi::SQLITE_IOERR, StorageFailure::Io),
            (ffi::SQLITE_CANTOPEN, StorageFailure::CannotOpen),
            (ffi::SQLITE_NOMEM, StorageFailure::OutOfMemory),
            (ffi::SQLITE_CONSTRAINT, StorageFailure::Other),
        ];
        for (code, kind) in cases {
            assert_eq!(failure(code).storage_failure(), Some(kind), "code {code}");
        }
    }

    #[test]
    fn a_busy_book_and_other_errors_are_not_storage_failures() {
        assert!(matches!(failure(ffi::SQLITE_BUSY), StoreError::Busy));
        assert_eq!(failure(ffi::SQLITE_BUSY).storage_failure(), None);
        assert_eq!(StoreError::InvalidCursor.storage_failure(), None);
    }
}

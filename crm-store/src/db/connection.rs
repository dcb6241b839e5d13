//! Opening the book's connections: pragmas, private new files, read-only opening, and
//! keeping the write-ahead log small.

use super::schema;
use crate::error::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// How long a connection waits for another process's lock before failing with
/// [`StoreError::Busy`].
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Page cache per connection, in KiB (SQLite's default is 2 MiB). A 200,000-customer book is
/// a few hundred MiB; with the default cache, every index insert and list row misses.
pub(crate) const CACHE_KIB: i64 = 32 * 1024;

/// Memory-mapped reads, in bytes: pages are read without a system call each. Address space
/// only; the OS shares the mapping with its file cache.
const MMAP_BYTES: i64 = 256 * 1024 * 1024;

/// SQLite checkpoints the log once a commit leaves it this many pages long (its default is
/// 1,000: 4 MiB of 4 KiB pages).
const AUTOCHECKPOINT_PAGES: i64 = 400;

/// After a checkpoint has reset the log, SQLite truncates the file to this size.
const JOURNAL_SIZE_LIMIT: i64 = 2 * 1024 * 1024;

/// A write that leaves the log longer than this truncates it (a checkpoint SQLite could not
/// finish because a read was under way, or one large transaction).
const LOG_BOUND_BYTES: u64 = 3 * 1024 * 1024;

/// `PRAGMA application_id` of a dealer-crm book ("DCRM").
pub(crate) const APPLICATION_ID: i32 = 0x4443_524D;

/// The key of an encrypted book ([`super::encryption::BookKey`]); without the
/// `encryption` feature there is none, and no book can be opened with one.
#[cfg(feature = "encryption")]
pub(crate) use super::encryption::BookKey as Key;
/// No key exists without the `encryption` feature.
#[cfg(not(feature = "encryption"))]
#[derive(Debug)]
pub(crate) enum Key {}

/// Gives a freshly opened connection `key`, if any (the first statement on it).
#[cfg_attr(not(feature = "encryption"), allow(unused_variables))]
fn keyed(conn: &Connection, key: Option<&Key>) -> Result<()> {
    match key {
        None => Ok(()),
        #[cfg(feature = "encryption")]
        Some(key) => super::encryption::apply_key(conn, key),
        #[cfg(not(feature = "encryption"))]
        Some(never) => match *never {},
    }
}

/// The first read of a book failed: with SQLite's "file is not a database", a wrong key
/// (or a key for a plain book) is [`StoreError::WrongKey`], and no key for an encrypted
/// book [`StoreError::NotABook`]; any other failure as it is.
fn first_read_failed(e: StoreError, key: Option<&Key>) -> StoreError {
    let not_a_database = matches!(&e, StoreError::Sqlite(s)
        if s.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase));
    match (not_a_database, key) {
        (true, Some(_)) => StoreError::WrongKey,
        (true, None) => StoreError::NotABook {
            reason: "it is encrypted (open it with its key) or not a database",
        },
        (false, _) => e,
    }
}

/// How a reader connection is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Beside this store's writer, which has created the file and its log.
    BesideWriter,
    /// With no writer of ours: the file may lie in a folder we cannot write to.
    Alone,
}

/// The path that names an in-memory book, as SQLite spells it.
pub(crate) const MEMORY: &str = ":memory:";

/// Whether `path` names an in-memory book.
pub(crate) fn is_memory(path: &Path) -> bool {
    path.as_os_str() == MEMORY
}

/// Checks that `path` names a file (other spellings of in-memory databases would give the
/// reader connection a second, empty database).
pub(crate) fn file_path(path: &Path) -> Result<PathBuf> {
    let text = path.to_string_lossy();
    if text.is_empty() || text == MEMORY || text.starts_with("file::memory:") {
        return Err(crm_core::ValidationError::new(
            "path",
            crm_core::Rule::Malformed {
                expected: "a database file path (in-memory databases are not supported)",
            },
        )
        .into());
    }
    Ok(path.to_path_buf())
}

/// Opens the writer: creates the file (owner-only) when missing, refuses a foreign or newer
/// file before anything is written to it, then WAL mode and pragmas (the caller migrates).
pub(crate) fn open_writer(path: &Path, key: Option<&Key>) -> Result<Connection> {
    create_private(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    keyed(&conn, key)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Check before any pragma that writes (journal_mode=WAL changes the file header).
    let found = schema::check_is_book(&conn).map_err(|e| first_read_failed(e, key))?;
    // A new book hands the pages a deletion frees back to the file system (see
    // `Cleaning::Log`); an older book turns to this mode at its next `VACUUM`. Set before
    // anything is written, and only on a new book: SQLite takes it only on an empty file,
    // and on a book already in this mode the pragma would write the header at every open.
    if found == 0 {
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    configure(&conn)?;
    conn.pragma_update(None, "wal_autocheckpoint", AUTOCHECKPOINT_PAGES)?;
    conn.pragma_update(None, "journal_size_limit", JOURNAL_SIZE_LIMIT)?;
    Ok(conn)
}

/// Opens the one connection of a book in memory, with the pragmas of a file's writer that
/// apply to it.
pub(crate) fn open_memory_writer() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    configure(&conn)?;
    Ok(conn)
}

/// Opens a read-only connection. Alone, a missing file is [`StoreError::NotABook`], and a
/// book in a folder where SQLite cannot create the log's shared-memory file is opened as
/// immutable (no process can be writing it there either).
pub(crate) fn open_reader(path: &Path, access: Access, key: Option<&Key>) -> Result<Connection> {
    if access == Access::Alone && !path.is_file() {
        return Err(StoreError::NotABook {
            reason: "there is no such file",
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    keyed(&conn, key)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let conn = match (
        access,
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())),
    ) {
        (Access::Alone, Err(e)) if cannot_open_log(&e) => {
            drop(conn);
            let conn = Connection::open_with_flags(immutable_uri(path)?, flags)?;
            keyed(&conn, key)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn
        }
        (_, Err(e)) => return Err(first_read_failed(e.into(), key)),
        (_, Ok(())) => conn,
    };
    configure(&conn)?;
    Ok(conn)
}

fn cannot_open_log(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
    )
}

/// `file:<path>?immutable=1`, the path percent-encoded as a URI wants.
fn immutable_uri(path: &Path) -> Result<String> {
    let absolute = std::path::absolute(path).map_err(|_| StoreError::NotABook {
        reason: "its path cannot be resolved",
    })?;
    let mut uri = String::from("file:");
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(byte));
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    Ok(uri)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    // Deleted rows are overwritten with zeros, not left in free pages: a customer who left
    // the device (evicted by a sync, deleted) is gone from the file once the log is folded
    // back into it.
    conn.pragma_update(None, "secure_delete", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
    // Statement journals (a write with triggers and cascades keeps one) in memory, not in
    // a temporary file written page by page.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Creates `path` empty and readable by its owner only, unless it exists. SQLite gives the
/// `-wal` and `-shm` files the database file's permissions, so they are private too.
fn create_private(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    // An existing file is kept as it is; any other failure (a missing folder, no
    // permission) SQLite reports when it opens the path.
    let _ = options.open(path);
    Ok(())
}

/// Creates `path` empty and owner-only for a backup; fails if it exists and is not empty.
pub(crate) fn create_private_empty(path: &Path) -> Result<()> {
    if path.metadata().is_ok_and(|m| m.len() > 0) {
        return Err(crm_core::ValidationError::new("path", crm_core::Rule::Taken).into());
    }
    create_private(path)
}

/// Truncates the log after a commit that left it longer than [`LOG_BOUND_BYTES`]. Only
/// when this store's reader is idle (its snapshot would stop the checkpoint), and without
/// waiting for other processes' readers: a later commit tries again.
pub(crate) fn bound_log(writer: &Connection, path: &Path, reader: &Mutex<Connection>) {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    let Ok(meta) = std::fs::metadata(&log) else {
        return;
    };
    if meta.len() <= LOG_BOUND_BYTES {
        return;
    }
    let Ok(_idle_reader) = reader.try_lock() else {
        return;
    };
    // A checkpoint that cannot finish now is not an error of the write that committed.
    let _ = writer.busy_timeout(Duration::ZERO);
    let _ = writer.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    let _ = writer.busy_timeout(BUSY_TIMEOUT);
}

/// How thoroughly [`clean_file`] cleans the file after data was deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cleaning {
    /// The free pages handed back to the file system (`incremental_vacuum`, on a book in
    /// `auto_vacuum = INCREMENTAL` mode) and the log folded back and truncated. With
    /// `secure_delete` every deleted cell and freed page was zeroed as it was freed: what
    /// was deleted is gone from the `.db` once the log is truncated. Milliseconds.
    Log,
    /// Every page written anew (`VACUUM`, which also turns the book to
    /// `auto_vacuum = INCREMENTAL`): free space inside pages, the copies a page's
    /// reorganisation leaves, and what older libraries freed without `secure_delete`
    /// are gone, then the log as for [`Cleaning::Log`]. Seconds on a large book.
    Rebuild,
}

/// Cleans the database after a deletion (see [`Cleaning`]) and, for a file (`has_log`),
/// folds the write-ahead log back into it and truncates it to nothing. Returns whether
/// both were done: another process's writer can hold off the rebuild, and its reader the
/// checkpoint (neither is waited for long). Outside any transaction.
pub(crate) fn clean_file(writer: &Connection, has_log: bool, how: Cleaning) -> Result<bool> {
    let cleaned = match how {
        Cleaning::Log => release_free_pages(writer),
        Cleaning::Rebuild => writer
            .execute_batch("PRAGMA auto_vacuum = INCREMENTAL; VACUUM")
            .map_err(StoreError::from),
    };
    match cleaned {
        Err(StoreError::Busy) => return Ok(false),
        other => other?,
    }
    if !has_log {
        return Ok(true);
    }
    let _ = writer.busy_timeout(Duration::ZERO);
    let busy = writer.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    });
    writer.busy_timeout(BUSY_TIMEOUT)?;
    Ok(busy? == 0)
}

/// Hands the free pages back to the file system (`incremental_vacuum`; nothing on a book
/// not in incremental mode, which keeps them, zeroed, for later writes). The pragma
/// frees one page per step: it is stepped to the end.
fn release_free_pages(writer: &Connection) -> Result<()> {
    let mut stmt = writer.prepare_cached("PRAGMA incremental_vacuum")?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

//! Read-only counts that crm-store has no API for yet: customers per owning consultant and
//! online leads per platform. (`Store::facet_counts` covers channels, tags and importance
//! but not these two.)
//!
//! They read the store's schema (the `customers` columns `owner`, `source_kind`,
//! `source_detail`, `archived_at`) through a separate read-only connection, opened after
//! `Store::open` has checked and migrated the file. They belong in crm-store (an `owners`
//! and a `platforms` facet); when they get there, this file goes.

use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// A value and how many active customers have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count<T> {
    /// The value grouped on.
    pub value: T,
    /// Active customers with it.
    pub count: u64,
}

/// The counts the store cannot give yet, read in one snapshot.
#[derive(Debug, Clone, Default)]
pub struct ExtraCounts {
    /// Active customers by owner (`None`: unassigned), in owner order, unassigned last.
    pub by_owner: Vec<Count<Option<String>>>,
    /// Active online-platform leads by platform, largest first.
    pub by_platform: Vec<Count<String>>,
}

/// Reads [`ExtraCounts`] from the database at `path`.
pub fn extra_counts(path: &Path) -> rusqlite::Result<ExtraCounts> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let tx = conn.unchecked_transaction()?;
    let counts = ExtraCounts {
        by_owner: grouped(
            &tx,
            "SELECT owner, count(*) FROM customers WHERE archived_at IS NULL \
             GROUP BY owner ORDER BY owner IS NULL, owner",
        )?,
        by_platform: grouped(
            &tx,
            "SELECT source_detail, count(*) FROM customers \
             WHERE archived_at IS NULL AND source_kind = 'online_platform' \
             GROUP BY source_detail ORDER BY count(*) DESC, source_detail",
        )?,
    };
    tx.finish()?;
    Ok(counts)
}

/// Runs a `SELECT value, count(*)` query.
fn grouped<T: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
) -> rusqlite::Result<Vec<Count<T>>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(Count {
            value: r.get(0)?,
            count: r.get(1)?,
        })
    })?;
    rows.collect()
}

//! The deletions log: records that left the book (a customer deleted, merged away, erased),
//! with who, which device and when, and none of their personal data. It has no foreign
//! key, so it outlives what it names. The book sends it to the server at each sync, where
//! the team's managers read it (`team_deletions.rs`).

use crate::audit::author::author;
use crate::db::rows::code;
use crate::db::time::{from_millis, to_millis};
use crate::error::Result;
use crate::find::listing::check_page_size;
use crate::follow_up::timeline::{next_cursor, parse_cursor};
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::audit::{DeletedEntity, Deletion, DeletionKind};
use crm_core::{Code, CustomerId};
use rusqlite::{params, Connection};

/// One page of the deletions log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletionPage {
    /// The deletions, newest first (by time, then by the order they were recorded).
    pub deletions: Vec<Deletion>,
    /// Where the next (older) page starts; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// Records that `entity` `id` left the book at `at` (`kind`; for a merge, `merged_into`;
/// for an erasure, its `reason`), stamped with the book's user and device.
pub(crate) fn record_deletion(
    conn: &Connection,
    entity: DeletedEntity,
    id: &str,
    kind: DeletionKind,
    merged_into: Option<&CustomerId>,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<()> {
    let by = author(conn, None)?;
    conn.prepare_cached(
        "INSERT INTO deletions (entity, id, kind, merged_into, author, device, at, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        entity.code(),
        id,
        kind.code(),
        merged_into.map(CustomerId::as_str),
        by.user,
        by.device,
        to_millis(at),
        reason
    ])?;
    Ok(())
}

impl Store {
    /// A page of the deletions log, newest first: at most `limit` entries (1 to
    /// [`crate::MAX_PAGE_SIZE`]), after `cursor` (the previous page's `next_cursor`).
    /// Customers deleted ([`Store::delete_customer`]), erased with a reason
    /// ([`Store::erase_customer`], [`Store::run_retention`]) and merged away
    /// ([`Store::merge_customers`]) are there: a report counts erased customers from it.
    pub fn deletions(&self, limit: u32, cursor: Option<&str>) -> Result<DeletionPage> {
        check_page_size(limit)?;
        let (after_at, after_seq) = match cursor {
            Some(c) => parse_cursor(c)?,
            None => (i64::MAX, i64::MAX),
        };
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {DELETION_COLUMNS} FROM deletions
                 WHERE (at, seq) < (?1, ?2) ORDER BY at DESC, seq DESC LIMIT ?3"
            ))?;
            let mut rows = stmt.query(params![after_at, after_seq, limit])?;
            let mut deletions = Vec::new();
            let mut last = None;
            while let Some(row) = rows.next()? {
                let seq: i64 = row.get(0)?;
                let at: i64 = row.get(1)?;
                deletions.push(read_deletion(row)?);
                last = Some((at, seq));
            }
            Ok(DeletionPage {
                next_cursor: next_cursor(last, deletions.len(), limit),
                deletions,
            })
        })
    }
}

/// The columns [`read_deletion`] reads, in its order.
pub(crate) const DELETION_COLUMNS: &str =
    "seq, at, entity, id, kind, merged_into, author, device, reason";

/// A log entry from a row of [`DELETION_COLUMNS`].
pub(crate) fn read_deletion(row: &rusqlite::Row<'_>) -> Result<Deletion> {
    let entity: String = row.get(2)?;
    let kind: String = row.get(4)?;
    let merged_into: Option<String> = row.get(5)?;
    Ok(Deletion {
        entity: code(&entity, "deletions.entity")?,
        id: row.get(3)?,
        kind: code(&kind, "deletions.kind")?,
        merged_into: merged_into.map(CustomerId::from),
        author: row.get(6)?,
        device: row.get(7)?,
        at: from_millis(row.get(1)?, "deletions.at")?,
        reason: row.get(8)?,
    })
}

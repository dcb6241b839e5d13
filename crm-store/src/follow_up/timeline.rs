//! The customer's timeline (客户历史): entries appended with every change, paged newest first.

use crate::audit::author::author;
use crate::customer::customers::not_found;
use crate::db::time::{from_millis, to_millis};
use crate::error::{Result, StoreError};
use crate::find::listing::check_page_size;
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::{CustomerId, TimelineEntry, TimelineRecord};
use rusqlite::{params, Connection, OptionalExtension};

/// One page of a customer's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelinePage {
    /// The entries, newest first (by recording time, then by the order they were written).
    pub records: Vec<TimelineRecord>,
    /// Where the next (older) page starts; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// Appends `entry` to customer `customer`'s timeline, recorded at `at`, stamped with its
/// author (the book's sync user, else `actor`) and this book's device.
pub(crate) fn append(
    conn: &Connection,
    customer: &CustomerId,
    at: DateTime<Utc>,
    actor: Option<&str>,
    entry: &TimelineEntry,
) -> Result<()> {
    let json = serde_json::to_string(entry).map_err(|_| StoreError::Corrupt {
        column: "timeline.entry",
    })?;
    let by = author(conn, actor)?;
    conn.prepare_cached(
        "INSERT INTO timeline (customer_id, at, actor, code, entry, author, device)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        customer.as_str(),
        to_millis(at),
        actor,
        entry.code(),
        json,
        by.user,
        by.device
    ])?;
    Ok(())
}

/// A cursor is `<at>:<seq>` of the last entry of the previous page.
pub(crate) fn parse_cursor(text: &str) -> Result<(i64, i64)> {
    let (at, seq) = text.split_once(':').ok_or(StoreError::InvalidCursor)?;
    Ok((
        at.parse().map_err(|_| StoreError::InvalidCursor)?,
        seq.parse().map_err(|_| StoreError::InvalidCursor)?,
    ))
}

/// The cursor after a page of `count` entries whose last is `last` (`at`, `seq`), asked
/// for `limit`: `None` when the page was not full (the last page).
pub(crate) fn next_cursor(last: Option<(i64, i64)>, count: usize, limit: u32) -> Option<String> {
    match last {
        Some((at, seq)) if count == limit as usize => Some(format!("{at}:{seq}")),
        _ => None,
    }
}

/// Whether customer `id` exists.
fn customer_exists(conn: &Connection, id: &CustomerId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .query_row([id.as_str()], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

impl Store {
    /// A page of customer `id`'s timeline, newest first: at most `limit` entries (1 to
    /// [`crate::MAX_PAGE_SIZE`]), after `cursor` (the previous page's `next_cursor`).
    pub fn timeline(
        &self,
        id: &CustomerId,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<TimelinePage> {
        check_page_size(limit)?;
        let (after_at, after_seq) = match cursor {
            Some(c) => parse_cursor(c)?,
            None => (i64::MAX, i64::MAX),
        };
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT seq, at, actor, entry, author, device FROM timeline
                 WHERE customer_id = ?1 AND (at, seq) < (?2, ?3)
                 ORDER BY at DESC, seq DESC LIMIT ?4",
            )?;
            let mut rows = stmt.query(params![id.as_str(), after_at, after_seq, limit])?;
            let mut records = Vec::new();
            let mut last = None;
            while let Some(row) = rows.next()? {
                let seq: i64 = row.get(0)?;
                let at: i64 = row.get(1)?;
                let entry: TimelineEntry =
                    serde_json::from_str(row.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?)
                        .map_err(|_| StoreError::Corrupt {
                            column: "timeline.entry",
                        })?;
                records.push(TimelineRecord {
                    customer_id: id.clone(),
                    at: from_millis(at, "timeline.at")?,
                    actor: row.get(2)?,
                    author: row.get(4)?,
                    device: row.get(5)?,
                    entry,
                });
                last = Some((at, seq));
            }
            // Entries imply their customer (a foreign key): only an empty page needs the
            // look-up that tells an unknown customer from the end of the timeline.
            if records.is_empty() && !customer_exists(tx, id)? {
                return Err(not_found(id));
            }
            Ok(TimelinePage {
                next_cursor: next_cursor(last, records.len(), limit),
                records,
            })
        })
    }
}

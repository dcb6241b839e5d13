//! Applying a download ([`Download`]): the server's rows written into the book with the
//! batch's checkpoint, in one transaction, the outbox triggers quiet.
//!
//! After PowerSync's checkpointed downloads: a batch is applied whole or not at all (a
//! batch cut off or refused halfway leaves the book and its checkpoint as they were);
//! applying it again changes nothing (rows are whole server states, append-only records
//! are recognised by their uid); a batch older than the book's checkpoint is ignored.
//! Rows with local changes the server has not acknowledged keep their local values (see
//! `server_row`).

use crate::care::task_moves::CareTouched;
use crate::customer::rows::refresh_derived;
use crate::db::connection::Cleaning;
use crate::error::{Result, StoreError};
use crate::follow_up::follow_ups::refresh_contact_times;
use crate::store::Store;
use crate::sync::applying::quietly;
use crate::sync::evict::evict_customer;
use crate::sync::lost_writes::{any_accepted, check_row, held_notices, keep_notices};
use crate::sync::queue;
use crate::sync::server_row::{write_row, Context, Written};
use crate::sync::state::checkpoint;
use crate::sync::values::invalid;
use crm_core::sync::{Checkpoint, Download, ServerRow, SyncEntity};
use crm_core::Rule;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// What applying a download did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DownloadSummary {
    /// Rows written as the server holds them.
    pub applied: u64,
    /// Rows of which some or all fields kept their local values: this device changed them
    /// and the server has not acknowledged the change yet (its answer brings them).
    pub kept_local: u64,
    /// Customers that left the device's scope and were deleted with all of their data.
    pub evicted: u64,
    /// Where the book's downloads stand now (the batch's checkpoint; the book's own when
    /// the batch was older and so ignored).
    pub checkpoint: Checkpoint,
}

/// How many rows [`write_rows`] wrote each way.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowCounts {
    pub applied: u64,
    pub kept_local: u64,
}

impl Store {
    /// Applies one batch of a download in one transaction: the customers it evicts deleted
    /// with all of their data, its rows written in the batch's order (the server sends parents first), what the device
    /// derives recomputed (search index, sort keys, contact times, plans' reminder times),
    /// and its checkpoint stored. Nothing it writes goes into the outbox. The first download
    /// of a book starts its upload queue ([`Store::start_upload_queue`]) before writing,
    /// so that what the book held before is queued and nothing the server sent is. A row
    /// showing that another device's concurrent change replaced one of this device's
    /// accepted changes leaves a notice in [`Store::sync_rejections`] (see `lost_writes`),
    /// and so does each of the batch's [`crm_core::sync::Notice`]s about a customer on the
    /// device.
    /// When a customer left the book (evicted, or their tombstone came down), the file is
    /// then cleaned as after a deletion ([`Store::delete_customer`]: what left was zeroed
    /// as it was freed, the free pages are released and the log truncated).
    ///
    /// A batch whose checkpoint is older than the book's changes nothing. A bad row (an
    /// unknown column, a child whose parent is not on the device, a value of the wrong
    /// shape) fails with [`crate::StoreError::Invalid`] naming it (`rows[3].fields.name`),
    /// and nothing of the batch is written.
    pub fn apply_download(&self, download: &Download) -> Result<DownloadSummary> {
        let now_ms = crate::db::time::to_millis(self.now());
        let summary = self.write(|tx| {
            queue::start(tx)?;
            let current = checkpoint(tx)?;
            if download.checkpoint < current {
                return Ok(DownloadSummary {
                    checkpoint: current,
                    ..DownloadSummary::default()
                });
            }
            quietly(tx, || {
                if any_accepted(tx)? {
                    for row in &download.rows {
                        check_row(tx, row, now_ms)?;
                    }
                }
                let notices = held_notices(tx, &download.notices)?;
                let mut evicted = 0;
                for id in &download.evicted {
                    evicted += u64::from(evict_customer(tx, id)?);
                }
                let rows = download
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| (format!("rows[{i}]"), row));
                let counts = write_rows(tx, rows)?;
                keep_notices(tx, &notices, now_ms)?;
                tx.prepare_cached("UPDATE sync_state SET checkpoint = ?1 WHERE id = 1")?
                    .execute([download.checkpoint.0 as i64])?;
                Ok(DownloadSummary {
                    applied: counts.applied,
                    kept_local: counts.kept_local,
                    evicted,
                    checkpoint: download.checkpoint,
                })
            })
        })?;
        // A customer who left (evicted, or deleted and so erased on the server) leaves no
        // byte in the files either.
        let customer_left = download
            .rows
            .iter()
            .any(|r| r.entity == SyncEntity::Customers && r.fields.is_none());
        if summary.evicted > 0 || customer_left {
            self.db.clean_file(Cleaning::Log)?;
        }
        Ok(summary)
    }
}

/// Writes `rows` (each with its path in its batch, for errors) in the batch's order, the
/// server's change-log order, in which a row's parent comes first (re-sorting by entity
/// would move a later delete of a parent before its children's earlier rows), then
/// recomputes what the device derives for the customers they touched (care schedules:
/// [`CareTouched::refresh`]). A pending plan that
/// meets another pending plan of its customer waits until the other rows are written (the
/// row closing the other one may come later). The caller has the outbox triggers quiet.
pub(crate) fn write_rows<'a>(
    conn: &Connection,
    rows: impl Iterator<Item = (String, &'a ServerRow)>,
) -> Result<RowCounts> {
    let ctx = Context::read(conn)?;
    let rows: Vec<(String, &ServerRow)> = rows.collect();
    let mut counts = RowCounts::default();
    // Each customer touched, with the path of its last row: a value written there that
    // the book cannot read back is that row's field.
    let mut profiles: BTreeMap<&str, &str> = BTreeMap::new();
    let mut contacts: BTreeMap<&str, &str> = BTreeMap::new();
    let mut deferred: Vec<&(String, &ServerRow)> = Vec::new();
    let mut care = CareTouched::default();
    for entry in &rows {
        let (path, row) = entry;
        match write_row(conn, &ctx, row, path, true).map_err(|e| unreadable(e, path))? {
            Written::Applied => counts.applied += 1,
            Written::KeptLocal => counts.kept_local += 1,
            Written::Deferred => deferred.push(entry),
        }
        match row.entity {
            SyncEntity::Customers | SyncEntity::Contacts | SyncEntity::CustomerTags => {
                profiles.insert(&row.customer_id, path);
            }
            SyncEntity::FollowUps => {
                contacts.insert(&row.customer_id, path);
            }
            _ => {}
        }
        care.note(row.entity, &row.customer_id);
    }
    for (path, row) in deferred {
        match write_row(conn, &ctx, row, path, false).map_err(|e| unreadable(e, path))? {
            Written::KeptLocal => counts.kept_local += 1,
            _ => counts.applied += 1,
        }
    }
    for (id, path) in contacts {
        refresh_contact_times(conn, id).map_err(|e| unreadable(e, path))?;
    }
    for (id, path) in profiles {
        refresh_derived(conn, id).map_err(|e| unreadable(e, path))?;
    }
    care.refresh(conn)?;
    Ok(counts)
}

/// A value of the row at `path` that the book cannot read back once written (a real where
/// an instant is kept, a flag where a code is): [`StoreError::Invalid`] naming the row's
/// field, not a corrupt book. Any other error as it is.
fn unreadable(e: StoreError, path: &str) -> StoreError {
    let column = match &e {
        StoreError::Corrupt { column } => column.rsplit('.').next().unwrap_or(column).to_owned(),
        StoreError::Sqlite(rusqlite::Error::InvalidColumnType(_, name, _)) => name.clone(),
        StoreError::Sqlite(
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..),
        ) => return invalid(format!("{path}.fields"), READABLE),
        _ => return e,
    };
    invalid(format!("{path}.fields.{column}"), READABLE)
}

/// The rule a value the book cannot read back breaks.
const READABLE: Rule = Rule::Malformed {
    expected: "a value of the column's type",
};

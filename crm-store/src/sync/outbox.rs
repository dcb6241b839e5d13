//! The upload queue (`sync_outbox`): read, oldest first, as the wire's
//! [`Upload`](crm_core::sync::Upload).
//!
//! The queue is filled by the outbox triggers (migrations 0013 and 0016), in the
//! transaction of the write itself, so a write and its entry are committed (or lost)
//! together, once the queue runs (`queue.rs`: the first upload starts it). Entries leave
//! the queue when the server acknowledges them.

use crate::db::schema::SCHEMA_VERSION;
use crate::db::time::from_millis;
use crate::error::{Result, StoreError};
use crate::find::listing::check_page_size;
use crate::sync::queue;
use crate::sync::state::device_id;
use crate::Store;
use crm_core::sync::{Change, ChangeOp, SyncEntity, Upload};
use rusqlite::{Connection, Row};
use serde_json::{Map, Value};

/// One queued entry as a [`Change`].
fn change_from_row(row: &Row<'_>) -> Result<Change> {
    let op_id: i64 = row.get(0)?;
    let entity: String = row.get(1)?;
    let op: String = row.get(3)?;
    let fields: String = row.get(4)?;
    let base_version: Option<i64> = row.get(5)?;
    let at: i64 = row.get(6)?;
    Ok(Change {
        op_id: u64::try_from(op_id).map_err(|_| corrupt("sync_outbox.op_id"))?,
        entity: SyncEntity::from_table(&entity).ok_or_else(|| corrupt("sync_outbox.entity"))?,
        id: row.get(2)?,
        op: match op.as_str() {
            "put" => ChangeOp::Put,
            "delete" => ChangeOp::Delete,
            _ => return Err(corrupt("sync_outbox.op")),
        },
        fields: serde_json::from_str::<Map<String, Value>>(&fields)
            .map_err(|_| corrupt("sync_outbox.fields"))?,
        base_version: base_version
            .map(|v| u64::try_from(v).map_err(|_| corrupt("sync_outbox.base_version")))
            .transpose()?,
        at: from_millis(at, "sync_outbox.at")?,
    })
}

fn corrupt(column: &'static str) -> StoreError {
    StoreError::Corrupt { column }
}

/// The oldest `limit` queued changes, in operation order.
pub(crate) fn oldest_changes(conn: &Connection, limit: u32) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(
        "SELECT op_id, entity, row_id, op, fields, base_version, at
         FROM sync_outbox ORDER BY op_id LIMIT ?1",
    )?;
    let mut rows = stmt.query([limit])?;
    let mut changes = Vec::new();
    while let Some(row) = rows.next()? {
        changes.push(change_from_row(row)?);
    }
    Ok(changes)
}

/// How many changes are queued.
pub(crate) fn pending_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM sync_outbox")?
        .query_row([], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

impl Store {
    /// The next upload: this book's device id and schema version with its oldest `limit`
    /// unacknowledged changes (1 to [`MAX_PAGE_SIZE`](crate::MAX_PAGE_SIZE)), oldest
    /// first. Reading the queue changes nothing: the same changes come back until the
    /// server acknowledges them, so an upload lost on the way is simply sent again (the
    /// server ignores operations it has already seen). An empty `changes`: nothing to
    /// send. A `limit` out of range is invalid input naming `limit`. The first call on a
    /// book starts its upload queue ([`Store::start_upload_queue`]).
    pub fn pending_upload(&self, limit: u32) -> Result<Upload> {
        check_page_size(limit)?;
        if !self.read(queue::is_running)? {
            self.write(queue::start)?;
        }
        self.read(|conn| {
            Ok(Upload {
                device_id: device_id(conn)?,
                schema_version: SCHEMA_VERSION,
                changes: oldest_changes(conn, limit)?,
            })
        })
    }

    /// How many changes wait to be uploaded (0 once the server has acknowledged them all).
    /// Before the upload queue runs: how many its start would queue, one a synced row.
    pub fn pending_count(&self) -> Result<u64> {
        self.read(|conn| match queue::is_running(conn)? {
            true => pending_count(conn),
            false => queue::waiting_rows(conn),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use crm_core::sync::{ChangeOp, SyncEntity};
    use crm_core::{ContactInput, ContactKind, NewCustomer, SourceChannel};

    fn customer(name: &str) -> NewCustomer {
        NewCustomer::new(
            name,
            ContactInput::new(ContactKind::Mobile, "13800138000"),
            SourceChannel::ShowroomWalkIn,
        )
    }

    #[test]
    fn an_upload_holds_the_oldest_changes_in_order_and_reading_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("book.sqlite3")).unwrap();
        assert_eq!(store.pending_count().unwrap(), 0);
        assert!(store.pending_upload(10).unwrap().changes.is_empty());
        let made = store.create_customer(&customer("王芳")).unwrap();
        let all = store.pending_upload(crate::MAX_PAGE_SIZE).unwrap();
        assert_eq!(all.device_id, store.device_id().unwrap());
        assert_eq!(all.schema_version, crate::schema::SCHEMA_VERSION);
        assert_eq!(all.changes.len() as u64, store.pending_count().unwrap());
        let first = &all.changes[0];
        assert_eq!(
            (first.entity, first.op, first.id.as_str()),
            (SyncEntity::Customers, ChangeOp::Put, made.id.as_str())
        );
        assert!(all.changes.windows(2).all(|w| w[0].op_id < w[1].op_id));
        let two = store.pending_upload(2).unwrap();
        assert_eq!(two.changes, all.changes[..2].to_vec());
        assert_eq!(
            store.pending_upload(2).unwrap(),
            two,
            "reading changes nothing"
        );
    }

    #[test]
    fn a_limit_out_of_range_names_limit() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("book.sqlite3")).unwrap();
        for limit in [0, crate::MAX_PAGE_SIZE + 1] {
            match store.pending_upload(limit) {
                Err(crate::StoreError::Invalid(e)) => assert_eq!(e.field, "limit"),
                other => panic!("{limit}: {other:?}"),
            }
        }
        assert!(store.pending_upload(crate::MAX_PAGE_SIZE).is_ok());
        assert!(store.pending_upload(1).is_ok());
    }
}

//! When the upload queue runs (`sync_state.queueing`, migration 0016).
//!
//! A book that has never met a server needs no queue: nothing is there to send its changes
//! to, and queueing every write of an import would double its cost and the size of the
//! file. So the outbox triggers stay quiet until the book's first upload or download starts
//! the queue, and starting it queues every synced row of the book as it stands then: one
//! put a row (a list whole, under its parent), parents first, in one statement a table
//! (the rows that a replay of the triggers' entries would leave, without the history of how
//! they got there; the server never saw that history, so it loses nothing). From then on
//! the triggers queue every write as before. A book that queued anything under an earlier
//! schema had its queue left running by the migration.

use crate::error::Result;
use crate::store::Store;
use crate::sync::columns::{EntityColumns, ENTITY_COLUMNS};
use crate::sync::snapshot::row_order;
use crm_core::sync::EntityShape;
use rusqlite::Connection;

/// Whether the outbox triggers queue writes now.
pub(crate) fn is_running(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT queueing FROM sync_state WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// `json_object('c', t.c, ...)` of the synced columns.
fn fields_sql(columns: &EntityColumns) -> String {
    let pairs: Vec<String> = columns
        .synced
        .iter()
        .map(|c| format!("'{c}', t.{c}"))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// The statement that queues every row of `columns`' table as a put, in snapshot order
/// (the column names are the schema's, never user text).
fn snapshot_sql(columns: &EntityColumns) -> String {
    let table = columns.table();
    let id = columns.id;
    let now = "CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";
    let insert = "INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)";
    if columns.shape() == EntityShape::List {
        let key: Vec<String> = columns.item_key.iter().map(|c| format!("t.{c}")).collect();
        format!(
            "{insert} SELECT '{table}', t.{id}, 'put',
                json_object('items', json_group_array({} ORDER BY {})), NULL, {now}
             FROM {table} t GROUP BY t.{id} ORDER BY t.{id}",
            fields_sql(columns),
            key.join(", ")
        )
    } else {
        let order: Vec<String> = row_order(columns)
            .iter()
            .map(|c| format!("t.{c}"))
            .collect();
        format!(
            "{insert} SELECT '{table}', t.{id}, 'put', {}, NULL, {now}
             FROM {table} t ORDER BY {}",
            fields_sql(columns),
            order.join(", ")
        )
    }
}

/// Starts the queue inside the caller's transaction, queueing the book's rows as they
/// stand; how many changes that queued (0 when the queue already ran).
pub(crate) fn start(conn: &Connection) -> Result<u64> {
    if is_running(conn)? {
        return Ok(0);
    }
    let mut queued = 0;
    for columns in ENTITY_COLUMNS.iter().filter(|c| !c.synced.is_empty()) {
        queued += conn.execute(&snapshot_sql(columns), [])? as u64;
    }
    conn.prepare_cached("UPDATE sync_state SET queueing = 1 WHERE id = 1")?
        .execute([])?;
    Ok(queued)
}

/// How many changes starting the queue now would queue.
pub(crate) fn waiting_rows(conn: &Connection) -> Result<u64> {
    let mut n: i64 = 0;
    for columns in ENTITY_COLUMNS.iter().filter(|c| !c.synced.is_empty()) {
        let counted = match columns.shape() {
            EntityShape::List => format!("count(DISTINCT {})", columns.id),
            _ => "count(*)".to_owned(),
        };
        let sql = format!("SELECT {counted} FROM {}", columns.table());
        n += conn.query_row(&sql, [], |r| r.get::<_, i64>(0))?;
    }
    Ok(n.max(0) as u64)
}

impl Store {
    /// Starts the upload queue now, if it was not running: the book's synced rows as they
    /// stand are queued (one change each, parents first), and every write from then on
    /// queues its own changes. Returns how many changes that queued (0 when the queue was
    /// already running). The first [`Store::pending_upload`] or [`Store::apply_download`]
    /// of a book does this by itself; until then a book that never syncs keeps no queue.
    pub fn start_upload_queue(&self) -> Result<u64> {
        self.write(start)
    }

    /// Whether the upload queue runs (see [`Store::start_upload_queue`]).
    pub fn upload_queue_running(&self) -> Result<bool> {
        self.read(is_running)
    }
}

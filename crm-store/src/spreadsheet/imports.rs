//! The imports table: each import's record, the customers it created, listing imports and
//! undoing one.

use crate::db::connection::Cleaning;
use crate::db::time::{from_millis, to_millis};
use crate::error::{Result, StoreError};
use crate::privacy::erase::erase_in;
use crate::spreadsheet::report::{ImportRecord, ImportReport, UndoReport};
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::audit::DeletionKind;
use crm_core::CustomerId;
use rusqlite::{params, Connection, OptionalExtension};

/// The id of the finished, not undone import of the file whose hash is `hash`.
pub(crate) fn finished_import_of(conn: &Connection, hash: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM imports WHERE file_hash = ?1 AND undone_at IS NULL
             ORDER BY started_at DESC LIMIT 1",
        )?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}

/// Records an import as it starts (its counts are settled at its end).
pub(crate) fn insert_import(
    conn: &Connection,
    id: &str,
    file_name: &str,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO imports (id, file_name, file_hash, started_at, finished_at, rows, created,
             updated, merged, skipped_duplicates, refused)
         VALUES (?1, ?2, ?3, ?4, ?4, 0, 0, 0, 0, 0, 0)",
    )?
    .execute(params![id, file_name, hash, to_millis(now)])?;
    Ok(())
}

/// Links customer `customer` to the import that created it.
pub(crate) fn link_customer(
    conn: &Connection,
    import_id: &str,
    customer: &CustomerId,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO import_customers (customer_id, import_id, version) VALUES (?1, ?2, 1)",
    )?
    .execute(params![customer.as_str(), import_id])?;
    Ok(())
}

/// Writes the import's counts and finishing time, and the version each of its customers
/// has now (a later row of the file may have changed one).
pub(crate) fn settle_import(
    conn: &Connection,
    id: &str,
    report: &ImportReport,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE import_customers
         SET version = (SELECT c.version FROM customers c WHERE c.id = customer_id)
         WHERE import_id = ?1",
    )?
    .execute([id])?;
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    conn.prepare_cached(
        "UPDATE imports SET finished_at = ?2, rows = ?3, created = ?4, updated = ?5,
             merged = ?6, skipped_duplicates = ?7, refused = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        to_millis(now),
        count(report.rows),
        count(report.created),
        count(report.updated),
        count(report.merged),
        count(report.skipped_duplicates),
        count(report.errors.len() as u64),
    ])?;
    Ok(())
}

fn read_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ImportRecord, [i64; 3])> {
    let count =
        |i: usize| -> rusqlite::Result<u64> { Ok(u64::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
    Ok((
        ImportRecord {
            id: r.get(0)?,
            file_name: r.get(1)?,
            file_hash: r.get(2)?,
            started_at: DateTime::<Utc>::MIN_UTC,
            finished_at: DateTime::<Utc>::MIN_UTC,
            rows: count(5)?,
            created: count(6)?,
            updated: count(7)?,
            merged: count(8)?,
            skipped_duplicates: count(9)?,
            refused: count(10)?,
            undone_at: None,
        },
        [
            r.get(3)?,
            r.get(4)?,
            r.get::<_, Option<i64>>(11)?.unwrap_or(i64::MIN),
        ],
    ))
}

/// Whether customer `id` has records of its own since it was imported: follow-ups,
/// orders or visits, which undoing would erase with it.
fn has_records(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM follow_ups WHERE customer_id = ?1)
                 OR EXISTS (SELECT 1 FROM orders WHERE customer_id = ?1)
                 OR EXISTS (SELECT 1 FROM visits WHERE customer_id = ?1)",
        )?
        .query_row([id], |r| r.get(0))?)
}

impl Store {
    /// The imports of this book, newest first (undone ones too, marked).
    pub fn list_imports(&self) -> Result<Vec<ImportRecord>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT id, file_name, file_hash, started_at, finished_at, rows, created, updated,
                        merged, skipped_duplicates, refused, undone_at
                 FROM imports ORDER BY started_at DESC, id DESC",
            )?;
            let rows = stmt.query_map([], read_record)?;
            let mut out = Vec::new();
            for row in rows {
                let (mut record, [started, finished, undone]) = row?;
                record.started_at = from_millis(started, "imports.started_at")?;
                record.finished_at = from_millis(finished, "imports.finished_at")?;
                record.undone_at = if undone == i64::MIN {
                    None
                } else {
                    Some(from_millis(undone, "imports.undone_at")?)
                };
                out.push(record);
            }
            Ok(out)
        })
    }

    /// Undoes import `id`: deletes the customers it created that nobody changed since
    /// (still at the version the import left them at, with no follow-up, order or visit
    /// of their own), as [`Store::delete_customer`] deletes (the deletions log keeps
    /// that they were), and keeps the others, listed in the report. Customers the import
    /// updated or merged into stay as they are now. The import is marked undone: the same
    /// file may then be imported again. Undoing it twice removes nothing more.
    /// `NotFound` for an unknown import.
    pub fn undo_import(&self, id: &str) -> Result<UndoReport> {
        let now = self.now();
        let report = self.write(|tx| {
            let undone: Option<Option<i64>> = tx
                .prepare_cached("SELECT undone_at FROM imports WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            match undone {
                None => return Err(StoreError::not_found("import", &id)),
                Some(Some(_)) => return Ok(UndoReport::default()),
                Some(None) => {}
            }
            let linked: Vec<(String, i64)> = tx
                .prepare_cached(
                    "SELECT l.customer_id, l.version, c.version FROM import_customers l
                     JOIN customers c ON c.id = l.customer_id
                     WHERE l.import_id = ?1 ORDER BY l.customer_id",
                )?
                .query_map([id], |r| {
                    let (at_import, now): (i64, i64) = (r.get(1)?, r.get(2)?);
                    Ok((r.get(0)?, if at_import == now { 0 } else { 1 }))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut report = UndoReport::default();
            for (customer, changed) in linked {
                let customer_id = CustomerId(customer);
                if changed == 0 && !has_records(tx, customer_id.as_str())? {
                    erase_in(tx, &customer_id, DeletionKind::Deleted, None, now)?;
                    report.removed += 1;
                } else {
                    report.kept_changed.push(customer_id);
                }
            }
            tx.prepare_cached("UPDATE imports SET undone_at = ?2 WHERE id = ?1")?
                .execute(params![id, to_millis(now)])?;
            Ok(report)
        })?;
        if report.removed > 0 {
            self.db.clean_file(Cleaning::Log)?;
        }
        Ok(report)
    }
}

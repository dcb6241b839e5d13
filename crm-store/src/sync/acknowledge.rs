//! The server's answer to an upload ([`UploadResult`]): the settled operations leave the
//! outbox, and each refused one is undone (the server's row put back as a download would
//! write it; none: the local row removed, a customer with all of their data) and kept for
//! the app to show until it is dismissed. Never silently.

use crate::db::time::{from_millis, to_millis};
use crate::error::{Result, StoreError};
use crate::store::Store;
use crate::sync::apply::write_rows;
use crate::sync::applying::quietly;
use crate::sync::columns::entity_columns;
use crate::sync::lost_writes::{remember_accepted, RejectionKind};
use chrono::{DateTime, Utc};
use crm_core::sync::{ServerRow, SyncEntity, UploadResult};
use rusqlite::{params, Connection, OptionalExtension};

/// A change of this device the server refused, or accepted and then replaced by another
/// device's concurrent change of the same fields (the loser told), as kept for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRejection {
    /// The refused operation.
    pub op_id: u64,
    /// Its entity.
    pub entity: SyncEntity,
    /// Its row id.
    pub id: String,
    /// Why, in the server's words (a rule broken, a permission missing).
    pub reason: String,
    /// When the device learnt of it.
    pub at: DateTime<Utc>,
    /// Refused by the server, or accepted and then replaced by another device's concurrent
    /// change ([`RejectionKind`]).
    pub kind: RejectionKind,
}

/// The customer the local row `id` of `entity` belongs to, if it is on the device.
fn local_customer_of(conn: &Connection, entity: SyncEntity, id: &str) -> Result<Option<String>> {
    let columns = entity_columns(entity);
    let Some((parent, column)) = columns.parent else {
        return Ok(Some(id.to_string()));
    };
    let found: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT {column} FROM {} WHERE {} = ?1",
            columns.table(),
            columns.id
        ))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match (parent, found) {
        (SyncEntity::Customers, found) => Ok(found),
        (parent, Some(parent_id)) => local_customer_of(conn, parent, &parent_id),
        (_, None) => Ok(None),
    }
}

impl Store {
    /// Takes in the server's answer to an upload, in one transaction: every operation up
    /// to `acknowledged_through` leaves the outbox; each refused one is undone (its row put
    /// back as the server holds it, or removed when the server has none the user may see:
    /// a customer with all of their data) and kept for [`Store::sync_rejections`]. Fields
    /// with later local changes keep them (those are still to be uploaded). A bad row to
    /// put back fails with [`StoreError::Invalid`] naming it
    /// (`rejected[0].current.fields.name`), and nothing is written.
    pub fn acknowledge(&self, result: &UploadResult) -> Result<()> {
        let now = to_millis(self.now());
        self.write(|tx| {
            remember_accepted(tx, result.acknowledged_through, &result.rejected)?;
            tx.prepare_cached("DELETE FROM sync_outbox WHERE op_id <= ?1")?
                .execute([result.acknowledged_through as i64])?;
            quietly(tx, || {
                let mut rows: Vec<(String, ServerRow)> = Vec::new();
                for (i, r) in result.rejected.iter().enumerate() {
                    let row = match &r.current {
                        Some(current) => current.clone(),
                        None => ServerRow {
                            version: 0,
                            entity: r.entity,
                            id: r.id.clone(),
                            customer_id: local_customer_of(tx, r.entity, &r.id)?
                                .unwrap_or_default(),
                            fields: None,
                        },
                    };
                    rows.push((format!("rejected[{i}].current"), row));
                }
                write_rows(tx, rows.iter().map(|(path, row)| (path.clone(), row)))?;
                Ok(())
            })?;
            let mut keep = tx.prepare_cached(
                "INSERT OR REPLACE INTO sync_rejections (op_id, entity, row_id, reason, at, kind) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 'refused')",
            )?;
            for r in &result.rejected {
                keep.execute(params![
                    r.op_id as i64,
                    r.entity.table(),
                    r.id,
                    r.reason,
                    now
                ])?;
            }
            Ok(())
        })
    }

    /// The changes the server refused, and those another device's concurrent change
    /// replaced ([`RejectionKind::Overwritten`]), that the app has not dismissed, oldest
    /// operation first.
    pub fn sync_rejections(&self) -> Result<Vec<SyncRejection>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT op_id, entity, row_id, reason, at, kind FROM sync_rejections ORDER BY op_id",
            )?;
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let entity: String = row.get(1)?;
                out.push(SyncRejection {
                    op_id: row.get::<_, i64>(0)? as u64,
                    entity: SyncEntity::from_table(&entity).ok_or(StoreError::Corrupt {
                        column: "sync_rejections.entity",
                    })?,
                    id: row.get(2)?,
                    reason: row.get(3)?,
                    at: from_millis(row.get(4)?, "sync_rejections.at")?,
                    kind: RejectionKind::from_code(&row.get::<_, String>(5)?)?,
                });
            }
            Ok(out)
        })
    }

    /// Forgets the refused change `op_id` (the app has shown it). Fails with
    /// [`StoreError::NotFound`] when no refused change has that id.
    pub fn dismiss_rejection(&self, op_id: u64) -> Result<()> {
        self.write(|tx| {
            let gone = tx
                .prepare_cached("DELETE FROM sync_rejections WHERE op_id = ?1")?
                .execute([op_id as i64])?;
            if gone == 0 {
                return Err(StoreError::NotFound {
                    entity: "rejection",
                    id: op_id.to_string(),
                });
            }
            Ok(())
        })
    }
}

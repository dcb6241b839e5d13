//! Removing the personal data a customer's history holds: in the timeline, the old and
//! new values of field changes and the free texts typed about the customer
//! ([`crm_core::TimelineEntry::without_personal_data`]); in the other append-only records
//! of the customer, their free texts: the note and competitor of stage moves, the outcome
//! or reason of care task moves ([`crm_core::CareTaskStatus::without_personal_data`]).
//! Level changes and odometer readings hold no free text. For the erasure of a person's
//! data.

use crate::customer::customers::not_found;
use crate::error::{Result, StoreError};
use crate::store::Store;
use crm_core::{CareTaskStatus, CustomerId, TimelineEntry};
use rusqlite::{params, Connection};

impl Store {
    /// Blanks the personal data of customer `id`'s history, in one transaction: every
    /// timeline entry's field changes keep their field names with
    /// [`crm_core::FieldValue::Erased`] values, free texts (notes, reasons, feedback ...)
    /// become empty; who, when, on which device and what kind of event stay. Their stage
    /// moves lose their note and competitor (the reason codes stay), their care task
    /// moves the outcome or reason typed (the status and its time stay). Returns how many
    /// records changed (0 when already blank). `NotFound` for an unknown customer.
    ///
    /// The changed entries are queued for upload like any write, but the server keeps
    /// append-only records as first received: erasing a person's data must erase the
    /// server's copy too.
    pub fn erase_timeline_values(&self, id: &CustomerId) -> Result<u32> {
        self.write(|tx| {
            let exists = tx
                .prepare_cached("SELECT count(*) FROM customers WHERE id = ?1")?
                .query_row([id.as_str()], |r| r.get::<_, i64>(0))?;
            if exists == 0 {
                return Err(not_found(id));
            }
            let mut changed = blank_json(
                tx,
                id,
                ("timeline", "entry", "timeline.entry"),
                TimelineEntry::without_personal_data,
            )?;
            changed += blank_json(
                tx,
                id,
                ("care_task_moves", "status", "care_task_moves.status"),
                CareTaskStatus::without_personal_data,
            )?;
            changed += tx
                .prepare_cached(
                    "UPDATE stage_moves SET note = NULL, competitor = NULL
                     WHERE customer_id = ?1 AND (note IS NOT NULL OR competitor IS NOT NULL)",
                )?
                .execute([id.as_str()])? as u32;
            Ok(changed)
        })
    }
}

/// Rewrites the JSON value in `column` of each of customer `id`'s rows of `table` (keyed by
/// `seq`; `(table, column, name for errors)`, names from this file, never user text) as
/// `blank` makes it. Returns how many rows changed.
fn blank_json<T>(
    tx: &Connection,
    id: &CustomerId,
    (table, column, name): (&str, &str, &'static str),
    blank: fn(T) -> T,
) -> Result<u32>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + Clone,
{
    let rows: Vec<(i64, String)> = tx
        .prepare_cached(&format!(
            "SELECT seq, {column} FROM {table} WHERE customer_id = ?1"
        ))?
        .query_map([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let corrupt = || StoreError::Corrupt { column: name };
    let mut changed = 0;
    for (seq, json) in rows {
        let value: T = serde_json::from_str(&json).map_err(|_| corrupt())?;
        let blanked = blank(value.clone());
        if blanked == value {
            continue;
        }
        let blanked = serde_json::to_string(&blanked).map_err(|_| corrupt())?;
        tx.prepare_cached(&format!("UPDATE {table} SET {column} = ?1 WHERE seq = ?2"))?
            .execute(params![blanked, seq])?;
        changed += 1;
    }
    Ok(changed)
}

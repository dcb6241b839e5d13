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
            let entries: Vec<(i64, String)> = tx
                .prepare_cached("SELECT seq, entry FROM timeline WHERE customer_id = ?1")?
                .query_map([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let corrupt = || StoreError::Corrupt {
                column: "timeline.entry",
            };
            let mut changed = 0;
            for (seq, json) in entries {
                let entry: TimelineEntry = serde_json::from_str(&json).map_err(|_| corrupt())?;
                let blank = entry.clone().without_personal_data();
                if blank == entry {
                    continue;
                }
                let blank = serde_json::to_string(&blank).map_err(|_| corrupt())?;
                tx.prepare_cached("UPDATE timeline SET entry = ?1 WHERE seq = ?2")?
                    .execute(params![blank, seq])?;
                changed += 1;
            }
            changed += blank_care_moves(tx, id)?;
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

/// Blanks the outcome or reason of customer `id`'s care task moves; returns how many
/// changed.
fn blank_care_moves(tx: &Connection, id: &CustomerId) -> Result<u32> {
    let moves: Vec<(i64, String)> = tx
        .prepare_cached("SELECT seq, status FROM care_task_moves WHERE customer_id = ?1")?
        .query_map([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let corrupt = || StoreError::Corrupt {
        column: "care_task_moves.status",
    };
    let mut changed = 0;
    for (seq, json) in moves {
        let status: CareTaskStatus = serde_json::from_str(&json).map_err(|_| corrupt())?;
        let blank = status.clone().without_personal_data();
        if blank == status {
            continue;
        }
        let blank = serde_json::to_string(&blank).map_err(|_| corrupt())?;
        tx.prepare_cached("UPDATE care_task_moves SET status = ?1 WHERE seq = ?2")?
            .execute(params![blank, seq])?;
        changed += 1;
    }
    Ok(changed)
}

//! Care tasks as schemas 9 and 10 kept them, one row per task in `care_tasks`: read only to
//! upgrade. Migration 9's backfill numbers the rows by a hash of their key
//! ([`number_care_tasks`]); migration 11's moves every customer's rows into their care
//! schedule and drops the table ([`move_into_schedules`]).

use crate::care::schedule::{encode, next_on};
use crate::db::rows::code;
use crate::db::time::{from_day_number, from_millis};
use crate::error::{Result, StoreError};
use crm_core::{
    sort_schedule, CarId, CareDetail, CareTask, CareTaskKey, CareTaskRecord, CareTaskStatus,
    CareTaskStatusKind, CustomerId,
};
use rusqlite::{params, Connection, Row};
use siphasher::sip::SipHasher13;
use std::hash::Hasher;

/// The id schema 9 stores care task `key` under unless another key holds it: a 63-bit
/// SipHash-1-3 of the key's text (fixed keys, non-negative).
fn care_task_id(key: &str) -> i64 {
    let mut h = SipHasher13::new_with_keys(0x6b65_795f_6964, 0x6361_7265_5f74_6173);
    h.write(key.as_bytes());
    i64::try_from(h.finish() >> 1).unwrap_or(i64::MAX)
}

/// Migration 9's backfill: gives each row copied from schema 8 (numbered -1, -2, …) the
/// hash of its key, unless another row already holds it (then it keeps its negative id).
pub(crate) fn number_care_tasks(conn: &Connection) -> Result<()> {
    let rows: Vec<(i64, String)> = conn
        .prepare("SELECT key_id, key FROM care_tasks WHERE key_id < 0 ORDER BY key_id DESC")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        conn.prepare("UPDATE OR IGNORE care_tasks SET key_id = ?1 WHERE key_id = ?2")?;
    for (id, key) in rows {
        update.execute(params![care_task_id(&key), id])?;
    }
    Ok(())
}

/// The columns of schema 9's `care_tasks` that [`record_from_row`] reads, in its order.
const COLUMNS: &str = "key, customer_id, car_id, due_on, event_on, channel, assignee, \
     template_key, needs_consent, detail, status, closed_at, outcome, skip_reason, \
     snoozed_until, kind";

/// The detail of kind `kind` as schema 9 stored it: its JSON less the kind, NULL when
/// nothing else was left.
fn full_detail(kind: &str, stored: Option<&str>) -> Result<CareDetail> {
    let json = match stored.and_then(|d| d.strip_prefix('{')) {
        Some("}") | None => format!("{{\"kind\":\"{kind}\"}}"),
        Some(fields) => format!("{{\"kind\":\"{kind}\",{fields}"),
    };
    serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
        column: "care_tasks.detail",
    })
}

/// A task with its status from a row of [`COLUMNS`].
fn record_from_row(row: &Row<'_>) -> Result<CareTaskRecord> {
    let corrupt = |column| StoreError::Corrupt { column };
    let detail = full_detail(
        &row.get::<_, String>(15)?,
        row.get::<_, Option<String>>(9)?.as_deref(),
    )?;
    let closed_at = || -> Result<_> {
        from_millis(
            row.get::<_, Option<i64>>(11)?
                .ok_or(corrupt("care_tasks.closed_at"))?,
            "care_tasks.closed_at",
        )
    };
    let status = match code::<CareTaskStatusKind>(&row.get::<_, String>(10)?, "care_tasks.status")?
    {
        CareTaskStatusKind::Open => CareTaskStatus::Open,
        CareTaskStatusKind::Done => CareTaskStatus::Done {
            at: closed_at()?,
            outcome: row
                .get::<_, Option<String>>(12)?
                .ok_or(corrupt("care_tasks.outcome"))?,
        },
        CareTaskStatusKind::Skipped => CareTaskStatus::Skipped {
            at: closed_at()?,
            reason: row
                .get::<_, Option<String>>(13)?
                .ok_or(corrupt("care_tasks.skip_reason"))?,
        },
        CareTaskStatusKind::Snoozed => CareTaskStatus::Snoozed {
            until: from_day_number(
                row.get::<_, Option<i64>>(14)?
                    .ok_or(corrupt("care_tasks.snoozed_until"))?,
                "care_tasks.snoozed_until",
            )?,
        },
    };
    Ok(CareTaskRecord {
        task: CareTask {
            key: CareTaskKey(row.get(0)?),
            customer_id: CustomerId(row.get(1)?),
            car_id: row.get::<_, Option<String>>(2)?.map(CarId),
            due_on: from_day_number(row.get(3)?, "care_tasks.due_on")?,
            event_on: from_day_number(row.get(4)?, "care_tasks.event_on")?,
            channel: code(&row.get::<_, String>(5)?, "care_tasks.channel")?,
            assignee: code(&row.get::<_, String>(6)?, "care_tasks.assignee")?,
            template_key: row.get(7)?,
            needs_consent: row.get(8)?,
            detail,
        },
        status,
    })
}

/// Migration 11's backfill: every customer's rows of `care_tasks` become their care
/// schedule (with no run mark, so the next run plans them), then the table goes. The owner
/// is the one schemas 8-10 copied onto each task and kept in step.
pub(crate) fn move_into_schedules(conn: &Connection) -> Result<()> {
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS}, owner FROM care_tasks ORDER BY customer_id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut current: Option<(String, Option<String>, Vec<CareTaskRecord>)> = None;
        let flush = |c: Option<(String, Option<String>, Vec<CareTaskRecord>)>| -> Result<()> {
            if let Some((customer, owner, mut tasks)) = c {
                sort_schedule(&mut tasks);
                // Schema 11's columns (later migrations add to the row): no run mark.
                conn.prepare_cached(
                    "INSERT INTO care_schedules (customer_id, owner, next_on, tasks)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    customer,
                    owner,
                    next_on(&tasks),
                    encode(&tasks)?
                ])?;
            }
            Ok(())
        };
        while let Some(row) = rows.next()? {
            let record = record_from_row(row)?;
            let customer = record.task.customer_id.as_str();
            if current.as_ref().is_none_or(|(c, _, _)| c != customer) {
                flush(current.take())?;
                current = Some((customer.to_owned(), row.get(16)?, Vec::new()));
            }
            if let Some((_, _, tasks)) = current.as_mut() {
                tasks.push(record);
            }
        }
        flush(current)?;
    }
    conn.execute_batch("DROP TABLE care_tasks;")?;
    Ok(())
}

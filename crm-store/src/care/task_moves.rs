//! Care task moves (`care_task_moves`): every status change of a care task recorded as an
//! append-only synced row, and the schedules brought to the status the moves settle on
//! ([`crm_core::settled_status`]): after a care run, after a download.
//!
//! A care schedule is the device's plan, never queued; the moves are what travels. A
//! download that brings moves settles the schedules they name; one that changes what
//! care is planned from (cars, their services, insurance ends and readings, consent; a
//! customer gained comes with their cars) also plans again in the book's last care run window, so that a
//! customer transferred to this book has their open care tasks at once, not at the next
//! run.

use crate::care::rules::read_care_rules;
use crate::care::run::run;
use crate::care::schedule::{decode, load_tasks, update_tasks};
use crate::db::time::{from_millis, to_millis};
use crate::error::{Result, StoreError};
use crate::settings::stored::{get, put, read_odometer_limits};
use chrono::{DateTime, Utc};
use crm_core::sync::SyncEntity;
use crm_core::{
    apply_moves, CarePlanner, CareTaskKey, CareTaskMove, CareTaskRecord, CareTaskStatus, DateWindow,
};
use rusqlite::{params, Connection};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// The settings key of the last care run's window.
const CARE_WINDOW: &str = "care_window";

/// Records the window of a care run: downloads plan customers who arrive in it.
pub(crate) fn remember_window(conn: &Connection, window: DateWindow) -> Result<()> {
    put(conn, CARE_WINDOW, &Some(window))
}

/// The window of the book's last care run, if it ever ran one.
fn last_window(conn: &Connection) -> Result<Option<DateWindow>> {
    get(conn, CARE_WINDOW, "settings.care_window")
}

fn corrupt() -> StoreError {
    StoreError::Corrupt {
        column: "care_task_moves.status",
    }
}

/// Records `record`'s new status, made at `at`, as a move of customer `customer`'s task.
pub(crate) fn record_move(
    conn: &Connection,
    customer: &str,
    record: &CareTaskRecord,
    at: DateTime<Utc>,
) -> Result<()> {
    let status = serde_json::to_string(&record.status).map_err(|_| corrupt())?;
    conn.prepare_cached(
        "INSERT INTO care_task_moves (customer_id, task_key, status, at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        customer,
        record.task.key.as_str(),
        status,
        to_millis(at)
    ])?;
    Ok(())
}

/// The backfill of schema 17: every status a care schedule held before moves were
/// recorded (done, skipped, snoozed) becomes the task's move, so that it travels like the
/// statuses set since (queued for upload when the book's queue runs) and settles the same
/// way on every device. A done or skipped task's move is dated when it was closed; a
/// snooze, whose time was not kept, when the book is upgraded (a later done or skipped
/// elsewhere still wins: closed is final).
pub(crate) fn moves_from_schedules(conn: &Connection) -> Result<()> {
    let upgraded: i64 = conn.query_row(
        "SELECT CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)",
        [],
        |r| r.get(0),
    )?;
    let upgraded = from_millis(upgraded, "care_task_moves.at")?;
    let schedules: Vec<(String, Vec<u8>)> = conn
        .prepare("SELECT customer_id, tasks FROM care_schedules ORDER BY customer_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (customer, blob) in schedules {
        for record in decode(&blob)? {
            let at = match &record.status {
                CareTaskStatus::Open => continue,
                CareTaskStatus::Done { at, .. } | CareTaskStatus::Skipped { at, .. } => *at,
                CareTaskStatus::Snoozed { .. } => upgraded,
            };
            record_move(conn, &customer, &record, at)?;
        }
    }
    Ok(())
}

/// A move as read from a row (customer, key, status, at, uid).
fn read_move(row: &rusqlite::Row<'_>) -> Result<(String, CareTaskMove)> {
    let status: String = row.get(2)?;
    let uid: Option<String> = row.get(4)?;
    Ok((
        row.get(0)?,
        CareTaskMove {
            task_key: CareTaskKey(row.get(1)?),
            status: serde_json::from_str(&status).map_err(|_| corrupt())?,
            at: from_millis(row.get(3)?, "care_task_moves.at")?,
            uid: uid.unwrap_or_default(),
        },
    ))
}

/// Every customer's moves, for a care run.
pub(crate) fn all_moves(conn: &Connection) -> Result<HashMap<String, Vec<CareTaskMove>>> {
    let mut stmt =
        conn.prepare_cached("SELECT customer_id, task_key, status, at, uid FROM care_task_moves")?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<String, Vec<CareTaskMove>> = HashMap::default();
    while let Some(row) = rows.next()? {
        let (customer, m) = read_move(row)?;
        out.entry(customer).or_default().push(m);
    }
    Ok(out)
}

/// Customer `customer`'s moves.
fn moves_of(conn: &Connection, customer: &str) -> Result<Vec<CareTaskMove>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id, task_key, status, at, uid FROM care_task_moves
         WHERE customer_id = ?1",
    )?;
    let mut rows = stmt.query([customer])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read_move(row)?.1);
    }
    Ok(out)
}

/// Brings customer `customer`'s schedule, if any, to the status their moves settle on.
fn settle(conn: &Connection, customer: &str) -> Result<()> {
    let Some(mut tasks) = load_tasks(conn, customer)? else {
        return Ok(());
    };
    if apply_moves(&mut tasks, &moves_of(conn, customer)?) {
        update_tasks(conn, customer, &tasks)?;
    }
    Ok(())
}

/// Whether rows of `entity` change what a care run plans from: the cars and what is known
/// of them, and consent. (Contacts decide channels too; their changes, frequent and
/// rarely decisive, wait for the next run.)
fn feeds_care(entity: SyncEntity) -> bool {
    matches!(
        entity,
        SyncEntity::Consents
            | SyncEntity::Cars
            | SyncEntity::CarServices
            | SyncEntity::InsuranceEnds
            | SyncEntity::OdometerReadings
    )
}

/// What a download wrote that care depends on, gathered row by row.
#[derive(Default)]
pub(crate) struct CareTouched<'a> {
    /// Customers whose moves came down.
    moved: BTreeSet<&'a str>,
    /// Whether a row care is planned from came down.
    facts: bool,
}

impl<'a> CareTouched<'a> {
    /// Notes a downloaded row of `entity` of customer `customer`.
    pub(crate) fn note(&mut self, entity: SyncEntity, customer: &'a str) {
        if entity == SyncEntity::CareTaskMoves {
            self.moved.insert(customer);
        } else if feeds_care(entity) {
            self.facts = true;
        }
    }

    /// Plans again in the book's last window when the facts changed (a run skips every
    /// customer whose facts did not), then settles the schedules of the customers whose
    /// moves came down. The caller has the outbox triggers quiet.
    pub(crate) fn refresh(self, conn: &Connection) -> Result<()> {
        if self.facts {
            if let Some(window) = last_window(conn)? {
                let planner = CarePlanner::new(&read_care_rules(conn)?, window)?
                    .with_odometer_limits(read_odometer_limits(conn)?)?;
                run(conn, &planner)?;
            }
        }
        for customer in self.moved {
            settle(conn, customer)?;
        }
        Ok(())
    }
}

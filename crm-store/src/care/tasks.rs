//! Care tasks (关怀任务) one by one: found by key, listed, completed, skipped or snoozed.
//! The tasks live in their customer's care schedule ([`crate::care::schedule`]); a care
//! run makes them ([`crate::care::run`]).
//!
//! **A task is found by its key**: the key names the car or the customer
//! ([`crm_core::CareTaskKey::subject`]), which names the schedule.

use crate::care::schedule::{decode, load_tasks, update_tasks};
use crate::care::services::record_service_done;
use crate::care::task_moves::record_move;
use crate::error::{Result, StoreError};
use crate::find::listing::check_page_size;
use crate::follow_up::timeline::append;
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{
    CareKeySubject, CareTaskChange, CareTaskError, CareTaskKey, CareTaskRecord, CareTaskStatusKind,
    Code, CustomerId, Rule, ValidationError,
};
use rusqlite::{Connection, OptionalExtension};

const ENTITY: &str = "care task";

/// Which care tasks to list ([`Store::care_tasks`]); every filter is optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareTaskQuery {
    /// Only the tasks of this consultant's customers.
    pub owner: Option<String>,
    /// Only this customer's tasks.
    pub customer_id: Option<CustomerId>,
    /// Only tasks with this stored status.
    pub status: Option<CareTaskStatusKind>,
    /// Only tasks due on or after this date.
    pub due_from: Option<NaiveDate>,
    /// Only tasks due on or before this date.
    pub due_to: Option<NaiveDate>,
    /// At most this many (1 to [`crate::MAX_PAGE_SIZE`]), by due date then key.
    pub limit: u32,
}

impl CareTaskQuery {
    /// Whether `r`, from a schedule the customer and owner filters chose, passes the others.
    fn admits(&self, r: &CareTaskRecord) -> bool {
        let t = &r.task;
        self.status.is_none_or(|s| s == r.status.kind())
            && self.due_from.is_none_or(|d| t.due_on >= d)
            && self.due_to.is_none_or(|d| t.due_on <= d)
    }
}

impl Default for CareTaskQuery {
    fn default() -> Self {
        CareTaskQuery {
            owner: None,
            customer_id: None,
            status: None,
            due_from: None,
            due_to: None,
            limit: 100,
        }
    }
}
fn task_not_found(key: &CareTaskKey) -> StoreError {
    StoreError::NotFound {
        entity: ENTITY,
        id: key.to_string(),
    }
}

/// How many merges a greeting's key is followed through to the customer now holding it.
const MAX_MERGE_HOPS: usize = 32;

/// The customer whose schedule holds task `key`, if the key names one that exists: a
/// car's owner, or the customer a greeting was made for, or, when that customer was
/// merged into another, the one kept (`customer_merges`; merges are few, so the look-up
/// by merged id needs no index).
fn customer_of(conn: &Connection, key: &CareTaskKey) -> Result<Option<String>> {
    let mut customer = match key.subject() {
        Some(CareKeySubject::Car(car)) => {
            return Ok(conn
                .prepare_cached("SELECT customer_id FROM cars WHERE id = ?1")?
                .query_row([car], |r| r.get(0))
                .optional()?)
        }
        Some(CareKeySubject::Customer(id)) => id.to_owned(),
        None => return Ok(None),
    };
    for _ in 0..MAX_MERGE_HOPS {
        let has_schedule = conn
            .prepare_cached("SELECT 1 FROM care_schedules WHERE customer_id = ?1")?
            .exists([&customer])?;
        if has_schedule {
            return Ok(Some(customer));
        }
        let kept: Option<String> = conn
            .prepare_cached(
                "SELECT kept_id FROM customer_merges WHERE merged_id = ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([&customer], |r| r.get(0))
            .optional()?;
        match kept {
            Some(k) => customer = k,
            None => return Ok(None),
        }
    }
    Ok(None)
}

/// Stored task `key`: its customer's whole schedule and the task's place in it.
fn read_task(conn: &Connection, key: &CareTaskKey) -> Result<(String, Vec<CareTaskRecord>, usize)> {
    let found = match customer_of(conn, key)? {
        Some(customer) => load_tasks(conn, &customer)?.and_then(|tasks| {
            let at = tasks.iter().position(|r| r.task.key == *key)?;
            Some((customer, tasks, at))
        }),
        None => None,
    };
    found.ok_or_else(|| task_not_found(key))
}

/// A [`CareTaskError`] as the store reports it.
fn move_error(key: &CareTaskKey, e: CareTaskError) -> StoreError {
    match e {
        CareTaskError::Closed { status } => StoreError::Closed {
            entity: ENTITY,
            id: key.to_string(),
            status: status.code(),
        },
        CareTaskError::Invalid(v) => StoreError::Invalid(v),
        CareTaskError::NotSnoozed | CareTaskError::StillSnoozed { .. } => ValidationError::new(
            "status",
            Rule::Malformed {
                expected: "a task snoozed until today or earlier",
            },
        )
        .into(),
        CareTaskError::KeyMismatch => StoreError::Corrupt {
            column: "care_tasks.key",
        },
    }
}

/// Saves a task's new status in its customer's schedule (and its timeline entry) at `now`,
/// with the move that carries it to other devices.
fn save_move(
    conn: &Connection,
    customer: &str,
    mut tasks: Vec<CareTaskRecord>,
    at: usize,
    change: &CareTaskChange,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(slot) = tasks.get_mut(at) {
        *slot = change.record.clone();
    }
    update_tasks(conn, customer, &tasks)?;
    record_move(conn, customer, &change.record, now)?;
    if let Some(entry) = &change.entry {
        append(conn, &change.record.task.customer_id, now, None, entry)?;
    }
    Ok(())
}

impl Store {
    /// Care task `key`.
    pub fn get_care_task(&self, key: &CareTaskKey) -> Result<CareTaskRecord> {
        self.read(|tx| {
            let (_, mut tasks, at) = read_task(tx, key)?;
            Ok(tasks.swap_remove(at))
        })
    }

    /// The care tasks `query` asks for, by due date then key. The customer and owner
    /// filters choose the schedules read (by index); every chosen schedule is decoded
    /// whole, so a list over the whole book costs a pass over all of it (about 30 µs a
    /// customer): ask per customer or per consultant where you can.
    pub fn care_tasks(&self, query: &CareTaskQuery) -> Result<Vec<CareTaskRecord>> {
        check_page_size(query.limit)?;
        self.read(|tx| {
            // The schedules to look in: one customer's, one consultant's, or all (fixed
            // clauses, bound values).
            let mut clauses = Vec::new();
            let mut values = Vec::new();
            if let Some(c) = &query.customer_id {
                clauses.push("customer_id = ?");
                values.push(c.as_str());
            }
            if let Some(o) = &query.owner {
                clauses.push("owner = ?");
                values.push(o.as_str());
            }
            let filter = if clauses.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", clauses.join(" AND "))
            };
            let mut stmt =
                tx.prepare_cached(&format!("SELECT tasks FROM care_schedules {filter}"))?;
            let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let tasks = decode(&row.get::<_, Vec<u8>>(0)?)?;
                out.extend(tasks.into_iter().filter(|r| query.admits(r)));
            }
            crm_core::sort_schedule(&mut out);
            out.truncate(query.limit as usize);
            Ok(out)
        })
    }

    /// Marks care task `key` done with what came of it (field `outcome`), with a
    /// [`crm_core::TimelineEntry::CareTaskDone`] entry. A done maintenance task is a
    /// service the car had today: the maintenance schedule restarts from it at the next
    /// [`Store::generate_care`]. A done or skipped task fails with `Closed`.
    pub fn complete_care_task(&self, key: &CareTaskKey, outcome: &str) -> Result<CareTaskRecord> {
        let now = self.now();
        self.write(|tx| {
            let today = self.today_on(tx)?;
            let done = self.move_task_in(tx, key, now, |r| r.complete(outcome, now))?;
            record_service_done(tx, &done.task, today)?;
            Ok(done)
        })
    }

    /// Skips care task `key` for `reason` (field `reason`), with a
    /// [`crm_core::TimelineEntry::CareTaskSkipped`] entry.
    pub fn skip_care_task(&self, key: &CareTaskKey, reason: &str) -> Result<CareTaskRecord> {
        let now = self.now();
        self.move_task(key, now, |r| r.skip(reason, now))
    }

    /// Puts care task `key` off until the local date `until` (after today, within 365
    /// days: field `until`); it returns to the agenda on that date.
    pub fn snooze_care_task(&self, key: &CareTaskKey, until: NaiveDate) -> Result<CareTaskRecord> {
        let now = self.now();
        self.write(|tx| {
            let today = self.today_on(tx)?;
            let (customer, tasks, at) = read_task(tx, key)?;
            let record = tasks.get(at).cloned().ok_or_else(|| task_not_found(key))?;
            let change = record
                .snooze(until, today)
                .map_err(|e| move_error(key, e))?;
            save_move(tx, &customer, tasks, at, &change, now)?;
            Ok(change.record)
        })
    }

    fn move_task(
        &self,
        key: &CareTaskKey,
        now: DateTime<Utc>,
        apply: impl FnOnce(&CareTaskRecord) -> Result<CareTaskChange, CareTaskError>,
    ) -> Result<CareTaskRecord> {
        self.write(|tx| self.move_task_in(tx, key, now, apply))
    }

    /// [`Self::move_task`] inside the caller's transaction.
    fn move_task_in(
        &self,
        tx: &Connection,
        key: &CareTaskKey,
        now: DateTime<Utc>,
        apply: impl FnOnce(&CareTaskRecord) -> Result<CareTaskChange, CareTaskError>,
    ) -> Result<CareTaskRecord> {
        let (customer, tasks, at) = read_task(tx, key)?;
        let record = tasks.get(at).cloned().ok_or_else(|| task_not_found(key))?;
        let change = apply(&record).map_err(|e| move_error(key, e))?;
        save_move(tx, &customer, tasks, at, &change, now)?;
        Ok(change.record)
    }
}

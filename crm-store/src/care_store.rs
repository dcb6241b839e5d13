//! Care tasks (关怀任务): generated for a window from every delivered customer's facts by
//! the pure engine ([`crm_core::CarePlanner`]), stored by their stable key, then completed,
//! skipped or snoozed one by one.
//!
//! **A run** ([`Store::generate_care`]) loads all facts with a few set-based queries
//! ([`crate::care_facts`]), plans every customer in memory, reads the stored tasks due in the
//! window as `(key, status, fingerprint)` from one covering index, and writes only the
//! differences: new keys inserted (in key order), open or snoozed tasks whose fingerprint
//! changed rewritten (their status kept), open or snoozed tasks of the window that no longer
//! come back deleted. Done and skipped tasks are never touched. Re-running a window writes
//! nothing.

use crate::care_facts::load_care_facts;
use crate::care_rules_store::read_care_rules;
use crate::cars_store::date_text;
use crate::error::{Result, StoreError};
use crate::listing::MAX_PAGE_SIZE;
use crate::rows::code;
use crate::store::Store;
use crate::time::{from_millis, parse_date, to_millis, truncate_to_millis};
use crate::timeline_store::append;
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{
    CarId, CarePlanner, CareTask, CareTaskChange, CareTaskError, CareTaskKey, CareTaskRecord,
    CareTaskStatus, CareTaskStatusKind, Code, CustomerId, DateWindow, Rule, ValidationError,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use siphasher::sip::SipHasher13;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

const ENTITY: &str = "care task";

/// Open and snoozed: the statuses a run may rewrite or delete, and the agenda shows.
pub(crate) const CARE_PENDING: &str = "status IN ('open', 'snoozed')";

/// The columns of `care_tasks`, in the order [`care_record_from_row`] reads them.
pub(crate) const CARE_TASK_COLUMNS: &str = "key, customer_id, car_id, due_on, event_on, channel, \
     assignee, template_key, needs_consent, detail, status, closed_at, outcome, skip_reason, snoozed_until";

/// The number of [`CARE_TASK_COLUMNS`].
pub(crate) const CARE_TASK_COLUMN_COUNT: usize = 15;

/// What a care run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CareRunSummary {
    /// Tasks stored for the first time.
    pub added: u64,
    /// Open or snoozed tasks rewritten because the rules or facts changed (status kept).
    pub updated: u64,
    /// Open or snoozed tasks of the window deleted because they no longer come back
    /// (consent withdrawn, a corrected date, a rule turned off …).
    pub removed: u64,
    /// Tasks generated again as they were, and done or skipped tasks left as they are.
    pub unchanged: u64,
}

/// Which care tasks to list ([`Store::care_task_list`]); every filter is optional.
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
    /// At most this many (1 to [`MAX_PAGE_SIZE`]), by due date then key.
    pub limit: u32,
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

/// A hash of everything the rules make of a task (SipHash-1-3, fixed keys). Should the
/// hashing of a type change with a library version, the next run rewrites open tasks once
/// with the same content; nothing is lost.
fn fingerprint(task: &CareTask) -> i64 {
    let mut h = SipHasher13::new_with_keys(0x6361_7265, 0x7461_736b);
    task.hash(&mut h);
    i64::from_ne_bytes(h.finish().to_ne_bytes())
}

fn detail_json(task: &CareTask) -> Result<String> {
    serde_json::to_string(&task.detail).map_err(|_| StoreError::Corrupt {
        column: "care_tasks.detail",
    })
}

/// A care task with its status from a row whose first columns are [`CARE_TASK_COLUMNS`]
/// (prefixed or not).
pub(crate) fn care_record_from_row(row: &Row) -> Result<CareTaskRecord> {
    let corrupt = |column| StoreError::Corrupt { column };
    let detail = serde_json::from_str(&row.get::<_, String>(9)?)
        .map_err(|_| corrupt("care_tasks.detail"))?;
    let closed_at = || -> Result<DateTime<Utc>> {
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
            until: parse_date(
                &row.get::<_, Option<String>>(14)?
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
            due_on: parse_date(&row.get::<_, String>(3)?, "care_tasks.due_on")?,
            event_on: parse_date(&row.get::<_, String>(4)?, "care_tasks.event_on")?,
            channel: code(&row.get::<_, String>(5)?, "care_tasks.channel")?,
            assignee: code(&row.get::<_, String>(6)?, "care_tasks.assignee")?,
            template_key: row.get(7)?,
            needs_consent: row.get(8)?,
            detail,
        },
        status,
    })
}

/// Collects the care tasks a statement returns.
pub(crate) fn collect_care_records(mut rows: rusqlite::Rows) -> Result<Vec<CareTaskRecord>> {
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(care_record_from_row(row)?);
    }
    Ok(out)
}

fn read_task(conn: &Connection, key: &CareTaskKey) -> Result<Option<CareTaskRecord>> {
    conn.prepare_cached(&format!(
        "SELECT {CARE_TASK_COLUMNS} FROM care_tasks WHERE key = ?1"
    ))?
    .query_row([key.as_str()], |r| Ok(care_record_from_row(r)))
    .optional()?
    .transpose()
}

/// Copies customer `id`'s owner onto their care tasks.
pub(crate) fn sync_care_owner(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE care_tasks SET owner = (SELECT owner FROM customers WHERE id = ?1)
         WHERE customer_id = ?1 AND owner IS NOT (SELECT owner FROM customers WHERE id = ?1)",
    )?
    .execute([id])?;
    Ok(())
}

/// A generated task to write, with its customer's owner and fingerprint.
struct Planned<'a> {
    task: CareTask,
    owner: Option<&'a str>,
    fingerprint: i64,
}

/// Writes `p` over an open or snoozed task of the same key (status kept); 0 when the
/// stored task is closed.
fn rewrite(conn: &Connection, p: &Planned, now: i64) -> Result<usize> {
    write_task(
        conn,
        &format!(
            "UPDATE care_tasks SET customer_id = ?2, car_id = ?3, owner = ?4, kind = ?5,
                due_on = ?6, event_on = ?7, channel = ?8, assignee = ?9, template_key = ?10,
                needs_consent = ?11, detail = ?12, fingerprint = ?13,
                agenda_on = CASE status WHEN 'snoozed' THEN snoozed_until ELSE ?6 END,
                generated_at = ?14, updated_at = ?14
             WHERE key = ?1 AND {CARE_PENDING}"
        ),
        p,
        now,
    )
}

/// Inserts `p` as a new open task; 0 when the key is already stored (due outside the
/// window).
fn insert(conn: &Connection, p: &Planned, now: i64) -> Result<usize> {
    write_task(
        conn,
        "INSERT INTO care_tasks (key, customer_id, car_id, owner, kind, due_on, event_on,
                channel, assignee, template_key, needs_consent, detail, fingerprint, status,
                agenda_on, generated_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'open', ?6, ?14, ?14)
             ON CONFLICT (key) DO NOTHING",
        p,
        now,
    )
}

/// Runs `sql` (an insert or a rewrite of one task) with the task's values as `?1`..`?14`:
/// key, customer, car, owner, kind, due, event, channel, assignee, template, consent,
/// detail, fingerprint, now.
fn write_task(conn: &Connection, sql: &str, p: &Planned, now: i64) -> Result<usize> {
    let t = &p.task;
    Ok(conn.prepare_cached(sql)?.execute(params![
        t.key.as_str(),
        t.customer_id.as_str(),
        t.car_id.as_ref().map(CarId::as_str),
        p.owner,
        t.kind().code(),
        date_text(t.due_on),
        date_text(t.event_on),
        t.channel.code(),
        t.assignee.code(),
        t.template_key,
        t.needs_consent,
        detail_json(t)?,
        p.fingerprint,
        now,
    ])?)
}

/// The stored `(status, fingerprint)` of the tasks due in `window`, by key.
fn stored_in_window(conn: &Connection, window: DateWindow) -> Result<HashMap<String, (bool, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, status, fingerprint FROM care_tasks WHERE due_on BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![date_text(window.from), date_text(window.to)])?;
    let mut out = HashMap::new();
    while let Some(row) = rows.next()? {
        let status: String = row.get(1)?;
        let pending = matches!(status.as_str(), "open" | "snoozed");
        out.insert(row.get(0)?, (pending, row.get(2)?));
    }
    Ok(out)
}

/// The run itself, inside the caller's transaction.
fn run(conn: &Connection, planner: &CarePlanner, now: i64) -> Result<CareRunSummary> {
    let facts = load_care_facts(conn)?;
    let mut stored = stored_in_window(conn, planner.window())?;
    let mut summary = CareRunSummary::default();
    let mut fresh: Vec<Planned> = Vec::new();
    let mut changed: Vec<Planned> = Vec::new();
    for f in &facts {
        for task in planner.tasks_for(&f.customer) {
            let p = Planned {
                fingerprint: fingerprint(&task),
                owner: f.owner.as_deref(),
                task,
            };
            match stored.remove(p.task.key.as_str()) {
                None => fresh.push(p),
                Some((true, fp)) if fp != p.fingerprint => changed.push(p),
                Some(_) => summary.unchanged += 1,
            }
        }
    }
    for p in &changed {
        summary.updated += rewrite(conn, p, now)? as u64;
    }
    // In key order, the table's B-tree grows at its edges instead of splitting everywhere.
    fresh.sort_unstable_by(|a, b| a.task.key.cmp(&b.task.key));
    for p in &fresh {
        if insert(conn, p, now)? == 1 {
            summary.added += 1;
            continue;
        }
        // Stored, but due outside the window: compare it on its own.
        let (pending, fp): (bool, i64) = conn
            .prepare_cached(&format!(
                "SELECT {CARE_PENDING}, fingerprint FROM care_tasks WHERE key = ?1"
            ))?
            .query_row([p.task.key.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if pending && fp != p.fingerprint {
            summary.updated += rewrite(conn, p, now)? as u64;
        } else {
            summary.unchanged += 1;
        }
    }
    let mut delete = conn.prepare_cached(&format!(
        "DELETE FROM care_tasks WHERE key = ?1 AND {CARE_PENDING}"
    ))?;
    for (key, (pending, _)) in stored {
        if pending {
            summary.removed += delete.execute([key])? as u64;
        } else {
            summary.unchanged += 1;
        }
    }
    Ok(summary)
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

/// Saves a task's new status (and its timeline entry) at `now`.
fn save_move(conn: &Connection, change: &CareTaskChange, now: DateTime<Utc>) -> Result<()> {
    let r = &change.record;
    let (closed_at, outcome, reason, until) = match &r.status {
        CareTaskStatus::Open => (None, None, None, None),
        CareTaskStatus::Done { at, outcome } => (Some(to_millis(*at)), Some(outcome), None, None),
        CareTaskStatus::Skipped { at, reason } => (Some(to_millis(*at)), None, Some(reason), None),
        CareTaskStatus::Snoozed { until } => (None, None, None, Some(date_text(*until))),
    };
    conn.prepare_cached(
        "UPDATE care_tasks SET status = ?2, closed_at = ?3, outcome = ?4, skip_reason = ?5,
            snoozed_until = ?6, agenda_on = ?7, updated_at = ?8 WHERE key = ?1",
    )?
    .execute(params![
        r.task.key.as_str(),
        r.status.kind().code(),
        closed_at,
        outcome,
        reason,
        until,
        date_text(r.agenda_date()),
        to_millis(now)
    ])?;
    if let Some(entry) = &change.entry {
        append(conn, &r.task.customer_id, now, None, entry)?;
    }
    Ok(())
}

impl Store {
    /// Generates the care tasks due in `window` for every customer with a delivered car,
    /// under the stored rules (see the module's documentation): new tasks stored open,
    /// open and snoozed ones brought up to date, those that no longer come back removed,
    /// done and skipped ones left alone. Idempotent: the same window again writes nothing.
    /// Errors: a window the engine refuses (field `from` or `to`).
    pub fn generate_care(&self, window: DateWindow) -> Result<CareRunSummary> {
        let now = to_millis(self.clock().now());
        self.write(|tx| {
            let planner = CarePlanner::new(&read_care_rules(tx)?, window)?;
            run(tx, &planner, now)
        })
    }

    /// Care task `key`.
    pub fn care_task(&self, key: &CareTaskKey) -> Result<CareTaskRecord> {
        self.read(|tx| read_task(tx, key)?.ok_or_else(|| task_not_found(key)))
    }

    /// The care tasks `query` asks for, by due date then key.
    pub fn care_task_list(&self, query: &CareTaskQuery) -> Result<Vec<CareTaskRecord>> {
        if query.limit == 0 || query.limit > MAX_PAGE_SIZE {
            return Err(ValidationError::new(
                "limit",
                Rule::Malformed {
                    expected: "a page size from 1 to 10000",
                },
            )
            .into());
        }
        // Fixed clauses, bound values: no text of the caller reaches the SQL.
        let mut clauses: Vec<&str> = Vec::new();
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let mut add = |clause: &'static str, value: String| {
            clauses.push(clause);
            values.push(value.into());
        };
        if let Some(o) = &query.owner {
            add("owner = ?", o.clone());
        }
        if let Some(c) = &query.customer_id {
            add("customer_id = ?", c.to_string());
        }
        if let Some(s) = query.status {
            add("status = ?", s.code().to_owned());
        }
        if let Some(d) = query.due_from {
            add("due_on >= ?", date_text(d));
        }
        if let Some(d) = query.due_to {
            add("due_on <= ?", date_text(d));
        }
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        values.push(i64::from(query.limit).into());
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {CARE_TASK_COLUMNS} FROM care_tasks {filter} ORDER BY due_on, key LIMIT ?"
            ))?;
            let records = collect_care_records(stmt.query(rusqlite::params_from_iter(values))?)?;
            Ok(records)
        })
    }

    /// Marks care task `key` done with what came of it (field `outcome`), with a
    /// [`crm_core::TimelineEntry::CareTaskDone`] entry. A done or skipped task fails with
    /// `Closed`.
    pub fn complete_care_task(&self, key: &CareTaskKey, outcome: &str) -> Result<CareTaskRecord> {
        let now = truncate_to_millis(self.clock().now());
        self.move_task(key, now, |r| r.complete(outcome, now))
    }

    /// Skips care task `key` for `reason` (field `reason`), with a
    /// [`crm_core::TimelineEntry::CareTaskSkipped`] entry.
    pub fn skip_care_task(&self, key: &CareTaskKey, reason: &str) -> Result<CareTaskRecord> {
        let now = truncate_to_millis(self.clock().now());
        self.move_task(key, now, |r| r.skip(reason, now))
    }

    /// Puts care task `key` off until the local date `until` (after today, within 365
    /// days: field `until`); it returns to the agenda on that date.
    pub fn snooze_care_task(&self, key: &CareTaskKey, until: NaiveDate) -> Result<CareTaskRecord> {
        let now = truncate_to_millis(self.clock().now());
        self.write(|tx| {
            let today = self.today(tx)?;
            let record = read_task(tx, key)?.ok_or_else(|| task_not_found(key))?;
            let change = record
                .snooze(until, today)
                .map_err(|e| move_error(key, e))?;
            save_move(tx, &change, now)?;
            Ok(change.record)
        })
    }

    fn move_task(
        &self,
        key: &CareTaskKey,
        now: DateTime<Utc>,
        apply: impl FnOnce(&CareTaskRecord) -> Result<CareTaskChange, CareTaskError>,
    ) -> Result<CareTaskRecord> {
        self.write(|tx| {
            let record = read_task(tx, key)?.ok_or_else(|| task_not_found(key))?;
            let change = apply(&record).map_err(|e| move_error(key, e))?;
            save_move(tx, &change, now)?;
            Ok(change.record)
        })
    }
}

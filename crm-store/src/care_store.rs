//! Care tasks (关怀任务): generated for a window from every delivered customer's facts by
//! the pure engine ([`crm_core::CarePlanner`]), stored by their stable key, then completed,
//! skipped or snoozed one by one.
//!
//! **Key ids.** A task is found by `key_id`, a 63-bit hash of its key ([`care_task_id`],
//! UNIQUE), so that the table is a rowid table whose indexes carry 8-byte integers instead
//! of the key's text. A key whose hash another key already holds gets a negative key id
//! instead and is found by its text (the partial index `care_tasks_by_colliding_key`); a
//! run loads those few up front. "Id" below means the key id.
//!
//! **A run** ([`Store::generate_care`]) loads all facts with a few set-based queries
//! ([`crate::care_facts`]), plans every customer in memory on a second thread while the
//! connection reads the stored tasks due in the window as `(key_id, pending, fingerprint)`
//! from one covering index into a map, and
//! writes only the differences: new keys appended (in the planner's order), open or snoozed
//! tasks whose fingerprint changed rewritten (their status kept), open or snoozed tasks of
//! the window that no longer come back deleted. Done and skipped tasks are never touched.
//! Re-running a window writes nothing. A task whose key id and fingerprint (which covers
//! the key) both match is taken as unchanged without reading its key: a different key would
//! have to collide on two independent 64-bit SipHashes at once. Any other match is checked
//! against the key.
//!
//! **Narrow rows**, since a year's run writes hundreds of thousands: dates are day numbers
//! ([`crate::time::day_number`]) and the detail is its JSON less the kind, which has its
//! own column ([`compact_detail`]).

use crate::care_facts::{load_care_facts, CareFacts};
use crate::care_rules_store::read_care_rules;
use crate::error::{Result, StoreError};
use crate::listing::MAX_PAGE_SIZE;
use crate::rows::code;
use crate::store::{Store, CACHE_KIB};
use crate::time::{day_number, from_day_number, from_millis, to_millis, truncate_to_millis};
use crate::timeline_store::append;
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{
    CarId, CareDetail, CarePlanner, CareTask, CareTaskChange, CareTaskError, CareTaskKey,
    CareTaskRecord, CareTaskStatus, CareTaskStatusKind, Code, CustomerId, DateWindow, Rule,
    ValidationError,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use rustc_hash::FxHashMap;
use siphasher::sip::SipHasher13;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

const ENTITY: &str = "care task";

/// The writer's page cache during a care run, in KiB (see [`Store::generate_care`]).
const RUN_CACHE_KIB: i64 = 512 * 1024;

/// Open and snoozed: the statuses a run may rewrite or delete, and the agenda shows.
pub(crate) const CARE_PENDING: &str = "status IN ('open', 'snoozed')";

/// The columns of `care_tasks`, in the order [`care_record_from_row`] reads them.
pub(crate) const CARE_TASK_COLUMNS: &str = "key, customer_id, car_id, due_on, event_on, channel, \
     assignee, template_key, needs_consent, detail, status, closed_at, outcome, skip_reason, \
     snoozed_until, kind";

/// The number of [`CARE_TASK_COLUMNS`].
pub(crate) const CARE_TASK_COLUMN_COUNT: usize = 16;

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

/// The id care task `key` is stored under unless another key holds it: a 63-bit
/// SipHash-1-3 of the key's text (fixed keys, non-negative). Part of the stored format:
/// never change it without a migration that renumbers the table.
pub(crate) fn care_task_id(key: &str) -> i64 {
    let mut h = SipHasher13::new_with_keys(0x6b65_795f_6964, 0x6361_7265_5f74_6173);
    h.write(key.as_bytes());
    i64::try_from(h.finish() >> 1).unwrap_or(i64::MAX)
}

/// A hash of everything the rules make of a task, its key included (SipHash-1-3, fixed
/// keys other than [`care_task_id`]'s). Should the hashing of a type change with a library
/// version, the next run rewrites open tasks once with the same content; nothing is lost.
fn fingerprint(task: &CareTask) -> i64 {
    let mut h = SipHasher13::new_with_keys(0x6361_7265, 0x7461_736b);
    task.hash(&mut h);
    i64::from_ne_bytes(h.finish().to_ne_bytes())
}

/// The JSON of a detail begins with its kind (serde's tag comes first): `{"kind":"…"`.
const KIND_TAG: &str = "{\"kind\":\"";

/// The stored form of `task`'s detail: its JSON less the kind (stored in its own column),
/// `None` when nothing else is left. Compact because a year's run writes it for every task.
fn compact_detail(task: &CareTask) -> Result<Option<String>> {
    let corrupt = || StoreError::Corrupt {
        column: "care_tasks.detail",
    };
    let json = serde_json::to_string(&task.detail).map_err(|_| corrupt())?;
    let tagged = format!("{KIND_TAG}{}\"", task.kind().code());
    match json.strip_prefix(&tagged) {
        Some("}") => Ok(None),
        Some(rest) => match rest.strip_prefix(',') {
            Some(fields) => Ok(Some(format!("{{{fields}"))),
            None => Err(corrupt()),
        },
        None => Err(corrupt()),
    }
}

/// The detail of kind `kind` (a [`CareTaskKind`] code) stored as [`compact_detail`] made it.
fn full_detail(kind: &str, stored: Option<&str>) -> Result<CareDetail> {
    let json = match stored.and_then(|d| d.strip_prefix('{')) {
        Some("}") | None => format!("{KIND_TAG}{kind}\"}}"),
        Some(fields) => format!("{KIND_TAG}{kind}\",{fields}"),
    };
    serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
        column: "care_tasks.detail",
    })
}

/// A care task with its status from a row whose first columns are [`CARE_TASK_COLUMNS`]
/// (prefixed or not).
pub(crate) fn care_record_from_row(row: &Row) -> Result<CareTaskRecord> {
    let corrupt = |column| StoreError::Corrupt { column };
    let detail = full_detail(
        &row.get::<_, String>(15)?,
        row.get::<_, Option<String>>(9)?.as_deref(),
    )?;
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

/// Collects the care tasks a statement returns.
pub(crate) fn collect_care_records(mut rows: rusqlite::Rows) -> Result<Vec<CareTaskRecord>> {
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(care_record_from_row(row)?);
    }
    Ok(out)
}

/// The id of stored task `key`, if stored: under its hash, else among the colliding keys.
fn stored_id(conn: &Connection, key: &CareTaskKey) -> Result<Option<i64>> {
    let by_hash = conn
        .prepare_cached("SELECT key_id FROM care_tasks WHERE key_id = ?1 AND key = ?2")?
        .query_row(params![care_task_id(key.as_str()), key.as_str()], |r| {
            r.get(0)
        })
        .optional()?;
    if by_hash.is_some() {
        return Ok(by_hash);
    }
    Ok(conn
        .prepare_cached("SELECT key_id FROM care_tasks WHERE key_id < 0 AND key = ?1")?
        .query_row([key.as_str()], |r| r.get(0))
        .optional()?)
}

/// Stored task `key` with its id.
fn read_task(conn: &Connection, key: &CareTaskKey) -> Result<Option<(i64, CareTaskRecord)>> {
    let Some(id) = stored_id(conn, key)? else {
        return Ok(None);
    };
    let record = conn
        .prepare_cached(&format!(
            "SELECT {CARE_TASK_COLUMNS} FROM care_tasks WHERE key_id = ?1"
        ))?
        .query_row([id], |r| Ok(care_record_from_row(r)))?;
    Ok(Some((id, record?)))
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

/// A generated task to write, with its customer's owner, fingerprint and the id it goes
/// under (its hash unless a colliding key's).
struct Planned<'a> {
    task: CareTask,
    owner: Option<&'a str>,
    fingerprint: i64,
    id: i64,
}

/// What a run knows of a stored task of the window.
#[derive(Debug, Clone, Copy)]
struct Stored {
    /// Open or snoozed.
    pending: bool,
    fingerprint: i64,
}

/// Writes `p` over the open or snoozed task with its id and key (status kept); 0 when
/// that task is closed or the id is another key's.
fn rewrite(conn: &Connection, p: &Planned, now: i64) -> Result<usize> {
    let mut stmt = conn.prepare_cached(&format!(
        "UPDATE care_tasks SET customer_id = ?3, car_id = ?4, owner = ?5, kind = ?6,
            due_on = ?7, event_on = ?8, channel = ?9, assignee = ?10, template_key = ?11,
            needs_consent = ?12, detail = ?13, fingerprint = ?14,
            agenda_on = CASE status WHEN 'snoozed' THEN snoozed_until ELSE ?7 END,
            updated_at = ?15
         WHERE key_id = ?1 AND key = ?2 AND {CARE_PENDING}"
    ))?;
    write_task(&mut stmt, p, now)
}

/// Inserts a new open task (the values of [`write_task`]); changes nothing when its id is
/// taken (by the same key due outside the window, or by a colliding key). A run prepares
/// it once.
const INSERT: &str = "INSERT INTO care_tasks (key_id, key, customer_id, car_id, owner, kind,
        due_on, event_on, channel, assignee, template_key, needs_consent, detail, fingerprint,
        status, agenda_on, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'open', ?7, ?15)
     ON CONFLICT (key_id) DO NOTHING";

/// Runs `stmt` (an insert or a rewrite of one task) with the task's values as `?1`..`?15`:
/// id, key, customer, car, owner, kind, due, event, channel, assignee, template, consent,
/// detail, fingerprint, now.
fn write_task(stmt: &mut rusqlite::Statement, p: &Planned, now: i64) -> Result<usize> {
    let t = &p.task;
    Ok(stmt.execute(params![
        p.id,
        t.key.as_str(),
        t.customer_id.as_str(),
        t.car_id.as_ref().map(CarId::as_str),
        p.owner,
        t.kind().code(),
        day_number(t.due_on),
        day_number(t.event_on),
        t.channel.code(),
        t.assignee.code(),
        t.template_key,
        t.needs_consent,
        compact_detail(t)?,
        p.fingerprint,
        now,
    ])?)
}

/// The stored tasks due in `window`, by id.
fn stored_in_window(conn: &Connection, window: DateWindow) -> Result<FxHashMap<i64, Stored>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT key_id, {CARE_PENDING}, fingerprint FROM care_tasks WHERE due_on BETWEEN ?1 AND ?2"
    ))?;
    let mut rows = stmt.query(params![day_number(window.from), day_number(window.to)])?;
    let mut out = FxHashMap::default();
    while let Some(row) = rows.next()? {
        let stored = Stored {
            pending: row.get(1)?,
            fingerprint: row.get(2)?,
        };
        out.insert(row.get(0)?, stored);
    }
    Ok(out)
}

/// The ids of the keys stored away from their hash (almost always none), by key.
fn colliding_keys(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT key, key_id FROM care_tasks WHERE key_id < 0")?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    while let Some(row) = rows.next()? {
        out.insert(row.get(0)?, row.get(1)?);
    }
    Ok(out)
}

/// A run's state: the stored tasks of the window not yet matched, the colliding keys, the
/// tally.
struct Run<'c> {
    conn: &'c Connection,
    /// [`INSERT`], prepared.
    insert: rusqlite::CachedStatement<'c>,
    now: i64,
    stored: FxHashMap<i64, Stored>,
    colliding: HashMap<String, i64>,
    summary: CareRunSummary,
}

impl Run<'_> {
    /// Compares `p` with the stored task of the same key (`stored`, its status and
    /// fingerprint) and rewrites it when it is pending and changed.
    fn compare(&mut self, p: &Planned, stored: Stored) -> Result<()> {
        if stored.pending && stored.fingerprint != p.fingerprint {
            self.summary.updated += rewrite(self.conn, p, self.now)? as u64;
        } else {
            self.summary.unchanged += 1;
        }
        Ok(())
    }

    /// `p`, whose id another key holds: stores it under the next free negative id.
    fn collide(&mut self, mut p: Planned) -> Result<()> {
        let lowest: Option<i64> =
            self.conn
                .query_row("SELECT MIN(key_id) FROM care_tasks", [], |r| r.get(0))?;
        p.id = lowest.unwrap_or(0).min(0) - 1;
        self.summary.added += write_task(&mut self.insert, &p, self.now)? as u64;
        self.colliding.insert(p.task.key.0, p.id);
        Ok(())
    }

    /// A planned task the window's map matched by id but not by fingerprint: its key is
    /// checked (the id may be a colliding key's), then it is compared.
    fn changed(&mut self, p: Planned, stored: Stored) -> Result<()> {
        let key: String = self
            .conn
            .prepare_cached("SELECT key FROM care_tasks WHERE key_id = ?1")?
            .query_row([p.id], |r| r.get(0))?;
        if key == p.task.key.as_str() {
            return self.compare(&p, stored);
        }
        // Another key's task: it stays to be judged on its own, and `p` goes elsewhere.
        self.stored.insert(p.id, stored);
        self.collide(p)
    }

    /// A planned task not among the window's stored tasks: inserted, or, when its id is
    /// taken, compared with the same key's task due outside the window or stored apart
    /// from a colliding key.
    fn fresh(&mut self, p: Planned) -> Result<()> {
        if write_task(&mut self.insert, &p, self.now)? == 1 {
            self.summary.added += 1;
            return Ok(());
        }
        let (key, pending, fingerprint): (String, bool, i64) = self
            .conn
            .prepare_cached(&format!(
                "SELECT key, {CARE_PENDING}, fingerprint FROM care_tasks WHERE key_id = ?1"
            ))?
            .query_row([p.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        if key == p.task.key.as_str() {
            self.compare(
                &p,
                Stored {
                    pending,
                    fingerprint,
                },
            )
        } else {
            self.collide(p)
        }
    }

    /// Deletes the window's pending tasks that did not come back.
    fn remove_the_rest(&mut self) -> Result<()> {
        let mut delete = self.conn.prepare_cached(&format!(
            "DELETE FROM care_tasks WHERE key_id = ?1 AND {CARE_PENDING}"
        ))?;
        for (id, stored) in self.stored.drain() {
            if stored.pending {
                self.summary.removed += delete.execute([id])? as u64;
            } else {
                self.summary.unchanged += 1;
            }
        }
        Ok(())
    }
}

/// Every customer's tasks in `facts` (in their order), each with its id (a colliding
/// key's, else `id_of` its key) and fingerprint.
fn plan<'f>(
    facts: &'f [CareFacts],
    planner: &CarePlanner,
    colliding: &HashMap<String, i64>,
    id_of: fn(&str) -> i64,
) -> Vec<Planned<'f>> {
    let mut out = Vec::new();
    for f in facts {
        for task in planner.tasks_for(&f.customer) {
            let id = match colliding.get(task.key.as_str()) {
                Some(id) => *id,
                None => id_of(task.key.as_str()),
            };
            out.push(Planned {
                fingerprint: fingerprint(&task),
                owner: f.owner.as_deref(),
                id,
                task,
            });
        }
    }
    out
}

/// The run itself, inside the caller's transaction, with `id_of` giving a key's id (its
/// hash: [`care_task_id`]; tests pass a poor one to force collisions).
fn run(
    conn: &Connection,
    planner: &CarePlanner,
    now: i64,
    id_of: fn(&str) -> i64,
) -> Result<CareRunSummary> {
    let facts = load_care_facts(conn)?;
    let colliding = colliding_keys(conn)?;
    // Planning is pure and the window's read is the connection's: they overlap.
    let (planned, stored) = std::thread::scope(|s| {
        let planning = s.spawn(|| plan(&facts, planner, &colliding, id_of));
        let stored = stored_in_window(conn, planner.window());
        match planning.join() {
            Ok(planned) => (planned, stored),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    let mut run = Run {
        conn,
        insert: conn.prepare_cached(INSERT)?,
        now,
        stored: stored?,
        colliding,
        summary: CareRunSummary::default(),
    };
    let mut fresh: Vec<Planned> = Vec::new();
    let mut changed: Vec<(Planned, Stored)> = Vec::new();
    for p in planned {
        match run.stored.remove(&p.id) {
            None => fresh.push(p),
            Some(s) if s.fingerprint == p.fingerprint => run.summary.unchanged += 1,
            Some(s) => changed.push((p, s)),
        }
    }
    for (p, stored) in changed {
        run.changed(p, stored)?;
    }
    // In the planner's order (customer by customer), rows are appended to the table and
    // to the customer index.
    for p in fresh {
        run.fresh(p)?;
    }
    run.remove_the_rest()?;
    Ok(run.summary)
}

/// Version 9's backfill: every care task copied with a provisional negative id moves to
/// its key's hash; a key whose hash another key took first keeps a negative id (a
/// colliding key, found by its text).
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

/// Saves a task's new status (and its timeline entry) at `now`; `id` is where it is stored.
fn save_move(
    conn: &Connection,
    id: i64,
    change: &CareTaskChange,
    now: DateTime<Utc>,
) -> Result<()> {
    let r = &change.record;
    let (closed_at, outcome, reason, until) = match &r.status {
        CareTaskStatus::Open => (None, None, None, None),
        CareTaskStatus::Done { at, outcome } => (Some(to_millis(*at)), Some(outcome), None, None),
        CareTaskStatus::Skipped { at, reason } => (Some(to_millis(*at)), None, Some(reason), None),
        CareTaskStatus::Snoozed { until } => (None, None, None, Some(day_number(*until))),
    };
    conn.prepare_cached(
        "UPDATE care_tasks SET status = ?2, closed_at = ?3, outcome = ?4, skip_reason = ?5,
            snoozed_until = ?6, agenda_on = ?7, updated_at = ?8 WHERE key_id = ?1",
    )?
    .execute(params![
        id,
        r.status.kind().code(),
        closed_at,
        outcome,
        reason,
        until,
        day_number(r.agenda_date()),
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
            // A year's run for a large book writes a few hundred MiB of pages: with the
            // usual cache they would spill to the log and be read back again and again.
            // Pages are taken as needed and given back at the commit.
            tx.pragma_update(None, "cache_size", -RUN_CACHE_KIB)?;
            let summary = run(tx, &planner, now, care_task_id);
            tx.pragma_update(None, "cache_size", -CACHE_KIB)?;
            summary
        })
    }

    /// Care task `key`.
    pub fn care_task(&self, key: &CareTaskKey) -> Result<CareTaskRecord> {
        self.read(|tx| {
            let (_, record) = read_task(tx, key)?.ok_or_else(|| task_not_found(key))?;
            Ok(record)
        })
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
        let mut add = |clause: &'static str, value: rusqlite::types::Value| {
            clauses.push(clause);
            values.push(value);
        };
        if let Some(o) = &query.owner {
            add("owner = ?", o.clone().into());
        }
        if let Some(c) = &query.customer_id {
            add("customer_id = ?", c.to_string().into());
        }
        if let Some(s) = query.status {
            add("status = ?", s.code().to_owned().into());
        }
        if let Some(d) = query.due_from {
            add("due_on >= ?", day_number(d).into());
        }
        if let Some(d) = query.due_to {
            add("due_on <= ?", day_number(d).into());
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
            let (id, record) = read_task(tx, key)?.ok_or_else(|| task_not_found(key))?;
            let change = record
                .snooze(until, today)
                .map_err(|e| move_error(key, e))?;
            save_move(tx, id, &change, now)?;
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
            let (id, record) = read_task(tx, key)?.ok_or_else(|| task_not_found(key))?;
            let change = apply(&record).map_err(|e| move_error(key, e))?;
            save_move(tx, id, &change, now)?;
            Ok(change.record)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use crm_core::{
        CareRules, ContactInput, ContactKind, ManualClock, NewCar, NewCustomer, SourceChannel,
    };
    use std::sync::Arc;

    /// A hash so poor that every key collides: three ids for all keys.
    fn poor_id(key: &str) -> i64 {
        (key.len() % 3) as i64
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A store with three delivered customers.
    fn book(dir: &std::path::Path) -> Store {
        let now = Utc.with_ymd_and_hms(2025, 6, 1, 0, 0, 0).unwrap();
        let store =
            Store::open_with_clock(dir.join("crm.sqlite3"), Arc::new(ManualClock::new(now)))
                .unwrap();
        for i in 0..3 {
            let mut new = NewCustomer::new(
                "车主",
                ContactInput::new(ContactKind::Mobile, format!("1390000700{i}")),
                SourceChannel::ShowroomWalkIn,
            );
            new.birthday = Some(date("1990-03-15"));
            new.owner = Some("li".into());
            let id = store.create_customer(&new).unwrap().id;
            let car = NewCar {
                vin: None,
                brand: "大众".into(),
                model: "ID.4".into(),
                delivered_on: date("2025-01-10"),
                delivery_km: 10,
                registered_on: None,
                order_id: None,
            };
            let car = store.record_car(&id, &car).unwrap();
            store
                .set_insurance_ends(&car.id, &[date("2025-09-01")])
                .unwrap();
        }
        store
    }

    /// What the planner makes of the stored facts, by due date then key.
    fn planned(store: &Store, window: DateWindow) -> Vec<CareTask> {
        let planner = CarePlanner::new(&store.care_rules().unwrap(), window).unwrap();
        let facts = store.read(|tx| load_care_facts(tx)).unwrap();
        let mut out: Vec<_> = facts
            .iter()
            .flat_map(|f| planner.tasks_for(&f.customer))
            .collect();
        out.sort_by(|a, b| (a.due_on, &a.key).cmp(&(b.due_on, &b.key)));
        out
    }

    fn stored(store: &Store) -> Vec<CareTaskRecord> {
        store
            .care_task_list(&CareTaskQuery {
                limit: 10_000,
                ..CareTaskQuery::default()
            })
            .unwrap()
    }

    #[test]
    fn colliding_keys_are_stored_once_each_and_runs_stay_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let store = book(dir.path());
        let window = DateWindow::new(date("2025-01-01"), date("2025-12-31")).unwrap();
        let generate = || {
            store
                .write(|tx| {
                    let planner = CarePlanner::new(&read_care_rules(tx)?, window)?;
                    run(tx, &planner, 0, poor_id)
                })
                .unwrap()
        };
        let want = planned(&store, window);
        assert!(want.len() > 20, "{}", want.len());
        let first = generate();
        assert_eq!(first.added as usize, want.len());
        let tasks = |s: &Store| stored(s).into_iter().map(|r| r.task).collect::<Vec<_>>();
        assert_eq!(tasks(&store), want);
        let again = generate();
        assert_eq!(
            again,
            CareRunSummary {
                unchanged: want.len() as u64,
                ..CareRunSummary::default()
            }
        );

        // A colliding key (stored apart from its hash) is found and closed by its text.
        let colliding: String = store
            .read(|tx| {
                Ok(tx.query_row(
                    "SELECT key FROM care_tasks WHERE key_id < 0 ORDER BY key LIMIT 1",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        let key = CareTaskKey(colliding);
        let done = store.complete_care_task(&key, "打过电话").unwrap();
        assert_eq!(done.status.kind(), CareTaskStatusKind::Done);

        // A rule change rewrites only the open tasks, under their own keys.
        let mut rules = CareRules::default();
        rules.insurance.lead_days = 45;
        rules.birthday.lead_days = 3;
        store.set_care_rules(&rules).unwrap();
        let changed = generate();
        assert!(changed.updated > 0, "{changed:?}");
        assert_eq!(changed.added + changed.removed, 0, "{changed:?}");
        let after = stored(&store);
        let keys: std::collections::HashSet<_> = after.iter().map(|r| &r.task.key).collect();
        assert_eq!(keys.len(), after.len(), "no key twice");
        let want = planned(&store, window);
        for r in &after {
            if r.task.key == key {
                assert_eq!(r, &done, "the done task is left as it was");
            } else {
                assert!(
                    want.contains(&r.task),
                    "{:?} follows the new rules",
                    r.task.key
                );
            }
        }
        assert_eq!(after.len(), want.len());
        assert_eq!(generate().unchanged as usize, want.len());
    }

    #[test]
    fn every_kind_of_detail_reads_back_from_its_compact_form() {
        use crm_core::MaintenanceTrigger;
        let details = [
            CareDetail::DeliveryCall { call: "d3".into() },
            CareDetail::Maintenance {
                service: 2,
                trigger: MaintenanceTrigger::Distance { km: 10_000 },
                predicted_km: 10_000,
            },
            CareDetail::InsuranceRenewal {
                policy_ends_on: date("2026-09-01"),
                projected: true,
            },
            CareDetail::Inspection {
                number: 1,
                on_site: false,
                age_months: 24,
            },
            CareDetail::Birthday { year: 2026 },
            CareDetail::Holiday {
                holiday: "spring_festival".into(),
                name: "春节 \"新年\"".into(),
                year: 2026,
            },
            CareDetail::PurchaseAnniversary { years: 1 },
            CareDetail::ReferralInvitation,
        ];
        for detail in details {
            let task = CareTask {
                detail: detail.clone(),
                ..planned_task()
            };
            let stored = compact_detail(&task).unwrap();
            assert!(!stored.as_deref().unwrap_or("").contains("\"kind\""));
            let back = full_detail(task.kind().code(), stored.as_deref()).unwrap();
            assert_eq!(back, detail);
        }
        assert_eq!(
            compact_detail(&CareTask {
                detail: CareDetail::ReferralInvitation,
                ..planned_task()
            })
            .unwrap(),
            None
        );
        assert!(full_detail("birthday", Some("{\"year\":\"x\"}")).is_err());
    }

    /// A task to vary.
    fn planned_task() -> CareTask {
        CareTask {
            key: "k".into(),
            customer_id: CustomerId("c".into()),
            car_id: None,
            due_on: date("2026-01-01"),
            event_on: date("2026-01-01"),
            channel: crm_core::ConsentChannel::Phone,
            assignee: crm_core::CareAssignee::Consultant,
            template_key: "t".into(),
            needs_consent: false,
            detail: CareDetail::Birthday { year: 2026 },
        }
    }

    #[test]
    fn a_key_id_is_the_same_63_bit_hash_everywhere() {
        let id = care_task_id("birthday:0190:2026");
        assert!(id >= 0);
        assert_eq!(id, care_task_id("birthday:0190:2026"));
        assert_ne!(id, care_task_id("birthday:0190:2027"));
    }
}

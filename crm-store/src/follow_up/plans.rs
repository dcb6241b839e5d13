//! Follow-up plans (下次跟进计划): at most one pending per customer; every change saves the
//! plan, appends its timeline entry and logs its reminder, in one transaction.

use crate::customer::customers::not_found;
use crate::db::ids::new_id;
use crate::db::rows::{code_at, collect, text_at};
use crate::db::time::{date_text, from_millis, parse_date, to_millis};
use crate::error::{check_version, Result, StoreError};
use crate::follow_up::reminder_log::log_plan_change;
use crate::follow_up::timeline::append;
use crate::settings::stored::{read_reminder_config, read_zone};
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::{
    Code, CustomerId, DealershipZone, FollowUpMethod, NewPlan, Plan, PlanChange, PlanError, PlanId,
    PlanPatch, PlanStatus, PlanStatusKind, PlanTime, ReminderConfig, Rule, ValidationError,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ENTITY: &str = "plan";

/// The status codes of pending plans, as the partial indexes name them.
pub(crate) const PENDING: &str = "status IN ('open', 'rescheduled')";

/// The columns of `plans`, in the order [`plan_from_row`] reads them.
pub(crate) const PLAN_COLUMNS: &str = "id, customer_id, time_kind, time_at, time_date, method, \
     purpose, content, status, closed_at, done_follow_up_id, cancel_reason, version, created_at, updated_at";

fn plan_not_found(id: &PlanId) -> StoreError {
    StoreError::not_found(ENTITY, id)
}

/// `(time_kind, time_at, time_date)` of a plan time.
fn time_columns(t: &PlanTime) -> (&'static str, Option<i64>, Option<String>) {
    match *t {
        PlanTime::At(at) => ("at", Some(to_millis(at)), None),
        PlanTime::OnDate(d) => ("on_date", None, Some(date_text(d))),
    }
}

/// A plan's time from columns `time_kind, time_at, time_date` at `first`, `first + 1`,
/// `first + 2`.
fn plan_time(row: &Row<'_>, first: usize) -> Result<PlanTime> {
    let corrupt = |column| StoreError::Corrupt { column };
    Ok(match text_at(row, first)? {
        "at" => PlanTime::At(from_millis(
            row.get::<_, Option<i64>>(first + 1)?
                .ok_or(corrupt("plans.time_at"))?,
            "plans.time_at",
        )?),
        "on_date" => PlanTime::OnDate(parse_date(
            row.get_ref(first + 2)?
                .as_str_or_null()
                .map_err(rusqlite::Error::from)?
                .ok_or(corrupt("plans.time_date"))?,
            "plans.time_date",
        )?),
        _ => return Err(corrupt("plans.time_kind")),
    })
}

/// A plan from a row whose first columns are [`PLAN_COLUMNS`] (prefixed or not).
pub(crate) fn plan_from_row(row: &Row<'_>) -> Result<Plan> {
    let corrupt = |column| StoreError::Corrupt { column };
    let time = plan_time(row, 2)?;
    let closed_at = || -> Result<DateTime<Utc>> {
        from_millis(
            row.get::<_, Option<i64>>(9)?
                .ok_or(corrupt("plans.closed_at"))?,
            "plans.closed_at",
        )
    };
    let status = match code_at::<PlanStatusKind>(row, 8, "plans.status")? {
        PlanStatusKind::Open => PlanStatus::Open,
        PlanStatusKind::Rescheduled => PlanStatus::Rescheduled,
        PlanStatusKind::Done => PlanStatus::Done {
            at: closed_at()?,
            follow_up_id: row.get::<_, Option<String>>(10)?.map(Into::into),
        },
        PlanStatusKind::Cancelled => PlanStatus::Cancelled {
            at: closed_at()?,
            reason: row
                .get::<_, Option<String>>(11)?
                .ok_or(corrupt("plans.cancel_reason"))?,
        },
    };
    Ok(Plan {
        id: PlanId(row.get(0)?),
        customer_id: CustomerId(row.get(1)?),
        time,
        method: code_at::<FollowUpMethod>(row, 5, "plans.method")?,
        purpose: row.get(6)?,
        content: row.get(7)?,
        status,
        version: row.get(12)?,
        created_at: from_millis(row.get(13)?, "plans.created_at")?,
        updated_at: from_millis(row.get(14)?, "plans.updated_at")?,
    })
}

/// The columns of a pending plan that the agenda and the reminders read, in the order
/// [`pending_plan_from_row`] reads them: every column but the content and the closing ones,
/// which is what schema 6's covering plan indexes carry after their key.
pub(crate) const PENDING_PLAN_COLUMNS: &str = "id, customer_id, time_kind, time_at, time_date, \
     method, purpose, status, version, created_at, updated_at";

/// A pending plan from a row whose first columns are [`PENDING_PLAN_COLUMNS`], without its
/// content (`None`: neither an agenda item nor a reminder shows it). A closed status is
/// [`StoreError::Corrupt`]: the queries that use this select pending plans only.
pub(crate) fn pending_plan_from_row(row: &Row<'_>) -> Result<Plan> {
    let status = match code_at::<PlanStatusKind>(row, 7, "plans.status")? {
        PlanStatusKind::Open => PlanStatus::Open,
        PlanStatusKind::Rescheduled => PlanStatus::Rescheduled,
        PlanStatusKind::Done | PlanStatusKind::Cancelled => {
            return Err(StoreError::Corrupt {
                column: "plans.status",
            })
        }
    };
    Ok(Plan {
        id: PlanId(row.get(0)?),
        customer_id: CustomerId(row.get(1)?),
        time: plan_time(row, 2)?,
        method: code_at::<FollowUpMethod>(row, 5, "plans.method")?,
        purpose: row.get(6)?,
        content: None,
        status,
        version: row.get(8)?,
        created_at: from_millis(row.get(9)?, "plans.created_at")?,
        updated_at: from_millis(row.get(10)?, "plans.updated_at")?,
    })
}

/// What a plan's stored times depend on: the dealership's zone (due start, date-only fire
/// times) and the reminder settings (fire times).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlanSettings {
    pub zone: DealershipZone,
    pub reminders: ReminderConfig,
}

impl PlanSettings {
    /// The settings as stored.
    pub(crate) fn read(conn: &Connection) -> Result<PlanSettings> {
        Ok(PlanSettings {
            zone: read_zone(conn)?,
            reminders: read_reminder_config(conn)?,
        })
    }

    /// When `plan`'s reminder fires (UTC ms), or `None` when it is closed and has none.
    fn fire_at(&self, plan: &Plan) -> Option<i64> {
        plan.is_pending()
            .then(|| to_millis(self.reminders.fire_at(&plan.time, &self.zone)))
    }
}

/// Inserts or rewrites `plan` (keyed by id), with its owner, due start and fire time.
pub(crate) fn write_plan(conn: &Connection, plan: &Plan, settings: &PlanSettings) -> Result<()> {
    let (kind, at, date) = time_columns(&plan.time);
    let (closed_at, follow_up, reason) = match &plan.status {
        PlanStatus::Open | PlanStatus::Rescheduled => (None, None, None),
        PlanStatus::Done { at, follow_up_id } => (
            Some(to_millis(*at)),
            follow_up_id.as_ref().map(|f| f.as_str()),
            None,
        ),
        PlanStatus::Cancelled { at, reason } => (Some(to_millis(*at)), None, Some(reason.as_str())),
    };
    conn.prepare_cached(
        "INSERT INTO plans (id, customer_id, owner, time_kind, time_at, time_date, due_start_ms, method,
             purpose, content, status, closed_at, done_follow_up_id, cancel_reason, version, created_at, updated_at,
             fire_at_ms)
         VALUES (?1, ?2, (SELECT owner FROM customers WHERE id = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, owner = excluded.owner,
             time_kind = excluded.time_kind, time_at = excluded.time_at, time_date = excluded.time_date,
             due_start_ms = excluded.due_start_ms, fire_at_ms = excluded.fire_at_ms, method = excluded.method,
             purpose = excluded.purpose,
             content = excluded.content, status = excluded.status, closed_at = excluded.closed_at,
             done_follow_up_id = excluded.done_follow_up_id, cancel_reason = excluded.cancel_reason,
             version = excluded.version, updated_at = excluded.updated_at",
    )?
    .execute(params![
        plan.id.as_str(),
        plan.customer_id.as_str(),
        kind,
        at,
        date,
        to_millis(plan.time.due_start(&settings.zone)),
        plan.method.code(),
        plan.purpose,
        plan.content,
        plan.status.kind().code(),
        closed_at,
        follow_up,
        reason,
        plan.version,
        to_millis(plan.created_at),
        to_millis(plan.updated_at),
        settings.fire_at(plan),
    ])?;
    Ok(())
}

/// Whether customer `id` is active (not archived): only their plans have reminders.
pub(crate) fn customer_active(conn: &Connection, id: &CustomerId) -> Result<bool> {
    let archived: Option<Option<i64>> = conn
        .prepare_cached("SELECT archived_at FROM customers WHERE id = ?1")?
        .query_row([id.as_str()], |r| r.get(0))
        .optional()?;
    Ok(matches!(archived, Some(None)))
}

/// Saves a plan change: the plan, its timeline entry, its reminders' log. `before` is the
/// plan as it was (`None` for a new plan); `settings` give its due start and fire time.
pub(crate) fn save_plan_change(
    conn: &Connection,
    before: Option<&Plan>,
    change: &PlanChange,
    settings: &PlanSettings,
    at: DateTime<Utc>,
    actor: Option<&str>,
) -> Result<()> {
    let plan = &change.plan;
    if before.is_none() && open_plan_of(conn, &plan.customer_id)?.is_some() {
        // The partial unique index would refuse it too, with a less helpful error.
        return Err(ValidationError::new("customer_id", Rule::Taken).into());
    }
    let visible = customer_active(conn, &plan.customer_id)?;
    write_plan_change(conn, before, change, settings, at, actor, visible)
}

/// Writes a plan change the caller has checked: the plan, its timeline entry (recorded at
/// `at` by `actor`), its reminders' log (`visible`: the customer is active, so the plan
/// has reminders).
pub(crate) fn write_plan_change(
    conn: &Connection,
    before: Option<&Plan>,
    change: &PlanChange,
    settings: &PlanSettings,
    at: DateTime<Utc>,
    actor: Option<&str>,
    visible: bool,
) -> Result<()> {
    let plan = &change.plan;
    write_plan(conn, plan, settings)?;
    append(conn, &plan.customer_id, at, actor, &change.entry)?;
    log_plan_change(conn, before, plan, visible)
}

/// The plan `id`.
pub(crate) fn read_plan(conn: &Connection, id: &PlanId) -> Result<Option<Plan>> {
    conn.prepare_cached(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = ?1"))?
        .query_row([id.as_str()], |r| Ok(plan_from_row(r)))
        .optional()?
        .transpose()
}

/// Customer `id`'s pending plan, if any.
pub(crate) fn open_plan_of(conn: &Connection, id: &CustomerId) -> Result<Option<Plan>> {
    conn.prepare_cached(&format!(
        "SELECT {PLAN_COLUMNS} FROM plans WHERE customer_id = ?1 AND {PENDING}"
    ))?
    .query_row([id.as_str()], |r| Ok(plan_from_row(r)))
    .optional()?
    .transpose()
}

/// Recomputes the due start of every date-only plan in `zone` (timed plans do not depend
/// on it).
pub(crate) fn recompute_due_starts(conn: &Connection, zone: &DealershipZone) -> Result<()> {
    let dates: Vec<(i64, String)> = conn
        .prepare("SELECT rowid, time_date FROM plans WHERE time_kind = 'on_date'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE plans SET due_start_ms = ?1 WHERE rowid = ?2")?;
    for (rowid, date) in dates {
        let date = parse_date(&date, "plans.time_date")?;
        update.execute(params![to_millis(zone.start_of(date)), rowid])?;
    }
    Ok(())
}

/// Recomputes the fire time of every pending plan (closed plans have none): after the zone
/// or the reminder settings changed. One pass over the pending plans.
pub(crate) fn recompute_fire_times(conn: &Connection, settings: &PlanSettings) -> Result<()> {
    let pending: Vec<(i64, PlanTime)> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, time_kind, time_at, time_date FROM plans WHERE {PENDING}"
        ))?;
        collect(&mut stmt, [], |row| Ok((row.get(0)?, plan_time(row, 1)?)))?
    };
    let mut update = conn.prepare("UPDATE plans SET fire_at_ms = ?1 WHERE rowid = ?2")?;
    for (rowid, time) in pending {
        let fire = to_millis(settings.reminders.fire_at(&time, &settings.zone));
        update.execute(params![fire, rowid])?;
    }
    Ok(())
}

/// The migration to schema 6's backfill: every pending plan's fire time with the stored
/// settings.
pub(crate) fn fill_fire_times(conn: &Connection) -> Result<()> {
    recompute_fire_times(conn, &PlanSettings::read(conn)?)
}

/// A plan change's error as the store reports it.
pub(crate) fn plan_error(id: &PlanId, e: PlanError) -> StoreError {
    match e {
        PlanError::Closed { status } => StoreError::Closed {
            entity: ENTITY,
            id: id.to_string(),
            status: status.code(),
        },
        PlanError::Invalid(v) => v.into(),
    }
}

/// Sets a new plan for `input.customer_id` inside a write transaction.
pub(crate) fn create_plan(
    conn: &Connection,
    input: &NewPlan,
    now: DateTime<Utc>,
    settings: &PlanSettings,
    actor: Option<&str>,
) -> Result<Plan> {
    if !conn
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .exists([input.customer_id.as_str()])?
    {
        return Err(not_found(&input.customer_id));
    }
    let change = Plan::create(PlanId(new_id(now)), input, now, &settings.zone)?;
    save_plan_change(conn, None, &change, settings, now, actor)?;
    Ok(change.plan)
}

impl Store {
    /// Sets a plan for a customer who has no pending plan (one who has fails on
    /// `customer_id` with [`Rule::Taken`]: reschedule or close that one first). The time must
    /// lie between the dealership's today and 730 days on.
    pub fn set_plan(&self, input: &NewPlan) -> Result<Plan> {
        let now = self.now();
        self.write(|tx| {
            let settings = PlanSettings::read(tx)?;
            create_plan(tx, input, now, &settings, None)
        })
    }

    /// Customer `id`'s pending plan, if any.
    pub fn open_plan(&self, id: &CustomerId) -> Result<Option<Plan>> {
        self.read(|tx| open_plan_of(tx, id))
    }

    /// The plan `id`, in any status.
    pub fn get_plan(&self, id: &PlanId) -> Result<Plan> {
        self.read(|tx| read_plan(tx, id))?
            .ok_or_else(|| plan_not_found(id))
    }

    /// Every plan of customer `id`, oldest first.
    pub fn plans_of(&self, id: &CustomerId) -> Result<Vec<Plan>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {PLAN_COLUMNS} FROM plans WHERE customer_id = ?1 ORDER BY created_at, id"
            ))?;
            collect(&mut stmt, [id.as_str()], plan_from_row)
        })
    }

    /// Moves plan `id` (at `expected_version`) to `to`, with an optional reason. A done or
    /// cancelled plan fails with [`StoreError::Closed`].
    pub fn reschedule_plan(
        &self,
        id: &PlanId,
        expected_version: u64,
        to: PlanTime,
        reason: Option<&str>,
    ) -> Result<Plan> {
        self.change_plan(id, expected_version, |p, now, zone| {
            p.reschedule(to, reason, now, zone).map(Some)
        })
    }

    /// Changes pending plan `id`'s method, purpose or content (at `expected_version`; its
    /// time moves with [`Store::reschedule_plan`]). The change is recorded in the timeline
    /// field by field and gives the plan a new version, so its reminder a new id (the
    /// notification's text changed). A patch that changes nothing returns the plan as it is.
    /// A done or cancelled plan fails with [`StoreError::Closed`]; a bad value names its
    /// field (`purpose`, `content`).
    pub fn update_plan(
        &self,
        id: &PlanId,
        expected_version: u64,
        patch: &PlanPatch,
    ) -> Result<Plan> {
        self.change_plan(id, expected_version, |p, now, _| p.edit(patch, now))
    }

    /// Cancels plan `id` (at `expected_version`) for `reason` (required).
    pub fn cancel_plan(&self, id: &PlanId, expected_version: u64, reason: &str) -> Result<Plan> {
        self.change_plan(id, expected_version, |p, now, _| {
            p.cancel(reason, now).map(Some)
        })
    }

    /// Marks plan `id` (at `expected_version`) done without a follow-up record (logging a
    /// follow-up closes the open plan by itself).
    pub fn complete_plan(&self, id: &PlanId, expected_version: u64) -> Result<Plan> {
        self.change_plan(id, expected_version, |p, now, _| {
            p.complete(None, now).map(Some)
        })
    }

    /// Applies `change` to plan `id` at `expected_version`; `None` from it means nothing
    /// changed.
    fn change_plan(
        &self,
        id: &PlanId,
        expected_version: u64,
        change: impl FnOnce(
            &Plan,
            DateTime<Utc>,
            &DealershipZone,
        ) -> Result<Option<PlanChange>, PlanError>,
    ) -> Result<Plan> {
        let now = self.now();
        self.write(|tx| {
            let settings = PlanSettings::read(tx)?;
            let before = read_plan(tx, id)?.ok_or_else(|| plan_not_found(id))?;
            check_version(ENTITY, &id, expected_version, before.version)?;
            let Some(change) =
                change(&before, now, &settings.zone).map_err(|e| plan_error(id, e))?
            else {
                return Ok(before);
            };
            save_plan_change(tx, Some(&before), &change, &settings, now, None)?;
            Ok(change.plan)
        })
    }
}

/// Closes customer `id`'s pending plan as done by `follow_up`, if there is one.
pub(crate) fn complete_open_plan(
    conn: &Connection,
    id: &CustomerId,
    follow_up: &crm_core::FollowUpId,
    now: DateTime<Utc>,
    settings: &PlanSettings,
    actor: Option<&str>,
) -> Result<Option<Plan>> {
    let Some(open) = open_plan_of(conn, id)? else {
        return Ok(None);
    };
    let change = open
        .complete(Some(follow_up.clone()), now)
        .map_err(|e| plan_error(&open.id, e))?;
    save_plan_change(conn, Some(&open), &change, settings, now, actor)?;
    Ok(Some(change.plan))
}

/// Cancels customer `id`'s pending plan, if any, for `reason`, by `actor`: the plan's
/// timeline entry, and its reminder cancelled in the change log.
pub(crate) fn cancel_open_plan(
    conn: &Connection,
    id: &CustomerId,
    reason: &str,
    now: DateTime<Utc>,
    actor: Option<&str>,
) -> Result<()> {
    let Some(open) = open_plan_of(conn, id)? else {
        return Ok(());
    };
    let change = open
        .cancel(reason, now)
        .map_err(|e| plan_error(&open.id, e))?;
    let settings = PlanSettings::read(conn)?;
    save_plan_change(conn, Some(&open), &change, &settings, now, actor)
}

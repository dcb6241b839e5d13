//! The day's agenda and the reminders of a window: indexed queries fetch the facts, the pure
//! rules of `crm-core` ([`crm_core::agenda`], [`crm_core::reminders_between`]) decide.
//!
//! Every row either query reads is one the answer shows (give or take the edges of a local
//! day): the agenda reads a consultant's pending plans due by the day's end
//! (`plans_pending_by_owner_due`, each with its customer) and the customers without a
//! pending plan whose cadence bound has passed, plus the never-contacted ones
//! (`customers_agenda`, which knows who has a plan from `customers.has_pending_plan`), and
//! the consultant's open and snoozed care tasks by agenda date (`care_tasks_open_by_owner`);
//! the reminders read the pending plans whose stored fire time lies in the window
//! (`plans_pending_by_fire`, or `plans_pending_by_owner_fire` for one consultant).

use crate::care_store::{
    care_record_from_row, CARE_PENDING, CARE_TASK_COLUMNS, CARE_TASK_COLUMN_COUNT,
};
use crate::cars_store::date_text;
use crate::error::Result;
use crate::plans::{collect_plans, plan_from_row, PENDING, PLAN_COLUMNS};
use crate::rows::{code, importance};
use crate::settings::{read_settings, Settings};
use crate::store::Store;
use crate::time::{from_millis, to_millis};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use crm_core::{
    agenda, reminders_between, AgendaCareTask, AgendaCustomer, AgendaFacts, AgendaItem, Code,
    CustomerId, IntentLevel, Reminder,
};
use rusqlite::{params, Connection, Row};
use std::collections::HashSet;

/// A customer's last touch as the `customers_agenda` index has it (0: never contacted).
/// Must stay the index's expression, character for character, for SQLite to use it.
const LAST_TOUCH: &str = "max(coalesce(first_contact_at, 0), coalesce(last_contact_at, 0))";

const AGENDA_CUSTOMER_COLUMNS: &str =
    "id, importance, intent_level, created_at, first_contact_at, last_contact_at";

/// An agenda customer from [`AGENDA_CUSTOMER_COLUMNS`] (prefixed or not) at `first` on.
fn agenda_customer(row: &Row, first: usize) -> Result<AgendaCustomer> {
    let millis = |i: usize, column| -> Result<Option<DateTime<Utc>>> {
        row.get::<_, Option<i64>>(first + i)?
            .map(|t| from_millis(t, column))
            .transpose()
    };
    Ok(AgendaCustomer {
        id: CustomerId(row.get(first)?),
        importance: importance(row.get(first + 1)?)?,
        intent: code::<IntentLevel>(&row.get::<_, String>(first + 2)?, "customers.intent_level")?,
        created_at: from_millis(row.get(first + 3)?, "customers.created_at")?,
        first_contact_at: millis(4, "customers.first_contact_at")?,
        last_contact_at: millis(5, "customers.last_contact_at")?,
    })
}

/// The number of [`PLAN_COLUMNS`].
const PLAN_COLUMN_COUNT: usize = 15;

/// The facts of `owner`'s agenda (the unassigned customers' for `None`) for `date` as of
/// `now`.
fn agenda_facts(
    conn: &Connection,
    owner: Option<&str>,
    date: NaiveDate,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Result<AgendaFacts> {
    let zone = &settings.zone;
    // Plans due by the end of the day, and any whose time has passed by now (a past date's
    // agenda still shows what is overdue now), each with its customer.
    let bound = zone.end_of(date).max(
        now.checked_add_signed(Duration::milliseconds(1))
            .unwrap_or(now),
    );
    let plan_columns = prefixed("p", PLAN_COLUMNS);
    let customer_columns = prefixed("c", AGENDA_CUSTOMER_COLUMNS);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {plan_columns}, {customer_columns} FROM plans p
         JOIN customers c ON c.id = p.customer_id
         WHERE p.owner IS ?1 AND p.{PENDING} AND p.due_start_ms < ?2 AND c.archived_at IS NULL"
    ))?;
    let mut rows = stmt.query(params![owner, to_millis(bound)])?;
    let mut plans = Vec::new();
    let mut customers = Vec::new();
    let mut seen: HashSet<CustomerId> = HashSet::new();
    while let Some(row) = rows.next()? {
        let plan = plan_from_row(row)?;
        if seen.insert(plan.customer_id.clone()) {
            customers.push(agenda_customer(row, PLAN_COLUMN_COUNT)?);
        }
        plans.push(plan);
    }

    // Customers without a pending plan whose last touch is before their level's bound
    // (cadence-due on or before `date`; `<= max(bound, 0)` also takes the never-contacted,
    // at 0), and customers with a pending plan never contacted (a first response is owed
    // whatever the plans). Taking a few more is harmless: `agenda` decides.
    let mut by_level = conn.prepare_cached(&format!(
        "SELECT {AGENDA_CUSTOMER_COLUMNS} FROM customers
         WHERE owner IS ?1 AND has_pending_plan = ?2 AND intent_level = ?3 AND {LAST_TOUCH} <= ?4
           AND archived_at IS NULL
           AND (?2 = 0 OR (first_contact_at IS NULL AND last_contact_at IS NULL))"
    ))?;
    for level in IntentLevel::ALL {
        let bound = to_millis(settings.cadence.last_contact_bound(*level, date, zone)).max(0);
        for (planned, bound) in [(0, bound), (1, 0)] {
            let mut rows = by_level.query(params![owner, planned, level.code(), bound])?;
            while let Some(row) = rows.next()? {
                let c = agenda_customer(row, 0)?;
                if seen.insert(c.id.clone()) {
                    customers.push(c);
                }
            }
        }
    }
    let care_tasks = agenda_care_tasks(conn, owner, date)?;
    Ok(AgendaFacts {
        customers,
        plans,
        care_tasks,
    })
}

/// `owner`'s open care tasks due by `date` and snoozed ones waking by then (the
/// `care_tasks_open_by_owner` range), each with its customer's importance and level.
fn agenda_care_tasks(
    conn: &Connection,
    owner: Option<&str>,
    date: NaiveDate,
) -> Result<Vec<AgendaCareTask>> {
    let columns = prefixed("t", CARE_TASK_COLUMNS);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns}, c.importance, c.intent_level FROM care_tasks t
         JOIN customers c ON c.id = t.customer_id
         WHERE t.owner IS ?1 AND t.{CARE_PENDING} AND t.agenda_on <= ?2 AND c.archived_at IS NULL"
    ))?;
    let mut rows = stmt.query(params![owner, date_text(date)])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(AgendaCareTask {
            record: care_record_from_row(row)?,
            importance: importance(row.get(CARE_TASK_COLUMN_COUNT)?)?,
            intent: code::<IntentLevel>(
                &row.get::<_, String>(CARE_TASK_COLUMN_COUNT + 1)?,
                "customers.intent_level",
            )?,
        });
    }
    Ok(out)
}

/// `columns` (comma-separated) each prefixed with `table.`.
fn prefixed(table: &str, columns: &str) -> String {
    columns
        .split(',')
        .map(|c| format!("{table}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Consultant `owner`'s agenda (今日待办) for the dealership's local date `date`, as of
    /// now: overdue and due plans, first responses owed, cadence-due customers, care tasks
    /// due (or snoozed until) by `date`, most urgent
    /// first (see [`crm_core::agenda`]). `None` gives the agenda of the unassigned customers
    /// (the public pool, 公海: whoever hands out leads sees who is waiting). Archived
    /// customers are left out.
    pub fn agenda(&self, owner: Option<&str>, date: NaiveDate) -> Result<Vec<AgendaItem>> {
        let now = self.clock().now();
        self.read(|tx| {
            let settings = read_settings(tx)?;
            let facts = agenda_facts(tx, owner, date, now, &settings)?;
            Ok(agenda(&facts, &settings.cadence, &settings.zone, date, now))
        })
    }

    /// The reminders that fire in `[from, to)`, by fire time (see
    /// [`crm_core::reminders_between`]): one per pending plan of an active customer. With
    /// `owner`, only the reminders of that consultant's customers (what the app on their
    /// phone schedules); with `None`, the whole store's.
    pub fn reminders(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        owner: Option<&str>,
    ) -> Result<Vec<Reminder>> {
        self.read(|tx| {
            let settings = read_settings(tx)?;
            // The stored fire times say which plans; `reminders_between` computes each
            // reminder again and keeps the exact window.
            let sql = match owner {
                Some(_) => format!(
                    "SELECT {PLAN_COLUMNS} FROM plans p
                     WHERE p.owner = ?3 AND p.{PENDING} AND p.fire_at_ms >= ?1 AND p.fire_at_ms < ?2
                       AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = p.customer_id AND c.archived_at IS NOT NULL)"
                ),
                None => format!(
                    "SELECT {PLAN_COLUMNS} FROM plans p
                     WHERE p.{PENDING} AND p.fire_at_ms >= ?1 AND p.fire_at_ms < ?2
                       AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = p.customer_id AND c.archived_at IS NOT NULL)"
                ),
            };
            let mut stmt = tx.prepare_cached(&sql)?;
            let window = (to_millis(from), to_millis(to));
            let rows = match owner {
                Some(o) => stmt.query(params![window.0, window.1, o])?,
                None => stmt.query(params![window.0, window.1])?,
            };
            let plans = collect_plans(rows)?;
            Ok(reminders_between(
                &plans,
                &settings.reminders,
                &settings.zone,
                from,
                to,
            ))
        })
    }
}

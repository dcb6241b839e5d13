//! The day's agenda and the reminders of a window: indexed queries fetch the facts, the pure
//! rules of `crm-core` ([`crm_core::agenda`], [`crm_core::reminders_between`]) decide.
//!
//! Every row either query reads is one the answer shows (give or take the edges of a local
//! day): the agenda reads a consultant's pending plans due by the day's end
//! (`plans_pending_by_owner_due`), their customers and those in the sales cadence (not lost,
//! dormant or delivered) without a pending plan whose cadence bound has passed, plus the
//! never-contacted ones (`customers_agenda`, which knows each customer's pending plan's due
//! start from `customers.next_plan_due_ms` and whether they are out of the cadence, and
//! `customers_uncontacted` for the few whose plan lies later), the dormant customers whose
//! wake-up date has come (`customers_wake_up`), and the consultant's open and snoozed care
//! tasks by agenda date (`care_schedules_by_owner`, then the schedules with one due);
//! the reminders read the pending plans whose stored fire time lies in the window
//! (`plans_pending_by_fire`, or `plans_pending_by_owner_fire` for one consultant).

use crate::care::schedule::agenda_care_tasks;

use crate::customer::rows::importance;
use crate::db::rows::{code_at, text_at};
use crate::db::time::{from_millis, opt_date_at, to_millis};
use crate::error::Result;
use crate::follow_up::plans::pending_plan_from_row;
use crate::settings::{dealership::Settings, stored::read_settings};
use crate::store::Store;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use crm_core::{
    agenda, reminders_between, AgendaCustomer, AgendaFacts, AgendaItem, AgendaStanding, Code,
    CustomerId, IntentLevel, Reminder,
};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, Row};
use rustc_hash::{FxHashMap, FxHashSet};

/// A customer's last touch as the `customers_agenda` index has it (0: never contacted).
/// Must stay the index's expression, character for character, for SQLite to use it.
const LAST_TOUCH: &str = "max(coalesce(first_contact_at, 0), coalesce(last_contact_at, 0))";

/// 1 for a customer out of the sales cadence (lost, dormant, delivered:
/// [`crm_core::PipelineStatus::in_sales_cadence`] is false), else 0, as the keys of
/// `customers_agenda` and `customers_uncontacted` have it. Must stay the indexes'
/// expression, character for character (see the tests).
const OUT_OF_CADENCE: &str = "pipeline_status IN ('lost', 'dormant', 'delivered')";

/// Room for this many cadence candidates besides the plans' customers: a consultant's
/// agenda holds a few hundred.
const CADENCE_CANDIDATES: usize = 256;

const AGENDA_CUSTOMER_COLUMNS: &str =
    "id, importance, intent_level, created_at, first_contact_at, last_contact_at";

/// An agenda customer from [`AGENDA_CUSTOMER_COLUMNS`] at `first` on, standing `standing`.
fn agenda_customer(
    row: &Row<'_>,
    first: usize,
    standing: AgendaStanding,
) -> Result<AgendaCustomer> {
    let millis = |i: usize, column| -> Result<Option<DateTime<Utc>>> {
        row.get::<_, Option<i64>>(first + i)?
            .map(|t| from_millis(t, column))
            .transpose()
    };
    Ok(AgendaCustomer {
        id: CustomerId(row.get(first)?),
        importance: importance(row.get(first + 1)?)?,
        intent: code_at::<IntentLevel>(row, first + 2, "customers.intent_level")?,
        created_at: from_millis(row.get(first + 3)?, "customers.created_at")?,
        first_contact_at: millis(4, "customers.first_contact_at")?,
        last_contact_at: millis(5, "customers.last_contact_at")?,
        standing,
    })
}

/// The standing from columns `{OUT_OF_CADENCE}, wake_on` at `first`. The wake-up date is
/// on a customer's row only while they are dormant (`pipeline::moves::mirror_state`).
fn standing_at(row: &Row<'_>, first: usize) -> Result<AgendaStanding> {
    if row.get::<_, i64>(first)? == 0 {
        return Ok(AgendaStanding::InCadence);
    }
    Ok(AgendaStanding::OutOfCadence {
        wake_on: opt_date_at(row, first + 1, "customers.wake_on")?,
    })
}

/// `true` when the agenda customer row at `first` has neither a first contact nor a
/// follow-up: a first response is owed.
fn never_contacted(row: &Row<'_>, first: usize) -> Result<bool> {
    Ok(row.get_ref(first + 4)? == ValueRef::Null && row.get_ref(first + 5)? == ValueRef::Null)
}

/// Customer `id` if it exists and is not archived.
fn active_customer(conn: &Connection, id: &str) -> Result<Option<AgendaCustomer>> {
    let mut stmt = conn.prepare_cached(&sql::active_customer())?;
    let mut rows = stmt.query([id])?;
    rows.next()?
        .map(|row| agenda_customer(row, 0, standing_at(row, 6)?))
        .transpose()
}

/// The facts of `owner`'s agenda (the unassigned customers' for `None`) for `date` as of
/// `now`. Only what the agenda can show is decoded: the plans due, their customers, the
/// customers owed a first response and the cadence candidates.
fn agenda_facts(
    conn: &Connection,
    owner: Option<&str>,
    date: NaiveDate,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Result<AgendaFacts> {
    let zone = &settings.zone;
    // Plans due by the end of the day, and any whose time has passed by now (a past date's
    // agenda still shows what is overdue now): one range of the covering
    // `plans_pending_by_owner_due` index.
    let bound = zone.end_of(date).max(
        now.checked_add_signed(Duration::milliseconds(1))
            .unwrap_or(now),
    );
    let mut plans = Vec::new();
    {
        let mut stmt = conn.prepare_cached(&sql::plans_due())?;
        let mut rows = stmt.query(params![owner, to_millis(bound)])?;
        while let Some(row) = rows.next()? {
            plans.push(pending_plan_from_row(row)?);
        }
    }

    // Their customers: the ranges of `owner`'s active customers whose pending plan is due
    // by the same bound (`customers_agenda`), those in the sales cadence (a row is decoded
    // only when it is one of the plans' or never contacted) and those out of it (lost,
    // dormant, delivered: only their plans and wake-ups count), then the never-contacted
    // ones in the cadence whose plan lies later (`customers_uncontacted`: a first response
    // is owed whatever the plans).
    let mut customers = Vec::with_capacity(plans.len() + CADENCE_CANDIDATES);
    let missing: Vec<String> = {
        let mut wanted: FxHashMap<&str, bool> =
            FxHashMap::with_capacity_and_hasher(plans.len(), Default::default());
        for p in &plans {
            wanted.insert(p.customer_id.as_str(), false);
        }
        let mut stmt = conn.prepare_cached(&sql::planned_customers())?;
        let mut rows = stmt.query(params![owner, to_millis(bound)])?;
        while let Some(row) = rows.next()? {
            let found = wanted.get_mut(text_at(row, 0)?).map(|found| *found = true);
            if found.is_some() || never_contacted(row, 0)? {
                customers.push(agenda_customer(row, 0, AgendaStanding::InCadence)?);
            }
        }
        let mut stmt = conn.prepare_cached(&sql::planned_set_aside())?;
        let mut rows = stmt.query(params![owner, to_millis(bound)])?;
        while let Some(row) = rows.next()? {
            let found = wanted.get_mut(text_at(row, 0)?).map(|found| *found = true);
            let wake_on = opt_date_at(row, 6, "customers.wake_on")?;
            if found.is_some() || wake_on.is_some() {
                let standing = AgendaStanding::OutOfCadence { wake_on };
                customers.push(agenda_customer(row, 0, standing)?);
            }
        }
        wanted
            .into_iter()
            .filter(|(_, found)| !found)
            .map(|(id, _)| id.to_owned())
            .collect()
    };
    {
        let mut stmt = conn.prepare_cached(&sql::uncontacted_planned_later())?;
        let mut rows = stmt.query(params![owner, to_millis(bound)])?;
        while let Some(row) = rows.next()? {
            customers.push(agenda_customer(row, 0, AgendaStanding::InCadence)?);
        }
    }
    // A plan whose customer is not among them: archived (the plan is left out), or, should
    // the plan's copy of the owner be out of step, someone else's; the customer table says.
    let mut elsewhere = FxHashSet::default();
    for id in missing {
        match active_customer(conn, &id)? {
            Some(c) => {
                customers.push(c);
                elsewhere.insert(id);
            }
            None => plans.retain(|p| p.customer_id.as_str() != id),
        }
    }

    // Customers in the sales cadence without a pending plan whose last touch is before
    // their level's bound (cadence-due on or before `date`; `<= max(bound, 0)` also takes
    // the never-contacted, at 0). Taking a few more is harmless: `agenda` decides. None of
    // them is among the customers above (those have a pending plan), unless found
    // elsewhere.
    let mut by_level = conn.prepare_cached(&sql::cadence_customers())?;
    for level in IntentLevel::ALL {
        let bound = to_millis(settings.cadence.last_contact_bound(*level, date, zone)).max(0);
        let mut rows = by_level.query(params![owner, level.code(), bound])?;
        while let Some(row) = rows.next()? {
            if elsewhere.is_empty() || !elsewhere.contains(text_at(row, 0)?) {
                customers.push(agenda_customer(row, 0, AgendaStanding::InCadence)?);
            }
        }
    }
    // Dormant customers whose wake-up date has come, but for those read above with a plan
    // due by the bound (`customers_wake_up`).
    {
        let mut stmt = conn.prepare_cached(&sql::awake_customers())?;
        let mut rows = stmt.query(params![owner, date.to_string(), to_millis(bound)])?;
        while let Some(row) = rows.next()? {
            let wake_on = opt_date_at(row, 6, "customers.wake_on")?;
            customers.push(agenda_customer(
                row,
                0,
                AgendaStanding::OutOfCadence { wake_on },
            )?);
        }
    }
    let care_tasks = agenda_care_tasks(conn, owner, date)?;
    Ok(AgendaFacts {
        customers,
        plans,
        care_tasks,
    })
}

impl Store {
    /// Consultant `owner`'s agenda (今日待办) for the dealership's local date `date`, as of
    /// now: overdue and due plans, first responses owed, cadence-due customers, dormant
    /// customers whose wake-up date has come, care tasks due (or snoozed until) by `date`,
    /// most urgent first (see [`crm_core::agenda`]). `None` gives the agenda of the
    /// unassigned customers (the public pool, 公海: whoever hands out leads sees who is
    /// waiting). Archived customers are left out; lost, dormant and delivered ones are out
    /// of the cadence and first responses (their plans still show).
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
            let mut stmt = tx.prepare_cached(&sql::reminders(owner.is_some()))?;
            let window = (to_millis(from), to_millis(to));
            let mut rows = match owner {
                Some(o) => stmt.query(params![window.0, window.1, o])?,
                None => stmt.query(params![window.0, window.1])?,
            };
            let mut plans = Vec::new();
            while let Some(row) = rows.next()? {
                plans.push(pending_plan_from_row(row)?);
            }
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

/// The queries, each answered from one covering index (see the tests).
mod sql {
    use super::{AGENDA_CUSTOMER_COLUMNS, LAST_TOUCH, OUT_OF_CADENCE};
    use crate::follow_up::plans::{PENDING, PENDING_PLAN_COLUMNS};

    /// `?1`'s active customers in the sales cadence whose pending plan is due before `?2`
    /// (`customers_agenda`).
    pub(super) fn planned_customers() -> String {
        format!(
            "SELECT {AGENDA_CUSTOMER_COLUMNS} FROM customers
             WHERE owner IS ?1 AND {OUT_OF_CADENCE} = 0 AND next_plan_due_ms < ?2
               AND archived_at IS NULL"
        )
    }

    /// `?1`'s active customers out of the sales cadence whose pending plan is due before
    /// `?2`, with their wake-up date (`customers_agenda`).
    pub(super) fn planned_set_aside() -> String {
        format!(
            "SELECT {AGENDA_CUSTOMER_COLUMNS}, wake_on FROM customers
             WHERE owner IS ?1 AND {OUT_OF_CADENCE} = 1 AND next_plan_due_ms < ?2
               AND archived_at IS NULL"
        )
    }

    /// `?1`'s active customers in the sales cadence never contacted whose pending plan is
    /// due at or after `?2` (`customers_uncontacted`).
    pub(super) fn uncontacted_planned_later() -> String {
        format!(
            "SELECT {AGENDA_CUSTOMER_COLUMNS} FROM customers
             WHERE owner IS ?1 AND {OUT_OF_CADENCE} = 0 AND next_plan_due_ms >= ?2
               AND first_contact_at IS NULL AND last_contact_at IS NULL AND archived_at IS NULL"
        )
    }

    /// Customer `?1` unless archived (by the primary key: the rare plan whose customer is
    /// not among its owner's).
    pub(super) fn active_customer() -> String {
        format!(
            "SELECT {AGENDA_CUSTOMER_COLUMNS}, {OUT_OF_CADENCE}, wake_on FROM customers
             WHERE id = ?1 AND archived_at IS NULL"
        )
    }

    /// `?1`'s pending plans due before `?2` (`plans_pending_by_owner_due`).
    pub(super) fn plans_due() -> String {
        format!(
            "SELECT {PENDING_PLAN_COLUMNS} FROM plans
             WHERE owner IS ?1 AND {PENDING} AND due_start_ms < ?2"
        )
    }

    /// `?1`'s active customers in the sales cadence without a pending plan of level `?2`
    /// last touched by `?3` (`customers_agenda`).
    pub(super) fn cadence_customers() -> String {
        format!(
            "SELECT {AGENDA_CUSTOMER_COLUMNS} FROM customers
             WHERE owner IS ?1 AND {OUT_OF_CADENCE} = 0 AND next_plan_due_ms IS NULL
               AND intent_level = ?2 AND {LAST_TOUCH} <= ?3
               AND archived_at IS NULL"
        )
    }

    /// `?1`'s active dormant customers whose wake-up date is on or before `?2`, but for
    /// those [`planned_set_aside`] read with bound `?3` (`customers_wake_up`).
    pub(super) fn awake_customers() -> String {
        format!(
            "SELECT {AGENDA_CUSTOMER_COLUMNS}, wake_on FROM customers
             WHERE owner IS ?1 AND wake_on <= ?2 AND archived_at IS NULL
               AND (next_plan_due_ms IS NULL OR next_plan_due_ms >= ?3)"
        )
    }

    /// The pending plans firing in `[?1, ?2)` of active customers, of owner `?3` when
    /// `by_owner` (`plans_pending_by_owner_fire`, else `plans_pending_by_fire`). Archived
    /// customers are looked up in the small `customers_archived`, named because without
    /// statistics SQLite would take the unique `customers.id` index and read each plan's
    /// customer row.
    pub(super) fn reminders(by_owner: bool) -> String {
        let owner = if by_owner { "p.owner = ?3 AND " } else { "" };
        format!(
            "SELECT {PENDING_PLAN_COLUMNS} FROM plans p
             WHERE {owner}p.{PENDING} AND p.fire_at_ms >= ?1 AND p.fire_at_ms < ?2
               AND NOT EXISTS (SELECT 1 FROM customers c INDEXED BY customers_archived
                               WHERE c.id = p.customer_id AND c.archived_at IS NOT NULL)"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{sql, OUT_OF_CADENCE};
    use crate::store::Store;

    #[test]
    fn every_query_reads_one_covering_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("crm.sqlite3")).unwrap();
        for (query, index) in [
            // The customers' ranges use the whole key they need, not a shorter prefix.
            (
                sql::planned_customers(),
                "COVERING INDEX customers_agenda (owner=? AND <expr>=? AND next_plan_due_ms<?)",
            ),
            (
                sql::planned_set_aside(),
                "COVERING INDEX customers_agenda (owner=? AND <expr>=? AND next_plan_due_ms<?)",
            ),
            (
                sql::uncontacted_planned_later(),
                "COVERING INDEX customers_uncontacted (owner=? AND <expr>=? AND next_plan_due_ms>?)",
            ),
            (
                sql::cadence_customers(),
                "COVERING INDEX customers_agenda (owner=? AND <expr>=? AND next_plan_due_ms=? AND intent_level=? AND <expr><?)",
            ),
            (
                sql::awake_customers(),
                "COVERING INDEX customers_wake_up (owner=? AND wake_on<?)",
            ),
            (
                sql::plans_due(),
                "COVERING INDEX plans_pending_by_owner_due",
            ),
            (
                sql::reminders(true),
                "COVERING INDEX plans_pending_by_owner_fire",
            ),
            (
                sql::reminders(false),
                "COVERING INDEX plans_pending_by_fire",
            ),
            (sql::reminders(true), "COVERING INDEX customers_archived"),
        ] {
            let plan = crate::db::query_plan::query_plan(&store, &query, &[]);
            // SQLCipher's SQLite (3.46, the `encryption` feature) does not see that an index
            // on expressions covers a query, which SQLite 3.47 and later do: it takes the
            // same index and range, and reads each row it finds from the table too.
            let index = if cfg!(feature = "encryption") && index.contains("<expr>") {
                index.trim_start_matches("COVERING ")
            } else {
                index
            };
            assert!(plan.contains(index), "{query}\n{plan}");
        }
    }

    #[test]
    fn the_index_leaves_out_of_the_cadence_exactly_whom_the_rules_do() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for status in crm_core::PipelineStatus::ALL {
            let out: bool = conn
                .query_row(
                    &format!("SELECT {OUT_OF_CADENCE} FROM (SELECT ?1 AS pipeline_status)"),
                    [status.code()],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(out, !status.in_sales_cadence(), "{status:?}");
        }
    }
}

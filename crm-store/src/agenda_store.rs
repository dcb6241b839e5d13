//! The day's agenda and the reminders of a window: indexed queries fetch the facts, the pure
//! rules of `crm-core` ([`crm_core::agenda`], [`crm_core::reminders_between`]) decide.

use crate::error::Result;
use crate::plans::{collect_plans, open_plan_of, PENDING, PLAN_COLUMNS};
use crate::rows::{code, importance};
use crate::settings::read_settings;
use crate::store::Store;
use crate::time::{from_millis, to_millis};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use crm_core::{
    agenda, reminders_between, AgendaCustomer, AgendaFacts, AgendaItem, Code, CustomerId,
    IntentLevel, Reminder,
};
use rusqlite::{params, Connection, Row};
use std::collections::HashSet;

/// A customer's last touch as the `customers_cadence` index has it (0: never contacted).
/// Must stay the index's expression, character for character, for SQLite to use it.
const LAST_TOUCH: &str = "max(coalesce(first_contact_at, 0), coalesce(last_contact_at, 0))";

const AGENDA_CUSTOMER_COLUMNS: &str =
    "id, importance, intent_level, created_at, first_contact_at, last_contact_at";

fn agenda_customer(row: &Row) -> Result<AgendaCustomer> {
    let millis = |i: usize, column| -> Result<Option<DateTime<Utc>>> {
        row.get::<_, Option<i64>>(i)?
            .map(|t| from_millis(t, column))
            .transpose()
    };
    Ok(AgendaCustomer {
        id: CustomerId(row.get(0)?),
        importance: importance(row.get(1)?)?,
        intent: code::<IntentLevel>(&row.get::<_, String>(2)?, "customers.intent_level")?,
        created_at: from_millis(row.get(3)?, "customers.created_at")?,
        first_contact_at: millis(4, "customers.first_contact_at")?,
        last_contact_at: millis(5, "customers.last_contact_at")?,
    })
}

/// The facts of `owner`'s agenda for `date` as of `now`.
fn agenda_facts(
    conn: &Connection,
    owner: &str,
    date: NaiveDate,
    now: DateTime<Utc>,
    settings: &crate::settings::Settings,
) -> Result<AgendaFacts> {
    let zone = &settings.zone;
    // Plans due by the end of the day, and any whose time has passed by now (a past date's
    // agenda still shows what is overdue now).
    let bound = zone.end_of(date).max(
        now.checked_add_signed(Duration::milliseconds(1))
            .unwrap_or(now),
    );
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PLAN_COLUMNS} FROM plans p
         WHERE p.owner = ?1 AND p.{PENDING} AND p.due_start_ms < ?2
           AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = p.customer_id AND c.archived_at IS NOT NULL)"
    ))?;
    let mut plans = collect_plans(stmt.query(params![owner, to_millis(bound)])?)?;

    let mut customers = Vec::new();
    let mut seen: HashSet<CustomerId> = HashSet::new();
    let mut by_level = conn.prepare_cached(&format!(
        "SELECT {AGENDA_CUSTOMER_COLUMNS} FROM customers
         WHERE owner = ?1 AND intent_level = ?2 AND archived_at IS NULL AND {LAST_TOUCH} <= ?3"
    ))?;
    for level in IntentLevel::ALL {
        // Cadence-due on or before `date` exactly when the last touch is before the bound;
        // `<= max(bound, 0)` also takes the never-contacted (0), who owe a first response.
        // Taking a few more is harmless: `agenda` decides.
        let bound = to_millis(settings.cadence.last_contact_bound(*level, date, zone)).max(0);
        let mut rows = by_level.query(params![owner, level.code(), bound])?;
        while let Some(row) = rows.next()? {
            let c = agenda_customer(row)?;
            seen.insert(c.id.clone());
            customers.push(c);
        }
    }
    // A cadence candidate with a pending plan due later is not cadence-due: `agenda` must
    // see that plan too (it lists no item for it).
    let planned: HashSet<CustomerId> = plans.iter().map(|p| p.customer_id.clone()).collect();
    for c in &customers {
        if !planned.contains(&c.id) {
            plans.extend(open_plan_of(conn, &c.id)?);
        }
    }
    // The customers of the plans, for their importance and level.
    let mut by_id = conn.prepare_cached(&format!(
        "SELECT {AGENDA_CUSTOMER_COLUMNS} FROM customers WHERE id = ?1"
    ))?;
    for plan in &plans {
        if seen.insert(plan.customer_id.clone()) {
            let mut rows = by_id.query([plan.customer_id.as_str()])?;
            if let Some(row) = rows.next()? {
                customers.push(agenda_customer(row)?);
            }
        }
    }
    Ok(AgendaFacts { customers, plans })
}

impl Store {
    /// Consultant `owner`'s agenda (今日待办) for the dealership's local date `date`, as of
    /// now: overdue and due plans, first responses owed, cadence-due customers, most urgent
    /// first (see [`crm_core::agenda`]). Archived customers are left out.
    pub fn agenda(&self, owner: &str, date: NaiveDate) -> Result<Vec<AgendaItem>> {
        let now = self.clock().now();
        self.read(|tx| {
            let settings = read_settings(tx)?;
            let facts = agenda_facts(tx, owner, date, now, &settings)?;
            Ok(agenda(&facts, &settings.cadence, &settings.zone, date, now))
        })
    }

    /// The reminders that fire in `[from, to)`, by fire time (see
    /// [`crm_core::reminders_between`]): one per pending plan of an active customer.
    pub fn reminders(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Reminder>> {
        self.read(|tx| {
            let settings = read_settings(tx)?;
            let (lo, hi) = settings.reminders.due_start_range(from, to);
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {PLAN_COLUMNS} FROM plans p
                 WHERE p.{PENDING} AND p.due_start_ms >= ?1 AND p.due_start_ms < ?2
                   AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = p.customer_id AND c.archived_at IS NOT NULL)"
            ))?;
            let plans = collect_plans(stmt.query(params![to_millis(lo), to_millis(hi)])?)?;
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

//! The straightforward way to a report: load every [`CustomerFacts`] a report needs with a few
//! set-based queries (customers, then their moves, orders, follow-ups, visits and intent level
//! changes, each grouped in memory) and hand them to `crm_core`'s pure report functions.

use crate::db::rows::{code, opt_code};
use crate::db::time::{from_millis, to_millis};
use crate::error::Result;
use crate::find::filter_sql::Conditions;
use crate::pipeline::history::{move_from_row, MOVE_COLUMNS, MOVE_COLUMN_COUNT};
use crm_core::{
    Code, CustomerFacts, CustomerId, FollowUpFact, FollowUpKind, IntentChangeFact, IntentLevel,
    MoveKind, OrderFact, PipelineStatus, ReportPeriod, VisitFact, VisitKind, VisitStatusKind,
};
use rusqlite::{Connection, Row, Rows, Statement};
use std::collections::HashMap;

/// Which customers a report reads, as a condition on `customers c` that may use the named
/// parameters `:from`, `:to` (milliseconds) and `:owner` (the consultant, or NULL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The cohort: created in the period, owned by the consultant when one is given.
    Cohort,
    /// Customers with a loss approved in the period, owned by the consultant when given.
    Lost,
    /// Customers with any activity in the period (created, followed up, ordered or
    /// delivered), owned by the consultant or followed up by them when one is given.
    Activity,
    /// Customers created before the period's end, owned by the consultant when given.
    CreatedBeforeEnd,
}

impl Scope {
    fn condition(self) -> String {
        let owner = "(:owner IS NULL OR c.owner = :owner)";
        let created_in = "(c.created_at >= :from AND c.created_at < :to)";
        match self {
            Scope::Cohort => format!("{created_in} AND {owner}"),
            Scope::Lost => format!(
                "{owner} AND EXISTS (SELECT 1 FROM stage_moves s WHERE s.customer_id = c.id
                     AND s.kind = '{}' AND s.to_status = '{}' AND s.at >= :from AND s.at < :to)",
                MoveKind::Approve.code(),
                PipelineStatus::Lost.code()
            ),
            Scope::Activity => format!(
                "({owner} OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.customer_id = c.id
                      AND f.consultant = :owner AND f.at >= :from AND f.at < :to))
                 AND ({created_in}
                      OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.customer_id = c.id
                                 AND f.at >= :from AND f.at < :to)
                      OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id
                                 AND ((o.created_at >= :from AND o.created_at < :to)
                                      OR (o.delivered_at >= :from AND o.delivered_at < :to))))"
            ),
            Scope::CreatedBeforeEnd => format!("c.created_at < :to AND {owner}"),
        }
    }
}

/// The customers a report reads: those its scope and period choose, narrowed by the
/// compiled customer filter when there is one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Chosen<'a> {
    /// The validated period.
    pub period: &'a ReportPeriod,
    /// The compiled `period.customers` (conditions on `customers c`, positional `?`).
    pub customers: Option<&'a Conditions>,
}

impl Chosen<'_> {
    /// `condition` (on `customers c`) and the customer filter's conditions, when there is a
    /// filter; `condition` untouched otherwise.
    pub(crate) fn narrow(&self, condition: &str) -> String {
        match self.customers {
            Some(c) => format!("{condition} AND ({})", c.where_sql()),
            None => condition.to_owned(),
        }
    }

    /// Runs `stmt` (built with [`Chosen::narrow`]) with the period's named parameters and the
    /// filter's positional ones bound.
    pub(crate) fn query<'s>(&self, stmt: &'s mut Statement<'_>) -> Result<Rows<'s>> {
        query(stmt, self.period, self.customers)
    }
}

/// Runs `stmt` with whichever of `:from`, `:to` and `:owner` it uses bound from `period`,
/// and the unnamed parameters (`?`) bound, in order, to the filter's parameters. SQLite
/// numbers a `?` one past the largest number given so far, so the unnamed parameters are
/// found by their missing name whatever the named ones before them.
fn query<'s>(
    stmt: &'s mut Statement<'_>,
    period: &ReportPeriod,
    customers: Option<&Conditions>,
) -> Result<Rows<'s>> {
    if let Some(customers) = customers {
        let unnamed: Vec<usize> = (1..=stmt.parameter_count())
            .filter(|&i| stmt.parameter_name(i).is_none())
            .collect();
        debug_assert_eq!(
            unnamed.len(),
            customers.params.len(),
            "a ? per filter value"
        );
        for (i, value) in unnamed.into_iter().zip(&customers.params) {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    for (name, value) in [
        (":from", Some(to_millis(period.from))),
        (":to", Some(to_millis(period.to))),
    ] {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    if let Some(i) = stmt.parameter_index(":owner")? {
        stmt.raw_bind_parameter(i, period.consultant.as_deref())?;
    }
    Ok(stmt.raw_query())
}

/// Runs `sql` (selecting the customer's id last, after `width` value columns) over the
/// customers in `scope` and groups the values per customer id, in the query's order.
fn per_customer<T>(
    conn: &Connection,
    sql: &str,
    width: usize,
    chosen: Chosen<'_>,
    value: impl Fn(&Row<'_>) -> Result<T>,
) -> Result<HashMap<String, Vec<T>>> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = chosen.query(&mut stmt)?;
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let id: String = row.get(width)?;
        out.entry(id).or_default().push(value(row)?);
    }
    Ok(out)
}

/// The facts of every customer in `scope` for the chosen period (and customer filter), in
/// creation order.
pub(crate) fn load_facts(
    conn: &Connection,
    chosen: Chosen<'_>,
    scope: Scope,
) -> Result<Vec<CustomerFacts>> {
    let condition = chosen.narrow(&scope.condition());
    let ids = format!("SELECT c.id FROM customers c WHERE {condition}");
    let mut moves = per_customer(
        conn,
        &format!(
            "SELECT {MOVE_COLUMNS}, customer_id FROM stage_moves
             WHERE customer_id IN ({ids}) ORDER BY customer_id, seq"
        ),
        MOVE_COLUMN_COUNT,
        chosen,
        move_from_row,
    )?;
    let mut orders = per_customer(
        conn,
        &format!(
            "SELECT created_at, cancelled_at, delivered_at, price - discount, customer_id
             FROM orders WHERE customer_id IN ({ids}) ORDER BY customer_id, created_at, id"
        ),
        4,
        chosen,
        |r| {
            Ok(OrderFact {
                ordered_at: from_millis(r.get(0)?, "orders.created_at")?,
                cancelled_at: opt_instant(r, 1, "orders.cancelled_at")?,
                delivered_at: opt_instant(r, 2, "orders.delivered_at")?,
                revenue_fen: r.get(3)?,
            })
        },
    )?;
    let mut follow_ups = per_customer(
        conn,
        &format!(
            "SELECT at, consultant, kind, customer_id FROM follow_ups
             WHERE customer_id IN ({ids}) ORDER BY customer_id, at, id"
        ),
        3,
        chosen,
        |r| {
            Ok(FollowUpFact {
                at: from_millis(r.get(0)?, "follow_ups.at")?,
                consultant: r.get(1)?,
                kind: code::<FollowUpKind>(&r.get::<_, String>(2)?, "follow_ups.kind")?,
            })
        },
    )?;
    let mut visits = per_customer(
        conn,
        &format!(
            "SELECT kind, created_at, scheduled_at, status, closed_at, customer_id FROM visits
             WHERE customer_id IN ({ids}) ORDER BY customer_id, scheduled_at, id"
        ),
        5,
        chosen,
        |r| {
            let done = code::<VisitStatusKind>(&r.get::<_, String>(3)?, "visits.status")?
                == VisitStatusKind::Done;
            Ok(VisitFact {
                kind: code::<VisitKind>(&r.get::<_, String>(0)?, "visits.kind")?,
                booked_at: from_millis(r.get(1)?, "visits.created_at")?,
                scheduled_at: from_millis(r.get(2)?, "visits.scheduled_at")?,
                done_at: if done {
                    opt_instant(r, 4, "visits.closed_at")?
                } else {
                    None
                },
            })
        },
    )?;
    let mut changes = per_customer(
        conn,
        &format!(
            "SELECT at, from_level, to_level, customer_id FROM intent_level_changes
             WHERE customer_id IN ({ids}) ORDER BY customer_id, at, seq"
        ),
        3,
        chosen,
        |r| {
            Ok((
                opt_code::<IntentLevel>(r, 1, "intent_level_changes.from_level")?,
                IntentChangeFact {
                    at: from_millis(r.get(0)?, "intent_level_changes.at")?,
                    to: code(&r.get::<_, String>(2)?, "intent_level_changes.to_level")?,
                },
            ))
        },
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, c.source_kind, c.owner, c.created_at, c.intent_level,
                CASE WHEN c.owner IS NOT NULL THEN coalesce(c.assigned_at, c.created_at) END
         FROM customers c WHERE {condition} ORDER BY c.created_at, c.id"
    ))?;
    let mut rows = chosen.query(&mut stmt)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let current: IntentLevel = code(&row.get::<_, String>(4)?, "customers.intent_level")?;
        let changes = changes.remove(&id).unwrap_or_default();
        let initial_intent = match changes.first() {
            Some((from, _)) => from.unwrap_or(IntentLevel::N),
            None => current,
        };
        out.push(CustomerFacts {
            channel: row.get(1)?,
            owner: row.get(2)?,
            created_at: from_millis(row.get(3)?, "customers.created_at")?,
            assigned_at: opt_instant(row, 5, "customers.assigned_at")?,
            moves: moves.remove(&id).unwrap_or_default(),
            orders: orders.remove(&id).unwrap_or_default(),
            follow_ups: follow_ups.remove(&id).unwrap_or_default(),
            visits: visits.remove(&id).unwrap_or_default(),
            initial_intent,
            intent_changes: changes.into_iter().map(|(_, c)| c).collect(),
            id: CustomerId::from(id),
        });
    }
    Ok(out)
}

fn opt_instant(
    row: &Row<'_>,
    i: usize,
    column: &'static str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    row.get::<_, Option<i64>>(i)?
        .map(|ms| from_millis(ms, column))
        .transpose()
}

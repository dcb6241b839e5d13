//! Reading deals.

use crate::customer::customers::not_found;
use crate::db::rows::{code, collect};
use crate::db::time::from_millis;
use crate::error::{Result, StoreError};
use crate::pipeline::history::deal_state;
use crate::store::Store;
use crm_core::{
    deal::deal_for_customer_call, CustomerId, Deal, DealError, DealId, DealSource, DealStatus,
    OrderId, PipelineState, VisitId,
};
use rusqlite::{Connection, OptionalExtension, Row};

/// The columns [`deal_from_row`] reads, in its order.
pub(crate) const DEAL_COLUMNS: &str = "id, customer_id, owner, source, stage, pipeline_status, \
     coalesce(since, created_at), created_at, closed_at, version";

/// The error for a deal not in the book.
pub(crate) fn deal_not_found(id: &DealId) -> StoreError {
    StoreError::not_found("deal", id)
}

/// A deal from a row of [`DEAL_COLUMNS`].
pub(crate) fn deal_from_row(row: &Row<'_>) -> Result<Deal> {
    let pipeline_status = crate::pipeline::history::status(&row.get::<_, String>(5)?)?;
    Ok(Deal {
        id: DealId(row.get(0)?),
        customer_id: CustomerId(row.get(1)?),
        owner: row.get(2)?,
        source: code::<DealSource>(&row.get::<_, String>(3)?, "deals.source")?,
        stage: code(&row.get::<_, String>(4)?, "deals.stage")?,
        pipeline_status,
        status: DealStatus::of(pipeline_status),
        since: from_millis(row.get(6)?, "deals.since")?,
        created_at: from_millis(row.get(7)?, "deals.created_at")?,
        closed_at: row
            .get::<_, Option<i64>>(8)?
            .map(|ms| from_millis(ms, "deals.closed_at"))
            .transpose()?,
        version: row.get::<_, i64>(9)? as u64,
    })
}

/// Deal `id`, if it is in the book.
pub(crate) fn read_deal(conn: &Connection, id: &DealId) -> Result<Option<Deal>> {
    conn.prepare_cached(&format!("SELECT {DEAL_COLUMNS} FROM deals WHERE id = ?1"))?
        .query_row([id.as_str()], |r| Ok(deal_from_row(r)))
        .optional()?
        .transpose()
}

/// Customer `id`'s deals, oldest first.
pub(crate) fn deals_of(conn: &Connection, id: &CustomerId) -> Result<Vec<Deal>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DEAL_COLUMNS} FROM deals WHERE customer_id = ?1 ORDER BY created_at, id"
    ))?;
    collect(&mut stmt, [id.as_str()], deal_from_row)
}

/// Customer `id`'s open deals with their owners, oldest first.
pub(crate) fn open_deals(
    conn: &Connection,
    id: &CustomerId,
) -> Result<Vec<(DealId, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, owner FROM deals WHERE customer_id = ?1 AND closed_at IS NULL
         ORDER BY created_at, id",
    )?;
    let rows = stmt
        .query_map([id.as_str()], |r| Ok((DealId(r.get(0)?), r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The deal customer `id`'s row shows (their current deal).
pub(crate) fn shown_deal(conn: &Connection, id: &CustomerId) -> Result<DealId> {
    let deal: Option<String> = conn
        .prepare_cached("SELECT deal_id FROM customers WHERE id = ?1")?
        .query_row([id.as_str()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found(id))?;
    deal.map(DealId).ok_or(StoreError::Corrupt {
        column: "customers.deal_id",
    })
}

/// The deal a call naming only customer `id` acts on ([`deal_for_customer_call`]): refused
/// with [`StoreError::DealRefused`] (naming `deal_id`) while several are open.
pub(crate) fn customer_deal(conn: &Connection, id: &CustomerId) -> Result<DealId> {
    let current = shown_deal(conn, id)?;
    let open: Vec<DealId> = open_deals(conn, id)?.into_iter().map(|(d, _)| d).collect();
    deal_for_customer_call(&open, &current).map_err(|reason| StoreError::DealRefused {
        customer: id.clone(),
        reason,
    })
}

/// The state of deal `deal`, which must be customer `customer`'s: refused with
/// [`StoreError::DealRefused`] (field `deal_id`) when it is another customer's.
pub(crate) fn deal_of_customer(
    conn: &Connection,
    customer: &CustomerId,
    deal: &DealId,
) -> Result<PipelineState> {
    let (state, owner) = deal_state(conn, deal)?;
    if &owner != customer {
        return Err(StoreError::DealRefused {
            customer: customer.clone(),
            reason: DealError::NotTheCustomers {
                deal_id: deal.clone(),
            },
        });
    }
    Ok(state)
}

/// The deal order `id` belongs to.
pub(crate) fn order_deal(conn: &Connection, id: &OrderId) -> Result<DealId> {
    record_deal(conn, "orders", id.as_str())
}

/// The deal visit `id` belongs to.
pub(crate) fn visit_deal(conn: &Connection, id: &VisitId) -> Result<DealId> {
    record_deal(conn, "visits", id.as_str())
}

/// The deal of record `id` of `table` (orders, visits).
fn record_deal(conn: &Connection, table: &'static str, id: &str) -> Result<DealId> {
    let deal: Option<String> = conn
        .prepare_cached(&format!("SELECT deal_id FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    deal.map(DealId)
        .ok_or(StoreError::Corrupt { column: table })
}

impl Store {
    /// Deal `id`; [`StoreError::NotFound`] when it is not in the book.
    pub fn get_deal(&self, id: &DealId) -> Result<Deal> {
        self.read(|tx| read_deal(tx, id))?
            .ok_or_else(|| deal_not_found(id))
    }

    /// Customer `customer`'s deals, oldest first (a customer has at least one: their first
    /// deal, whose id is the customer's).
    pub fn deals_of(&self, customer: &CustomerId) -> Result<Vec<Deal>> {
        self.read(|tx| {
            crate::pipeline::history::check_customer(tx, customer)?;
            deals_of(tx, customer)
        })
    }
}

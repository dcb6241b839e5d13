//! The funnel and the channel table straight from the customers' stage and pipeline columns
//! (`recorded_<stage>`, schema 12; `pipeline_status`, `source_kind`): one pass over the
//! cohort in the covering index `customers_report_cohort`, medians taken in Rust over the
//! fetched durations. Only what the columns cannot tell is looked up: the status as of `to`
//! of a customer who moved since, and the revenue of a customer delivered before `to`.

use super::facts::Chosen;
use crate::db::time::to_millis;
use crate::error::{Result, StoreError};
use crate::pipeline::history::status;
use crm_core::report::{ChannelTally, FunnelTally};
use crm_core::{ChannelReport, FunnelReport, PipelineStatus, Stage};
use rusqlite::{Connection, OptionalExtension, Row};

/// The cohort condition on `customers c` (see `Scope::Cohort`).
const COHORT: &str = "c.created_at >= :from AND c.created_at < :to \
     AND (:owner IS NULL OR c.owner = :owner)";

/// Column `i`'s text, borrowed (no allocation per row).
fn text<'r>(row: &'r Row<'_>, i: usize, column: &'static str) -> Result<&'r str> {
    row.get_ref(i)?
        .as_str()
        .map_err(|_| StoreError::Corrupt { column })
}

/// The columns of the instants each stage after new lead was first recorded, in stage
/// order (what [`recorded_before`] reads).
const RECORDED: &str = "c.recorded_contacted, c.recorded_invited, c.recorded_visited, \
     c.recorded_test_driven, c.recorded_negotiating, c.recorded_ordered, c.recorded_delivered";

/// The [`RECORDED`] instants of `row` from column `first`, those before `to`.
fn recorded_before(row: &Row<'_>, first: usize, to: i64) -> Result<[Option<i64>; 7]> {
    let mut recorded = [None; 7];
    for (i, slot) in recorded.iter_mut().enumerate() {
        *slot = row.get::<_, Option<i64>>(first + i)?.filter(|at| *at < to);
    }
    Ok(recorded)
}

/// Customer `id`'s status as of `to`: after their last move before it.
fn status_before(conn: &Connection, id: &str, to: i64) -> Result<PipelineStatus> {
    let last: Option<String> = conn
        .prepare_cached(
            "SELECT to_status FROM stage_moves WHERE customer_id = ?1 AND at < ?2
             ORDER BY seq DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![id, to], |r| r.get(0))
        .optional()?;
    match last {
        Some(s) => status(&s),
        None => Ok(PipelineStatus::InStage(Stage::NewLead)),
    }
}

/// The funnel of the chosen period's cohort (narrowed by its customer filter, if any), as
/// `crm_core::funnel_report` computes it.
pub(crate) fn funnel(conn: &Connection, chosen: Chosen<'_>) -> Result<FunnelReport> {
    let to = to_millis(chosen.period.to);
    let cohort = chosen.narrow(COHORT);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.created_at, {RECORDED}, c.pipeline_status, c.pipeline_since
         FROM customers c WHERE {cohort}"
    ))?;
    let mut rows = chosen.query(&mut stmt)?;
    let mut tally = FunnelTally::default();
    while let Some(row) = rows.next()? {
        let recorded = recorded_before(row, 2, to)?;
        let since: Option<i64> = row.get(10)?;
        let now = match since {
            Some(since) if since >= to => status_before(conn, &row.get::<_, String>(0)?, to)?,
            _ => status(text(row, 9, "customers.pipeline_status")?)?,
        };
        tally.add(row.get(1)?, recorded, now);
    }
    Ok(tally.finish())
}

/// The channel table of the chosen period's cohort (narrowed as [`funnel`]), as
/// `crm_core::channel_report` computes it.
pub(crate) fn channels(conn: &Connection, chosen: Chosen<'_>) -> Result<ChannelReport> {
    let to = to_millis(chosen.period.to);
    let cohort = chosen.narrow(COHORT);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.source_kind, c.created_at, {RECORDED},
                CASE WHEN c.delivered_at < :to THEN
                    (SELECT coalesce(sum(o.price - o.discount), 0) FROM orders o
                     WHERE o.customer_id = c.id AND o.delivered_at < :to
                       AND (o.cancelled_at IS NULL OR o.cancelled_at >= :to))
                ELSE 0 END
         FROM customers c WHERE {cohort}"
    ))?;
    let mut rows = chosen.query(&mut stmt)?;
    let mut tally = ChannelTally::default();
    while let Some(row) = rows.next()? {
        tally.add(
            text(row, 0, "customers.source_kind")?,
            row.get(1)?,
            recorded_before(row, 2, to)?,
            row.get(9)?,
        );
    }
    Ok(tally.finish())
}

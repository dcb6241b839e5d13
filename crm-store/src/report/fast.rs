//! The funnel and the channel table straight from the customers' stage and pipeline columns
//! (`recorded_<stage>`, schema 12; `pipeline_status`, `source_kind`): one pass over the
//! cohort in the covering index `customers_report_cohort`, medians taken in Rust over the
//! fetched durations. Only what the columns cannot tell is looked up: the status as of `to`
//! of a customer who moved since, and the revenue of a customer delivered before `to`.

use super::facts::Chosen;
use crate::db::time::to_millis;
use crate::error::{Result, StoreError};
use crate::pipeline::history::status;
use crm_core::report::{days_between_ms, median, percent_bp, FunnelTally, TOTAL_CHANNEL};
use crm_core::{ChannelReport, ChannelRow, FunnelReport, PipelineStatus, Stage, CHANNEL_KINDS};
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
        "SELECT c.id, c.created_at, c.recorded_contacted, c.recorded_invited,
                c.recorded_visited, c.recorded_test_driven, c.recorded_negotiating,
                c.recorded_ordered, c.recorded_delivered, c.pipeline_status, c.pipeline_since
         FROM customers c WHERE {cohort}"
    ))?;
    let mut rows = chosen.query(&mut stmt)?;
    let mut tally = FunnelTally::default();
    while let Some(row) = rows.next()? {
        let mut recorded = [None; 7];
        for (i, slot) in recorded.iter_mut().enumerate() {
            *slot = row.get::<_, Option<i64>>(i + 2)?.filter(|at| *at < to);
        }
        let since: Option<i64> = row.get(10)?;
        let now = match since {
            Some(since) if since >= to => status_before(conn, &row.get::<_, String>(0)?, to)?,
            _ => status(text(row, 9, "customers.pipeline_status")?)?,
        };
        tally.add(row.get(1)?, recorded, now);
    }
    Ok(tally.finish())
}

/// One channel's running figures.
struct Tally {
    row: ChannelRow,
    close_days: Vec<f64>,
}

impl Tally {
    fn new(channel: &str) -> Self {
        Tally {
            row: ChannelRow {
                channel: channel.to_owned(),
                leads: 0,
                visits: 0,
                test_drives: 0,
                orders: 0,
                deliveries: 0,
                conversion_bp: None,
                median_days_to_close: None,
                revenue_fen: 0,
            },
            close_days: Vec::new(),
        }
    }

    fn add(&mut self, reached: [bool; 4], close_days: Option<f64>, revenue: i64) {
        let r = &mut self.row;
        r.leads += 1;
        r.visits += u32::from(reached[0]);
        r.test_drives += u32::from(reached[1]);
        r.orders += u32::from(reached[2]);
        r.deliveries += u32::from(reached[3]);
        r.revenue_fen = r.revenue_fen.saturating_add(revenue);
        self.close_days.extend(close_days);
    }

    fn finish(self) -> ChannelRow {
        let mut r = self.row;
        r.conversion_bp = percent_bp(r.deliveries.into(), r.leads.into());
        r.median_days_to_close = median(self.close_days);
        r
    }
}

/// The channel table of the chosen period's cohort (narrowed as [`funnel`]), as `crm_core::channel_report` computes it.
pub(crate) fn channels(conn: &Connection, chosen: Chosen<'_>) -> Result<ChannelReport> {
    let to = to_millis(chosen.period.to);
    let cohort = chosen.narrow(COHORT);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.source_kind, c.created_at, c.recorded_visited, c.recorded_test_driven,
                c.recorded_ordered, c.recorded_delivered,
                CASE WHEN c.delivered_at < :to THEN
                    (SELECT coalesce(sum(o.price - o.discount), 0) FROM orders o
                     WHERE o.customer_id = c.id AND o.delivered_at < :to
                       AND (o.cancelled_at IS NULL OR o.cancelled_at >= :to))
                ELSE 0 END
         FROM customers c WHERE {cohort}"
    ))?;
    let mut rows = chosen.query(&mut stmt)?;
    let mut tallies: Vec<Tally> = CHANNEL_KINDS.iter().map(|k| Tally::new(k)).collect();
    let mut total = Tally::new(TOTAL_CHANNEL);
    while let Some(row) = rows.next()? {
        let channel = text(row, 0, "customers.source_kind")?;
        let created: i64 = row.get(1)?;
        let mut reached = [false; 4];
        for (i, slot) in reached.iter_mut().enumerate() {
            *slot = row.get::<_, Option<i64>>(i + 2)?.is_some_and(|at| at < to);
        }
        let close = row
            .get::<_, Option<i64>>(5)?
            .filter(|at| *at < to)
            .map(|at| days_between_ms(created, at.max(created)));
        let revenue: i64 = row.get(6)?;
        let tally = match tallies.iter().position(|t| t.row.channel == channel) {
            Some(i) => &mut tallies[i],
            None => {
                tallies.push(Tally::new(channel));
                let last = tallies.len() - 1;
                &mut tallies[last]
            }
        };
        tally.add(reached, close, revenue);
        total.add(reached, close, revenue);
    }
    tallies[CHANNEL_KINDS.len()..].sort_by(|a, b| a.row.channel.cmp(&b.row.channel));
    Ok(ChannelReport {
        rows: tallies.into_iter().map(Tally::finish).collect(),
        total: total.finish(),
    })
}

//! Channel effectiveness (渠道效果): per source channel, how many came and how many bought.

use super::facts::{CustomerFacts, ReportPeriod};
use super::funnel::recorded_before;
use super::median::median;
use super::percent::percent_bp;
use super::stage_records::{days_between_ms, stage_progress};
use crate::find::CHANNEL_KINDS;
use crate::pipeline::Stage;

/// The name of [`ChannelReport::total`]'s channel.
pub const TOTAL_CHANNEL: &str = "total";

/// One source channel's figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChannelRow {
    /// The channel's kind (`showroom_walk_in`, `online_platform` …), or `total`.
    pub channel: String,
    /// Cohort customers from the channel.
    pub leads: u32,
    /// Those with a visit done before `to` (到店; either kind, or a move to visited): the
    /// funnel's `reached` at visited, not the customers a jump carried past it.
    pub visits: u32,
    /// Those with a test drive done before `to` (试驾, or a move to test-driven).
    pub test_drives: u32,
    /// Those who placed an order before `to`.
    pub orders: u32,
    /// Those with an order delivered before `to`.
    pub deliveries: u32,
    /// `deliveries / leads` in basis points; `None` without leads.
    pub conversion_bp: Option<u32>,
    /// The median days from creation to the first delivery, over `deliveries`.
    pub median_days_to_close: Option<f64>,
    /// The revenue in fen of the channel's orders delivered before `to` (and not cancelled).
    pub revenue_fen: i64,
}

impl ChannelRow {
    fn empty(channel: &str) -> Self {
        Self {
            channel: channel.to_owned(),
            leads: 0,
            visits: 0,
            test_drives: 0,
            orders: 0,
            deliveries: 0,
            conversion_bp: None,
            median_days_to_close: None,
            revenue_fen: 0,
        }
    }
}

/// The channel table and its total.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChannelReport {
    /// One row per channel kind: every kind of `CHANNEL_KINDS` in its order (zero rows
    /// included, so charts keep their colours), then any other kind found, alphabetically.
    pub rows: Vec<ChannelRow>,
    /// All channels together (counts and revenue are the rows' sums; the median is over all).
    pub total: ChannelRow,
}

/// The channel table's running figures, one customer at a time: what [`channel_report`] and
/// the store's indexed pass over the customers' stage columns share.
#[derive(Debug, Clone)]
pub struct ChannelTally {
    /// Each channel's row and the days to close of its deliveries: the kinds of
    /// `CHANNEL_KINDS` first, in their order, then the others as they come.
    rows: Vec<(ChannelRow, Vec<f64>)>,
    total: (ChannelRow, Vec<f64>),
}

impl Default for ChannelTally {
    fn default() -> Self {
        ChannelTally {
            rows: CHANNEL_KINDS
                .iter()
                .map(|k| (ChannelRow::empty(k), Vec::new()))
                .collect(),
            total: (ChannelRow::empty(TOTAL_CHANNEL), Vec::new()),
        }
    }
}

impl ChannelTally {
    /// Counts one cohort customer of source channel `channel`: created at `created`
    /// (milliseconds), each later stage first recorded at `recorded[i]` (stage `i + 1`; only
    /// records before the period's end), with `revenue_fen` from their orders delivered
    /// before the end and not cancelled by then.
    pub fn add(
        &mut self,
        channel: &str,
        created: i64,
        recorded: [Option<i64>; 7],
        revenue_fen: i64,
    ) {
        let (passed, reached) = stage_progress(created, recorded);
        let by_end = |stage: Stage| reached[stage.index()];
        let close = passed[Stage::Delivered.index()].map(|at| days_between_ms(created, at));
        let i = match self.rows.iter().position(|(r, _)| r.channel == channel) {
            Some(i) => i,
            None => {
                self.rows.push((ChannelRow::empty(channel), Vec::new()));
                self.rows.len() - 1
            }
        };
        for (r, days) in [&mut self.rows[i], &mut self.total] {
            r.leads += 1;
            r.visits += u32::from(by_end(Stage::Visited));
            r.test_drives += u32::from(by_end(Stage::TestDriven));
            r.orders += u32::from(by_end(Stage::Ordered));
            r.deliveries += u32::from(by_end(Stage::Delivered));
            r.revenue_fen = r.revenue_fen.saturating_add(revenue_fen);
            days.extend(close);
        }
    }

    /// The report: the channels of `CHANNEL_KINDS` in their order, then the others
    /// alphabetically; conversion and median days to close per row.
    pub fn finish(mut self) -> ChannelReport {
        self.rows[CHANNEL_KINDS.len()..].sort_by(|(a, _), (b, _)| a.channel.cmp(&b.channel));
        let finish = |(mut r, days): (ChannelRow, Vec<f64>)| {
            r.conversion_bp = percent_bp(r.deliveries.into(), r.leads.into());
            r.median_days_to_close = median(days);
            r
        };
        ChannelReport {
            rows: self.rows.into_iter().map(finish).collect(),
            total: finish(self.total),
        }
    }
}

/// Channel effectiveness of the period's cohort (customers created in `[from, to)`, owned by
/// the consultant when one is given), one shopper counted once, in their source channel.
pub fn channel_report(customers: &[CustomerFacts], period: &ReportPeriod) -> ChannelReport {
    let mut tally = ChannelTally::default();
    for c in customers.iter().filter(|c| period.in_cohort(c)) {
        let revenue: i64 = c
            .orders
            .iter()
            .filter(|o| o.cancelled_at.is_none_or(|at| at >= period.to))
            .filter(|o| o.delivered_at.is_some_and(|at| at < period.to))
            .map(|o| o.revenue_fen)
            .sum();
        tally.add(
            &c.channel,
            c.created_at.timestamp_millis(),
            recorded_before(c, period),
            revenue,
        );
    }
    tally.finish()
}

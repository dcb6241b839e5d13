//! The conversion funnel (销售漏斗): how far the customers who came in a period got, and at
//! which stages that is recorded as having happened rather than passed over.

use super::facts::{CustomerFacts, ReportPeriod};
use super::median::median;
use super::percent::percent_bp;
use super::stage_records::{days_between_ms, recorded_stages, stage_progress};
use crate::pipeline::{status_at, PipelineStatus, Stage};
use crate::validation::Code;

/// One stage of the funnel.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FunnelRow {
    /// The stage.
    pub stage: Stage,
    /// Cohort customers who got at least this far before the period's end: a record of
    /// this stage or of a later one (see [`super::recorded_stages`]). `reached + skipped`;
    /// never grows along the funnel.
    pub customers: u32,
    /// Of those, the ones with a record that this stage happened (a visit done for visited,
    /// an invitation or appointment for invited …).
    pub reached: u32,
    /// The others: they got past the stage without it happening (a walk-in is never invited;
    /// an order placed without a test drive skips test-driven).
    pub skipped: u32,
    /// `customers` as a share of the previous stage's, in basis points; `None` for the first
    /// stage and when the previous stage has no customers.
    pub conversion_bp: Option<u32>,
    /// The median days from first getting as far as the previous stage to first getting as
    /// far as this one, over the customers who did both before the period's end (0 when one
    /// record covers both); `None` for the first stage and when nobody did.
    pub median_days_from_previous: Option<f64>,
}

/// The funnel of a period's cohort.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FunnelReport {
    /// Customers in the cohort: created in `[from, to)`, owned by the consultant when one is
    /// given. Equals the first row's count.
    pub cohort: u32,
    /// One row per stage, in funnel order.
    pub rows: Vec<FunnelRow>,
    /// Cohort customers lost (approved) as of `to`.
    pub lost: u32,
    /// Cohort customers dormant (approved) as of `to`.
    pub dormant: u32,
    /// Cohort customers with a lost or dormant request pending as of `to`.
    pub pending: u32,
}

/// The funnel's running figures, one customer at a time: what [`funnel_report`] and the
/// store's indexed pass over the customers' stage columns share.
#[derive(Debug, Clone, Default)]
pub struct FunnelTally {
    counts: [u32; 8],
    reached: [u32; 8],
    gaps: [Vec<f64>; 7],
    lost: u32,
    dormant: u32,
    pending: u32,
}

impl FunnelTally {
    /// Counts one cohort customer: created at `created` (milliseconds), each later stage
    /// first recorded at `recorded[i]` (stage `i + 1`; only records before the period's end),
    /// and their status as of the end.
    pub fn add(&mut self, created: i64, recorded: [Option<i64>; 7], status: PipelineStatus) {
        let (passed, reached) = stage_progress(created, recorded);
        for i in 0..8 {
            self.counts[i] += u32::from(passed[i].is_some());
            self.reached[i] += u32::from(reached[i]);
        }
        for (i, gap) in self.gaps.iter_mut().enumerate() {
            if let (Some(a), Some(b)) = (passed[i], passed[i + 1]) {
                gap.push(days_between_ms(a, b));
            }
        }
        match status {
            PipelineStatus::Lost => self.lost += 1,
            PipelineStatus::Dormant => self.dormant += 1,
            PipelineStatus::LostRequested | PipelineStatus::DormantRequested => self.pending += 1,
            PipelineStatus::InStage(_) => {}
        }
    }

    /// The report: counts reached and skipped, conversion from the previous stage and median
    /// days between.
    pub fn finish(self) -> FunnelReport {
        let rows = Stage::ALL
            .iter()
            .enumerate()
            .map(|(i, stage)| FunnelRow {
                stage: *stage,
                customers: self.counts[i],
                reached: self.reached[i],
                skipped: self.counts[i] - self.reached[i],
                conversion_bp: i
                    .checked_sub(1)
                    .and_then(|p| percent_bp(self.counts[i].into(), self.counts[p].into())),
                median_days_from_previous: i
                    .checked_sub(1)
                    .and_then(|p| median(self.gaps[p].iter().copied())),
            })
            .collect();
        FunnelReport {
            cohort: self.counts[0],
            rows,
            lost: self.lost,
            dormant: self.dormant,
            pending: self.pending,
        }
    }
}

/// The funnel of the customers created in the period (the cohort), each counted at every
/// stage they got to before `to` (see [`FunnelRow`]): as reached where a record shows the
/// stage happened ([`super::recorded_stages`]), as skipped where only a later stage's record
/// covers it. A step back or a loss later does not un-reach, so the counts never grow along
/// the funnel.
pub fn funnel_report(customers: &[CustomerFacts], period: &ReportPeriod) -> FunnelReport {
    let mut tally = FunnelTally::default();
    for c in customers.iter().filter(|c| period.in_cohort(c)) {
        let moves: Vec<_> = c
            .moves
            .iter()
            .filter(|m| m.at < period.to)
            .cloned()
            .collect();
        tally.add(
            c.created_at.timestamp_millis(),
            recorded_before(c, period),
            status_at(&moves, period.to),
        );
    }
    tally.finish()
}

/// The instants (milliseconds) each stage after new lead was first recorded, those before
/// the period's end.
pub(super) fn recorded_before(c: &CustomerFacts, period: &ReportPeriod) -> [Option<i64>; 7] {
    let first = recorded_stages(c);
    let mut out = [None; 7];
    for (slot, at) in out.iter_mut().zip(&first[1..]) {
        *slot = at
            .filter(|at| *at < period.to)
            .map(|at| at.timestamp_millis());
    }
    out
}

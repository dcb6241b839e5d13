//! The conversion funnel (销售漏斗): how far the customers who came in a period got.

use super::facts::{CustomerFacts, ReportPeriod};
use super::median::median;
use super::percent::percent_bp;
use crate::code::Code;
use crate::pipeline::{days_between_stages, first_reached, status_at, PipelineStatus, Stage};

/// One stage of the funnel.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FunnelRow {
    /// The stage.
    pub stage: Stage,
    /// Cohort customers who reached the stage before the period's end.
    pub customers: u32,
    /// `customers` as a share of the previous stage's, in basis points; `None` for the first
    /// stage and when the previous stage has no customers.
    pub conversion_bp: Option<u32>,
    /// The median days from first reaching the previous stage to first reaching this one,
    /// over the customers who reached both before the period's end (0 for a jump); `None`
    /// for the first stage and when nobody did.
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
/// store's indexed pass over the customers' pipeline columns share.
#[derive(Debug, Clone, Default)]
pub struct FunnelTally {
    counts: [u32; 8],
    gaps: [Vec<f64>; 7],
    lost: u32,
    dormant: u32,
    pending: u32,
}

impl FunnelTally {
    /// Counts one cohort customer: which stages they reached before the period's end (in
    /// funnel order), the days between each stage and the next where both were reached, and
    /// their status as of the end.
    pub fn add(&mut self, reached: [bool; 8], gaps: [Option<f64>; 7], status: PipelineStatus) {
        for (count, r) in self.counts.iter_mut().zip(reached) {
            *count += u32::from(r);
        }
        for (gap, days) in self.gaps.iter_mut().zip(gaps) {
            gap.extend(days);
        }
        match status {
            PipelineStatus::Lost => self.lost += 1,
            PipelineStatus::Dormant => self.dormant += 1,
            PipelineStatus::LostRequested | PipelineStatus::DormantRequested => self.pending += 1,
            PipelineStatus::InStage(_) => {}
        }
    }

    /// The report: counts, conversion from the previous stage and median days between.
    pub fn finish(self) -> FunnelReport {
        let rows = Stage::ALL
            .iter()
            .enumerate()
            .map(|(i, stage)| FunnelRow {
                stage: *stage,
                customers: self.counts[i],
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
/// stage they reached before `to`: a stage is reached by moving to it or past it (a jump
/// reaches the stages it skips at the same instant; a step back or a loss later does not
/// un-reach). So the counts never grow along the funnel.
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
            first_reached(c.created_at, &moves).map(|at| at.is_some()),
            days_between_stages(c.created_at, &moves),
            status_at(&moves, period.to),
        );
    }
    tally.finish()
}

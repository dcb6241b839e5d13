//! Lost analysis (战败分析): why customers were lost, and to whom.

use super::facts::{CustomerFacts, ReportPeriod};
use super::percent::shares_bp;
use crate::pipeline::{LostReason, MoveKind, PipelineStatus};
use crate::validation::Code;
use std::collections::BTreeMap;

/// One lost reason's count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LostReasonRow {
    /// The reason.
    pub reason: LostReason,
    /// Approved losses with this reason.
    pub count: u32,
    /// Its share of all approved losses, in basis points (the rows add up to 10,000 when
    /// there is any loss).
    pub share_bp: u32,
}

/// One competitor's count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompetitorRow {
    /// The competitor as the consultant named it (trimmed).
    pub competitor: String,
    /// Approved losses naming it.
    pub count: u32,
    /// Its share of the losses naming any competitor, in basis points (the rows add up to
    /// 10,000 when there is any).
    pub share_bp: u32,
}

/// The losses of a period.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LostReport {
    /// Approved losses in the period.
    pub total: u32,
    /// One row per reason, every reason in [`LostReason::ALL`] order.
    pub by_reason: Vec<LostReasonRow>,
    /// Losses that name a competitor (any reason).
    pub with_competitor: u32,
    /// One row per competitor named, most frequent first, then by name.
    pub by_competitor: Vec<CompetitorRow>,
}

impl LostReport {
    /// The reasons, most losses first, then by code: the order a table shows them in.
    pub fn reasons_most_first(&self) -> Vec<&LostReasonRow> {
        let mut reasons: Vec<_> = self.by_reason.iter().collect();
        reasons.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.reason.code().cmp(b.reason.code()))
        });
        reasons
    }
}

/// The approved losses (a manager's approval of a lost request) made in `[from, to)`, of the
/// consultant's customers when one is given. A customer lost, reopened and lost again counts
/// once per approval.
pub fn lost_report(customers: &[CustomerFacts], period: &ReportPeriod) -> LostReport {
    let losses: Vec<_> = customers
        .iter()
        .filter(|c| period.covers_owner(c.owner.as_deref()))
        .flat_map(|c| &c.moves)
        .filter(|m| {
            m.kind == MoveKind::Approve && m.to == PipelineStatus::Lost && period.contains(m.at)
        })
        .collect();
    let reason_counts: Vec<u32> = LostReason::ALL
        .iter()
        .map(|r| losses.iter().filter(|m| m.lost_reason == Some(*r)).count() as u32)
        .collect();
    let mut competitors: BTreeMap<&str, u32> = BTreeMap::new();
    for name in losses.iter().filter_map(|m| m.competitor.as_deref()) {
        *competitors.entry(name).or_default() += 1;
    }
    let mut competitors: Vec<(&str, u32)> = competitors.into_iter().collect();
    competitors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let competitor_counts: Vec<u32> = competitors.iter().map(|(_, n)| *n).collect();
    LostReport {
        total: losses.len() as u32,
        by_reason: LostReason::ALL
            .iter()
            .zip(&reason_counts)
            .zip(shares_bp(&reason_counts))
            .map(|((reason, count), share_bp)| LostReasonRow {
                reason: *reason,
                count: *count,
                share_bp,
            })
            .collect(),
        with_competitor: competitor_counts.iter().sum(),
        by_competitor: competitors
            .iter()
            .zip(shares_bp(&competitor_counts))
            .map(|((name, count), share_bp)| CompetitorRow {
                competitor: (*name).to_owned(),
                count: *count,
                share_bp,
            })
            .collect(),
    }
}

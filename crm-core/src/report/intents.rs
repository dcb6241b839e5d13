//! Intent levels (意向级别) across the book: where they stand and how they moved.

use super::facts::{CustomerFacts, ReportPeriod};
use super::percent::shares_bp;
use crate::follow_up::IntentLevel;
use crate::pipeline::{status_at, PipelineStatus, Stage};
use crate::validation::Code;

/// How many open customers are at one level.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IntentLevelRow {
    /// The level.
    pub level: IntentLevel,
    /// Open customers at it as of `to`.
    pub customers: u32,
    /// Their share of the open customers, in basis points (the rows add up to 10,000 when
    /// there is any).
    pub share_bp: u32,
}

/// How many customers went from one level to another over the period.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IntentMoveRow {
    /// The level as of `from` (or when entered, for customers created in the period).
    pub from: IntentLevel,
    /// The level as of `to`.
    pub to: IntentLevel,
    /// How many customers.
    pub customers: u32,
}

/// The intent level distribution and its movement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IntentReport {
    /// Customers open as of `to`: created before it, not delivered, lost or dormant (a pending
    /// request still counts as open).
    pub open_customers: u32,
    /// One row per level, every level in [`IntentLevel::ALL`] order.
    pub distribution: Vec<IntentLevelRow>,
    /// Net movement: one row per (from, to) pair with from ≠ to and at least one customer,
    /// in [`IntentLevel::ALL`] order of from, then to.
    pub movement: Vec<IntentMoveRow>,
}

/// The distribution of the open customers' levels as of `to`, and the net movement of every
/// customer created before `to` between their level as of `from` and as of `to` (a level
/// changed and changed back within the period is no movement). The consultant filter
/// applies by owner.
pub fn intent_report(customers: &[CustomerFacts], period: &ReportPeriod) -> IntentReport {
    let n = IntentLevel::ALL.len();
    let mut counts = vec![0u32; n];
    let mut moves = vec![vec![0u32; n]; n];
    let index = |level: IntentLevel| {
        IntentLevel::ALL
            .iter()
            .position(|l| *l == level)
            .unwrap_or(0)
    };
    for c in customers
        .iter()
        .filter(|c| c.created_at < period.to && period.covers_owner(c.owner.as_deref()))
    {
        let end = c.intent_at(period.to);
        let open = match status_at(&c.moves, period.to) {
            PipelineStatus::InStage(stage) => stage != Stage::Delivered,
            PipelineStatus::LostRequested | PipelineStatus::DormantRequested => true,
            PipelineStatus::Lost | PipelineStatus::Dormant => false,
        };
        if open {
            counts[index(end)] += 1;
        }
        moves[index(c.intent_at(period.from))][index(end)] += 1;
    }
    let shares = shares_bp(&counts);
    IntentReport {
        open_customers: counts.iter().sum(),
        distribution: IntentLevel::ALL
            .iter()
            .enumerate()
            .map(|(i, level)| IntentLevelRow {
                level: *level,
                customers: counts[i],
                share_bp: shares[i],
            })
            .collect(),
        movement: IntentLevel::ALL
            .iter()
            .enumerate()
            .flat_map(|(i, from)| {
                let moves = &moves;
                IntentLevel::ALL
                    .iter()
                    .enumerate()
                    .filter(move |(j, _)| i != *j && moves[i][*j] > 0)
                    .map(move |(j, to)| IntentMoveRow {
                        from: *from,
                        to: *to,
                        customers: moves[i][j],
                    })
            })
            .collect(),
    }
}

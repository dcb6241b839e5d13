//! The intent level distribution (意向级别分布) and its movement: [`IntentReport`] and
//! `intent_report`.

use crate::error::CrmError;
use crate::follow_up::intent_level::IntentLevel;
use crate::number::Signed;
use crate::report::period::ReportPeriod;
use crate::store::CrmStore;

/// The open customers at one intent level.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntentLevelRow {
    /// The level.
    pub level: IntentLevel,
    /// Open customers at it as of the period's end.
    pub customers: i64,
    /// Their share of the open customers, in basis points.
    pub share_bp: i32,
}

/// Customers whose level went from one to another over the period.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntentMoveRow {
    /// The level as of the period's start.
    pub from: IntentLevel,
    /// The level as of its end.
    pub to: IntentLevel,
    /// How many customers.
    pub customers: i64,
}

/// The intent level distribution (意向级别分布) as of the period's end, and its movement.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntentReport {
    /// Customers open as of the period's end (a pending request still counts as open).
    pub open_customers: i64,
    /// One row per level, every level in `IntentLevel` order.
    pub distribution: Vec<IntentLevelRow>,
    /// Net movement: one row per (from, to) pair with at least one customer.
    pub movement: Vec<IntentMoveRow>,
}

impl From<crm_core::IntentReport> for IntentReport {
    fn from(r: crm_core::IntentReport) -> Self {
        IntentReport {
            open_customers: r.open_customers.signed(),
            distribution: r
                .distribution
                .into_iter()
                .map(|row| IntentLevelRow {
                    level: row.level.into(),
                    customers: row.customers.signed(),
                    share_bp: row.share_bp.signed(),
                })
                .collect(),
            movement: r
                .movement
                .into_iter()
                .map(|row| IntentMoveRow {
                    from: row.from.into(),
                    to: row.to.into(),
                    customers: row.customers.signed(),
                })
                .collect(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The intent level distribution as of `period`'s end and its movement over the period
    /// (意向级别). Fails like `funnel_report`.
    pub async fn intent_report(&self, period: ReportPeriod) -> Result<IntentReport, CrmError> {
        self.read(move |store| Ok(store.intent_report(&period.try_into()?)?.into()))
            .await
    }
}

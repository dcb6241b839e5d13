//! Lost analysis (战败分析): [`LostReport`], by reason and by competitor, and
//! `lost_report`.

use crate::error::CrmError;
use crate::number::Signed;
use crate::pipeline::reason::LostReason;
use crate::report::period::ReportPeriod;
use crate::store::CrmStore;

/// The losses of one reason.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LostReasonRow {
    /// The reason category.
    pub reason: LostReason,
    /// Losses approved in the period for it.
    pub count: i64,
    /// Its share of all the period's losses, in basis points.
    pub share_bp: i32,
}

/// The losses to one competitor.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CompetitorRow {
    /// The competitor as entered (比亚迪 宋PLUS).
    pub competitor: String,
    /// Losses to it approved in the period.
    pub count: i64,
    /// Its share of the losses that name a competitor, in basis points.
    pub share_bp: i32,
}

/// Lost analysis (战败分析): the losses approved in the period.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LostReport {
    /// Losses approved in the period.
    pub total: i64,
    /// One row per reason category, every category in `LostReason` order.
    pub by_reason: Vec<LostReasonRow>,
    /// Of the losses, those naming a competitor.
    pub with_competitor: i64,
    /// One row per competitor named, most losses first.
    pub by_competitor: Vec<CompetitorRow>,
}

impl From<crm_core::LostReport> for LostReport {
    fn from(r: crm_core::LostReport) -> Self {
        LostReport {
            total: r.total.signed(),
            by_reason: r
                .by_reason
                .into_iter()
                .map(|row| LostReasonRow {
                    reason: row.reason.into(),
                    count: row.count.signed(),
                    share_bp: row.share_bp.signed(),
                })
                .collect(),
            with_competitor: r.with_competitor.signed(),
            by_competitor: r
                .by_competitor
                .into_iter()
                .map(|row| CompetitorRow {
                    competitor: row.competitor,
                    count: row.count.signed(),
                    share_bp: row.share_bp.signed(),
                })
                .collect(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The losses (战败分析) approved in `period`, by reason and by competitor. Fails like
    /// `funnel_report`.
    pub async fn lost_report(&self, period: ReportPeriod) -> Result<LostReport, CrmError> {
        self.read(move |store| Ok(store.lost_report(&period.try_into()?)?.into()))
            .await
    }
}

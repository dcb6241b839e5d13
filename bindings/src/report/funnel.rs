//! The conversion funnel (销售漏斗) of a cohort: [`FunnelReport`], [`FunnelRow`] and
//! `funnel_report`.

use crate::error::CrmError;
use crate::number::Signed;
use crate::pipeline::stage::Stage;
use crate::report::period::ReportPeriod;
use crate::store::CrmStore;

/// One stage of the funnel.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FunnelRow {
    /// The stage.
    pub stage: Stage,
    /// Cohort customers who got at least this far before the period's end: this stage or a
    /// later one recorded. Always `reached + skipped`; never grows along the funnel.
    pub customers: i64,
    /// Of those, the ones with a record that the stage happened: a follow-up (contacted),
    /// an invitation follow-up or an appointment (invited), a visit done (visited), a test
    /// drive done (test-driven), a price-negotiation follow-up (negotiating), an order, a
    /// delivery, or a pipeline move to the stage itself.
    pub reached: i64,
    /// The others: carried past the stage by a jump without it happening (a walk-in is
    /// never invited; an order placed without a test drive skips test-driven).
    pub skipped: i64,
    /// `customers` as a share of the previous stage's, in basis points; `null` for the first
    /// stage and when the previous stage has no customers.
    pub conversion_bp: Option<i32>,
    /// The median days from first getting as far as the previous stage to first getting as
    /// far as this one; `null` for the first stage and when nobody did both.
    pub median_days_from_previous: Option<f64>,
}

/// The conversion funnel (销售漏斗) of the customers created in the period (the cohort).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FunnelReport {
    /// Customers in the cohort; equals the first row's count.
    pub cohort: i64,
    /// One row per stage, in funnel order.
    pub rows: Vec<FunnelRow>,
    /// Cohort customers lost (approved) as of the period's end.
    pub lost: i64,
    /// Cohort customers dormant (approved) as of the period's end.
    pub dormant: i64,
    /// Cohort customers with a lost or dormant request pending as of the period's end.
    pub pending: i64,
}

impl From<crm_core::FunnelReport> for FunnelReport {
    fn from(r: crm_core::FunnelReport) -> Self {
        FunnelReport {
            cohort: r.cohort.signed(),
            rows: r
                .rows
                .into_iter()
                .map(|row| FunnelRow {
                    stage: row.stage.into(),
                    customers: row.customers.signed(),
                    reached: row.reached.signed(),
                    skipped: row.skipped.signed(),
                    conversion_bp: row.conversion_bp.signed(),
                    median_days_from_previous: row.median_days_from_previous,
                })
                .collect(),
            lost: r.lost.signed(),
            dormant: r.dormant.signed(),
            pending: r.pending.signed(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The conversion funnel (销售漏斗) of the customers created in `period` (owned by its
    /// consultant when one is given): customers getting to each stage, of those the ones
    /// it happened to (`reached`) and the ones a jump carried past it (`skipped`),
    /// stage-to-stage conversion, median days between. Fails with `InvalidInput` on `to` (not after
    /// `from`), `consultant` or `customers.<field>` (a bad filter).
    pub async fn funnel_report(&self, period: ReportPeriod) -> Result<FunnelReport, CrmError> {
        self.read(move |store| Ok(store.funnel_report(&period.try_into()?)?.into()))
            .await
    }
}

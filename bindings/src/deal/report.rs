//! The deals report (销售机会报表): [`DealReport`] and `deal_report`.

use crate::deal::source::DealSource;
use crate::error::CrmError;
use crate::number::Signed;
use crate::report::period::ReportPeriod;
use crate::store::CrmStore;

/// The deals of one source opened in the period.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DealSourceRow {
    /// The source.
    pub source: DealSource,
    /// Deals of this source opened in the period.
    pub opened: i64,
    /// Of those, won by now.
    pub won: i64,
    /// Of those, lost by now.
    pub lost: i64,
}

/// The deals report of a period.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DealReport {
    /// Deals opened in the period.
    pub opened: i64,
    /// Deals won (delivered) in the period.
    pub won: i64,
    /// Deals lost in the period.
    pub lost: i64,
    /// One row per source, in `DealSource` order.
    pub by_source: Vec<DealSourceRow>,
    /// Customers with a deal won before the period's end.
    pub buying_customers: i64,
    /// Of those, customers with two or more won deals (复购客户).
    pub repeat_customers: i64,
    /// The repeat-purchase rate in basis points; null without buyers.
    pub repeat_purchase_rate_bp: Option<i32>,
    /// The average years between one purchase and the next; null without a repeat.
    pub average_years_between_purchases: Option<f64>,
}

impl From<crm_core::deal::DealReport> for DealReport {
    fn from(r: crm_core::deal::DealReport) -> Self {
        DealReport {
            opened: r.opened.signed(),
            won: r.won.signed(),
            lost: r.lost.signed(),
            by_source: r
                .by_source
                .into_iter()
                .map(|row| DealSourceRow {
                    source: row.source.into(),
                    opened: row.opened.signed(),
                    won: row.won.signed(),
                    lost: row.lost.signed(),
                })
                .collect(),
            buying_customers: r.buying_customers.signed(),
            repeat_customers: r.repeat_customers.signed(),
            repeat_purchase_rate_bp: r.repeat_purchase_rate_bp.signed(),
            average_years_between_purchases: r.average_years_between_purchases,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The deals report for `period`: deals opened, won and lost in it by source, and the
    /// repeat purchases of the customers who bought before its end. Fails like
    /// `funnel_report`.
    pub async fn deal_report(&self, period: ReportPeriod) -> Result<DealReport, CrmError> {
        self.read(move |store| Ok(store.deal_report(&period.try_into()?)?.into()))
            .await
    }
}

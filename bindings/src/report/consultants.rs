//! Consultant activity (顾问工作量): [`ConsultantRow`] and `consultant_report`.

use crate::error::CrmError;
use crate::number::Signed;
use crate::report::period::ReportPeriod;
use crate::store::CrmStore;

/// One consultant's activity in the period (顾问工作量).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ConsultantRow {
    /// The consultant; `null` for what belongs to nobody (customers without an owner).
    pub consultant: Option<String>,
    /// Their customers created in the period.
    pub new_leads: i64,
    /// Of those, the ones with no follow-up at all before the period's end.
    pub uncontacted: i64,
    /// Follow-ups they made in the period (one without a consultant counts for the
    /// customer's owner).
    pub follow_ups: i64,
    /// The median minutes from a new lead's assignment to them (its entry, when entered with
    /// them) to their first follow-up of it, over their new leads answered before the
    /// period's end (first-response time; a call logged before the lead was entered counts
    /// as 0, one made before a reassignment as none).
    pub median_first_response_minutes: Option<f64>,
    /// Their new leads whose first response was due by the period's end: answered, or left
    /// unanswered past the deadline (`CadenceConfig.first_response_minutes`).
    pub first_responses_due: i64,
    /// Of those, the ones answered within the deadline.
    pub first_responses_in_time: i64,
    /// `first_responses_in_time` as a share of `first_responses_due`, in basis points;
    /// `null` when none was due.
    pub first_response_in_time_bp: Option<i32>,
    /// Orders their customers placed in the period and had not cancelled before its end.
    pub orders: i64,
    /// Orders of their customers delivered in the period.
    pub deliveries: i64,
    /// The revenue of those deliveries, in fen.
    pub revenue_fen: i64,
}

impl From<crm_core::ConsultantRow> for ConsultantRow {
    fn from(r: crm_core::ConsultantRow) -> Self {
        ConsultantRow {
            consultant: r.consultant,
            new_leads: r.new_leads.signed(),
            uncontacted: r.uncontacted.signed(),
            follow_ups: r.follow_ups.signed(),
            median_first_response_minutes: r.median_first_response_minutes,
            first_responses_due: r.first_responses_due.signed(),
            first_responses_in_time: r.first_responses_in_time.signed(),
            first_response_in_time_bp: r.first_response_in_time_bp.signed(),
            orders: r.orders.signed(),
            deliveries: r.deliveries.signed(),
            revenue_fen: r.revenue_fen,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Each consultant's activity (顾问工作量) in `period`: new leads, follow-ups, median
    /// first-response time from assignment and the share answered within the dealership's
    /// deadline, orders, deliveries, revenue. Fails like `funnel_report`.
    pub async fn consultant_report(
        &self,
        period: ReportPeriod,
    ) -> Result<Vec<ConsultantRow>, CrmError> {
        self.read(move |store| {
            let rows = store.consultant_report(&period.try_into()?)?;
            Ok(rows.into_iter().map(Into::into).collect())
        })
        .await
    }
}

//! [`ReportPeriod`]: the period `[from, to)` a report covers, optionally one consultant and
//! a customer filter.

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::find::filter::CustomerFilter;

/// The period a report covers, `[from, to)`, optionally one consultant, and optionally a
/// customer filter.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReportPeriod {
    /// The first instant in the period.
    pub from: Timestamp,
    /// The first instant after the period; after `from` (else `InvalidInput` on `to`).
    pub to: Timestamp,
    /// Only this consultant's customers (by current owner) or activity; blank means all.
    #[uniffi(default = None)]
    pub consultant: Option<String>,
    /// Only the customers this filter matches, as the customer list matches them (its
    /// `archived` applies: active customers unless it says otherwise); `null` reads every
    /// customer, archived ones included. A bad filter fails with `InvalidInput` on
    /// `customers.<field>` (`customers.channels[0]`).
    #[uniffi(default = None)]
    pub customers: Option<CustomerFilter>,
}

impl TryFrom<ReportPeriod> for crm_core::ReportPeriod {
    type Error = CrmError;

    /// Fails only on a filter date that is not a real one (`customers.ordered_from` ...).
    fn try_from(p: ReportPeriod) -> Result<Self, CrmError> {
        Ok(crm_core::ReportPeriod {
            from: p.from,
            to: p.to,
            consultant: p.consultant,
            customers: p
                .customers
                .map(crm_core::CustomerFilter::try_from)
                .transpose()
                .map_err(|e| e.within("customers"))?,
        })
    }
}

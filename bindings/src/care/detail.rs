//! [`CareDetail`]: the kind of a care task with what is particular to it (the service and
//! what made it due, the policy's end, the holiday …).

use crate::custom::CalendarDate;
use crate::number::Signed;

/// What made a service due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MaintenanceTrigger {
    /// The distance: the odometer is predicted to reach `km` on the due date.
    Distance {
        /// The reading the service is due at.
        km: i64,
    },
    /// The time: `months` after the previous service (or the delivery).
    Time {
        /// Months since the previous service.
        months: i32,
    },
}

impl From<crm_core::MaintenanceTrigger> for MaintenanceTrigger {
    fn from(t: crm_core::MaintenanceTrigger) -> Self {
        match t {
            crm_core::MaintenanceTrigger::Distance { km } => {
                MaintenanceTrigger::Distance { km: km.signed() }
            }
            crm_core::MaintenanceTrigger::Time { months } => MaintenanceTrigger::Time {
                months: months.signed(),
            },
        }
    }
}

/// The kind of a care task with what is particular to it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CareDetail {
    /// A call after delivery (交车回访).
    DeliveryCall {
        /// The rule's key (`d3`).
        call: String,
    },
    /// A service (保养).
    Maintenance {
        /// 1 for the first service after delivery.
        service: i32,
        /// Due by distance or by time.
        trigger: MaintenanceTrigger,
        /// The predicted odometer on the due date, in km.
        predicted_km: i64,
    },
    /// An insurance renewal (续保).
    InsuranceRenewal {
        /// The policy's end date.
        policy_ends_on: CalendarDate,
        /// `true` when the date is a recorded one carried on by whole years.
        projected: bool,
    },
    /// An annual inspection (年检).
    Inspection {
        /// 1 for the first after registration.
        number: i32,
        /// Whether it is on site, rather than the papers only.
        on_site: bool,
        /// The car's age then, in months.
        age_months: i32,
    },
    /// A birthday (生日).
    Birthday {
        /// The year.
        year: i32,
    },
    /// A holiday (节日).
    Holiday {
        /// The holiday's key (`spring_festival`).
        holiday: String,
        /// Its name (春节).
        name: String,
        /// The year (the lunar year for a lunar holiday).
        year: i32,
    },
    /// A purchase anniversary (购车周年).
    PurchaseAnniversary {
        /// Years since delivery.
        years: i32,
    },
    /// The referral invitation (转介绍).
    ReferralInvitation,
}

impl From<crm_core::CareDetail> for CareDetail {
    fn from(d: crm_core::CareDetail) -> Self {
        use crm_core::CareDetail as D;
        match d {
            D::DeliveryCall { call } => CareDetail::DeliveryCall { call },
            D::Maintenance {
                service,
                trigger,
                predicted_km,
            } => CareDetail::Maintenance {
                service: service.signed(),
                trigger: trigger.into(),
                predicted_km: predicted_km.signed(),
            },
            D::InsuranceRenewal {
                policy_ends_on,
                projected,
            } => CareDetail::InsuranceRenewal {
                policy_ends_on,
                projected,
            },
            D::Inspection {
                number,
                on_site,
                age_months,
            } => CareDetail::Inspection {
                number: number.signed(),
                on_site,
                age_months: age_months.signed(),
            },
            D::Birthday { year } => CareDetail::Birthday { year },
            D::Holiday {
                holiday,
                name,
                year,
            } => CareDetail::Holiday {
                holiday,
                name,
                year,
            },
            D::PurchaseAnniversary { years } => CareDetail::PurchaseAnniversary {
                years: years.signed(),
            },
            D::ReferralInvitation => CareDetail::ReferralInvitation,
        }
    }
}

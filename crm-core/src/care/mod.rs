//! Care after the sale (客户关怀与维系, the manual's module 5): the rules a dealership keeps
//! as data ([`CareRules`]), the facts about a delivered customer ([`CareCustomer`],
//! [`CareCar`]), the engine that turns them into dated tasks ([`CarePlanner`],
//! [`care_tasks`]), consent per channel ([`CustomerConsent`]) and a task's life
//! ([`CareTaskRecord`]). One file per concept:
//!
//! - `car`: a delivered car (已交车辆) as the store records it; `car_id`: its id;
//! - `rules`: the rule set and its defaults; `rules_json`: reading them from JSON;
//!   `outreach`: channels and template per rule; `rule_key`: the keys rules are named by in
//!   task keys;
//! - `calendar`: yearly dates (February 29), months and offsets; `lunar`: the lunar
//!   calendar; `holiday`: the holiday list;
//! - `odometer`: readings, their plausibility and predicted distance; `maintenance`: the
//!   service schedule and the known services it restarts from;
//!   `inspection`: the inspection table;
//! - `consent`: consent per channel; `facts`: the engine's input; `task`: its output;
//!   `planner`: the engine; `reconcile`: a customer's stored tasks brought in line with a
//!   new run; `status`: done / skipped / snoozed; `task_moves`: those moves as devices
//!   exchange them, and the status they settle on.

mod calendar;
mod car;
mod car_id;
mod consent;
mod facts;
mod holiday;
mod inspection;
mod lunar;
mod maintenance;
mod odometer;
mod outreach;
mod planner;
mod reconcile;
mod rule_key;
mod rules;
mod rules_json;
mod status;
mod task;
mod task_moves;

#[cfg(feature = "proptest")]
pub mod strategies;

pub use calendar::{yearly_date, Offset, MAX_OFFSET_DAYS, MAX_OFFSET_MONTHS};
pub use car::{
    validate_insurance_ends, Car, NewCar, OdometerSource, MAX_CAR_NAME, MAX_CAR_ORDER_ID,
    MAX_INSURANCE_ENDS,
};
pub use car_id::CarId;
pub use consent::{
    ChannelSet, ConsentChange, ConsentChannel, ConsentRecord, ConsentRules, ConsentSource,
    ConsentState, ConsentStates, ConsentUpdate, CustomerConsent, MAX_CONSENT_NOTE,
};
pub use facts::{
    CareCar, CareCustomer, DateWindow, MAX_WINDOW_DAYS, MAX_WINDOW_YEAR, MIN_WINDOW_YEAR,
};
pub use holiday::{
    default_holidays, Holiday, HolidayDate, HolidayOccurrence, MAX_HOLIDAYS, MAX_HOLIDAY_NAME,
};
pub use inspection::{
    default_inspection_bands, inspections_due, InspectionBand, InspectionDue, MAX_INSPECTION_BANDS,
};
pub use lunar::{lunar_date, FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR};
pub use maintenance::{
    services_due, MaintenanceTrigger, ServiceDue, ServiceIntervals, ServiceVisit,
};
pub use odometer::{
    check_reading, Odometer, OdometerLimits, OdometerReading, DEFAULT_MAX_DAILY_KM,
    MAX_DAILY_KM_RANGE, MAX_ODOMETER_KM,
};
pub use outreach::{Outreach, MAX_TEMPLATE_KEY};
pub use planner::{care_tasks, CarePlan, CarePlanner};
pub use reconcile::{due_in, is_pending, reconcile, sort_schedule, ReconcileTally};
pub use rule_key::MAX_RULE_KEY;
pub use rules::{
    CareRules, DeliveryCallRule, GreetingRule, HolidayRules, InspectionRule, InsuranceRule,
    MaintenanceRule, ReferralRule, MAX_DELIVERY_CALLS,
};
pub use rules_json::CareRulesJsonError;
pub use status::{
    CareTaskChange, CareTaskError, CareTaskRecord, CareTaskStatus, CareTaskStatusKind,
    MAX_CARE_OUTCOME, MAX_CARE_REASON, MAX_SNOOZE_DAYS,
};
pub use task::{CareAssignee, CareDetail, CareKeySubject, CareTask, CareTaskKey, CareTaskKind};
pub use task_moves::{apply_moves, settled_status, CareTaskMove};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;

    #[test]
    fn every_care_code_is_the_serde_name() {
        assert_codes_are_serde_names::<CareTaskKind>();
        assert_codes_are_serde_names::<CareAssignee>();
        assert_codes_are_serde_names::<CareTaskStatusKind>();
        assert_codes_are_serde_names::<ConsentChannel>();
        assert_codes_are_serde_names::<ConsentState>();
        assert_codes_are_serde_names::<ConsentSource>();
        assert_codes_are_serde_names::<OdometerSource>();
    }
}

//! Care after the sale (客户关怀): delivered cars and their odometer, the customer's consent,
//! the dealership's care rules, and the care tasks they make (calls after delivery,
//! maintenance, insurance renewal, inspection, greetings, referral).
//!
//! - [`car`]: delivered cars (已交车辆): `NewCar`, `Car`; record, get, list, insurance end
//!   dates.
//! - [`odometer`]: odometer readings (里程): `OdometerRecord`, `OdometerSource`; record,
//!   correct, delete, list.
//! - [`consent`]: consent (营销同意): `ConsentRecord`, `ConsentChange` and their enums;
//!   `consent_of`, `set_consent`.
//! - [`task`]: care tasks (关怀任务): `CareTask`, `CareTaskKind`, `CareAssignee`,
//!   `CareTaskQuery`; get, list, complete, skip, snooze.
//! - [`detail`]: `CareDetail` and `MaintenanceTrigger`, what is particular to a task.
//! - [`status`]: `CareTaskStatus` and `CareTaskStatusKind`.
//! - [`run`]: `generate_care` and `CareRunSummary`.
//! - [`rules`]: the care rules (关怀规则) as typed records: `CareRules` and its parts;
//!   `care_rules`, `set_care_rules`.
//! - [`rules_json`]: the same rules as JSON text.

pub mod car;
pub mod consent;
pub mod detail;
pub mod odometer;
pub mod rules;
pub mod rules_json;
pub mod run;
pub mod status;
pub mod task;

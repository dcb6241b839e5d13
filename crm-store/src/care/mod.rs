//! Care and retention (客户关怀): delivered cars (已交车辆) with their odometer readings
//! and insurance end dates, the customer's consent to be contacted, the dealership's care
//! rules (关怀规则), and the care tasks (关怀任务) a care run plans from them.
//!
//! - `cars.rs`: delivered cars and insurance end dates; `odometer.rs`: odometer readings.
//! - `services.rs`: the services a car is known to have had.
//! - `consent.rs`: consent per customer and channel.
//! - `rules.rs`: the care rules.
//! - `facts.rs`: every delivered customer's facts at once, for a run.
//! - `run.rs`: a care run; `tasks.rs`: care tasks one by one (get, list, complete, skip,
//!   snooze); `task_moves.rs`: those status changes as synced moves, and the schedules
//!   settled on them; `summary.rs`: the counts of care work per task kind.
//! - `schedule.rs`: a customer's care tasks in one compressed row (the stored form).
//! - `tasks_v9.rs`: the reader of schemas 9 and 10's care tasks, for the upgrades to 9
//!   and 11.

pub(crate) mod cars;
pub(crate) mod consent;
pub(crate) mod facts;
pub(crate) mod odometer;
pub(crate) mod rules;
pub(crate) mod run;
pub(crate) mod schedule;
pub(crate) mod services;
pub(crate) mod summary;
pub(crate) mod task_moves;
pub(crate) mod tasks;
pub(crate) mod tasks_v9;

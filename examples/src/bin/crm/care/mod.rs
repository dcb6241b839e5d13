//! Care after the sale (客户关怀): the delivered cars (已交车辆) and their odometer readings
//! (里程), the care tasks generated from them by the care rules (return calls, maintenance,
//! annual inspection, insurance renewal, greetings), and the customer's consent to be
//! contacted per channel (营销同意).
//!
//! - `args.rs`: the clap definitions of `crm car`, `care`, `odometer`, `consent` and
//!   `rules`.
//! - `run.rs`: `crm care ...` (run, list, done, skip, snooze).
//! - `car.rs`: `crm car ...` and `crm odometer`.
//! - `consent.rs`: `crm consent`.
//! - `rules.rs`: `crm rules ...`.
//! - `input.rs`: option values to dates and odometer sources.
//! - `text.rs`: cars, readings, care tasks, a run's summary and consent as text.

pub mod args;
mod car;
mod consent;
mod input;
mod rules;
mod run;
pub mod text;

pub use car::{car, odometer};
pub use consent::consent;
pub use rules::rules;
pub use run::care;

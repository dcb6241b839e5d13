//! The dealership's settings: its time zone, the follow-up cadence per intent
//! level, reminders, the store's name and address, the odometer's daily limit.
//!
//! - `args.rs`: the clap definitions of `crm settings`.
//! - `run.rs`: `crm settings` (change what the options name, then show them).
//! - `text.rs`: the settings as text.

pub mod args;
mod run;
mod text;

pub use run::settings;

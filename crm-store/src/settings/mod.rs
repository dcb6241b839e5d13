//! The dealership's settings (门店设置): time zone, follow-up cadence, reminders, the
//! store's name and address, the odometer's daily limit.
//!
//! - `dealership.rs`: the settings as the app reads and changes them.
//! - `stored.rs`: the `settings` table (one JSON value per key) and its typed readers.

pub(crate) mod dealership;
pub(crate) use dealership::Settings;
pub(crate) mod stored;

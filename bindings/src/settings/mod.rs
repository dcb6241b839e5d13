//! The dealership's settings (门店设置): time zone, follow-up cadence, reminders, the store's
//! name and address, the odometer's daily limit. Each has a default until set; every setter
//! returns the whole `Settings`.
//!
//! - [`dealership`]: `Settings`; `settings`, `set_time_zone`.
//! - [`cadence`]: `CadenceConfig` (跟进周期); `set_cadence`.
//! - [`reminder_config`]: `ReminderConfig`, `TimeOfDay`; `set_reminder_config`.
//! - [`store_info`]: `StoreInfo`; `set_store_info`.
//! - [`odometer_limits`]: `OdometerLimits`; `set_odometer_limits`.

pub mod cadence;
pub mod dealership;
pub mod odometer_limits;
pub mod reminder_config;
pub mod store_info;

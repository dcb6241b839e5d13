//! The dealership's settings as the app reads and changes them: time zone, follow-up
//! cadence, reminders, the store's name, the odometer's daily limit. A change that moves
//! stored times (the zone, the reminder settings) recomputes them in the same transaction.

use super::stored::{
    put, read_reminder_config, read_settings, read_zone, CADENCE, ODOMETER, REMINDERS, STORE, ZONE,
};
use crate::error::Result;
use crate::follow_up::plans::{recompute_due_starts, recompute_fire_times, PlanSettings};
use crate::follow_up::reminder_log::log_reset;
use crate::store::Store;
use crm_core::privacy::RetentionPolicy;
use crm_core::{CadenceConfig, DealershipZone, OdometerLimits, ReminderConfig};

/// The longest store name or address kept, in characters.
const MAX_STORE_TEXT: usize = 200;

/// The dealership's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The dealership's time zone (default `Asia/Shanghai`): decides "today" for agendas,
    /// overdue plans and date-only reminders.
    pub zone: DealershipZone,
    /// Days between contacts per intent level, and the first-response deadline.
    pub cadence: CadenceConfig,
    /// When and how reminders fire.
    pub reminders: ReminderConfig,
    /// The dealership's name and address, for templates' `{store}` and `{store_address}`.
    pub store: StoreInfo,
    /// How far a car may plausibly go in a day (default 1,500 km): odometer readings that
    /// imply more are refused, and care runs never predict more.
    pub odometer: OdometerLimits,
    /// How long customers lost or dormant are kept before they are erased (off by
    /// default): see [`Store::run_retention`].
    pub retention: RetentionPolicy,
}

/// The dealership's name and address, as messages mention them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct StoreInfo {
    /// The store's name (`广州天河大众4S店`).
    pub name: Option<String>,
    /// Its address.
    pub address: Option<String>,
}

/// The store's name or address by the core's text rule, capped at [`MAX_STORE_TEXT`].
fn store_text(field: &str, value: Option<&str>) -> Result<Option<String>> {
    Ok(crm_core::single_line_text(field, value, MAX_STORE_TEXT)?)
}

impl Store {
    /// The dealership's settings (defaults until set).
    pub fn settings(&self) -> Result<Settings> {
        self.read(read_settings)
    }

    /// Sets the dealership's time zone by IANA name (`Europe/Berlin`; field `time_zone` when
    /// unknown). Date-only plans' due starts and pending plans' reminder times are
    /// recomputed in the new zone (in the same transaction), and reminder sync is told to
    /// fetch everything again.
    pub fn set_time_zone(&self, name: &str) -> Result<Settings> {
        let zone = DealershipZone::new(name)?;
        self.write(|tx| {
            if read_zone(tx)? != zone {
                put(tx, ZONE, &zone)?;
                recompute_due_starts(tx, &zone)?;
                let reminders = read_reminder_config(tx)?;
                recompute_fire_times(tx, &PlanSettings { zone, reminders })?;
                log_reset(tx)?;
            }
            read_settings(tx)
        })
    }

    /// Sets the follow-up cadence (validated; the error names the field, `h_days` …).
    pub fn set_cadence(&self, cadence: &CadenceConfig) -> Result<Settings> {
        let cadence = cadence.validate()?;
        self.write(|tx| {
            put(tx, CADENCE, &cadence)?;
            read_settings(tx)
        })
    }

    /// Sets when and how reminders fire (validated). Pending plans' reminder times are
    /// recomputed (in the same transaction), and reminder sync is told to fetch everything
    /// again, since fire times may have moved.
    pub fn set_reminder_config(&self, config: &ReminderConfig) -> Result<Settings> {
        let config = config.validate()?;
        self.write(|tx| {
            if read_reminder_config(tx)? != config {
                put(tx, REMINDERS, &config)?;
                let zone = read_zone(tx)?;
                recompute_fire_times(
                    tx,
                    &PlanSettings {
                        zone,
                        reminders: config,
                    },
                )?;
                log_reset(tx)?;
            }
            read_settings(tx)
        })
    }

    /// Sets the store's name and address (trimmed; blank clears; at most 200 characters).
    pub fn set_store_info(&self, info: &StoreInfo) -> Result<Settings> {
        let info = StoreInfo {
            name: store_text("store.name", info.name.as_deref())?,
            address: store_text("store.address", info.address.as_deref())?,
        };
        self.write(|tx| {
            put(tx, STORE, &info)?;
            read_settings(tx)
        })
    }

    /// Sets how far a car may plausibly go in a day (checked: field `max_daily_km`, 50 to
    /// 5,000). Readings already stored are not checked again; care runs sift them by the
    /// new limit (one implying more is left out), and plan every customer again.
    pub fn set_odometer_limits(&self, limits: &OdometerLimits) -> Result<Settings> {
        let limits = limits.validate()?;
        self.write(|tx| {
            put(tx, ODOMETER, &limits)?;
            read_settings(tx)
        })
    }
}

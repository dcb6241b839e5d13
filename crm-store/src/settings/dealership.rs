//! Dealership settings (门店设置): time zone, follow-up cadence, reminders, the store's name,
//! the odometer's daily limit.
//! One JSON value per key in `settings`; a key not yet set reads as its default.

use crate::error::{Result, StoreError};
use crate::follow_up::plans::{recompute_due_starts, recompute_fire_times, PlanSettings};
use crate::follow_up::reminder_log::log_reset;
use crate::store::Store;
use crm_core::{CadenceConfig, DealershipZone, OdometerLimits, ReminderConfig};
use rusqlite::{params, Connection, OptionalExtension};

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

const ZONE: &str = "time_zone";
const CADENCE: &str = "cadence";
const REMINDERS: &str = "reminders";
const STORE: &str = "store";
const ODOMETER: &str = "odometer";

/// The value of settings row `key`, its default when not set.
pub(crate) fn get<T: serde::de::DeserializeOwned + Default>(
    conn: &Connection,
    key: &str,
    column: &'static str,
) -> Result<T> {
    let json: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    match json {
        Some(j) => serde_json::from_str(&j).map_err(|_| StoreError::Corrupt { column }),
        None => Ok(T::default()),
    }
}

/// Writes settings row `key`.
pub(crate) fn put<T: serde::Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|_| StoreError::Corrupt {
        column: "settings.value",
    })?;
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, json])?;
    Ok(())
}

/// The settings as stored, defaults for keys not set.
pub(crate) fn read_settings(conn: &Connection) -> Result<Settings> {
    Ok(Settings {
        zone: get(conn, ZONE, "settings.time_zone")?,
        cadence: get(conn, CADENCE, "settings.cadence")?,
        reminders: get(conn, REMINDERS, "settings.reminders")?,
        store: get(conn, STORE, "settings.store")?,
        odometer: read_odometer_limits(conn)?,
    })
}

/// The odometer's daily limit.
pub(crate) fn read_odometer_limits(conn: &Connection) -> Result<OdometerLimits> {
    get(conn, ODOMETER, "settings.odometer")
}

/// The dealership's zone.
pub(crate) fn read_zone(conn: &Connection) -> Result<DealershipZone> {
    get(conn, ZONE, "settings.time_zone")
}

/// When and how reminders fire.
pub(crate) fn read_reminder_config(conn: &Connection) -> Result<ReminderConfig> {
    get(conn, REMINDERS, "settings.reminders")
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

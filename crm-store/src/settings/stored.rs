//! The `settings` table: one JSON value per key, a key not yet set read as its default;
//! the typed readers of each key.

use super::dealership::Settings;
use crate::error::{Result, StoreError};
use crm_core::privacy::RetentionPolicy;
use crm_core::{DealershipZone, OdometerLimits, ReminderConfig};
use rusqlite::{params, Connection, OptionalExtension};

/// The keys of the settings rows.
pub(crate) const ZONE: &str = "time_zone";
pub(crate) const CADENCE: &str = "cadence";
pub(crate) const REMINDERS: &str = "reminders";
pub(crate) const STORE: &str = "store";
pub(crate) const ODOMETER: &str = "odometer";
pub(crate) const RETENTION: &str = "retention";

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
        retention: read_retention(conn)?,
    })
}

/// The retention rule.
pub(crate) fn read_retention(conn: &Connection) -> Result<RetentionPolicy> {
    get(conn, RETENTION, "settings.retention")
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

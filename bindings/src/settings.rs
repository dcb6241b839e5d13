//! Dealership settings (门店设置): time zone, follow-up cadence, reminders, the store's name,
//! the odometer's daily limit.

use crate::error::CrmError;
use crate::reminders::ReminderChannel;
use crate::store::CrmStore;
use chrono::{NaiveTime, Timelike};

/// Days between contacts for each intent level, and the first-response deadline: the
/// dealership's cadence (跟进周期). Read the current one from `settings()` and change what
/// differs (Kotlin: `settings.cadence.copy(hDays = 1u)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CadenceConfig {
    /// N (new lead), days between contacts, 1 to 365 (default 1).
    pub n_days: u32,
    /// H (order within 7 days) (default 2).
    pub h_days: u32,
    /// A (within 15 days) (default 4).
    pub a_days: u32,
    /// B (within 30 days) (default 7).
    pub b_days: u32,
    /// C (within 2-3 months) (default 15).
    pub c_days: u32,
    /// O (ordered, not delivered) (default 3).
    pub o_days: u32,
    /// Minutes after creation by which a new customer's first contact is due, 1 to 10,080
    /// (default 120); the consultant report holds each consultant to it from the lead's
    /// assignment to them.
    pub first_response_minutes: u32,
}

impl From<CadenceConfig> for crm_core::CadenceConfig {
    fn from(c: CadenceConfig) -> Self {
        crm_core::CadenceConfig {
            n_days: c.n_days,
            h_days: c.h_days,
            a_days: c.a_days,
            b_days: c.b_days,
            c_days: c.c_days,
            o_days: c.o_days,
            first_response_minutes: c.first_response_minutes,
        }
    }
}

impl From<crm_core::CadenceConfig> for CadenceConfig {
    fn from(c: crm_core::CadenceConfig) -> Self {
        CadenceConfig {
            n_days: c.n_days,
            h_days: c.h_days,
            a_days: c.a_days,
            b_days: c.b_days,
            c_days: c.c_days,
            o_days: c.o_days,
            first_response_minutes: c.first_response_minutes,
        }
    }
}

/// A time of day on the dealership's wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct TimeOfDay {
    /// 0 to 23.
    pub hour: u32,
    /// 0 to 59.
    pub minute: u32,
}

/// When and how reminders fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ReminderConfig {
    /// Minutes before a timed plan, 0 to 10,080 (default 15).
    pub lead_minutes: u32,
    /// The local time a date-only plan reminds at (default 09:00).
    pub date_only_at: TimeOfDay,
    /// How reminders reach the consultant (default in-app).
    pub channel: ReminderChannel,
}

impl TryFrom<ReminderConfig> for crm_core::ReminderConfig {
    type Error = CrmError;

    fn try_from(c: ReminderConfig) -> Result<Self, CrmError> {
        let t = c.date_only_at;
        let date_only_at = NaiveTime::from_hms_opt(t.hour, t.minute, 0)
            .ok_or_else(|| CrmError::invalid("date_only_at", "is not a time of day"))?;
        Ok(crm_core::ReminderConfig {
            lead_minutes: c.lead_minutes,
            date_only_at,
            channel: c.channel.into(),
        })
    }
}

impl From<crm_core::ReminderConfig> for ReminderConfig {
    fn from(c: crm_core::ReminderConfig) -> Self {
        ReminderConfig {
            lead_minutes: c.lead_minutes,
            date_only_at: TimeOfDay {
                hour: c.date_only_at.hour(),
                minute: c.date_only_at.minute(),
            },
            channel: c.channel.into(),
        }
    }
}

/// The dealership's name and address, for templates' `{store}` and `{store_address}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct StoreInfo {
    /// The store's name (`广州天河大众4S店`); at most 200 characters.
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// Its address; at most 200 characters.
    #[uniffi(default = None)]
    pub address: Option<String>,
}

impl From<StoreInfo> for crm_store::StoreInfo {
    fn from(s: StoreInfo) -> Self {
        crm_store::StoreInfo {
            name: s.name,
            address: s.address,
        }
    }
}

impl From<crm_store::StoreInfo> for StoreInfo {
    fn from(s: crm_store::StoreInfo) -> Self {
        StoreInfo {
            name: s.name,
            address: s.address,
        }
    }
}

/// How far a car may plausibly go in a day (里程合理性).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct OdometerLimits {
    /// The most km a day an odometer reading may imply since the previous one, 50 to 5,000
    /// (default 1,500): more is refused as a typo, and care runs never predict more.
    pub max_daily_km: u32,
}

impl From<OdometerLimits> for crm_core::OdometerLimits {
    fn from(l: OdometerLimits) -> Self {
        crm_core::OdometerLimits {
            max_daily_km: l.max_daily_km,
        }
    }
}

impl From<crm_core::OdometerLimits> for OdometerLimits {
    fn from(l: crm_core::OdometerLimits) -> Self {
        OdometerLimits {
            max_daily_km: l.max_daily_km,
        }
    }
}

/// The dealership's settings; each has a default until set.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Settings {
    /// The IANA time zone (default `Asia/Shanghai`): decides "today" for agendas, overdue
    /// plans and date-only reminders.
    pub time_zone: String,
    /// The follow-up cadence.
    pub cadence: CadenceConfig,
    /// When and how reminders fire.
    pub reminders: ReminderConfig,
    /// The store's name and address.
    pub store: StoreInfo,
    /// The odometer's daily limit.
    pub odometer: OdometerLimits,
}

impl From<crm_store::Settings> for Settings {
    fn from(s: crm_store::Settings) -> Self {
        Settings {
            time_zone: s.zone.name().to_owned(),
            cadence: s.cadence.into(),
            reminders: s.reminders.into(),
            store: s.store.into(),
            odometer: s.odometer.into(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The dealership's settings (defaults until set).
    pub fn settings(&self) -> Result<Settings, CrmError> {
        Ok(self.store.settings()?.into())
    }

    /// Sets the dealership's time zone by IANA name (`Europe/Berlin`) and returns the
    /// settings. Date-only plans move with it, so reminder sync asks for a full refresh.
    ///
    /// Fails with `InvalidInput` on `time_zone` for a blank or unknown name.
    pub fn set_time_zone(&self, name: String) -> Result<Settings, CrmError> {
        Ok(self.store.set_time_zone(&name)?.into())
    }

    /// Sets the follow-up cadence and returns the settings. Fails with `InvalidInput`
    /// naming the field (`h_days`, `first_response_minutes`).
    pub fn set_cadence(&self, cadence: CadenceConfig) -> Result<Settings, CrmError> {
        Ok(self.store.set_cadence(&cadence.into())?.into())
    }

    /// Sets when and how reminders fire and returns the settings; when it changes, reminder
    /// sync asks for a full refresh. Fails with `InvalidInput` on `lead_minutes` or
    /// `date_only_at`.
    pub fn set_reminder_config(&self, config: ReminderConfig) -> Result<Settings, CrmError> {
        let config = crm_core::ReminderConfig::try_from(config)?;
        Ok(self.store.set_reminder_config(&config)?.into())
    }

    /// Sets the store's name and address (trimmed; blank or absent clears) and returns the
    /// settings. Fails with `InvalidInput` on `store.name` or `store.address`.
    pub fn set_store_info(&self, info: StoreInfo) -> Result<Settings, CrmError> {
        Ok(self.store.set_store_info(&info.into())?.into())
    }

    /// Sets how far a car may plausibly go in a day and returns the settings. Readings
    /// already stored are not checked again; care runs leave out those the new limit makes
    /// implausible. Fails with `InvalidInput` on `max_daily_km` (50 to 5,000).
    pub fn set_odometer_limits(&self, limits: OdometerLimits) -> Result<Settings, CrmError> {
        Ok(self.store.set_odometer_limits(&limits.into())?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_settings_convert_both_ways() {
        let defaults = crm_core::ReminderConfig::default();
        let ffi = ReminderConfig::from(defaults);
        assert_eq!(ffi.date_only_at, TimeOfDay { hour: 9, minute: 0 });
        assert_eq!(crm_core::ReminderConfig::try_from(ffi), Ok(defaults));
        let cadence = crm_core::CadenceConfig::default();
        assert_eq!(
            crm_core::CadenceConfig::from(CadenceConfig::from(cadence)),
            cadence
        );
        assert_eq!(
            Settings::from(crm_store::Settings::default()).time_zone,
            "Asia/Shanghai"
        );
    }

    #[test]
    fn an_impossible_time_of_day_names_the_field() {
        let mut config = ReminderConfig::from(crm_core::ReminderConfig::default());
        config.date_only_at = TimeOfDay {
            hour: 24,
            minute: 0,
        };
        assert_eq!(
            crm_core::ReminderConfig::try_from(config),
            Err(CrmError::invalid("date_only_at", "is not a time of day"))
        );
    }
}

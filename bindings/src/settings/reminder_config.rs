//! When and how reminders fire: [`ReminderConfig`], [`TimeOfDay`] and
//! `set_reminder_config`.

use crate::error::CrmError;
use crate::follow_up::reminder::ReminderChannel;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::settings::dealership::Settings;
use crate::store::CrmStore;
use chrono::{NaiveTime, Timelike};

/// A time of day on the dealership's wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct TimeOfDay {
    /// 0 to 23.
    pub hour: i32,
    /// 0 to 59.
    pub minute: i32,
}

/// When and how reminders fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ReminderConfig {
    /// Minutes before a timed plan, 0 to 10,080 (default 15).
    pub lead_minutes: i32,
    /// The local time a date-only plan reminds at (default 09:00).
    pub date_only_at: TimeOfDay,
    /// How reminders reach the consultant (default in-app).
    pub channel: ReminderChannel,
}

impl TryFrom<ReminderConfig> for crm_core::ReminderConfig {
    type Error = CrmError;

    fn try_from(c: ReminderConfig) -> Result<Self, CrmError> {
        let t = c.date_only_at;
        let (hour, minute) = (
            t.hour.unsigned("date_only_at.hour")?,
            t.minute.unsigned("date_only_at.minute")?,
        );
        let date_only_at = NaiveTime::from_hms_opt(hour, minute, 0)
            .ok_or_else(|| CrmError::invalid("date_only_at", "is not a time of day"))?;
        Ok(crm_core::ReminderConfig {
            lead_minutes: c.lead_minutes.unsigned("lead_minutes")?,
            date_only_at,
            channel: c.channel.into(),
        })
    }
}

impl From<crm_core::ReminderConfig> for ReminderConfig {
    fn from(c: crm_core::ReminderConfig) -> Self {
        ReminderConfig {
            lead_minutes: c.lead_minutes.signed(),
            date_only_at: TimeOfDay {
                hour: c.date_only_at.hour().signed(),
                minute: c.date_only_at.minute().signed(),
            },
            channel: c.channel.into(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Sets when and how reminders fire and returns the settings; when it changes, reminder
    /// sync asks for a full refresh. Fails with `InvalidInput` on `lead_minutes` or
    /// `date_only_at`.
    pub async fn set_reminder_config(&self, config: ReminderConfig) -> Result<Settings, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::FollowUps, DataKind::Settings]),
            move |store| {
                let config = crm_core::ReminderConfig::try_from(config)?;
                Ok(store.set_reminder_config(&config)?.into())
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_reminder_config_converts_both_ways() {
        let defaults = crm_core::ReminderConfig::default();
        let ffi = ReminderConfig::from(defaults);
        assert_eq!(ffi.date_only_at, TimeOfDay { hour: 9, minute: 0 });
        assert_eq!(crm_core::ReminderConfig::try_from(ffi), Ok(defaults));
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

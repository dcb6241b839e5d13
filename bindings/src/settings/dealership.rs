//! [`Settings`]: all of the dealership's settings in one record, `settings()`, and the time
//! zone (`set_time_zone`).

use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::privacy::retention::RetentionPolicy;
use crate::settings::cadence::CadenceConfig;
use crate::settings::odometer_limits::OdometerLimits;
use crate::settings::reminder_config::ReminderConfig;
use crate::settings::store_info::StoreInfo;
use crate::store::CrmStore;

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
    /// How long customers lost or dormant are kept (off by default; `setRetention`).
    pub retention: RetentionPolicy,
}

impl From<crm_store::Settings> for Settings {
    fn from(s: crm_store::Settings) -> Self {
        Settings {
            time_zone: s.zone.name().to_owned(),
            cadence: s.cadence.into(),
            reminders: s.reminders.into(),
            store: s.store.into(),
            odometer: s.odometer.into(),
            retention: s.retention.into(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The dealership's settings (defaults until set).
    pub async fn settings(&self) -> Result<Settings, CrmError> {
        self.read(move |store| Ok(store.settings()?.into())).await
    }

    /// Sets the dealership's time zone by IANA name (`Europe/Berlin`) and returns the
    /// settings. Date-only plans move with it, so reminder sync asks for a full refresh.
    ///
    /// Fails with `InvalidInput` on `time_zone` for a blank or unknown name.
    pub async fn set_time_zone(&self, name: String) -> Result<Settings, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::FollowUps, DataKind::Settings]),
            move |store| Ok(store.set_time_zone(&name)?.into()),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_zone_is_shanghai() {
        assert_eq!(
            Settings::from(crm_store::Settings::default()).time_zone,
            "Asia/Shanghai"
        );
    }
}

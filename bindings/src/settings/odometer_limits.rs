//! How far a car may plausibly go in a day (里程合理性): [`OdometerLimits`] and
//! `set_odometer_limits`.

use crate::convert::same_fields;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::settings::dealership::Settings;
use crate::store::CrmStore;

/// How far a car may plausibly go in a day (里程合理性).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct OdometerLimits {
    /// The most km a day an odometer reading may imply since the previous one, 50 to 5,000
    /// (default 1,500): more is refused as a typo, and care runs never predict more.
    pub max_daily_km: i32,
}

same_fields!(checked OdometerLimits <=> crm_core::OdometerLimits {} numbers { max_daily_km });

#[uniffi::export]
impl CrmStore {
    /// Sets how far a car may plausibly go in a day and returns the settings. Readings
    /// already stored are not checked again; care runs leave out those the new limit makes
    /// implausible. Fails with `InvalidInput` on `max_daily_km` (50 to 5,000).
    pub async fn set_odometer_limits(&self, limits: OdometerLimits) -> Result<Settings, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            Ok(store.set_odometer_limits(&limits.try_into()?)?.into())
        })
        .await
    }
}

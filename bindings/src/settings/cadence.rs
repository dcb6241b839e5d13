//! The follow-up cadence (跟进周期): [`CadenceConfig`] and `set_cadence`.

use crate::convert::same_fields;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::settings::dealership::Settings;
use crate::store::CrmStore;

/// Days between contacts for each intent level, and the first-response deadline: the
/// dealership's cadence (跟进周期). Read the current one from `settings()` and change what
/// differs (Kotlin: `settings.cadence.copy(hDays = 1)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CadenceConfig {
    /// N (new lead), days between contacts, 1 to 365 (default 1).
    pub n_days: i32,
    /// H (order within 7 days) (default 2).
    pub h_days: i32,
    /// A (within 15 days) (default 4).
    pub a_days: i32,
    /// B (within 30 days) (default 7).
    pub b_days: i32,
    /// C (within 2-3 months) (default 15).
    pub c_days: i32,
    /// O (ordered, not delivered) (default 3).
    pub o_days: i32,
    /// Minutes after creation by which a new customer's first contact is due, 1 to 10,080
    /// (default 120); the consultant report holds each consultant to it from the lead's
    /// assignment to them.
    pub first_response_minutes: i32,
}

same_fields!(checked CadenceConfig <=> crm_core::CadenceConfig {} numbers { n_days, h_days, a_days, b_days, c_days, o_days, first_response_minutes });

#[uniffi::export]
impl CrmStore {
    /// Sets the follow-up cadence and returns the settings. Fails with `InvalidInput`
    /// naming the field (`h_days`, `first_response_minutes`).
    pub async fn set_cadence(&self, cadence: CadenceConfig) -> Result<Settings, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::FollowUps, DataKind::Settings]),
            move |store| Ok(store.set_cadence(&cadence.try_into()?)?.into()),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_cadence_converts_both_ways() {
        let cadence = crm_core::CadenceConfig::default();
        assert_eq!(
            crm_core::CadenceConfig::try_from(CadenceConfig::from(cadence)),
            Ok(cadence)
        );
    }
}

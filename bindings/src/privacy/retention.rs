//! The dealership's retention rule (保留期限): customers lost or dormant for longer than a
//! number of months are erased ([`RetentionPolicy`], `set_retention`, `run_retention`).

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::number::{Signed, Unsigned};
use crate::settings::dealership::Settings;
use crate::store::CrmStore;
use crm_core::CustomerId;

/// How long the book keeps customers lost (战败) or dormant (休眠).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Record)]
pub struct RetentionPolicy {
    /// Erase customers lost or dormant for longer than this many months (1 to 600);
    /// absent (the default): never erase by age.
    #[uniffi(default = None)]
    pub erase_lost_or_dormant_after_months: Option<i32>,
}

impl RetentionPolicy {
    /// The domain's rule; a negative number of months is `InvalidInput` on
    /// `erase_lost_or_dormant_after_months`.
    fn into_core(self) -> Result<crm_core::privacy::RetentionPolicy, CrmError> {
        Ok(crm_core::privacy::RetentionPolicy {
            erase_lost_or_dormant_after_months: self
                .erase_lost_or_dormant_after_months
                .unsigned("erase_lost_or_dormant_after_months")?,
        })
    }
}

impl From<crm_core::privacy::RetentionPolicy> for RetentionPolicy {
    fn from(p: crm_core::privacy::RetentionPolicy) -> Self {
        RetentionPolicy {
            erase_lost_or_dormant_after_months: p
                .erase_lost_or_dormant_after_months
                .map(Signed::signed),
        }
    }
}

/// What a retention run erased.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RetentionRun {
    /// The customers erased, by id.
    pub erased: Vec<CustomerId>,
    /// Their orders kept for the accounts, without personal data.
    pub orders_kept: i64,
    /// Whether the file was cleaned afterwards (see `Erasure.fileCleaned`).
    pub file_cleaned: bool,
}

#[uniffi::export]
impl CrmStore {
    /// Sets the retention rule and returns the settings; nothing is erased until the next
    /// `runRetention` or `generateCare`. Fails with `InvalidInput` on
    /// `erase_lost_or_dormant_after_months` (1 to 600).
    pub async fn set_retention(&self, policy: RetentionPolicy) -> Result<Settings, CrmError> {
        self.write(move |store| Ok(store.set_retention(&policy.into_core()?)?.into()))
            .await
    }

    /// The customers the retention rule would erase at `now` (a dry run), by id.
    pub async fn retention_due(&self, now: Timestamp) -> Result<Vec<CustomerId>, CrmError> {
        self.read(move |store| Ok(store.retention_due(now)?)).await
    }

    /// Erases, in one transaction, every customer lost or dormant since before the rule's
    /// cutoff at `now`, as `eraseCustomer` does (the log's reason names the rule); nothing
    /// while the rule is off. `generateCare` runs it too.
    pub async fn run_retention(&self, now: Timestamp) -> Result<RetentionRun, CrmError> {
        self.write(move |store| {
            let run = store.run_retention(now)?;
            Ok(RetentionRun {
                erased: run.erased,
                orders_kept: run.orders_kept.signed(),
                file_cleaned: run.file_cleaned,
            })
        })
        .await
    }
}

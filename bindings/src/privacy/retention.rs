//! The dealership's retention rule (保留期限): customers lost or dormant for longer than a
//! number of months are erased ([`RetentionPolicy`], `set_retention`, `run_retention`).

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::settings::dealership::Settings;
use crate::store::CrmStore;
use crm_core::CustomerId;

/// How long the book keeps customers lost (战败) or dormant (休眠).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Record)]
pub struct RetentionPolicy {
    /// Erase customers lost or dormant for longer than this many months (1 to 600);
    /// absent (the default): never erase by age.
    #[uniffi(default = None)]
    pub erase_lost_or_dormant_after_months: Option<u32>,
}

impl From<RetentionPolicy> for crm_core::privacy::RetentionPolicy {
    fn from(p: RetentionPolicy) -> Self {
        crm_core::privacy::RetentionPolicy {
            erase_lost_or_dormant_after_months: p.erase_lost_or_dormant_after_months,
        }
    }
}

impl From<crm_core::privacy::RetentionPolicy> for RetentionPolicy {
    fn from(p: crm_core::privacy::RetentionPolicy) -> Self {
        RetentionPolicy {
            erase_lost_or_dormant_after_months: p.erase_lost_or_dormant_after_months,
        }
    }
}

/// What a retention run erased.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RetentionRun {
    /// The customers erased, by id.
    pub erased: Vec<CustomerId>,
    /// Their orders kept for the accounts, without personal data.
    pub orders_kept: u32,
    /// Whether the file was cleaned afterwards (see `Erasure.fileCleaned`).
    pub file_cleaned: bool,
}

#[uniffi::export]
impl CrmStore {
    /// Sets the retention rule and returns the settings; nothing is erased until the next
    /// `runRetention` or `generateCare`. Fails with `InvalidInput` on
    /// `erase_lost_or_dormant_after_months` (1 to 600).
    pub fn set_retention(&self, policy: RetentionPolicy) -> Result<Settings, CrmError> {
        Ok(self.store.set_retention(&policy.into())?.into())
    }

    /// The customers the retention rule would erase at `now` (a dry run), by id.
    pub fn retention_due(&self, now: Timestamp) -> Result<Vec<CustomerId>, CrmError> {
        Ok(self.store.retention_due(now)?)
    }

    /// Erases, in one transaction, every customer lost or dormant since before the rule's
    /// cutoff at `now`, as `eraseCustomer` does (the log's reason names the rule); nothing
    /// while the rule is off. `generateCare` runs it too.
    pub fn run_retention(&self, now: Timestamp) -> Result<RetentionRun, CrmError> {
        let run = self.store.run_retention(now)?;
        Ok(RetentionRun {
            erased: run.erased,
            orders_kept: run.orders_kept,
            file_cleaned: run.file_cleaned,
        })
    }
}

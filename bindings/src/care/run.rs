//! A care run: `generate_care` makes the care tasks due in a window, and
//! [`CareRunSummary`] says what it did.

use crate::custom::CalendarDate;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Signed;
use crate::store::CrmStore;

/// What a care run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CareRunSummary {
    /// Tasks due in the window not made because no channel was left (blocked by consent):
    /// none the customer can be reached on and has not refused, or, for greetings and
    /// marketing, none they agreed to. They come with the consent or the contact.
    pub blocked_by_consent: i64,
    /// Tasks stored for the first time.
    pub added: i64,
    /// Open or snoozed tasks rewritten because the rules or facts changed (status kept).
    pub updated: i64,
    /// Open or snoozed tasks of the window removed because they no longer come back
    /// (consent withdrawn, a corrected date, a rule turned off …).
    pub removed: i64,
    /// Tasks generated again as they were, and done or skipped ones left as they are.
    pub unchanged: i64,
    /// Customers the retention rule erased before planning (see `runRetention`).
    pub erased_by_retention: i64,
}

impl From<crm_store::CareRunSummary> for CareRunSummary {
    fn from(s: crm_store::CareRunSummary) -> Self {
        CareRunSummary {
            blocked_by_consent: s.blocked_by_consent.signed(),
            added: s.added.signed(),
            updated: s.updated.signed(),
            removed: s.removed.signed(),
            unchanged: s.unchanged.signed(),
            erased_by_retention: s.erased_by_retention.signed(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Generates the care tasks due from `from` through `to` (local dates, both included)
    /// for every customer with a delivered car, under the stored rules: new tasks open,
    /// open and snoozed ones brought up to date, those that no longer come back (consent
    /// withdrawn, a rule turned off …) removed, done and skipped ones left alone; tasks
    /// with no channel left are counted as `blocked_by_consent`. The same window again
    /// changes nothing. Call it when the app starts for the coming weeks, and after
    /// changing rules, consent, contacts, cars or readings.
    ///
    /// Fails with `InvalidInput` on `from` or `to` (not a calendar date, `to` before `from`,
    /// longer than 3,660 days, outside the years 1902 to 2099).
    pub async fn generate_care(
        &self,
        from: CalendarDate,
        to: CalendarDate,
    ) -> Result<CareRunSummary, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            let window = crm_core::DateWindow::new(from, to)?;
            Ok(store.generate_care(window)?.into())
        })
        .await
    }
}

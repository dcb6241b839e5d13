//! `export_calendar`: a consultant's dated work as iCalendar text.

use crate::custom::CalendarDate;
use crate::error::CrmError;
use crate::export::ExportLanguage;
use crate::store::CrmStore;

#[uniffi::export]
impl CrmStore {
    /// `owner`'s pending follow-up plans, scheduled visits and test drives, and open care
    /// tasks from `from` through `to` (local dates, both included) as the text of an
    /// iCalendar (`.ics`) file: plans with a time and visits as timed events, date-only
    /// plans and care tasks all day. Each event's UID comes from its record
    /// (`plan-<id>@dealer-crm` ...), so a calendar importing a later export updates its
    /// events. The summaries name the customers: for the consultant's own calendar.
    ///
    /// Fails with `InvalidInput` on `owner` (empty) or `to` (before `from`, or too long a
    /// window).
    #[uniffi::method(default(language = None))]
    pub async fn export_calendar(
        &self,
        owner: String,
        from: CalendarDate,
        to: CalendarDate,
        language: Option<ExportLanguage>,
    ) -> Result<String, CrmError> {
        self.read(move |store| {
            let window = crm_core::DateWindow { from, to };
            let language = language.unwrap_or_default().into();
            Ok(store.export_calendar(&owner, window, language)?.ics)
        })
        .await
    }
}

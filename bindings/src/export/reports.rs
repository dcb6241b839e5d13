//! `export_reports`: a period's reports to one `.xlsx` file.

use crate::error::CrmError;
use crate::export::ExportLanguage;
use crate::report::period::ReportPeriod;
use crate::store::CrmStore;
use std::path::Path;

#[uniffi::export]
impl CrmStore {
    /// Writes the reports of `period` (funnel, channels, lost, consultants) to the `.xlsx`
    /// file at `path`, one sheet each (replaced whole, or left as it was on a failure):
    /// headers in `language` (absent: Chinese), counts and amounts (yuan) as numbers,
    /// shares as percentages. Fails with `InvalidInput` as the reports do, `Storage` when
    /// the file cannot be written.
    #[uniffi::method(default(language = None))]
    pub async fn export_reports(
        &self,
        period: ReportPeriod,
        path: String,
        language: Option<ExportLanguage>,
    ) -> Result<(), CrmError> {
        self.read(move |store| {
            let language = language.unwrap_or_default().into();
            Ok(store.export_reports_xlsx(&period.try_into()?, language, Path::new(&path))?)
        })
        .await
    }
}

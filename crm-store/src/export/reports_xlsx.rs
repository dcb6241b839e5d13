//! The managers' reports of one period (funnel, channels, losses, consultants) as one
//! workbook, a sheet each.

use crate::error::Result;
use crate::export::file::{file_error, write_atomically};
use crate::export::workbook::SheetWriter;
use crate::store::Store;
use crm_core::export::{report_sheets, Language, ReportSet};
use crm_core::ReportPeriod;
use rust_xlsxwriter::Workbook;
use std::path::Path;

impl Store {
    /// The four reports of `period`, as a workbook writes them.
    pub fn report_set(&self, period: &ReportPeriod) -> Result<ReportSet> {
        Ok(ReportSet {
            funnel: self.funnel_report(period)?,
            channels: self.channel_report(period)?,
            lost: self.lost_report(period)?,
            consultants: self.consultant_report(period)?,
        })
    }

    /// Writes the reports of `period` as an `.xlsx` file at `path`, one sheet each, headers
    /// in `language` (replaced whole, or left as it was when the export fails).
    pub fn export_reports_xlsx(
        &self,
        period: &ReportPeriod,
        language: Language,
        path: &Path,
    ) -> Result<()> {
        let sheets = report_sheets(&self.report_set(period)?, language);
        let mut book = Workbook::new();
        for s in &sheets {
            let sheet = book.add_worksheet();
            sheet.set_name(&s.name).map_err(file_error)?;
            let headers: Vec<&str> = s.headers.iter().map(String::as_str).collect();
            let mut writer = SheetWriter::start(sheet, &headers)?;
            for row in &s.rows {
                writer.row(sheet, row)?;
            }
            writer.finish(sheet)?;
        }
        write_atomically(path, |out| book.save_to_writer(out).map_err(file_error))
    }
}

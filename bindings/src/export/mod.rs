//! Taking the data out (导出): customers to a CSV or Excel file, the reports to one workbook,
//! a consultant's plans, visits and care tasks as iCalendar text. The files and the text
//! hold personal data (names, contacts) of what the book's user sees.
//!
//! - [`customers`]: `export_customers` (a filter or a saved view, CSV or xlsx) → the count;
//! - [`reports`]: `export_reports` (funnel, channels, lost, consultants) → an xlsx file;
//! - [`calendar`]: `export_calendar` → the `.ics` text.

pub mod calendar;
pub mod customers;
pub mod reports;

use crate::convert::same_variants;

/// The language of a file's headers, sheet names and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Enum)]
pub enum ExportLanguage {
    /// 中文 (the headers an import recognises).
    #[default]
    Zh,
    /// English.
    En,
}

same_variants!(ExportLanguage <=> crm_core::export::Language { Zh, En });

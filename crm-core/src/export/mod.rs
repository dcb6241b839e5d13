//! Taking the data out (导出): customer lists as spreadsheets, reports as workbooks, a
//! consultant's work as a calendar. Pure: which columns, which headers, which labels and
//! cell formats; the store reads the rows and writes the files.
//!
//! - `labels.rs`: the Chinese and English words for stored codes (gender, channel, intent
//!   level, stage ...), the table the CLI prints too;
//! - `columns.rs`: [`ExportColumn`]s and their headers (the names an importer recognises),
//!   the default columns, a saved view's columns;
//! - `row.rs`: a [`CustomerRow`] and its [`Cell`]s (dates as dates, codes as labels);
//! - `report_sheets.rs`: the managers' reports as [`Sheet`]s (numbers, percentages);
//! - `calendar.rs`: plans, visits and care tasks as [`CalendarEvent`]s with stable UIDs.

mod calendar;
mod columns;
mod labels;
mod report_sheets;
mod row;

pub use calendar::{
    calendar_owner, care_event, plan_event, visit_event, CalendarEvent, EventTime, PLAN_MINUTES,
    UID_DOMAIN, VISIT_MINUTES,
};
pub use columns::{view_columns, ExportColumn, DEFAULT_COLUMNS, OTHER_COLUMNS, TAG_SEPARATOR};
pub use labels::{
    care_kind_label, channel_label, gender_label, importance_label, intent_level_label,
    lost_reason_label, method_label, stage_label, status_label, visit_kind_label, Label, Language,
};
pub use report_sheets::{report_sheets, ReportSet, Sheet};
pub use row::{Cell, CustomerRow, DATE_TEXT, EXCEL_DATE_FORMAT, EXCEL_PERCENT_FORMAT};

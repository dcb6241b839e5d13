//! Spreadsheet import (导入客户): a customer sheet from another system or an Excel file
//! brought into the book, with a row-by-row report; imports listed and undone.
//!
//! - `source.rs`: the input (a file or bytes), its fingerprint (SHA-256, UTF-8 or not)
//!   and opening it as CSV or Excel;
//! - `csv_rows.rs`: CSV read as it streams, GB18030 decoded on the way, the separator
//!   sniffed from the header line;
//! - `excel_rows.rs`: the first worksheet of a workbook, cells as text;
//! - `import.rs`: [`crate::Store::import_customer_sheet`], the rows written in one
//!   transaction with the duplicate policy;
//! - `follow_ups.rs`: [`crate::Store::import_follow_up_sheet`], a follow-up history sheet
//!   imported by the batch follow-up import;
//! - `imports.rs`: the `imports` table, [`crate::Store::list_imports`],
//!   [`crate::Store::undo_import`];
//! - `report.rs`: options, progress, the report and the errors.

pub(crate) mod csv_rows;
pub(crate) mod excel_rows;
pub(crate) mod follow_ups;
pub(crate) mod import;
pub(crate) mod imports;
pub(crate) mod report;
pub(crate) mod source;

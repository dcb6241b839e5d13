//! Taking the data out (导出): customer lists as CSV or Excel, the managers' reports as one
//! workbook, a consultant's plans, visits and care tasks as an iCalendar file. The columns,
//! headers, labels and events are crm-core's (`crm_core::export`); this folder reads the
//! rows and writes the files. Not the per-person JSON export of `privacy/export.rs`.
//!
//! An export holds what the book's user sees ([`Store::query_customers`] and the other
//! reads scope it); its files hold personal data.
//!
//! - `customer_rows.rs`: the [`ExportSelection`] and its rows, page by page;
//! - `customers_csv.rs`: CSV (UTF-8 with BOM, CRLF, RFC 4180 quoting);
//! - `customers_xlsx.rs`: one `.xlsx` sheet, streamed in constant memory;
//! - `workbook.rs`: what every sheet shares (bold frozen header, typed cells, widths);
//! - `reports_xlsx.rs`: the report workbook;
//! - `calendar.rs`: the `.ics` calendar;
//! - `file.rs`: a file written whole or not at all.

pub(crate) mod calendar;
pub(crate) mod customer_rows;
pub(crate) mod customers_csv;
pub(crate) mod customers_xlsx;
pub(crate) mod file;
pub(crate) mod reports_xlsx;
pub(crate) mod workbook;

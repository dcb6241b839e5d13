//! Spreadsheet import (导入客户): a customer sheet (CSV or Excel) from a path or bytes,
//! with options, a progress listener and a row-by-row report; follow-up history sheets;
//! the imports listed and undone.
//!
//! - `options.rs`: [`DuplicatePolicy`], [`SheetImportOptions`];
//! - `report.rs`: [`SheetImportReport`], [`SheetRowError`], [`ImportRecord`],
//!   [`UndoImportReport`], [`FollowUpSheetReport`];
//! - `progress.rs`: [`ImportProgressListener`], the app's progress callback;
//! - `sheets.rs`: the `CrmStore` methods.

mod options;
mod progress;
mod report;
mod sheets;

pub use options::{DuplicatePolicy, SheetImportOptions};
pub use progress::ImportProgressListener;
pub use report::{
    FollowUpSheetReport, ImportRecord, SheetImportReport, SheetRowError, UndoImportReport,
};

//! What an import reports, as the apps see it.

use crate::custom::Timestamp;
use crate::number::Signed;
use crm_core::CustomerId;

/// A refused row: where, what was read, why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SheetRowError {
    /// The row's number as a spreadsheet shows it (the header is 1).
    pub row: i64,
    /// The column's header as in the file.
    pub column: String,
    /// The cell's text as read.
    pub value: String,
    /// Why it was refused.
    pub reason: String,
}

impl From<crm_core::spreadsheet::RowError> for SheetRowError {
    fn from(e: crm_core::spreadsheet::RowError) -> Self {
        SheetRowError {
            row: e.row.signed(),
            column: e.column,
            value: e.value,
            reason: e.reason,
        }
    }
}

/// What a customer sheet's import did (or, dry or refused, would have done).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SheetImportReport {
    /// The import's id (for `undoImport`); for a file imported before, that import's;
    /// `null` when nothing was written.
    pub import_id: Option<String>,
    /// The file's name.
    pub file_name: String,
    /// Data rows read.
    pub rows: i64,
    /// Customers created.
    pub created: i64,
    /// Customers whose empty fields were filled.
    pub updated: i64,
    /// Rows merged into a customer.
    pub merged: i64,
    /// Rows left out as duplicates.
    pub skipped_duplicates: i64,
    /// One entry per refused row.
    pub errors: Vec<SheetRowError>,
    /// Columns that were not read.
    pub unknown_columns: Vec<String>,
    /// The same file was imported before: nothing was done.
    pub already_imported: bool,
    /// The import's changes are in the book.
    pub written: bool,
}

impl From<crm_store::ImportReport> for SheetImportReport {
    fn from(r: crm_store::ImportReport) -> Self {
        SheetImportReport {
            import_id: r.import_id,
            file_name: r.file_name,
            rows: r.rows.signed(),
            created: r.created.signed(),
            updated: r.updated.signed(),
            merged: r.merged.signed(),
            skipped_duplicates: r.skipped_duplicates.signed(),
            errors: r.errors.into_iter().map(Into::into).collect(),
            unknown_columns: r.unknown_columns,
            already_imported: r.already_imported,
            written: r.written,
        }
    }
}

/// An import as listed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportRecord {
    /// The import's id.
    pub id: String,
    /// The file's name.
    pub file_name: String,
    /// When it started.
    pub started_at: Timestamp,
    /// Customers created.
    pub created: i64,
    /// Customers updated.
    pub updated: i64,
    /// Rows merged.
    pub merged: i64,
    /// Rows skipped as duplicates.
    pub skipped_duplicates: i64,
    /// Rows refused.
    pub refused: i64,
    /// When it was undone, if it was.
    pub undone_at: Option<Timestamp>,
}

impl From<crm_store::ImportRecord> for ImportRecord {
    fn from(r: crm_store::ImportRecord) -> Self {
        ImportRecord {
            id: r.id,
            file_name: r.file_name,
            started_at: r.started_at,
            created: r.created.signed(),
            updated: r.updated.signed(),
            merged: r.merged.signed(),
            skipped_duplicates: r.skipped_duplicates.signed(),
            refused: r.refused.signed(),
            undone_at: r.undone_at,
        }
    }
}

/// What undoing an import did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UndoImportReport {
    /// Customers deleted.
    pub removed: i64,
    /// Customers changed since the import: kept.
    pub kept_changed: Vec<CustomerId>,
}

impl From<crm_store::UndoReport> for UndoImportReport {
    fn from(r: crm_store::UndoReport) -> Self {
        UndoImportReport {
            removed: r.removed.signed(),
            kept_changed: r.kept_changed,
        }
    }
}

/// What a follow-up sheet's import did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FollowUpSheetReport {
    /// The file's name.
    pub file_name: String,
    /// Data rows read.
    pub rows: i64,
    /// Follow-ups imported.
    pub imported: i64,
    /// One entry per refused row.
    pub errors: Vec<SheetRowError>,
    /// Columns that were not read.
    pub unknown_columns: Vec<String>,
}

impl From<crm_store::FollowUpSheetReport> for FollowUpSheetReport {
    fn from(r: crm_store::FollowUpSheetReport) -> Self {
        FollowUpSheetReport {
            file_name: r.file_name,
            rows: r.rows.signed(),
            imported: r.imported.signed(),
            errors: r.errors.into_iter().map(Into::into).collect(),
            unknown_columns: r.unknown_columns,
        }
    }
}

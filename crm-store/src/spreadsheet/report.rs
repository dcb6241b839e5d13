//! What an import is asked to do, and what it reports.

use crate::error::StoreError;
use crm_core::spreadsheet::{ColumnMapping, LayoutError, RowError};
use crm_core::CustomerId;

/// What to do with a row whose phone, WeChat ID or e-mail already belongs to a customer
/// (of the book, or made from an earlier row of the same file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Leave the customer as it is; the row is counted as a skipped duplicate.
    #[default]
    Skip,
    /// Fill the customer's empty fields from the row (gender, birthday, notes, owner ...);
    /// contacts and tags stay as they are.
    UpdateEmpty,
    /// Merge the row into the customer as merging two customers does: contacts and tags
    /// united, the customer's fields kept and the row's filling the gaps.
    Merge,
}

/// How to import a sheet.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// What to do with duplicates.
    pub on_duplicate: DuplicatePolicy,
    /// Write nothing unless every row can be imported.
    pub all_or_nothing: bool,
    /// Report what would happen and write nothing.
    pub dry_run: bool,
    /// Header → field overrides.
    pub mapping: ColumnMapping,
}

/// How far an import has gone: `done` data rows of `total` (for CSV the file's lines,
/// which blank lines and quoted line breaks may make more than the rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    /// Data rows handled.
    pub done: u64,
    /// Data rows expected.
    pub total: u64,
}

/// What an import did (or, dry or refused, would have done).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    /// The import's id, under which [`crate::Store::list_imports`] lists it and
    /// [`crate::Store::undo_import`] undoes it; for a file imported before, that import's.
    /// `None` when nothing was written (a dry run, an all-or-nothing import refused).
    pub import_id: Option<String>,
    /// The file's name.
    pub file_name: String,
    /// Data rows read (blank rows not counted).
    pub rows: u64,
    /// Customers created.
    pub created: u64,
    /// Customers whose empty fields were filled ([`DuplicatePolicy::UpdateEmpty`]).
    pub updated: u64,
    /// Rows merged into a customer ([`DuplicatePolicy::Merge`]).
    pub merged: u64,
    /// Rows left out as duplicates ([`DuplicatePolicy::Skip`], or nothing to fill).
    pub skipped_duplicates: u64,
    /// One entry per refused row.
    pub errors: Vec<RowError>,
    /// Headers of the columns that were not read (neither recognised nor mapped).
    pub unknown_columns: Vec<String>,
    /// Whether the same file (same bytes) was imported before: then nothing is done.
    pub already_imported: bool,
    /// Whether the import's changes are in the book (`false` for a dry run, an
    /// all-or-nothing import with refused rows, or a file imported before).
    pub written: bool,
}

/// Why a sheet could not be imported at all (a refused row is not an error: it is in
/// [`ImportReport::errors`]).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as CSV or Excel.
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
    /// The header row cannot be used (no name column, a bad mapping ...).
    #[error(transparent)]
    Layout(#[from] LayoutError),
    /// The book refused (storage, a read-only book ...).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An import as listed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportRecord {
    /// The import's id.
    pub id: String,
    /// The file's name.
    pub file_name: String,
    /// SHA-256 of the file's bytes (hex).
    pub file_hash: String,
    /// When it started.
    pub started_at: chrono::DateTime<chrono::Utc>,
    /// When it finished.
    pub finished_at: chrono::DateTime<chrono::Utc>,
    /// Data rows read.
    pub rows: u64,
    /// Customers created.
    pub created: u64,
    /// Customers updated.
    pub updated: u64,
    /// Rows merged.
    pub merged: u64,
    /// Rows skipped as duplicates.
    pub skipped_duplicates: u64,
    /// Rows refused.
    pub refused: u64,
    /// When it was undone, if it was.
    pub undone_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// What undoing an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UndoReport {
    /// Customers the import created, now deleted.
    pub removed: u64,
    /// Customers the import created that were changed since (edited, followed up, merged
    /// into by a later import ...): kept.
    pub kept_changed: Vec<CustomerId>,
}

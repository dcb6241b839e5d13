//! How a customer sheet is imported.

use crate::error::CrmError;
use crm_core::spreadsheet::ColumnMapping;

/// What to do with a row whose phone, WeChat ID or e-mail a customer already has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Enum)]
pub enum DuplicatePolicy {
    /// Leave the customer as it is (the row counts as a skipped duplicate).
    #[default]
    Skip,
    /// Fill the customer's empty fields from the row; contacts and tags stay.
    UpdateEmpty,
    /// Merge the row into the customer as merging customers does.
    Merge,
}

/// How to import a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct SheetImportOptions {
    /// What to do with duplicates.
    pub on_duplicate: DuplicatePolicy,
    /// Write nothing unless every row can be imported.
    #[uniffi(default)]
    pub all_or_nothing: bool,
    /// Report what would happen, write nothing.
    #[uniffi(default)]
    pub dry_run: bool,
    /// Header → field overrides as JSON: `{"客户名": "name", "编号": "ignore"}`.
    #[uniffi(default)]
    pub mapping_json: Option<String>,
}

impl SheetImportOptions {
    /// The store's options; a bad mapping is `InvalidInput` on `mapping_json`.
    pub(crate) fn into_store(self) -> Result<crm_store::ImportOptions, CrmError> {
        let mapping = match &self.mapping_json {
            Some(json) => ColumnMapping::from_json(json)
                .map_err(|e| CrmError::invalid("mapping_json", e.to_string()))?,
            None => ColumnMapping::default(),
        };
        Ok(crm_store::ImportOptions {
            on_duplicate: match self.on_duplicate {
                DuplicatePolicy::Skip => crm_store::DuplicatePolicy::Skip,
                DuplicatePolicy::UpdateEmpty => crm_store::DuplicatePolicy::UpdateEmpty,
                DuplicatePolicy::Merge => crm_store::DuplicatePolicy::Merge,
            },
            all_or_nothing: self.all_or_nothing,
            dry_run: self.dry_run,
            mapping,
        })
    }
}

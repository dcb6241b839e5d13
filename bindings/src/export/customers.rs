//! `export_customers`: customers to a CSV or an `.xlsx` file.

use crate::error::CrmError;
use crate::export::ExportLanguage;
use crate::find::filter::CustomerFilter;
use crate::find::query::{sort_or_default, Sort};
use crate::number::Signed;
use crate::store::CrmStore;
use crm_core::export::DEFAULT_COLUMNS;
use crm_store::ExportSelection;
use std::path::Path;

/// A spreadsheet format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SpreadsheetFormat {
    /// CSV: UTF-8 with a byte order mark (Excel opens Chinese correctly), CRLF line ends,
    /// RFC 4180 quoting, dates `yyyy-mm-dd`.
    Csv,
    /// An Excel workbook: one sheet, a bold frozen header row, dates as Excel dates.
    Xlsx,
}

#[uniffi::export]
impl CrmStore {
    /// Writes customers to the file at `path` (replaced whole, or left as it was on a
    /// failure) and returns how many: those `filter` matches in the order `sort` gives
    /// (absent: every active customer, newest first) with the default columns, or the saved
    /// view `view_id`'s customers, order and columns. Headers and labels in `language`
    /// (absent: Chinese). The file holds the customers' personal data.
    ///
    /// Fails with `InvalidInput` on `view_id` (given with a filter or a sort) or a filter
    /// field, `NotFound` for an unknown view, `Storage` when the file cannot be written.
    #[uniffi::method(default(filter = None, sort = None, view_id = None, language = None))]
    pub async fn export_customers(
        &self,
        format: SpreadsheetFormat,
        path: String,
        filter: Option<CustomerFilter>,
        sort: Option<Sort>,
        view_id: Option<String>,
        language: Option<ExportLanguage>,
    ) -> Result<i64, CrmError> {
        self.read(move |store| {
            let selection = match view_id {
                Some(_) if filter.is_some() || sort.is_some() => {
                    return Err(CrmError::invalid(
                        "view_id",
                        "is given with a filter or a sort: give one or the other",
                    ))
                }
                Some(id) => ExportSelection::of_view(&store.get_view(&id)?.definition),
                None => ExportSelection {
                    filter: filter
                        .map(TryInto::try_into)
                        .transpose()?
                        .unwrap_or_default(),
                    sort: sort_or_default(sort),
                    columns: DEFAULT_COLUMNS.to_vec(),
                },
            };
            let language = language.unwrap_or_default().into();
            let path = Path::new(&path);
            let count = match format {
                SpreadsheetFormat::Csv => store.export_customers_csv(&selection, language, path)?,
                SpreadsheetFormat::Xlsx => {
                    store.export_customers_xlsx(&selection, language, path)?
                }
            };
            Ok(count.signed())
        })
        .await
    }
}

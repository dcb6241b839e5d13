//! Customers as an Excel workbook: one sheet, a bold frozen header row, dates as real
//! Excel dates, columns as wide as their content. The sheet is written in rust_xlsxwriter's
//! constant-memory mode (rows go to a temporary file as they come), so memory stays flat.

use crate::error::Result;
use crate::export::customer_rows::ExportSelection;
use crate::export::file::{file_error, write_atomically};
use crate::export::workbook::SheetWriter;
use crate::store::Store;
use crm_core::export::{Cell, Language};
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// The customer sheet's name.
fn sheet_name(language: Language) -> &'static str {
    match language {
        Language::Zh => "客户",
        Language::En => "customers",
    }
}

impl Store {
    /// Writes the selection as an `.xlsx` file at `path` (replaced whole, or left as it
    /// was when the export fails). Returns how many customers it holds.
    pub fn export_customers_xlsx(
        &self,
        selection: &ExportSelection,
        language: Language,
        path: &Path,
    ) -> Result<u64> {
        let mut book = Workbook::new();
        let sheet = book
            .add_worksheet_with_constant_memory()
            .map_err(file_error)?;
        sheet.set_name(sheet_name(language)).map_err(file_error)?;
        let headers: Vec<&str> = selection
            .columns
            .iter()
            .map(|c| c.header(language))
            .collect();
        let mut writer = SheetWriter::start(sheet, &headers)?;
        let mut cells: Vec<Cell> = Vec::with_capacity(headers.len());
        let count = self.export_customer_pages(selection, |rows| {
            for row in rows {
                cells.clear();
                cells.extend(selection.columns.iter().map(|c| row.cell(*c, language)));
                writer.row(sheet, &cells)?;
            }
            Ok(())
        })?;
        writer.finish(sheet)?;
        write_atomically(path, |out| book.save_to_writer(out).map_err(file_error))?;
        Ok(count)
    }
}

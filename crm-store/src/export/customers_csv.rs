//! Customers as CSV: UTF-8 with a byte order mark (so that Excel opens Chinese correctly),
//! CRLF line ends, fields quoted per RFC 4180 where they need it; dates ISO `yyyy-mm-dd`.

use crate::error::Result;
use crate::export::customer_rows::ExportSelection;
use crate::export::file::{file_error, write_atomically};
use crate::store::Store;
use crm_core::export::Language;
use std::io::Write;
use std::path::Path;

/// The UTF-8 byte order mark every exported CSV starts with.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl Store {
    /// Writes the selection as CSV to `out`: the byte order mark, the header row in
    /// `language`, one row per customer. Returns how many customers it wrote.
    pub fn write_customers_csv(
        &self,
        selection: &ExportSelection,
        language: Language,
        mut out: impl Write,
    ) -> Result<u64> {
        out.write_all(UTF8_BOM).map_err(file_error)?;
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        csv.write_record(selection.columns.iter().map(|c| c.header(language)))
            .map_err(file_error)?;
        let count = self.export_customer_pages(selection, |rows| {
            for row in rows {
                csv.write_record(
                    selection
                        .columns
                        .iter()
                        .map(|c| row.cell(*c, language).text()),
                )
                .map_err(file_error)?;
            }
            Ok(())
        })?;
        csv.flush().map_err(file_error)?;
        Ok(count)
    }

    /// Writes the selection as a CSV file at `path` (replaced whole, or left as it was
    /// when the export fails). Returns how many customers it holds.
    pub fn export_customers_csv(
        &self,
        selection: &ExportSelection,
        language: Language,
        path: &Path,
    ) -> Result<u64> {
        write_atomically(path, |out| {
            self.write_customers_csv(selection, language, out)
        })
    }
}

//! What every exported worksheet shares: a bold, frozen header row, typed cells (dates with
//! a date format, numbers as numbers, shares with a percent format) and column widths from
//! the content, wide characters (Chinese) counting double.

use crate::error::Result;
use crate::export::file::file_error;
use crm_core::export::{Cell, EXCEL_DATE_FORMAT, EXCEL_PERCENT_FORMAT};
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet};
use unicode_width::UnicodeWidthStr;

/// The narrowest and widest column, in Excel's character units.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// The width a text takes on screen, in the width of a Latin character: Chinese and other
/// wide characters count two.
pub fn display_width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Writes one sheet row by row and sizes its columns at the end.
pub(crate) struct SheetWriter {
    widths: Vec<usize>,
    header: Format,
    date: Format,
    percent: Format,
    next_row: u32,
}

impl SheetWriter {
    /// Writes the header row (bold, frozen) to `sheet`.
    pub(crate) fn start(sheet: &mut Worksheet, headers: &[&str]) -> Result<SheetWriter> {
        let mut w = SheetWriter {
            widths: vec![MIN_WIDTH; headers.len()],
            header: Format::new().set_bold(),
            date: Format::new().set_num_format(EXCEL_DATE_FORMAT),
            percent: Format::new().set_num_format(EXCEL_PERCENT_FORMAT),
            next_row: 1,
        };
        for (col, text) in headers.iter().enumerate() {
            let col = column(col)?;
            sheet
                .write_string_with_format(0, col, *text, &w.header)
                .map_err(file_error)?;
            w.fit(col, display_width(text));
        }
        sheet.set_freeze_panes(1, 0).map_err(file_error)?;
        Ok(w)
    }

    fn fit(&mut self, col: u16, width: usize) {
        if let Some(w) = self.widths.get_mut(usize::from(col)) {
            *w = (*w).max(width.min(MAX_WIDTH));
        }
    }

    /// Writes the next row.
    pub(crate) fn row<'c>(
        &mut self,
        sheet: &mut Worksheet,
        cells: impl IntoIterator<Item = &'c Cell>,
    ) -> Result<()> {
        let row = self.next_row;
        for (col, cell) in cells.into_iter().enumerate() {
            let col = column(col)?;
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(t) => {
                    sheet.write_string(row, col, t).map_err(file_error)?;
                    display_width(t)
                }
                Cell::Date(d) => {
                    let text = cell.text();
                    match excel_date(*d) {
                        Some(date) => {
                            sheet
                                .write_date_with_format(row, col, date, &self.date)
                                .map_err(file_error)?;
                        }
                        // Before 1900 Excel has no dates: the ISO text instead.
                        None => {
                            sheet.write_string(row, col, &text).map_err(file_error)?;
                        }
                    }
                    text.len()
                }
                Cell::Number(n) => {
                    sheet.write_number(row, col, *n).map_err(file_error)?;
                    cell.text().len()
                }
                Cell::Percent(p) => {
                    sheet
                        .write_number_with_format(row, col, *p, &self.percent)
                        .map_err(file_error)?;
                    cell.text().len()
                }
            };
            self.fit(col, width);
        }
        self.next_row += 1;
        Ok(())
    }

    /// Sets the column widths from what was written.
    pub(crate) fn finish(self, sheet: &mut Worksheet) -> Result<()> {
        for (col, width) in self.widths.iter().enumerate() {
            // A little room beside the widest value.
            sheet
                .set_column_width(column(col)?, (*width + 2) as f64)
                .map_err(file_error)?;
        }
        Ok(())
    }
}

fn column(col: usize) -> Result<u16> {
    u16::try_from(col).map_err(file_error)
}

fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("王小明"), 6);
        assert_eq!(display_width("比亚迪 汉"), 9);
        assert_eq!(display_width(""), 0);
        assert_eq!(display_width("第一行\nab"), 6);
    }
}

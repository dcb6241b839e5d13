//! Excel sheets (`.xlsx`, `.xls`, and what else calamine opens): the first worksheet's
//! rows as text. Calamine reads a worksheet whole, so memory grows with the sheet (about
//! its unpacked size), unlike CSV; dates come out as Excel serial numbers, which the row
//! reader takes as dates.

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader};
use std::io::Cursor;

/// A cell as the text a CSV file would have held: numbers without a needless `.0`
/// (phone numbers typed as numbers), dates as their serial numbers.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => float_text(d.as_f64()),
    }
}

fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// The rows of an Excel worksheet, each as text with its row number as Excel shows it.
pub(crate) struct ExcelRows {
    range: Range<Data>,
    next: usize,
    first_row: u64,
    first_column: usize,
}

impl ExcelRows {
    /// The first worksheet of the workbook in `bytes`: its header row and the data rows.
    pub(crate) fn open(bytes: Vec<u8>) -> Result<(Vec<String>, ExcelRows), String> {
        let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let range = match book.worksheet_range_at(0) {
            Some(range) => range.map_err(|e| e.to_string())?,
            None => Range::empty(),
        };
        let (first_row, first_column) = range
            .start()
            .map_or((0, 0), |(row, column)| (u64::from(row), column as usize));
        let mut rows = ExcelRows {
            range,
            next: 0,
            first_row,
            first_column,
        };
        let headers = rows.next().map(|(_, h)| h).unwrap_or_default();
        Ok((headers, rows))
    }

    /// How many data rows are left.
    pub(crate) fn remaining(&self) -> u64 {
        self.range.height().saturating_sub(self.next) as u64
    }
}

impl Iterator for ExcelRows {
    type Item = (u64, Vec<String>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.range.height() {
            return None;
        }
        let row = self.next;
        self.next += 1;
        // Cells left of the used range are blank: keep the columns where Excel shows them.
        let mut text = vec![String::new(); self.first_column];
        text.extend((0..self.range.width()).map(|column| {
            self.range
                .get((row, column))
                .map(cell_text)
                .unwrap_or_default()
        }));
        Some((self.first_row + row as u64 + 1, text))
    }
}

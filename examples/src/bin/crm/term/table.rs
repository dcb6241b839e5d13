//! Tables: the same rows as aligned text for people (labels in their language, numbers
//! right-aligned, money as `¥1,234.00` or `12.3万`, long values cut with `…`) and as CSV for
//! spreadsheets (codes, plain numbers, yuan with two decimals).

use crate::exit::Failure;
use crate::term::lang::pick;
use crate::term::money::money;
use crate::term::text::{pad, pad_left, thousands, truncate, width};

/// The widest a text column gets, in terminal columns; longer values end in `…`.
pub const MAX_TEXT_WIDTH: usize = 24;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text shown as it is (a name, a competitor).
    Text(String),
    /// A stored code: its label in tables, the code itself in CSV.
    Code {
        /// The stored code (`new_lead`).
        code: String,
        /// Its label in this run's language (`新线索`).
        label: String,
    },
    /// A count.
    Count(u64),
    /// An amount in fen.
    Money(i64),
    /// Basis points as a percentage with two decimals; empty for none.
    Percent(Option<u32>),
    /// A number with one decimal (a median); empty for none.
    Decimal(Option<f64>),
}

impl Cell {
    /// A code cell: `code` shown as `label`.
    pub fn code(code: impl Into<String>, label: impl Into<String>) -> Cell {
        Cell::Code {
            code: code.into(),
            label: label.into(),
        }
    }

    /// Whether the cell holds a number (right-aligned).
    fn numeric(&self) -> bool {
        !matches!(self, Cell::Text(_) | Cell::Code { .. })
    }

    /// The cell for people.
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => truncate(t, MAX_TEXT_WIDTH),
            Cell::Code { label, .. } => truncate(label, MAX_TEXT_WIDTH),
            Cell::Count(n) => thousands(*n),
            Cell::Money(fen) => money(*fen),
            Cell::Percent(_) | Cell::Decimal(_) => self.csv(),
        }
    }

    /// The cell for a spreadsheet.
    fn csv(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Code { code, .. } => code.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Money(fen) => {
                let sign = if *fen < 0 { "-" } else { "" };
                let abs = fen.unsigned_abs();
                format!("{sign}{}.{:02}", abs / 100, abs % 100)
            }
            Cell::Percent(bp) => bp
                .map(|bp| format!("{}.{:02}", bp / 100, bp % 100))
                .unwrap_or_default(),
            Cell::Decimal(v) => v.map(|v| format!("{v:.1}")).unwrap_or_default(),
        }
    }
}

/// A column heading: the CSV name and the labels for people.
#[derive(Debug, Clone, Copy)]
pub struct Heading {
    /// The CSV column name (`revenue_yuan`).
    pub code: &'static str,
    /// 中文.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

/// A heading: CSV name, Chinese, English.
pub const fn heading(code: &'static str, zh: &'static str, en: &'static str) -> Heading {
    Heading { code, zh, en }
}

/// A report or list flattened for the terminal or a spreadsheet.
#[derive(Debug, Clone)]
pub struct Table {
    /// The columns.
    pub header: Vec<Heading>,
    /// The cells, one row per line, as many as the header.
    pub rows: Vec<Vec<Cell>>,
    /// Lines printed under the table (not in CSV).
    pub notes: Vec<String>,
}

impl Table {
    /// The table aligned in columns (numbers to the right), each line prefixed with
    /// `indent`, then the notes.
    pub fn text_indented(&self, indent: &str) -> String {
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        let titles: Vec<&str> = self.header.iter().map(|h| pick(h.zh, h.en)).collect();
        let columns = titles.len();
        let widths: Vec<usize> = (0..columns)
            .map(|i| {
                cells
                    .iter()
                    .map(|r| width(&r[i]))
                    .chain([width(titles[i])])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let right: Vec<bool> = (0..columns)
            .map(|i| {
                self.rows.iter().any(|r| r[i].numeric()) && self.rows.iter().all(|r| r[i].numeric())
            })
            .collect();
        let line = |row: &[&str]| {
            let padded: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, c)| match right[i] {
                    true => pad_left(c, widths[i]),
                    false => pad(c, widths[i]),
                })
                .collect();
            format!("{indent}{}\n", padded.join("  ").trim_end())
        };
        let mut out = line(&titles);
        for row in &cells {
            out += &line(&row.iter().map(String::as_str).collect::<Vec<_>>());
        }
        for note in &self.notes {
            out += indent;
            out += note;
            out.push('\n');
        }
        out
    }

    /// The table as aligned text.
    pub fn text(&self) -> String {
        self.text_indented("")
    }

    /// The table as CSV: a header line of column names, then one line per row.
    pub fn csv(&self) -> Result<Vec<u8>, Failure> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let names: Vec<&str> = self.header.iter().map(|h| h.code).collect();
        w.write_record(&names).map_err(std::io::Error::from)?;
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(Cell::csv).collect();
            w.write_record(&cells).map_err(std::io::Error::from)?;
        }
        w.into_inner().map_err(|e| Failure::Output(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_align_right_and_wide_names_keep_the_columns_straight() {
        let table = Table {
            header: vec![
                heading("name", "姓名", "name"),
                heading("leads", "线索", "leads"),
            ],
            rows: vec![
                vec![Cell::Text("𠮷野家".into()), Cell::Count(1_234)],
                vec![Cell::Text("ab".into()), Cell::Count(5)],
            ],
            notes: Vec::new(),
        };
        let text = table.text();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().all(|l| width(l) == width(lines[0])), "{text}");
        assert!(
            lines[1].ends_with("1,234") && lines[2].ends_with("    5"),
            "{text}"
        );
        assert!(lines[2].starts_with("ab  "), "text to the left: {text}");
        let csv = String::from_utf8(table.csv().unwrap()).unwrap();
        assert_eq!(csv, "name,leads\n𠮷野家,1234\nab,5\n");
    }

    #[test]
    fn a_column_mixing_text_and_numbers_stays_left_aligned() {
        let table = Table {
            header: vec![heading("from", "从", "from")],
            rows: vec![vec![Cell::Text("a".into())], vec![Cell::Count(1_000)]],
            notes: Vec::new(),
        };
        let text = table.text();
        assert_eq!(text.lines().nth(1), Some("a"), "{text}");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_and_money_has_two_decimals_in_csv() {
        let long = "很长的竞品名字".repeat(4);
        assert_eq!(width(&Cell::Text(long.clone()).text()), MAX_TEXT_WIDTH - 1);
        assert!(Cell::Text(long.clone()).text().ends_with('…'));
        assert_eq!(Cell::Text(long.clone()).csv(), long);
        assert_eq!(Cell::Money(19_500_050).csv(), "195000.50");
        assert_eq!(Cell::Money(-5).csv(), "-0.05");
        assert_eq!(Cell::Money(0).csv(), "0.00");
        assert_eq!(Cell::Percent(Some(6667)).csv(), "66.67");
        assert_eq!(Cell::code("new_lead", "新线索").csv(), "new_lead");
    }
}

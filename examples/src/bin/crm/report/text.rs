//! A report flattened into a table, for the terminal (`crm report`, the overview) or a
//! spreadsheet (`--csv`), and the table of each report.

use crate::exit::Failure;
use crate::term::text::{pad, thousands, width};
use crm_core::{ChannelReport, Code, ConsultantRow, FunnelReport, IntentReport, LostReport};

/// A report flattened for the terminal or a spreadsheet.
pub struct Table {
    /// The column names.
    pub header: Vec<&'static str>,
    /// The cells, one row per line, as many as the header.
    pub rows: Vec<Vec<String>>,
    /// Lines printed under the table (not in CSV).
    pub notes: Vec<String>,
}

impl Table {
    /// The table aligned in columns, each line prefixed with `indent`, then the notes.
    pub fn text_indented(&self, indent: &str) -> String {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|i| {
                self.rows
                    .iter()
                    .map(|r| r[i].as_str())
                    .chain([self.header[i]])
                    .map(width)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<&str>| {
            let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
            format!("{indent}{}\n", padded.join("  ").trim_end())
        };
        let mut out = line(self.header.clone());
        for row in &self.rows {
            out += &line(row.iter().map(String::as_str).collect());
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

    /// The table as CSV: a header line, then one line per row.
    pub fn csv(&self) -> Result<Vec<u8>, Failure> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.header).map_err(std::io::Error::from)?;
        for row in &self.rows {
            w.write_record(row).map_err(std::io::Error::from)?;
        }
        w.into_inner().map_err(|e| Failure::Output(e.into_error()))
    }
}

/// Basis points as a percentage with two decimals (`6667` → `66.67`); empty for none.
fn percent(bp: Option<u32>) -> String {
    bp.map(|bp| format!("{}.{:02}", bp / 100, bp % 100))
        .unwrap_or_default()
}

/// A median with one decimal; empty for none.
fn median(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.1}")).unwrap_or_default()
}

/// Fen as yuan with two decimals (`19500000` → `195000.00`).
fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}{}.{:02}", fen / 100, fen % 100)
}

/// The funnel as a table: stage, customers who got that far, of those the ones it happened
/// to and the ones a jump carried past it, conversion from the previous stage, median days
/// from it; the cohort and the side states under it.
pub fn funnel_table(r: &FunnelReport) -> Table {
    Table {
        header: vec![
            "stage",
            "customers",
            "reached",
            "skipped",
            "conversion_pct",
            "median_days",
        ],
        rows: r
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.stage.code().to_owned(),
                    row.customers.to_string(),
                    row.reached.to_string(),
                    row.skipped.to_string(),
                    percent(row.conversion_bp),
                    median(row.median_days_from_previous),
                ]
            })
            .collect(),
        notes: vec![format!(
            "cohort {}, lost {}, dormant {}, pending requests {}",
            thousands(r.cohort.into()),
            r.lost,
            r.dormant,
            r.pending
        )],
    }
}

/// The channel report as a table, one line per channel then the total.
pub fn channel_table(r: &ChannelReport) -> Table {
    Table {
        header: vec![
            "channel",
            "leads",
            "visits",
            "test_drives",
            "orders",
            "deliveries",
            "conversion_pct",
            "median_days_to_close",
            "revenue_yuan",
        ],
        rows: r
            .rows
            .iter()
            .chain([&r.total])
            .map(|row| {
                vec![
                    row.channel.clone(),
                    row.leads.to_string(),
                    row.visits.to_string(),
                    row.test_drives.to_string(),
                    row.orders.to_string(),
                    row.deliveries.to_string(),
                    percent(row.conversion_bp),
                    median(row.median_days_to_close),
                    yuan(row.revenue_fen),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// The lost analysis as a table: losses by reason, then by competitor, with their shares.
pub fn lost_table(r: &LostReport) -> Table {
    let reasons = r.by_reason.iter().map(|row| {
        vec![
            "reason".to_owned(),
            row.reason.code().to_owned(),
            row.count.to_string(),
            percent(Some(row.share_bp)),
        ]
    });
    let competitors = r.by_competitor.iter().map(|row| {
        vec![
            "competitor".to_owned(),
            row.competitor.clone(),
            row.count.to_string(),
            percent(Some(row.share_bp)),
        ]
    });
    Table {
        header: vec!["by", "name", "count", "share_pct"],
        rows: reasons.chain(competitors).collect(),
        notes: vec![format!(
            "lost {}, {} to a named competitor",
            r.total, r.with_competitor
        )],
    }
}

/// Consultant activity as a table, one line per consultant.
pub fn consultant_table(rows: &[ConsultantRow]) -> Table {
    Table {
        header: vec![
            "consultant",
            "new_leads",
            "uncontacted",
            "follow_ups",
            "median_first_response_min",
            "responses_due",
            "in_time",
            "in_time_pct",
            "orders",
            "deliveries",
            "revenue_yuan",
        ],
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    row.consultant
                        .clone()
                        .unwrap_or_else(|| "(none)".to_owned()),
                    row.new_leads.to_string(),
                    row.uncontacted.to_string(),
                    row.follow_ups.to_string(),
                    median(row.median_first_response_minutes),
                    row.first_responses_due.to_string(),
                    row.first_responses_in_time.to_string(),
                    percent(row.first_response_in_time_bp),
                    row.orders.to_string(),
                    row.deliveries.to_string(),
                    yuan(row.revenue_fen),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// Intent levels as a table: the open customers' levels at the end, then the moves.
pub fn intent_table(r: &IntentReport) -> Table {
    let levels = r.distribution.iter().map(|row| {
        vec![
            "level".to_owned(),
            String::new(),
            row.level.code().to_owned(),
            row.customers.to_string(),
            percent(Some(row.share_bp)),
        ]
    });
    let moves = r.movement.iter().map(|row| {
        vec![
            "movement".to_owned(),
            row.from.code().to_owned(),
            row.to.code().to_owned(),
            row.customers.to_string(),
            String::new(),
        ]
    });
    Table {
        header: vec!["part", "from", "level", "customers", "share_pct"],
        rows: levels.chain(moves).collect(),
        notes: vec![format!("open customers {}", r.open_customers)],
    }
}

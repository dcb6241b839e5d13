//! The clap definitions of `crm export customers|reports|calendar`.

use crate::find::args::{FilterArgs, SortArgs};
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `crm export ...`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Customers to a spreadsheet (CSV or .xlsx): all active ones, those the filter options
    /// match, or a saved view's (its filter, order and columns). The file holds personal
    /// data; only its path and the count are printed.
    Customers(CustomersArgs),
    /// The period's reports (funnel, channels, lost, consultants) to one .xlsx, a sheet each.
    Reports(ReportsArgs),
    /// A consultant's pending plans, scheduled visits and open care tasks in a window to an
    /// iCalendar file (.ics) for their own calendar app; events keep their ids, so importing
    /// a later export updates them. The summaries name the customers.
    Calendar(CalendarArgs),
}

/// A spreadsheet format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// CSV: UTF-8 with a byte order mark, CRLF line ends.
    Csv,
    /// Excel workbook.
    Xlsx,
}

/// The language of headers and labels in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum HeaderLanguage {
    /// 中文 (the names the importer reads).
    #[default]
    Zh,
    /// English.
    En,
}

impl From<HeaderLanguage> for crm_core::export::Language {
    fn from(h: HeaderLanguage) -> Self {
        match h {
            HeaderLanguage::Zh => crm_core::export::Language::Zh,
            HeaderLanguage::En => crm_core::export::Language::En,
        }
    }
}

/// Where an export goes and in which language.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// The file to write (replaced whole, or left as it was when the export fails).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// The language of the headers, sheet names, labels and summaries (default zh).
    #[arg(long, value_enum, default_value = "zh")]
    pub headers: HeaderLanguage,
}

/// `crm export customers`.
#[derive(Debug, Args)]
pub struct CustomersArgs {
    /// csv or xlsx (default: from the file name's ending, else csv).
    #[arg(long, value_enum)]
    pub format: Option<SheetFormat>,
    /// A saved view (name or id): its filter, order and columns; no filter options with it.
    #[arg(long, value_name = "VIEW")]
    pub view: Option<String>,
    /// The file and the language.
    #[command(flatten)]
    pub file: FileArgs,
    /// Which customers: the options of `customer list`.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Their order.
    #[command(flatten)]
    pub sort: SortArgs,
}

/// `crm export reports`.
#[derive(Debug, Args)]
pub struct ReportsArgs {
    /// The first day (YYYY-MM-DD, the dealership's zone); default: a year before `--to`.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last day included (YYYY-MM-DD, the dealership's zone); default: today.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// The .xlsx file and the language.
    #[command(flatten)]
    pub file: FileArgs,
    /// Which customers, as in `crm report`: one `--owner` is the report's consultant.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// `crm export calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The consultant (c01 ...).
    #[arg(long)]
    pub owner: String,
    /// The first day (YYYY-MM-DD, the dealership's zone); default: today.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last day included (YYYY-MM-DD); default: 30 days after `--from`.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// The .ics file and the language.
    #[command(flatten)]
    pub file: FileArgs,
}

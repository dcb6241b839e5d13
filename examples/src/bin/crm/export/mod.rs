//! `crm export` (导出): customers to CSV or Excel, the reports to one workbook, a
//! consultant's work to an iCalendar file. The store writes the files (`crm_store`'s
//! export); the command checks its options before the book is opened, and prints only the
//! path and how many rows or events went in (the files hold personal data, the terminal
//! does not).
//!
//! - `args.rs`: the clap definitions;
//! - `run.rs`: the three commands.

pub mod args;
mod run;

pub use run::export;

//! Spreadsheet import (导入): `crm import customers FILE`, `crm import undo ID`,
//! `crm imports list`.
//!
//! - `args.rs`: the clap definitions.
//! - `run.rs`: the commands, the progress bar and the exit status of a partial import.
//! - `text.rs`: the report and the list of imports as text.

pub mod args;
mod run;
mod text;

pub use run::{import, imports};

//! `crm retention run|set`: the dealership's rule for erasing customers lost or dormant for
//! too long.

use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::privacy::args::RetentionCommand;
use crate::privacy::text;
use crate::term::output::Output;
use chrono::Utc;
use crm_core::privacy::RetentionPolicy;
use crm_core::CustomerId;
use serde::Serialize;
use std::path::Path;

/// `crm retention run` as JSON.
#[derive(Serialize)]
struct RunJson<'a> {
    dry_run: bool,
    erased: &'a [CustomerId],
    orders_kept: u32,
    file_cleaned: bool,
}

/// Runs one `crm retention` command.
pub fn retention(db: &Path, command: &RetentionCommand, output: Output) -> Result<(), Failure> {
    match command {
        RetentionCommand::Run { dry_run: true } => {
            let store = open_for_reading(db)?;
            let due = store.retention_due(Utc::now())?;
            let json = RunJson {
                dry_run: true,
                erased: &due,
                orders_kept: 0,
                file_cleaned: false,
            };
            output.print(&json, || text::retention_due(&due))
        }
        RetentionCommand::Run { dry_run: false } => {
            let store = open_existing(db)?;
            let run = store.run_retention(Utc::now())?;
            let json = RunJson {
                dry_run: false,
                erased: &run.erased,
                orders_kept: run.orders_kept,
                file_cleaned: run.file_cleaned,
            };
            output.print(&json, || text::retention_run(&run))
        }
        RetentionCommand::Set { months, off: _ } => {
            // Checked before the database is opened; `--off` leaves `months` empty.
            let policy = RetentionPolicy {
                erase_lost_or_dormant_after_months: *months,
            }
            .validate()?;
            let store = open_existing(db)?;
            let settings = store.set_retention(&policy)?;
            output.print(&settings.retention, || {
                text::retention_policy(&settings.retention)
            })
        }
    }
}

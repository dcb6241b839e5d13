//! `crm care ...`: the care tasks (客户关怀) of the delivered customers: generate a window's,
//! list them, mark one done, skipped or snoozed.

use crate::care::args::{CareCommand, CareListArgs};
use crate::care::input::{date, date_opt};
use crate::care::text;
use crate::customer::names::customer_names;
use crate::customer::resolve::optional_customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::term::input::code_of;
use crate::term::output::Output;
use chrono::{Days, NaiveDate, Utc};
use crm_core::{CareTaskKey, CareTaskRecord, DateWindow};
use crm_store::{CareTaskQuery, Store};
use serde::Serialize;
use std::path::Path;

/// The dealership's local date now.
pub fn today(store: &Store) -> Result<NaiveDate, Failure> {
    Ok(store.settings()?.zone.local_date(Utc::now()))
}

/// `date` moved by `days` (either way), kept in range.
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    let moved = if days < 0 {
        date.checked_sub_days(n)
    } else {
        date.checked_add_days(n)
    };
    moved.unwrap_or(date)
}

/// `care run` as JSON, fields in this order.
#[derive(Serialize)]
struct RunJson {
    from: NaiveDate,
    through: NaiveDate,
    added: u64,
    updated: u64,
    removed: u64,
    unchanged: u64,
    blocked_by_consent: u64,
    erased_by_retention: u64,
}

/// Runs one `crm care` command.
pub fn care(db: &Path, command: &CareCommand, output: Output) -> Result<(), Failure> {
    match command {
        CareCommand::Run { from, through } => {
            let from = date_opt("from", from.as_ref())?;
            let through = date_opt("through", through.as_ref())?;
            let store = open_existing(db)?;
            let today = today(&store)?;
            let from = from.unwrap_or_else(|| shift(today, -30));
            let to = through.unwrap_or_else(|| shift(today, 365));
            let summary = store.generate_care(DateWindow::new(from, to)?)?;
            let json = RunJson {
                from,
                through: to,
                added: summary.added,
                updated: summary.updated,
                removed: summary.removed,
                unchanged: summary.unchanged,
                blocked_by_consent: summary.blocked_by_consent,
                erased_by_retention: summary.erased_by_retention,
            };
            output.print(&json, || text::run_summary(&summary, from, to))
        }
        CareCommand::List(args) => list(db, args, output),
        CareCommand::Done { key, outcome } => {
            let store = open_existing(db)?;
            let task = store.complete_care_task(&CareTaskKey::from(key.as_str()), outcome)?;
            print_task(&store, output, task)
        }
        CareCommand::Skip { key, reason } => {
            let store = open_existing(db)?;
            let task = store.skip_care_task(&CareTaskKey::from(key.as_str()), reason)?;
            print_task(&store, output, task)
        }
        CareCommand::Snooze { key, until } => {
            let until = date("until", until)?;
            let store = open_existing(db)?;
            let task = store.snooze_care_task(&CareTaskKey::from(key.as_str()), until)?;
            print_task(&store, output, task)
        }
    }
}

fn print_task(store: &Store, output: Output, task: CareTaskRecord) -> Result<(), Failure> {
    let names = customer_names(store, [&task.task.customer_id])?;
    output.print(&task, || text::tasks(std::slice::from_ref(&task), &names))
}

/// `crm care list`.
fn list(db: &Path, args: &CareListArgs, output: Output) -> Result<(), Failure> {
    let query = CareTaskQuery {
        owner: args.owner.clone(),
        customer_id: None,
        status: args
            .status
            .as_deref()
            .map(|s| code_of("status", s, "open, done, skipped or snoozed"))
            .transpose()?,
        due_from: date_opt("from", args.from.as_ref())?,
        due_to: date_opt("through", args.through.as_ref())?,
        limit: args.limit,
    };
    let store = open_for_reading(db)?;
    let query = CareTaskQuery {
        customer_id: optional_customer_id(&store, args.customer.as_deref())?,
        ..query
    };
    let tasks = store.care_tasks(&query)?;
    let names = customer_names(&store, tasks.iter().map(|r| &r.task.customer_id))?;
    output.list(&tasks, None, || text::tasks(&tasks, &names))
}

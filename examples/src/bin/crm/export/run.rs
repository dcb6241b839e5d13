//! Runs `crm export customers|reports|calendar`.

use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::export::args::{CalendarArgs, CustomersArgs, ExportCommand, ReportsArgs, SheetFormat};
use crate::find::filter;
use crate::find::find_view;
use crate::report::run::period_of;
use crate::term::input;
use crate::term::lang::say;
use crate::term::output::Output;
use chrono::{Days, Utc};
use crm_core::export::DEFAULT_COLUMNS;
use crm_core::{CustomerFilter, DateWindow};
use crm_store::ExportSelection;
use serde::Serialize;
use std::path::Path;

/// What `--json` prints: where the file is and how many rows or events it holds.
#[derive(Serialize)]
struct Written<'a> {
    path: &'a Path,
    count: u64,
}

/// Runs `crm export ...`.
pub fn export(db: &Path, command: &ExportCommand, output: Output) -> Result<(), Failure> {
    match command {
        ExportCommand::Customers(args) => customers(db, args, output),
        ExportCommand::Reports(args) => reports(db, args, output),
        ExportCommand::Calendar(args) => calendar(db, args, output),
    }
}

/// The format `--format` names, else the file name's ending (`.xlsx`), else CSV.
fn format_of(args: &CustomersArgs) -> SheetFormat {
    args.format.unwrap_or_else(|| {
        let xlsx = args
            .file
            .output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if xlsx {
            SheetFormat::Xlsx
        } else {
            SheetFormat::Csv
        }
    })
}

fn customers(db: &Path, args: &CustomersArgs, output: Output) -> Result<(), Failure> {
    // The options are checked before the book is opened.
    let filter = filter::filter(&args.filter)?;
    let sort = filter::sort(&args.sort);
    if args.view.is_some() && filter != CustomerFilter::default() {
        return Err(input::malformed("--view", "no filter options beside a view").into());
    }
    let language = args.file.headers.into();
    let store = open_for_reading(db)?;
    let selection = match &args.view {
        Some(view) => ExportSelection::of_view(&find_view(&store, view)?.definition),
        None => ExportSelection {
            filter,
            sort,
            columns: DEFAULT_COLUMNS.to_vec(),
        },
    };
    let count = match format_of(args) {
        SheetFormat::Csv => store.export_customers_csv(&selection, language, &args.file.output)?,
        SheetFormat::Xlsx => {
            store.export_customers_xlsx(&selection, language, &args.file.output)?
        }
    };
    written(&args.file.output, count, output, |n, p| {
        say!("{n} 位客户已导出到 {p}", "{n} customers exported to {p}")
    })
}

fn reports(db: &Path, args: &ReportsArgs, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let zone = store.settings()?.zone;
    let (period, _, _) = period_of(&args.from, &args.to, &args.filter, &zone)?;
    store.export_reports_xlsx(&period, args.file.headers.into(), &args.file.output)?;
    written(&args.file.output, 4, output, |n, p| {
        say!("{n} 张报表已导出到 {p}", "{n} reports exported to {p}")
    })
}

fn calendar(db: &Path, args: &CalendarArgs, output: Output) -> Result<(), Failure> {
    let from = args
        .from
        .as_deref()
        .map(|t| input::date("from", t))
        .transpose()?
        .flatten();
    let to = args
        .to
        .as_deref()
        .map(|t| input::date("to", t))
        .transpose()?
        .flatten();
    let store = open_for_reading(db)?;
    let from = match from {
        Some(d) => d,
        None => store.settings()?.zone.local_date(Utc::now()),
    };
    let to = to.unwrap_or_else(|| from.checked_add_days(Days::new(30)).unwrap_or(from));
    let window = DateWindow { from, to };
    let count = store.export_calendar_file(
        &args.owner,
        window,
        args.file.headers.into(),
        &args.file.output,
    )?;
    written(&args.file.output, count, output, |n, p| {
        say!("{n} 个日程已导出到 {p}", "{n} events exported to {p}")
    })
}

fn written(
    path: &Path,
    count: u64,
    output: Output,
    text: impl FnOnce(u64, String) -> String,
) -> Result<(), Failure> {
    output.print(&Written { path, count }, || {
        format!("{}\n", text(count, path.display().to_string()))
    })
}

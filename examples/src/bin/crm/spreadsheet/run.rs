//! `crm import` and `crm imports`: the sheet imported with a progress bar on a terminal,
//! the report printed (its JSON with `--json`), exit status 2 when rows were refused.

use super::args::{ImportCommand, ImportCustomersArgs, ImportsCommand};
use super::text::{follow_ups_text, imports_text, report_text, undo_text};
use crate::database::{open_existing, open_for_reading, open_or_create};
use crate::exit::Failure;
use crate::term::output::Output;
use crm_core::spreadsheet::ColumnMapping;
use crm_store::{ImportError, ImportOptions, ImportProgress, SheetInput};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;

/// Runs `crm import ...`.
pub fn import(db: &Path, command: &ImportCommand, output: Output) -> Result<(), Failure> {
    match command {
        ImportCommand::Customers(args) => customers(db, args, output),
        ImportCommand::FollowUps { file } => follow_ups(db, file, output),
        ImportCommand::Undo { id } => {
            let store = open_existing(db)?;
            let report = store.undo_import(id)?;
            output.print(&report, || undo_text(id, &report))
        }
    }
}

/// Runs `crm imports ...`.
pub fn imports(db: &Path, command: &ImportsCommand, output: Output) -> Result<(), Failure> {
    match command {
        ImportsCommand::List => {
            let store = open_for_reading(db)?;
            let list = store.list_imports()?;
            output.list(&list, None, || imports_text(&list))
        }
    }
}

/// A progress bar on stderr, only when stderr is a terminal.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} rows ({eta} left)",
    ) {
        bar.set_style(style);
    }
    bar
}

fn customers(db: &Path, args: &ImportCustomersArgs, output: Output) -> Result<(), Failure> {
    let mapping = match &args.mapping {
        Some(path) => {
            let json = std::fs::read_to_string(path).map_err(|error| Failure::ReadInput {
                path: path.clone(),
                error,
            })?;
            ColumnMapping::from_json(&json).map_err(|e| Failure::Sheet {
                path: path.clone(),
                reason: e.to_string(),
            })?
        }
        None => ColumnMapping::default(),
    };
    if !args.file.exists() {
        return Err(Failure::ReadInput {
            path: args.file.clone(),
            error: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    let store = open_or_create(db)?;
    let options = ImportOptions {
        on_duplicate: args.on_duplicate.into(),
        all_or_nothing: args.all_or_nothing,
        dry_run: args.dry_run,
        mapping,
    };
    let bar = progress_bar();
    let report = store
        .import_customer_sheet(
            &SheetInput::Path(args.file.clone()),
            &options,
            &mut |p: ImportProgress| {
                bar.set_length(p.total);
                bar.set_position(p.done);
            },
        )
        .map_err(|e| sheet_failure(&args.file, e));
    bar.finish_and_clear();
    let report = report?;
    output.print(&report, || report_text(&report))?;
    if report.errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::RowsRefused {
            refused: report.errors.len(),
            written: report.written,
        })
    }
}

/// An import that could not run: the store's refusal as it is, anything else about the file.
fn sheet_failure(path: &Path, e: ImportError) -> Failure {
    match e {
        ImportError::Store(e) => Failure::Store(e),
        other => Failure::Sheet {
            path: path.to_path_buf(),
            reason: other.to_string(),
        },
    }
}

/// Runs `crm import follow-ups FILE`.
fn follow_ups(db: &Path, file: &Path, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let bar = progress_bar();
    let report = store
        .import_follow_up_sheet(
            &SheetInput::Path(file.to_path_buf()),
            &mut |p: ImportProgress| {
                bar.set_length(p.total);
                bar.set_position(p.done);
            },
        )
        .map_err(|e| sheet_failure(file, e));
    bar.finish_and_clear();
    let report = report?;
    output.print(&report, || follow_ups_text(&report))?;
    if report.errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::RowsRefused {
            refused: report.errors.len(),
            written: true,
        })
    }
}

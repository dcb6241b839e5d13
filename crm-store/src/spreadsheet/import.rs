//! Importing a customer sheet: every row read and validated by the core
//! (`crm_core::spreadsheet`), duplicates found by the contact keys the book keeps, the
//! good rows written and the refused ones reported, all in one transaction.
//!
//! One transaction: a run cut off (the app killed, the disk full) leaves nothing behind,
//! and importing the file again starts from the top; a finished import is recognised by
//! the file's hash and not repeated. Each row is written in a savepoint of it, so that a
//! row the book refuses (an owner the user may not assign) leaves nothing half-written.

use crate::customer::customers::{change_customer, insert_new, set_profile};
use crate::customer::duplicates::find_duplicates;
use crate::customer::rows::read_customer;
use crate::db::ids::{new_id, new_id_at};
use crate::error::{Result, StoreError};
use crate::follow_up::intent_level::set_level_in;
use crate::follow_up::timeline::append;
use crate::settings::stored::read_zone;
use crate::spreadsheet::imports::{
    finished_import_of, insert_import, link_customer, settle_import,
};
use crate::spreadsheet::report::{
    DuplicatePolicy, ImportError, ImportOptions, ImportProgress, ImportReport,
};
use crate::spreadsheet::source::{fingerprint, open_sheet, SheetInput};
use crate::store::Store;
use crate::sync::user::with_default_owner;
use crate::team::access::check_new_owner;
use crate::vehicle::intents::add_intent_in;
use crate::DuplicateHolder;
use chrono::{DateTime, Utc};
use crm_core::spreadsheet::{read_row, Field, ImportedRow, RowError, SheetLayout};
use crm_core::{
    CustomerId, DealershipZone, IntentLevel, NewVehicleIntent, TimelineEntry, ValidationError,
};
use rusqlite::Connection;

/// Progress is reported every so many rows (and at the end).
const PROGRESS_EVERY: u64 = 256;

/// What became of one row.
enum Outcome {
    Created,
    Updated,
    Merged,
    Skipped,
    Refused(RowError),
}

/// What every row of one import shares.
struct Run<'a> {
    import_id: &'a str,
    policy: DuplicatePolicy,
    now: DateTime<Utc>,
    zone: DealershipZone,
    layout: &'a SheetLayout,
}

impl Store {
    /// Imports the customers of a sheet (CSV in UTF-8 or GB18030/GBK, comma, semicolon or
    /// tab separated; or the first worksheet of an Excel workbook), as `options` say,
    /// calling `progress` as rows are done. Rows are read by [`crm_core::spreadsheet`]:
    /// columns by their header names or the mapping, each customer validated as
    /// [`Store::create_customer`] validates it.
    ///
    /// A row whose phone, WeChat ID or e-mail already belongs to a customer (of the book,
    /// or one an earlier row of the file made) is skipped, fills the customer's empty
    /// fields, or is merged into it ([`DuplicatePolicy`]): two rows of one person make one
    /// customer. A row whose contacts belong to two different customers is refused. The
    /// intent level and the car wanted are set on customers the import creates.
    ///
    /// All in one transaction: good rows are written and bad ones reported in
    /// [`ImportReport::errors`]; with `all_or_nothing`, one bad row and nothing is written;
    /// a dry run reports the same and writes nothing. The same file (same bytes) imported
    /// again does nothing and says so ([`ImportReport::already_imported`]), unless its
    /// import was undone.
    ///
    /// Memory: CSV is read as it streams, with nothing kept per row (duplicates are looked
    /// up in the book, where the import's own customers already are). An Excel worksheet
    /// is read whole by calamine, so memory grows with it.
    pub fn import_customer_sheet(
        &self,
        input: &SheetInput,
        options: &ImportOptions,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> std::result::Result<ImportReport, ImportError> {
        let print = fingerprint(input).map_err(|e| ImportError::Unreadable(e.to_string()))?;
        let file_name = input.file_name();
        if let Some(previous) = self.read(|tx| finished_import_of(tx, &print.hash))? {
            return Ok(ImportReport {
                import_id: Some(previous),
                file_name,
                already_imported: true,
                ..ImportReport::default()
            });
        }
        let sheet = open_sheet(input, &print)?;
        let layout = SheetLayout::from_headers(&sheet.headers, &options.mapping)?;
        let total = sheet.total;
        let mut report = ImportReport {
            file_name: file_name.clone(),
            unknown_columns: layout.unknown_columns(),
            ..ImportReport::default()
        };
        let now = self.now();
        let import_id = new_id(now);
        let mut failure: Option<ImportError> = None;
        let written = self.batch_deciding(|store| {
            let zone = store.write(|tx| {
                insert_import(tx, &import_id, &file_name, &print.hash, now)?;
                read_zone(tx)
            })?;
            let run = Run {
                import_id: &import_id,
                policy: options.on_duplicate,
                now,
                zone,
                layout: &layout,
            };
            let mut done = 0u64;
            for row in sheet.rows {
                let (number, cells) = match row {
                    Ok(row) => row,
                    Err(e) => {
                        failure = Some(e);
                        return Ok((false, false));
                    }
                };
                done += 1;
                if done.is_multiple_of(PROGRESS_EVERY) {
                    progress(ImportProgress {
                        done,
                        total: total.max(done),
                    });
                }
                let row = match read_row(&layout, number, &cells, now) {
                    Ok(Some(row)) => row,
                    Ok(None) => continue,
                    Err(refused) => {
                        report.rows += 1;
                        report.errors.push(refused);
                        continue;
                    }
                };
                report.rows += 1;
                let outcome = match store.write(|tx| import_row(tx, &run, &row)) {
                    Ok(outcome) => outcome,
                    Err(e) => Outcome::Refused(refusal(&run, &row, &cells, e)?),
                };
                match outcome {
                    Outcome::Created => report.created += 1,
                    Outcome::Updated => report.updated += 1,
                    Outcome::Merged => report.merged += 1,
                    Outcome::Skipped => report.skipped_duplicates += 1,
                    Outcome::Refused(e) => report.errors.push(e),
                }
            }
            progress(ImportProgress { done, total: done });
            let keep = !options.dry_run && (!options.all_or_nothing || report.errors.is_empty());
            if keep {
                store.write(|tx| settle_import(tx, &import_id, &report, store.now()))?;
            }
            Ok((keep, keep))
        })?;
        if let Some(failure) = failure {
            return Err(failure);
        }
        report.written = written;
        report.import_id = written.then_some(import_id);
        Ok(report)
    }
}

/// A row the book refused, as its report entry; an error that is not about the row
/// (storage, a busy book) stops the import.
fn refusal(run: &Run<'_>, row: &ImportedRow, cells: &[String], e: StoreError) -> Result<RowError> {
    let column = |field: Field| {
        run.layout.column_of(field).map(|c| {
            (
                run.layout.headers[c].clone(),
                cells.get(c).cloned().unwrap_or_default(),
            )
        })
    };
    let (column, value, reason) = match e {
        StoreError::Forbidden(f) => {
            let (column, value) = column(Field::Owner).unwrap_or(("owner".into(), String::new()));
            (column, value, f.to_string())
        }
        StoreError::Invalid(ValidationError { field, rule }) => {
            let source = match field.split(['.', '[']).next() {
                Some("owner") => Some(Field::Owner),
                Some("contacts") => None,
                Some("intent") => Some(Field::Vehicle),
                _ => None,
            };
            let (column, value) = source
                .and_then(column)
                .or_else(|| {
                    row.contact_columns
                        .first()
                        .cloned()
                        .zip(row.contact_values.first().cloned())
                })
                .unwrap_or_else(|| (field.clone(), String::new()));
            (column, value, format!("{field} {rule}"))
        }
        other @ (StoreError::Duplicate { .. }
        | StoreError::Conflict { .. }
        | StoreError::NotFound { .. }) => (
            row.contact_columns.first().cloned().unwrap_or_default(),
            row.contact_values.first().cloned().unwrap_or_default(),
            other.to_string(),
        ),
        other => return Err(other),
    };
    Ok(RowError {
        row: row.row,
        column,
        value,
        reason,
    })
}

/// Writes one row: a new customer, or the duplicate policy applied to the customer whose
/// contact it shares.
fn import_row(tx: &Connection, run: &Run<'_>, row: &ImportedRow) -> Result<Outcome> {
    let mut holder: Option<(usize, CustomerId)> = None;
    for (i, contact) in row.profile.contacts.iter().enumerate() {
        let found = find_duplicates(tx, std::slice::from_ref(contact), None, &[])?;
        let Some(DuplicateHolder::Customer(id)) = found.into_iter().next().map(|d| d.holder) else {
            continue;
        };
        match &holder {
            None => holder = Some((i, id)),
            Some((_, first)) if *first == id => {}
            Some((first_contact, _)) => {
                return Ok(Outcome::Refused(RowError {
                    row: row.row,
                    column: row.contact_columns[i].clone(),
                    value: row.contact_values[i].clone(),
                    reason: format!(
                        "belongs to another customer than the {} of this row",
                        row.contact_columns[*first_contact]
                    ),
                }));
            }
        }
    }
    match holder {
        None => create(tx, run, row).map(|()| Outcome::Created),
        Some((_, id)) => apply_policy(tx, run, row, &id),
    }
}

/// A new customer from `row`, created at the row's date (the dealership's midnight) or
/// now, with its intent level and the car wanted, linked to the import.
fn create(tx: &Connection, run: &Run<'_>, row: &ImportedRow) -> Result<()> {
    let profile = with_default_owner(tx, row.profile.clone())?;
    check_new_owner(tx, profile.owner.as_deref())?;
    let created = row
        .created_on
        .map_or(run.now, |day| run.zone.start_of(day).min(run.now));
    let id = CustomerId(new_id_at(created));
    insert_new(tx, &id, &profile, created, run.now)?;
    append(tx, &id, created, None, &TimelineEntry::CustomerCreated)?;
    if let Some(level) = row.intent_level.filter(|l| *l != IntentLevel::N) {
        set_level_in(tx, &id, 1, level, None, run.now)?;
    }
    if let Some(model) = &row.vehicle {
        let intent = NewVehicleIntent {
            model: Some(model.clone()),
            ..NewVehicleIntent::new(id.clone())
        };
        add_intent_in(tx, &intent, None, run.now)?;
    }
    link_customer(tx, run.import_id, &id)
}

/// The duplicate policy applied to customer `id`, who has one of `row`'s contacts.
fn apply_policy(
    tx: &Connection,
    run: &Run<'_>,
    row: &ImportedRow,
    id: &CustomerId,
) -> Result<Outcome> {
    let merge = match run.policy {
        DuplicatePolicy::Skip => return Ok(Outcome::Skipped),
        DuplicatePolicy::UpdateEmpty => false,
        DuplicatePolicy::Merge => true,
    };
    let current =
        read_customer(tx, id.as_str())?.ok_or_else(|| StoreError::not_found("customer", id))?;
    let mut next = current.profile.merged_with(&row.profile, run.now)?;
    if !merge {
        next.contacts.clone_from(&current.profile.contacts);
        next.tags.clone_from(&current.profile.tags);
        next.importance = current.profile.importance;
    }
    if next == current.profile {
        return Ok(Outcome::Skipped);
    }
    if next.owner != current.profile.owner {
        check_new_owner(tx, next.owner.as_deref())?;
    }
    change_customer(tx, id, current.version, run.now, |tx, c| {
        set_profile(tx, c, next, run.now, None)
    })?;
    Ok(if merge {
        Outcome::Merged
    } else {
        Outcome::Updated
    })
}

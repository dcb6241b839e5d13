//! Importing a follow-up history sheet (导入跟进记录): each row's customer found by its
//! phone, the rows put in time order and imported by the store's batch follow-up import
//! ([`Store::import_follow_ups`]) in one transaction; refused rows reported.

use crate::customer::duplicates::find_duplicates;
use crate::settings::stored::read_zone;
use crate::spreadsheet::report::{ImportError, ImportProgress};
use crate::spreadsheet::source::{fingerprint, open_sheet, SheetInput};
use crate::store::Store;
use crate::{DuplicateHolder, FollowUpImport, StoreError};
use crm_core::spreadsheet::{read_follow_up_row, FollowUpColumn, FollowUpLayout, RowError};
use crm_core::{ContactInput, ContactKind, NewFollowUp};

/// What a follow-up sheet's import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FollowUpSheetReport {
    /// The file's name.
    pub file_name: String,
    /// Data rows read (blank rows not counted).
    pub rows: u64,
    /// Follow-ups imported.
    pub imported: u64,
    /// One entry per refused row.
    pub errors: Vec<RowError>,
    /// Headers of the columns that were not read.
    pub unknown_columns: Vec<String>,
}

/// The column a follow-up's validation error names (`follow_ups[3].content`).
fn column_of(field: &str) -> FollowUpColumn {
    match field.rsplit('.').next() {
        Some("content") => FollowUpColumn::Content,
        Some("consultant") => FollowUpColumn::Consultant,
        _ => FollowUpColumn::Time,
    }
}

impl Store {
    /// Imports a sheet of follow-ups (CSV or Excel, read as
    /// [`Store::import_customer_sheet`] reads a sheet): each row names its customer by a
    /// phone the book has, and is stored as [`Store::log_follow_up`] would have stored it
    /// then (the time read on the dealership's clock). Rows are imported in time order, in
    /// one transaction; a row whose phone no customer has, or whose follow-up the
    /// validation refuses, is reported and left out.
    pub fn import_follow_up_sheet(
        &self,
        input: &SheetInput,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<FollowUpSheetReport, ImportError> {
        let print = fingerprint(input).map_err(|e| ImportError::Unreadable(e.to_string()))?;
        let sheet = open_sheet(input, &print)?;
        let layout = FollowUpLayout::from_headers(&sheet.headers)
            .map_err(|e| ImportError::Unreadable(e.to_string()))?;
        let mut report = FollowUpSheetReport {
            file_name: input.file_name(),
            unknown_columns: layout.unknown_columns(),
            ..FollowUpSheetReport::default()
        };
        let zone = self.read(read_zone)?;
        let mut items: Vec<(u64, Vec<String>, FollowUpImport)> = Vec::new();
        let mut done = 0;
        for row in sheet.rows {
            let (number, cells) = row?;
            done += 1;
            let read = match read_follow_up_row(&layout, number, &cells) {
                Ok(Some(read)) => read,
                Ok(None) => continue,
                Err(e) => {
                    report.rows += 1;
                    report.errors.push(e);
                    continue;
                }
            };
            report.rows += 1;
            let phone_column = layout.column_of(FollowUpColumn::Phone).unwrap_or_default();
            let refuse = |reason: String| RowError {
                row: number,
                column: layout.headers[phone_column].clone(),
                value: read.phone.clone(),
                reason,
            };
            let kind = if ContactInput::new(ContactKind::Mobile, &read.phone)
                .validate()
                .is_ok()
            {
                ContactKind::Mobile
            } else {
                ContactKind::Landline
            };
            let contact = match ContactInput::new(kind, &read.phone).validate() {
                Ok(c) => c,
                Err(e) => {
                    report.errors.push(refuse(format!("{}", e.rule)));
                    continue;
                }
            };
            let holder =
                self.read(|tx| find_duplicates(tx, std::slice::from_ref(&contact), None, &[]))?;
            let Some(DuplicateHolder::Customer(customer)) =
                holder.into_iter().next().map(|d| d.holder)
            else {
                report
                    .errors
                    .push(refuse("no customer of the book has this phone".into()));
                continue;
            };
            let at = zone.instant_at(read.at);
            let mut follow_up =
                NewFollowUp::new(customer, read.method, read.kind, at, read.content);
            follow_up.consultant = read.consultant;
            items.push((
                number,
                cells,
                FollowUpImport {
                    follow_up,
                    next: None,
                    logged_at: at,
                },
            ));
            if done % 256 == 0 {
                progress(ImportProgress {
                    done,
                    total: sheet.total.max(done),
                });
            }
        }
        items.sort_by_key(|(_, _, item)| item.logged_at);
        // The batch import refuses the whole batch at its first bad item: that item is
        // reported and left out, and the rest tried again (validation comes before any write).
        loop {
            let batch: Vec<FollowUpImport> = items.iter().map(|(_, _, i)| i.clone()).collect();
            match self.import_follow_ups(&batch) {
                Ok(ids) => {
                    report.imported = ids.len() as u64;
                    break;
                }
                Err(StoreError::Invalid(e)) => {
                    let index = e
                        .field
                        .strip_prefix("follow_ups[")
                        .and_then(|rest| rest.split(']').next())
                        .and_then(|i| i.parse::<usize>().ok());
                    let Some(index) = index.filter(|i| *i < items.len()) else {
                        return Err(StoreError::Invalid(e).into());
                    };
                    let (number, cells, _) = items.remove(index);
                    let column = layout.column_of(column_of(&e.field)).unwrap_or_default();
                    report.errors.push(RowError {
                        row: number,
                        column: layout.headers.get(column).cloned().unwrap_or_default(),
                        value: cells.get(column).cloned().unwrap_or_default(),
                        reason: format!(
                            "{} {}",
                            e.field.split_once('.').map_or("", |(_, f)| f),
                            e.rule
                        ),
                    });
                }
                Err(other) => return Err(other.into()),
            }
        }
        report.errors.sort_by_key(|e| e.row);
        progress(ImportProgress { done, total: done });
        Ok(report)
    }
}

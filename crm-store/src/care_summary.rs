//! How much care work the book holds (关怀任务概况): per task kind, the tasks stored, how
//! many are still to do, due today and overdue. One pass grouped by kind over `care_tasks`.

use crate::care_store::CARE_PENDING;

use crate::error::Result;
use crate::rows::code;
use crate::store::Store;
use crate::time::day_number;
use chrono::NaiveDate;
use crm_core::{CareTaskKind, Code};

/// The care tasks of one kind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CareKindCount {
    /// The kind (day-3 call, maintenance, birthday ...).
    pub kind: CareTaskKind,
    /// Tasks stored, whatever their status.
    pub tasks: u64,
    /// Open or snoozed: still to do.
    pub pending: u64,
    /// Pending and in today's agenda (due, or snoozed to, today).
    pub due_today: u64,
    /// Pending and in the agenda since before today.
    pub overdue: u64,
}

impl Store {
    /// The care tasks per kind as of the dealership's local date `today`, kinds in
    /// [`CareTaskKind`] order, only kinds with tasks. Archived customers' tasks count too
    /// (the agenda leaves them out).
    pub fn care_summary(&self, today: NaiveDate) -> Result<Vec<CareKindCount>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT kind, count(*),
                        coalesce(sum({CARE_PENDING}), 0),
                        coalesce(sum({CARE_PENDING} AND agenda_on = ?1), 0),
                        coalesce(sum({CARE_PENDING} AND agenda_on < ?1), 0)
                 FROM care_tasks GROUP BY kind"
            ))?;
            let mut rows = stmt.query([day_number(today)])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(CareKindCount {
                    kind: code::<CareTaskKind>(&row.get::<_, String>(0)?, "care_tasks.kind")?,
                    tasks: row.get(1)?,
                    pending: row.get(2)?,
                    due_today: row.get(3)?,
                    overdue: row.get(4)?,
                });
            }
            out.sort_by_key(|c: &CareKindCount| {
                CareTaskKind::ALL.iter().position(|k| *k == c.kind)
            });
            Ok(out)
        })
    }
}

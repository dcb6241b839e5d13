//! How much care work the book holds (关怀任务概况): per task kind, the tasks stored, how
//! many are still to do, due today and overdue. One pass over every care schedule.

use crate::care::schedule::decode;
use crate::db::time::day_number;
use crate::error::Result;
use crate::store::Store;
use chrono::NaiveDate;
use crm_core::{is_pending, CareTaskKind, Code};

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
    /// (the agenda leaves them out). Decodes every care schedule: a pass over the book.
    pub fn care_summary(&self, today: NaiveDate) -> Result<Vec<CareKindCount>> {
        self.read(|tx| {
            let today = day_number(today);
            let mut counts: Vec<CareKindCount> = Vec::new();
            let mut stmt = tx.prepare_cached("SELECT tasks FROM care_schedules")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for r in decode(&row.get::<_, Vec<u8>>(0)?)? {
                    let kind = r.task.kind();
                    let at = match counts.iter().position(|c| c.kind == kind) {
                        Some(at) => at,
                        None => {
                            counts.push(CareKindCount {
                                kind,
                                tasks: 0,
                                pending: 0,
                                due_today: 0,
                                overdue: 0,
                            });
                            counts.len() - 1
                        }
                    };
                    let Some(c) = counts.get_mut(at) else {
                        continue;
                    };
                    c.tasks += 1;
                    if is_pending(&r.status) {
                        c.pending += 1;
                        let on = day_number(r.agenda_date());
                        c.due_today += u64::from(on == today);
                        c.overdue += u64::from(on < today);
                    }
                }
            }
            let mut out = counts;
            out.sort_by_key(|c: &CareKindCount| {
                CareTaskKind::ALL.iter().position(|k| *k == c.kind)
            });
            Ok(out)
        })
    }
}

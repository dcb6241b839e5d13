//! A care run (关怀任务生成): the care tasks due in a window, generated for every
//! delivered customer's facts by the pure engine ([`crm_core::CarePlanner`]) and kept per
//! customer in their care schedule ([`crate::care::schedule`]).
//!
//! A run ([`Store::generate_care`]) loads all facts with a few set-based queries
//! ([`crate::care::facts`]) and every schedule's run mark. A customer whose mark says the
//! last run planned the same window from the same rules and facts is skipped. The others
//! are planned on two threads, each customer's stored tasks brought in line with the plan
//! ([`crm_core::reconcile`]: new tasks added, open or snoozed ones that changed rewritten,
//! those that no longer come back removed, done and skipped ones never touched), given
//! the status their moves settle on ([`crate::care::task_moves`]: moves made on other
//! devices), and encoded there, while the connection writes the finished schedules. Re-running a window
//! writes nothing.

use crate::care::facts::{load_care_facts, CareFacts};
use crate::care::rules::read_care_rules;
use crate::care::schedule::{
    decode, digest, encode, next_on, rules_hasher, save_encoded, save_mark, RunMark,
};
use crate::care::task_moves::{all_moves, remember_window};
use crate::db::connection::CACHE_KIB;
use crate::error::Result;
use crate::privacy::retention::erase_due;
use crate::settings::stored::read_odometer_limits;
use crate::store::Store;
use crm_core::{
    apply_moves, due_in, reconcile, CarePlanner, CareTaskMove, DateWindow, ReconcileTally,
};
use rusqlite::{Connection, OptionalExtension};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::mpsc;

/// The writer's page cache during a care run, in KiB (see [`Store::generate_care`]).
const RUN_CACHE_KIB: i64 = 256 * 1024;

/// The digest marked on the schedule of a customer without a car: the rules make nothing
/// of them whatever the rules, so only the window tells whether a run has seen them.
const NO_FACTS_DIGEST: i64 = 0;

/// Schedules a planning thread hands the connection at a time.
const BATCH: usize = 512;

/// What a care run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CareRunSummary {
    /// Tasks due in the window that were not made because no channel was left: none the
    /// customer can be reached on and has not refused, or, for greetings and marketing,
    /// none they consented to. They come when the consent or the contacts do.
    pub blocked_by_consent: u64,
    /// Tasks stored for the first time.
    pub added: u64,
    /// Open or snoozed tasks rewritten because the rules or facts changed (status kept).
    pub updated: u64,
    /// Open or snoozed tasks of the window deleted because they no longer come back
    /// (consent withdrawn, a corrected date, a rule turned off …).
    pub removed: u64,
    /// Tasks generated again as they were, and done or skipped tasks left as they are.
    pub unchanged: u64,
    /// Customers the retention rule erased before planning (lost or dormant for longer
    /// than the dealership keeps them; see [`Store::run_retention`]); 0 while it is off.
    pub erased_by_retention: u64,
}

/// What a run knows of a stored schedule before planning: its owner and run mark.
struct Marked {
    owner: Option<String>,
    mark: Option<RunMark>,
}

/// What a run reads of every schedule before planning (`care_schedules_marks`).
const MARKS: &str = "SELECT customer_id, owner, run_from, run_to, run_digest, run_tasks,
        run_blocked FROM care_schedules";

/// Every schedule's owner and run mark, by customer.
fn marks(conn: &Connection) -> Result<HashMap<String, Marked>> {
    let mut stmt = conn.prepare_cached(MARKS)?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::default();
    while let Some(row) = rows.next()? {
        let mark = match (
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
            row.get(6)?,
        ) {
            (Some(from), Some(to), Some(digest), Some(tasks), Some(blocked)) => Some(RunMark {
                from,
                to,
                digest,
                tasks,
                blocked,
            }),
            _ => None,
        };
        out.insert(
            row.get(0)?,
            Marked {
                owner: row.get(1)?,
                mark,
            },
        );
    }
    Ok(out)
}

/// A customer to plan: their facts (none when they no longer have a car, so that their
/// pending tasks of the window go), their stored schedule if any, the digest to mark.
struct Work<'f> {
    customer: &'f str,
    owner: Option<&'f str>,
    facts: Option<&'f CareFacts>,
    stored: Option<Vec<u8>>,
    digest: i64,
    /// The customer's care task moves, from this device and others.
    moves: &'f [CareTaskMove],
}

/// A planned customer, ready to write: the new encoded schedule (`None` when the tasks
/// did not change and only the mark is new).
struct Done<'f> {
    customer: &'f str,
    owner: Option<&'f str>,
    schedule: Option<(Vec<u8>, Option<i64>)>,
    mark: RunMark,
    tally: ReconcileTally,
    blocked: u64,
}

/// Plans one customer and reconciles their stored tasks with the plan.
fn plan_one<'f>(planner: &CarePlanner, w: Work<'f>) -> Result<Done<'f>> {
    let window = planner.window();
    let had = w.stored.is_some();
    let stored = w
        .stored
        .as_deref()
        .map(decode)
        .transpose()?
        .unwrap_or_default();
    let plan = w
        .facts
        .map(|f| planner.plan(&f.customer))
        .unwrap_or_default();
    let (mut tasks, tally) = reconcile(stored, plan.tasks, window);
    let moved = apply_moves(&mut tasks, w.moves);
    let blocked = plan.blocked_by_consent;
    let mark = RunMark::new(window, w.digest, due_in(&tasks, window), blocked);
    let schedule = if tally.changed() || moved || !had {
        Some((encode(&tasks)?, next_on(&tasks)))
    } else {
        None
    };
    Ok(Done {
        customer: w.customer,
        owner: w.owner,
        schedule,
        mark,
        tally,
        blocked,
    })
}

/// Plans `work` in batches sent to `out`; stops when the receiver has gone.
fn plan_all<'f>(
    planner: &CarePlanner,
    work: Vec<Work<'f>>,
    out: mpsc::SyncSender<Vec<Result<Done<'f>>>>,
) {
    let mut batch = Vec::with_capacity(BATCH);
    for w in work {
        batch.push(plan_one(planner, w));
        if batch.len() == BATCH && out.send(std::mem::take(&mut batch)).is_err() {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = out.send(batch);
    }
}

/// What a run adds up over its customers.
#[derive(Default)]
struct Totals {
    tally: ReconcileTally,
    blocked: u64,
}

impl Totals {
    /// Adds a skipped customer's mark: their tasks unchanged, their blocked ones.
    fn skipped(&mut self, mark: RunMark) {
        self.tally.unchanged += u64::try_from(mark.tasks).unwrap_or(0);
        self.blocked += u64::try_from(mark.blocked).unwrap_or(0);
    }
}

/// The customers a run must plan (the others' marks match), with their stored
/// schedules; adds the skipped customers' marks to `totals`.
fn work_list<'f>(
    conn: &Connection,
    planner: &CarePlanner,
    facts: &'f [CareFacts],
    marks: &'f HashMap<String, Marked>,
    moves: &'f HashMap<String, Vec<CareTaskMove>>,
    totals: &mut Totals,
) -> Result<Vec<Work<'f>>> {
    let moves_of = |customer: &str| moves.get(customer).map_or(&[][..], Vec::as_slice);
    let window = planner.window();
    let rules = rules_hasher(planner.rules(), planner.odometer_limits());
    let mut load =
        conn.prepare_cached("SELECT tasks FROM care_schedules WHERE customer_id = ?1")?;
    let mut work = Vec::new();
    let mut with_facts = HashSet::with_capacity_and_hasher(facts.len(), Default::default());
    for f in facts {
        let customer = f.customer.id.as_str();
        with_facts.insert(customer);
        let digest = digest(&rules, window, &f.customer);
        let marked = marks.get(customer);
        if let Some(m) = marked.and_then(|m| m.mark) {
            if m.matches(window, digest) {
                totals.skipped(m);
                continue;
            }
        }
        let stored = match marked {
            Some(_) => load.query_row([customer], |r| r.get(0)).optional()?,
            None => None,
        };
        work.push(Work {
            customer,
            owner: f.owner.as_deref(),
            facts: Some(f),
            stored,
            digest,
            moves: moves_of(customer),
        });
    }
    // Schedules of customers without a car any more: their pending tasks of the window go.
    for (customer, m) in marks {
        if with_facts.contains(customer.as_str()) {
            continue;
        }
        let digest = NO_FACTS_DIGEST;
        if let Some(k) = m.mark.filter(|k| k.matches(window, digest)) {
            totals.skipped(k);
            continue;
        }
        work.push(Work {
            customer,
            owner: m.owner.as_deref(),
            facts: None,
            stored: load.query_row([customer], |r| r.get(0)).optional()?,
            digest,
            moves: moves_of(customer),
        });
    }
    Ok(work)
}

/// Writes the planned schedules as they come, adding their tallies to `totals`; takes the
/// receiver so that it is gone when this returns.
fn write_all<'f>(
    conn: &Connection,
    rx: mpsc::Receiver<Vec<Result<Done<'f>>>>,
    totals: &mut Totals,
) -> Result<()> {
    for batch in rx {
        for done in batch {
            let d = done?;
            match &d.schedule {
                Some((blob, next)) => {
                    save_encoded(conn, d.customer, d.owner, blob, *next, Some(d.mark))?
                }
                None => save_mark(conn, d.customer, d.mark)?,
            }
            totals.tally.add(d.tally);
            totals.blocked += d.blocked;
        }
    }
    Ok(())
}

/// The run itself, inside the caller's transaction.
pub(crate) fn run(conn: &Connection, planner: &CarePlanner) -> Result<CareRunSummary> {
    let facts = load_care_facts(conn)?;
    let marks = marks(conn)?;
    let moves = all_moves(conn)?;
    let mut totals = Totals::default();
    let mut work = work_list(conn, planner, &facts, &marks, &moves, &mut totals)?;
    let second = work.split_off(work.len() / 2);
    std::thread::scope(|s| -> Result<()> {
        let (tx, rx) = mpsc::sync_channel(4);
        let tx2 = tx.clone();
        let a = s.spawn(move || plan_all(planner, work, tx));
        let b = s.spawn(move || plan_all(planner, second, tx2));
        let written = write_all(conn, rx, &mut totals);
        // `write_all` has dropped the receiver: after an error the planners stop at their
        // next send.
        for h in [a, b] {
            if let Err(panic) = h.join() {
                std::panic::resume_unwind(panic);
            }
        }
        written
    })?;
    let tally = totals.tally;
    Ok(CareRunSummary {
        blocked_by_consent: totals.blocked,
        added: tally.added,
        updated: tally.updated,
        removed: tally.removed,
        unchanged: tally.unchanged,
        erased_by_retention: 0,
    })
}

impl Store {
    /// Generates the care tasks due in `window` for every customer with a delivered car,
    /// under the stored rules (see the module's documentation): new tasks stored open,
    /// open and snoozed ones brought up to date, those that no longer come back removed,
    /// done and skipped ones left alone. Idempotent: the same window again writes nothing.
    /// Customers the retention rule erases (see [`Store::run_retention`]) are erased first,
    /// in the same transaction. Errors: a window the engine refuses (field `from` or `to`).
    pub fn generate_care(&self, window: DateWindow) -> Result<CareRunSummary> {
        let now = self.now();
        let summary = self.write(|tx| {
            // The retention rule first: no task is planned for a customer it erases.
            let (erased, _) = erase_due(tx, now, now)?;
            let planner = CarePlanner::new(&read_care_rules(tx)?, window)?
                .with_odometer_limits(read_odometer_limits(tx)?)?;
            // A year's run for a large book writes a few hundred MiB of pages: with the
            // usual cache they would spill to the log and be read back again and again.
            // Pages are taken as needed and given back at the commit.
            tx.pragma_update(None, "cache_size", -RUN_CACHE_KIB)?;
            let summary = run(tx, &planner);
            tx.pragma_update(None, "cache_size", -CACHE_KIB)?;
            remember_window(tx, window)?;
            Ok(CareRunSummary {
                erased_by_retention: erased.len() as u64,
                ..summary?
            })
        })?;
        if summary.erased_by_retention > 0 {
            self.compact()?;
        }
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::MARKS;
    use crate::care::schedule::AGENDA_SCHEDULES;
    use crate::db::query_plan::query_plan;
    use crate::store::Store;

    #[test]
    fn a_run_reads_the_marks_and_the_agenda_its_schedules_from_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("crm.sqlite3")).unwrap();
        let marks = query_plan(&store, MARKS, &[]);
        assert!(
            marks.contains("COVERING INDEX care_schedules_marks"),
            "{marks}"
        );
        let agenda = query_plan(&store, AGENDA_SCHEDULES, &[]);
        assert!(
            agenda.contains("USING INDEX care_schedules_by_owner (owner=? AND next_on<?)"),
            "{agenda}"
        );
    }
}

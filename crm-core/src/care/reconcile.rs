//! Bringing one customer's stored care tasks in line with what the rules now make of a
//! window (a care run, for one customer). Pure: the store loads the customer's tasks,
//! calls [`reconcile`] and saves the result.
//!
//! The rules of a run:
//! - a task made for the window whose key is not stored is added, open;
//! - a stored task with the same key is left alone when it is done or skipped, or when it
//!   is exactly what the rules make; an open or snoozed one that differs takes the new
//!   contents and keeps its status (a snoozed task stays snoozed to the same date);
//! - an open or snoozed task due in the window that the rules no longer make (consent
//!   withdrawn, a corrected date, a rule turned off …) is removed;
//! - done and skipped tasks, and tasks due outside the window, are never touched.
//!
//! Keys are matched whatever a stored task's due date, so a task whose date moved into the
//! window is rewritten, not duplicated.

use crate::care::facts::DateWindow;
use crate::care::status::{CareTaskRecord, CareTaskStatus};
use crate::care::task::CareTask;
use std::collections::HashMap;

/// What a run did to one customer's tasks (summed over customers by the store).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ReconcileTally {
    /// Tasks stored for the first time.
    pub added: u64,
    /// Open or snoozed tasks given new contents (status kept).
    pub updated: u64,
    /// Open or snoozed tasks of the window removed because the rules no longer make them.
    pub removed: u64,
    /// Tasks made again as they were, and done or skipped tasks left as they are.
    pub unchanged: u64,
}

impl ReconcileTally {
    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: ReconcileTally) {
        self.added += other.added;
        self.updated += other.updated;
        self.removed += other.removed;
        self.unchanged += other.unchanged;
    }

    /// Whether the run changed anything.
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// Whether a task with `status` may still be rewritten or removed by a run: open or
/// snoozed.
pub fn is_pending(status: &CareTaskStatus) -> bool {
    matches!(
        status,
        CareTaskStatus::Open | CareTaskStatus::Snoozed { .. }
    )
}

/// One customer's `stored` tasks (any order, each key once) brought in line with
/// `planned`, the tasks the rules make for `window` (each key once, as
/// [`crate::CarePlanner::tasks_for`] gives them). Returns the tasks to keep, by due date
/// then key, and what changed. Stored tasks outside the window stay as they are.
pub fn reconcile(
    stored: Vec<CareTaskRecord>,
    planned: Vec<CareTask>,
    window: DateWindow,
) -> (Vec<CareTaskRecord>, ReconcileTally) {
    let mut tally = ReconcileTally::default();
    let mut by_key: HashMap<&str, usize> = HashMap::with_capacity(stored.len());
    for (i, r) in stored.iter().enumerate() {
        by_key.insert(r.task.key.as_str(), i);
    }
    // What becomes of each stored task: None = untouched, Some(i) = replaced by planned[i].
    let mut matched: Vec<Option<Option<usize>>> = vec![None; stored.len()];
    let mut fresh = Vec::new();
    for (p, task) in planned.iter().enumerate() {
        match by_key.get(task.key.as_str()) {
            None => fresh.push(p),
            Some(&i) => {
                let r = &stored[i];
                if is_pending(&r.status) && r.task != *task {
                    tally.updated += 1;
                    matched[i] = Some(Some(p));
                } else {
                    tally.unchanged += 1;
                    matched[i] = Some(None);
                }
            }
        }
    }
    drop(by_key);
    let mut planned: Vec<Option<CareTask>> = planned.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(stored.len() + fresh.len());
    for (r, m) in stored.into_iter().zip(matched) {
        match m {
            Some(Some(p)) => out.push(CareTaskRecord {
                task: planned[p].take().unwrap_or_else(|| r.task.clone()),
                status: r.status,
            }),
            Some(None) => out.push(r),
            None if window.contains(r.task.due_on) => {
                if is_pending(&r.status) {
                    tally.removed += 1;
                } else {
                    tally.unchanged += 1;
                    out.push(r);
                }
            }
            None => out.push(r),
        }
    }
    for p in fresh {
        if let Some(task) = planned[p].take() {
            tally.added += 1;
            out.push(CareTaskRecord::open(task));
        }
    }
    sort_schedule(&mut out);
    (out, tally)
}

/// Sorts a customer's tasks by due date then key: the order a schedule keeps.
pub fn sort_schedule(tasks: &mut [CareTaskRecord]) {
    tasks.sort_unstable_by(|a, b| (a.task.due_on, &a.task.key).cmp(&(b.task.due_on, &b.task.key)));
}

/// How many of `tasks` are due in `window`: what a re-run that finds nothing changed
/// counts as unchanged.
pub fn due_in(tasks: &[CareTaskRecord], window: DateWindow) -> u64 {
    tasks
        .iter()
        .filter(|r| window.contains(r.task.due_on))
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::facts::{CareCar, CareCustomer};
    use crate::care::planner::CarePlanner;
    use crate::care::rules::CareRules;
    use crate::customer::CustomerId;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn customer() -> CareCustomer {
        CareCustomer {
            id: CustomerId("c1".into()),
            birthday: Some(date("1990-03-15")),
            // Granted on WeChat, where greetings and offers go first.
            consent: crate::care::consent::ConsentStates::default().with(
                crate::care::consent::ConsentChannel::Wechat,
                crate::care::consent::ConsentState::Granted,
            ),
            reachable: crate::care::consent::ChannelSet::ALL,
            cars: vec![CareCar {
                id: "car1".into(),
                delivered_on: date("2025-01-10"),
                delivery_km: 10,
                registered_on: None,
                readings: vec![],
                services: vec![],
                insurance_ends_on: vec![date("2025-09-01")],
            }],
        }
    }

    fn window() -> DateWindow {
        DateWindow::new(date("2025-01-01"), date("2025-12-31")).unwrap()
    }

    fn plan(rules: &CareRules) -> Vec<CareTask> {
        CarePlanner::new(rules, window())
            .unwrap()
            .tasks_for(&customer())
    }

    #[test]
    fn a_first_run_adds_everything_and_a_second_changes_nothing() {
        let planned = plan(&CareRules::default());
        assert!(planned.len() > 5);
        let (tasks, tally) = reconcile(vec![], planned.clone(), window());
        assert_eq!(tally.added as usize, planned.len());
        assert_eq!(tasks.len(), planned.len());
        let (again, tally) = reconcile(tasks.clone(), planned.clone(), window());
        assert_eq!(again, tasks);
        assert_eq!(
            tally,
            ReconcileTally {
                unchanged: planned.len() as u64,
                ..Default::default()
            }
        );
        assert_eq!(due_in(&again, window()), planned.len() as u64);
    }

    #[test]
    fn changed_rules_rewrite_pending_tasks_keep_closed_ones_and_drop_vanished_ones() {
        let (mut tasks, _) = reconcile(vec![], plan(&CareRules::default()), window());
        let at = Utc.with_ymd_and_hms(2025, 2, 1, 0, 0, 0).unwrap();
        let insurance = tasks
            .iter()
            .position(|r| r.task.key.as_str().starts_with("insurance:"))
            .unwrap();
        tasks[insurance] = tasks[insurance].complete("续保了", at).unwrap().record;
        let birthday = tasks
            .iter()
            .position(|r| r.task.key.as_str().starts_with("birthday:"))
            .unwrap();
        tasks[birthday] = tasks[birthday]
            .snooze(date("2025-04-01"), date("2025-03-10"))
            .unwrap()
            .record;
        let mut rules = CareRules::default();
        rules.insurance.lead_days = 45;
        rules.birthday.lead_days = 3;
        rules.holidays.enabled = false;
        let planned = plan(&rules);
        let holidays = tasks
            .iter()
            .filter(|r| r.task.key.as_str().starts_with("holiday:"))
            .count() as u64;
        let (after, tally) = reconcile(tasks.clone(), planned, window());
        assert_eq!(tally.removed, holidays);
        assert!(tally.updated >= 1, "{tally:?}");
        let done = after
            .iter()
            .find(|r| r.task.key == tasks[insurance].task.key)
            .unwrap();
        assert_eq!(done, &tasks[insurance], "a done task is never rewritten");
        let snoozed = after
            .iter()
            .find(|r| r.task.key == tasks[birthday].task.key)
            .unwrap();
        assert_eq!(snoozed.status, tasks[birthday].status);
        assert_ne!(snoozed.task, tasks[birthday].task, "new contents");
        assert!(after
            .iter()
            .all(|r| !r.task.key.as_str().starts_with("holiday:")));
    }

    #[test]
    fn tasks_outside_the_window_are_left_alone() {
        let (tasks, _) = reconcile(vec![], plan(&CareRules::default()), window());
        let later = DateWindow::new(date("2026-01-01"), date("2026-03-31")).unwrap();
        let (after, tally) = reconcile(tasks.clone(), vec![], later);
        assert_eq!(after, tasks);
        assert_eq!(tally, ReconcileTally::default());
    }
}

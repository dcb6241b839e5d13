//! The care summary (tasks per kind: stored, pending, due today, overdue) against a
//! brute-force count over the listed tasks, before and after tasks are closed and snoozed.

mod common;

use chrono::NaiveDate;
use common::{customer, test_store, TestStore};
use crm_core::{CareTaskKind, CareTaskRecord, CareTaskStatus, Code, DateWindow, NewCar};
use crm_store::{CareKindCount, CareTaskQuery};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn all_tasks(t: &TestStore) -> Vec<CareTaskRecord> {
    t.store
        .care_tasks(&CareTaskQuery {
            limit: 10_000,
            ..Default::default()
        })
        .unwrap()
}

/// The summary the slow way: every task listed, counted by kind.
fn oracle(t: &TestStore, today: NaiveDate) -> Vec<CareKindCount> {
    let tasks = all_tasks(t);
    CareTaskKind::ALL
        .iter()
        .filter_map(|kind| {
            let of_kind: Vec<&CareTaskRecord> =
                tasks.iter().filter(|r| r.task.kind() == *kind).collect();
            let agenda_on = |r: &CareTaskRecord| match &r.status {
                CareTaskStatus::Open => Some(r.task.due_on),
                CareTaskStatus::Snoozed { until } => Some(*until),
                _ => None,
            };
            let count = |keep: &dyn Fn(NaiveDate) -> bool| {
                of_kind
                    .iter()
                    .filter(|r| agenda_on(r).is_some_and(keep))
                    .count() as u64
            };
            (!of_kind.is_empty()).then(|| CareKindCount {
                kind: *kind,
                tasks: of_kind.len() as u64,
                pending: count(&|_| true),
                due_today: count(&|d| d == today),
                overdue: count(&|d| d < today),
            })
        })
        .collect()
}

#[test]
fn the_summary_counts_what_the_task_list_holds() {
    let t = test_store();
    let today = date("2026-11-27");
    assert_eq!(t.store.care_summary(today).unwrap(), vec![]);
    // Delivered 3 and 10 days ago: a day-3 call due today, a day-3 and a day-7 call overdue.
    for (i, delivered_on) in ["2026-11-24", "2026-11-17"].into_iter().enumerate() {
        let mut new = customer("周到", &format!("1380000000{i}"));
        new.owner = Some("li".into());
        new.birthday = Some(date("1990-11-27"));
        let c = t.store.create_customer(&new).unwrap().id;
        let car = NewCar {
            vin: None,
            brand: "大众".into(),
            model: "ID.4".into(),
            delivered_on: date(delivered_on),
            delivery_km: 10,
            registered_on: None,
            order_id: None,
        };
        t.store.record_car(&c, &car).unwrap();
    }
    let window = DateWindow::new(date("2026-10-28"), date("2027-11-27")).unwrap();
    t.store.generate_care(window).unwrap();
    let summary = t.store.care_summary(today).unwrap();
    assert_eq!(summary, oracle(&t, today));
    let calls = summary
        .iter()
        .find(|c| c.kind == CareTaskKind::DeliveryCall)
        .unwrap();
    assert!(calls.due_today >= 1 && calls.overdue >= 2, "{calls:?}");
    assert!(summary.iter().map(|c| c.tasks).sum::<u64>() == all_tasks(&t).len() as u64);

    // Closing and snoozing move tasks out of today's and the overdue counts.
    let pending: Vec<_> = all_tasks(&t)
        .into_iter()
        .filter(|r| r.status == CareTaskStatus::Open && r.task.due_on <= today)
        .collect();
    t.store
        .complete_care_task(&pending[0].task.key, "客户满意")
        .unwrap();
    t.store
        .skip_care_task(&pending[1].task.key, "联系不上")
        .unwrap();
    t.store
        .snooze_care_task(&pending[2].task.key, date("2026-12-01"))
        .unwrap();
    let after = t.store.care_summary(today).unwrap();
    assert_eq!(after, oracle(&t, today));
    let pending_before: u64 = summary.iter().map(|c| c.pending).sum();
    let pending_after: u64 = after.iter().map(|c| c.pending).sum();
    assert_eq!(pending_after, pending_before - 2);
    let due_before: u64 = summary.iter().map(|c| c.due_today + c.overdue).sum();
    let due_after: u64 = after.iter().map(|c| c.due_today + c.overdue).sum();
    assert_eq!(due_after, due_before - 3);
    // Kinds come in their declared order.
    let order: Vec<usize> = after
        .iter()
        .map(|c| CareTaskKind::ALL.iter().position(|k| *k == c.kind).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

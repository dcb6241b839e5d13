#![cfg(feature = "proptest")]
//! Property tests of a care run for one customer (`reconcile`) and of the keys it finds
//! tasks by: a second run changes nothing, closed tasks are never touched, what the rules
//! make is what is kept, vanished pending tasks of the window go and nothing else does; every
//! key names the car or the customer its task is about.

use chrono::{TimeZone, Utc};
use crm_core::strategies::{care::care_customer, care::care_rules, care::care_window};
use crm_core::{
    due_in, reconcile, CareKeySubject, CarePlanner, CareTaskRecord, CareTaskStatus, ReconcileTally,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Gives every third task a status other than open: done, skipped or snoozed in turn.
fn with_statuses(tasks: Vec<CareTaskRecord>, seed: usize) -> Vec<CareTaskRecord> {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    tasks
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r.status = match (i + seed) % 6 {
                0 => CareTaskStatus::Done {
                    at,
                    outcome: "打过电话".into(),
                },
                2 => CareTaskStatus::Skipped {
                    at,
                    reason: "客户出差".into(),
                },
                4 => CareTaskStatus::Snoozed {
                    until: r.task.due_on.succ_opt().unwrap_or(r.task.due_on),
                },
                _ => CareTaskStatus::Open,
            };
            r
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_key_names_its_car_or_its_customer(c in care_customer(), rules in care_rules(), w in care_window()) {
        for t in CarePlanner::new(&rules, w).unwrap().tasks_for(&c) {
            match (t.key.subject(), &t.car_id) {
                (Some(CareKeySubject::Car(car)), Some(id)) => prop_assert_eq!(car, id.as_str()),
                (Some(CareKeySubject::Customer(id)), None) => prop_assert_eq!(id, c.id.as_str()),
                (s, car) => prop_assert!(false, "{} names {:?}, car {:?}", t.key, s, car),
            }
        }
    }

    #[test]
    fn a_run_against_other_rules_keeps_closed_tasks_and_makes_what_the_rules_make(
        c in care_customer(), before in care_rules(), after in care_rules(), w in care_window(), seed in 0usize..6,
    ) {
        let (first, tally) = reconcile(vec![], CarePlanner::new(&before, w).unwrap().tasks_for(&c), w);
        prop_assert_eq!(tally.added as usize, first.len());
        let stored = with_statuses(first, seed);
        let planned = CarePlanner::new(&after, w).unwrap().tasks_for(&c);
        let (kept, tally) = reconcile(stored.clone(), planned.clone(), w);

        let old: BTreeMap<_, _> = stored.iter().map(|r| (r.task.key.clone(), r)).collect();
        let new: BTreeMap<_, _> = kept.iter().map(|r| (r.task.key.clone(), r)).collect();
        prop_assert_eq!(new.len(), kept.len(), "each key once");
        for r in &stored {
            let closed = matches!(r.status, CareTaskStatus::Done { .. } | CareTaskStatus::Skipped { .. });
            match new.get(&r.task.key) {
                Some(k) if closed => prop_assert_eq!(*k, r, "closed tasks are never touched"),
                Some(k) => prop_assert_eq!(&k.status, &r.status, "pending tasks keep their status"),
                None => prop_assert!(!closed, "closed tasks are never removed"),
            }
        }
        for t in &planned {
            let k = new.get(&t.key).expect("every task the rules make is kept");
            let closed = matches!(k.status, CareTaskStatus::Done { .. } | CareTaskStatus::Skipped { .. });
            if !closed {
                prop_assert_eq!(&k.task, t, "a pending task has what the rules make");
            }
        }
        let gone = stored.iter().filter(|r| !new.contains_key(&r.task.key)).count() as u64;
        prop_assert_eq!(tally.removed, gone);
        let fresh = planned.iter().filter(|t| !old.contains_key(&t.key)).count() as u64;
        prop_assert_eq!(tally.added, fresh);
        prop_assert_eq!(tally.unchanged + tally.updated + tally.removed, stored.len() as u64);

        let (again, tally) = reconcile(kept.clone(), planned, w);
        prop_assert_eq!(&again, &kept, "a second run changes nothing");
        prop_assert_eq!(tally, ReconcileTally { unchanged: due_in(&kept, w), ..Default::default() });
    }
}

#![cfg(feature = "proptest")]
//! Property tests of the care engine: nothing before the delivery, each service once,
//! idempotent and window-independent regeneration, consent respected, tasks in the window.

use chrono::{Days, NaiveDate};
use crm_core::strategies::{care_customer, care_rules, care_window};
use crm_core::{
    services_due, CareCustomer, CareDetail, CarePlanner, CareRules, CareTask, DateWindow, Odometer,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn tasks(c: &CareCustomer, rules: &CareRules, w: DateWindow) -> Vec<CareTask> {
    CarePlanner::new(rules, w).unwrap().tasks_for(c)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_task_before_the_delivery(c in care_customer(), rules in care_rules(), w in care_window()) {
        let first = c.first_delivery();
        for t in tasks(&c, &rules, w) {
            let anchor = match &t.car_id {
                Some(id) => c.cars.iter().filter(|car| &car.id == id).map(|car| car.delivered_on).min(),
                None => first,
            };
            let anchor = anchor.expect("a task names a delivered car or a customer with one");
            prop_assert!(t.due_on >= anchor, "{t:?}");
            prop_assert!(t.event_on >= anchor, "{t:?}");
            prop_assert!(t.due_on <= t.event_on, "{t:?}");
        }
    }

    #[test]
    fn tasks_lie_in_the_window_with_unique_keys(c in care_customer(), rules in care_rules(), w in care_window()) {
        let all = tasks(&c, &rules, w);
        let mut keys = BTreeSet::new();
        for t in &all {
            prop_assert!(w.contains(t.due_on), "{t:?}");
            prop_assert!(keys.insert(t.key.clone()), "duplicate {}", t.key);
        }
    }

    #[test]
    fn each_service_is_due_once_by_distance_or_by_time(c in care_customer(), rules in care_rules(), w in care_window()) {
        let mut per_car: BTreeMap<String, Vec<(u32, NaiveDate)>> = BTreeMap::new();
        for t in tasks(&c, &rules, w) {
            if let CareDetail::Maintenance { service, .. } = t.detail {
                let car = t.car_id.clone().unwrap().to_string();
                prop_assert_eq!(t.key.to_string(), format!("maint:{car}:{service}"));
                per_car.entry(car).or_default().push((service, t.event_on));
            }
        }
        for services in per_car.values_mut() {
            services.sort();
            for pair in services.windows(2) {
                prop_assert!(pair[0].0 < pair[1].0, "service repeated: {services:?}");
                prop_assert!(pair[0].1 < pair[1].1, "services out of order: {services:?}");
            }
        }
        // The whole schedule: numbers 1, 2, 3 … on strictly later dates, each by one
        // trigger that is the earlier of the two.
        let m = &rules.maintenance;
        for car in &c.cars {
            let o = Odometer::new(car.delivered_on, car.delivery_km, &car.readings, m.recent_readings);
            let all = services_due(car.delivered_on, &o, m.intervals(), w.to);
            for (i, s) in all.iter().enumerate() {
                prop_assert_eq!(s.number as usize, i + 1);
                let previous = if i == 0 { car.delivered_on } else { all[i - 1].on };
                prop_assert!(s.on > previous);
            }
        }
    }

    #[test]
    fn regenerating_gives_the_same_tasks(c in care_customer(), rules in care_rules(), w in care_window()) {
        prop_assert_eq!(tasks(&c, &rules, w), tasks(&c, &rules, w));
    }

    #[test]
    fn two_windows_side_by_side_give_the_tasks_of_the_whole(
        c in care_customer(), rules in care_rules(), w in care_window(), cut in 0u64..800,
    ) {
        let span = (w.to - w.from).num_days() as u64;
        let split = w.from.checked_add_days(Days::new(cut % (span + 1))).unwrap();
        let whole = tasks(&c, &rules, w);
        let mut parts = tasks(&c, &rules, DateWindow { from: w.from, to: split });
        if split < w.to {
            let rest = DateWindow { from: split.succ_opt().unwrap(), to: w.to };
            parts.extend(tasks(&c, &rules, rest));
        }
        prop_assert_eq!(parts, whole);
    }

    #[test]
    fn no_task_needing_consent_on_a_refused_channel(c in care_customer(), rules in care_rules(), w in care_window()) {
        for t in tasks(&c, &rules, w) {
            let needs = !t.kind().is_service() || rules.consent.service_reminders_need_consent;
            prop_assert_eq!(t.needs_consent, needs);
            if t.needs_consent {
                prop_assert!(rules.consent.permits(c.consent.state(t.channel)), "{t:?}");
            }
        }
    }
}

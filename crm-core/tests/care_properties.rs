#![cfg(feature = "proptest")]
//! Property tests of the care engine: nothing before the delivery, each service once,
//! idempotent and window-independent regeneration, consent and contacts respected (or the
//! task counted as blocked), tasks in the window.

use chrono::{Days, NaiveDate};
use crm_core::strategies::{care::care_customer, care::care_rules, care::care_window};
use crm_core::{
    services_due, CareCustomer, CareDetail, CarePlanner, CareRules, CareTask, ConsentState,
    DateWindow, Odometer, OdometerLimits,
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
            let o = Odometer::new(car.delivered_on, car.delivery_km, &car.readings, m.recent_readings, OdometerLimits::default());
            let all = services_due(car.delivered_on, &o, m.intervals(), &car.services, w.to);
            for (i, s) in all.iter().enumerate() {
                if car.services.is_empty() {
                    prop_assert_eq!(s.number as usize, i + 1);
                }
                let previous = if i == 0 { car.delivered_on } else { all[i - 1].on };
                prop_assert!(s.on > previous);
                prop_assert!(i == 0 || s.number > all[i - 1].number);
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
    fn a_task_goes_only_where_the_customer_is_reachable_and_has_not_refused(
        c in care_customer(), rules in care_rules(), w in care_window(),
    ) {
        for t in tasks(&c, &rules, w) {
            let needs = !t.kind().is_service() || rules.consent.service_reminders_need_consent;
            prop_assert_eq!(t.needs_consent, needs);
            prop_assert!(c.reachable.contains(t.channel), "{t:?}");
            let state = c.consent.state(t.channel);
            prop_assert!(state != ConsentState::Withdrawn, "{t:?}");
            if t.needs_consent {
                prop_assert!(
                    state == ConsentState::Granted
                        || rules.consent.unknown_allows_marketing.contains(t.channel),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn a_customer_reachable_everywhere_who_agreed_everywhere_has_nothing_blocked(
        mut c in care_customer(), rules in care_rules(), w in care_window(),
    ) {
        let planner = CarePlanner::new(&rules, w).unwrap();
        let blocked = planner.plan(&c).blocked_by_consent;
        let made = planner.plan(&c).tasks.len() as u64;
        c.reachable = crm_core::ChannelSet::ALL;
        c.consent = <crm_core::ConsentChannel as crm_core::Code>::ALL
            .iter()
            .fold(crm_core::ConsentStates::default(), |s, ch| s.with(*ch, ConsentState::Granted));
        let open = planner.plan(&c);
        prop_assert_eq!(open.blocked_by_consent, 0);
        // What was blocked is what opening every channel makes besides.
        prop_assert_eq!(open.tasks.len() as u64, made + blocked);
    }
}

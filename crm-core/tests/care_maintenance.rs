#![cfg(feature = "proptest")]
//! The maintenance schedule against independent oracles, over random reading sequences
//! (typos and readings that run back among them) and known services:
//! - day by day, the predicted distance never grows by more than the daily limit, and
//!   never falls;
//! - never more than one maintenance task per service interval: two consecutive tasks of a
//!   car are the months apart, or the car is predicted to cover the km between them, which
//!   at no more than the daily limit takes whole days;
//! - no task within an interval after a known service (it restarts the count);
//! - readings the store accepts one by one ([`check_reading`]) are all used;
//! - worked examples: the 500,000 km typo, a corrected and a deleted reading.

use chrono::{Days, Months, NaiveDate};
use crm_core::strategies::{care::care_date, care::care_window, care::odometer_readings};
use crm_core::{
    check_reading, CareCar, CareCustomer, CareDetail, CarePlanner, CareRules, CareTask, ChannelSet,
    ConsentStates, DateWindow, Odometer, OdometerLimits, OdometerReading, ServiceVisit,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn customer(car: CareCar) -> CareCustomer {
    CareCustomer {
        id: "c1".into(),
        birthday: None,
        consent: ConsentStates::default(),
        reachable: ChannelSet::ALL,
        cars: vec![car],
    }
}

/// The car's maintenance tasks in `w` as (service, event date), by date.
fn services(
    car: &CareCar,
    rules: &CareRules,
    limits: OdometerLimits,
    w: DateWindow,
) -> Vec<(u32, NaiveDate)> {
    let planner = CarePlanner::new(rules, w)
        .unwrap()
        .with_odometer_limits(limits)
        .unwrap();
    let mut out: Vec<(u32, NaiveDate)> = planner
        .tasks_for(&customer(car.clone()))
        .iter()
        .filter_map(|t: &CareTask| match t.detail {
            CareDetail::Maintenance { service, .. } => Some((service, t.event_on)),
            _ => None,
        })
        .collect();
    out.sort_by_key(|(_, on)| *on);
    out
}

/// The earliest date a whole interval of `months` or `km` after `from` can end when the
/// car covers at most `max_daily_km` a day.
fn interval_end(from: NaiveDate, months: u32, km: u32, max_daily_km: u32) -> NaiveDate {
    let by_time = from.checked_add_months(Months::new(months)).unwrap();
    let days = u64::from(km.div_ceil(max_daily_km));
    by_time.min(from.checked_add_days(Days::new(days)).unwrap())
}

/// A car delivered in 2018-2031 with random readings and known services, rules around the
/// defaults, and a daily limit.
fn scenario() -> impl Strategy<Value = (CareCar, CareRules, OdometerLimits)> {
    (
        care_date(),
        0u32..200,
        (
            1_000u32..=10_000,
            1u32..=12,
            1_000u32..=10_000,
            1u32..=12,
            2u32..=5,
        ),
        0u32..=30,
        prop_oneof![Just(1_500u32), 50u32..=5_000],
        prop::collection::vec((1u64..1_500, prop::option::of(1u32..6)), 0..3),
        any::<u8>(),
    )
        .prop_flat_map(
            |(delivered_on, delivery_km, intervals, lead, max, visits, at_service)| {
                odometer_readings(delivered_on, delivery_km, 8).prop_map(move |readings| {
                    let (first_km, first_months, every_km, every_months, recent) = intervals;
                    let mut services: Vec<ServiceVisit> = readings
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| at_service & (1 << i) != 0)
                        .map(|(_, r)| ServiceVisit {
                            on: r.on,
                            service: None,
                        })
                        .collect();
                    services.extend(visits.iter().map(|(days, service)| ServiceVisit {
                        on: delivered_on.checked_add_days(Days::new(*days)).unwrap(),
                        service: *service,
                    }));
                    let car = CareCar {
                        id: "car1".into(),
                        delivered_on,
                        delivery_km,
                        registered_on: None,
                        readings,
                        services,
                        insurance_ends_on: vec![],
                    };
                    let mut rules = CareRules::default();
                    let m = &mut rules.maintenance;
                    m.first_km = first_km;
                    m.first_months = first_months;
                    m.every_km = every_km;
                    m.every_months = every_months;
                    m.recent_readings = recent;
                    m.lead_days = lead;
                    (car, rules, OdometerLimits { max_daily_km: max })
                })
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_prediction_grows_day_by_day_within_the_limit((car, rules, limits) in scenario()) {
        let o = Odometer::new(
            car.delivered_on,
            car.delivery_km,
            &car.readings,
            rules.maintenance.recent_readings,
            limits,
        );
        let mut day = car.delivered_on;
        let mut km = o.km_on(day);
        for _ in 0..1_500 {
            let next = day.succ_opt().unwrap();
            let next_km = o.km_on(next);
            prop_assert!(next_km >= km, "{day}: {km} then {next_km}");
            prop_assert!(
                next_km - km <= u64::from(limits.max_daily_km),
                "{day}: {km} then {next_km} over {} a day",
                limits.max_daily_km
            );
            day = next;
            km = next_km;
        }
    }

    #[test]
    fn never_more_than_one_maintenance_task_per_service_interval(
        (car, rules, limits) in scenario(), w in care_window(),
    ) {
        let m = &rules.maintenance;
        let max = limits.max_daily_km;
        let o = Odometer::new(car.delivered_on, car.delivery_km, &car.readings, m.recent_readings, limits);
        let planned = services(&car, &rules, limits, w);
        for pair in planned.windows(2) {
            let ((a_n, a_on), (b_n, b_on)) = (pair[0], pair[1]);
            prop_assert!(b_n > a_n, "{planned:?}");
            // A whole interval between them: the months, or the km at no more than the
            // daily limit ...
            prop_assert!(
                b_on >= interval_end(a_on, m.every_months, m.every_km, max),
                "{a_on} then {b_on}: {planned:?}"
            );
            // ... and, when not the months, the km as the day-by-day prediction has it.
            let by_time = a_on.checked_add_months(Months::new(m.every_months)).unwrap();
            prop_assert!(
                b_on >= by_time || o.km_on(b_on) - o.km_on(a_on) >= u64::from(m.every_km),
                "{a_on} then {b_on}: {} km", o.km_on(b_on) - o.km_on(a_on)
            );
        }
        if let Some(&(1, first)) = planned.first() {
            prop_assert!(first >= interval_end(car.delivered_on, m.first_months, m.first_km, max));
        }
        // No task within an interval after a known service: it restarts the count.
        let shortest_months = m.first_months.min(m.every_months);
        let shortest_km = m.first_km.min(m.every_km);
        for v in car.services.iter().filter(|v| v.on > car.delivered_on) {
            let end = interval_end(v.on, shortest_months, shortest_km, max);
            prop_assert!(
                planned.iter().all(|(_, on)| *on < v.on || *on >= end),
                "a task within an interval after {v:?}: {planned:?}"
            );
        }
        // So at most one task per shortest interval in the window.
        let days = (w.to - w.from).num_days() + 1 + i64::from(m.lead_days);
        let shortest = i64::from(shortest_km.div_ceil(max)).min(28 * i64::from(shortest_months));
        prop_assert!(planned.len() as i64 <= days / shortest.max(1) + 1);
    }

    #[test]
    fn every_reading_the_store_accepts_is_used(
        (delivered_on, delivery_km, candidates) in (care_date(), 0u32..200).prop_flat_map(|(d, km)| {
            (Just(d), Just(km), odometer_readings(d, km, 12))
        }),
        max in prop_oneof![Just(1_500u32), 50u32..=5_000],
    ) {
        let limits = OdometerLimits { max_daily_km: max };
        let mut accepted: Vec<OdometerReading> = Vec::new();
        for r in candidates {
            if check_reading(delivered_on, delivery_km, &accepted, r, limits).is_ok() {
                accepted.push(r);
            }
        }
        // Each day's highest reading (the delivery's distance on its day) ...
        let mut highest: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        highest.insert(delivered_on, delivery_km);
        for r in &accepted {
            let h = highest.entry(r.on).or_insert(r.km);
            *h = (*h).max(r.km);
        }
        // ... is what the model shows that day,
        let o = Odometer::new(delivered_on, delivery_km, &accepted, 3, limits);
        for (on, km) in &highest {
            prop_assert_eq!(o.km_on(*on), u64::from(*km));
        }
        // ... never below the day before's, never more than the limit a day beyond it,
        let days: Vec<(NaiveDate, u32)> = highest.into_iter().collect();
        for pair in days.windows(2) {
            let ((a_on, a_km), (b_on, b_km)) = (pair[0], pair[1]);
            prop_assert!(b_km >= a_km);
            let span = u32::try_from((b_on - a_on).num_days()).unwrap();
            prop_assert!(b_km - a_km <= max * span, "{a_km} on {a_on}, {b_km} on {b_on}");
        }
        // ... and no accepted reading is below an earlier day's.
        for r in &accepted {
            let before = days.iter().filter(|(on, _)| *on < r.on).map(|(_, km)| *km).max();
            prop_assert!(before.is_none_or(|b| r.km >= b), "{r:?}");
        }
    }
}

#[test]
fn a_500000_km_typo_is_refused_and_would_not_plan_a_service_a_day() {
    let delivered_on = date("2026-01-01");
    let readings = vec![OdometerReading {
        on: date("2026-03-01"),
        km: 5_000,
    }];
    let typo = OdometerReading {
        on: date("2026-03-02"),
        km: 500_000,
    };
    let limits = OdometerLimits::default();
    let refused = check_reading(delivered_on, 0, &readings, typo, limits).unwrap_err();
    assert_eq!(refused.field, "km");
    // Stored anyway (under an old library, or a higher limit since lowered): the planner
    // leaves it out and plans what it plans without it.
    let car = |readings: Vec<OdometerReading>| CareCar {
        id: "car1".into(),
        delivered_on,
        delivery_km: 0,
        registered_on: None,
        readings,
        services: vec![],
        insurance_ends_on: vec![],
    };
    let year = DateWindow::new(date("2026-03-01"), date("2027-02-28")).unwrap();
    let rules = CareRules::default();
    let with_typo = {
        let mut r = readings.clone();
        r.push(typo);
        services(&car(r), &rules, limits, year)
    };
    let without = services(&car(readings.clone()), &rules, limits, year);
    assert_eq!(with_typo, without);
    // 5,000 km in 59 days: a service every 59 days, not one a day.
    assert_eq!(without.len(), 6, "{without:?}");
    // Corrected to 5,050 km: accepted, and the plan follows the car's pace.
    let corrected = OdometerReading { km: 5_050, ..typo };
    assert!(check_reading(delivered_on, 0, &readings, corrected, limits).is_ok());
    // Deleted: the plan is the one before it was entered.
    assert_eq!(services(&car(readings), &rules, limits, year), without);
}

//! Property tests of reminders against a brute-force oracle that walks the window minute by
//! minute and reads the wall clock from the raw zone rules, in zones with DST.
#![cfg(feature = "proptest")]

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use crm_core::strategies::{follow_up::plan_for, follow_up::reminder_config, time::dst_zone};
use crm_core::{
    reminder_for, reminders_between, DealershipZone, Plan, PlanTime, ReminderConfig, ReminderId,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn raw_wall(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    let offset = tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    t.naive_utc() + Duration::seconds(i64::from(offset.local_minus_utc()))
}

/// A whole-minute instant in 2024-2040, on a DST change day of the zone half of the time.
fn window_start(zone: DealershipZone) -> impl Strategy<Value = DateTime<Utc>> {
    let tz: Tz = zone.name().parse().unwrap();
    (
        2024i32..2040,
        0i64..(365 * 24 * 60),
        any::<bool>(),
        -1440i64..1440,
    )
        .prop_map(move |(year, minute, near_change, shift)| {
            let start = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
            let random = start + Duration::minutes(minute);
            if !near_change {
                return random;
            }
            // The first offset change at or after the random instant, if any within a year.
            let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
            let mut t = random;
            while offset(t) == offset(random) && t < random + Duration::days(366) {
                t += Duration::hours(1);
            }
            t - Duration::minutes(t.timestamp() / 60 % 60) + Duration::minutes(shift)
        })
}

#[derive(Debug, Clone)]
struct Case {
    zone: DealershipZone,
    config: ReminderConfig,
    from: DateTime<Utc>,
    minutes: i64,
    plans: Vec<Plan>,
}

fn case() -> impl Strategy<Value = Case> {
    (dst_zone(), reminder_config())
        .prop_flat_map(|(zone, config)| (Just(zone), Just(config), window_start(zone)))
        .prop_flat_map(|(zone, config, from)| {
            let customers = vec!["c1".to_owned(), "c2".to_owned()];
            // Plans due from a day before the window to three days after its start.
            let plans =
                prop::collection::vec(plan_for(customers, from - Duration::days(1), 4), 0..10);
            (
                Just(zone),
                Just(config),
                Just(from),
                1i64..(3 * 24 * 60),
                plans,
            )
        })
        .prop_map(|(zone, config, from, minutes, mut plans)| {
            // Distinct ids, so the oracle can key by them.
            for (i, p) in plans.iter_mut().enumerate() {
                p.id = format!("p{i}").into();
            }
            Case {
                zone,
                config,
                from,
                minutes,
                plans,
            }
        })
}

/// Every (reminder id, fire minute) in the window, found minute by minute: a timed plan
/// fires at the minute its lead time before; a date-only plan at the first minute the wall
/// clock has ever read its date and the configured time, or later.
fn oracle(c: &Case) -> BTreeSet<(String, DateTime<Utc>)> {
    let tz: Tz = c.zone.name().parse().unwrap();
    // Wall clocks over three days before the window too, so "the first time ever" is known.
    let lead_in = 3 * 24 * 60;
    let walls: Vec<NaiveDateTime> = (-lead_in..c.minutes)
        .map(|m| raw_wall(tz, c.from + Duration::minutes(m)))
        .collect();
    let mut out = BTreeSet::new();
    for plan in c.plans.iter().filter(|p| p.is_pending()) {
        let id = format!("{}@{}", plan.id, plan.version);
        match plan.time {
            PlanTime::At(t) => {
                let fire = t - Duration::minutes(i64::from(c.config.lead_minutes));
                if c.from <= fire && fire < c.from + Duration::minutes(c.minutes) {
                    out.insert((id, fire));
                }
            }
            PlanTime::OnDate(d) => {
                let target = d.and_time(c.config.date_only_at);
                let mut reached_before = false;
                for (i, wall) in walls.iter().enumerate() {
                    if *wall >= target {
                        if !reached_before && i as i64 >= lead_in {
                            out.insert((
                                id.clone(),
                                c.from + Duration::minutes(i as i64 - lead_in),
                            ));
                        }
                        reached_before = true;
                    }
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn reminders_in_a_window_match_the_minute_by_minute_oracle(c in case()) {
        let to = c.from + Duration::minutes(c.minutes);
        let got = reminders_between(&c.plans, &c.config, &c.zone, c.from, to);
        let as_set: BTreeSet<(String, DateTime<Utc>)> =
            got.iter().map(|r| (r.id.to_string(), r.fire_at)).collect();
        prop_assert_eq!(&as_set, &oracle(&c));
        prop_assert_eq!(as_set.len(), got.len(), "one reminder per plan");
        prop_assert!(got.windows(2).all(|w| (w[0].fire_at, &w[0].id) <= (w[1].fire_at, &w[1].id)));
        let (lower, upper) = c.config.due_start_range(c.from, to);
        for r in &got {
            prop_assert_eq!(r.channel, c.config.channel);
            let due = r.due.due_start(&c.zone);
            prop_assert!(lower <= due && due < upper, "a store query by due start finds {}", r.id);
        }
    }

    #[test]
    fn adjacent_windows_split_the_reminders_without_loss(c in case(), cut in 0i64..(3 * 24 * 60)) {
        let mid = c.from + Duration::minutes(cut.min(c.minutes));
        let to = c.from + Duration::minutes(c.minutes);
        let whole = reminders_between(&c.plans, &c.config, &c.zone, c.from, to);
        let mut parts = reminders_between(&c.plans, &c.config, &c.zone, c.from, mid);
        parts.extend(reminders_between(&c.plans, &c.config, &c.zone, mid, to));
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn every_change_to_a_plan_changes_its_reminder_id(c in case()) {
        let now = c.from - Duration::days(1);
        for plan in c.plans.iter().filter(|p| p.is_pending()) {
            let before = reminder_for(plan, &c.config, &c.zone).unwrap();
            prop_assert_eq!(&before.id, &ReminderId::for_plan(&plan.id, plan.version));
            let moved = plan
                .reschedule(PlanTime::At(c.from + Duration::hours(5)), None, now, &c.zone)
                .unwrap()
                .plan;
            let after = reminder_for(&moved, &c.config, &c.zone).unwrap();
            prop_assert_ne!(&before.id, &after.id);
            prop_assert_eq!(reminder_for(plan, &c.config, &c.zone).unwrap().id, before.id, "stable");
            let done = moved.complete(None, now).unwrap().plan;
            prop_assert!(reminder_for(&done, &c.config, &c.zone).is_none());
        }
    }
}

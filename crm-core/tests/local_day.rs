//! Property tests of the dealership's local day, in zones with DST, against brute force over
//! the raw zone rules (chrono-tz read directly, minute by minute).
#![cfg(feature = "proptest")]

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use crm_core::strategies::{time::dealership_zone, time::dst_zone};
use crm_core::{DayStarts, DealershipZone, LocalDays, PlanTime};
use proptest::prelude::*;

fn tz(zone: &DealershipZone) -> Tz {
    zone.name().parse().unwrap()
}

/// The wall clock at `t`, straight from the zone rules.
fn raw_wall(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    let offset = tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    t.naive_utc() + Duration::seconds(i64::from(offset.local_minus_utc()))
}

/// The first whole minute at which the wall clock reads `wall` or later, by scanning.
fn brute_first_reaching(tz: Tz, wall: NaiveDateTime) -> DateTime<Utc> {
    let mut t = wall.and_utc() - Duration::hours(16);
    while raw_wall(tz, t) < wall {
        t += Duration::minutes(1);
    }
    t
}

/// The instants where the zone's offset changes in `year`, found by scanning hours and
/// bisecting to the second: the places where local days go wrong.
fn transitions(tz: Tz, year: i32) -> Vec<DateTime<Utc>> {
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    let mut out = Vec::new();
    let mut t = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(year + 1, 1, 1, 0, 0, 0).unwrap();
    while t < end {
        let next = t + Duration::hours(1);
        if offset(next) != offset(t) {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == offset(t) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(hi);
        }
        t = next;
    }
    out
}

/// An instant in 2012-2090, near one of the zone's offset changes three times in four.
fn instant_in(zone: DealershipZone) -> impl Strategy<Value = DateTime<Utc>> {
    (
        2012i32..2090,
        any::<prop::sample::Index>(),
        0u8..4,
        -3000i64..3000,
    )
        .prop_map(move |(year, pick, mode, minutes)| {
            let near = transitions(tz(&zone), year);
            let anchor = if mode == 0 || near.is_empty() {
                Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap()
                    + Duration::minutes(pick.index(365 * 24 * 60) as i64)
            } else {
                near[pick.index(near.len())]
            };
            anchor + Duration::minutes(minutes) + Duration::milliseconds(minutes * 7 % 1000)
        })
}

fn zone_and_instant() -> impl Strategy<Value = (DealershipZone, DateTime<Utc>)> {
    dst_zone().prop_flat_map(|z| (Just(z), instant_in(z)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_instant_lies_in_exactly_one_local_day((zone, t) in zone_and_instant()) {
        let date = zone.local_date(t);
        prop_assert!(zone.day(date).contains(t));
        let before = date.pred_opt().unwrap();
        let after = date.succ_opt().unwrap();
        prop_assert!(!zone.day(before).contains(t));
        prop_assert!(!zone.day(after).contains(t));
        // Since 2012 no zone here sets its clock back across midnight: the local date is the
        // wall clock's date.
        prop_assert_eq!(date, raw_wall(tz(&zone), t).date());
    }

    #[test]
    fn a_day_starts_when_the_wall_clock_first_reaches_midnight((zone, t) in zone_and_instant()) {
        let date = raw_wall(tz(&zone), t).date();
        for d in [date.pred_opt().unwrap(), date, date.succ_opt().unwrap()] {
            let start = zone.start_of(d);
            prop_assert_eq!(start, brute_first_reaching(tz(&zone), d.and_hms_opt(0, 0, 0).unwrap()), "{}", d);
            prop_assert_eq!(zone.local_date(start), d);
            prop_assert!(zone.local_date(start - Duration::milliseconds(1)) < d);
        }
    }

    #[test]
    fn consecutive_days_tile_the_timeline((zone, t) in zone_and_instant(), n in 1usize..6) {
        let first = zone.local_date(t);
        let days: Vec<_> = first.iter_days().take(n + 1).map(|d| zone.day(d)).collect();
        for pair in days.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start, "no gap, no overlap");
            let hours = pair[0].length().num_minutes() as f64 / 60.0;
            prop_assert!((22.0..=26.0).contains(&hours), "{} lasts {}h", pair[0].date, hours);
        }
        // Walking the instants of the span hour by hour visits the days in order.
        let mut at = days[0].start;
        let mut last = days[0].date;
        while at < days[n].end {
            let d = zone.local_date(at);
            prop_assert!(d >= last);
            prop_assert!(days.iter().any(|day| day.date == d && day.contains(at)));
            last = d;
            at += Duration::minutes(37);
        }
    }

    #[test]
    fn a_date_only_plan_is_due_exactly_within_its_local_day(
        (zone, t) in zone_and_instant(),
        offset_ms in 0i64..(25 * 3600 * 1000),
    ) {
        let d = zone.local_date(t);
        let plan = PlanTime::OnDate(d);
        let (start, end) = (zone.start_of(d), zone.start_of(d.succ_opt().unwrap()));
        let inside = start + Duration::milliseconds(offset_ms % (end - start).num_milliseconds());
        prop_assert_eq!(plan.local_date(&zone), zone.local_date(inside));
        prop_assert!(!plan.is_overdue(inside, &zone));
        prop_assert_eq!(plan.days_overdue(inside, &zone), None);
        prop_assert!(zone.local_date(start - Duration::milliseconds(1)) < d, "not due before its day");
        prop_assert!(plan.is_overdue(end, &zone));
        prop_assert_eq!(plan.days_overdue(end, &zone), Some(1));
    }

    #[test]
    fn instant_at_is_the_first_reaching_of_a_wall_time(
        (zone, t) in zone_and_instant(),
        minutes in 0u32..(24 * 60),
    ) {
        let date = raw_wall(tz(&zone), t).date();
        let wall = date.and_hms_opt(minutes / 60, minutes % 60, 0).unwrap();
        prop_assert_eq!(zone.instant_at(wall), brute_first_reaching(tz(&zone), wall));
    }

    /// A table of day starts, asked about instants around a DST change in any order (so that
    /// it grows both ways), answers exactly as the zone rules do.
    #[test]
    fn a_day_table_answers_like_the_zone(
        (zone, t) in zone_and_instant(),
        steps in prop::collection::vec(-90_000i64..90_000, 1..40),
    ) {
        let days = DayStarts::new(&zone);
        for m in steps {
            let at = t + Duration::minutes(m) + Duration::milliseconds(m % 1000);
            let date = zone.local_date(at);
            prop_assert_eq!(LocalDays::local_date(&days, at), date, "{}", at);
            prop_assert_eq!(LocalDays::start_of(&days, date), zone.start_of(date), "{}", date);
            prop_assert_eq!(LocalDays::end_of(&days, date), zone.end_of(date), "{}", date);
        }
    }

    /// The same over two centuries in every zone the tests know, Apia's skipped date and
    /// the days before 1970 included, with instants far apart in one table.
    #[test]
    fn a_day_table_answers_like_the_zone_over_two_centuries(
        zone in dealership_zone(),
        seconds in prop::collection::vec(-2_000_000_000i64..4_000_000_000, 1..20),
    ) {
        let days = DayStarts::new(&zone);
        for s in seconds {
            let at = DateTime::<Utc>::from_timestamp(s, 0).unwrap();
            prop_assert_eq!(LocalDays::local_date(&days, at), zone.local_date(at), "{}", at);
            let date = at.date_naive();
            prop_assert_eq!(LocalDays::start_of(&days, date), zone.start_of(date), "{}", date);
        }
    }

    #[test]
    fn local_dates_never_go_backwards(zone in dealership_zone(), a in -2_000_000_000i64..4_000_000_000, b in -2_000_000_000i64..4_000_000_000) {
        let (a, b) = (a.min(b), a.max(b));
        let at = |s| DateTime::<Utc>::from_timestamp(s, 0).unwrap();
        prop_assert!(zone.local_date(at(a)) <= zone.local_date(at(b)));
    }
}

#[test]
fn the_transitions_helper_finds_new_yorks_two_changes() {
    let ny: Tz = "America/New_York".parse().unwrap();
    let found = transitions(ny, 2026);
    assert_eq!(
        found,
        [
            Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 1, 6, 0, 0).unwrap()
        ]
    );
    assert_eq!(
        brute_first_reaching(
            ny,
            NaiveDate::from_ymd_opt(2026, 3, 8)
                .unwrap()
                .and_hms_opt(2, 30, 0)
                .unwrap()
        ),
        Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap()
    );
}

//! Local days answered from a table: the start of each date the caller asks about is computed
//! from the zone rules once, and every later question about that date or an instant near it
//! is a look-up and a comparison. For computations that ask about the same handful of days
//! again and again (an agenda of several hundred items spread over a few weeks).

use crate::time::local_day::{DealershipZone, LocalDays};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::cell::RefCell;

/// The widest run of consecutive dates a table keeps (about eleven years); a date further
/// away from those already kept is computed from the zone rules each time instead.
const MAX_DAYS: usize = 4096;

/// The starts of the local days of one zone, each computed once, on demand.
///
/// Answers exactly as [`DealershipZone`] does (property-tested in DST zones), without the
/// zone rules' cost after the first question about a date: the local date of an instant is
/// the latest date whose day has started by then, and that date is within a day of the
/// instant's UTC date, because no offset reaches 16 hours. Not `Sync`: a table belongs to
/// one computation.
#[derive(Debug, Clone)]
pub struct DayStarts<'z> {
    zone: &'z DealershipZone,
    table: RefCell<Table>,
}

/// The starts asked so far, over a run of consecutive dates.
#[derive(Debug, Clone, Default)]
struct Table {
    /// Days from the common era of `starts[0]`'s date.
    first: i32,
    /// `starts[i]`: the start of date `first + i`, once asked.
    starts: Vec<Option<DateTime<Utc>>>,
}

impl<'z> DayStarts<'z> {
    /// An empty table for `zone`.
    pub fn new(zone: &'z DealershipZone) -> Self {
        Self {
            zone,
            table: RefCell::default(),
        }
    }

    /// The zone the table is of.
    pub fn zone(&self) -> &'z DealershipZone {
        self.zone
    }
}

impl LocalDays for DayStarts<'_> {
    fn start_of(&self, date: NaiveDate) -> DateTime<Utc> {
        let mut table = self.table.borrow_mut();
        match table.slot(date) {
            Some(i) => *table.starts[i].get_or_insert_with(|| self.zone.start_of(date)),
            None => self.zone.start_of(date),
        }
    }

    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        let utc = at.date_naive();
        let (Some(before), Some(after)) = (utc.pred_opt(), utc.succ_opt()) else {
            return self.zone.local_date(at);
        };
        // The latest of the three dates whose day has started by `at`.
        for date in [after, utc, before] {
            if self.start_of(date) <= at {
                return date;
            }
        }
        self.zone.local_date(at)
    }
}

impl Table {
    /// The index of `date`'s slot, growing the table to hold it; `None` when that would
    /// make it wider than [`MAX_DAYS`].
    fn slot(&mut self, date: NaiveDate) -> Option<usize> {
        let n = date.num_days_from_ce();
        if self.starts.is_empty() {
            self.first = n;
        }
        let len = i64::try_from(self.starts.len()).ok()?;
        let offset = i64::from(n) - i64::from(self.first);
        if (0..len).contains(&offset) {
            return usize::try_from(offset).ok();
        }
        let max = i64::try_from(MAX_DAYS).ok()?;
        let width = if offset < 0 { len - offset } else { offset + 1 };
        if width > max {
            return None;
        }
        if offset < 0 {
            // Grow to the past by at least as much again, so that walking back day by day
            // does not move the table each time.
            let grow = usize::try_from((-offset).max(len).min(max - len)).ok()?;
            self.starts.splice(0..0, std::iter::repeat_n(None, grow));
            self.first -= i32::try_from(grow).ok()?;
            usize::try_from(i64::from(n) - i64::from(self.first)).ok()
        } else {
            self.starts.resize(usize::try_from(offset + 1).ok()?, None);
            usize::try_from(offset).ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::utc;
    use chrono::Duration;

    #[test]
    fn answers_like_the_zone_around_a_dst_change() {
        let ny = DealershipZone::new("America/New_York").unwrap();
        let days = DayStarts::new(&ny);
        let mut t = utc("2026-03-06T00:00:00Z");
        while t < utc("2026-03-11T00:00:00Z") {
            assert_eq!(days.local_date(t), ny.local_date(t), "{t}");
            t += Duration::minutes(29);
        }
        let d = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        assert_eq!(days.start_of(d), ny.start_of(d));
        assert_eq!(days.end_of(d), ny.end_of(d));
    }

    #[test]
    fn a_repeated_midnight_and_a_skipped_date_answer_like_the_zone() {
        // Moncton set clocks back at 00:01 to 23:01 until 2006; Apia skipped 2011-12-30.
        for (name, from) in [
            ("America/Moncton", "2005-10-29T20:00:00Z"),
            ("Pacific/Apia", "2011-12-28T00:00:00Z"),
        ] {
            let z = DealershipZone::new(name).unwrap();
            let days = DayStarts::new(&z);
            let mut t = utc(from);
            for _ in 0..(4 * 24 * 4) {
                assert_eq!(days.local_date(t), z.local_date(t), "{name} {t}");
                let d = z.local_date(t);
                assert_eq!(days.start_of(d), z.start_of(d), "{name} {d}");
                t += Duration::minutes(15);
            }
        }
    }

    #[test]
    fn far_apart_dates_are_answered_without_a_huge_table() {
        let z = DealershipZone::default();
        let days = DayStarts::new(&z);
        for d in [
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2099, 1, 1).unwrap(),
            NaiveDate::MIN,
            NaiveDate::MAX,
        ] {
            assert_eq!(days.start_of(d), z.start_of(d), "{d}");
            assert_eq!(days.end_of(d), z.end_of(d), "{d}");
        }
        assert!(days.table.borrow().starts.len() <= MAX_DAYS);
        for t in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            assert_eq!(days.local_date(t), z.local_date(t));
        }
    }

    #[test]
    fn walking_back_day_by_day_keeps_the_earlier_answers() {
        let z = DealershipZone::new("Europe/Berlin").unwrap();
        let days = DayStarts::new(&z);
        let today = NaiveDate::from_ymd_opt(2026, 10, 27).unwrap();
        for back in 0..400 {
            let d = today - Duration::days(back);
            assert_eq!(days.start_of(d), z.start_of(d), "{d}");
        }
        assert_eq!(days.start_of(today), z.start_of(today));
        let kept = days.table.borrow().starts.len();
        assert!(kept < 1000, "{kept}");
    }
}

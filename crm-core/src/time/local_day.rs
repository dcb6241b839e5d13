//! The dealership's local day: which calendar date an instant falls on, and which instants make
//! up a calendar date, in the dealership's IANA time zone.
//!
//! "Today", "due on the 28th" and "three days overdue" are questions about the local day, not
//! about UTC. The rules here are DST-safe: a local day is 23, 24 or 25 hours long (or 0, when a
//! zone skipped a date, as Pacific/Apia skipped 2011-12-30), and a local midnight that does not
//! exist (America/Santiago springs forward at 00:00) still gives a well-defined start.
//!
//! **Definition.** The day of date `D` starts at the first instant at which the dealership's
//! wall clock reads `D 00:00` or later, and ends where the day of `D + 1` starts. Days are
//! half-open intervals `[start, end)` that tile the timeline with no gap and no overlap; the
//! local date of an instant is the day that contains it. This equals the wall clock's date
//! everywhere except in the hour after a clock was set back across midnight (America/Moncton
//! and America/Goose_Bay did so at 00:01 until 2006 and 2010): once a day has begun it does not end
//! when the clock goes back.

use crate::validation::{Rule, ValidationError};
use chrono::offset::LocalResult;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use std::fmt;

const EXPECTED_ZONE: &str = "an IANA time zone name such as Asia/Shanghai";

/// No zone's offset from UTC has ever reached 16 hours (tzdata's extremes are about ±15:57),
/// so the instant a wall-clock time first occurs lies within this distance of it read as UTC.
const MAX_OFFSET_SECS: i64 = 16 * 3600;

/// The dealership's time zone (门店时区): an IANA name, `Asia/Shanghai` by default. It decides
/// what "today" is for agendas, overdue plans and date-only reminders.
///
/// Serialised as its name. The zone rules come from the IANA database compiled into
/// `chrono-tz` (no file is read); they reach up to 2099.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DealershipZone {
    tz: Tz,
}

impl Default for DealershipZone {
    /// `Asia/Shanghai` (China Standard Time, no DST).
    fn default() -> Self {
        Self {
            tz: chrono_tz::Asia::Shanghai,
        }
    }
}

impl DealershipZone {
    /// The default zone's name.
    pub const DEFAULT_NAME: &'static str = "Asia/Shanghai";

    /// The zone named `name` (trimmed; exact IANA spelling, e.g. `Europe/Berlin`). An unknown
    /// name fails on field `time_zone`.
    pub fn new(name: &str) -> Result<Self, ValidationError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ValidationError::new("time_zone", Rule::Required));
        }
        name.parse::<Tz>().map(|tz| Self { tz }).map_err(|_| {
            ValidationError::new(
                "time_zone",
                Rule::Malformed {
                    expected: EXPECTED_ZONE,
                },
            )
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.tz.name()
    }

    /// What the dealership's wall clock reads at `at`.
    pub fn wall_clock(&self, at: DateTime<Utc>) -> NaiveDateTime {
        let offset = self.tz.offset_from_utc_datetime(&at.naive_utc()).fix();
        // Saturates at chrono's limits instead of panicking there.
        at.naive_utc()
            .checked_add_offset(offset)
            .unwrap_or(if offset.local_minus_utc() > 0 {
                NaiveDateTime::MAX
            } else {
                NaiveDateTime::MIN
            })
    }

    /// The zone's offset from UTC at `at`, in seconds (east positive): 28800 for Shanghai.
    pub fn utc_offset_secs(&self, at: DateTime<Utc>) -> i32 {
        self.tz
            .offset_from_utc_datetime(&at.naive_utc())
            .fix()
            .local_minus_utc()
    }

    /// The local date of `at`: the date whose day (see [`DealershipZone::day`]) contains it.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        let mut date = self.wall_clock(at).date();
        // The wall clock can only lag behind the day in the hour after a clock was set back
        // across midnight; a day or two of catching up covers every zone in the database.
        for _ in 0..3 {
            match date.succ_opt() {
                Some(next) if self.start_of(next) <= at => date = next,
                _ => break,
            }
        }
        date
    }

    /// The first instant of `date`'s day: when the wall clock first reads `date 00:00` or
    /// later. A midnight that occurs twice gives the earlier; a midnight skipped by a DST gap
    /// gives the instant the clock jumped past it.
    pub fn start_of(&self, date: NaiveDate) -> DateTime<Utc> {
        self.instant_at(date.and_time(NaiveTime::MIN))
    }

    /// The end of `date`'s day (exclusive): the start of the next date.
    pub fn end_of(&self, date: NaiveDate) -> DateTime<Utc> {
        match date.succ_opt() {
            Some(next) => self.start_of(next),
            None => DateTime::<Utc>::MAX_UTC,
        }
    }

    /// `date`'s day as a half-open interval of instants.
    pub fn day(&self, date: NaiveDate) -> LocalDay {
        LocalDay {
            date,
            start: self.start_of(date),
            end: self.end_of(date),
        }
    }

    /// The first instant at which the wall clock reads `wall` or later: `wall` itself when it
    /// occurs once, its first occurrence when the clock was set back over it, and the end of
    /// the gap when the clock jumped over it.
    pub fn instant_at(&self, wall: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&wall) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => a.with_timezone(&Utc).min(b.with_timezone(&Utc)),
            LocalResult::None => self.first_reaching(wall),
        }
    }

    /// Where `wall` falls in a gap: the first whole second at which the wall clock reads
    /// `wall` or later, by bisection over the window any offset allows.
    fn first_reaching(&self, wall: NaiveDateTime) -> DateTime<Utc> {
        let as_utc = wall.and_utc().timestamp();
        let (mut lo, mut hi) = (as_utc - MAX_OFFSET_SECS, as_utc + MAX_OFFSET_SECS);
        // Seconds outside chrono's range count as reached above it and not reached below.
        let reached = |secs: i64| match DateTime::<Utc>::from_timestamp(secs, 0) {
            Some(t) => self.wall_clock(t) >= wall,
            None => secs > 0,
        };
        // Invariant: `lo` has not reached `wall`, `hi` has.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if reached(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        DateTime::<Utc>::from_timestamp(hi, 0).unwrap_or(if hi > 0 {
            DateTime::<Utc>::MAX_UTC
        } else {
            DateTime::<Utc>::MIN_UTC
        })
    }
}

/// What the rules about local days need to know of a zone: where each date's day starts,
/// and which day an instant lies in. [`DealershipZone`] answers from the zone rules;
/// [`crate::DayStarts`] answers the same from a table it fills once per date, for
/// computations that ask about the same few days many times (an agenda).
pub trait LocalDays {
    /// The first instant of `date`'s day (see [`DealershipZone::start_of`]).
    fn start_of(&self, date: NaiveDate) -> DateTime<Utc>;

    /// The local date of `at`: the date whose day contains it (see
    /// [`DealershipZone::local_date`]).
    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate;

    /// The end of `date`'s day (exclusive): the start of the next date.
    fn end_of(&self, date: NaiveDate) -> DateTime<Utc> {
        match date.succ_opt() {
            Some(next) => self.start_of(next),
            None => DateTime::<Utc>::MAX_UTC,
        }
    }
}

impl LocalDays for DealershipZone {
    fn start_of(&self, date: NaiveDate) -> DateTime<Utc> {
        DealershipZone::start_of(self, date)
    }

    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        DealershipZone::local_date(self, at)
    }
}

impl fmt::Display for DealershipZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for DealershipZone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for DealershipZone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        DealershipZone::new(&name).map_err(serde::de::Error::custom)
    }
}

/// One local day as instants: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LocalDay {
    /// The calendar date.
    pub date: NaiveDate,
    /// The first instant of the day.
    pub start: DateTime<Utc>,
    /// The first instant after the day (the next day's start).
    pub end: DateTime<Utc>,
}

impl LocalDay {
    /// `true` when `at` lies in this day.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }

    /// How long the day is: 24 hours, or 23 / 25 around a DST change.
    pub fn length(&self) -> Duration {
        self.end - self.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::{date, utc};

    fn zone(name: &str) -> DealershipZone {
        DealershipZone::new(name).unwrap()
    }

    #[test]
    fn unknown_or_empty_names_fail_on_time_zone() {
        for bad in ["Mars/Olympus", "", "  ", "asia/shanghai"] {
            let err = DealershipZone::new(bad).unwrap_err();
            assert_eq!(err.field, "time_zone", "{bad:?}");
        }
        assert_eq!(zone(" Asia/Shanghai ").name(), "Asia/Shanghai");
        assert_eq!(
            DealershipZone::default().name(),
            DealershipZone::DEFAULT_NAME
        );
    }

    #[test]
    fn shanghai_days_start_at_16_utc() {
        let z = DealershipZone::default();
        let day = z.day(date(2026, 11, 28));
        assert_eq!(day.start, utc("2026-11-27T16:00:00Z"));
        assert_eq!(day.length(), Duration::hours(24));
        assert_eq!(
            z.local_date(utc("2026-11-27T15:59:59.999Z")),
            date(2026, 11, 27)
        );
        assert_eq!(
            z.local_date(utc("2026-11-27T16:00:00Z")),
            date(2026, 11, 28)
        );
    }

    #[test]
    fn dst_days_last_23_and_25_hours() {
        let ny = zone("America/New_York");
        assert_eq!(ny.day(date(2026, 3, 8)).length(), Duration::hours(23));
        assert_eq!(ny.day(date(2026, 11, 1)).length(), Duration::hours(25));
        let sydney = zone("Australia/Sydney");
        assert_eq!(sydney.day(date(2026, 10, 4)).length(), Duration::hours(23));
        assert_eq!(sydney.day(date(2026, 4, 5)).length(), Duration::hours(25));
    }

    #[test]
    fn a_missing_midnight_starts_the_day_when_the_clock_jumps() {
        // Santiago springs forward at 24:00 on 2026-09-05: the 6th begins at 01:00 -03.
        let z = zone("America/Santiago");
        let start = z.start_of(date(2026, 9, 6));
        assert_eq!(start, utc("2026-09-06T04:00:00Z"));
        assert_eq!(
            z.wall_clock(start).time(),
            NaiveTime::from_hms_opt(1, 0, 0).unwrap()
        );
        assert_eq!(
            z.local_date(start - Duration::milliseconds(1)),
            date(2026, 9, 5)
        );
        assert_eq!(z.day(date(2026, 9, 5)).length(), Duration::hours(24));
        assert_eq!(z.day(date(2026, 9, 6)).length(), Duration::hours(23));
    }

    #[test]
    fn a_repeated_midnight_starts_the_day_at_its_first_occurrence() {
        // Moncton set clocks back at 00:01 to 23:01 until 2006: the 29th began before the hour
        // that read 23:01-23:59 on the 28th again, and that hour belongs to the 29th.
        let z = zone("America/Moncton");
        let start = z.start_of(date(2005, 10, 30));
        assert_eq!(start, utc("2005-10-30T03:00:00Z"));
        let repeated = utc("2005-10-30T03:30:00Z");
        assert_eq!(z.wall_clock(repeated).date(), date(2005, 10, 29));
        assert_eq!(z.local_date(repeated), date(2005, 10, 30));
        assert_eq!(z.day(date(2005, 10, 30)).length(), Duration::hours(25));
    }

    #[test]
    fn a_skipped_date_is_an_empty_day() {
        let apia = zone("Pacific/Apia");
        let skipped = apia.day(date(2011, 12, 30));
        assert_eq!(skipped.length(), Duration::zero());
        assert_eq!(apia.local_date(skipped.start), date(2011, 12, 31));
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        for z in [DealershipZone::default(), zone("America/Santiago")] {
            for d in [NaiveDate::MIN, NaiveDate::MAX] {
                let day = z.day(d);
                assert!(day.start <= day.end, "{} {d} {day:?}", z.name());
            }
            let _ = z.local_date(DateTime::<Utc>::MAX_UTC);
            let _ = z.local_date(DateTime::<Utc>::MIN_UTC);
        }
    }

    #[test]
    fn zones_serialise_as_their_name() {
        let z = zone("Europe/Berlin");
        assert_eq!(serde_json::to_string(&z).unwrap(), "\"Europe/Berlin\"");
        assert_eq!(
            serde_json::from_str::<DealershipZone>("\"Europe/Berlin\"").unwrap(),
            z
        );
        assert!(serde_json::from_str::<DealershipZone>("\"Europe/Nowhere\"").is_err());
    }
}

//! Dates and instants written short, for the unit tests.

use chrono::{DateTime, NaiveDate, Utc};

/// The date `y-m-d`; panics on a date that does not exist.
pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The instant written in RFC 3339 (`2026-11-27T06:00:00Z`); panics on anything else.
pub(crate) fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

//! Instants as INTEGER UTC milliseconds, dates as `YYYY-MM-DD` text (or, in the care
//! tasks, as INTEGER day numbers: days since 1970-01-01).

use crate::error::{Result, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Milliseconds since the Unix epoch.
pub(crate) fn to_millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// The instant `ms` milliseconds after the epoch.
pub(crate) fn from_millis(ms: i64, column: &'static str) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or(StoreError::Corrupt { column })
}

/// An instant cut to whole milliseconds, as it will read back from storage.
pub(crate) fn truncate_to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

/// A stored date.
pub(crate) fn parse_date(text: &str, column: &'static str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| StoreError::Corrupt { column })
}

/// `num_days_from_ce` of 1970-01-01.
const EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// Date `d` as a day number: days since 1970-01-01.
pub(crate) fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - EPOCH_DAYS_FROM_CE
}

/// A stored day number as a date.
pub(crate) fn from_day_number(n: i64, column: &'static str) -> Result<NaiveDate> {
    n.checked_add(EPOCH_DAYS_FROM_CE)
        .and_then(|d| i32::try_from(d).ok())
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or(StoreError::Corrupt { column })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_1970_and_read_back() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(day_number(epoch), 0);
        let d = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(day_number(d), (d - epoch).num_days());
        assert_eq!(from_day_number(day_number(d), "c").unwrap(), d);
        assert!(from_day_number(i64::MAX, "c").is_err());
    }
}

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
    DateTime::from_timestamp_millis(ms).ok_or_else(|| StoreError::Corrupt { column })
}

/// An instant cut to whole milliseconds, as it will read back from storage.
pub(crate) fn truncate_to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

/// A date as stored: `YYYY-MM-DD`.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A stored date.
pub(crate) fn parse_date(text: &str, column: &'static str) -> Result<NaiveDate> {
    four_digit_year_date(text.as_bytes())
        .or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .ok_or_else(|| StoreError::Corrupt { column })
}

/// The optional stored date in column `i` of `row`, parsed from the row's text (no copy).
pub(crate) fn opt_date_at(
    row: &rusqlite::Row<'_>,
    i: usize,
    column: &'static str,
) -> Result<Option<NaiveDate>> {
    row.get_ref(i)?
        .as_str_or_null()
        .map_err(rusqlite::Error::from)?
        .map(|d| parse_date(d, column))
        .transpose()
}

/// `YYYY-MM-DD` with a four-digit year (every date stored in years 0 to 9999), read
/// directly: chrono's parser interprets its format string on each call, the costliest step
/// of reading a date-only plan. `None` for any other text, which chrono's parser decides.
fn four_digit_year_date(text: &[u8]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text else {
        return None;
    };
    let digits = |ds: &[u8]| {
        ds.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(digits(&[y0, y1, y2, y3])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&[m0, m1])?, digits(&[d0, d1])?)
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
        .ok_or_else(|| StoreError::Corrupt { column })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn day_numbers_count_from_1970_and_read_back() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(day_number(epoch), 0);
        let d = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(day_number(d), (d - epoch).num_days());
        assert_eq!(from_day_number(day_number(d), "c").unwrap(), d);
        assert!(from_day_number(i64::MAX, "c").is_err());
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in [
            "2026-11-27",
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2026-1-5",
            "+10000-01-01",
            "-0001-12-31",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            "2026/11/27",
            "2026-11-2x",
            "２026-11-27",
            "",
        ] {
            assert_eq!(
                parse_date(text, "c").ok(),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text}"
            );
        }
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap();
        while d.year() < 2101 {
            let text = d.format("%Y-%m-%d").to_string();
            assert_eq!(four_digit_year_date(text.as_bytes()), Some(d), "{text}");
            d += chrono::Duration::days(13);
        }
    }
}

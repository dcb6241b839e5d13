//! Instants as INTEGER UTC milliseconds, dates as `YYYY-MM-DD` text.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};

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

//! The value types every feature shares: instants ([`Timestamp`]), calendar dates
//! ([`CalendarDate`]), the records' ids, and the reminder sync token ([`SyncToken`]). The
//! ids, instants and dates are custom types: domain types that cross the FFI as a builtin
//! type, which `uniffi.toml` turns into each platform's own type where it has one.

use crate::error::CrmError;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use crm_core::{
    CarId, CareTaskKey, CatalogueModelId, CustomerId, DealId, FollowUpId, IntentId, OrderId,
    PlanId, ReminderId, VisitId,
};
use std::time::{SystemTime, UNIX_EPOCH};

/// An instant in UTC. Kotlin sees a `java.time.Instant`, Swift a `Date`, Python a UTC-aware
/// `datetime`. The store keeps millisecond precision.
pub type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |t| SystemTime::from(t),
    // A `CrmError` raised here reaches the caller as that error: uniffi downcasts a failed
    // lift to the method's error type.
    try_lift: |t| Ok(timestamp_from_system_time(t)?),
});

/// Declares each of `crm-core`'s text ids (a newtype around a `String`) a custom type that
/// crosses the FFI as that text: Kotlin and Swift see a `String` type alias, Python a `str`.
macro_rules! text_ids {
    ($($id:ident),+ $(,)?) => {$(
        uniffi::custom_type!($id, String, {
            remote,
            lower: |id| id.0,
            try_lift: |text| Ok($id(text)),
        });
    )+};
}

// The ids, opaque to the app: a customer's, a deal's, a follow-up record's, a plan's, a vehicle
// intent's, an order's, a store visit's or test drive's and a car's (UUIDv7 text); a
// reminder's (`<plan id>@<version>`: schedule, replace and cancel notifications by it); a
// care task's stable key (`maint:<car>:<n>`, `birthday:<customer>:<year>` ...: generating the
// same window twice yields the same keys); a catalogue model's code, chosen by the
// dealership (`VW-TIGUANL-2025-330`).
text_ids!(
    CustomerId,
    DealId,
    FollowUpId,
    PlanId,
    IntentId,
    OrderId,
    VisitId,
    CarId,
    ReminderId,
    CareTaskKey,
    CatalogueModelId,
);

/// Where the app's reminder schedule stands: the token `reminderChangesSince` returns, to
/// pass to its next call. Opaque text (Kotlin and Swift see a `String` type alias); keep it
/// with the notifications it describes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SyncToken(pub String);

uniffi::custom_newtype!(SyncToken, String);

/// A calendar date (a birthday, a delivery day), with no time of day and no zone: 1990-05-17
/// is the same day everywhere. Kotlin sees a `java.time.LocalDate`, Swift a `DateComponents`
/// holding year, month and day (the companion `DateComponents(crmDate:)` builds one), Python
/// a `datetime.date`; the conversions are in `uniffi.toml`.
///
/// It crosses the FFI as ISO 8601 text (`1990-05-17`), which every platform's date type
/// writes and parses; a date beyond chrono's range (about ±262,000 years), which only a
/// foreign date can hold, fails with `InvalidInput` on `date`.
pub type CalendarDate = NaiveDate;

uniffi::custom_type!(CalendarDate, String, {
    remote,
    lower: |d| iso_date(d),
    try_lift: |text| Ok(date_from_iso(&text)?),
});

/// `d` as ISO 8601 text: `1990-05-17`; a year beyond 9999 with its sign (`+10000-01-01`),
/// as `java.time.LocalDate` writes and parses it.
pub(crate) fn iso_date(d: NaiveDate) -> String {
    let (year, month, day) = (d.year(), d.month(), d.day());
    match year {
        0..=9999 => format!("{year:04}-{month:02}-{day:02}"),
        y if y > 9999 => format!("+{year}-{month:02}-{day:02}"),
        _ => format!("-{:04}-{month:02}-{day:02}", -i64::from(year)),
    }
}

/// The date that ISO 8601 text names (`1990-05-17`, `+10000-01-01`, `-0001-12-31`), or
/// `InvalidInput` on `date`.
pub(crate) fn date_from_iso(text: &str) -> Result<NaiveDate, CrmError> {
    let invalid = || CrmError::invalid("date", format!("is not a calendar date: {text:?}"));
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut parts = rest.splitn(3, '-');
    let mut next = || parts.next().and_then(|p| p.parse::<i64>().ok());
    let (Some(year), Some(month), Some(day)) = (next(), next(), next()) else {
        return Err(invalid());
    };
    let year = i32::try_from(sign * year).map_err(|_| invalid())?;
    let (month, day) = (u32::try_from(month), u32::try_from(day));
    match (month, day) {
        (Ok(month), Ok(day)) => NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

/// The instant `t`, or `InvalidInput` when it lies outside chrono's range (about ±262,000
/// years), which a foreign `Instant` can reach.
pub(crate) fn timestamp_from_system_time(t: SystemTime) -> Result<Timestamp, CrmError> {
    let out_of_range = || CrmError::InvalidInput {
        field: "instant".into(),
        reason: "lies outside the supported range".into(),
    };
    let (secs, nanos) = match t.duration_since(UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).map_err(|_| out_of_range())?,
            after.subsec_nanos(),
        ),
        Err(before) => {
            let before = before.duration();
            let secs = i64::try_from(before.as_secs()).map_err(|_| out_of_range())?;
            match before.subsec_nanos() {
                0 => (-secs, 0),
                n => (-secs - 1, 1_000_000_000 - n),
            }
        }
    };
    DateTime::from_timestamp(secs, nanos).ok_or_else(out_of_range)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn instants_before_and_after_the_epoch_convert_exactly() {
        for (secs, nanos) in [(0, 0), (1_700_000_000, 123_000_000), (-1, 0), (-86_401, 5)] {
            let t = DateTime::from_timestamp(secs, nanos).unwrap();
            assert_eq!(timestamp_from_system_time(SystemTime::from(t)).unwrap(), t);
        }
    }

    #[test]
    fn dates_cross_as_iso_text_both_ways() {
        for (y, m, d, text) in [
            (1990, 5, 17, "1990-05-17"),
            (2024, 2, 29, "2024-02-29"),
            (10_000, 1, 1, "+10000-01-01"),
            (-1, 12, 31, "-0001-12-31"),
            (0, 1, 1, "0000-01-01"),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date), text);
            assert_eq!(date_from_iso(text).unwrap(), date);
        }
    }

    #[test]
    fn text_that_is_not_a_date_is_invalid_input_on_date() {
        for text in [
            "2023-02-29",
            "1990-13-01",
            "1990-05",
            "",
            "x-1-1",
            "1990-05-17-1",
        ] {
            assert!(
                matches!(date_from_iso(text), Err(CrmError::InvalidInput { field, .. }) if field == "date"),
                "{text}"
            );
        }
    }

    #[test]
    fn an_instant_out_of_range_is_invalid_input() {
        let far = UNIX_EPOCH + Duration::from_secs(1 << 45);
        assert!(matches!(
            timestamp_from_system_time(far),
            Err(CrmError::InvalidInput { field, .. }) if field == "instant"
        ));
    }
}

//! The value types every feature shares: instants ([`Timestamp`]), calendar dates
//! ([`CalendarDate`]), the records' ids, and the reminder sync token ([`SyncToken`]). The
//! ids and instants are custom types: domain types that cross the FFI as a builtin type.

use crate::error::CrmError;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use crm_core::{
    CarId, CareTaskKey, CatalogueModelId, CustomerId, FollowUpId, IntentId, OrderId, PlanId,
    ReminderId, VisitId,
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

// The ids, opaque to the app: a customer's, a follow-up record's, a plan's, a vehicle
// intent's, an order's, a store visit's or test drive's and a car's (UUIDv7 text); a
// reminder's (`<plan id>@<version>`: schedule, replace and cancel notifications by it); a
// care task's stable key (`maint:<car>:<n>`, `birthday:<customer>:<year>` ...: generating the
// same window twice yields the same keys); a catalogue model's code, chosen by the
// dealership (`VW-TIGUANL-2025-330`).
text_ids!(
    CustomerId,
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

/// A calendar date (a birthday), with no time of day and no zone.
///
/// Not an instant: 1990-05-17 is the same day everywhere. A combination that is not a real
/// date (month 13, February 30) fails with `InvalidInput` naming the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct CalendarDate {
    /// The year, e.g. 1990.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
}

impl From<NaiveDate> for CalendarDate {
    fn from(d: NaiveDate) -> Self {
        CalendarDate {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

impl CalendarDate {
    /// The date as chrono's, or `InvalidInput` naming `field` when it is not a real date.
    pub(crate) fn to_naive(self, field: &str) -> Result<NaiveDate, CrmError> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
            .ok_or_else(|| CrmError::invalid(field, "is not a calendar date"))
    }
}

/// An optional date as chrono's: absent stays absent, a date that is not real is
/// `InvalidInput` naming `field`.
pub(crate) fn optional_date(
    date: Option<CalendarDate>,
    field: &str,
) -> Result<Option<NaiveDate>, CrmError> {
    date.map(|d| d.to_naive(field)).transpose()
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
    fn an_instant_out_of_range_is_invalid_input() {
        let far = UNIX_EPOCH + Duration::from_secs(1 << 45);
        assert!(matches!(
            timestamp_from_system_time(far),
            Err(CrmError::InvalidInput { field, .. }) if field == "instant"
        ));
    }
}

//! Proptest strategies for time (feature `proptest`), `crm_core::strategies::time`: the
//! reference instant, past instants, and dealership zones with and without DST.

use crate::time::DealershipZone;
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;

/// Every generated instant and date lies before this instant (2026-01-01T00:00:00Z).
pub const REFERENCE_NOW: i64 = 1_767_225_600_000;

/// [`REFERENCE_NOW`] as an instant.
pub fn reference_now() -> DateTime<Utc> {
    Utc.timestamp_millis_opt(REFERENCE_NOW)
        .single()
        .unwrap_or_default()
}

/// An instant between 2020 and [`REFERENCE_NOW`], at millisecond precision.
pub fn past_instant() -> impl Strategy<Value = DateTime<Utc>> {
    instant_before(reference_now())
}

/// An instant from 2020-01-01 up to `now` (exclusive; `now` itself when it is earlier), at
/// millisecond precision: a moment that has happened as of `now`.
pub fn instant_before(now: DateTime<Utc>) -> impl Strategy<Value = DateTime<Utc>> {
    let end = now.timestamp_millis();
    let start = FIRST_INSTANT.min(end - 1);
    (start..end).prop_map(|ms| Utc.timestamp_millis_opt(ms).single().unwrap_or_default())
}

/// 2020-01-01T00:00:00Z, the earliest generated instant.
const FIRST_INSTANT: i64 = 1_577_836_800_000;

/// Zones with daylight saving time, each with a twist: New York and Berlin (an hour at
/// 02:00 / 03:00), Sydney (southern hemisphere), Santiago (midnight does not exist on the
/// spring-forward day), Lord Howe (30-minute DST), Dublin (negative DST in tzdata), Havana
/// and Beirut (changes at midnight), Casablanca (DST suspended every Ramadan), Chatham
/// (+12:45 / +13:45).
pub const DST_ZONE_NAMES: &[&str] = &[
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Europe/Dublin",
    "America/Havana",
    "Asia/Beirut",
    "Africa/Casablanca",
    "Pacific/Chatham",
];

/// Zones without DST now, including odd offsets: Shanghai (the default), Kolkata (+5:30),
/// Kathmandu (+5:45), Apia (skipped 2011-12-30), UTC.
pub const PLAIN_ZONE_NAMES: &[&str] = &[
    "Asia/Shanghai",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Apia",
    "UTC",
];

/// A zone with DST.
pub fn dst_zone() -> impl Strategy<Value = DealershipZone> {
    select(DST_ZONE_NAMES).prop_map(|n| DealershipZone::new(n).unwrap_or_default())
}

/// Any zone of [`DST_ZONE_NAMES`] and [`PLAIN_ZONE_NAMES`], DST ones twice as often.
pub fn dealership_zone() -> impl Strategy<Value = DealershipZone> {
    prop_oneof![
        2 => dst_zone(),
        1 => select(PLAIN_ZONE_NAMES).prop_map(|n| DealershipZone::new(n).unwrap_or_default()),
    ]
}

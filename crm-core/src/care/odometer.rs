//! Odometer readings (里程) and what they predict: the distance on any date, and the date a
//! distance is reached.
//!
//! **The model.** The delivery is a reading of the car's delivery distance; every reading on
//! or after the delivery date adds a point, unless it is implausible: lower than an earlier
//! point (odometers do not run back), or more than [`OdometerLimits::max_daily_km`] a day
//! beyond the last point before its day (a typo: 500,000 km a day after 5,000 km; two
//! readings of one day count as a day apart). Of several plausible readings on one day the
//! highest counts. Between two points the distance grows evenly. After the last point it
//! grows at the **average daily distance of the latest readings**: from the oldest to the
//! newest of the last `recent_readings` points (3 by default, the delivery included), so
//! never faster than the daily limit. When those show no distance (no readings yet, or a
//! car standing still) the distance stays where it is and services fall due by time
//! alone. Integer arithmetic throughout, so predictions are exact and repeatable.
//!
//! The store refuses a reading the model would ignore, or one that would make the model
//! ignore a reading it uses now ([`check_reading`]); readings stored under a higher limit
//! are still sifted by the current one.

use crate::validation::{Rule, ValidationError};
use chrono::NaiveDate;

/// The highest odometer reading accepted, in km.
pub const MAX_ODOMETER_KM: u32 = 2_000_000;

/// One odometer reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct OdometerReading {
    /// The day it was read.
    pub on: NaiveDate,
    /// The distance shown, in km.
    pub km: u32,
}

impl OdometerReading {
    /// Checks a new reading of a car delivered on `delivered_on`, as of the local date
    /// `today`: not before the delivery (`on`, `TooEarly`), not after today (`on`,
    /// `InFuture`), at most [`MAX_ODOMETER_KM`] (`km`).
    pub fn validate(
        &self,
        delivered_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<OdometerReading, ValidationError> {
        if self.on < delivered_on {
            return Err(ValidationError::new("on", Rule::TooEarly));
        }
        if self.on > today {
            return Err(ValidationError::new("on", Rule::InFuture));
        }
        if self.km > MAX_ODOMETER_KM {
            return Err(ValidationError::new(
                "km",
                Rule::Malformed {
                    expected: "a distance of at most 2,000,000 km",
                },
            ));
        }
        Ok(*self)
    }
}

/// The default of [`OdometerLimits::max_daily_km`].
pub const DEFAULT_MAX_DAILY_KM: u32 = 1_500;

/// The lowest and highest [`OdometerLimits::max_daily_km`] accepted.
pub const MAX_DAILY_KM_RANGE: (u32, u32) = (50, 5_000);

/// How far a car may plausibly go in a day: the dealership's setting that odometer
/// readings are checked against and the planner's predictions are capped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct OdometerLimits {
    /// The most km a day a reading may imply since the previous one (50 to 5,000; default
    /// 1,500).
    pub max_daily_km: u32,
}

impl Default for OdometerLimits {
    fn default() -> Self {
        OdometerLimits {
            max_daily_km: DEFAULT_MAX_DAILY_KM,
        }
    }
}

impl OdometerLimits {
    /// Checks the limit (field `max_daily_km`).
    pub fn validate(&self) -> Result<OdometerLimits, ValidationError> {
        let (low, high) = MAX_DAILY_KM_RANGE;
        if !(low..=high).contains(&self.max_daily_km) {
            return Err(ValidationError::new(
                "max_daily_km",
                Rule::Malformed {
                    expected: "a distance from 50 to 5,000 km a day",
                },
            ));
        }
        Ok(*self)
    }
}

/// Checks `reading` of a car delivered on `delivered_on` with `delivery_km` against the
/// car's `others` readings (any order, the reading itself not among them) under `limits`:
/// the reading must count in the model (not lower than an earlier reading, at most
/// `max_daily_km` a day beyond the last one before its day), and every reading that
/// counts without it must still count with it (it must not make a later reading look like
/// a typo). Error: field `km`.
pub fn check_reading(
    delivered_on: NaiveDate,
    delivery_km: u32,
    others: &[OdometerReading],
    reading: OdometerReading,
    limits: OdometerLimits,
) -> Result<(), ValidationError> {
    let (_, before) = sift(delivered_on, delivery_km, others, limits.max_daily_km);
    let mut all = others.to_vec();
    all.push(reading);
    let (_, with) = sift(delivered_on, delivery_km, &all, limits.max_daily_km);
    let counts = with.last().copied().unwrap_or(false);
    let keeps_others = before.iter().zip(&with).all(|(b, w)| !b || *w);
    if counts && keeps_others {
        Ok(())
    } else {
        Err(ValidationError::new(
            "km",
            Rule::Malformed {
                expected: "a distance that fits the car's other readings \
                           (never lower than an earlier one, never more than the daily limit \
                           a day, 1,500 km by default)",
            },
        ))
    }
}

/// The model's points from `readings` (see the module's documentation), and for each
/// reading whether it counts.
fn sift(
    delivered_on: NaiveDate,
    delivery_km: u32,
    readings: &[OdometerReading],
    max_daily_km: u32,
) -> (Vec<(NaiveDate, u64)>, Vec<bool>) {
    let mut order: Vec<usize> = (0..readings.len())
        .filter(|i| readings[*i].on >= delivered_on)
        .collect();
    order.sort_by_key(|i| (readings[*i].on, readings[*i].km));
    let delivery = (delivered_on, u64::from(delivery_km));
    let mut points: Vec<(NaiveDate, u64)> = vec![delivery];
    // The point the last point's day is checked against: the one before that day (the
    // delivery for the delivery day).
    let mut day_base = delivery;
    let mut counts = vec![false; readings.len()];
    let max = u64::from(max_daily_km);
    for i in order {
        let r = readings[i];
        let km = u64::from(r.km);
        let Some(last) = points.last().copied() else {
            continue;
        };
        if km < last.1 {
            continue;
        }
        let base = if r.on == last.0 { day_base } else { last };
        let days = u64::try_from(days_between(base.0, r.on))
            .unwrap_or(0)
            .max(1);
        if km - base.1.min(km) > max.saturating_mul(days) {
            continue;
        }
        counts[i] = true;
        if r.on == last.0 {
            if let Some(p) = points.last_mut() {
                p.1 = km;
            }
        } else {
            day_base = last;
            points.push((r.on, km));
        }
    }
    (points, counts)
}

/// A daily rate as a fraction: `km` over `days` (both positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rate {
    km: u64,
    days: u64,
}

/// A car's distance over time (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Odometer {
    /// Dates strictly rising, distances never falling; the first is the delivery.
    points: Vec<(NaiveDate, u64)>,
    rate: Option<Rate>,
}

/// Days from `a` to `b` (positive when `b` is later).
fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// `date` plus `days`, saturating at the latest date.
fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(chrono::Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

impl Odometer {
    /// The odometer of a car delivered on `delivered_on` with `delivery_km`, from its
    /// `readings` (any order; implausible ones under `limits` are left out), with the rate
    /// taken over the last `recent_readings` points (at least 2).
    pub fn new(
        delivered_on: NaiveDate,
        delivery_km: u32,
        readings: &[OdometerReading],
        recent_readings: u32,
        limits: OdometerLimits,
    ) -> Odometer {
        let (points, _) = sift(delivered_on, delivery_km, readings, limits.max_daily_km);
        let n = usize::try_from(recent_readings.max(2)).unwrap_or(usize::MAX);
        let recent = &points[points.len().saturating_sub(n)..];
        let rate = match (recent.first(), recent.last()) {
            (Some(first), Some(last)) => {
                let days = u64::try_from(days_between(first.0, last.0)).unwrap_or(0);
                let km = last.1.saturating_sub(first.1);
                (days > 0 && km > 0).then_some(Rate { km, days })
            }
            _ => None,
        };
        Odometer { points, rate }
    }

    /// Whether the readings give a daily distance (else services fall due by time alone).
    pub fn has_rate(&self) -> bool {
        self.rate.is_some()
    }

    /// The average daily distance of the latest readings, in km per day, for display.
    pub fn daily_km(&self) -> Option<f64> {
        self.rate.map(|r| r.km as f64 / r.days as f64)
    }

    /// The predicted distance on `date` (the delivery distance before the delivery).
    pub fn km_on(&self, date: NaiveDate) -> u64 {
        let Some(&(first_on, first_km)) = self.points.first() else {
            return 0;
        };
        if date <= first_on {
            return first_km;
        }
        for pair in self.points.windows(2) {
            let ((a_on, a_km), (b_on, b_km)) = (pair[0], pair[1]);
            if date <= b_on {
                let span = days_between(a_on, b_on).unsigned_abs();
                let into = days_between(a_on, date).unsigned_abs();
                return a_km + mul_div_floor(b_km - a_km, into, span);
            }
        }
        let (last_on, last_km) = self.points[self.points.len() - 1];
        match self.rate {
            Some(rate) => {
                let into = days_between(last_on, date).unsigned_abs();
                last_km.saturating_add(mul_div_floor(rate.km, into, rate.days))
            }
            None => last_km,
        }
    }

    /// The first date on which the predicted distance is at least `km`; `None` when it never
    /// is (the readings give no rate and the car has not got there).
    pub fn date_reaching(&self, km: u64) -> Option<NaiveDate> {
        let &(first_on, first_km) = self.points.first()?;
        if km <= first_km {
            return Some(first_on);
        }
        for pair in self.points.windows(2) {
            let ((a_on, a_km), (b_on, b_km)) = (pair[0], pair[1]);
            if km <= b_km {
                let span = days_between(a_on, b_on).unsigned_abs();
                return Some(plus_days(a_on, mul_div_ceil(km - a_km, span, b_km - a_km)));
            }
        }
        let (last_on, last_km) = self.points[self.points.len() - 1];
        let rate = self.rate?;
        Some(plus_days(
            last_on,
            mul_div_ceil(km - last_km, rate.days, rate.km),
        ))
    }
}

/// `a * b / c` rounded down, in 128 bits (`c > 0`), saturating.
fn mul_div_floor(a: u64, b: u64, c: u64) -> u64 {
    let q = u128::from(a) * u128::from(b) / u128::from(c.max(1));
    u64::try_from(q).unwrap_or(u64::MAX)
}

/// `a * b / c` rounded up, in 128 bits (`c > 0`), saturating.
fn mul_div_ceil(a: u64, b: u64, c: u64) -> u64 {
    let c = u128::from(c.max(1));
    let q = (u128::from(a) * u128::from(b)).div_ceil(c);
    u64::try_from(q).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::date;

    fn reading(on: NaiveDate, km: u32) -> OdometerReading {
        OdometerReading { on, km }
    }

    #[test]
    fn without_readings_the_distance_stands_still() {
        let o = Odometer::new(date(2026, 1, 1), 12, &[], 3, OdometerLimits::default());
        assert!(!o.has_rate());
        assert_eq!(o.km_on(date(2027, 1, 1)), 12);
        assert_eq!(o.date_reaching(12), Some(date(2026, 1, 1)));
        assert_eq!(o.date_reaching(13), None);
    }

    #[test]
    fn the_rate_comes_from_the_latest_readings() {
        let d = date(2026, 1, 1);
        // 0 → 1,000 km in 100 days, then 1,000 → 4,000 in the next 100: 30 km a day over
        // the last two points, 20 over the last three.
        let readings = [
            reading(date(2026, 4, 11), 1000),
            reading(date(2026, 7, 20), 4000),
        ];
        let two = Odometer::new(d, 0, &readings, 2, OdometerLimits::default());
        let three = Odometer::new(d, 0, &readings, 3, OdometerLimits::default());
        assert_eq!(two.daily_km(), Some(30.0));
        assert_eq!(three.daily_km(), Some(20.0));
        // Past readings are interpolated, the future extrapolated.
        assert_eq!(three.km_on(date(2026, 2, 20)), 500);
        assert_eq!(three.km_on(date(2026, 7, 30)), 4200);
        assert_eq!(two.km_on(date(2026, 7, 30)), 4300);
        assert_eq!(three.date_reaching(500), Some(date(2026, 2, 20)));
        assert_eq!(three.date_reaching(501), Some(date(2026, 2, 21)));
        assert_eq!(three.date_reaching(5000), Some(date(2026, 9, 8)));
    }

    #[test]
    fn readings_that_run_back_or_predate_the_delivery_are_ignored() {
        let d = date(2026, 1, 1);
        let readings = [
            reading(date(2025, 12, 1), 9000),
            reading(date(2026, 3, 1), 3000),
            reading(date(2026, 2, 1), 5000),
            reading(date(2026, 2, 1), 1000),
        ];
        let o = Odometer::new(d, 0, &readings, 3, OdometerLimits::default());
        assert_eq!(o.km_on(date(2026, 2, 1)), 5000);
        // The March reading ran back: the rate is 5,000 km over January's 31 days.
        assert_eq!(o.km_on(date(2026, 3, 1)), 5000 + 5000 * 28 / 31);
    }

    #[test]
    fn a_reading_is_checked_against_delivery_and_today() {
        let d = date(2026, 1, 1);
        let today = date(2026, 5, 1);
        let r = |on, km| reading(on, km).validate(d, today).map_err(|e| e.field);
        assert!(r(date(2026, 1, 1), 0).is_ok());
        assert_eq!(r(date(2025, 12, 31), 0), Err("on".into()));
        assert_eq!(r(date(2026, 5, 2), 0), Err("on".into()));
        assert_eq!(r(date(2026, 5, 1), MAX_ODOMETER_KM + 1), Err("km".into()));
    }

    fn limits(max_daily_km: u32) -> OdometerLimits {
        OdometerLimits { max_daily_km }
    }

    #[test]
    fn a_typo_is_left_out_and_the_rate_never_exceeds_the_limit() {
        let d = date(2026, 1, 1);
        // 5,000 km on day 10, then 500,000 the next day: a typo.
        let readings = [
            reading(date(2026, 1, 11), 5_000),
            reading(date(2026, 1, 12), 500_000),
        ];
        let o = Odometer::new(d, 0, &readings, 3, OdometerLimits::default());
        assert_eq!(o.daily_km(), Some(500.0));
        assert_eq!(o.km_on(date(2026, 1, 12)), 5_500);
        // Under a lower limit the first reading is a typo too (500 km a day for 10 days).
        let strict = Odometer::new(d, 0, &readings, 3, limits(400));
        assert!(!strict.has_rate());
        // Whatever the readings, the rate stays within the limit.
        let fast = [
            reading(date(2026, 1, 2), 1_500),
            reading(date(2026, 1, 3), 3_000),
        ];
        let o = Odometer::new(d, 0, &fast, 3, OdometerLimits::default());
        assert_eq!(o.daily_km(), Some(1_500.0));
    }

    #[test]
    fn readings_of_one_day_count_as_a_day_apart_and_the_highest_plausible_counts() {
        let d = date(2026, 1, 1);
        let readings = [
            reading(date(2026, 1, 5), 400),
            reading(date(2026, 1, 5), 420),
            reading(date(2026, 1, 5), 9_000),
        ];
        let o = Odometer::new(d, 0, &readings, 3, OdometerLimits::default());
        assert_eq!(o.km_on(date(2026, 1, 5)), 420);
        // On the delivery day itself: at most a day's distance beyond the delivery's.
        let same_day = [reading(d, 1_400), reading(d, 1_700)];
        let o = Odometer::new(d, 100, &same_day, 3, OdometerLimits::default());
        assert_eq!(o.km_on(d), 1_400);
    }

    #[test]
    fn a_reading_must_fit_the_others() {
        let d = date(2026, 1, 1);
        let others = [
            reading(date(2026, 1, 11), 5_000),
            reading(date(2026, 2, 10), 8_000),
        ];
        let check =
            |r| check_reading(d, 0, &others, r, OdometerLimits::default()).map_err(|e| e.field);
        assert_eq!(check(reading(date(2026, 1, 12), 500_000)), Err("km".into()));
        assert_eq!(check(reading(date(2026, 1, 12), 5_100)), Ok(()));
        // Lower than an earlier reading: odometers do not run back.
        assert_eq!(check(reading(date(2026, 1, 20), 4_000)), Err("km".into()));
        // Plausible after the earlier reading, but the later one would then run back.
        assert_eq!(check(reading(date(2026, 1, 20), 9_000)), Err("km".into()));
        // At 1,500 km a day the limit is met exactly, one more km is not.
        assert_eq!(check(reading(date(2026, 1, 3), 3_000)), Ok(()));
        assert_eq!(check(reading(date(2026, 1, 3), 3_001)), Err("km".into()));
        // A reading that is itself plausible but makes a later one look like a typo.
        let later = [reading(date(2026, 1, 3), 2_900)];
        let check_later = |r| check_reading(d, 0, &later, r, OdometerLimits::default()).is_ok();
        assert!(
            !check_later(reading(date(2026, 1, 2), 1_000)),
            "2,900 the day after 1,000"
        );
        assert!(check_later(reading(date(2026, 1, 2), 1_500)));
        // Before the delivery the reading does not count: refused too (the store checks the
        // date first).
        assert_eq!(check(reading(date(2025, 12, 31), 0)), Err("km".into()));
    }

    #[test]
    fn the_limit_is_checked() {
        assert!(OdometerLimits::default().validate().is_ok());
        assert_eq!(limits(49).validate().unwrap_err().field, "max_daily_km");
        assert_eq!(limits(5_001).validate().unwrap_err().field, "max_daily_km");
        assert!(limits(5_000).validate().is_ok());
    }
}

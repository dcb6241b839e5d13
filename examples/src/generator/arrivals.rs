//! When customers arrive, and how old they are.

use super::weighted::pick;
use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc,
};
use crm_core::AgeBand;
use rand::Rng;

/// How far back the generated book reaches: 18 months.
pub const HISTORY_DAYS: i64 = 548;

/// The dealership's time zone: China Standard Time.
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// Relative weight of each local hour of the day (0-23) for new customers: the showroom's
/// opening hours with an afternoon peak, and a few online leads in the evening.
const HOURS: [f64; 24] = [
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 4.0, 8.0, 8.0, //
    4.0, 5.0, 8.0, 9.0, 8.0, 6.0, 5.0, 4.0, 2.0, 1.0, 0.5, 0.0,
];

/// Relative weight of a calendar day `age` days after the start of the history: the
/// business grows (the oldest days weigh 0.6, the newest 1.4), weekends are busier than
/// weekdays, the October Golden Week and month ends (sales targets) busier still.
fn day_weight(day: NaiveDate, age: i64) -> f64 {
    let growth = 0.6 + 0.8 * age as f64 / (HISTORY_DAYS - 1) as f64;
    let weekday = if day.weekday().number_from_monday() >= 6 {
        1.0
    } else {
        0.6
    };
    let golden_week = if day.month() == 10 && day.day() <= 7 {
        1.5
    } else {
        1.0
    };
    let month_end = if (day + Duration::days(3)).month() != day.month() {
        1.2
    } else {
        1.0
    };
    growth * weekday * golden_week * month_end
}

/// One hour of the history with customers in it.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Unix seconds at the start of the slot.
    start: i64,
    /// Its length in seconds (the last one ends at the anchor).
    seconds: i64,
    /// The weight of this slot and every earlier one.
    cumulative: f64,
}

/// The arrival-time distribution of a book: the [`HISTORY_DAYS`] before the anchor, cut
/// into hours weighted by [`day_weight`] and [`HOURS`]. A quantile in `0..1` maps to an
/// instant, monotonically, so stratified quantiles give customers in arrival order.
#[derive(Debug, Clone)]
pub(crate) struct Arrivals {
    slots: Vec<Slot>,
    anchor: DateTime<Utc>,
}

impl Arrivals {
    /// The distribution of arrivals before `anchor`.
    pub(crate) fn new(anchor: DateTime<Utc>) -> Self {
        let zone = china();
        let today = anchor.with_timezone(&zone).date_naive();
        let first = today - Duration::days(HISTORY_DAYS - 1);
        let end = anchor.timestamp();
        let mut slots = Vec::with_capacity(HISTORY_DAYS as usize * 16);
        let mut cumulative = 0.0;
        for age in 0..HISTORY_DAYS {
            let day = first + Duration::days(age);
            let weight = day_weight(day, age);
            for (hour, hour_weight) in (0u32..).zip(HOURS) {
                let local = day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default());
                let Some(start) = zone.from_local_datetime(&local).single() else {
                    continue;
                };
                let start = start.timestamp();
                let seconds = (end - start).min(3600);
                if hour_weight == 0.0 || seconds <= 0 {
                    continue;
                }
                cumulative += weight * hour_weight * seconds as f64 / 3600.0;
                slots.push(Slot {
                    start,
                    seconds,
                    cumulative,
                });
            }
        }
        Self { slots, anchor }
    }

    /// The instant at quantile `q` (clamped to `0..1`): never after the anchor.
    pub(crate) fn at(&self, q: f64) -> DateTime<Utc> {
        let Some(total) = self.slots.last().map(|s| s.cumulative) else {
            return self.anchor;
        };
        let target = q.clamp(0.0, 1.0) * total;
        let i = self
            .slots
            .partition_point(|s| s.cumulative <= target)
            .min(self.slots.len() - 1);
        let slot = self.slots[i];
        let before = if i == 0 {
            0.0
        } else {
            self.slots[i - 1].cumulative
        };
        let within = ((target - before) / (slot.cumulative - before)).clamp(0.0, 1.0);
        let offset = ((slot.seconds as f64 * within) as i64).min(slot.seconds - 1);
        DateTime::from_timestamp(slot.start + offset, 0)
            .unwrap_or(self.anchor)
            .min(self.anchor)
    }
}

/// Ages of car buyers, by weight: (youngest, oldest, weight).
const AGES: &[((i32, i32), u32)] = &[
    ((20, 24), 6),
    ((25, 29), 16),
    ((30, 34), 22),
    ((35, 39), 20),
    ((40, 44), 14),
    ((45, 49), 10),
    ((50, 54), 6),
    ((55, 59), 4),
    ((60, 69), 2),
];

/// What is known of a customer's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Age {
    /// The birthday (30 %).
    Birthday(NaiveDate),
    /// Only an age band, as estimated by the consultant (30 %).
    Band(AgeBand),
    /// Nothing (40 %).
    Unknown,
}

/// The age band of someone `years` old.
fn band(years: i32) -> AgeBand {
    match years {
        ..=24 => AgeBand::Under25,
        25..=34 => AgeBand::From25To34,
        35..=44 => AgeBand::From35To44,
        45..=54 => AgeBand::From45To54,
        55..=64 => AgeBand::From55To64,
        _ => AgeBand::From65,
    }
}

/// A customer's age as of `anchor`: a birthday at least 20 years before it, an age band, or
/// nothing.
pub(crate) fn age<R: Rng + ?Sized>(rng: &mut R, anchor: DateTime<Utc>) -> Age {
    let roll = rng.random_range(0..100);
    if roll >= 60 {
        return Age::Unknown;
    }
    let (youngest, oldest) = *pick(rng, AGES);
    let years = rng.random_range(youngest..=oldest);
    if roll >= 30 {
        return Age::Band(band(years));
    }
    let today = anchor.with_timezone(&china()).date_naive();
    // Born some day in the year before their `years`-th birthday falls due.
    let latest = today
        .with_year(today.year() - years)
        .or_else(|| (today - Duration::days(1)).with_year(today.year() - years))
        .unwrap_or(today);
    Age::Birthday(latest - Duration::days(rng.random_range(0..365)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Timelike, Weekday};

    fn anchor() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 8, 30, 0).unwrap()
    }

    #[test]
    fn arrivals_rise_with_the_quantile_and_stay_in_the_history() {
        let arrivals = Arrivals::new(anchor());
        let earliest = anchor() - Duration::days(HISTORY_DAYS);
        let mut previous = earliest;
        for k in 0..=10_000 {
            let at = arrivals.at(f64::from(k) / 10_000.0);
            assert!(at >= previous && at <= anchor(), "{k}: {at}");
            previous = at;
        }
        assert!(arrivals.at(1.0) > anchor() - Duration::hours(2));
    }

    #[test]
    fn arrivals_follow_opening_hours_and_weekends() {
        let arrivals = Arrivals::new(anchor());
        let (mut weekend, mut night) = (0, 0);
        let n = 20_000;
        for k in 0..n {
            let local = arrivals
                .at((f64::from(k) + 0.5) / f64::from(n))
                .with_timezone(&china());
            weekend += i32::from(matches!(local.weekday(), Weekday::Sat | Weekday::Sun));
            night += i32::from(local.hour() < 8);
        }
        assert_eq!(night, 0);
        // Two days in seven, weighing 1.0 against 0.6: about 40 %.
        assert!((7_400..8_600).contains(&weekend), "{weekend}");
    }

    #[test]
    fn ages_are_adult_and_bands_match() {
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let latest = NaiveDate::from_ymd_opt(2006, 11, 28).unwrap();
        for _ in 0..1_000 {
            if let Age::Birthday(b) = age(&mut rng, anchor()) {
                assert!(b <= latest, "{b}");
            }
        }
        assert_eq!(band(24), AgeBand::Under25);
        assert_eq!(band(65), AgeBand::From65);
    }
}

//! When a plan is due (下次跟进时间): at an instant, or some time on a local date. And the
//! rules that follow from it: due on which day, overdue since when, by how many days.

use crate::time::LocalDays;
use chrono::{DateTime, NaiveDate, Utc};

/// When a follow-up is planned: at an instant ("Friday 15:00"), or on a date with no time
/// ("Friday"), meaning the dealership's local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum PlanTime {
    /// At this instant (UTC).
    At(DateTime<Utc>),
    /// Some time during this local date.
    OnDate(NaiveDate),
}

impl PlanTime {
    /// The local date the plan falls on.
    ///
    /// `zone` is a [`crate::DealershipZone`], or a [`crate::DayStarts`] of it where many
    /// plans are asked about (every method here takes either).
    pub fn local_date(&self, zone: &impl LocalDays) -> NaiveDate {
        match *self {
            PlanTime::At(t) => zone.local_date(t),
            PlanTime::OnDate(d) => d,
        }
    }

    /// The instant the plan becomes due: the instant itself, or the start of the local date.
    /// Lists sort plans by it, so a date-only plan comes before the timed ones of its day.
    pub fn due_start(&self, zone: &impl LocalDays) -> DateTime<Utc> {
        match *self {
            PlanTime::At(t) => t,
            PlanTime::OnDate(d) => zone.start_of(d),
        }
    }

    /// The first instant at which the plan counts as overdue: just after its instant (1 ms
    /// later), or the end of its local date.
    pub fn overdue_from(&self, zone: &impl LocalDays) -> DateTime<Utc> {
        match *self {
            PlanTime::At(t) => t
                .checked_add_signed(chrono::Duration::milliseconds(1))
                .unwrap_or(t),
            PlanTime::OnDate(d) => zone.end_of(d),
        }
    }

    /// `true` once the plan's time has passed: for an instant, when `now` is after it; for a
    /// date, when the dealership's local day `d` has ended.
    pub fn is_overdue(&self, now: DateTime<Utc>, zone: &impl LocalDays) -> bool {
        match *self {
            PlanTime::At(t) => now > t,
            PlanTime::OnDate(d) => now >= zone.end_of(d),
        }
    }

    /// How many local days the plan is overdue: `None` while it is not; `Some(0)` for an
    /// instant earlier today; `Some(1)` for a plan of yesterday, and so on.
    pub fn days_overdue(&self, now: DateTime<Utc>, zone: &impl LocalDays) -> Option<u32> {
        if !self.is_overdue(now, zone) {
            return None;
        }
        let days = (zone.local_date(now) - self.local_date(zone)).num_days();
        Some(u32::try_from(days.max(0)).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::utc;
    use crate::DealershipZone;
    use chrono::Duration;

    #[test]
    fn an_instant_is_overdue_right_after_it_and_counts_local_days() {
        let z = DealershipZone::default();
        let plan = PlanTime::At(utc("2026-11-27T02:00:00Z")); // 10:00 in Shanghai
        assert!(!plan.is_overdue(utc("2026-11-27T02:00:00Z"), &z));
        assert_eq!(
            plan.days_overdue(utc("2026-11-27T02:00:00.001Z"), &z),
            Some(0)
        );
        // 23:59 local on the same day, then 00:00 local on the next.
        assert_eq!(plan.days_overdue(utc("2026-11-27T15:59:00Z"), &z), Some(0));
        assert_eq!(plan.days_overdue(utc("2026-11-27T16:00:00Z"), &z), Some(1));
        assert_eq!(plan.overdue_from(&z), utc("2026-11-27T02:00:00.001Z"));
    }

    #[test]
    fn a_date_is_overdue_when_the_local_day_ends() {
        let z = DealershipZone::default();
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let plan = PlanTime::OnDate(d);
        let end = utc("2026-11-28T16:00:00Z");
        assert!(!plan.is_overdue(end - Duration::milliseconds(1), &z));
        assert_eq!(plan.days_overdue(end, &z), Some(1));
        assert_eq!(plan.due_start(&z), utc("2026-11-27T16:00:00Z"));
        assert_eq!(plan.overdue_from(&z), end);
        assert_eq!(plan.days_overdue(end + Duration::days(2), &z), Some(3));
    }

    #[test]
    fn plan_times_serialise_tagged() {
        let d = PlanTime::OnDate(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        assert_eq!(
            serde_json::to_value(d).unwrap(),
            serde_json::json!({"kind": "on_date", "value": "2026-11-28"})
        );
        let back: PlanTime = serde_json::from_value(serde_json::to_value(d).unwrap()).unwrap();
        assert_eq!(back, d);
    }
}

//! The dealership's retention rule: customers lost (战败) or dormant (休眠) for longer than
//! a number of months are erased. Off until the dealership sets it.

use crate::pipeline::PipelineStatus;
use crate::validation::{Rule, ValidationError};
use chrono::{DateTime, Months, Utc};

/// The longest retention period the rule takes, in months (50 years).
pub const MAX_RETENTION_MONTHS: u32 = 600;

/// How long the book keeps customers it no longer works with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RetentionPolicy {
    /// Erase customers lost or dormant for longer than this many months (1 to
    /// [`MAX_RETENTION_MONTHS`]); `None` (the default): never erase by age.
    pub erase_lost_or_dormant_after_months: Option<u32>,
}

impl RetentionPolicy {
    /// Checks the period (field `erase_lost_or_dormant_after_months`: 1 to
    /// [`MAX_RETENTION_MONTHS`]).
    pub fn validate(&self) -> Result<RetentionPolicy, ValidationError> {
        match self.erase_lost_or_dormant_after_months {
            Some(months) if !(1..=MAX_RETENTION_MONTHS).contains(&months) => {
                Err(ValidationError::new(
                    "erase_lost_or_dormant_after_months",
                    Rule::Malformed {
                        expected: "a number of months from 1 to 600",
                    },
                ))
            }
            _ => Ok(*self),
        }
    }

    /// The instant before which a customer must have become lost or dormant to be erased
    /// at `now`: `now` minus the months, on the same day of the month (the month's last
    /// day when it is shorter); `None` when the rule is off.
    pub fn cutoff(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let months = self.erase_lost_or_dormant_after_months?;
        now.checked_sub_months(Months::new(months))
    }

    /// Whether a customer with pipeline `status` since `since` is erased at `now`: lost or
    /// dormant, since before [`RetentionPolicy::cutoff`].
    pub fn is_due(&self, status: PipelineStatus, since: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        matches!(status, PipelineStatus::Lost | PipelineStatus::Dormant)
            && self.cutoff(now).is_some_and(|cutoff| since < cutoff)
    }

    /// The reason the deletions log keeps for a customer this rule erased.
    pub fn reason(&self) -> String {
        match self.erase_lost_or_dormant_after_months {
            Some(months) => format!("retention: lost or dormant for more than {months} months"),
            None => "retention".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 8, 0, 0).unwrap()
    }

    fn after(months: u32) -> RetentionPolicy {
        RetentionPolicy {
            erase_lost_or_dormant_after_months: Some(months),
        }
    }

    #[test]
    fn off_by_default_and_never_due() {
        let off = RetentionPolicy::default();
        assert_eq!(off.erase_lost_or_dormant_after_months, None);
        assert_eq!(off.cutoff(at(2026, 1, 1)), None);
        assert!(!off.is_due(PipelineStatus::Lost, at(1990, 1, 1), at(2026, 1, 1)));
        assert_eq!(off.validate(), Ok(off));
    }

    #[test]
    fn months_from_one_to_the_maximum() {
        for months in [0, MAX_RETENTION_MONTHS + 1] {
            let err = after(months).validate().unwrap_err();
            assert_eq!(err.field, "erase_lost_or_dormant_after_months");
        }
        for months in [1, MAX_RETENTION_MONTHS] {
            assert_eq!(after(months).validate(), Ok(after(months)));
        }
    }

    #[test]
    fn the_cutoff_is_the_same_day_months_before_or_the_months_last_day() {
        assert_eq!(after(24).cutoff(at(2026, 5, 10)), Some(at(2024, 5, 10)));
        assert_eq!(after(1).cutoff(at(2026, 3, 31)), Some(at(2026, 2, 28)));
    }

    #[test]
    fn only_lost_and_dormant_customers_past_the_cutoff_are_due() {
        let rule = after(12);
        let now = at(2026, 6, 1);
        let old = at(2025, 5, 31);
        assert!(rule.is_due(PipelineStatus::Lost, old, now));
        assert!(rule.is_due(PipelineStatus::Dormant, old, now));
        // Exactly at the cutoff: not yet.
        assert!(!rule.is_due(PipelineStatus::Lost, at(2025, 6, 1), now));
        for status in PipelineStatus::ALL
            .into_iter()
            .filter(|s| !matches!(s, PipelineStatus::Lost | PipelineStatus::Dormant))
        {
            assert!(!rule.is_due(status, old, now), "{status:?}");
        }
    }

    #[test]
    fn the_reason_names_the_period() {
        assert_eq!(
            after(18).reason(),
            "retention: lost or dormant for more than 18 months"
        );
    }
}

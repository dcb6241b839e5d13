//! Follow-up cadence (跟进周期): how often each intent level is contacted, and how fast a new
//! lead must get its first response. Dealership configuration with industry defaults.

use crate::follow_up::intent_level::IntentLevel;
use crate::follow_up::plan_time::PlanTime;
use crate::time::LocalDays;
use crate::validation::{Rule, ValidationError};
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};

/// The longest cadence a dealership may set, in days.
pub const MAX_CADENCE_DAYS: u32 = 365;
/// The longest first-response deadline, in minutes (a week).
pub const MAX_FIRST_RESPONSE_MINUTES: u32 = 7 * 24 * 60;

const EXPECTED_DAYS: &str = "a number of days from 1 to 365";
const EXPECTED_MINUTES: &str = "a number of minutes from 1 to 10080";

/// A dealership's follow-up cadence: the days between contacts for each intent level, and
/// the deadline for the first response to a customer nobody has contacted yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CadenceConfig {
    /// N (new lead): days between contacts. Default 1.
    pub n_days: u32,
    /// H (order within 7 days). Default 2.
    pub h_days: u32,
    /// A (within 15 days). Default 4.
    pub a_days: u32,
    /// B (within 30 days). Default 7.
    pub b_days: u32,
    /// C (within 2-3 months). Default 15.
    pub c_days: u32,
    /// O (ordered, not delivered). Default 3.
    pub o_days: u32,
    /// Minutes after a customer is created by which the first contact is due (the consultant
    /// report: after the lead's assignment to its consultant). Default 120.
    pub first_response_minutes: u32,
}

impl Default for CadenceConfig {
    fn default() -> Self {
        CadenceConfig {
            n_days: 1,
            h_days: 2,
            a_days: 4,
            b_days: 7,
            c_days: 15,
            o_days: 3,
            first_response_minutes: 120,
        }
    }
}

impl CadenceConfig {
    /// Checks every number: days 1..=365, first response 1..=10080 minutes. The error names
    /// the field (`h_days`, `first_response_minutes`).
    pub fn validate(&self) -> Result<CadenceConfig, ValidationError> {
        for level in <IntentLevel as crate::validation::Code>::ALL {
            let days = self.days(*level);
            if !(1..=MAX_CADENCE_DAYS).contains(&days) {
                return Err(ValidationError::new(
                    days_field(*level),
                    Rule::Malformed {
                        expected: EXPECTED_DAYS,
                    },
                ));
            }
        }
        if !(1..=MAX_FIRST_RESPONSE_MINUTES).contains(&self.first_response_minutes) {
            return Err(ValidationError::new(
                "first_response_minutes",
                Rule::Malformed {
                    expected: EXPECTED_MINUTES,
                },
            ));
        }
        Ok(*self)
    }

    /// The days between contacts for `level`.
    pub fn days(&self, level: IntentLevel) -> u32 {
        match level {
            IntentLevel::N => self.n_days,
            IntentLevel::H => self.h_days,
            IntentLevel::A => self.a_days,
            IntentLevel::B => self.b_days,
            IntentLevel::C => self.c_days,
            IntentLevel::O => self.o_days,
        }
    }

    /// The first-response deadline after creation.
    pub fn first_response(&self) -> Duration {
        Duration::minutes(i64::from(self.first_response_minutes))
    }

    /// For a store's indexed query: a customer at `level` last contacted at `t` is
    /// cadence-due on or before local date `date` exactly when `t` is before the returned
    /// instant (the end of the local day `date - days`).
    pub fn last_contact_bound(
        &self,
        level: IntentLevel,
        date: NaiveDate,
        zone: &impl LocalDays,
    ) -> DateTime<Utc> {
        match date.checked_sub_days(Days::new(u64::from(self.days(level)))) {
            Some(d) => zone.end_of(d),
            None => DateTime::<Utc>::MIN_UTC,
        }
    }
}

/// The field naming `level`'s cadence: `n_days` … `o_days`.
fn days_field(level: IntentLevel) -> &'static str {
    match level {
        IntentLevel::N => "n_days",
        IntentLevel::H => "h_days",
        IntentLevel::A => "a_days",
        IntentLevel::B => "b_days",
        IntentLevel::C => "c_days",
        IntentLevel::O => "o_days",
    }
}

/// When a customer's next contact is due by the cadence rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CadenceDue {
    /// Never contacted: the first response is due by `deadline`.
    FirstResponse {
        /// Creation plus the first-response time.
        deadline: DateTime<Utc>,
    },
    /// Contacted before: the next contact is due on local date `date`.
    OnDate {
        /// The local date of the last contact plus the level's days.
        date: NaiveDate,
    },
}

impl CadenceDue {
    /// The same due time in a plan's shape, so that [`PlanTime`]'s overdue rules apply.
    pub fn time(&self) -> PlanTime {
        match *self {
            CadenceDue::FirstResponse { deadline } => PlanTime::At(deadline),
            CadenceDue::OnDate { date } => PlanTime::OnDate(date),
        }
    }
}

/// When the next contact with a customer is due: for a customer never contacted
/// (`last_contact` is `None`), the first-response deadline after `created`, whatever the
/// level; otherwise the local date of the last contact plus the level's cadence in days.
/// A cadence in local days means that "every 2 days" after a call at 17:00 on Monday is
/// due on Wednesday, all day. `zone` is a [`crate::DealershipZone`] or a
/// [`crate::DayStarts`] of it.
pub fn cadence_due(
    last_contact: Option<DateTime<Utc>>,
    created: DateTime<Utc>,
    level: IntentLevel,
    config: &CadenceConfig,
    zone: &impl LocalDays,
) -> CadenceDue {
    match last_contact {
        None => CadenceDue::FirstResponse {
            deadline: created
                .checked_add_signed(config.first_response())
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        },
        Some(last) => {
            let last_day = zone.local_date(last);
            CadenceDue::OnDate {
                date: last_day
                    .checked_add_days(Days::new(u64::from(config.days(level))))
                    .unwrap_or(NaiveDate::MAX),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::{date, utc};
    use crate::DealershipZone;

    #[test]
    fn defaults_follow_the_brief() {
        let c = CadenceConfig::default();
        let days: Vec<u32> = [
            IntentLevel::N,
            IntentLevel::H,
            IntentLevel::A,
            IntentLevel::B,
            IntentLevel::C,
            IntentLevel::O,
        ]
        .iter()
        .map(|l| c.days(*l))
        .collect();
        assert_eq!(days, [1, 2, 4, 7, 15, 3]);
        assert_eq!(c.first_response(), Duration::hours(2));
        assert_eq!(c.validate(), Ok(c));
    }

    #[test]
    fn out_of_range_numbers_name_their_field() {
        let c = CadenceConfig {
            b_days: 0,
            ..Default::default()
        };
        assert_eq!(c.validate().unwrap_err().field, "b_days");
        let c = CadenceConfig {
            o_days: 366,
            ..Default::default()
        };
        assert_eq!(c.validate().unwrap_err().field, "o_days");
        let c = CadenceConfig {
            first_response_minutes: 0,
            ..Default::default()
        };
        assert_eq!(c.validate().unwrap_err().field, "first_response_minutes");
    }

    #[test]
    fn never_contacted_customers_owe_a_first_response() {
        let created = utc("2026-11-27T01:00:00Z");
        let due = cadence_due(
            None,
            created,
            IntentLevel::H,
            &CadenceConfig::default(),
            &DealershipZone::default(),
        );
        assert_eq!(
            due,
            CadenceDue::FirstResponse {
                deadline: utc("2026-11-27T03:00:00Z")
            }
        );
    }

    #[test]
    fn cadence_counts_local_days_from_the_last_contact() {
        let z = DealershipZone::default();
        // 23:30 on the 27th in Shanghai is 15:30 UTC; in UTC it would still be the 27th, but
        // 00:30 on the 28th local (16:30 UTC) must count from the 28th.
        let c = CadenceConfig::default();
        let created = utc("2026-01-01T00:00:00Z");
        let at = |s| cadence_due(Some(utc(s)), created, IntentLevel::H, &c, &z);
        assert_eq!(
            at("2026-11-27T15:30:00Z"),
            CadenceDue::OnDate {
                date: date(2026, 11, 29)
            }
        );
        assert_eq!(
            at("2026-11-27T16:30:00Z"),
            CadenceDue::OnDate {
                date: date(2026, 11, 30)
            }
        );
    }

    #[test]
    fn the_last_contact_bound_agrees_with_cadence_due() {
        let z = DealershipZone::default();
        let c = CadenceConfig::default();
        let day = date(2026, 11, 28);
        let bound = c.last_contact_bound(IntentLevel::A, day, &z);
        assert_eq!(bound, utc("2026-11-24T16:00:00Z"));
        let due = |t| match cadence_due(Some(t), t, IntentLevel::A, &c, &z) {
            CadenceDue::OnDate { date } => date,
            other => panic!("{other:?}"),
        };
        assert!(due(bound - Duration::milliseconds(1)) <= day);
        assert!(due(bound) > day);
    }
}

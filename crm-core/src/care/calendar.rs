//! Calendar arithmetic shared by the care rules: yearly dates, months after a date, and
//! offsets such as "3 months and 5 days after delivery".

use crate::validation::{Rule, ValidationError};
use chrono::{Days, Months, NaiveDate};

/// The longest offset a rule may set, in months (10 years).
pub const MAX_OFFSET_MONTHS: u32 = 120;
/// The most days an offset or a lead may count.
pub const MAX_OFFSET_DAYS: u32 = 366;

/// The date `month`-`day` in `year`. February 29 falls on **February 28** in a common
/// year (a birthday or anniversary stays in its month, and is greeted before the day rather
/// than after). `None` for a date no year has (e.g. April 31).
pub fn yearly_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        if month == 2 && day == 29 {
            NaiveDate::from_ymd_opt(year, 2, 28)
        } else {
            None
        }
    })
}

/// `date` plus `months` calendar months; a day the target month lacks becomes its last day
/// (Jan 31 + 1 month = Feb 28 or 29; Feb 29 + 12 months = Feb 28).
pub(crate) fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// `date` plus `days` days.
pub(crate) fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

/// `date` minus `days` days.
pub(crate) fn sub_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(u64::from(days)))
}

/// A time after an event (a delivery): whole months first, then days. "Day 3" is
/// `{months: 0, days: 3}`, "3 months" is `{months: 3, days: 0}`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(default)]
pub struct Offset {
    /// Calendar months (0..=120).
    pub months: u32,
    /// Then days (0..=366).
    pub days: u32,
}

impl Offset {
    /// `days` days.
    pub const fn days(days: u32) -> Offset {
        Offset { months: 0, days }
    }

    /// `months` months.
    pub const fn months(months: u32) -> Offset {
        Offset { months, days: 0 }
    }

    /// The date this long after `date`.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        add_months(date, self.months).and_then(|d| add_days(d, self.days))
    }

    /// Checks the ranges and that the offset is not zero; errors name `{field}.months` or
    /// `{field}.days`.
    pub(crate) fn validate(self, field: &str) -> Result<Offset, ValidationError> {
        check_range(
            &format!("{field}.months"),
            self.months,
            0,
            MAX_OFFSET_MONTHS,
            "a number of months from 0 to 120",
        )?;
        check_range(
            &format!("{field}.days"),
            self.days,
            0,
            MAX_OFFSET_DAYS,
            "a number of days from 0 to 366",
        )?;
        if self.months == 0 && self.days == 0 {
            return Err(ValidationError::new(
                format!("{field}.days"),
                Rule::Malformed {
                    expected: "an offset of at least one day",
                },
            ));
        }
        Ok(self)
    }
}

/// Fails on `field` with `Malformed { expected }` unless `min <= value <= max`.
pub(crate) fn check_range(
    field: &str,
    value: u32,
    min: u32,
    max: u32,
    expected: &'static str,
) -> Result<u32, ValidationError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ValidationError::new(field, Rule::Malformed { expected }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::date;

    #[test]
    fn february_29_falls_on_february_28_in_common_years() {
        assert_eq!(yearly_date(2027, 2, 29), Some(date(2027, 2, 28)));
        assert_eq!(yearly_date(2028, 2, 29), Some(date(2028, 2, 29)));
        assert_eq!(yearly_date(2027, 4, 31), None);
        assert_eq!(add_months(date(2024, 2, 29), 12), Some(date(2025, 2, 28)));
        assert_eq!(add_months(date(2024, 2, 29), 48), Some(date(2028, 2, 29)));
    }

    #[test]
    fn offsets_count_months_then_days() {
        let d = date(2026, 1, 31);
        assert_eq!(Offset::days(3).after(d), Some(date(2026, 2, 3)));
        assert_eq!(Offset::months(1).after(d), Some(date(2026, 2, 28)));
        assert_eq!(
            Offset { months: 1, days: 1 }.after(d),
            Some(date(2026, 3, 1))
        );
        assert_eq!(
            Offset::default().validate("after").unwrap_err().field,
            "after.days"
        );
        assert_eq!(
            Offset::months(121).validate("after").unwrap_err().field,
            "after.months"
        );
    }
}

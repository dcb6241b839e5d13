//! Holiday greetings (节日问候): the dealership's list of holidays, each on a Gregorian date
//! (New Year, National Day …) or a lunar one (Spring Festival, Mid-Autumn …), with how
//! many days ahead the greeting is due.

use crate::care::calendar::{check_range, sub_days, yearly_date, MAX_OFFSET_DAYS};
use crate::care::lunar::lunar_date;
use crate::care::rule_key::rule_key;
use crate::validation::{required_text, Rule, ValidationError};
use chrono::NaiveDate;

/// The most holidays a dealership may list.
pub const MAX_HOLIDAYS: usize = 50;
/// The longest holiday name, in characters.
pub const MAX_HOLIDAY_NAME: usize = 40;

/// The date a holiday falls on each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "calendar")]
pub enum HolidayDate {
    /// A fixed Gregorian date (公历); February 29 falls on February 28 in common years.
    Gregorian {
        /// 1..=12.
        month: u32,
        /// 1..=31, valid for the month in a leap year.
        day: u32,
    },
    /// A lunar date (农历), never in a leap month; day 30 of a 29-day month is its 29th.
    Lunar {
        /// 1..=12.
        month: u32,
        /// 1..=30.
        day: u32,
    },
}

impl HolidayDate {
    /// The Gregorian date of the holiday in `year`: the Gregorian year for a Gregorian
    /// date, the lunar year (the one that begins in Gregorian `year`) for a lunar date, so
    /// New Year's Eve of lunar 2026 falls in February 2027. `None` where the lunar
    /// calendar does not reach.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        match self {
            HolidayDate::Gregorian { month, day } => yearly_date(year, month, day),
            HolidayDate::Lunar { month, day } => lunar_date(year, month, day),
        }
    }

    fn validate(self, field: &str) -> Result<HolidayDate, ValidationError> {
        let (HolidayDate::Gregorian { month, day } | HolidayDate::Lunar { month, day }) = self;
        check_range(
            &format!("{field}.month"),
            month,
            1,
            12,
            "a month from 1 to 12",
        )?;
        let day_field = format!("{field}.day");
        match self {
            // Checked in a leap year, so that February 29 is accepted.
            HolidayDate::Gregorian { .. }
                if NaiveDate::from_ymd_opt(2000, month, day).is_none() =>
            {
                Err(ValidationError::new(
                    day_field,
                    Rule::Malformed {
                        expected: "a day that the month has",
                    },
                ))
            }
            HolidayDate::Gregorian { .. } => Ok(self),
            HolidayDate::Lunar { .. } => {
                check_range(&day_field, day, 1, 30, "a lunar day from 1 to 30")?;
                Ok(self)
            }
        }
    }
}

/// One holiday on the dealership's list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Holiday {
    /// A stable key in task keys: lowercase letters, digits and `_` (`spring_festival`).
    pub key: String,
    /// The name shown (春节).
    pub name: String,
    /// When it falls.
    pub date: HolidayDate,
    /// Days before the holiday the greeting is due (0 = on the day), up to 366.
    #[serde(default)]
    pub lead_days: u32,
    /// Whether greetings are made for it.
    #[serde(default = "enabled")]
    pub enabled: bool,
}

fn enabled() -> bool {
    true
}

/// One year's occurrence of a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HolidayOccurrence {
    /// The year, as in [`HolidayDate::in_year`].
    pub year: i32,
    /// The holiday's date.
    pub on: NaiveDate,
    /// The date the greeting is due: `on` less the lead.
    pub due_on: NaiveDate,
}

impl Holiday {
    fn new(key: &str, name: &str, date: HolidayDate, lead_days: u32, enabled: bool) -> Holiday {
        Holiday {
            key: key.into(),
            name: name.into(),
            date,
            lead_days,
            enabled,
        }
    }

    /// The holiday in `year` and the day its greeting is due.
    pub fn occurrence(&self, year: i32) -> Option<HolidayOccurrence> {
        let on = self.date.in_year(year)?;
        Some(HolidayOccurrence {
            year,
            on,
            due_on: sub_days(on, self.lead_days)?,
        })
    }

    /// Checks key, name, date and lead; errors name `{field}.key` etc.
    pub(crate) fn validate(&self, field: &str) -> Result<Holiday, ValidationError> {
        Ok(Holiday {
            key: rule_key(&format!("{field}.key"), &self.key)?,
            name: required_text(&format!("{field}.name"), &self.name, MAX_HOLIDAY_NAME)?,
            date: self.date.validate(&format!("{field}.date"))?,
            lead_days: check_range(
                &format!("{field}.lead_days"),
                self.lead_days,
                0,
                MAX_OFFSET_DAYS,
                "a number of days from 0 to 366",
            )?,
            enabled: self.enabled,
        })
    }
}

/// Checks a holiday list: at most [`MAX_HOLIDAYS`], each valid, keys unique (`{field}[i].key`
/// is `Taken` for a repeat).
pub(crate) fn validate_holidays(
    field: &str,
    list: &[Holiday],
) -> Result<Vec<Holiday>, ValidationError> {
    if list.len() > MAX_HOLIDAYS {
        return Err(ValidationError::new(
            field,
            Rule::TooMany { max: MAX_HOLIDAYS },
        ));
    }
    let mut out: Vec<Holiday> = Vec::with_capacity(list.len());
    for (i, h) in list.iter().enumerate() {
        let h = h.validate(&format!("{field}[{i}]"))?;
        if out.iter().any(|o| o.key == h.key) {
            return Err(ValidationError::new(
                format!("{field}[{i}].key"),
                Rule::Taken,
            ));
        }
        out.push(h);
    }
    Ok(out)
}

/// The holidays shipped: New Year (元旦), Spring Festival (春节), Lantern (元宵), Dragon Boat
/// (端午), Mid-Autumn (中秋) and National Day (国庆), greeted one day ahead; New Year's Eve
/// (除夕) and Women's Day (妇女节) are listed but off.
pub fn default_holidays() -> Vec<Holiday> {
    use HolidayDate::{Gregorian, Lunar};
    vec![
        Holiday::new("new_year", "元旦", Gregorian { month: 1, day: 1 }, 1, true),
        Holiday::new(
            "spring_festival",
            "春节",
            Lunar { month: 1, day: 1 },
            1,
            true,
        ),
        Holiday::new("lantern", "元宵节", Lunar { month: 1, day: 15 }, 1, true),
        Holiday::new("dragon_boat", "端午节", Lunar { month: 5, day: 5 }, 1, true),
        Holiday::new("mid_autumn", "中秋节", Lunar { month: 8, day: 15 }, 1, true),
        Holiday::new(
            "national_day",
            "国庆节",
            Gregorian { month: 10, day: 1 },
            1,
            true,
        ),
        Holiday::new(
            "new_years_eve",
            "除夕",
            Lunar { month: 12, day: 30 },
            0,
            false,
        ),
        Holiday::new(
            "womens_day",
            "妇女节",
            Gregorian { month: 3, day: 8 },
            0,
            false,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::date;

    #[test]
    fn the_defaults_fall_on_their_days() {
        let all = validate_holidays("holidays", &default_holidays()).unwrap();
        let on = |key: &str, year| {
            all.iter()
                .find(|h| h.key == key)
                .and_then(|h| h.occurrence(year))
                .map(|o| (o.on, o.due_on))
        };
        assert_eq!(
            on("spring_festival", 2027),
            Some((date(2027, 2, 6), date(2027, 2, 5)))
        );
        assert_eq!(
            on("mid_autumn", 2025),
            Some((date(2025, 10, 6), date(2025, 10, 5)))
        );
        assert_eq!(
            on("new_year", 2027),
            Some((date(2027, 1, 1), date(2026, 12, 31)))
        );
        assert_eq!(
            on("new_years_eve", 2026),
            Some((date(2027, 2, 5), date(2027, 2, 5)))
        );
    }

    #[test]
    fn bad_holidays_name_their_field() {
        let mut list = default_holidays();
        list[2].date = HolidayDate::Gregorian { month: 2, day: 30 };
        assert_eq!(
            validate_holidays("holidays", &list).unwrap_err().field,
            "holidays[2].date.day"
        );
        let mut list = default_holidays();
        list[1].date = HolidayDate::Lunar { month: 13, day: 1 };
        assert_eq!(
            validate_holidays("holidays", &list).unwrap_err().field,
            "holidays[1].date.month"
        );
        let mut list = default_holidays();
        list[3].key = "new_year".into();
        let err = validate_holidays("holidays", &list).unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.rule),
            ("holidays[3].key", Rule::Taken)
        );
        let mut list = default_holidays();
        list[0].key = "New Year".into();
        assert_eq!(
            validate_holidays("holidays", &list).unwrap_err().field,
            "holidays[0].key"
        );
        let mut list = default_holidays();
        list[0].lead_days = 400;
        assert_eq!(
            validate_holidays("holidays", &list).unwrap_err().field,
            "holidays[0].lead_days"
        );
        // February 29 is a valid Gregorian holiday.
        let mut list = default_holidays();
        list[0].date = HolidayDate::Gregorian { month: 2, day: 29 };
        let list = validate_holidays("holidays", &list).unwrap();
        assert_eq!(list[0].occurrence(2027).unwrap().on, date(2027, 2, 28));
    }
}

//! The Chinese lunisolar calendar (农历), for the holidays that fall on lunar dates: Spring
//! Festival (春节, 正月初一), Lantern Festival (元宵, 正月十五), Dragon Boat (端午, 五月初五),
//! Mid-Autumn (中秋, 八月十五).
//!
//! The conversion is the `chinese-lunisolar-calendar` crate's: a table of the lunar years
//! 1901-2100 as published by the observatories, so no astronomy runs here. Its dates for
//! 2000-2050 are checked against an independent published table in
//! `tests/care_lunar.rs`.

use chinese_lunisolar_calendar::LunisolarDate;
use chrono::NaiveDate;

/// The first lunar year the calendar knows.
pub const FIRST_LUNAR_YEAR: i32 = 1901;
/// The last lunar year the calendar knows.
pub const LAST_LUNAR_YEAR: i32 = 2100;

/// The Gregorian date of lunar `month`-`day` (never a leap month, 闰月) of the lunar year that
/// begins in Gregorian year `lunar_year`. Day 30 of a month that has only 29 days is its
/// last day, the 29th (so "腊月三十" names New Year's Eve, 除夕, every year). `None` outside
/// [`FIRST_LUNAR_YEAR`]..=[`LAST_LUNAR_YEAR`] or for a month or day out of range.
pub fn lunar_date(lunar_year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(FIRST_LUNAR_YEAR..=LAST_LUNAR_YEAR).contains(&lunar_year) {
        return None;
    }
    let year = u16::try_from(lunar_year).ok()?;
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    let convert = |d: u8| LunisolarDate::from_ymd(year, month, false, d).ok();
    let date = match convert(day) {
        Some(date) => date,
        None if day == 30 => convert(29)?,
        None => return None,
    };
    Some(date.to_naive_date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::date;

    #[test]
    fn day_30_of_a_short_month_is_its_29th() {
        // Lunar 2024: the twelfth month has 29 days, so New Year's Eve is 2025-01-28.
        assert_eq!(lunar_date(2024, 12, 30), Some(date(2025, 1, 28)));
        assert_eq!(lunar_date(2024, 12, 29), Some(date(2025, 1, 28)));
        // Lunar 2022: the twelfth month has 30 days; Spring Festival 2023 is 01-22.
        assert_eq!(lunar_date(2022, 12, 29), Some(date(2023, 1, 20)));
        assert_eq!(lunar_date(2022, 12, 30), Some(date(2023, 1, 21)));
    }

    #[test]
    fn out_of_range_gives_none() {
        assert_eq!(lunar_date(1900, 1, 1), None);
        assert_eq!(lunar_date(2101, 1, 1), None);
        assert_eq!(lunar_date(2026, 13, 1), None);
        assert_eq!(lunar_date(2026, 1, 31), None);
        assert_eq!(lunar_date(2026, 0, 1), None);
        assert_eq!(lunar_date(2026, 1, 0), None);
    }
}

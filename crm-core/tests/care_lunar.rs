//! The lunar holidays for every year 2000-2050, checked against a table written down
//! independently of the calendar crate: `data/lunar_holidays_2000_2050.csv`, the Gregorian
//! dates of Spring Festival (正月初一), Lantern (正月十五), Dragon Boat (五月初五) and
//! Mid-Autumn (八月十五) as published by the Hong Kong Observatory and the Purple Mountain
//! Observatory.

use chrono::{Datelike, NaiveDate};
use crm_core::{default_holidays, lunar_date, HolidayDate};

const TABLE: &str = include_str!("data/lunar_holidays_2000_2050.csv");

/// One row: the year and its four holidays.
struct Row {
    year: i32,
    spring: NaiveDate,
    lantern: NaiveDate,
    dragon_boat: NaiveDate,
    mid_autumn: NaiveDate,
}

fn rows() -> Vec<Row> {
    let mut lines = TABLE.lines();
    assert_eq!(
        lines.next(),
        Some("year,spring_festival,lantern,dragon_boat,mid_autumn")
    );
    lines
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(f.len(), 5, "{line}");
            let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            Row {
                year: f[0].parse().unwrap(),
                spring: d(f[1]),
                lantern: d(f[2]),
                dragon_boat: d(f[3]),
                mid_autumn: d(f[4]),
            }
        })
        .collect()
}

#[test]
fn the_table_covers_2000_to_2050_and_is_consistent() {
    let rows = rows();
    let years: Vec<i32> = rows.iter().map(|r| r.year).collect();
    assert_eq!(years, (2000..=2050).collect::<Vec<_>>());
    for pair in rows.windows(2) {
        // A lunar year has 353-355 days, or 383-385 with a leap month.
        let days = (pair[1].spring - pair[0].spring).num_days();
        assert!(
            matches!(days, 353..=355 | 383..=385),
            "{}: {days}",
            pair[0].year
        );
    }
    for r in &rows {
        assert_eq!(r.spring.year(), r.year);
        assert_eq!((r.lantern - r.spring).num_days(), 14, "{}", r.year);
        // Four (or five, with a leap month before the fifth) months of 29 or 30 days.
        let dragon = (r.dragon_boat - r.spring).num_days();
        assert!(matches!(dragon, 120..=124 | 149..=154), "{}", r.year);
        let autumn = (r.mid_autumn - r.spring).num_days();
        assert!(matches!(autumn, 217..=224 | 246..=254), "{}", r.year);
    }
}

#[test]
fn the_lunar_calendar_agrees_with_the_published_table_2000_to_2050() {
    let mut wrong = Vec::new();
    for r in rows() {
        for (what, month, day, expected) in [
            ("spring festival", 1, 1, r.spring),
            ("lantern", 1, 15, r.lantern),
            ("dragon boat", 5, 5, r.dragon_boat),
            ("mid-autumn", 8, 15, r.mid_autumn),
        ] {
            let got = lunar_date(r.year, month, day);
            if got != Some(expected) {
                wrong.push(format!("{} {what}: {got:?}, table {expected}", r.year));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_default_holidays_fall_on_the_published_dates() {
    let holidays = default_holidays();
    let on = |key: &str, year: i32| {
        holidays
            .iter()
            .find(|h| h.key == key)
            .and_then(|h| h.occurrence(year))
            .map(|o| o.on)
    };
    for r in rows() {
        assert_eq!(on("spring_festival", r.year), Some(r.spring));
        assert_eq!(on("lantern", r.year), Some(r.lantern));
        assert_eq!(on("dragon_boat", r.year), Some(r.dragon_boat));
        assert_eq!(on("mid_autumn", r.year), Some(r.mid_autumn));
        // New Year's Eve is the day before the next Spring Festival.
        let eve = HolidayDate::Lunar { month: 12, day: 30 }.in_year(r.year - 1);
        assert_eq!(eve, r.spring.pred_opt(), "{}", r.year);
    }
}

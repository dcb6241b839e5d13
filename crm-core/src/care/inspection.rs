//! The annual inspection (年检) of a car, by its age since registration. Rules change, so the
//! table is data ([`InspectionBand`]s, part of the dealership's care rules); the default is
//! the rule for non-operating small and mini passenger cars, vans excepted (非营运小微型载客
//! 汽车，面包车除外), as [`default_inspection_bands`] gives it with its sources.

use crate::care::calendar::{add_months, check_range};
use crate::validation::{Rule, ValidationError};
use chrono::NaiveDate;

/// The most bands an inspection table may have.
pub const MAX_INSPECTION_BANDS: usize = 10;

/// One age band of the inspection table: from `from_age_years` (until the next band's
/// start), an inspection every `every_months`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct InspectionBand {
    /// The car's age in whole years since registration where the band begins (0..=50). The
    /// first band begins at 0, and each next one later.
    pub from_age_years: u32,
    /// Months between inspections in this band (1..=120).
    pub every_months: u32,
    /// Whether an inspection in this band is on site (上线检验), rather than only renewing
    /// the papers (申领检验标志).
    pub on_site: bool,
}

/// One inspection due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct InspectionDue {
    /// 1 for the first inspection after registration, then 2, 3 ….
    pub number: u32,
    /// The date it is due (the end of the validity, 检验有效期).
    pub on: NaiveDate,
    /// The car's age then, in months.
    pub age_months: u32,
    /// Whether it is on site (the band of that age).
    pub on_site: bool,
}

/// The default table, for non-operating small and mini passenger cars (vans excepted).
///
/// Sources: within the first 10 years, the Ministry of Public Security and SAMR's opinion on
/// deepening the reform of motor-vehicle inspection (《关于深化机动车检验制度改革优化车检服务
/// 工作的意见》, in force since 1 October 2022): on-site inspection (上线检验) only in years 6
/// and 10; in years 2, 4 and 8 the sticker is renewed on paper (申领检验标志), without a visit.
/// After 10 years yearly and after 15 years every 6 months, as article 16 of the Road Traffic
/// Safety Law's implementing regulations (《道路交通安全法实施条例》) sets; check the current
/// rule before relying on the 15-year band.
///
/// | from year | every | on site |
/// |-----------|-------|---------|
/// | 0 | 24 months | no (years 2, 4) |
/// | 6 | 24 months | yes (year 6) |
/// | 8 | 24 months | no (year 8) |
/// | 10 | 12 months | yes |
/// | 15 | 6 months | yes |
///
/// A band's flag is that of the inspections due in it: the one due at year 6 falls in the
/// band from 6, the one at year 8 in the band from 8.
pub fn default_inspection_bands() -> Vec<InspectionBand> {
    let band = |from_age_years, every_months, on_site| InspectionBand {
        from_age_years,
        every_months,
        on_site,
    };
    vec![
        band(0, 24, false),
        band(6, 24, true),
        band(8, 24, false),
        band(10, 12, true),
        band(15, 6, true),
    ]
}

/// Checks a table: 1 to [`MAX_INSPECTION_BANDS`] bands, the first from age 0, ages rising,
/// each 0..=50 years and every 1..=120 months. Errors name `{field}[i].from_age_years` etc.
pub(crate) fn validate_bands(
    field: &str,
    bands: &[InspectionBand],
) -> Result<Vec<InspectionBand>, ValidationError> {
    if bands.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    if bands.len() > MAX_INSPECTION_BANDS {
        return Err(ValidationError::new(
            field,
            Rule::TooMany {
                max: MAX_INSPECTION_BANDS,
            },
        ));
    }
    let mut previous: Option<u32> = None;
    for (i, band) in bands.iter().enumerate() {
        let from_field = format!("{field}[{i}].from_age_years");
        check_range(
            &from_field,
            band.from_age_years,
            0,
            50,
            "an age from 0 to 50 years",
        )?;
        let rising = match previous {
            None => band.from_age_years == 0,
            Some(p) => band.from_age_years > p,
        };
        if !rising {
            return Err(ValidationError::new(
                from_field,
                Rule::Malformed {
                    expected: "0 for the first band, then rising ages",
                },
            ));
        }
        check_range(
            &format!("{field}[{i}].every_months"),
            band.every_months,
            1,
            120,
            "a number of months from 1 to 120",
        )?;
        previous = Some(band.from_age_years);
    }
    Ok(bands.to_vec())
}

/// The band in force at `age_months` (the last one that has begun).
fn band_at(bands: &[InspectionBand], age_months: u32) -> Option<&InspectionBand> {
    bands
        .iter()
        .rev()
        .find(|b| b.from_age_years.saturating_mul(12) <= age_months)
}

/// The inspections of a car registered on `registered_on`, in order, up to and including
/// `through`. Each is due the band's interval after the previous one (or after
/// registration), counted in calendar months from the registration date, so dates do not
/// drift (registered on the 31st: due on the last day of shorter months). `bands` must be
/// valid (as [`crate::CareRules::validate`] checks); with an empty table nothing is due.
pub fn inspections_due(
    registered_on: NaiveDate,
    bands: &[InspectionBand],
    through: NaiveDate,
) -> Vec<InspectionDue> {
    let mut out = Vec::new();
    let mut age_months: u32 = 0;
    for number in 1u32.. {
        let Some(band) = band_at(bands, age_months) else {
            break;
        };
        age_months = age_months.saturating_add(band.every_months.max(1));
        let Some(on) = add_months(registered_on, age_months) else {
            break;
        };
        if on > through {
            break;
        }
        out.push(InspectionDue {
            number,
            on,
            age_months,
            on_site: band_at(bands, age_months).is_some_and(|b| b.on_site),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::date;

    #[test]
    fn the_default_table_by_vehicle_age() {
        let bands = validate_bands("bands", &default_inspection_bands()).unwrap();
        let due = inspections_due(date(2020, 3, 15), &bands, date(2037, 6, 30));
        let ages: Vec<(u32, bool)> = due.iter().map(|d| (d.age_months, d.on_site)).collect();
        // Within 10 years on site only in years 6 and 10 (the 2022 rule); papers in 2, 4, 8.
        let mut expected = vec![
            (24, false),
            (48, false),
            (72, true),
            (96, false),
            (120, true),
        ];
        expected.extend((11..=15).map(|y| (y * 12, true)));
        expected.extend([(186, true), (192, true), (198, true), (204, true)]);
        assert_eq!(ages, expected);
        assert_eq!(due[0].on, date(2022, 3, 15));
        assert_eq!(due[0].number, 1);
        assert_eq!(due.last().unwrap().on, date(2037, 3, 15));
        assert_eq!(
            due.iter().map(|d| d.number).collect::<Vec<_>>(),
            (1..=14).collect::<Vec<_>>()
        );
        let on_site_years: Vec<u32> = due
            .iter()
            .filter(|d| d.on_site && d.age_months <= 120)
            .map(|d| d.age_months / 12)
            .collect();
        assert_eq!(on_site_years, [6, 10]);
    }

    #[test]
    fn month_ends_do_not_drift() {
        let bands = [InspectionBand {
            from_age_years: 0,
            every_months: 6,
            on_site: true,
        }];
        let due = inspections_due(date(2024, 8, 31), &bands, date(2025, 12, 31));
        let dates: Vec<NaiveDate> = due.iter().map(|d| d.on).collect();
        assert_eq!(dates, [date(2025, 2, 28), date(2025, 8, 31)]);
    }

    #[test]
    fn a_bad_table_names_the_band() {
        let mut bands = default_inspection_bands();
        bands[0].from_age_years = 1;
        assert_eq!(
            validate_bands("bands", &bands).unwrap_err().field,
            "bands[0].from_age_years"
        );
        let mut bands = default_inspection_bands();
        bands[2].from_age_years = 6;
        assert_eq!(
            validate_bands("bands", &bands).unwrap_err().field,
            "bands[2].from_age_years"
        );
        let mut bands = default_inspection_bands();
        bands[4].every_months = 0;
        assert_eq!(
            validate_bands("bands", &bands).unwrap_err().field,
            "bands[4].every_months"
        );
        assert_eq!(
            validate_bands("bands", &[]).unwrap_err().rule,
            Rule::Required
        );
    }
}

//! Trade-in (置换): the car the customer drives now and may sell to the dealership.

use super::money::{amount, Fen};
use crate::validation::{optional_text, required_text, Limits, Rule, ValidationError};
use chrono::{Datelike, NaiveDate};

const EXPECTED_MILEAGE: &str = "a mileage of at most 2,000,000 km";

/// The customer's current car, offered in trade.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct TradeIn {
    /// Its brand (品牌), required: 丰田.
    pub brand: String,
    /// Its series or model (车型): 卡罗拉 1.6L.
    #[serde(default)]
    pub model: Option<String>,
    /// The year it was first registered (上牌年份).
    #[serde(default)]
    pub year: Option<i32>,
    /// Its mileage (表显里程), in km.
    #[serde(default)]
    pub mileage_km: Option<u32>,
    /// What the dealership's appraiser offered (评估价), in fen.
    #[serde(default)]
    pub appraised_value: Option<Fen>,
}

impl TradeIn {
    /// Trims and checks every field as of the local date `today`: the year between
    /// [`Limits::EARLIEST_CAR_YEAR`] and today's year, the mileage at most
    /// [`Limits::MAX_MILEAGE_KM`], the appraised value zero or more. Field paths are
    /// relative (`year`, `mileage_km` …).
    pub fn validate(&self, today: NaiveDate) -> Result<TradeIn, ValidationError> {
        if let Some(year) = self.year {
            if year > today.year() {
                return Err(ValidationError::new("year", Rule::InFuture));
            }
            if year < Limits::EARLIEST_CAR_YEAR {
                return Err(ValidationError::new("year", Rule::TooEarly));
            }
        }
        Ok(TradeIn {
            brand: required_text("brand", &self.brand, Limits::VEHICLE_NAME)?,
            model: optional_text("model", self.model.as_deref(), Limits::VEHICLE_MODEL, false)?,
            year: self.year,
            mileage_km: self
                .mileage_km
                .map(|km| mileage("mileage_km", km))
                .transpose()?,
            appraised_value: self
                .appraised_value
                .map(|v| amount("appraised_value", v))
                .transpose()?,
        })
    }
}

/// Checks an odometer reading or mileage: at most [`Limits::MAX_MILEAGE_KM`].
pub(crate) fn mileage(field: &str, km: u32) -> Result<u32, ValidationError> {
    if km > Limits::MAX_MILEAGE_KM {
        Err(ValidationError::new(
            field,
            Rule::Malformed {
                expected: EXPECTED_MILEAGE,
            },
        ))
    } else {
        Ok(km)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn corolla() -> TradeIn {
        TradeIn {
            brand: " 丰田 ".into(),
            model: Some("卡罗拉 1.6L".into()),
            year: Some(2018),
            mileage_km: Some(86_000),
            appraised_value: Some(Fen(4_500_000)),
        }
    }

    #[test]
    fn a_trade_in_is_trimmed() {
        assert_eq!(corolla().validate(today()).unwrap().brand, "丰田");
    }

    #[test]
    fn errors_name_the_field() {
        type Defect = fn(&mut TradeIn);
        let cases: Vec<(Defect, &str, Rule)> = vec![
            (|t| t.year = Some(2027), "year", Rule::InFuture),
            (|t| t.year = Some(1949), "year", Rule::TooEarly),
            (|t| t.brand = String::new(), "brand", Rule::Required),
            (
                |t| t.mileage_km = Some(Limits::MAX_MILEAGE_KM + 1),
                "mileage_km",
                Rule::Malformed {
                    expected: EXPECTED_MILEAGE,
                },
            ),
        ];
        for (mutate, field, rule) in cases {
            let mut t = corolla();
            mutate(&mut t);
            let err = t.validate(today()).unwrap_err();
            assert_eq!((err.field.as_str(), err.rule), (field, rule));
        }
        let mut t = corolla();
        t.appraised_value = Some(Fen(-1));
        assert_eq!(t.validate(today()).unwrap_err().field, "appraised_value");
        t.year = Some(2026);
        t.appraised_value = None;
        assert!(t.validate(today()).is_ok(), "this year's car is fine");
    }
}

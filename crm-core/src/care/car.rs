//! A delivered car as the store records it (已交车辆): what the user enters ([`NewCar`]),
//! the stored record ([`Car`]), and where an odometer reading came from
//! ([`OdometerSource`]).

use crate::care::car_id::CarId;
use crate::care::facts::{MAX_WINDOW_YEAR, MIN_WINDOW_YEAR};
use crate::care::odometer::MAX_ODOMETER_KM;
use crate::customer::CustomerId;
use crate::validation::{optional_text, required_text, Rule, ValidationError};
use crate::vehicle::Vin;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// The longest brand or model name, in characters.
pub const MAX_CAR_NAME: usize = 60;
/// The longest order id a car may point at, in characters.
pub const MAX_CAR_ORDER_ID: usize = 64;
/// The most insurance end dates kept per car.
pub const MAX_INSURANCE_ENDS: usize = 50;

/// A delivered car as the user (or a delivery) enters it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewCar {
    /// The VIN (车架号) as typed, when known.
    #[serde(default)]
    pub vin: Option<String>,
    /// The brand (`大众`), required.
    pub brand: String,
    /// The model (`ID.4 CROZZ`), required.
    pub model: String,
    /// The delivery date (交车日期): not after today.
    pub delivered_on: NaiveDate,
    /// The odometer at delivery, in km.
    #[serde(default)]
    pub delivery_km: u32,
    /// The first registration (初次登记日期), when known and not the delivery date (a used
    /// car): not after today.
    #[serde(default)]
    pub registered_on: Option<NaiveDate>,
    /// The order the car was delivered on, when there is one.
    #[serde(default)]
    pub order_id: Option<String>,
}

/// A delivered car as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Car {
    /// The car's id.
    pub id: CarId,
    /// Its owner, the customer.
    pub customer_id: CustomerId,
    /// Its VIN, when known.
    pub vin: Option<Vin>,
    /// The brand.
    pub brand: String,
    /// The model.
    pub model: String,
    /// The delivery date.
    pub delivered_on: NaiveDate,
    /// The odometer at delivery, in km.
    pub delivery_km: u32,
    /// The first registration, when recorded.
    pub registered_on: Option<NaiveDate>,
    /// The order it was delivered on, when there is one.
    pub order_id: Option<String>,
    /// The end dates of its insurance policies, ascending.
    pub insurance_ends_on: Vec<NaiveDate>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

/// Where an odometer reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OdometerSource {
    /// Read at a service visit (保养进店).
    ServiceVisit,
    /// Said by the customer on a call or a message (回访).
    Customer,
    /// Anything else.
    Other,
}

crate::validation::codes!(OdometerSource {
    ServiceVisit => "service_visit",
    Customer => "customer",
    Other => "other",
});

/// Checks that `date` lies in the years the care engine can plan for (field `field`).
fn plannable(field: &str, date: NaiveDate) -> Result<NaiveDate, ValidationError> {
    if (MIN_WINDOW_YEAR..=MAX_WINDOW_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(ValidationError::new(
            field,
            Rule::Malformed {
                expected: "a date in the years 1902 to 2099",
            },
        ))
    }
}

impl NewCar {
    /// Checks the car as of the local date `today` and returns it normalised (VIN parsed,
    /// texts trimmed). Errors name the field: `vin`, `brand`, `model`, `delivered_on`
    /// (`InFuture`), `delivery_km`, `registered_on` (`InFuture`), `order_id`.
    pub fn validate(&self, today: NaiveDate) -> Result<NewCar, ValidationError> {
        let vin = match self.vin.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => Some(Vin::parse(v)?),
            None => None,
        };
        let delivered_on = plannable("delivered_on", self.delivered_on)?;
        if delivered_on > today {
            return Err(ValidationError::new("delivered_on", Rule::InFuture));
        }
        if self.delivery_km > MAX_ODOMETER_KM {
            return Err(ValidationError::new(
                "delivery_km",
                Rule::Malformed {
                    expected: "a distance of at most 2,000,000 km",
                },
            ));
        }
        if let Some(r) = self.registered_on {
            plannable("registered_on", r)?;
            if r > today {
                return Err(ValidationError::new("registered_on", Rule::InFuture));
            }
        }
        Ok(NewCar {
            vin: vin.map(|v| v.as_str().to_owned()),
            brand: required_text("brand", &self.brand, MAX_CAR_NAME)?,
            model: required_text("model", &self.model, MAX_CAR_NAME)?,
            delivered_on,
            delivery_km: self.delivery_km,
            registered_on: self.registered_on,
            order_id: optional_text(
                "order_id",
                self.order_id.as_deref(),
                MAX_CAR_ORDER_ID,
                false,
            )?,
        })
    }
}

/// Checks a car's insurance end dates (delivered on `delivered_on`): at most
/// [`MAX_INSURANCE_ENDS`], none before the delivery, none outside the plannable years.
/// Returns them sorted, each once. Errors name `insurance_ends_on[i]`.
pub fn validate_insurance_ends(
    ends: &[NaiveDate],
    delivered_on: NaiveDate,
) -> Result<Vec<NaiveDate>, ValidationError> {
    if ends.len() > MAX_INSURANCE_ENDS {
        return Err(ValidationError::new(
            "insurance_ends_on",
            Rule::TooMany {
                max: MAX_INSURANCE_ENDS,
            },
        ));
    }
    for (i, d) in ends.iter().enumerate() {
        let field = format!("insurance_ends_on[{i}]");
        plannable(&field, *d)?;
        if *d < delivered_on {
            return Err(ValidationError::new(field, Rule::TooEarly));
        }
    }
    let mut out = ends.to_vec();
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn car() -> NewCar {
        NewCar {
            vin: Some(" 1M8GDM9AXKP042788 ".into()),
            brand: " 大众 ".into(),
            model: "ID.4".into(),
            delivered_on: date("2026-11-20"),
            delivery_km: 8,
            registered_on: None,
            order_id: None,
        }
    }

    #[test]
    fn a_car_is_normalised() {
        let ok = car().validate(date("2026-11-27")).unwrap();
        assert_eq!(ok.brand, "大众");
        assert_eq!(ok.vin.as_deref(), Some("1M8GDM9AXKP042788"));
    }

    #[test]
    fn errors_name_the_field() {
        let today = date("2026-11-27");
        let field = |c: NewCar| c.validate(today).unwrap_err().field;
        assert_eq!(
            field(NewCar {
                vin: Some("ABC".into()),
                ..car()
            }),
            "vin"
        );
        assert_eq!(
            field(NewCar {
                brand: " ".into(),
                ..car()
            }),
            "brand"
        );
        assert_eq!(
            field(NewCar {
                model: "x".repeat(61),
                ..car()
            }),
            "model"
        );
        let late = date("2026-11-28");
        assert_eq!(
            field(NewCar {
                delivered_on: late,
                ..car()
            }),
            "delivered_on"
        );
        let old = date("1800-01-01");
        assert_eq!(
            field(NewCar {
                delivered_on: old,
                ..car()
            }),
            "delivered_on"
        );
        assert_eq!(
            field(NewCar {
                delivery_km: 3_000_000,
                ..car()
            }),
            "delivery_km"
        );
        assert_eq!(
            field(NewCar {
                registered_on: Some(late),
                ..car()
            }),
            "registered_on"
        );
    }

    #[test]
    fn insurance_ends_are_sorted_and_checked() {
        let d = date("2026-01-01");
        let ends = [date("2027-03-01"), date("2026-03-01"), date("2027-03-01")];
        assert_eq!(
            validate_insurance_ends(&ends, d).unwrap(),
            [date("2026-03-01"), date("2027-03-01")]
        );
        let err = validate_insurance_ends(&[date("2027-01-01"), date("2025-01-01")], d);
        assert_eq!(err.unwrap_err().field, "insurance_ends_on[1]");
    }
}

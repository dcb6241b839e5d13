//! Deliveries (交车): the day the car is handed over, its VIN and its odometer reading. What
//! customer care starts from.

use super::trade_in::mileage;
use super::vin::Vin;
use crate::validation::{Rule, ValidationError};
use chrono::NaiveDate;

/// A handover as the consultant enters it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewDelivery {
    /// The day of the handover, the dealership's local date.
    pub date: NaiveDate,
    /// The VIN as typed; may be left out when the order already has one.
    #[serde(default)]
    pub vin: Option<String>,
    /// The odometer reading at handover, in km (the start of maintenance predictions).
    pub odometer_km: u32,
}

/// A validated handover, kept in the delivered order's status.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Delivery {
    /// The day of the handover.
    pub date: NaiveDate,
    /// The car's VIN.
    pub vin: Vin,
    /// The odometer reading at handover, in km.
    pub odometer_km: u32,
}

impl NewDelivery {
    /// Validates a handover for an order signed on `order_date` whose VIN so far is
    /// `order_vin`, as of the local date `today`: the date between the order date and today,
    /// the VIN given (else the order's; one is required), the odometer at most
    /// [`crate::Limits::MAX_MILEAGE_KM`]. Errors name the field under `delivery`.
    pub fn validate(
        &self,
        order_date: NaiveDate,
        order_vin: Option<&Vin>,
        today: NaiveDate,
    ) -> Result<Delivery, ValidationError> {
        self.checked(order_date, order_vin, today)
            .map_err(|e| e.within("delivery"))
    }

    fn checked(
        &self,
        order_date: NaiveDate,
        order_vin: Option<&Vin>,
        today: NaiveDate,
    ) -> Result<Delivery, ValidationError> {
        if self.date < order_date {
            return Err(ValidationError::new("date", Rule::TooEarly));
        }
        if self.date > today {
            return Err(ValidationError::new("date", Rule::InFuture));
        }
        let typed = self.vin.as_deref().map(str::trim).filter(|v| !v.is_empty());
        let vin = match (typed, order_vin) {
            (Some(v), _) => Vin::parse(v)?,
            (None, Some(v)) => v.clone(),
            (None, None) => return Err(ValidationError::new("vin", Rule::Required)),
        };
        Ok(Delivery {
            date: self.date,
            vin,
            odometer_km: mileage("odometer_km", self.odometer_km)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn errors_name_the_field_under_delivery() {
        let order_date = date("2026-11-20");
        let today = date("2026-11-27");
        let ok = NewDelivery {
            date: today,
            vin: Some("1M8GDM9AXKP042788".into()),
            odometer_km: 8,
        };
        assert!(ok.validate(order_date, None, today).is_ok());
        let cases = [
            (
                NewDelivery {
                    date: date("2026-11-19"),
                    ..ok.clone()
                },
                "delivery.date",
            ),
            (
                NewDelivery {
                    date: date("2026-11-28"),
                    ..ok.clone()
                },
                "delivery.date",
            ),
            (
                NewDelivery {
                    vin: Some("ABC".into()),
                    ..ok.clone()
                },
                "delivery.vin",
            ),
            (
                NewDelivery {
                    vin: None,
                    ..ok.clone()
                },
                "delivery.vin",
            ),
            (
                NewDelivery {
                    odometer_km: crate::Limits::MAX_MILEAGE_KM + 1,
                    ..ok.clone()
                },
                "delivery.odometer_km",
            ),
        ];
        for (d, field) in cases {
            assert_eq!(
                d.validate(order_date, None, today).unwrap_err().field,
                field
            );
        }
    }
}

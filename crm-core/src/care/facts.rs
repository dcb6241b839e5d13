//! What the care engine knows about a customer: their birthday, their consent, the
//! channels they can be reached on, their delivered cars with odometer readings, known
//! services and insurance dates, and the window of dates asked about.

use crate::care::car_id::CarId;
use crate::care::consent::{ChannelSet, ConsentStates};
use crate::care::maintenance::ServiceVisit;
use crate::care::odometer::OdometerReading;
use crate::customer::CustomerId;
use crate::validation::{Rule, ValidationError};
use chrono::{Datelike, NaiveDate};

/// The longest window one run may cover, in days (about 10 years).
pub const MAX_WINDOW_DAYS: i64 = 3660;
/// The earliest year a window may touch: the lunar calendar starts in 1901, and a window
/// also looks at the year before its first.
pub const MIN_WINDOW_YEAR: i32 = 1902;
/// The latest year a window may touch: the lunar calendar ends in 2100, and a window also
/// looks at the year after its last.
pub const MAX_WINDOW_YEAR: i32 = 2099;

/// A delivered car (已交车辆).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CareCar {
    /// The car's id.
    pub id: CarId,
    /// The delivery date (交车日期): nothing about the car is due before it.
    pub delivered_on: NaiveDate,
    /// The odometer at delivery, in km (a new car's few km; a used car's reading).
    #[serde(default)]
    pub delivery_km: u32,
    /// The first registration date (初次登记日期), which the inspection schedule counts from;
    /// `None` counts from the delivery date.
    #[serde(default)]
    pub registered_on: Option<NaiveDate>,
    /// Odometer readings, any order.
    #[serde(default)]
    pub readings: Vec<OdometerReading>,
    /// The services the car is known to have had (readings taken at a service visit,
    /// maintenance tasks marked done), any order: the maintenance schedule restarts from
    /// the latest.
    #[serde(default)]
    pub services: Vec<ServiceVisit>,
    /// End dates of insurance policies (保险到期日), any order.
    #[serde(default)]
    pub insurance_ends_on: Vec<NaiveDate>,
}

/// A customer as the care engine sees them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CareCustomer {
    /// The customer's id.
    pub id: CustomerId,
    /// Their birthday, when known (as on the customer record).
    #[serde(default)]
    pub birthday: Option<NaiveDate>,
    /// Their consent per channel ([`crate::CustomerConsent::states`]).
    #[serde(default)]
    pub consent: ConsentStates,
    /// The channels they can be reached on: calls with a phone number, SMS with a mobile
    /// number, WeChat with a WeChat id, e-mail with an address. No task is put on another.
    #[serde(default)]
    pub reachable: ChannelSet,
    /// Their delivered cars. Greetings start with the first delivery: a customer without
    /// a delivered car gets no care tasks.
    #[serde(default)]
    pub cars: Vec<CareCar>,
}

impl CareCustomer {
    /// The first delivery date, from which greetings start.
    pub fn first_delivery(&self) -> Option<NaiveDate> {
        self.cars.iter().map(|c| c.delivered_on).min()
    }
}

/// The dates asked about, both ends included: tasks due on `from` through `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DateWindow {
    /// The first date.
    pub from: NaiveDate,
    /// The last date (included).
    pub to: NaiveDate,
}

impl DateWindow {
    /// The window from `from` through `to`. Errors: `to` before `from` (field `to`,
    /// `TooEarly`), longer than [`MAX_WINDOW_DAYS`] (field `to`), or touching a year outside
    /// [`MIN_WINDOW_YEAR`]..=[`MAX_WINDOW_YEAR`] (field `from` or `to`).
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<DateWindow, ValidationError> {
        let years = |field: &str, d: NaiveDate| {
            if (MIN_WINDOW_YEAR..=MAX_WINDOW_YEAR).contains(&d.year()) {
                Ok(())
            } else {
                Err(ValidationError::new(
                    field,
                    Rule::Malformed {
                        expected: "a date in the years 1902 to 2099",
                    },
                ))
            }
        };
        years("from", from)?;
        years("to", to)?;
        if to < from {
            return Err(ValidationError::new("to", Rule::TooEarly));
        }
        if (to - from).num_days() >= MAX_WINDOW_DAYS {
            return Err(ValidationError::new(
                "to",
                Rule::Malformed {
                    expected: "a window of at most 3660 days",
                },
            ));
        }
        Ok(DateWindow { from, to })
    }

    /// Whether `date` lies in the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::test_dates::date;

    #[test]
    fn windows_are_checked() {
        assert!(DateWindow::new(date(2026, 1, 1), date(2026, 1, 1)).is_ok());
        let err = |a, b| DateWindow::new(a, b).unwrap_err().field;
        assert_eq!(err(date(2026, 1, 2), date(2026, 1, 1)), "to");
        assert_eq!(err(date(2026, 1, 1), date(2036, 1, 9)), "to");
        assert_eq!(err(date(1901, 12, 31), date(1902, 1, 1)), "from");
        assert_eq!(err(date(2099, 12, 1), date(2100, 1, 1)), "to");
    }
}

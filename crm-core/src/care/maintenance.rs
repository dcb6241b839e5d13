//! Maintenance (保养): the first service at 5,000 km or 6 months after delivery, whichever
//! comes first; then every 5,000 km or 6 months after the previous one, whichever comes
//! first. All four numbers are the dealership's.
//!
//! Service `n` is due on the earlier of: the day the predicted distance (see
//! [`Odometer`]) reaches the previous service's distance plus the interval, and the
//! previous service's date plus the months. The previous service is assumed done on its
//! due date; a tie counts as due by time. Each service is therefore due once, either by
//! distance or by time, never both.

use crate::care::calendar::add_months;
use crate::care::odometer::Odometer;
use chrono::NaiveDate;

/// What made a service due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum MaintenanceTrigger {
    /// The distance: the odometer is predicted to reach `km` on the due date.
    Distance {
        /// The odometer reading the service is due at.
        km: u64,
    },
    /// The time: `months` after the previous service (or the delivery).
    Time {
        /// Months since the previous service.
        months: u32,
    },
}

/// One service due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ServiceDue {
    /// 1 for the first service after delivery, then 2, 3 ….
    pub number: u32,
    /// The date it is due.
    pub on: NaiveDate,
    /// Why it is due then.
    pub trigger: MaintenanceTrigger,
    /// The predicted odometer on that date, in km.
    pub predicted_km: u64,
}

/// The service intervals (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ServiceIntervals {
    /// km after delivery for the first service.
    pub first_km: u32,
    /// Months after delivery for the first service.
    pub first_months: u32,
    /// km between later services.
    pub every_km: u32,
    /// Months between later services.
    pub every_months: u32,
}

/// The services of a car delivered on `delivered_on`, in order, up to and including
/// `through`. Every interval counts at least one km and one month (zeros are read as 1).
pub fn services_due(
    delivered_on: NaiveDate,
    odometer: &Odometer,
    intervals: ServiceIntervals,
    through: NaiveDate,
) -> Vec<ServiceDue> {
    let mut out = Vec::new();
    let mut previous_on = delivered_on;
    let mut previous_km = odometer.km_on(delivered_on);
    for number in 1u32.. {
        let (km, months) = if number == 1 {
            (intervals.first_km, intervals.first_months)
        } else {
            (intervals.every_km, intervals.every_months)
        };
        let months = months.max(1);
        let Some(by_time) = add_months(previous_on, months) else {
            break;
        };
        let target = previous_km.saturating_add(u64::from(km.max(1)));
        let (on, trigger) = match odometer.date_reaching(target) {
            Some(by_distance) if by_distance < by_time => {
                (by_distance, MaintenanceTrigger::Distance { km: target })
            }
            _ => (by_time, MaintenanceTrigger::Time { months }),
        };
        if on > through || on <= previous_on {
            break;
        }
        let predicted_km = odometer.km_on(on);
        out.push(ServiceDue {
            number,
            on,
            trigger,
            predicted_km,
        });
        previous_on = on;
        previous_km = predicted_km;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::odometer::OdometerReading;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const DEFAULT: ServiceIntervals = ServiceIntervals {
        first_km: 5000,
        first_months: 6,
        every_km: 5000,
        every_months: 6,
    };

    #[test]
    fn without_readings_services_fall_due_by_time() {
        let d = date(2026, 1, 31);
        let o = Odometer::new(d, 0, &[], 3);
        let due = services_due(d, &o, DEFAULT, date(2027, 12, 31));
        let dates: Vec<NaiveDate> = due.iter().map(|s| s.on).collect();
        assert_eq!(
            dates,
            [date(2026, 7, 31), date(2027, 1, 31), date(2027, 7, 31)]
        );
        assert!(due
            .iter()
            .all(|s| s.trigger == MaintenanceTrigger::Time { months: 6 }));
    }

    #[test]
    fn a_busy_car_falls_due_by_distance_and_the_clock_restarts() {
        let d = date(2026, 1, 1);
        // 50 km a day: 5,000 km after 100 days.
        let o = Odometer::new(
            d,
            0,
            &[OdometerReading {
                on: date(2026, 1, 21),
                km: 1000,
            }],
            3,
        );
        let due = services_due(d, &o, DEFAULT, date(2026, 12, 31));
        assert_eq!(due[0].on, date(2026, 4, 11));
        assert_eq!(due[0].trigger, MaintenanceTrigger::Distance { km: 5000 });
        assert_eq!(due[1].on, date(2026, 7, 20));
        assert_eq!(due[1].trigger, MaintenanceTrigger::Distance { km: 10000 });
        assert_eq!(due.len(), 3);
    }

    #[test]
    fn a_slow_car_falls_due_by_time_then_by_distance_once_it_speeds_up() {
        let d = date(2026, 1, 1);
        // 10 km a day for half a year, then 100 a day.
        let readings = [
            OdometerReading {
                on: date(2026, 7, 1),
                km: 1810,
            },
            OdometerReading {
                on: date(2026, 7, 11),
                km: 2810,
            },
        ];
        let o = Odometer::new(d, 0, &readings, 2);
        let due = services_due(d, &o, DEFAULT, date(2026, 12, 31));
        // The first by time on 07-01 at 1,810 km; the second at 6,810 km, 40 days after the
        // last reading.
        assert_eq!(due[0].on, date(2026, 7, 1));
        assert_eq!(due[0].trigger, MaintenanceTrigger::Time { months: 6 });
        assert_eq!(due[0].predicted_km, 1810);
        assert_eq!(due[1].on, date(2026, 8, 20));
        assert_eq!(due[1].trigger, MaintenanceTrigger::Distance { km: 6810 });
    }
}

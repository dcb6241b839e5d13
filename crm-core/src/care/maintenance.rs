//! Maintenance (保养): the first service at 5,000 km or 6 months after delivery, whichever
//! comes first; then every 5,000 km or 6 months after the previous one, whichever comes
//! first. All four numbers are the dealership's.
//!
//! Service `n` is due on the earlier of: the day the predicted distance (see
//! [`Odometer`]) reaches the previous service's distance plus the interval, and the
//! previous service's date plus the months; a tie counts as due by time. Each service is
//! therefore due once, either by distance or by time, never both; and since the predicted
//! distance never grows faster than the daily limit, two services are always a whole
//! interval apart: the months, or the km at no more than the daily limit.
//!
//! **The previous service** is the last one the car is known to have had, else the last
//! one predicted (assumed done on its due date). A car's known services
//! ([`ServiceVisit`]) are readings taken at a service visit and maintenance tasks marked
//! done; each restarts the count from its own date and distance, so no service is
//! predicted within an interval after any of them. The number each counts as:
//! - a done task for service `n` is service `n`, whenever it was done (services before it
//!   that were not done are no longer planned); a done task for a service already counted
//!   is another record of that visit (the number stays);
//! - a service reading is the next service, early or late: it is taken as a late record
//!   of the service predicted before it when it is nearer to that one's date than to the
//!   next one's, and as a second record of the previous visit (a task marked done, then
//!   the reading at the visit) when it is nearer to that visit than to the next due date;
//! - visits on the same day are one visit.

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

/// A service the car is known to have had (保养进店).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ServiceVisit {
    /// The day of the visit.
    pub on: NaiveDate,
    /// The service's number when the visit is a maintenance task marked done; `None` for
    /// an odometer reading taken at a service visit.
    #[serde(default)]
    pub service: Option<u32>,
}

/// Where the schedule stands: the previous service (or the delivery, number 0).
#[derive(Debug, Clone, Copy)]
struct Anchor {
    on: NaiveDate,
    km: u64,
    number: u32,
    /// Whether it is a known service rather than one predicted (or the delivery).
    known: bool,
}

impl Anchor {
    fn at(odometer: &Odometer, on: NaiveDate, number: u32, known: bool) -> Anchor {
        Anchor {
            on,
            km: odometer.km_on(on),
            number,
            known,
        }
    }
}

/// Days from `a` to `b`.
fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// When service `number` falls due after `previous`, and why; `None` past the calendar.
fn next_due(
    odometer: &Odometer,
    intervals: ServiceIntervals,
    previous: &Anchor,
    number: u32,
) -> Option<(NaiveDate, MaintenanceTrigger)> {
    let (km, months) = if number == 1 {
        (intervals.first_km, intervals.first_months)
    } else {
        (intervals.every_km, intervals.every_months)
    };
    let months = months.max(1);
    let by_time = add_months(previous.on, months)?;
    let target = previous.km.saturating_add(u64::from(km.max(1)));
    let due = match odometer.date_reaching(target) {
        Some(by_distance) if by_distance < by_time => {
            (by_distance, MaintenanceTrigger::Distance { km: target })
        }
        _ => (by_time, MaintenanceTrigger::Time { months }),
    };
    (due.0 > previous.on).then_some(due)
}

/// The services of a car delivered on `delivered_on` still to come after its known
/// `visits` (any order), in order, up to and including `through` (see the module's
/// documentation). Every interval counts at least one km and one month (zeros are read as
/// 1).
pub fn services_due(
    delivered_on: NaiveDate,
    odometer: &Odometer,
    intervals: ServiceIntervals,
    visits: &[ServiceVisit],
    through: NaiveDate,
) -> Vec<ServiceDue> {
    let mut known: Vec<ServiceVisit> = visits
        .iter()
        .copied()
        .filter(|v| v.on > delivered_on)
        .collect();
    // By day; of one day's, done tasks first.
    known.sort_by_key(|v| (v.on, v.service.is_none(), v.service));
    let mut known = known.into_iter().peekable();
    let mut out = Vec::new();
    let mut anchor = Anchor::at(odometer, delivered_on, 0, false);
    while let Some(number) = anchor.number.checked_add(1) {
        let Some((on, trigger)) = next_due(odometer, intervals, &anchor, number) else {
            break;
        };
        // Visits on the previous service's day are that visit.
        while known.next_if(|v| v.on <= anchor.on).is_some() {}
        if let Some(visit) = known.peek().copied() {
            // The number the visit counts as, or `None` when it comes after this service's
            // date and nearer the next one's: this service is then due as predicted.
            let counted = match visit.service {
                // Another record of a service already counted: the count stays.
                Some(n) if n < number => Some(anchor.number),
                Some(n) => Some(n),
                None if visit.on <= on => {
                    let same = anchor.known && days(anchor.on, visit.on) < days(visit.on, on);
                    Some(if same { anchor.number } else { number })
                }
                None => {
                    let predicted = Anchor::at(odometer, on, number, false);
                    let nearer = next_due(odometer, intervals, &predicted, number + 1)
                        .is_none_or(|(next, _)| days(on, visit.on) <= days(visit.on, next));
                    nearer.then_some(number)
                }
            };
            if let Some(n) = counted {
                known.next();
                anchor = Anchor::at(odometer, visit.on, n, true);
                continue;
            }
        }
        if on > through {
            break;
        }
        let predicted_km = odometer.km_on(on);
        out.push(ServiceDue {
            number,
            on,
            trigger,
            predicted_km,
        });
        anchor = Anchor {
            on,
            km: predicted_km,
            number,
            known: false,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::odometer::{OdometerLimits, OdometerReading};
    use crate::time::test_dates::date;

    const DEFAULT: ServiceIntervals = ServiceIntervals {
        first_km: 5000,
        first_months: 6,
        every_km: 5000,
        every_months: 6,
    };

    #[test]
    fn without_readings_services_fall_due_by_time() {
        let d = date(2026, 1, 31);
        let o = Odometer::new(d, 0, &[], 3, OdometerLimits::default());
        let due = services_due(d, &o, DEFAULT, &[], date(2027, 12, 31));
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
            OdometerLimits::default(),
        );
        let due = services_due(d, &o, DEFAULT, &[], date(2026, 12, 31));
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
        let o = Odometer::new(d, 0, &readings, 2, OdometerLimits::default());
        let due = services_due(d, &o, DEFAULT, &[], date(2026, 12, 31));
        // The first by time on 07-01 at 1,810 km; the second at 6,810 km, 40 days after the
        // last reading.
        assert_eq!(due[0].on, date(2026, 7, 1));
        assert_eq!(due[0].trigger, MaintenanceTrigger::Time { months: 6 });
        assert_eq!(due[0].predicted_km, 1810);
        assert_eq!(due[1].on, date(2026, 8, 20));
        assert_eq!(due[1].trigger, MaintenanceTrigger::Distance { km: 6810 });
    }

    fn done(on: NaiveDate, service: u32) -> ServiceVisit {
        ServiceVisit {
            on,
            service: Some(service),
        }
    }

    fn serviced(on: NaiveDate) -> ServiceVisit {
        ServiceVisit { on, service: None }
    }

    /// (number, date) of the services due through 2027 for a car delivered on 2026-01-01
    /// without readings, after `visits`.
    fn plan(visits: &[ServiceVisit]) -> Vec<(u32, NaiveDate)> {
        let d = date(2026, 1, 1);
        let o = Odometer::new(d, 0, &[], 3, OdometerLimits::default());
        services_due(d, &o, DEFAULT, visits, date(2027, 12, 31))
            .iter()
            .map(|s| (s.number, s.on))
            .collect()
    }

    #[test]
    fn a_known_service_restarts_the_count() {
        let predicted = [
            (1, date(2026, 7, 1)),
            (2, date(2027, 1, 1)),
            (3, date(2027, 7, 1)),
        ];
        assert_eq!(plan(&[]), predicted);
        // The first service done early, as a task or as a reading at the visit.
        let restarted = [
            (2, date(2026, 11, 1)),
            (3, date(2027, 5, 1)),
            (4, date(2027, 11, 1)),
        ];
        assert_eq!(plan(&[done(date(2026, 5, 1), 1)]), restarted);
        assert_eq!(plan(&[serviced(date(2026, 5, 1))]), restarted);
        // A task marked done, then the reading at the visit a week later: one visit.
        assert_eq!(
            plan(&[done(date(2026, 6, 24), 1), serviced(date(2026, 7, 2))]),
            [(2, date(2027, 1, 2)), (3, date(2027, 7, 2))]
        );
        // The same visit recorded twice on one day.
        assert_eq!(
            plan(&[serviced(date(2026, 5, 1)), done(date(2026, 5, 1), 1)]),
            restarted
        );
        // A late visit is the service it was late for.
        assert_eq!(
            plan(&[serviced(date(2026, 7, 20))]),
            [(2, date(2027, 1, 20)), (3, date(2027, 7, 20))]
        );
        // A visit nearer the second service's date is the second service, early.
        assert_eq!(
            plan(&[serviced(date(2026, 12, 15))]),
            [
                (1, date(2026, 7, 1)),
                (3, date(2027, 6, 15)),
                (4, date(2027, 12, 15))
            ]
        );
        // A done task names its service: those before it are no longer planned.
        assert_eq!(plan(&[done(date(2027, 2, 1), 2)]), [(3, date(2027, 8, 1))]);
        // A done task for a service already counted is another record of it: the count
        // stays, the clock restarts from the later record.
        assert_eq!(
            plan(&[serviced(date(2026, 5, 1)), done(date(2026, 5, 20), 1)]),
            [
                (2, date(2026, 11, 20)),
                (3, date(2027, 5, 20)),
                (4, date(2027, 11, 20))
            ]
        );
    }

    #[test]
    fn a_service_reading_restarts_the_distance_too() {
        let d = date(2026, 1, 1);
        // 50 km a day; a service at 3,000 km on day 60.
        let readings = [OdometerReading {
            on: date(2026, 3, 2),
            km: 3000,
        }];
        let o = Odometer::new(d, 0, &readings, 3, OdometerLimits::default());
        let due = services_due(
            d,
            &o,
            DEFAULT,
            &[serviced(date(2026, 3, 2))],
            date(2026, 12, 31),
        );
        assert_eq!(due[0].number, 2);
        assert_eq!(due[0].trigger, MaintenanceTrigger::Distance { km: 8000 });
        assert_eq!(due[0].on, date(2026, 6, 10));
    }
}

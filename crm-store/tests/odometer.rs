//! Odometer readings in the store: checked against the car's others under the daily limit
//! (a setting), corrected and deleted; a reading taken at a service visit and a maintenance
//! task marked done restart the maintenance schedule.

mod common;

use chrono::NaiveDate;
use common::{customer, dump, test_store, TestStore};
use crm_core::{
    CarId, CareDetail, CareTaskKind, CareTaskStatus, CustomerId, DateWindow, NewCar,
    OdometerLimits, OdometerReading, OdometerSource,
};
use crm_store::{CareTaskQuery, StoreError};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn reading(on: &str, km: u32) -> OdometerReading {
    OdometerReading { on: date(on), km }
}

/// A customer with a car delivered on 2026-01-10 at 10 km.
fn delivered(t: &TestStore) -> (CustomerId, CarId) {
    let c = t
        .store
        .create_customer(&customer("周杰", "13800000301"))
        .unwrap()
        .id;
    let car = t
        .store
        .record_car(
            &c,
            &NewCar {
                vin: None,
                brand: "大众".into(),
                model: "ID.4".into(),
                delivered_on: date("2026-01-10"),
                delivery_km: 10,
                registered_on: None,
                order_id: None,
            },
        )
        .unwrap()
        .id;
    (c, car)
}

fn field(e: StoreError) -> String {
    match e {
        StoreError::Invalid(v) => v.field,
        e => panic!("{e:?}"),
    }
}

const TABLES: &[&str] = &["odometer_readings", "settings"];

#[test]
fn a_500000_km_typo_is_refused_naming_km_and_writes_nothing() {
    let t = test_store();
    let (_, car) = delivered(&t);
    t.store
        .record_odometer(&car, reading("2026-03-01", 5_000), OdometerSource::Customer)
        .unwrap();
    let before = dump(&t.path, TABLES);
    let typo = t.store.record_odometer(
        &car,
        reading("2026-03-02", 500_000),
        OdometerSource::Customer,
    );
    assert_eq!(field(typo.unwrap_err()), "km");
    // Lower than the reading before it, or making the next one run back: refused too.
    let back =
        t.store
            .record_odometer(&car, reading("2026-03-05", 4_000), OdometerSource::Customer);
    assert_eq!(field(back.unwrap_err()), "km");
    let before_it =
        t.store
            .record_odometer(&car, reading("2026-02-20", 6_000), OdometerSource::Customer);
    assert_eq!(field(before_it.unwrap_err()), "km");
    assert_eq!(dump(&t.path, TABLES), before, "nothing written");
    // 1,500 km the next day is the default limit exactly.
    t.store
        .record_odometer(&car, reading("2026-03-02", 6_500), OdometerSource::Customer)
        .unwrap();
}

#[test]
fn the_daily_limit_is_a_setting() {
    let t = test_store();
    let (_, car) = delivered(&t);
    assert_eq!(t.store.settings().unwrap().odometer.max_daily_km, 1_500);
    let strict = t
        .store
        .set_odometer_limits(&OdometerLimits { max_daily_km: 100 })
        .unwrap();
    assert_eq!(strict.odometer.max_daily_km, 100);
    assert_eq!(t.store.settings().unwrap(), strict);
    // 20 days after delivery: 2,000 km is 99.5 a day, 2,011 is more than 100.
    let over =
        t.store
            .record_odometer(&car, reading("2026-01-30", 2_011), OdometerSource::Customer);
    assert_eq!(field(over.unwrap_err()), "km");
    t.store
        .record_odometer(&car, reading("2026-01-30", 2_000), OdometerSource::Customer)
        .unwrap();
    let before = dump(&t.path, TABLES);
    for bad in [49, 5_001] {
        let e = t
            .store
            .set_odometer_limits(&OdometerLimits { max_daily_km: bad })
            .unwrap_err();
        assert_eq!(field(e), "max_daily_km");
    }
    assert_eq!(dump(&t.path, TABLES), before, "nothing written");
}

#[test]
fn a_reading_is_corrected_and_deleted() {
    let t = test_store();
    let (_, car) = delivered(&t);
    let first = t
        .store
        .record_odometer(&car, reading("2026-03-01", 5_000), OdometerSource::Customer)
        .unwrap();
    let second = t
        .store
        .record_odometer(&car, reading("2026-04-01", 7_000), OdometerSource::Customer)
        .unwrap();
    assert_ne!(first.id, second.id);
    assert_eq!(
        t.store.odometer_readings_of(&car).unwrap(),
        [first.clone(), second.clone()]
    );
    assert_eq!(first.car_id, car);
    assert_eq!(t.store.get_odometer_reading(second.id).unwrap(), second);

    // Corrected to a day and a distance that fit the other reading, from a service visit.
    let fixed = t
        .store
        .correct_odometer(
            first.id,
            reading("2026-03-03", 5_200),
            OdometerSource::ServiceVisit,
        )
        .unwrap();
    assert_eq!(fixed.id, first.id);
    assert_eq!(fixed.reading, reading("2026-03-03", 5_200));
    assert_eq!(fixed.source, OdometerSource::ServiceVisit);
    assert_eq!(
        t.store.odometer_readings_of(&car).unwrap(),
        [fixed.clone(), second.clone()]
    );
    // A correction is checked like a new reading, against the others only.
    let before = dump(&t.path, TABLES);
    let over = t.store.correct_odometer(
        first.id,
        reading("2026-03-03", 7_500),
        OdometerSource::Customer,
    );
    assert_eq!(field(over.unwrap_err()), "km");
    let early = t.store.correct_odometer(
        first.id,
        reading("2026-01-01", 10),
        OdometerSource::Customer,
    );
    assert_eq!(field(early.unwrap_err()), "on");
    assert_eq!(dump(&t.path, TABLES), before, "nothing written");
    // The second reading alone may be corrected to what the first one made impossible.
    t.store
        .correct_odometer(
            second.id,
            reading("2026-04-01", 5_300),
            OdometerSource::Customer,
        )
        .unwrap();

    t.store.delete_odometer(fixed.id).unwrap();
    let left = t.store.odometer_readings_of(&car).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, second.id);
    for missing in [
        t.store.delete_odometer(fixed.id).unwrap_err(),
        t.store.get_odometer_reading(fixed.id).unwrap_err(),
        t.store
            .correct_odometer(
                fixed.id,
                reading("2026-03-03", 5_200),
                OdometerSource::Other,
            )
            .unwrap_err(),
    ] {
        assert!(
            matches!(
                missing,
                StoreError::NotFound {
                    entity: "odometer reading",
                    ..
                }
            ),
            "{missing:?}"
        );
    }
}

/// The car's maintenance tasks (service, event date) in `w`, after a run.
fn services(t: &TestStore, c: &CustomerId, w: DateWindow) -> Vec<(u32, NaiveDate)> {
    t.store.generate_care(w).unwrap();
    t.store
        .care_tasks(&CareTaskQuery {
            customer_id: Some(c.clone()),
            limit: 1_000,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .filter(|r| r.task.kind() == CareTaskKind::Maintenance && r.status == CareTaskStatus::Open)
        .map(|r| match r.task.detail {
            CareDetail::Maintenance { service, .. } => (service, r.task.event_on),
            _ => unreachable!(),
        })
        .collect()
}

#[test]
fn a_service_reading_or_a_done_maintenance_task_restarts_the_schedule() {
    let t = test_store();
    let (c, car) = delivered(&t);
    // Service reminders go by phone: no consent needed.
    let w = DateWindow::new(date("2026-01-01"), date("2027-12-31")).unwrap();
    assert_eq!(
        services(&t, &c, w),
        [
            (1, date("2026-07-10")),
            (2, date("2027-01-10")),
            (3, date("2027-07-10"))
        ]
    );
    // Serviced at 900 km on 2026-05-02: the first service is done, the count restarts.
    t.store
        .record_odometer(
            &car,
            reading("2026-05-02", 900),
            OdometerSource::ServiceVisit,
        )
        .unwrap();
    assert_eq!(
        services(&t, &c, w),
        [
            (2, date("2026-11-02")),
            (3, date("2027-05-02")),
            (4, date("2027-11-02"))
        ]
    );
    // The second service marked done on the store's today (2026-11-27): from there.
    let second = t
        .store
        .care_tasks(&CareTaskQuery {
            customer_id: Some(c.clone()),
            limit: 1_000,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .find(|r| r.task.key.as_str() == format!("maint:{car}:2"))
        .unwrap();
    t.store
        .complete_care_task(&second.task.key, "做了二保")
        .unwrap();
    assert_eq!(
        services(&t, &c, w),
        [(3, date("2027-05-27")), (4, date("2027-11-27"))]
    );
    // The reading turns out not to be from a service visit: the done second service still
    // counts, and the first is not planned again.
    let id = t.store.odometer_readings_of(&car).unwrap()[0].id;
    t.store
        .correct_odometer(id, reading("2026-05-02", 900), OdometerSource::Customer)
        .unwrap();
    assert_eq!(
        services(&t, &c, w),
        [(3, date("2027-05-27")), (4, date("2027-11-27"))],
        "the done second service still counts"
    );
}

#[test]
fn a_typo_stored_before_the_check_does_not_plan_a_service_a_day() {
    let t = test_store();
    let (c, car) = delivered(&t);
    t.store
        .record_odometer(&car, reading("2026-03-01", 5_000), OdometerSource::Customer)
        .unwrap();
    // As an older library let it in.
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    conn.execute(
        "INSERT INTO odometer_readings (car_id, on_date, km, source, recorded_at)
         VALUES (?1, '2026-03-02', 500000, 'customer', 0)",
        [car.as_str()],
    )
    .unwrap();
    drop(conn);
    let year = DateWindow::new(date("2026-03-01"), date("2027-02-28")).unwrap();
    let planned = services(&t, &c, year);
    // About 100 km a day: a service every 50 days or so, not one a day.
    assert!(planned.len() <= 8, "{planned:?}");
    // Deleted, the plan stays what the plausible readings make.
    let typo = t
        .store
        .odometer_readings_of(&car)
        .unwrap()
        .into_iter()
        .find(|r| r.reading.km == 500_000)
        .unwrap();
    t.store.delete_odometer(typo.id).unwrap();
    assert_eq!(services(&t, &c, year), planned);
}

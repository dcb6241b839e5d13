//! The run marks of care schedules only save work: after any history of runs, moves, fact
//! and rule changes and merges, a run gives the same tasks and the same summary as a run on
//! a copy of the same book whose marks were wiped (which plans every customer).

mod common;

use chrono::NaiveDate;
use common::{customer, test_store, test_store_at, TestStore};
use crm_core::{
    CareRules, CareTaskKey, CareTaskRecord, ConsentChange, ConsentChannel, ConsentSource,
    ConsentState, CustomerId, DateWindow, NewCar, OdometerReading, OdometerSource,
};
use crm_store::{CareRunSummary, CareTaskQuery, Store};
use rusqlite::Connection;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn window(from: &str, to: &str) -> DateWindow {
    DateWindow::new(date(from), date(to)).unwrap()
}

fn tasks(store: &Store) -> Vec<CareTaskRecord> {
    store
        .care_tasks(&CareTaskQuery {
            limit: 10_000,
            ..Default::default()
        })
        .unwrap()
}

/// Runs `w` on the book and on a copy of it without marks; both must agree.
fn run_both(t: &TestStore, w: DateWindow, step: &str) -> CareRunSummary {
    let copy = t
        .path
        .with_file_name(format!("copy-{}.sqlite3", step.len()));
    let _ = std::fs::remove_file(&copy);
    {
        let conn = Connection::open(&t.path).unwrap();
        conn.execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
            .unwrap();
        let wiped = Connection::open(&copy).unwrap();
        wiped
            .execute("UPDATE care_schedules SET run_digest = NULL", [])
            .unwrap();
    }
    let planned_all = test_store_at(&copy);
    let marked = t.store.generate_care(w).unwrap();
    let unmarked = planned_all.generate_care(w).unwrap();
    assert_eq!(marked, unmarked, "{step}: summaries");
    assert_eq!(tasks(&t.store), tasks(&planned_all), "{step}: tasks");
    marked
}

fn delivered(t: &TestStore, name: &str, mobile: &str) -> (CustomerId, crm_core::CarId) {
    let mut new = customer(name, mobile);
    new.owner = Some("li".into());
    new.birthday = Some(date("1988-07-09"));
    let id = t.store.create_customer(&new).unwrap().id;
    t.store
        .set_consent(
            &id,
            &ConsentChange {
                channel: ConsentChannel::Sms,
                state: ConsentState::Granted,
                source: ConsentSource::PaperForm,
                note: None,
            },
        )
        .unwrap();
    let car = t
        .store
        .record_car(
            &id,
            &NewCar {
                vin: None,
                brand: "大众".into(),
                model: "ID.4".into(),
                delivered_on: date("2026-02-10"),
                delivery_km: 10,
                registered_on: None,
                order_id: None,
            },
        )
        .unwrap();
    t.store
        .set_insurance_ends(&car.id, &[date("2027-02-10")])
        .unwrap();
    (id, car.id)
}

fn car_b_of(t: &TestStore, customer: &CustomerId) -> crm_core::CarId {
    t.store.cars_of(customer).unwrap().remove(0).id
}

fn first_open(store: &Store, customer: &CustomerId, prefix: &str) -> CareTaskKey {
    tasks(store)
        .into_iter()
        .find(|r| {
            r.task.customer_id == *customer
                && r.task.key.as_str().starts_with(prefix)
                && r.status == crm_core::CareTaskStatus::Open
        })
        .unwrap()
        .task
        .key
}

#[test]
fn a_run_with_marks_does_what_a_run_planning_everyone_does() {
    let t = test_store();
    let (a, car_a) = delivered(&t, "王芳", "13800000101");
    let (b, _) = delivered(&t, "李强", "13800000102");
    let (c, car_c) = delivered(&t, "张伟", "13800000103");
    let year = window("2026-11-01", "2027-10-31");

    let first = run_both(&t, year, "first run");
    assert!(first.added > 20, "{first:?}");
    let again = run_both(&t, year, "the same window again");
    assert_eq!(again.unchanged, first.added);

    let call = first_open(&t.store, &a, "maint:");
    t.store.complete_care_task(&call, "做了首保").unwrap();
    let greeting = first_open(&t.store, &b, "holiday:");
    t.store
        .snooze_care_task(&greeting, date("2026-12-20"))
        .unwrap();
    run_both(&t, year, "after moves");

    t.store
        .record_odometer(
            &car_a,
            OdometerReading {
                on: date("2026-11-20"),
                km: 9_000,
            },
            OdometerSource::ServiceVisit,
        )
        .unwrap();
    t.store
        .set_insurance_ends(&car_a, &[date("2027-03-01")])
        .unwrap();
    let facts = run_both(&t, year, "after new facts for one customer");
    assert!(facts.updated + facts.added + facts.removed > 0, "{facts:?}");

    // Another car's reading, corrected (same day and km, taken at a service visit after
    // all), then its km corrected, then deleted: each changes the plan, and each must be
    // seen.
    let reading = t
        .store
        .record_odometer(
            &car_c,
            OdometerReading {
                on: date("2026-11-20"),
                km: 9_000,
            },
            OdometerSource::Customer,
        )
        .unwrap();
    run_both(&t, year, "after a reading");
    t.store
        .correct_odometer(reading.id, reading.reading, OdometerSource::ServiceVisit)
        .unwrap();
    let serviced = run_both(&t, year, "after a reading turned out to be a service");
    assert!(
        serviced.updated + serviced.added + serviced.removed > 0,
        "{serviced:?}"
    );
    let corrected = OdometerReading {
        km: 8_000,
        ..reading.reading
    };
    t.store
        .correct_odometer(reading.id, corrected, OdometerSource::ServiceVisit)
        .unwrap();
    let fixed = run_both(&t, year, "after a reading's km corrected");
    assert!(fixed.updated > 0, "{fixed:?}");
    t.store.delete_odometer(reading.id).unwrap();
    let deleted = run_both(&t, year, "after a reading deleted");
    assert!(
        deleted.updated + deleted.added + deleted.removed > 0,
        "{deleted:?}"
    );

    // A reading at 100 km a day, then a daily limit that makes it a typo, then back.
    t.store
        .record_odometer(
            &car_b_of(&t, &b),
            OdometerReading {
                on: date("2026-03-12"),
                km: 3_010,
            },
            OdometerSource::Customer,
        )
        .unwrap();
    run_both(&t, year, "after a brisk reading");
    t.store
        .set_odometer_limits(&crm_core::OdometerLimits { max_daily_km: 50 })
        .unwrap();
    let strict = run_both(
        &t,
        year,
        "after the limit lowered below a stored reading's pace",
    );
    assert!(
        strict.updated + strict.added + strict.removed > 0,
        "{strict:?}"
    );
    t.store
        .set_odometer_limits(&crm_core::OdometerLimits::default())
        .unwrap();
    run_both(&t, year, "after the limit raised again");

    // SMS refused: greetings and offers are blocked; calls agreed to: offers come back.
    let consent = |channel, state| ConsentChange {
        channel,
        state,
        source: ConsentSource::Phone,
        note: None,
    };
    t.store
        .set_consent(&c, &consent(ConsentChannel::Sms, ConsentState::Withdrawn))
        .unwrap();
    let blocked = run_both(&t, year, "after SMS refused");
    assert!(
        blocked.blocked_by_consent > 0 && blocked.removed > 0,
        "{blocked:?}"
    );
    t.store
        .set_consent(&c, &consent(ConsentChannel::Phone, ConsentState::Granted))
        .unwrap();
    let unblocked = run_both(&t, year, "after calls agreed to");
    assert!(
        unblocked.added > 0 && unblocked.blocked_by_consent < blocked.blocked_by_consent,
        "{unblocked:?}"
    );

    t.store
        .set_consent(
            &c,
            &ConsentChange {
                channel: ConsentChannel::Wechat,
                state: ConsentState::Withdrawn,
                source: ConsentSource::Phone,
                note: None,
            },
        )
        .unwrap();
    run_both(&t, year, "after consent withdrawn");

    let mut rules = CareRules::default();
    rules.birthday.lead_days = 5;
    rules.insurance.lead_days = 40;
    t.store.set_care_rules(&rules).unwrap();
    let changed = run_both(&t, year, "after a rule change");
    assert!(changed.updated > 0, "{changed:?}");

    run_both(
        &t,
        window("2027-06-01", "2028-05-31"),
        "an overlapping window",
    );
    run_both(&t, year, "back to the first window");

    let keep = t.store.get_customer(&a).unwrap();
    let other = t.store.get_customer(&b).unwrap();
    t.store
        .merge_customers(&a, keep.version, &b, other.version)
        .unwrap();
    assert_eq!(
        t.store.get_care_task(&greeting).unwrap().task.customer_id,
        a,
        "a merged customer's greeting is found by its key"
    );
    run_both(&t, year, "after a merge");
    run_both(&t, year, "after a merge, again");
}

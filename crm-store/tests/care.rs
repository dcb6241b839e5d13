//! Care after the sale in the store: cars, readings, insurance, care runs (idempotent,
//! rule changes, removals), task moves, the agenda, and a run against the pure planner.

mod common;

use chrono::NaiveDate;
use common::{customer, test_store, TestStore};
use crm_core::{
    AgendaReason, CarePlanner, CareRules, CareTaskKind, CareTaskStatus, CustomerId, DateWindow,
    NewCar, OdometerReading, OdometerSource, TimelineEntry,
};
use crm_store::{CareRunSummary, CareTaskQuery, StoreError};
use rusqlite::Connection;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn window(from: &str, to: &str) -> DateWindow {
    DateWindow::new(date(from), date(to)).unwrap()
}

fn car(delivered_on: &str) -> NewCar {
    NewCar {
        vin: None,
        brand: "大众".into(),
        model: "ID.4".into(),
        delivered_on: date(delivered_on),
        delivery_km: 10,
        registered_on: None,
        order_id: None,
    }
}

/// A customer of consultant `owner` born on 1990-03-15, with a mobile number, who agreed to
/// SMS (and was never asked about the other channels).
fn delivered(t: &TestStore, name: &str, mobile: &str, owner: &str) -> CustomerId {
    let mut new = customer(name, mobile);
    new.owner = Some(owner.into());
    new.birthday = Some(date("1990-03-15"));
    let id = t.store.create_customer(&new).unwrap().id;
    t.store
        .set_consent(
            &id,
            &crm_core::ConsentChange {
                channel: crm_core::ConsentChannel::Sms,
                state: crm_core::ConsentState::Granted,
                source: crm_core::ConsentSource::PaperForm,
                note: None,
            },
        )
        .unwrap();
    id
}

/// Every row of the care tables, as text: what "nothing written" compares.
fn dump(t: &TestStore) -> String {
    let conn = Connection::open(&t.path).unwrap();
    let mut out = String::new();
    for table in [
        "cars",
        "odometer_readings",
        "insurance_ends",
        "consents",
        "care_schedules",
        "timeline",
        "settings",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.unwrap()));
        }
    }
    out
}

fn all_tasks(t: &TestStore) -> Vec<crm_core::CareTaskRecord> {
    t.store
        .care_tasks(&CareTaskQuery {
            limit: 10_000,
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn a_recorded_car_gets_its_care_tasks_and_a_rerun_writes_nothing() {
    let t = test_store();
    let c = delivered(&t, "王芳", "13800000001", "li");
    let stored = t.store.record_car(&c, &car("2026-11-20")).unwrap();
    assert_eq!(t.store.cars_of(&c).unwrap(), std::slice::from_ref(&stored));
    let w = window("2026-11-01", "2027-11-30");
    let first = t.store.generate_care(w).unwrap();
    assert!(first.added > 5, "{first:?}");
    let tasks = all_tasks(&t);
    assert_eq!(tasks.len() as u64, first.added);
    let kinds: Vec<CareTaskKind> = tasks.iter().map(|r| r.task.kind()).collect();
    for k in [
        CareTaskKind::DeliveryCall,
        CareTaskKind::Maintenance,
        CareTaskKind::Birthday,
        CareTaskKind::Holiday,
        CareTaskKind::PurchaseAnniversary,
    ] {
        assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
    }
    assert!(tasks.iter().all(|r| r.status == CareTaskStatus::Open));
    // The referral invitation goes by WeChat or a call: no WeChat id, calls never agreed to.
    assert_eq!(first.blocked_by_consent, 1, "{first:?}");
    assert!(!kinds.contains(&CareTaskKind::ReferralInvitation));

    let before = dump(&t);
    t.clock.advance(chrono::Duration::hours(1));
    let again = t.store.generate_care(w).unwrap();
    assert_eq!(
        again,
        CareRunSummary {
            unchanged: first.added,
            blocked_by_consent: 1,
            ..Default::default()
        }
    );
    assert_eq!(dump(&t), before, "a re-run writes nothing");
}

#[test]
fn readings_and_insurance_move_open_tasks_and_corrections_remove_them() {
    let t = test_store();
    let c = delivered(&t, "赵磊", "13800000002", "li");
    let car_ = t.store.record_car(&c, &car("2026-06-01")).unwrap();
    let w = window("2026-06-01", "2027-12-31");
    let ins = t
        .store
        .set_insurance_ends(&car_.id, &[date("2027-05-31")])
        .unwrap();
    assert_eq!(ins.insurance_ends_on, [date("2027-05-31")]);
    t.store.generate_care(w).unwrap();
    let key_of = |kind: CareTaskKind| -> Vec<String> {
        all_tasks(&t)
            .into_iter()
            .filter(|r| r.task.kind() == kind)
            .map(|r| r.task.key.0)
            .collect()
    };
    assert_eq!(
        key_of(CareTaskKind::InsuranceRenewal),
        [format!("insurance:{}:2027-05-31", car_.id)]
    );
    let first_service = |t: &TestStore| {
        all_tasks(t)
            .into_iter()
            .find(|r| r.task.key.0 == format!("maint:{}:1", car_.id))
            .unwrap()
            .task
    };
    let by_time = first_service(&t);
    // A heavy driver: 4,000 km in two months brings the first service forward.
    let r = t
        .store
        .record_odometer(
            &car_.id,
            OdometerReading {
                on: date("2026-08-01"),
                km: 4000,
            },
            OdometerSource::Customer,
        )
        .unwrap();
    assert_eq!(r.reading.km, 4000);
    assert_eq!(t.store.odometer_readings_of(&car_.id).unwrap(), [r]);
    // Corrected insurance date: the old renewal task goes, the new one comes.
    t.store
        .set_insurance_ends(&car_.id, &[date("2027-06-30")])
        .unwrap();
    let run = t.store.generate_care(w).unwrap();
    assert!(
        run.updated >= 1 && run.added >= 1 && run.removed >= 1,
        "{run:?}"
    );
    assert!(first_service(&t).due_on < by_time.due_on);
    assert_eq!(
        key_of(CareTaskKind::InsuranceRenewal),
        [format!("insurance:{}:2027-06-30", car_.id)]
    );
}

#[test]
fn done_skipped_and_snoozed_tasks_keep_their_status_through_rule_changes() {
    let t = test_store();
    let c = delivered(&t, "钱多", "13800000003", "li");
    let car_ = t.store.record_car(&c, &car("2026-11-20")).unwrap();
    let w = window("2026-11-01", "2027-11-30");
    t.store.generate_care(w).unwrap();
    let d3 = format!("call:{}:d3", car_.id).as_str().into();
    let d7 = format!("call:{}:d7", car_.id).as_str().into();
    let anniversary = format!("anniversary:{}:1", car_.id).as_str().into();

    let done = t.store.complete_care_task(&d3, "客户满意").unwrap();
    assert!(
        matches!(done.status, CareTaskStatus::Done { ref outcome, .. } if outcome == "客户满意")
    );
    let skipped = t.store.skip_care_task(&d7, "经理出差").unwrap();
    assert!(matches!(skipped.status, CareTaskStatus::Skipped { .. }));
    let snoozed = t
        .store
        .snooze_care_task(&anniversary, date("2027-02-01"))
        .unwrap();
    assert_eq!(
        snoozed.status,
        CareTaskStatus::Snoozed {
            until: date("2027-02-01")
        }
    );
    // Closed tasks cannot move again.
    assert!(matches!(
        t.store.skip_care_task(&d3, "x"),
        Err(StoreError::Closed { .. })
    ));
    let page = t.store.timeline(&c, 10, None).unwrap();
    assert!(page.records.iter().any(
        |r| matches!(&r.entry, TimelineEntry::CareTaskDone { task_key, .. } if *task_key == d3)
    ));
    assert!(page.records.iter().any(
        |r| matches!(&r.entry, TimelineEntry::CareTaskSkipped { task_key, .. } if *task_key == d7)
    ));

    // Calls and the anniversary suggest other templates: the open tasks follow, the done
    // and skipped ones do not; the snoozed one keeps its snooze.
    let mut rules = CareRules::default();
    for call in &mut rules.delivery_calls {
        call.outreach.template_key = "my.call".into();
    }
    rules.anniversary.outreach.template_key = "my.anniversary".into();
    t.store.set_care_rules(&rules).unwrap();
    assert_eq!(t.store.care_rules().unwrap(), rules.validate().unwrap());
    let run = t.store.generate_care(w).unwrap();
    assert!(run.updated >= 2, "{run:?}");
    assert_eq!(t.store.get_care_task(&d3).unwrap(), done);
    assert_eq!(t.store.get_care_task(&d7).unwrap(), skipped);
    let anniversary_now = t.store.get_care_task(&anniversary).unwrap();
    assert_eq!(anniversary_now.status, snoozed.status);
    assert_eq!(anniversary_now.task.template_key, "my.anniversary");
}

#[test]
fn withdrawn_consent_removes_greetings_at_the_next_run_and_they_stay_away() {
    let t = test_store();
    let c = delivered(&t, "孙丽", "13800000004", "li");
    t.store.record_car(&c, &car("2026-11-20")).unwrap();
    let w = window("2026-11-01", "2027-11-30");
    t.store.generate_care(w).unwrap();
    let greetings = |t: &TestStore| {
        all_tasks(t)
            .into_iter()
            .filter(|r| r.task.needs_consent)
            .count()
    };
    assert!(greetings(&t) > 3);
    // "回复TD退订": marketing refused on every written channel; calls never agreed to.
    for channel in [
        crm_core::ConsentChannel::Sms,
        crm_core::ConsentChannel::Wechat,
        crm_core::ConsentChannel::Email,
    ] {
        t.store
            .set_consent(
                &c,
                &crm_core::ConsentChange {
                    channel,
                    state: crm_core::ConsentState::Withdrawn,
                    source: crm_core::ConsentSource::Message,
                    note: Some("回复TD退订".into()),
                },
            )
            .unwrap();
    }
    let run = t.store.generate_care(w).unwrap();
    assert!(run.removed > 3, "{run:?}");
    assert_eq!(greetings(&t), 0);
    let again = t.store.generate_care(w).unwrap();
    assert_eq!((again.added, again.removed, again.updated), (0, 0, 0));
    assert!(again.blocked_by_consent >= run.removed, "{again:?}");
    // Service reminders stay (the default rules send them anyway), by phone.
    assert!(all_tasks(&t)
        .iter()
        .any(|r| r.task.kind() == CareTaskKind::Maintenance
            && r.task.channel == crm_core::ConsentChannel::Phone));
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let t = test_store();
    let c = delivered(&t, "周全", "13800000005", "li");
    let car_ = t.store.record_car(&c, &car("2026-11-01")).unwrap();
    t.store
        .generate_care(window("2026-11-01", "2027-01-31"))
        .unwrap();
    let before = dump(&t);
    let field = |e: StoreError| match e {
        StoreError::Invalid(v) => v.field,
        other => panic!("{other:?}"),
    };
    let future = NewCar {
        delivered_on: date("2026-12-01"),
        ..car("2026-11-01")
    };
    assert_eq!(
        field(t.store.record_car(&c, &future).unwrap_err()),
        "delivered_on"
    );
    let no_brand = NewCar {
        brand: " ".into(),
        ..car("2026-11-01")
    };
    assert_eq!(
        field(t.store.record_car(&c, &no_brand).unwrap_err()),
        "brand"
    );
    let early = OdometerReading {
        on: date("2026-10-01"),
        km: 10,
    };
    assert_eq!(
        field(
            t.store
                .record_odometer(&car_.id, early, OdometerSource::ServiceVisit)
                .unwrap_err()
        ),
        "on"
    );
    assert_eq!(
        field(
            t.store
                .set_insurance_ends(&car_.id, &[date("2027-01-01"), date("2020-01-01")])
                .unwrap_err()
        ),
        "insurance_ends_on[1]"
    );
    let mut rules = CareRules::default();
    rules.maintenance.every_km = 1;
    assert_eq!(
        field(t.store.set_care_rules(&rules).unwrap_err()),
        "maintenance.every_km"
    );
    let backwards = DateWindow {
        from: date("2027-01-01"),
        to: date("2026-01-01"),
    };
    assert_eq!(field(t.store.generate_care(backwards).unwrap_err()), "to");
    let key = format!("call:{}:d3", car_.id).as_str().into();
    assert_eq!(
        field(t.store.complete_care_task(&key, "  ").unwrap_err()),
        "outcome"
    );
    assert_eq!(
        field(
            t.store
                .snooze_care_task(&key, date("2026-11-27"))
                .unwrap_err()
        ),
        "until"
    );
    assert!(matches!(
        t.store
            .record_car(&common::MISSING.into(), &car("2026-11-01")),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(dump(&t), before);
}

#[test]
fn open_care_tasks_are_in_their_consultants_agenda() {
    let t = test_store();
    let c = delivered(&t, "吴用", "13800000006", "li");
    let other = delivered(&t, "郑和", "13800000007", "wang");
    let car_ = t.store.record_car(&c, &car("2026-11-20")).unwrap();
    t.store.record_car(&other, &car("2026-11-20")).unwrap();
    t.store
        .generate_care(window("2026-11-01", "2027-12-31"))
        .unwrap();
    let today = date("2026-11-27");
    let care_keys = |owner: &str, on: NaiveDate| -> Vec<(String, bool)> {
        t.store
            .agenda(Some(owner), on)
            .unwrap()
            .into_iter()
            .filter_map(|i| match i.reason {
                AgendaReason::CareTask { key, .. } => Some((key.0, i.overdue)),
                _ => None,
            })
            .collect()
    };
    // Day 3 (the 23rd) is overdue, day 7 (the 27th) is due today; day 30 is not yet.
    let d3 = format!("call:{}:d3", car_.id);
    let d7 = format!("call:{}:d7", car_.id);
    assert_eq!(
        care_keys("li", today),
        [(d3.clone(), true), (d7.clone(), false)]
    );
    assert!(care_keys("wang", today)
        .iter()
        .all(|(k, _)| !k.contains(car_.id.as_str())));
    // Done leaves the agenda; snoozed comes back on its date.
    t.store
        .complete_care_task(&d3.as_str().into(), "已回访")
        .unwrap();
    t.store
        .snooze_care_task(&d7.as_str().into(), date("2026-11-29"))
        .unwrap();
    assert!(care_keys("li", today).is_empty());
    assert_eq!(care_keys("li", date("2026-11-29")), [(d7.clone(), false)]);
    // A new owner takes the tasks along.
    let version = t.store.get_customer(&c).unwrap().version;
    let patch = crm_core::CustomerPatch {
        owner: Some(Some("wang".into())),
        ..Default::default()
    };
    t.store.update_customer(&c, version, &patch).unwrap();
    assert!(care_keys("li", date("2026-11-29")).is_empty());
    assert_eq!(
        care_keys("wang", date("2026-11-29")).len(),
        1 + care_keys("wang", today).len()
    );
}

#[test]
fn tasks_list_by_customer_status_and_due_window() {
    let t = test_store();
    let c = delivered(&t, "冯远", "13800000008", "li");
    t.store.record_car(&c, &car("2026-11-20")).unwrap();
    t.store
        .generate_care(window("2026-11-01", "2027-12-31"))
        .unwrap();
    let q = CareTaskQuery {
        customer_id: Some(c.clone()),
        status: Some(crm_core::CareTaskStatusKind::Open),
        due_from: Some(date("2027-01-01")),
        due_to: Some(date("2027-03-31")),
        limit: 3,
        ..Default::default()
    };
    let page = t.store.care_tasks(&q).unwrap();
    assert_eq!(page.len(), 3);
    assert!(page
        .windows(2)
        .all(|w| w[0].task.due_on <= w[1].task.due_on));
    assert!(page
        .iter()
        .all(|r| r.task.due_on >= date("2027-01-01") && r.task.due_on <= date("2027-03-31")));
    let none = CareTaskQuery {
        owner: Some(common::MISSING.into()),
        ..Default::default()
    };
    assert!(t.store.care_tasks(&none).unwrap().is_empty());
    assert!(t
        .store
        .care_tasks(&CareTaskQuery {
            limit: 0,
            ..Default::default()
        })
        .is_err());
}

#[test]
fn generating_matches_the_planner_over_the_stored_facts() {
    use proptest::prelude::*;
    let config = ProptestConfig {
        cases: 24,
        ..ProptestConfig::default()
    };
    proptest!(config, |(
        customers in prop::collection::vec(crm_core::strategies::care::care_customer(), 1..5),
        rules in crm_core::strategies::care::care_rules(),
        w in crm_core::strategies::care::care_window(),
    )| {
        let t = test_store();
        t.store.set_care_rules(&rules).unwrap();
        // Store every generated customer with their facts, then build the planner's input
        // from what the store holds (ids are the store's).
        let mut expected = Vec::new();
        t.clock.set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2040, 1, 1, 0, 0, 0).unwrap());
        for (i, f) in customers.iter().enumerate() {
            let mut new = customer("客户", &format!("1390000{i:04}"));
            new.birthday = f.birthday;
            let id = t.store.create_customer(&new).unwrap().id;
            for channel in <crm_core::ConsentChannel as crm_core::Code>::ALL {
                let state = f.consent.state(*channel);
                if state != crm_core::ConsentState::Unknown {
                    t.store.set_consent(&id, &crm_core::ConsentChange {
                        channel: *channel, state,
                        source: crm_core::ConsentSource::InPerson, note: None,
                    }).unwrap();
                }
            }
            let mut cars = Vec::new();
            for fc in &f.cars {
                let stored = t.store.record_car(&id, &NewCar {
                    vin: None, brand: "b".into(), model: "m".into(),
                    delivered_on: fc.delivered_on, delivery_km: fc.delivery_km,
                    registered_on: fc.registered_on, order_id: None,
                }).unwrap();
                // Readings as the store takes them: typos refused (naming `km`), those of a
                // day of a known service recorded as taken at a service visit.
                let mut readings = Vec::new();
                let mut services = Vec::new();
                for r in &fc.readings {
                    let at_service = fc.services.iter().any(|v| v.service.is_none() && v.on == r.on);
                    let source = if at_service { OdometerSource::ServiceVisit } else { OdometerSource::Other };
                    match t.store.record_odometer(&stored.id, *r, source) {
                        Ok(_) => {
                            readings.push(*r);
                            if at_service {
                                services.push(crm_core::ServiceVisit { on: r.on, service: None });
                            }
                        }
                        Err(StoreError::Invalid(e)) => prop_assert!(e.field == "km" || e.field == "on", "{e}"),
                        Err(e) => prop_assert!(false, "{e}"),
                    }
                }
                t.store.set_insurance_ends(&stored.id, &fc.insurance_ends_on).unwrap();
                cars.push(crm_core::CareCar { id: stored.id.clone(), readings, services, ..fc.clone() });
            }
            let consent = t.store.consent_of(&id).unwrap().states();
            prop_assert_eq!(consent, f.consent);
            // A mobile number: calls and SMS.
            let reachable = crm_core::ChannelSet::of(&[crm_core::ConsentChannel::Phone, crm_core::ConsentChannel::Sms]);
            expected.push(crm_core::CareCustomer { id, birthday: f.birthday, consent, reachable, cars });
        }
        let planner = CarePlanner::new(&rules, w).unwrap();
        let mut want: Vec<_> = expected.iter().flat_map(|c| planner.tasks_for(c)).collect();
        want.sort_by(|a, b| (a.due_on, &a.key).cmp(&(b.due_on, &b.key)));
        let blocked: u64 = expected.iter().map(|c| planner.plan(c).blocked_by_consent).sum();
        let summary = t.store.generate_care(w).unwrap();
        prop_assert_eq!(summary.added as usize, want.len());
        prop_assert_eq!(summary.blocked_by_consent, blocked);
        let got: Vec<_> = all_tasks(&t).into_iter().map(|r| r.task).collect();
        prop_assert_eq!(got, want);
        let again = t.store.generate_care(w).unwrap();
        prop_assert_eq!(again.unchanged as usize, summary.added as usize);
        prop_assert_eq!(again.blocked_by_consent, blocked);
    });
}

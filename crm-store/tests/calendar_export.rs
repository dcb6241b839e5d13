//! The calendar export: a consultant's plans, visits and care tasks in a window, parsed
//! back with icalendar's parser; UIDs stable across exports; bad input named.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::{customer, test_store, TestStore};
use crm_core::export::Language;
use crm_core::{
    CareTaskStatusKind, CustomerId, DateWindow, FollowUpMethod, NewCar, NewPlan, NewVisit,
    PlanTime, Rule, VisitKind,
};
use crm_store::{CareTaskQuery, StoreError};
use icalendar::{Calendar, Component, DatePerhapsTime};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn add(t: &TestStore, name: &str, phone: &str, owner: &str) -> CustomerId {
    let mut c = customer(name, phone);
    c.owner = Some(owner.into());
    t.store.create_customer(&c).unwrap().id
}

fn plan(t: &TestStore, id: &CustomerId, time: PlanTime) -> crm_core::Plan {
    t.store
        .set_plan(&NewPlan {
            customer_id: id.clone(),
            time,
            method: FollowUpMethod::Phone,
            purpose: "报价".into(),
            content: None,
        })
        .unwrap()
}

struct Fixture {
    t: TestStore,
    wang_plan: crm_core::Plan,
    li_plan: crm_core::Plan,
    visit: crm_core::VisitRecord,
    wang: CustomerId,
}

fn li_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).unwrap()
}

fn visit_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 6, 0, 0).unwrap()
}

/// c01 has 王小明 (a plan on a date, a test drive, a delivered car's care tasks), 李雷 (a
/// plan at a time) and 赵六 (a plan after the window); c02 has 张三 (a plan in the window).
fn fixture() -> Fixture {
    let t = test_store();
    let wang = add(&t, "王小明", "13800000001", "c01");
    let li = add(&t, "李雷", "13800000002", "c01");
    let zhao = add(&t, "赵六", "13800000003", "c01");
    let zhang = add(&t, "张三", "13800000004", "c02");
    let wang_plan = plan(&t, &wang, PlanTime::OnDate(date(2026, 11, 30)));
    let li_plan = plan(&t, &li, PlanTime::At(li_at()));
    plan(&t, &zhao, PlanTime::OnDate(date(2027, 2, 1)));
    plan(&t, &zhang, PlanTime::OnDate(date(2026, 11, 29)));
    let visit = t
        .store
        .schedule_visit(
            &NewVisit {
                customer_id: wang.clone(),
                kind: VisitKind::TestDrive,
                model: Some("汉 EV".into()),
                catalogue_model: None,
                scheduled_at: visit_at(),
                consultant: None,
                notes: None,
            },
            None,
        )
        .unwrap();
    t.store
        .record_car(
            &wang,
            &NewCar {
                vin: None,
                brand: "比亚迪".into(),
                model: "汉".into(),
                delivered_on: date(2026, 11, 20),
                delivery_km: 10,
                registered_on: None,
                order_id: None,
            },
        )
        .unwrap();
    t.store
        .generate_care(DateWindow::new(date(2026, 11, 1), date(2027, 11, 30)).unwrap())
        .unwrap();
    Fixture {
        t,
        wang_plan,
        li_plan,
        visit,
        wang,
    }
}

fn window() -> DateWindow {
    DateWindow {
        from: date(2026, 11, 27),
        to: date(2026, 12, 31),
    }
}

/// Each event as (uid, summary, start, end).
fn events(text: &str) -> Vec<(String, String, DatePerhapsTime, DatePerhapsTime)> {
    let calendar: Calendar = text.parse().unwrap();
    calendar
        .events()
        .map(|e| {
            (
                e.get_uid().unwrap().to_owned(),
                e.get_summary().unwrap().to_owned(),
                e.get_start().unwrap(),
                e.get_end().unwrap(),
            )
        })
        .collect()
}

fn timed(at: DateTime<Utc>) -> DatePerhapsTime {
    DatePerhapsTime::from(at)
}

#[test]
fn the_window_holds_exactly_the_consultants_events() {
    let f = fixture();
    let text =
        f.t.store
            .export_calendar("c01", window(), Language::Zh)
            .unwrap()
            .ics;
    let got = events(&text);
    let care =
        f.t.store
            .care_tasks(&CareTaskQuery {
                owner: Some("c01".into()),
                status: Some(CareTaskStatusKind::Open),
                due_from: Some(window().from),
                due_to: Some(window().to),
                limit: 1000,
                ..Default::default()
            })
            .unwrap();
    assert!(
        !care.is_empty(),
        "the delivery brings a care task in the window"
    );
    let mut expected = vec![
        (
            format!("plan-{}@dealer-crm", f.li_plan.id),
            "跟进 李雷 (电话)".to_owned(),
            timed(li_at()),
            timed(li_at() + Duration::minutes(30)),
        ),
        (
            format!("plan-{}@dealer-crm", f.wang_plan.id),
            "跟进 王小明 (电话)".to_owned(),
            DatePerhapsTime::Date(date(2026, 11, 30)),
            DatePerhapsTime::Date(date(2026, 12, 1)),
        ),
        (
            format!("visit-{}@dealer-crm", f.visit.id),
            "试驾 王小明 汉 EV".to_owned(),
            timed(visit_at()),
            timed(visit_at() + Duration::minutes(60)),
        ),
    ];
    for r in &care {
        assert_eq!(r.task.customer_id, f.wang);
        let kind = crm_core::export::care_kind_label(r.task.kind()).zh;
        expected.push((
            format!("care-{}@dealer-crm", r.task.key.as_str()),
            format!("{kind} 王小明"),
            DatePerhapsTime::Date(r.task.due_on),
            DatePerhapsTime::Date(r.task.due_on + Duration::days(1)),
        ));
    }
    assert_eq!(got, expected);

    let calendar: Calendar = text.parse().unwrap();
    for e in calendar.events() {
        assert_eq!(
            e.get_timestamp(),
            Some(common::start()),
            "DTSTAMP is the store's clock"
        );
    }
    assert_eq!(
        calendar.events().next().unwrap().get_description(),
        Some("报价")
    );

    // c02 sees only 张三's plan.
    let other = events(
        &f.t.store
            .export_calendar("c02", window(), Language::En)
            .unwrap()
            .ics,
    );
    assert_eq!(other.len(), 1);
    assert_eq!(other[0].1, "Follow up 张三 (phone)");
}

#[test]
fn a_later_export_keeps_the_uids_and_moves_the_events() {
    let f = fixture();
    let first = events(
        &f.t.store
            .export_calendar("c01", window(), Language::Zh)
            .unwrap()
            .ics,
    );
    f.t.clock.advance(Duration::hours(1));
    f.t.store
        .reschedule_plan(
            &f.wang_plan.id,
            f.wang_plan.version,
            PlanTime::OnDate(date(2026, 12, 2)),
            None,
        )
        .unwrap();
    let text =
        f.t.store
            .export_calendar("c01", window(), Language::Zh)
            .unwrap()
            .ics;
    let second = events(&text);
    let uids = |e: &[(String, String, DatePerhapsTime, DatePerhapsTime)]| {
        let mut u: Vec<String> = e.iter().map(|x| x.0.clone()).collect();
        u.sort();
        u
    };
    assert_eq!(uids(&first), uids(&second));
    let moved = second
        .iter()
        .find(|e| e.0 == format!("plan-{}@dealer-crm", f.wang_plan.id))
        .unwrap();
    assert_eq!(moved.2, DatePerhapsTime::Date(date(2026, 12, 2)));
    let calendar: Calendar = text.parse().unwrap();
    assert_eq!(
        calendar.events().next().unwrap().get_timestamp(),
        Some(common::start() + Duration::hours(1))
    );
}

#[test]
fn bad_input_names_the_field() {
    let f = fixture();
    let err =
        f.t.store
            .export_calendar(" ", window(), Language::Zh)
            .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "owner" && v.rule == Rule::Required),
        "{err:?}"
    );
    let backwards = DateWindow {
        from: date(2026, 12, 2),
        to: date(2026, 12, 1),
    };
    let err =
        f.t.store
            .export_calendar("c01", backwards, Language::Zh)
            .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "to" && v.rule == Rule::TooEarly),
        "{err:?}"
    );
    // Nobody's calendar is an empty calendar, still a valid file.
    let text =
        f.t.store
            .export_calendar("c99", window(), Language::Zh)
            .unwrap()
            .ics;
    assert!(events(&text).is_empty());
    assert!(text.starts_with("BEGIN:VCALENDAR"));
    let counted =
        f.t.store
            .export_calendar("c01", window(), Language::Zh)
            .unwrap();
    assert_eq!(counted.events as usize, events(&counted.ics).len());
}

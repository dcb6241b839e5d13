//! `crm report ...` on a small book written through the library: JSON records, CSV, tables,
//! and bad periods refused with the field named.

mod common;

use common::*;
use crm_core::{
    ContactInput, ContactKind, Fen, FollowUpKind, FollowUpMethod, LostReason, LostRequest,
    NewCustomer, NewDelivery, NewFollowUp, NewOrder, OrderedVehicle, SourceChannel, Stage,
};
use crm_store::Store;
use std::path::Path;

fn customer(name: &str, mobile: &str, source: SourceChannel, owner: &str) -> NewCustomer {
    let mut new = NewCustomer::new(name, ContactInput::new(ContactKind::Mobile, mobile), source);
    new.owner = Some(owner.to_owned());
    new
}

/// A walk-in of c001's moved straight to visited who buys (200,000 less 5,000 yuan) without a
/// test drive, and a hotline lead of c002's, called at once and lost to 比亚迪 on price, both
/// entered today.
fn book(db: &Path) {
    let store = Store::open(db).unwrap();
    let today = store
        .settings()
        .unwrap()
        .zone
        .local_date(chrono::Utc::now());
    let buyer = store
        .create_customer(&customer(
            "张三",
            "13800000001",
            SourceChannel::ShowroomWalkIn,
            "c001",
        ))
        .unwrap()
        .id;
    store
        .advance_stage(&buyer, Stage::Visited, Some("c001"))
        .unwrap();
    let order = NewOrder {
        customer_id: buyer.clone(),
        intent_id: None,
        vehicle: OrderedVehicle {
            brand: Some("大众".into()),
            series: Some("途观L".into()),
            model: "2025款 330TSI".into(),
            trim: None,
            colour: None,
            catalogue_model: None,
        },
        vin: None,
        price: Fen(20_000_000),
        discount: Fen(500_000),
        deposit: Fen(500_000),
        order_date: today,
        expected_delivery: None,
        finance: false,
        insurance: false,
        consultant: Some("c001".into()),
    };
    let placed = store.place_order(&order, Some("c001")).unwrap();
    let delivery = NewDelivery {
        date: today,
        vin: Some("WVWZZZ1KZ00000001".into()),
        odometer_km: 5,
    };
    store
        .deliver_order(&placed.id, placed.version, &delivery, Some("c001"))
        .unwrap();
    let lost = store
        .create_customer(&customer(
            "李四",
            "13800000002",
            SourceChannel::PhoneHotline,
            "c002",
        ))
        .unwrap()
        .id;
    let call = NewFollowUp::new(
        lost.clone(),
        FollowUpMethod::Phone,
        FollowUpKind::FirstContact,
        chrono::Utc::now(),
        "问了预算",
    );
    store.log_follow_up(&lost, &call, None).unwrap();
    let request = LostRequest {
        reason: LostReason::Price,
        competitor: Some("比亚迪".into()),
        note: None,
    };
    store.request_lost(&lost, &request, Some("c002")).unwrap();
    store.approve_request(&lost, "m001").unwrap();
}

#[test]
fn reports_print_records_csv_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.sqlite3");
    book(&db);
    let json = |args: &[&str]| json_of(dir.path(), &db, args);

    let funnel = json(&["report", "funnel"]);
    assert_eq!(funnel["cohort"], 2);
    assert_eq!(funnel["lost"], 1);
    assert_eq!(funnel["rows"][0]["stage"], "new_lead");
    assert_eq!(funnel["rows"][7]["stage"], "delivered");
    assert_eq!(funnel["rows"][7]["customers"], 1);
    assert_eq!(funnel["rows"][1]["conversion_bp"], 10_000);
    assert_eq!(funnel["rows"][3]["conversion_bp"], 10_000);
    // The walk-in got past contacted, invited, test-driven and negotiating without them
    // happening; the hotline lead was contacted.
    let split = |i: usize| {
        let r = &funnel["rows"][i];
        (
            r["customers"].clone(),
            r["reached"].clone(),
            r["skipped"].clone(),
        )
    };
    assert_eq!(split(1), (2.into(), 1.into(), 1.into()));
    assert_eq!(split(2), (1.into(), 0.into(), 1.into()));
    assert_eq!(split(4), (1.into(), 0.into(), 1.into()));
    assert_eq!(split(6), (1.into(), 1.into(), 0.into()));
    let out = run_crm(dir.path(), &db, &["report", "funnel", "--csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "stage,customers,reached,skipped,conversion_pct,median_days"
    );
    assert!(lines[5].starts_with("test_driven,1,0,1,100.00,"), "{csv}");

    let out = run_crm(dir.path(), &db, &["report", "channels", "--csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "channel,leads,visits,test_drives,orders,deliveries,conversion_pct,\
         median_days_to_close,revenue_yuan"
    );
    assert!(
        lines[1].starts_with("showroom_walk_in,1,1,0,1,1,100.00,0.0,195000.00"),
        "{csv}"
    );
    assert!(
        lines.contains(&"phone_hotline,1,0,0,0,0,0.00,,0.00"),
        "{csv}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("total,2,1,0,1,1,50.00,0.0,195000.00"),
        "{csv}"
    );

    let out = run_crm(dir.path(), &db, &["--lang", "en", "report", "lost"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("比亚迪"), "{text}");
    assert!(text.contains("lost 1, 1 to a named competitor"), "{text}");

    let rows = json(&["report", "consultants", "--owner", "c001"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["consultant"], "c001");
    assert_eq!(rows[0]["new_leads"], 1);
    assert_eq!(rows[0]["deliveries"], 1);
    assert_eq!(rows[0]["revenue_fen"], 19_500_000);
    // c002 called their lead at once: answered within the deadline.
    let rows = json(&["report", "consultants", "--owner", "c002"]);
    assert_eq!(rows[0]["first_responses_due"], 1);
    assert_eq!(rows[0]["first_responses_in_time"], 1);
    assert_eq!(rows[0]["first_response_in_time_bp"], 10_000);
    let out = run_crm(
        dir.path(),
        &db,
        &["report", "consultants", "--owner", "c002", "--csv"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "consultant,new_leads,uncontacted,follow_ups,median_first_response_min,responses_due,\
         in_time,in_time_pct,orders,deliveries,revenue_yuan"
    );
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(
        (cells[0], cells[1], cells[5], cells[6], cells[7]),
        ("c002", "1", "1", "1", "100.00"),
        "{csv}"
    );

    let intents = json(&["report", "intents"]);
    assert_eq!(intents["open_customers"], 0);

    // A period before anyone came is empty, not an error.
    let old = json(&[
        "report",
        "funnel",
        "--from",
        "2020-01-01",
        "--to",
        "2020-12-31",
    ]);
    assert_eq!(old["cohort"], 0);
}

#[test]
fn bad_periods_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.sqlite3");
    book(&db);
    let out = run_crm(
        dir.path(),
        &db,
        &["report", "funnel", "--from", "2026-13-01"],
    );
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).contains("from"));
    let out = run_crm(
        dir.path(),
        &db,
        &[
            "report",
            "channels",
            "--from",
            "2026-11-27",
            "--to",
            "2026-11-01",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).contains("to"));
}

#[test]
fn reports_take_the_filter_options_of_customer_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.sqlite3");
    book(&db);
    let json = |args: &[&str]| json_of(dir.path(), &db, args);

    // Only the lost hotline lead.
    let funnel = json(&["report", "funnel", "--stage", "lost"]);
    assert_eq!(funnel["cohort"], 1);
    assert_eq!(funnel["lost"], 1);
    assert_eq!(funnel["rows"][7]["customers"], 0);

    // Only the walk-in who bought: one lead, one delivery, all the revenue.
    let channels = json(&["report", "channels", "--channel", "walk-in"]);
    assert_eq!(channels["total"]["leads"], 1);
    assert_eq!(channels["total"]["deliveries"], 1);
    assert_eq!(channels["total"]["conversion_bp"], 10_000);
    assert_eq!(channels["total"]["revenue_fen"], 19_500_000);

    assert_eq!(
        json(&["report", "lost", "--channel", "hotline"])["total"],
        1
    );
    assert_eq!(
        json(&["report", "lost", "--channel", "walk-in"])["total"],
        0
    );

    // Several owners narrow the customers (no single consultant): the walk-in's owner only.
    let rows = json(&[
        "report",
        "consultants",
        "--owner",
        "c001",
        "--owner",
        "c002",
        "--stage",
        "delivered",
    ]);
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    assert_eq!(rows[0]["consultant"], "c001");
    assert_eq!(rows[0]["revenue_fen"], 19_500_000);

    // One owner stays the report's consultant, with the other options as the filter.
    let mine = json(&[
        "report",
        "funnel",
        "--owner",
        "c002",
        "--channel",
        "walk-in",
    ]);
    assert_eq!(mine["cohort"], 0);

    let out = run_crm(
        dir.path(),
        &db,
        &["--lang", "en", "report", "funnel", "--tag", "VIP"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("filtered customers"), "{text}");

    let out = run_crm(dir.path(), &db, &["report", "intents", "--level", "Z"]);
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).contains("--level"), "{}", stderr(&out));
}

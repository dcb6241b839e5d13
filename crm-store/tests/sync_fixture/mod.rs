//! Books for the sync tests: customers with a record in every synced table, written
//! through the store's own operations. A test file that uses it declares `mod common;` too.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use crm_core::sync::{Checkpoint, Download, ServerRow};
use crm_core::{
    Attachment, ConsentChange, ConsentChannel, ConsentSource, ConsentState, ContactInput,
    ContactKind, CustomerId, FollowUpKind, FollowUpMethod, IntentLevel, NewCustomer, NewDelivery,
    NewFollowUp, NewPlan, NewVehicleIntent, NewVisit, OdometerReading, OdometerSource, PlanTime,
    SourceChannel, Stage, VisitKind,
};
use crm_store::Store;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A customer named `name` with phone `phone` (and a WeChat ID `wx<phone>`), owned by
/// `owner`, with tags, consent, a follow-up with an attachment, a pending plan, an intent,
/// a visit, a delivered order (so a car) with an odometer reading and insurance dates,
/// pipeline moves, an intent level change, and a merged duplicate (`dup_phone`). Every
/// operation is stamped by the store's clock, which the caller has set.
pub fn rich_customer(
    store: &Store,
    name: &str,
    phone: &str,
    dup_phone: &str,
    owner: &str,
) -> CustomerId {
    let mut new = NewCustomer::new(
        name,
        ContactInput::new(ContactKind::Mobile, phone),
        SourceChannel::ShowroomWalkIn,
    );
    new.contacts
        .push(ContactInput::new(ContactKind::Wechat, format!("wx{phone}")));
    new.tags = vec!["SUV".into(), "二胎".into()];
    new.owner = Some(owner.into());
    new.notes = Some(format!("{name}想要白色"));
    let c = store.create_customer(&new).unwrap();
    let id = c.id.clone();
    store
        .set_consent(
            &id,
            &ConsentChange {
                channel: ConsentChannel::Sms,
                state: ConsentState::Granted,
                source: ConsentSource::InPerson,
                note: None,
            },
        )
        .unwrap();
    let now = crm_core::Clock::now(store.clock());
    let mut follow_up = NewFollowUp::new(
        id.clone(),
        FollowUpMethod::Phone,
        FollowUpKind::NeedsDiscovery,
        now - Duration::hours(2),
        format!("{name}问了途观L的价格"),
    );
    follow_up.attachments.push(Attachment {
        file_name: "报价单.pdf".into(),
        media_type: "application/pdf".into(),
        size_bytes: 1200,
        sha256: "a".repeat(64),
        uri: "content://media/1".into(),
    });
    let plan = NewPlan {
        customer_id: id.clone(),
        time: PlanTime::OnDate(now.date_naive() + Duration::days(3)),
        method: FollowUpMethod::Wechat,
        purpose: "约试驾".into(),
        content: None,
    };
    store.log_follow_up(&id, &follow_up, Some(&plan)).unwrap();
    let intent = store
        .add_intent(
            &NewVehicleIntent {
                brand: Some("大众".into()),
                series: Some("途观L".into()),
                ..NewVehicleIntent::new(id.clone())
            },
            Some(owner),
        )
        .unwrap();
    store
        .schedule_visit(
            &NewVisit {
                customer_id: id.clone(),
                kind: VisitKind::TestDrive,
                model: Some("途观L".into()),
                catalogue_model: None,
                scheduled_at: now + Duration::days(1),
                consultant: Some(owner.into()),
                notes: None,
            },
            Some(owner),
        )
        .unwrap();
    store
        .advance_stage(&id, Stage::Contacted, Some(owner))
        .unwrap();
    let version = store.get_customer(&id).unwrap().version;
    store
        .set_intent_level(&id, version, IntentLevel::H, Some(owner))
        .unwrap();
    let mut order = crm_core::NewOrder {
        intent_id: Some(intent.id.clone()),
        ..crate::common::sample_order(&id, now.date_naive())
    };
    order.consultant = Some(owner.into());
    let order = store.place_order(&order, Some(owner)).unwrap();
    store
        .deliver_order(
            &order.id,
            order.version,
            &NewDelivery {
                date: now.date_naive(),
                vin: Some(vin(phone)),
                odometer_km: 5,
            },
            Some(owner),
        )
        .unwrap();
    let car = store.cars_of(&id).unwrap().remove(0);
    store
        .record_odometer(
            &car.id,
            OdometerReading {
                on: now.date_naive(),
                km: 20,
            },
            OdometerSource::Customer,
        )
        .unwrap();
    store
        .set_insurance_ends(&car.id, &[date(2027, 11, 20)])
        .unwrap();
    let dup = store
        .create_customer(&NewCustomer::new(
            name,
            ContactInput::new(ContactKind::Mobile, dup_phone),
            SourceChannel::PhoneHotline,
        ))
        .unwrap();
    let keep = store.get_customer(&id).unwrap();
    store
        .merge_customers(&id, keep.version, &dup.id, dup.version)
        .unwrap();
    id
}

/// A well-formed VIN made from the last six digits of `phone`.
pub fn vin(phone: &str) -> String {
    let mut vin = format!("LSVAU2A30N2{}", &phone[phone.len() - 6..]);
    let digit = crm_core::vin_check_digit(&vin).unwrap();
    vin.replace_range(8..9, &digit.to_string());
    vin
}

/// A download of `rows` standing at `checkpoint`.
pub fn download(rows: Vec<ServerRow>, checkpoint: u64) -> Download {
    Download {
        rows,
        evicted: vec![],
        checkpoint: Checkpoint(checkpoint),
        has_more: false,
        notices: vec![],
    }
}

/// Every table of the book at `path`.
pub fn all_tables(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Every row of every table of the book at `path`, as text.
pub fn whole_dump(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = String::new();
    for table in all_tables(path) {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |row| {
                Ok((0..n)
                    .map(|i| cell(row.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join(" | "))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        for r in rows {
            out.push_str(&format!("{table}: {r}\n"));
        }
    }
    out
}

/// What the device derives for its customers and plans, keyed by id (no local keys).
pub fn derived(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = String::new();
    for sql in [
        "SELECT id, name_sort, list_contact_kind, list_contact_value, list_contact_key, \
         list_contact_label, list_tags, last_contact_at, first_contacted_at, has_pending_plan, \
         next_plan_due_ms, recorded_contacted, recorded_invited, recorded_visited, \
         recorded_test_driven, recorded_negotiating, recorded_ordered, recorded_delivered \
         FROM customers ORDER BY id",
        "SELECT id, owner, due_start_ms, fire_at_ms FROM plans ORDER BY id",
        "SELECT customer_id, position, key FROM contacts ORDER BY 1, 2",
        "SELECT customer_id, position, tag_key FROM customer_tags ORDER BY 1, 2",
        "SELECT c.id, t.field, t.term, t.anchored, t.recency, t.archived FROM search_terms t \
         JOIN customers c USING (seq) ORDER BY 1, 2, 3, 4",
        "SELECT customer_id, seq, uid FROM stage_moves ORDER BY 1, 2",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n).map(|i| cell(row.get_ref(i).unwrap())).collect();
            out.push_str(&cells.join(" | "));
            out.push('\n');
        }
    }
    out
}

/// A stored value as readable text.
fn cell(v: rusqlite::types::ValueRef<'_>) -> String {
    match v {
        rusqlite::types::ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        other => format!("{other:?}"),
    }
}

/// The lines of `a` and `b` that differ, for assertion messages.
pub fn diff(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let only_a: Vec<&&str> = la.iter().filter(|l| !lb.contains(l)).collect();
    let only_b: Vec<&&str> = lb.iter().filter(|l| !la.contains(l)).collect();
    format!("only left: {only_a:#?}\nonly right: {only_b:#?}")
}

//! Every write through the store queues its changes in the upload queue, in its own
//! transaction: the main writes of a salesperson's day, each checked for the changes it
//! queues; a refused write queues nothing.

mod common;

use chrono::Duration;
use common::{customer, dump, sample_order, test_store, TestStore};
use crm_core::sync::{Change, ChangeOp, SyncEntity};
use crm_core::{
    ConsentChange, ConsentChannel, ConsentSource, ConsentState, ContactInput, ContactKind,
    CustomerPatch, FollowUpKind, FollowUpMethod, IntentLevel, NewDelivery, NewFollowUp, NewPlan,
    NewVehicleIntent, OdometerReading, OdometerSource, PlanPatch, PlanTime, Stage, VisitKind,
};
use crm_store::{StoreError, MAX_PAGE_SIZE};

/// The changes queued since the last call (the queue is read, not emptied).
struct Queue {
    seen: u64,
}

impl Queue {
    fn new() -> Self {
        Queue { seen: 0 }
    }

    fn since(&mut self, t: &TestStore) -> Vec<Change> {
        let all = t.store.pending_upload(MAX_PAGE_SIZE).unwrap().changes;
        let new: Vec<Change> = all.into_iter().filter(|c| c.op_id > self.seen).collect();
        if let Some(last) = new.last() {
            self.seen = last.op_id;
        }
        new
    }
}

/// The one change of `entity` among `changes`.
fn one(changes: &[Change], entity: SyncEntity) -> &Change {
    let of: Vec<&Change> = changes.iter().filter(|c| c.entity == entity).collect();
    assert_eq!(of.len(), 1, "one {entity:?} change in {changes:#?}");
    of[0]
}

fn has(changes: &[Change], entity: SyncEntity, op: ChangeOp, id: &str) -> bool {
    changes
        .iter()
        .any(|c| c.entity == entity && c.op == op && c.id == id)
}

/// The codes of the timeline entries queued, each a put named by its uid.
fn timeline_codes(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .filter(|c| c.entity == SyncEntity::Timeline)
        .map(|c| {
            assert_eq!(
                (c.op, c.fields["uid"].as_str()),
                (ChangeOp::Put, Some(c.id.as_str()))
            );
            assert_eq!(c.id.len(), 32);
            c.fields["code"].as_str().unwrap().to_string()
        })
        .collect()
}

/// A valid Chinese VIN.
fn vin() -> String {
    let mut vin = "LSVAU2A30N2000001".to_string();
    let digit = crm_core::vin_check_digit(&vin).unwrap();
    vin.replace_range(8..9, &digit.to_string());
    vin
}

fn items(change: &Change) -> Vec<serde_json::Value> {
    change.fields["items"]
        .as_array()
        .expect("a list's items")
        .clone()
}

#[test]
fn each_write_queues_what_it_changed() {
    let t = test_store();
    let mut q = Queue::new();

    // Create: the customer whole, their contacts, the timeline's entry.
    let mut new = customer("王芳", "13800138000");
    new.tags = vec!["VIP".into()];
    let c = t.store.create_customer(&new).unwrap();
    let id = c.id.as_str().to_string();
    let changes = q.since(&t);
    let created = one(&changes, SyncEntity::Customers);
    assert_eq!(
        (created.op, created.id.as_str()),
        (ChangeOp::Put, id.as_str())
    );
    assert_eq!(created.fields["name"], "王芳");
    assert_eq!(created.fields["id"], id.as_str());
    assert_eq!(created.base_version, None);
    assert!(!created.fields.contains_key("name_sort"), "derived");
    let contacts = one(&changes, SyncEntity::Contacts);
    assert_eq!(items(contacts)[0]["value"], "13800138000");
    assert_eq!(
        items(one(&changes, SyncEntity::CustomerTags))[0]["tag"],
        "VIP"
    );
    assert!(!timeline_codes(&changes).is_empty());

    // Update: only what changed, on the version it was based on.
    t.clock.advance(Duration::minutes(5));
    let patch = CustomerPatch {
        notes: Some(Some("想要白色".into())),
        ..Default::default()
    };
    let c = t.store.update_customer(&c.id, 1, &patch).unwrap();
    let changes = q.since(&t);
    let edit = one(&changes, SyncEntity::Customers);
    let mut keys: Vec<&str> = edit.fields.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["notes", "updated_at", "version"]);
    assert_eq!(edit.fields["notes"], "想要白色");
    assert_eq!(edit.base_version, Some(1));

    // Contacts replaced and tags: each list once, whole, after the write.
    let patch = CustomerPatch {
        contacts: Some(vec![
            ContactInput::new(ContactKind::Mobile, "13900139000").primary(),
            ContactInput::new(ContactKind::Wechat, "wangfang88"),
        ]),
        tags: Some(vec!["二手车置换".into(), "VIP".into()]),
        ..Default::default()
    };
    let c = t.store.update_customer(&c.id, c.version, &patch).unwrap();
    let changes = q.since(&t);
    let values: Vec<_> = items(one(&changes, SyncEntity::Contacts))
        .iter()
        .map(|i| i["value"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(values, ["13900139000", "wangfang88"]);
    let tags: Vec<_> = items(one(&changes, SyncEntity::CustomerTags))
        .iter()
        .map(|i| i["tag"].clone())
        .collect();
    assert_eq!(tags, ["二手车置换", "VIP"]);
    let queued_lists = t
        .store
        .pending_upload(MAX_PAGE_SIZE)
        .unwrap()
        .changes
        .iter()
        .filter(|c| c.entity == SyncEntity::Contacts)
        .count();
    assert_eq!(
        queued_lists, 1,
        "a list's newer state replaces its queued one"
    );

    // A follow-up with the next plan.
    let now = t.clock.now_for_tests();
    let follow_up = NewFollowUp::new(
        c.id.clone(),
        FollowUpMethod::Phone,
        FollowUpKind::Other,
        now - Duration::hours(1),
        "回访，约周末到店",
    );
    let plan = NewPlan {
        customer_id: c.id.clone(),
        time: PlanTime::At(now + Duration::days(2)),
        method: FollowUpMethod::Wechat,
        purpose: "邀约到店".into(),
        content: None,
    };
    let logged = t
        .store
        .log_follow_up(&c.id, &follow_up, Some(&plan))
        .unwrap();
    let changes = q.since(&t);
    let f = one(&changes, SyncEntity::FollowUps);
    assert_eq!(f.fields["content"], "回访，约周末到店");
    assert_eq!(f.fields["customer_id"], id.as_str());
    let p = one(&changes, SyncEntity::Plans);
    assert_eq!(p.fields["purpose"], "邀约到店");
    assert!(!p.fields.contains_key("fire_at_ms") && !p.fields.contains_key("owner"));
    assert_eq!(timeline_codes(&changes), ["follow_up_logged", "plan_set"]);
    let _ = logged;

    // A plan edited.
    let open = t.store.open_plan(&c.id).unwrap().unwrap();
    let patch = PlanPatch {
        purpose: Some("试驾邀约".into()),
        ..Default::default()
    };
    t.store.update_plan(&open.id, open.version, &patch).unwrap();
    let changes = q.since(&t);
    let edit = one(&changes, SyncEntity::Plans);
    assert_eq!(edit.id, open.id.as_str());
    assert_eq!(edit.fields["purpose"], "试驾邀约");
    assert_eq!(edit.base_version, Some(open.version));

    // An intent, a visit.
    let intent = t
        .store
        .add_intent(
            &NewVehicleIntent {
                brand: Some("大众".into()),
                series: Some("途观L".into()),
                ..NewVehicleIntent::new(c.id.clone())
            },
            None,
        )
        .unwrap();
    let changes = q.since(&t);
    assert_eq!(
        one(&changes, SyncEntity::VehicleIntents).id,
        intent.id.as_str()
    );
    let visit = t
        .store
        .schedule_visit(
            &crm_core::NewVisit {
                customer_id: c.id.clone(),
                kind: VisitKind::TestDrive,
                model: Some("途观L 330TSI".into()),
                catalogue_model: None,
                scheduled_at: now + Duration::days(1),
                consultant: Some("c001".into()),
                notes: None,
            },
            None,
        )
        .unwrap();
    let changes = q.since(&t);
    assert_eq!(one(&changes, SyncEntity::Visits).id, visit.id.as_str());

    // A stage move, an intent level change: append-only records with their uid.
    let version = t.store.get_customer(&c.id).unwrap().version;
    t.store
        .set_intent_level(&c.id, version, IntentLevel::H, None)
        .unwrap();
    let changes = q.since(&t);
    let level = one(&changes, SyncEntity::IntentLevelChanges);
    assert_eq!(level.fields["to_level"], "h");
    assert_eq!(level.fields["uid"], level.id.as_str());
    assert_eq!(
        one(&changes, SyncEntity::Customers).fields["intent_level"],
        "h"
    );
    t.store
        .advance_stage(&c.id, Stage::Contacted, None)
        .unwrap();
    let changes = q.since(&t);
    let mv = one(&changes, SyncEntity::StageMoves);
    assert_eq!(mv.fields["uid"], mv.id.as_str());
    assert_eq!(mv.id.len(), 32);
    assert_eq!(
        one(&changes, SyncEntity::Customers).fields["pipeline_stage"],
        "contacted"
    );

    // An order delivered: the order, its delivery, the car.
    let today = t.store.settings().unwrap().zone.local_date(now);
    let order = t
        .store
        .place_order(&sample_order(&c.id, today), None)
        .unwrap();
    let changes = q.since(&t);
    assert_eq!(one(&changes, SyncEntity::Orders).op, ChangeOp::Put);
    let delivery = NewDelivery {
        date: today,
        vin: Some(vin()),
        odometer_km: 5,
    };
    t.store
        .deliver_order(&order.id, order.version, &delivery, None)
        .unwrap();
    let changes = q.since(&t);
    let delivered = one(&changes, SyncEntity::Orders);
    assert_eq!(delivered.base_version, Some(order.version));
    assert!(delivered.fields.contains_key("delivered_at"));
    let car = one(&changes, SyncEntity::Cars);
    assert_eq!(car.fields["order_id"], order.id.as_str());

    // An odometer reading; a consent.
    let car_id = crm_core::CarId(car.id.clone());
    t.store
        .record_odometer(
            &car_id,
            OdometerReading { on: today, km: 900 },
            OdometerSource::Customer,
        )
        .unwrap();
    let changes = q.since(&t);
    let reading = one(&changes, SyncEntity::OdometerReadings);
    assert_eq!(
        (
            reading.fields["km"].as_i64(),
            reading.fields["car_id"].as_str()
        ),
        (Some(900), Some(car.id.as_str()))
    );
    t.store
        .set_consent(
            &c.id,
            &ConsentChange {
                channel: ConsentChannel::Sms,
                state: ConsentState::Granted,
                source: ConsentSource::InPerson,
                note: None,
            },
        )
        .unwrap();
    let changes = q.since(&t);
    assert_eq!(
        items(one(&changes, SyncEntity::Consents))[0]["state"],
        "granted"
    );

    // A merge: the record, the absorbed customer's rows moved, the absorbed customer gone.
    let other = t
        .store
        .create_customer(&customer("王芳芳", "13700137000"))
        .unwrap();
    let follow_up = NewFollowUp::new(
        other.id.clone(),
        FollowUpMethod::Phone,
        FollowUpKind::Other,
        now - Duration::hours(3),
        "电话",
    );
    let moved = t.store.log_follow_up(&other.id, &follow_up, None).unwrap();
    q.since(&t);
    let keep_version = t.store.get_customer(&c.id).unwrap().version;
    let other_version = t.store.get_customer(&other.id).unwrap().version;
    t.store
        .merge_customers(&c.id, keep_version, &other.id, other_version)
        .unwrap();
    let changes = q.since(&t);
    let merge = one(&changes, SyncEntity::CustomerMerges);
    assert_eq!(merge.id, other.id.as_str());
    assert_eq!(merge.fields["kept_id"], id.as_str());
    assert!(has(
        &changes,
        SyncEntity::Customers,
        ChangeOp::Delete,
        other.id.as_str()
    ));
    let f = changes
        .iter()
        .find(|ch| ch.entity == SyncEntity::FollowUps && ch.id == moved.0.id.as_str())
        .expect("the absorbed customer's follow-up moved");
    assert_eq!(f.fields["customer_id"], id.as_str());

    // Delete: the customer's delete stands for their rows.
    t.store.delete_customer(&c.id).unwrap();
    let changes = q.since(&t);
    assert!(has(&changes, SyncEntity::Customers, ChangeOp::Delete, &id));
    assert!(
        changes.iter().all(|ch| ch.entity == SyncEntity::Customers),
        "no child deletes: {changes:#?}"
    );
}

#[test]
fn a_refused_write_queues_nothing() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("李雷", "13800000001"))
        .unwrap();
    let before = dump(&t.path, &["sync_outbox"]);
    let count = t.store.pending_count().unwrap();
    let bad_phone = CustomerPatch {
        contacts: Some(vec![ContactInput::new(ContactKind::Mobile, "12")]),
        name: Some("李雷雷".into()),
        ..Default::default()
    };
    assert!(matches!(
        t.store.update_customer(&c.id, 1, &bad_phone),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        t.store.create_customer(&customer("", "13800000002")),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        t.store.update_customer(&c.id, 7, &CustomerPatch::default()),
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(t.store.pending_count().unwrap(), count);
    assert_eq!(dump(&t.path, &["sync_outbox"]), before);
}

use common::NowForTests;

#[test]
fn a_book_upgraded_to_sync_queues_what_it_already_holds() {
    let t = test_store();
    let mut new = customer("赵敏", "13800000003");
    new.tags = vec!["VIP".into()];
    let c = t.store.create_customer(&new).unwrap();
    let path = t.path.clone();
    drop(t.store);
    // Back to schema 12, the last without sync, then opened again: upgraded.
    let conn = rusqlite::Connection::open(&path).unwrap();
    common::downgrade_to(&conn, include_str!("schemas/v12.sql"), 12);
    drop(conn);
    let store = common::test_store_at(&path);
    let changes = store.pending_upload(MAX_PAGE_SIZE).unwrap().changes;
    let customer = one(&changes, SyncEntity::Customers);
    assert_eq!(
        (customer.op, customer.id.as_str()),
        (ChangeOp::Put, c.id.as_str())
    );
    assert_eq!(customer.fields["name"], "赵敏");
    assert_eq!(customer.fields["version"], 1);
    assert_eq!(
        items(one(&changes, SyncEntity::Contacts))[0]["value"],
        "13800000003"
    );
    assert_eq!(
        items(one(&changes, SyncEntity::CustomerTags))[0]["tag"],
        "VIP"
    );
    let entries = timeline_codes(&changes);
    assert!(!entries.is_empty(), "the timeline, each entry with its uid");
    assert_eq!(changes[0].entity, SyncEntity::Customers, "parents first");
}

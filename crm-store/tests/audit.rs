//! Who did what: the author and device of timeline entries, old → new values, traces of
//! deletions, the deletions log outliving the customer, blanking a timeline's values.

mod common;

use chrono::NaiveDate;
use common::{customer, test_store, TestStore};
use crm_core::audit::{DeletedEntity, DeletionKind};
use crm_core::sync::UserRole;
use crm_core::{
    CustomerId, CustomerPatch, FieldChange, FieldValue, NewCar, NewVehicleIntent, OdometerReading,
    OdometerSource, TimelineEntry, TimelineRecord, MAX_CHANGE_VALUE_CHARS,
};
use crm_store::StoreError;

fn new_customer(t: &TestStore, name: &str, mobile: &str) -> CustomerId {
    t.store.create_customer(&customer(name, mobile)).unwrap().id
}

/// The customer's whole timeline, newest first.
fn timeline(t: &TestStore, id: &CustomerId) -> Vec<TimelineRecord> {
    t.store.timeline(id, 500, None).unwrap().records
}

fn text(s: &str) -> Option<FieldValue> {
    Some(FieldValue::Text(s.into()))
}

#[test]
fn a_customer_edit_records_each_field_old_to_new_with_the_device() {
    let t = test_store();
    let device = t.store.device_id().unwrap();
    let id = new_customer(&t, "王芳", "13800138000");
    let patch = CustomerPatch {
        name: Some("王芳芳".into()),
        notes: Some(Some("想要白色".into())),
        ..Default::default()
    };
    t.store.update_customer(&id, 1, &patch).unwrap();
    let records = timeline(&t, &id);
    let newest = &records[0];
    assert_eq!(
        newest.entry,
        TimelineEntry::CustomerChanged {
            changes: vec![
                FieldChange {
                    field: "name".into(),
                    old: text("王芳"),
                    new: text("王芳芳"),
                },
                FieldChange {
                    field: "notes".into(),
                    old: None,
                    new: text("想要白色"),
                },
            ]
        }
    );
    assert_eq!(newest.device.as_deref(), Some(device.as_str()));
    assert_eq!(
        newest.author, None,
        "a book that never synced, no actor: nobody"
    );
    assert!(records.iter().all(|r| r.device.as_deref() == Some(&device)));
}

#[test]
fn the_author_is_the_sync_user_else_the_actor() {
    let t = test_store();
    let id = new_customer(&t, "李雷", "13900139000");
    let mut intent = NewVehicleIntent::new(id.clone());
    intent.brand = Some("大众".into());
    let first = t.store.add_intent(&intent, Some("c07")).unwrap();
    assert_eq!(timeline(&t, &id)[0].author.as_deref(), Some("c07"));
    assert_eq!(timeline(&t, &id)[0].actor.as_deref(), Some("c07"));

    t.store
        .set_sync_user("u-c01", "张伟", UserRole::Consultant, Some("t1"))
        .unwrap();
    // On a synced book a consultant acts in their own name only (the team rules).
    assert!(matches!(
        t.store.remove_intent(&first.id, first.version, Some("c07")),
        Err(StoreError::Forbidden(_))
    ));
    t.store
        .remove_intent(&first.id, first.version, None)
        .unwrap();
    let newest = &timeline(&t, &id)[0];
    assert_eq!(
        newest.entry,
        TimelineEntry::VehicleIntentRemoved {
            intent_id: first.id.clone()
        }
    );
    assert_eq!(
        (newest.author.as_deref(), newest.actor.as_deref()),
        (Some("u-c01"), Some("u-c01")),
        "the book's user, as author and actor"
    );
    t.store
        .archive_customer(&id, t.store.get_customer(&id).unwrap().version)
        .unwrap();
    assert_eq!(timeline(&t, &id)[0].author.as_deref(), Some("u-c01"));
}

#[test]
fn long_values_are_cut_in_the_timeline() {
    let t = test_store();
    let id = new_customer(&t, "韩梅梅", "13700137000");
    let long = "很".repeat(MAX_CHANGE_VALUE_CHARS + 50);
    let patch = CustomerPatch {
        notes: Some(Some(long)),
        ..Default::default()
    };
    t.store.update_customer(&id, 1, &patch).unwrap();
    let TimelineEntry::CustomerChanged { changes } = &timeline(&t, &id)[0].entry else {
        panic!("a customer change")
    };
    let Some(FieldValue::Text(cut)) = &changes[0].new else {
        panic!("{changes:?}")
    };
    assert_eq!(cut.chars().count(), MAX_CHANGE_VALUE_CHARS);
}

#[test]
fn deleting_an_odometer_reading_leaves_a_trace_without_the_distance() {
    let t = test_store();
    let id = new_customer(&t, "周杰", "13800000301");
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let car = t
        .store
        .record_car(
            &id,
            &NewCar {
                vin: None,
                brand: "大众".into(),
                model: "ID.4".into(),
                delivered_on: day("2026-01-10"),
                delivery_km: 10,
                registered_on: None,
                order_id: None,
            },
        )
        .unwrap();
    let reading = t
        .store
        .record_odometer(
            &car.id,
            OdometerReading {
                on: day("2026-03-01"),
                km: 5_123,
            },
            OdometerSource::Customer,
        )
        .unwrap();
    t.store.delete_odometer(reading.id).unwrap();
    let newest = &timeline(&t, &id)[0];
    assert_eq!(
        newest.entry,
        TimelineEntry::OdometerReadingDeleted {
            car_id: car.id.clone(),
            on_date: day("2026-03-01"),
        }
    );
    assert!(!serde_json::to_string(&newest.entry)
        .unwrap()
        .contains("5123"));
    assert!(matches!(
        t.store.delete_odometer(reading.id),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn deleted_and_merged_customers_stay_in_the_deletions_log_without_personal_data() {
    let t = test_store();
    t.store
        .set_sync_user("u-m01", "刘经理", UserRole::Manager, Some("t1"))
        .unwrap();
    let device = t.store.device_id().unwrap();
    let gone = new_customer(&t, "张三", "13800000001");
    let keep = new_customer(&t, "李四", "13800000002");
    let merged = new_customer(&t, "李四四", "13800000003");
    assert!(t.store.deletions(10, None).unwrap().deletions.is_empty());

    t.store.delete_customer(&gone).unwrap();
    t.clock.advance(chrono::Duration::minutes(1));
    t.store.merge_customers(&keep, 1, &merged, 1).unwrap();

    let page = t.store.deletions(10, None).unwrap();
    assert_eq!(page.next_cursor, None);
    let [newest, oldest] = &page.deletions[..] else {
        panic!("{page:?}")
    };
    assert_eq!(newest.kind, DeletionKind::Merged);
    assert_eq!(newest.id, merged.as_str());
    assert_eq!(newest.merged_into.as_ref(), Some(&keep));
    assert_eq!(oldest.kind, DeletionKind::Deleted);
    assert_eq!(oldest.id, gone.as_str());
    assert_eq!(oldest.merged_into, None);
    for d in &page.deletions {
        assert_eq!(d.entity, DeletedEntity::Customer);
        assert_eq!(d.author.as_deref(), Some("u-m01"));
        assert_eq!(d.device, device);
        let json = serde_json::to_string(d).unwrap();
        for personal in ["张三", "李四四", "1380000000"] {
            assert!(!json.contains(personal), "{json}");
        }
    }
    assert_eq!(oldest.at, common::start());
    assert_eq!(newest.at, common::start() + chrono::Duration::minutes(1));

    // Paged newest first.
    let first = t.store.deletions(1, None).unwrap();
    assert_eq!(first.deletions[0].id, merged.as_str());
    let rest = t.store.deletions(1, first.next_cursor.as_deref()).unwrap();
    assert_eq!(rest.deletions[0].id, gone.as_str());
    assert!(matches!(
        t.store.deletions(1, Some("nonsense")),
        Err(StoreError::InvalidCursor)
    ));

    // A failed delete records nothing.
    assert!(t.store.delete_customer(&gone).is_err());
    assert_eq!(t.store.deletions(10, None).unwrap().deletions.len(), 2);
}

#[test]
fn erasing_timeline_values_blanks_them_and_keeps_who_and_what() {
    let t = test_store();
    let id = new_customer(&t, "王芳", "13800138000");
    let other = new_customer(&t, "赵六", "13600136000");
    let patch = CustomerPatch {
        notes: Some(Some("住在西湖区".into())),
        ..Default::default()
    };
    t.store.update_customer(&id, 1, &patch).unwrap();
    t.store.update_customer(&other, 1, &patch).unwrap();
    let before = timeline(&t, &id);

    assert_eq!(t.store.erase_timeline_values(&id).unwrap(), 1);
    let after = timeline(&t, &id);
    assert_eq!(after.len(), before.len());
    let TimelineEntry::CustomerChanged { changes } = &after[0].entry else {
        panic!("{after:?}")
    };
    assert_eq!(changes[0].field, "notes");
    assert_eq!(changes[0].old, None);
    assert_eq!(changes[0].new, Some(FieldValue::Erased));
    assert_eq!(
        (&after[0].author, &after[0].device, after[0].at),
        (&before[0].author, &before[0].device, before[0].at)
    );
    assert_eq!(after[1], before[1], "customer_created has nothing to blank");
    assert_eq!(
        t.store.erase_timeline_values(&id).unwrap(),
        0,
        "already blank"
    );
    let TimelineEntry::CustomerChanged { changes } = &timeline(&t, &other)[0].entry else {
        panic!()
    };
    assert_eq!(
        changes[0].new,
        text("住在西湖区"),
        "another customer's stay"
    );
    let unknown = t
        .store
        .erase_timeline_values(&"01934d6a-0000-7000-8000-000000000000".into());
    assert!(
        matches!(unknown, Err(StoreError::NotFound { .. })),
        "{unknown:?}"
    );
}

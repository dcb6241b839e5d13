//! Export on request: everything the book holds about one person, as one JSON document,
//! checked against the tables themselves (every row of the customer is in it, and nothing
//! of anyone else).

mod common;
mod sync_fixture;

use chrono::Duration;
use common::{test_store, TestStore};
use crm_core::{CustomerId, DateWindow};
use crm_store::{CareTaskQuery, StoreError, CUSTOMER_EXPORT_FORMAT, CUSTOMER_EXPORT_VERSION};
use rusqlite::Connection;
use serde_json::Value;
use sync_fixture::rich_customer;

/// A book with two rich customers, their care generated; the first one's id.
fn book() -> (TestStore, CustomerId, CustomerId) {
    let t = test_store();
    let wang = rich_customer(&t.store, "王芳", "13800138000", "13800138001", "c01");
    let li = rich_customer(&t.store, "李雷", "13900139000", "13900139001", "c02");
    let delivered = t.store.cars_of(&wang).unwrap()[0].delivered_on;
    let window = DateWindow::new(delivered, delivered + Duration::days(365)).unwrap();
    t.store.generate_care(window).unwrap();
    (t, wang, li)
}

fn rows(conn: &Connection, sql: &str, id: &CustomerId) -> usize {
    conn.query_row(sql, [id.as_str()], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

fn len(doc: &Value, section: &str) -> usize {
    doc[section]
        .as_array()
        .unwrap_or_else(|| panic!("{section} is not a list"))
        .len()
}

#[test]
fn every_row_of_the_customer_is_in_the_export_and_counts_match_the_tables() {
    let (t, wang, _) = book();
    let export = t.store.export_customer(&wang).unwrap();
    let doc = serde_json::to_value(&export).unwrap();
    assert_eq!(doc["format"], CUSTOMER_EXPORT_FORMAT);
    assert_eq!(doc["format_version"], CUSTOMER_EXPORT_VERSION);
    assert_eq!(doc["customer"]["id"], wang.as_str());
    let conn = Connection::open(&t.path).unwrap();
    let by_customer = [
        ("follow_ups", "follow_ups"),
        ("plans", "plans"),
        ("intents", "vehicle_intents"),
        ("intent_levels", "intent_level_changes"),
        ("visits", "visits"),
        ("orders", "orders"),
        ("deals", "deals"),
        ("stage_moves", "stage_moves"),
        ("cars", "cars"),
        ("timeline", "timeline"),
    ];
    for (section, table) in by_customer {
        let stored = rows(
            &conn,
            &format!("SELECT count(*) FROM {table} WHERE customer_id = ?1"),
            &wang,
        );
        assert!(stored > 0, "the fixture has no {table}");
        assert_eq!(len(&doc, section), stored, "{section}");
    }
    let readings = rows(
        &conn,
        "SELECT count(*) FROM odometer_readings
         WHERE car_id IN (SELECT id FROM cars WHERE customer_id = ?1)",
        &wang,
    );
    let exported: usize = export.cars.iter().map(|c| c.odometer.len()).sum();
    assert_eq!((exported, readings > 0), (readings, true));
    let merges = rows(
        &conn,
        "SELECT count(*) FROM customer_merges WHERE kept_id = ?1",
        &wang,
    );
    assert_eq!((len(&doc, "merged"), merges), (1, 1));
    let tasks = t
        .store
        .care_tasks(&CareTaskQuery {
            customer_id: Some(wang.clone()),
            limit: 10_000,
            ..Default::default()
        })
        .unwrap();
    assert!(!tasks.is_empty());
    assert_eq!(len(&doc, "care_tasks"), tasks.len());
    assert!(doc["consent"].is_object());
}

#[test]
fn the_document_holds_the_persons_data_and_nobody_elses() {
    let (t, wang, _) = book();
    let text = serde_json::to_string(&t.store.export_customer(&wang).unwrap()).unwrap();
    for own in [
        "王芳",
        "13800138000",
        "wx13800138000",
        "王芳想要白色",
        "13800138001",
    ] {
        assert!(text.contains(own), "{own} missing");
    }
    for other in ["李雷", "13900139000", "wx13900139000"] {
        assert!(!text.contains(other), "{other} leaked");
    }
}

#[test]
fn the_timeline_comes_oldest_first_and_whole() {
    let (t, wang, _) = book();
    let export = t.store.export_customer(&wang).unwrap();
    let at: Vec<_> = export.timeline.iter().map(|r| r.at).collect();
    let mut sorted = at.clone();
    sorted.sort();
    assert_eq!(at, sorted);
    assert_eq!(export.exported_at, common::start());
}

#[test]
fn an_unknown_customer_is_not_found_and_a_read_only_store_exports_too() {
    let (t, wang, _) = book();
    let missing = CustomerId("0190a0b1-0000-7000-8000-000000000099".into());
    assert!(matches!(
        t.store.export_customer(&missing),
        Err(StoreError::NotFound { .. })
    ));
    let reader = crm_store::Store::open_read_only(&t.path).unwrap();
    let from_reader = serde_json::to_value(reader.export_customer(&wang).unwrap()).unwrap();
    let mut from_writer = serde_json::to_value(t.store.export_customer(&wang).unwrap()).unwrap();
    from_writer["exported_at"] = from_reader["exported_at"].clone();
    assert_eq!(from_reader, from_writer);
}

/// Where each table of the schema is in the export, or why it is not: a table added
/// without being placed here fails the test below.
const PLACES: &[(&str, &str)] = &[
    ("customers", "customer"),
    ("contacts", "customer"),
    ("customer_tags", "customer"),
    (
        "search_terms",
        "not exported: derived from the customer's name, phones and notes",
    ),
    ("follow_ups", "follow_ups"),
    ("follow_up_attachments", "follow_ups"),
    ("plans", "plans"),
    ("timeline", "timeline"),
    ("deals", "deals"),
    ("stage_moves", "stage_moves"),
    ("vehicle_intents", "intents"),
    ("intent_level_changes", "intent_levels"),
    ("visits", "visits"),
    ("orders", "orders"),
    ("cars", "cars"),
    ("insurance_ends", "cars"),
    ("odometer_readings", "cars"),
    (
        "car_services",
        "not exported: a copy of the maintenance care tasks marked done",
    ),
    ("consents", "consent"),
    ("care_schedules", "care_tasks"),
    ("care_task_moves", "care_tasks"),
    ("customer_merges", "merged"),
    (
        "reminder_changes",
        "not exported: reminder ids for the app's alarms, no personal data",
    ),
    (
        "sync_outbox",
        "not exported: changes waiting to upload, copies of the rows above",
    ),
    (
        "sync_accepted",
        "not exported: copies of changes already in the rows above",
    ),
    (
        "sync_rejections",
        "not exported: changes the server refused, no longer in the book",
    ),
    ("saved_views", "not customer data"),
    ("settings", "not customer data"),
    ("templates", "not customer data"),
    ("catalogue_models", "not customer data"),
    ("sync_state", "not customer data"),
    (
        "sqlite_sequence",
        "not customer data: SQLite's own counters",
    ),
    (
        "deletions",
        "not exported: records that left the book, without personal data",
    ),
    (
        "dealership_keys",
        "not exported: salted hashes of the whole dealership's contact keys",
    ),
    (
        "erased_orders",
        "not exported: orders of erased customers, without a link to anyone",
    ),
    (
        "imports",
        "not exported: the book's spreadsheet imports (file names, hashes, counts)",
    ),
    (
        "import_customers",
        "not exported: which import created the customer, a link without personal data",
    ),
];

#[test]
fn every_table_of_the_schema_is_placed() {
    let (t, wang, _) = book();
    let doc = serde_json::to_value(t.store.export_customer(&wang).unwrap()).unwrap();
    let mut tables = sync_fixture::all_tables(&t.path);
    tables.sort();
    let mut placed: Vec<String> = PLACES.iter().map(|(t, _)| t.to_string()).collect();
    placed.sort();
    assert_eq!(
        tables, placed,
        "a table is missing from PLACES, or PLACES names one gone"
    );
    for (table, place) in PLACES {
        if !place.starts_with("not ") {
            assert!(!doc[place].is_null(), "{table}: no section {place}");
        }
    }
}

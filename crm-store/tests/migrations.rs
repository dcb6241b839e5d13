//! Schema versions: upgrades from frozen releases, and refusing newer files.

mod common;

use crm_store::schema::{schema_dump, schema_version, SCHEMA_VERSION};
use crm_store::{Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

use common::RELEASED;

fn fresh_schema(dir: &Path) -> String {
    let path = dir.join("fresh.sqlite3");
    drop(Store::open(&path).unwrap());
    schema_dump(&Connection::open(&path).unwrap()).unwrap()
}

#[test]
fn upgrading_each_released_schema_gives_the_fresh_schema() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = fresh_schema(dir.path());
    for (version, sql) in RELEASED {
        let path = dir.path().join(format!("v{version}.sqlite3"));
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(sql).unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
        conn.execute(
            "INSERT INTO customers (id, name, gender, source_kind, importance, created_at, updated_at, version)
             VALUES ('old', '老客户', 'male', 'showroom_walk_in', 0, 0, 0, 1)",
            [],
        )
        .unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.get_customer(&"old".into()).unwrap().profile.name,
            "老客户"
        );
        if *version < 2 {
            // Rows written before the search index existed are indexed by the upgrade.
            let hits = store
                .search_customers("laokehu", &Default::default())
                .unwrap();
            assert_eq!(hits.len(), 1, "upgrade from v{version}");
        }
        drop(store);
        let conn = Connection::open(&path).unwrap();
        let sort_key: String = conn
            .query_row(
                "SELECT name_sort FROM customers WHERE id = 'old'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        if *version < 4 {
            assert!(
                sort_key.starts_with("lao ke hu"),
                "upgrade from v{version} fills name_sort"
            );
        }
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(
            schema_dump(&conn).unwrap(),
            fresh,
            "upgrade from v{version}"
        );
    }
}

#[test]
fn the_newest_release_is_frozen() {
    let newest = RELEASED.last().map(|(v, _)| *v);
    assert_eq!(
        newest,
        Some(SCHEMA_VERSION),
        "freeze tests/schemas/v{SCHEMA_VERSION}.sql"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite3");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 999, supported } if supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("newer.sqlite3-wal").exists());
}

#[test]
fn reopening_keeps_the_data_and_the_version() {
    let t = common::test_store();
    let c = t
        .store
        .create_customer(&common::customer("再开", "13800001111"))
        .unwrap();
    drop(t.store);
    let store = Store::open(&t.path).unwrap();
    assert_eq!(store.get_customer(&c.id).unwrap(), c);
}

#[test]
fn customers_from_v4_get_level_n_and_can_be_followed_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sqlite3");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(include_str!("schemas/v4.sql")).unwrap();
    conn.pragma_update(None, "user_version", 4).unwrap();
    // Created 2026-11-20 (ms), owned by c001, never contacted.
    conn.execute(
        "INSERT INTO customers (id, name, gender, source_kind, importance, owner, created_at, updated_at, version)
         VALUES ('old', '老客户', 'male', 'showroom_walk_in', 0, 'c001', 1795132800000, 1795132800000, 1)",
        [],
    )
    .unwrap();
    drop(conn);
    let t = common::test_store_at(&path);
    let id = crm_core::CustomerId::from("old");
    let old = t.get_customer(&id).unwrap();
    assert_eq!(old.intent_level, crm_core::IntentLevel::N);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let items = t.agenda(Some("c001"), today).unwrap();
    assert!(
        matches!(items[..], [ref i] if matches!(i.reason, crm_core::AgendaReason::FirstResponse { .. }) && i.overdue),
        "{items:?}"
    );
    let f = crm_core::NewFollowUp::new(
        id.clone(),
        crm_core::FollowUpMethod::Phone,
        crm_core::FollowUpKind::FirstContact,
        common::start(),
        "第一次联系",
    );
    t.log_follow_up(&id, &f, None).unwrap();
    t.set_intent_level(&id, 1, crm_core::IntentLevel::C, None)
        .unwrap();
    assert!(
        t.agenda(Some("c001"), today).unwrap().is_empty(),
        "contacted today, C: not due"
    );
    assert_eq!(t.timeline(&id, 10, None).unwrap().records.len(), 2);
}

#[test]
fn care_tasks_of_schema_8_are_found_by_their_key_after_the_upgrade_to_schedules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.sqlite3");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(RELEASED[7].1).unwrap();
    conn.pragma_update(None, "user_version", 8).unwrap();
    conn.execute(
        "INSERT INTO customers (id, name, gender, source_kind, importance, created_at, updated_at, version)
         VALUES ('old', '老客户', 'male', 'showroom_walk_in', 0, 0, 0, 1)",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO cars (id, customer_id, brand, model, delivered_on, delivery_km, created_at)
         VALUES ('car1', 'old', '大众', 'ID.4', '2025-01-10', 10, 0)",
        [],
    )
    .unwrap();
    for (key, status) in [("birthday:old:2026", "open"), ("referral:car1", "skipped")] {
        conn.execute(
            "INSERT INTO care_tasks (key, customer_id, car_id, owner, kind, due_on, event_on,
                channel, assignee, template_key, needs_consent, detail, fingerprint, status,
                closed_at, skip_reason, agenda_on, generated_at, updated_at)
             VALUES (?1, 'old', NULL, NULL, 'birthday', '2026-03-15', '2026-03-15', 'wechat',
                'consultant', 'care.birthday', 1, '{\"kind\":\"birthday\",\"year\":2026}', 7,
                ?2, CASE ?2 WHEN 'skipped' THEN 0 END, CASE ?2 WHEN 'skipped' THEN '不需要' END,
                '2026-03-15', 0, 0)",
            rusqlite::params![key, status],
        )
        .unwrap();
    }
    drop(conn);
    let store = Store::open(&path).unwrap();
    let open = store.get_care_task(&"birthday:old:2026".into()).unwrap();
    assert_eq!(open.task.template_key, "care.birthday");
    assert_eq!(
        open.task.due_on.to_string(),
        "2026-03-15",
        "dates as day numbers"
    );
    assert_eq!(
        open.task.detail,
        crm_core::CareDetail::Birthday { year: 2026 }
    );
    let skipped = store.get_care_task(&"referral:car1".into()).unwrap();
    assert!(matches!(
        skipped.status,
        crm_core::CareTaskStatus::Skipped { .. }
    ));
    store
        .complete_care_task(&"birthday:old:2026".into(), "发了祝福")
        .unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let (schedules, tables): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM care_schedules WHERE customer_id = 'old'),
                    (SELECT COUNT(*) FROM sqlite_master WHERE name = 'care_tasks')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (schedules, tables),
        (1, 0),
        "one schedule; care_tasks is gone"
    );
}

#[test]
fn upgrading_to_12_keeps_done_services_and_drops_the_old_consent_switch() {
    let t = common::test_store();
    let c = t
        .store
        .create_customer(&common::customer("老车主", "13800000401"))
        .unwrap()
        .id;
    let car = t
        .store
        .record_car(
            &c,
            &crm_core::NewCar {
                vin: None,
                brand: "大众".into(),
                model: "ID.4".into(),
                delivered_on: "2026-01-10".parse().unwrap(),
                delivery_km: 10,
                registered_on: None,
                order_id: None,
            },
        )
        .unwrap();
    let w = crm_core::DateWindow::new("2026-01-01".parse().unwrap(), "2027-12-31".parse().unwrap())
        .unwrap();
    t.store.generate_care(w).unwrap();
    let first = format!("maint:{}:1", car.id);
    t.store
        .complete_care_task(&first.as_str().into(), "做了首保")
        .unwrap();
    let path = t.path.clone();
    drop(t.store);
    // Back to schema 11 as it was released: no car_services, no run_blocked, and care rules
    // with the single consent switch on.
    let conn = Connection::open(&path).unwrap();
    common::downgrade_to(&conn, include_str!("schemas/v11.sql"), 11);
    conn.execute_batch(
        "INSERT INTO settings (key, value) VALUES ('care_rules',
             '{\"consent\": {\"unknown_allows_marketing\": true, \"service_reminders_need_consent\": false}}');",
    )
    .unwrap();
    drop(conn);
    let store = common::test_store_at(&path);
    assert_eq!(
        store.care_rules().unwrap().consent,
        crm_core::ConsentRules::default(),
        "customers never asked get no marketing after the upgrade"
    );
    // The done first service (marked on 2026-11-27) restarts the schedule.
    store.generate_care(w).unwrap();
    let second = store
        .get_care_task(&format!("maint:{}:2", car.id).as_str().into())
        .unwrap();
    assert_eq!(second.task.event_on, "2027-05-27".parse().unwrap());
}

#[test]
fn timeline_entries_from_13_have_no_author_or_device_and_new_ones_have_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v13.sqlite3");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(include_str!("schemas/v13.sql")).unwrap();
    conn.pragma_update(None, "user_version", 13).unwrap();
    conn.execute_batch(
        "INSERT INTO customers (id, name, gender, source_kind, importance, created_at, updated_at, version)
         VALUES ('old', '老客户', 'male', 'showroom_walk_in', 0, 0, 0, 1);
         INSERT INTO timeline (customer_id, at, actor, code, entry)
         VALUES ('old', 0, 'c01', 'archived', '{\"event\": \"archived\"}');",
    )
    .unwrap();
    let device: String = conn
        .query_row("SELECT device_id FROM sync_state", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let store = common::test_store_at(&path);
    let old = store.timeline(&"old".into(), 10, None).unwrap().records;
    assert_eq!(old.len(), 1);
    assert_eq!(
        (old[0].actor.as_deref(), &old[0].author, &old[0].device),
        (Some("c01"), &None, &None)
    );
    store.archive_customer(&"old".into(), 1).unwrap();
    let now = store.timeline(&"old".into(), 10, None).unwrap().records;
    assert_eq!(now[0].entry, crm_core::TimelineEntry::Archived);
    assert_eq!(now.len(), 2);
    assert_eq!(
        now[0].device.as_deref(),
        Some(device.as_str()),
        "the device id kept by the upgrade"
    );
    assert!(store.deletions(10, None).unwrap().deletions.is_empty());
}

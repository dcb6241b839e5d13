//! Schema versions: upgrades from frozen releases, and refusing newer files.

mod common;

use crm_store::schema::{schema_dump, schema_version, SCHEMA_VERSION};
use crm_store::{Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// Every released schema, frozen: (version, SQL that creates it).
const RELEASED: &[(u32, &str)] = &[
    (1, include_str!("schemas/v1.sql")),
    (2, include_str!("schemas/v2.sql")),
    (3, include_str!("schemas/v3.sql")),
    (4, include_str!("schemas/v4.sql")),
];

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

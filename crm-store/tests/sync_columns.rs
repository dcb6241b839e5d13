//! The outbox triggers send exactly the synced columns of `crm_store::ENTITY_COLUMNS`:
//! for every synced table, a row written column by column through plain SQL (CHECK and
//! foreign-key constraints off, so that any value will do) queues the put, update, delete
//! or list the conventions promise, never a local or derived column, and nothing while a
//! download is being applied.

use crm_core::sync::{EntityShape, SyncEntity};
use crm_store::{EntityColumns, Store, ENTITY_COLUMNS};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// One queued change, as stored.
#[derive(Debug)]
struct Queued {
    entity: String,
    row_id: String,
    op: String,
    fields: Map<String, Value>,
    base_version: Option<i64>,
}

fn queued(conn: &Connection) -> Vec<Queued> {
    let mut stmt = conn
        .prepare("SELECT entity, row_id, op, fields, base_version FROM sync_outbox ORDER BY op_id")
        .unwrap();
    stmt.query_map([], |r| {
        let fields: String = r.get(3)?;
        Ok(Queued {
            entity: r.get(0)?,
            row_id: r.get(1)?,
            op: r.get(2)?,
            fields: serde_json::from_str(&fields).unwrap(),
            base_version: r.get(4)?,
        })
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn take(conn: &Connection) -> Vec<Queued> {
    let q = queued(conn);
    conn.execute("DELETE FROM sync_outbox", []).unwrap();
    q
}

/// The columns of `table` with their declared types, in table order.
fn table_columns(conn: &Connection, table: &str) -> Vec<(String, String)> {
    conn.prepare(&format!(
        "SELECT name, type FROM pragma_table_info('{table}')"
    ))
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The parent ids every row points at.
const PARENT_ID: &str = "p1";

/// A value for `column` of type `ty`: `variant` 0 and 1 give two different values.
fn value(column: &str, ty: &str, variant: i64) -> SqlValue {
    let is_id = column == "id" || column.ends_with("_id");
    match ty {
        "INTEGER" => SqlValue::Integer(7 + variant),
        "REAL" => SqlValue::Real(1.5 + variant as f64),
        "BLOB" => SqlValue::Blob(vec![variant as u8]),
        _ if is_id && variant == 0 => SqlValue::Text(PARENT_ID.into()),
        _ => SqlValue::Text(format!("{column}-{variant}")),
    }
}

fn set_applying(conn: &Connection, on: bool) {
    conn.execute("UPDATE sync_state SET applying = ?1", [on as i64])
        .unwrap();
}

/// Inserts one row into `table` with every column but its rowid alias set; `uid` NULL.
fn insert_row(conn: &Connection, c: &EntityColumns) {
    let cols: Vec<(String, String)> = table_columns(conn, c.table())
        .into_iter()
        .filter(|(name, _)| {
            // Rowid aliases are given by SQLite; the uid by the trigger.
            let rowid = match name.as_str() {
                "seq" => c.table() != "stage_moves",
                "id" => c.local.contains(&"id"),
                _ => false,
            };
            !rowid && name != "uid"
        })
        .collect();
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    let marks = vec!["?"; cols.len()].join(", ");
    let values: Vec<SqlValue> = cols.iter().map(|(n, t)| value(n, t, 0)).collect();
    conn.execute(
        &format!(
            "INSERT INTO {} ({}) VALUES ({marks})",
            c.table(),
            names.join(", ")
        ),
        params_from_iter(values),
    )
    .unwrap();
}

/// The parents every child row points at, written while applying (so not queued).
fn insert_parents(conn: &Connection) {
    set_applying(conn, true);
    for parent in [
        SyncEntity::Customers,
        SyncEntity::FollowUps,
        SyncEntity::Cars,
    ] {
        let c = crm_store::entity_columns(parent);
        conn.execute(&format!("DELETE FROM {}", c.table()), [])
            .unwrap();
        insert_row(conn, c);
    }
    set_applying(conn, false);
}

fn row_id(conn: &Connection, c: &EntityColumns) -> String {
    conn.query_row(&format!("SELECT {} FROM {}", c.id, c.table()), [], |r| {
        r.get(0)
    })
    .unwrap()
}

fn keys(fields: &Map<String, Value>) -> BTreeSet<&str> {
    fields.keys().map(String::as_str).collect()
}

fn synced(c: &EntityColumns) -> BTreeSet<&str> {
    c.synced.iter().copied().collect()
}

/// A put's row: its fields, or for a list its only item.
fn put_row<'a>(c: &EntityColumns, q: &'a Queued) -> &'a Map<String, Value> {
    assert_eq!(q.op, "put", "{}", c.table());
    match c.shape() {
        EntityShape::List => {
            let items = q.fields["items"].as_array().expect("items");
            assert_eq!(items.len(), 1, "{}", c.table());
            assert_eq!(keys(&q.fields), BTreeSet::from(["items"]));
            items[0].as_object().expect("an item is an object")
        }
        _ => &q.fields,
    }
}

fn check_entity(conn: &Connection, c: &EntityColumns) {
    let table = c.table();
    insert_parents(conn);
    set_applying(conn, true);
    conn.execute(&format!("DELETE FROM {table}"), []).unwrap();
    set_applying(conn, false);
    take(conn);

    // Insert: one put of every synced column, as stored.
    insert_row(conn, c);
    let id = row_id(conn, c);
    let q = take(conn);
    assert_eq!(q.len(), 1, "{table}: one change per insert: {q:?}");
    assert_eq!(q[0].entity, table);
    assert_eq!(q[0].row_id, id, "{table}: row id");
    assert_eq!(q[0].base_version, None, "{table}: a new row has no base");
    let row = put_row(c, &q[0]);
    assert_eq!(keys(row), synced(c), "{table}: the synced columns");
    for (name, ty) in table_columns(conn, table) {
        if let Some(sent) = row.get(&name) {
            let expected = match value(&name, &ty, 0) {
                SqlValue::Integer(i) => Value::from(i),
                SqlValue::Real(f) => Value::from(f),
                SqlValue::Text(t) if name != "uid" => Value::from(t),
                _ => Value::from(id.clone()),
            };
            assert_eq!(sent, &expected, "{table}.{name} as stored");
        }
    }
    if c.shape() == EntityShape::AppendOnly {
        assert_eq!(id.len(), 32, "{table}: the trigger gives a uid");
    }

    // Nothing changed: nothing queued.
    let assign_same = c
        .synced
        .iter()
        .map(|n| format!("{n} = {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    conn.execute(&format!("UPDATE {table} SET {assign_same}"), [])
        .unwrap();
    assert!(take(conn).is_empty(), "{table}: an update changing nothing");

    // Each synced column changed alone: only it (a list: the whole list).
    let types = table_columns(conn, table);
    let type_of = |n: &str| types.iter().find(|(c, _)| c == n).unwrap().1.clone();
    let parent_column = c.parent.map(|p| p.1);
    for (round, column) in c.synced.iter().enumerate() {
        if *column == c.id || Some(*column) == parent_column {
            continue;
        }
        let variant = 1 + round as i64;
        let before: Option<i64> = c.version.map(|v| {
            conn.query_row(&format!("SELECT {v} FROM {table}"), [], |r| r.get(0))
                .unwrap()
        });
        conn.execute(
            &format!("UPDATE {table} SET {column} = ?1"),
            [value(column, &type_of(column), variant)],
        )
        .unwrap();
        let q = take(conn);
        assert_eq!(q.len(), 1, "{table}.{column}: one change");
        assert_eq!(q[0].row_id, row_id(conn, c), "{table}.{column}: row id");
        match c.shape() {
            EntityShape::List => {
                assert_eq!(keys(put_row(c, &q[0])), synced(c), "{table}.{column}");
                assert_eq!(q[0].base_version, None);
            }
            _ => {
                assert_eq!(q[0].op, "put");
                assert_eq!(
                    keys(&q[0].fields),
                    BTreeSet::from([*column]),
                    "{table}.{column}: only the changed column"
                );
                assert_eq!(q[0].base_version, before, "{table}.{column}: base version");
            }
        }
    }

    // Derived and local columns changed: nothing queued.
    for column in c.derived.iter().chain(c.local) {
        if matches!(*column, "seq" | "id") {
            continue;
        }
        conn.execute(
            &format!("UPDATE {table} SET {column} = ?1"),
            [value(column, &type_of(column), 5)],
        )
        .unwrap();
        assert!(take(conn).is_empty(), "{table}.{column} is not sent");
    }

    // While applying a download: nothing queued.
    set_applying(conn, true);
    let some = c
        .synced
        .iter()
        .find(|n| **n != c.id && Some(**n) != parent_column);
    if let Some(column) = some {
        conn.execute(
            &format!("UPDATE {table} SET {column} = ?1"),
            [value(column, &type_of(column), 99)],
        )
        .unwrap();
    }
    set_applying(conn, false);
    assert!(take(conn).is_empty(), "{table}: quiet while applying");

    // Delete: a delete of the row (a list emptied), with its base version.
    let id = row_id(conn, c);
    let version: Option<i64> = c.version.map(|v| {
        conn.query_row(&format!("SELECT {v} FROM {table}"), [], |r| r.get(0))
            .unwrap()
    });
    conn.execute(&format!("DELETE FROM {table}"), []).unwrap();
    let q = take(conn);
    assert_eq!(q.len(), 1, "{table}: one delete");
    assert_eq!(
        (q[0].op.as_str(), q[0].row_id.as_str()),
        ("delete", id.as_str())
    );
    assert!(q[0].fields.is_empty());
    assert_eq!(q[0].base_version, version, "{table}: delete's base version");

    // A child deleted with its parent: the parent's delete says it.
    if let Some((parent, _)) = c.parent {
        insert_row(conn, c);
        take(conn);
        let parent_table = parent.table();
        conn.execute(&format!("DELETE FROM {parent_table}"), [])
            .unwrap();
        conn.execute(&format!("DELETE FROM {table}"), []).unwrap();
        let q = take(conn);
        assert!(
            q.iter().all(|q| q.entity == parent_table),
            "{table}: only the parent's delete: {q:?}"
        );
    }
}

/// A new book whose upload queue runs, opened by plain SQL with CHECK and foreign-key
/// constraints off.
fn fresh_book() -> (tempfile::TempDir, Connection) {
    let (dir, conn) = unsynced_book();
    conn.execute("UPDATE sync_state SET queueing = 1", [])
        .unwrap();
    (dir, conn)
}

/// A new book that never synced (its queue not started), opened by plain SQL with CHECK
/// and foreign-key constraints off.
fn unsynced_book() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
        .unwrap();
    (dir, conn)
}

#[test]
fn the_triggers_send_exactly_the_synced_columns_of_every_entity() {
    let (_dir, conn) = fresh_book();
    for c in ENTITY_COLUMNS.iter().filter(|c| !c.synced.is_empty()) {
        check_entity(&conn, c);
    }
}

#[test]
fn before_the_queue_starts_no_write_is_queued_and_append_only_records_get_their_uid() {
    let (_dir, conn) = unsynced_book();
    insert_parents(&conn);
    for c in ENTITY_COLUMNS.iter().filter(|c| !c.synced.is_empty()) {
        let parent = [
            SyncEntity::Customers,
            SyncEntity::FollowUps,
            SyncEntity::Cars,
        ];
        if !parent.contains(&c.entity) {
            insert_row(&conn, c);
        }
        let id = row_id(&conn, c);
        if c.shape() == EntityShape::AppendOnly {
            assert_eq!(id.len(), 32, "{}: a uid at insert", c.table());
        }
        // The same writes as the check above, which queue one change each once it runs.
        let types = table_columns(&conn, c.table());
        let parent_column = c.parent.map(|p| p.1);
        for (round, column) in c.synced.iter().enumerate() {
            if *column == c.id || Some(*column) == parent_column {
                continue;
            }
            let ty = &types.iter().find(|(n, _)| n == column).unwrap().1;
            conn.execute(
                &format!("UPDATE {} SET {column} = ?1", c.table()),
                [value(column, ty, 1 + round as i64)],
            )
            .unwrap();
        }
        assert!(queued(&conn).is_empty(), "{}: queued", c.table());
    }
    for c in ENTITY_COLUMNS.iter().rev() {
        conn.execute(&format!("DELETE FROM {}", c.table()), [])
            .unwrap();
    }
    assert!(queued(&conn).is_empty(), "deletes queued");
}

#[test]
fn care_schedules_are_never_queued() {
    let (_dir, conn) = fresh_book();
    let c = crm_store::entity_columns(SyncEntity::CareSchedules);
    insert_row(&conn, c);
    conn.execute("UPDATE care_schedules SET next_on = 3, tasks = x'01'", [])
        .unwrap();
    conn.execute("DELETE FROM care_schedules", []).unwrap();
    assert!(queued(&conn).is_empty());
}

#[test]
fn a_list_keeps_one_queued_change_its_latest_whole_state() {
    let (_dir, conn) = fresh_book();
    insert_parents(&conn);
    for (position, tag) in ["VIP", "二手车置换", "预算充足"].iter().enumerate() {
        conn.execute(
            "INSERT INTO customer_tags (customer_id, position, tag, tag_key) VALUES (?1, ?2, ?3, ?3)",
            rusqlite::params![PARENT_ID, position as i64, tag],
        )
        .unwrap();
    }
    conn.execute("DELETE FROM customer_tags WHERE position = 1", [])
        .unwrap();
    let q = queued(&conn);
    assert_eq!(q.len(), 1, "{q:?}");
    let items: Vec<&str> = q[0].fields["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["tag"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["VIP", "预算充足"], "in key order, after the write");
}

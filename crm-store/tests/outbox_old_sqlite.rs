//! A book's schema is readable by SQLite older than 3.44 (Python 3.11's sqlite3 module,
//! older systems' shells): no aggregate in a trigger or view orders its own input
//! (`json_group_array(... ORDER BY ...)` is 3.44 syntax, and SQLite parses the whole
//! schema when it opens a file), while the lists the outbox queues keep their order.

mod common;

use common::{customer, test_store};
use rusqlite::Connection;
use std::process::Command;

/// The aggregate functions whose argument list could hold an ORDER BY.
const AGGREGATES: &[&str] = &[
    "json_group_array(",
    "json_group_object(",
    "group_concat(",
    "string_agg(",
];

/// The argument lists of `sql`'s aggregate calls that hold an ORDER BY of their own (at
/// the top level of the call, not in a subquery within it).
fn ordered_aggregates(sql: &str) -> Vec<String> {
    let lower = sql.to_ascii_lowercase();
    let mut found = Vec::new();
    for name in AGGREGATES {
        let mut from = 0;
        while let Some(at) = lower[from..].find(name) {
            let open = from + at + name.len();
            let mut depth = 1;
            let mut end = open;
            for (i, ch) in lower[open..].char_indices() {
                match ch {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = open + i;
                    break;
                }
            }
            // Blank nested parentheses, then look for ORDER BY at the call's own level.
            let mut level = 0;
            let own: String = lower[open..end]
                .chars()
                .map(|ch| {
                    let shown = if level == 0 && ch != '(' { ch } else { ' ' };
                    match ch {
                        '(' => level += 1,
                        ')' => level -= 1,
                        _ => {}
                    }
                    shown
                })
                .collect();
            let words: Vec<&str> = own.split_whitespace().collect();
            if words.windows(2).any(|w| w == ["order", "by"]) {
                found.push(sql[open..end].to_string());
            }
            from = end.max(open);
        }
    }
    found
}

fn schema_sql(conn: &Connection) -> Vec<(String, String)> {
    conn.prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn the_check_finds_an_aggregate_that_orders_its_input() {
    let ordered = "SELECT json_group_array(json_object('a', a) ORDER BY position) FROM t";
    assert_eq!(ordered_aggregates(ordered).len(), 1);
    let subquery =
        "SELECT json_group_array(json_object('a', a)) FROM (SELECT * FROM t ORDER BY position)";
    assert!(ordered_aggregates(subquery).is_empty());
    let nested = "SELECT group_concat((SELECT x FROM u ORDER BY x)) FROM t";
    assert!(ordered_aggregates(nested).is_empty());
}

#[test]
fn no_aggregate_in_the_schema_orders_its_own_input() {
    let t = test_store();
    let conn = Connection::open(&t.path).unwrap();
    let offending: Vec<(String, Vec<String>)> = schema_sql(&conn)
        .into_iter()
        .map(|(name, sql)| (name, ordered_aggregates(&sql)))
        .filter(|(_, found)| !found.is_empty())
        .collect();
    assert!(offending.is_empty(), "{offending:#?}");
}

/// Contacts written out of order (positions 3, 1, 2) on a book whose queue runs.
const OUT_OF_ORDER: &str = "
    DELETE FROM contacts WHERE customer_id = ?1;
    INSERT INTO contacts (customer_id, position, kind, value, key, is_primary)
        VALUES (?1, 3, 'mobile', '13800000003', '13800000003', 0);
    INSERT INTO contacts (customer_id, position, kind, value, key, is_primary)
        VALUES (?1, 1, 'mobile', '13800000001', '13800000001', 1);
    INSERT INTO contacts (customer_id, position, kind, value, key, is_primary)
        VALUES (?1, 2, 'mobile', '13800000002', '13800000002', 0);";

/// The positions of the last queued contacts list.
const QUEUED_POSITIONS: &str = "
    SELECT group_concat(value, ',') FROM (
        SELECT json_extract(j.value, '$.position') AS value
        FROM (SELECT fields FROM sync_outbox WHERE entity = 'contacts'
              ORDER BY op_id DESC LIMIT 1) AS o, json_each(o.fields, '$.items') AS j
        ORDER BY j.key)";

#[test]
fn a_queued_list_keeps_its_order_whatever_order_its_rows_were_written_in() {
    let t = test_store();
    let made = t
        .store
        .create_customer(&customer("钱七", "13800000009"))
        .unwrap();
    t.store.start_upload_queue().unwrap();
    let conn = Connection::open(&t.path).unwrap();
    for statement in OUT_OF_ORDER.split(';').filter(|s| !s.trim().is_empty()) {
        conn.execute(statement, [made.id.as_str()]).unwrap();
    }
    let positions: String = conn.query_row(QUEUED_POSITIONS, [], |r| r.get(0)).unwrap();
    assert_eq!(positions, "1,2,3");
}

/// Opens the book with the system's Python (its own SQLite), writes contacts out of order
/// through the outbox triggers, and prints the SQLite version and the queued positions.
const PYTHON: &str = r#"
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
for statement in sys.argv[3].split(";"):
    if statement.strip():
        conn.execute(statement, (sys.argv[2],))
conn.commit()
print(sqlite3.sqlite_version)
print(conn.execute(sys.argv[4]).fetchone()[0])
"#;

fn version_below_3_44(version: &str) -> bool {
    let parts: Vec<u32> = version
        .trim()
        .split('.')
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    parts.as_slice() < [3, 44].as_slice()
}

#[test]
fn python_sqlite_older_than_3_44_writes_into_a_book_through_its_triggers() {
    let t = test_store();
    let made = t
        .store
        .create_customer(&customer("孙八", "13800000008"))
        .unwrap();
    t.store.start_upload_queue().unwrap();
    let path = t.path.clone();
    drop(t.store);
    let out = match Command::new("python3")
        .args([
            "-c",
            PYTHON,
            path.to_str().unwrap(),
            made.id.as_str(),
            OUT_OF_ORDER,
            QUEUED_POSITIONS,
        ])
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("no python3 here ({e}): the schema check above covers the syntax");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "python3 failed: {stderr}");
    let mut lines = stdout.lines();
    let version = lines.next().unwrap_or_default();
    assert_eq!(lines.next(), Some("1,2,3"), "{stdout}");
    if !version_below_3_44(version) {
        eprintln!("python3's SQLite is {version}, not older than 3.44: run where it is");
    }
}

//! Helpers shared by the store's tests.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use crm_core::{ContactInput, ContactKind, ManualClock, NewCustomer, SourceChannel};
use crm_store::Store;
use std::path::PathBuf;
use std::sync::Arc;

/// A store in a fresh temporary folder, on a manual clock at 2026-11-27 08:00 UTC.
pub struct TestStore {
    pub store: Store,
    pub clock: Arc<ManualClock>,
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

/// Reads a manual clock (a test helper, so tests need not import the trait).
pub trait NowForTests {
    fn now_for_tests(&self) -> DateTime<Utc>;
}

impl NowForTests for ManualClock {
    fn now_for_tests(&self) -> DateTime<Utc> {
        crm_core::Clock::now(self)
    }
}

pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap()
}

pub fn test_store() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.sqlite3");
    let clock = Arc::new(ManualClock::new(start()));
    let store = Store::open_with_clock(&path, clock.clone()).unwrap();
    TestStore {
        store,
        clock,
        path,
        _dir: dir,
    }
}

/// A store whose upload queue runs from the start, as a book's does once it has synced:
/// every write queues its changes.
pub fn queueing_store() -> TestStore {
    let t = test_store();
    t.store.start_upload_queue().unwrap();
    t
}

pub fn customer(name: &str, mobile: &str) -> NewCustomer {
    NewCustomer::new(
        name,
        ContactInput::new(ContactKind::Mobile, mobile),
        SourceChannel::ShowroomWalkIn,
    )
}

/// The store at `path`, on a manual clock at [`start`].
pub fn test_store_at(path: &std::path::Path) -> Store {
    Store::open_with_clock(path, Arc::new(ManualClock::new(start()))).unwrap()
}

/// Every row of `tables` in the database at `path`, as text: compare before and after an
/// operation that must write nothing.
pub fn dump(path: &std::path::Path, tables: &[&str]) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push_str(&format!("{table}: {}\n", cells.join(" | ")));
        }
    }
    out
}

/// The tables a pipeline, order, intent or visit operation may write.
pub const PIPELINE_TABLES: &[&str] = &[
    "customers",
    "stage_moves",
    "orders",
    "vehicle_intents",
    "visits",
    "timeline",
    "plans",
    "intent_level_changes",
];

/// A Volkswagen Tiguan L (途观L 2025款 330TSI) ordered by `customer` on `order_date`: 200,000
/// yuan, no discount, a 5,000 yuan deposit, no finance or insurance, no consultant named.
/// Tests change what they look at with struct update (`NewOrder { price, ..sample_order(..) }`).
pub fn sample_order(
    customer: &crm_core::CustomerId,
    order_date: chrono::NaiveDate,
) -> crm_core::NewOrder {
    crm_core::NewOrder {
        customer_id: customer.clone(),
        intent_id: None,
        vehicle: crm_core::OrderedVehicle {
            brand: Some("大众".into()),
            series: Some("途观L".into()),
            model: "2025款 330TSI".into(),
            trim: None,
            colour: None,
            catalogue_model: None,
        },
        vin: None,
        price: crm_core::Fen(20_000_000),
        discount: crm_core::Fen(0),
        deposit: crm_core::Fen(500_000),
        order_date,
        expected_delivery: None,
        finance: false,
        insurance: false,
        consultant: None,
    }
}

/// A well-formed id (a UUID) that no record has: looking it up is "not found", where a
/// malformed id is invalid input.
pub const MISSING: &str = "01900000-0000-7000-8000-000000000000";

/// Turns the database on `conn` back into the released schema `sql` (a frozen
/// `tests/schemas/vN.sql`) at `version`, keeping the rows: tables, columns, indexes and
/// triggers the release did not have are dropped, and its own indexes and triggers made
/// again as it made them. For tests of an upgrade on data only a newer store can write.
pub fn downgrade_to(conn: &rusqlite::Connection, sql: &str, version: u32) {
    let old = rusqlite::Connection::open_in_memory().unwrap();
    old.execute_batch(sql).unwrap();
    let objects = |c: &rusqlite::Connection| -> Vec<(String, String, String, String)> {
        let mut stmt = c
            .prepare(
                "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master
                 WHERE name NOT LIKE 'sqlite_%' ORDER BY type DESC",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let wanted = objects(&old);
    let same = |o: &(String, String, String, String)| {
        wanted
            .iter()
            .any(|w| w.0 == o.0 && w.1 == o.1 && w.3 == o.3)
    };
    // Triggers and indexes first (they name columns), then tables.
    for o in objects(conn) {
        if o.0 != "table" && !same(&o) {
            conn.execute_batch(&format!(
                "DROP {} IF EXISTS \"{}\"",
                o.0.to_uppercase(),
                o.1
            ))
            .unwrap();
        }
    }
    for o in objects(conn) {
        if o.0 != "table" {
            continue;
        }
        if !wanted.iter().any(|w| w.0 == "table" && w.1 == o.1) {
            conn.execute_batch(&format!("DROP TABLE \"{}\"", o.1))
                .unwrap();
            continue;
        }
        let columns = |c: &rusqlite::Connection| -> Vec<String> {
            let mut stmt = c
                .prepare(&format!("SELECT name FROM pragma_table_info('{}')", o.1))
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let keep = columns(&old);
        // A column renamed since (one gone, one new in the same table) is renamed back.
        let now = columns(conn);
        let gone: Vec<&String> = keep.iter().filter(|c| !now.contains(c)).collect();
        let new: Vec<&String> = now.iter().filter(|c| !keep.contains(c)).collect();
        if let ([was], [is]) = (gone.as_slice(), new.as_slice()) {
            conn.execute_batch(&format!(
                "ALTER TABLE \"{}\" RENAME COLUMN \"{is}\" TO \"{was}\"",
                o.1
            ))
            .unwrap();
        }
        for column in columns(conn) {
            if !keep.contains(&column) {
                conn.execute_batch(&format!("ALTER TABLE \"{}\" DROP COLUMN \"{column}\"", o.1))
                    .unwrap();
            }
        }
    }
    let present = objects(conn);
    for w in &wanted {
        if w.0 != "table" && !w.3.is_empty() && !present.iter().any(|p| p.0 == w.0 && p.1 == w.1) {
            conn.execute_batch(&w.3).unwrap();
        }
    }
    conn.pragma_update(None, "user_version", version).unwrap();
}

/// Every released schema, frozen: (version, SQL that creates it).
pub const RELEASED: &[(u32, &str)] = &[
    (1, include_str!("../schemas/v1.sql")),
    (2, include_str!("../schemas/v2.sql")),
    (3, include_str!("../schemas/v3.sql")),
    (4, include_str!("../schemas/v4.sql")),
    (5, include_str!("../schemas/v5.sql")),
    (6, include_str!("../schemas/v6.sql")),
    (7, include_str!("../schemas/v7.sql")),
    (8, include_str!("../schemas/v8.sql")),
    (9, include_str!("../schemas/v9.sql")),
    (10, include_str!("../schemas/v10.sql")),
    (11, include_str!("../schemas/v11.sql")),
    (12, include_str!("../schemas/v12.sql")),
    (13, include_str!("../schemas/v13.sql")),
    (14, include_str!("../schemas/v14.sql")),
    (15, include_str!("../schemas/v15.sql")),
    (16, include_str!("../schemas/v16.sql")),
    (17, include_str!("../schemas/v17.sql")),
    (18, include_str!("../schemas/v18.sql")),
    (19, include_str!("../schemas/v19.sql")),
    (20, include_str!("../schemas/v20.sql")),
];

/// A valid Chinese VIN, the `n`th (its check digit computed).
pub fn vin(n: u32) -> String {
    let mut vin = format!("LSVAU2A30N2{n:06}");
    let digit = crm_core::vin_check_digit(&vin).unwrap();
    vin.replace_range(8..9, &digit.to_string());
    vin
}

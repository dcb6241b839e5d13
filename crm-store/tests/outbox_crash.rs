//! Crash safety of the upload queue: a process writing customers and follow-ups is killed
//! with SIGKILL at random moments, several times over one book; afterwards every row in the
//! book has its queued change and no queued change lacks its row (a write and its outbox
//! entry commit together or not at all), and SQLite's integrity check passes.
//!
//! The writer is this test executable itself, run again with `CRM_OUTBOX_CRASH_BOOK` set.

use chrono::Utc;
use crm_core::SourceChannel;
use crm_core::{ContactInput, ContactKind, FollowUpKind, FollowUpMethod, NewCustomer, NewFollowUp};
use crm_store::Store;
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const BOOK_VAR: &str = "CRM_OUTBOX_CRASH_BOOK";
const TEST_NAME: &str = "a_killed_writer_leaves_every_write_with_its_queued_change";

/// The child: writes until killed. Each round one customer (unique phone) and a follow-up.
fn write_forever(book: &str) -> ! {
    let store = Store::open(book).unwrap();
    let start = store.count_customers(true).unwrap();
    for n in start.. {
        let new = NewCustomer::new(
            format!("客户{n}"),
            ContactInput::new(ContactKind::Mobile, format!("139{n:08}")),
            SourceChannel::ShowroomWalkIn,
        );
        let c = store.create_customer(&new).unwrap();
        let f = NewFollowUp::new(
            c.id.clone(),
            FollowUpMethod::Phone,
            FollowUpKind::Other,
            Utc::now() - chrono::Duration::minutes(1),
            "首次回访",
        );
        store.log_follow_up(&c.id, &f, None).unwrap();
    }
    unreachable!("the writer runs until it is killed")
}

/// A small pseudo-random sequence (no seed to carry between runs: any moment will do).
struct Moments(u64);

impl Moments {
    fn next_ms(&mut self, low: u64, high: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        low + (self.0 >> 33) % (high - low)
    }
}

fn ids(conn: &Connection, sql: &str) -> BTreeSet<String> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_killed_writer_leaves_every_write_with_its_queued_change() {
    if let Ok(book) = std::env::var(BOOK_VAR) {
        write_forever(&book);
    }
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.sqlite3");
    Store::open(&book).unwrap().start_upload_queue().unwrap();
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut moments = Moments(seed);
    let exe = std::env::current_exe().unwrap();
    let mut kills = 0;
    let mut last_count = 0;
    for _ in 0..6 {
        let mut child = Command::new(&exe)
            .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(BOOK_VAR, &book)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Let it start writing (opening the book takes a few milliseconds), then kill it
        // at a random moment.
        std::thread::sleep(Duration::from_millis(moments.next_ms(80, 400)));
        assert!(
            child.try_wait().unwrap().is_none(),
            "the writer stopped by itself"
        );
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        kills += 1;
        // The next writer opens the book as the crash left it (SQLite rolls back the
        // transaction cut off by the kill).
        let count = Store::open(&book).unwrap().count_customers(true).unwrap();
        assert!(count >= last_count, "committed customers are never lost");
        last_count = count;
    }
    assert_eq!(kills, 6);
    assert!(last_count > 0, "the writer wrote something");
    eprintln!("{last_count} customers written across {kills} kills");

    let conn = Connection::open(&book).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    // Customers: one queued create (a put carrying the id) for each, and nothing else.
    let customers = ids(&conn, "SELECT id FROM customers");
    let created = ids(
        &conn,
        "SELECT row_id FROM sync_outbox WHERE entity = 'customers' AND op = 'put'
         AND json_extract(fields, '$.id') IS NOT NULL",
    );
    let creates: i64 = conn
        .query_row(
            "SELECT count(*) FROM sync_outbox WHERE entity = 'customers' AND op = 'put'
             AND json_extract(fields, '$.id') IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(creates as usize, customers.len(), "one create per customer");
    assert_eq!(created, customers);
    // Their contacts and follow-ups likewise.
    let with_contacts = ids(&conn, "SELECT DISTINCT customer_id FROM contacts");
    let queued_contacts = ids(
        &conn,
        "SELECT row_id FROM sync_outbox WHERE entity = 'contacts' AND op = 'put'",
    );
    assert_eq!(queued_contacts, with_contacts);
    assert_eq!(with_contacts, customers, "no customer without contacts");
    let follow_ups = ids(&conn, "SELECT id FROM follow_ups");
    let queued_follow_ups = ids(
        &conn,
        "SELECT row_id FROM sync_outbox WHERE entity = 'follow_ups' AND op = 'put'",
    );
    assert_eq!(queued_follow_ups, follow_ups);
    // Timeline entries: each row's uid queued, every queued uid a row.
    let timeline = ids(&conn, "SELECT uid FROM timeline");
    let queued_timeline = ids(
        &conn,
        "SELECT row_id FROM sync_outbox WHERE entity = 'timeline'",
    );
    assert_eq!(queued_timeline, timeline);
    // Operation ids strictly increase, none reused.
    let op_ids: Vec<i64> = conn
        .prepare("SELECT op_id FROM sync_outbox ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(op_ids.windows(2).all(|w| w[0] < w[1]));
}

//! The upload queue runs from the book's first upload or download: before that, writes
//! queue nothing; starting it queues the book's synced rows as they stand (exactly the
//! rows a first download of the book would bring), and from then on every write queues
//! its own changes.

mod common;
mod sync_fixture;

use common::{test_store, TestStore};
use crm_core::sync::{ChangeOp, SyncEntity};
use crm_core::{CustomerId, CustomerPatch};
use crm_store::MAX_PAGE_SIZE;
use rusqlite::Connection;
use sync_fixture::{download, rich_customer};

fn queued_rows(t: &TestStore) -> i64 {
    Connection::open(&t.path)
        .unwrap()
        .query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))
        .unwrap()
}

/// A book that never synced, with a record in every synced table.
fn unsynced_book() -> (TestStore, CustomerId) {
    let t = test_store();
    let first = rich_customer(&t.store, "王芳", "13800138000", "13700137000", "c01");
    rich_customer(&t.store, "欧阳明", "13900139000", "13600136000", "c02");
    (t, first)
}

#[test]
fn a_book_that_never_synced_queues_nothing_but_counts_what_it_would_send() {
    let (t, _) = unsynced_book();
    assert!(!t.store.upload_queue_running().unwrap());
    assert_eq!(queued_rows(&t), 0, "no queue before the first sync");
    let rows = t.store.synced_rows().unwrap().len() as u64;
    assert!(rows > 20, "{rows}");
    assert_eq!(t.store.pending_count().unwrap(), rows);
}

#[test]
fn the_first_upload_carries_every_row_as_a_first_download_would_bring_it() {
    let (t, _) = unsynced_book();
    let waiting = t.store.pending_count().unwrap();
    let rows = t.store.synced_rows().unwrap();
    let changes = t.store.pending_upload(MAX_PAGE_SIZE).unwrap().changes;
    assert!(t.store.upload_queue_running().unwrap());
    assert_eq!(changes.len() as u64, waiting);
    assert_eq!(t.store.pending_count().unwrap(), waiting);
    assert_eq!(changes.len(), rows.len());
    for (change, row) in changes.iter().zip(&rows) {
        assert_eq!(
            (
                change.entity,
                change.id.as_str(),
                change.op,
                change.base_version
            ),
            (row.entity, row.id.as_str(), ChangeOp::Put, None),
        );
        assert_eq!(
            Some(&change.fields),
            row.fields.as_ref(),
            "{:?}",
            row.entity
        );
    }
    assert!(changes.windows(2).all(|w| w[0].op_id < w[1].op_id));
    assert_eq!(
        t.store.pending_upload(MAX_PAGE_SIZE).unwrap().changes,
        changes,
        "started once"
    );
    assert_eq!(t.store.start_upload_queue().unwrap(), 0, "already running");
}

#[test]
fn once_started_each_write_queues_its_own_changes() {
    let (t, id) = unsynced_book();
    let started = t.store.start_upload_queue().unwrap();
    assert_eq!(started as i64, queued_rows(&t));
    let got = t.store.get_customer(&id).unwrap();
    t.clock.advance(chrono::Duration::minutes(5));
    let patch = CustomerPatch {
        notes: Some(Some("改了".into())),
        ..Default::default()
    };
    t.store.update_customer(&id, got.version, &patch).unwrap();
    let changes = t.store.pending_upload(MAX_PAGE_SIZE).unwrap().changes;
    let after: Vec<_> = changes[started as usize..]
        .iter()
        .filter(|c| c.entity == SyncEntity::Customers)
        .collect();
    assert_eq!(after.len(), 1, "{:#?}", &changes[started as usize..]);
    let edit = after[0];
    assert_eq!(
        (edit.entity, edit.id.as_str(), edit.base_version),
        (SyncEntity::Customers, id.as_str(), Some(got.version))
    );
    let mut keys: Vec<&str> = edit.fields.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["notes", "updated_at", "version"]);
}

#[test]
fn a_first_download_queues_what_the_book_held_and_nothing_it_brought() {
    let server = test_store();
    let theirs = rich_customer(&server.store, "李雷", "13500135000", "13400134000", "c02");
    let t = test_store();
    let mine = rich_customer(&t.store, "韩梅梅", "13300133000", "13200132000", "c01");
    let mine_rows = t.store.synced_rows().unwrap().len();
    t.store
        .apply_download(&download(server.store.synced_rows().unwrap(), 3))
        .unwrap();
    assert!(t.store.upload_queue_running().unwrap());
    assert!(
        t.store.get_customer(&theirs).is_ok(),
        "the download applied"
    );
    let changes = t.store.pending_upload(MAX_PAGE_SIZE).unwrap().changes;
    assert_eq!(changes.len(), mine_rows);
    let customers: Vec<&str> = changes
        .iter()
        .filter(|c| c.entity == SyncEntity::Customers)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(customers, [mine.as_str()]);
}

/// A frozen schema-15 book, with one customer written under its triggers or none.
fn v15_book(dir: &std::path::Path, written: bool) -> std::path::PathBuf {
    let path = dir.join(format!("v15-{written}.sqlite3"));
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(include_str!("schemas/v15.sql")).unwrap();
    conn.pragma_update(None, "user_version", 15).unwrap();
    if written {
        conn.execute(
            "INSERT INTO customers (id, name, gender, source_kind, importance, created_at, updated_at, version)
             VALUES ('old', '老客户', 'male', 'showroom_walk_in', 0, 0, 0, 1)",
            [],
        )
        .unwrap();
    }
    path
}

#[test]
fn an_upgraded_book_that_queued_before_keeps_its_queue_running() {
    let dir = tempfile::tempdir().unwrap();
    let queued = common::test_store_at(&v15_book(dir.path(), true));
    assert!(queued.upload_queue_running().unwrap());
    assert_eq!(
        queued.pending_count().unwrap(),
        1,
        "the queue kept as it was"
    );
    let empty = common::test_store_at(&v15_book(dir.path(), false));
    assert!(!empty.upload_queue_running().unwrap());
}

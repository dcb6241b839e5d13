//! The file itself: a bounded write-ahead log, no log left after the last close, read-only
//! opening that never writes, foreign files left alone, busy databases, backups, private
//! permissions and batches.

mod common;

use common::{customer, test_store};
use crm_core::{CustomerId, CustomerPatch, Importance};
use crm_store::{Store, StoreError};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

const FOUR_MB: u64 = 4 * 1024 * 1024;

fn log_of(path: &Path) -> PathBuf {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    PathBuf::from(log)
}

/// The log's size, 0 when there is none.
fn log_size(path: &Path) -> u64 {
    std::fs::metadata(log_of(path)).map_or(0, |m| m.len())
}

fn phone(i: usize) -> String {
    format!("139{i:08}")
}

#[test]
fn a_thousand_writes_through_one_store_keep_the_log_small_and_closing_removes_it() {
    let t = test_store();
    let mut largest = 0;
    for i in 0..1_000 {
        let c = t
            .store
            .create_customer(&customer(&format!("客户{i}"), &phone(i)))
            .unwrap();
        // A read between writes, as an app does: it must not hold the checkpoint back.
        assert_eq!(t.store.get_customer(&c.id).unwrap().version, 1);
        largest = largest.max(log_size(&t.path));
    }
    assert!(largest < FOUR_MB, "the log reached {largest} bytes");
    let path = t.path.clone();
    drop(t.store);
    assert_eq!(
        log_size(&path),
        0,
        "closing the last store leaves a log with data"
    );
    let conn = Connection::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1_000);
}

#[test]
fn three_hundred_short_lived_opens_keep_the_log_small_and_leave_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut largest = 0;
    for i in 0..300 {
        let store = Store::open(&path).unwrap();
        store
            .create_customer(&customer(&format!("客户{i}"), &phone(i)))
            .unwrap();
        largest = largest.max(log_size(&path));
        drop(store);
        assert_eq!(log_size(&path), 0, "open {i} left a log");
    }
    assert!(largest < FOUR_MB, "the log reached {largest} bytes");
}

#[test]
fn a_store_left_open_beside_short_lived_ones_keeps_the_log_bounded() {
    let t = test_store();
    let mut largest = 0;
    for i in 0..300 {
        let other = Store::open(&t.path).unwrap();
        other
            .create_customer(&customer(&format!("客户{i}"), &phone(i)))
            .unwrap();
        drop(other);
        largest = largest.max(log_size(&t.path));
    }
    assert!(largest < FOUR_MB, "the log reached {largest} bytes");
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn another_applications_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         CREATE TABLE tags (name TEXT); INSERT INTO notes (body) VALUES ('hello');",
    )
    .unwrap();
    drop(conn);
    let before = file_bytes(&path);
    for result in [Store::open(&path), Store::open_read_only(&path)] {
        assert!(
            matches!(result, Err(StoreError::NotABook { .. })),
            "{result:?}"
        );
    }
    assert_eq!(file_bytes(&path), before, "the file changed");
    assert!(!log_of(&path).exists());
    let conn = Connection::open(&path).unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 2);
}

#[test]
fn a_database_with_another_application_id_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA application_id = 12345;")
        .unwrap();
    drop(conn);
    let before = file_bytes(&path);
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NotABook { .. })
    ));
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn reading_an_empty_or_missing_file_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(
        Store::open_read_only(&empty),
        Err(StoreError::NotABook { .. })
    ));
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    let missing = dir.path().join("missing.sqlite3");
    assert!(matches!(
        Store::open_read_only(&missing),
        Err(StoreError::NotABook { .. })
    ));
    assert!(!missing.exists());
    // A read-write open makes the empty file a book.
    drop(Store::open(&empty).unwrap());
    assert!(Store::open_read_only(&empty).is_ok());
}

#[test]
fn a_read_only_store_reads_and_refuses_writes_without_touching_the_file() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("张三", "13800138000"))
        .unwrap();
    let path = t.path.clone();
    drop(t.store);
    let before = file_bytes(&path);
    let store = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.get_customer(&c.id).unwrap().profile.name, "张三");
    assert_eq!(store.count_customers(true).unwrap(), 1);
    let refused = store.create_customer(&customer("李四", "13900139000"));
    assert!(matches!(refused, Err(StoreError::ReadOnly)), "{refused:?}");
    drop(store);
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn a_read_only_store_sees_another_stores_writes() {
    let t = test_store();
    t.store
        .create_customer(&customer("张三", "13800138000"))
        .unwrap();
    let reader = Store::open_read_only(&t.path).unwrap();
    t.store
        .create_customer(&customer("李四", "13900139000"))
        .unwrap();
    assert_eq!(reader.count_customers(true).unwrap(), 2);
}

#[test]
fn a_read_only_store_refuses_an_older_schema_instead_of_upgrading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(include_str!("schemas/v1.sql")).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    drop(conn);
    let before = file_bytes(&path);
    let result = Store::open_read_only(&path);
    assert!(
        matches!(result, Err(StoreError::NeedsUpgrade { found: 1, .. })),
        "{result:?}"
    );
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn a_book_whose_log_cannot_be_created_opens_read_only_as_immutable() {
    // Root may create files in a read-only folder, so the folder's refusal is imitated: a
    // folder stands where SQLite would create the shared-memory file.
    let t = test_store();
    t.store
        .create_customer(&customer("张三", "13800138000"))
        .unwrap();
    let path = t.path.clone();
    drop(t.store);
    let mut shm = path.as_os_str().to_owned();
    shm.push("-shm");
    std::fs::create_dir(&shm).unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.count_customers(true).unwrap(), 1);
}

#[test]
fn a_database_locked_by_another_connection_is_busy() {
    let t = test_store();
    let other = Connection::open(&t.path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let result = t.store.create_customer(&customer("张三", "13800138000"));
    assert!(matches!(result, Err(StoreError::Busy)), "{result:?}");
    other.execute_batch("ROLLBACK").unwrap();
    assert!(t
        .store
        .create_customer(&customer("张三", "13800138000"))
        .is_ok());
}

#[cfg(unix)]
#[test]
fn a_new_book_and_its_log_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let t = test_store();
    t.store
        .create_customer(&customer("张三", "13800138000"))
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let mut file = t.path.as_os_str().to_owned();
        file.push(suffix);
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{suffix}: {mode:o}");
    }
    let backup = t.path.with_file_name("backup.sqlite3");
    t.store.backup_to(&backup).unwrap();
    let mode = std::fs::metadata(&backup).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "backup: {mode:o}");
}

#[test]
fn a_backup_taken_while_another_thread_writes_is_a_complete_book() {
    let t = test_store();
    for i in 0..200 {
        t.store
            .create_customer(&customer(&format!("客户{i}"), &phone(i)))
            .unwrap();
    }
    let backup = t.path.with_file_name("backup.sqlite3");
    std::thread::scope(|s| {
        let writer = s.spawn(|| {
            for i in 200..600 {
                t.store
                    .create_customer(&customer(&format!("客户{i}"), &phone(i)))
                    .unwrap();
            }
        });
        t.store.backup_to(&backup).unwrap();
        writer.join().unwrap();
    });
    assert!(!log_of(&backup).exists());
    let copy = Store::open_read_only(&backup).unwrap();
    let n = copy.count_customers(true).unwrap();
    assert!((200..=600).contains(&n), "{n} customers");
    // Every customer in the copy is whole: found by their phone's search terms too.
    let conn = Connection::open(&backup).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let hits = copy
        .search_customers("1390000", &Default::default())
        .unwrap();
    assert!(!hits.is_empty());
    // A backup never overwrites a file.
    let again = t.store.backup_to(&backup);
    assert!(
        matches!(&again, Err(StoreError::Invalid(v)) if v.field == "path"),
        "{again:?}"
    );
}

#[test]
fn a_malformed_id_is_invalid_input_and_a_missing_one_not_found() {
    let t = test_store();
    let malformed = t.store.get_customer(&CustomerId("01a24bcb".into()));
    assert!(
        matches!(&malformed, Err(StoreError::Invalid(v)) if v.field == "customer_id"),
        "{malformed:?}"
    );
    let missing = t
        .store
        .get_customer(&CustomerId("01900000-0000-7000-8000-000000000000".into()));
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
}

#[test]
fn a_batch_commits_its_writes_together_and_sees_them_inside() {
    let t = test_store();
    let ids = t
        .store
        .batch(|s| {
            let a = s.create_customer(&customer("张三", "13800138000"))?;
            let b = s.create_customer(&customer("李四", "13900139000"))?;
            // Reads inside the batch see its writes.
            assert_eq!(s.get_customer(&a.id)?.profile.name, "张三");
            let patch = CustomerPatch {
                importance: Some(Importance::Key),
                ..Default::default()
            };
            s.update_customer(&b.id, 1, &patch)?;
            Ok(vec![a.id, b.id])
        })
        .unwrap();
    assert_eq!(t.store.count_customers(true).unwrap(), 2);
    assert_eq!(t.store.get_customer(&ids[1]).unwrap().version, 2);
}

#[test]
fn a_failed_batch_writes_nothing_and_a_failed_operation_inside_only_itself() {
    let t = test_store();
    let result = t.store.batch(|s| {
        s.create_customer(&customer("张三", "13800138000"))?;
        // The same phone again: a duplicate, which the batch handles and goes on.
        assert!(s.create_customer(&customer("张三", "13800138000")).is_err());
        s.create_customer(&customer("李四", "13900139000"))?;
        assert_eq!(s.count_customers(true)?, 2);
        // Then the batch itself fails.
        s.create_customer(&customer("", "13700137000"))
    });
    assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");
    assert_eq!(t.store.count_customers(true).unwrap(), 0);
    // The store is usable afterwards.
    t.store
        .create_customer(&customer("王五", "13600136000"))
        .unwrap();
    assert_eq!(t.store.count_customers(true).unwrap(), 1);
}

#[test]
fn a_panic_inside_a_batch_rolls_it_back() {
    let t = test_store();
    let store = &t.store;
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = store.batch(|s| {
            s.create_customer(&customer("张三", "13800138000"))?;
            panic!("the app's code failed");
            #[allow(unreachable_code)]
            Ok(())
        });
    }));
    assert!(caught.is_err());
    assert_eq!(store.count_customers(true).unwrap(), 0);
    store
        .create_customer(&customer("李四", "13900139000"))
        .unwrap();
    assert_eq!(store.count_customers(true).unwrap(), 1);
}

#[test]
fn a_read_only_store_cannot_batch() {
    let t = test_store();
    let path = t.path.clone();
    drop(t.store);
    let store = Store::open_read_only(&path).unwrap();
    assert!(matches!(store.batch(|_| Ok(())), Err(StoreError::ReadOnly)));
}

//! A book in memory (`Store::open_in_memory`, `Store::open(":memory:")`): everything a file
//! book does, nothing on disk, each store its own book.

mod common;

use common::customer;
use crm_core::{CustomerPatch, Importance};
use crm_store::{ListQuery, SearchOptions, Store, StoreError};

#[test]
fn a_book_in_memory_writes_reads_searches_and_batches() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.path().to_str(), Some(":memory:"));
    let created = store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    let patch = CustomerPatch {
        importance: Some(Importance::Key),
        ..CustomerPatch::default()
    };
    store
        .update_customer(&created.id, created.version, &patch)
        .unwrap();
    assert_eq!(
        store.get_customer(&created.id).unwrap().profile.importance,
        Importance::Key
    );
    let hits = store
        .search_customers("8000", &SearchOptions::default())
        .unwrap();
    assert_eq!(hits.len(), 1);
    // A batch's reads see its writes; a failed batch leaves nothing.
    let failed: Result<(), StoreError> = store.batch(|s| {
        s.create_customer(&customer("李雷", "13900139000"))?;
        assert_eq!(s.count_customers(false)?, 2);
        Err(StoreError::ReadOnly)
    });
    assert!(failed.is_err());
    assert_eq!(store.count_customers(false).unwrap(), 1);
    let duplicate = store.create_customer(&customer("王芳二", "138 0013 8000"));
    assert!(matches!(duplicate, Err(StoreError::Duplicate { .. })));
    assert_eq!(
        store
            .list_customers(&ListQuery::default())
            .unwrap()
            .customers
            .len(),
        1
    );
}

#[test]
fn each_book_in_memory_is_its_own_and_leaves_no_file() {
    let first = Store::open(":memory:").unwrap();
    let second = Store::open_in_memory().unwrap();
    first
        .create_customer(&customer("张三", "13700137000"))
        .unwrap();
    assert_eq!(first.count_customers(false).unwrap(), 1);
    assert_eq!(second.count_customers(false).unwrap(), 0);
    assert_ne!(first.device_id().unwrap(), second.device_id().unwrap());
    assert!(!std::path::Path::new(":memory:").exists(), "no file made");
}

#[test]
fn a_book_in_memory_backs_up_to_a_file_that_opens_as_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_memory().unwrap();
    store
        .create_customer(&customer("赵敏", "13600136000"))
        .unwrap();
    let copy = dir.path().join("copy.sqlite3");
    store.backup_to(&copy).unwrap();
    let reopened = Store::open_read_only(&copy).unwrap();
    assert_eq!(reopened.count_customers(false).unwrap(), 1);
}

#[test]
fn a_book_in_memory_is_shared_between_threads() {
    let store = Store::open_in_memory().unwrap();
    std::thread::scope(|s| {
        for t in 0..4 {
            let store = &store;
            s.spawn(move || {
                for i in 0..10 {
                    store
                        .create_customer(&customer("线程", &format!("1350{t}{i:02}0000")))
                        .unwrap();
                    store.list_customers(&ListQuery::default()).unwrap();
                }
            });
        }
    });
    assert_eq!(store.count_customers(false).unwrap(), 40);
}

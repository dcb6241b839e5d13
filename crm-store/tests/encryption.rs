//! Encrypted books (the `encryption` feature, SQLCipher): nothing of a customer is readable
//! in the files, a wrong key fails cleanly and touches nothing, and a plain book becomes an
//! encrypted one (then takes a new key) keeping every customer.
#![cfg(feature = "encryption")]

mod common;

use common::customer;
use crm_store::{BookKey, Store, StoreError};
use std::path::Path;

fn key(byte: u8) -> BookKey {
    BookKey::from_bytes(&[byte; 32]).unwrap()
}

/// The bytes of the book and of its `-wal` and `-shm` files, as they are now.
fn files(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        bytes.extend(std::fs::read(name).unwrap_or_default());
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Every customer of the book, by id, whole.
fn customers(store: &Store) -> Vec<crm_core::Customer> {
    let page = store
        .list_customers(&crm_store::ListQuery {
            limit: 1000,
            ..Default::default()
        })
        .unwrap();
    let mut all: Vec<_> = page
        .customers
        .iter()
        .map(|s| store.get_customer(&s.id).unwrap())
        .collect();
    all.sort_by(|a, b| a.id.0.cmp(&b.id.0));
    all
}

fn add_customers(store: &Store) {
    let mut wang = customer("王加密", "13812345678");
    wang.notes = Some("想要白色的途观".into());
    store.create_customer(&wang).unwrap();
    store
        .create_customer(&customer("李雷", "13987654321"))
        .unwrap();
}

#[test]
fn nothing_of_a_customer_is_readable_in_the_files_and_the_header_is_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let store = Store::open_encrypted(&path, &key(7)).unwrap();
    add_customers(&store);
    for bytes in [files(&path), {
        drop(store);
        files(&path)
    }] {
        assert!(bytes.len() > 4096);
        assert!(!bytes.starts_with(b"SQLite format 3\0"));
        for text in ["王加密", "13812345678", "想要白色", "李雷", "CREATE TABLE"] {
            assert!(!contains(&bytes, text), "{text} readable");
        }
    }
    let again = Store::open_encrypted(&path, &key(7)).unwrap();
    assert_eq!(customers(&again).len(), 2);
    let reader = Store::open_read_only_encrypted(&path, &key(7)).unwrap();
    assert_eq!(customers(&reader), customers(&again));
}

#[test]
fn a_wrong_key_fails_cleanly_and_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    add_customers(&Store::open_encrypted(&path, &key(7)).unwrap());
    let before = files(&path);
    for attempt in [
        Store::open_encrypted(&path, &key(8)).map(drop),
        Store::open_read_only_encrypted(&path, &key(8)).map(drop),
    ] {
        assert!(matches!(attempt, Err(StoreError::WrongKey)), "{attempt:?}");
    }
    assert!(matches!(
        Store::open(&path).map(drop),
        Err(StoreError::NotABook { .. })
    ));
    assert_eq!(files(&path), before, "the file changed");
    // A plain book opened with a key: the key does not open it either.
    let plain = dir.path().join("plain.sqlite3");
    add_customers(&Store::open(&plain).unwrap());
    let plain_before = files(&plain);
    assert!(matches!(
        Store::open_encrypted(&plain, &key(7)).map(drop),
        Err(StoreError::WrongKey)
    ));
    assert_eq!(files(&plain), plain_before);
}

#[test]
fn a_plain_book_is_encrypted_then_rekeyed_keeping_every_customer() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.sqlite3");
    let store = Store::open(&plain).unwrap();
    add_customers(&store);
    let expected = customers(&store);
    let encrypted = dir.path().join("encrypted.sqlite3");
    store.encrypted_copy_to(&encrypted, &key(1)).unwrap();
    assert!(!contains(&files(&encrypted), "王加密"));
    // A copy never overwrites a file.
    assert!(matches!(
        store.encrypted_copy_to(&encrypted, &key(1)),
        Err(StoreError::Invalid(v)) if v.field == "path"
    ));
    let opened = Store::open_encrypted(&encrypted, &key(1)).unwrap();
    assert_eq!(customers(&opened), expected);
    opened.rekey(&key(2)).unwrap();
    assert_eq!(
        customers(&opened),
        expected,
        "the reader follows the new key"
    );
    opened
        .create_customer(&customer("韩梅梅", "13700001111"))
        .unwrap();
    drop(opened);
    assert!(matches!(
        Store::open_encrypted(&encrypted, &key(1)).map(drop),
        Err(StoreError::WrongKey)
    ));
    let rekeyed = Store::open_encrypted(&encrypted, &key(2)).unwrap();
    assert_eq!(customers(&rekeyed).len(), 3);
    assert!(!contains(&files(&encrypted), "韩梅梅"));
}

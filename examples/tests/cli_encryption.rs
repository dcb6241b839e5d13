//! Encrypted books on the command line: `crm encrypt` turns a plain book into an encrypted
//! one in place, every command then needs `--key-file` (or CRM_KEY_FILE), a wrong key is
//! exit 2 and changes nothing, `crm rekey` changes the key. (`crm` built with the
//! `encryption` feature, as `cargo test --all-features` builds it.)
#![cfg(feature = "encryption")]

mod common;

use common::*;
use std::process::Command;

fn key_file(book: &Book, name: &str, byte: u8) -> String {
    let path = book.dir.path().join(name);
    std::fs::write(&path, format!("{}\n", format!("{byte:02x}").repeat(32))).unwrap();
    path.to_string_lossy().into_owned()
}

fn contains(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn a_plain_book_is_encrypted_in_place_then_needs_its_key() {
    let book = Book::new();
    book.json(&[
        "customer",
        "add",
        "--name",
        "王加密",
        "--phone",
        "138 1234 5678",
    ]);
    let key = key_file(&book, "book.key", 0x11);
    let encrypted = book.run(&["--json", "--key-file", &key, "encrypt"]);
    assert_eq!(code(&encrypted), 0, "{}", stderr(&encrypted));
    let report: serde_json::Value = serde_json::from_slice(&encrypted.stdout).unwrap();
    assert_eq!(report["customers"], 1);
    let bytes = std::fs::read(&book.db).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3\0"));
    assert!(!contains(&bytes, "王加密") && !contains(&bytes, "13812345678"));
    assert!(!book.dir.path().join("book.sqlite3.encrypting").exists());

    let without = book.run(&["customer", "list"]);
    assert_eq!(code(&without), 1, "{}", stderr(&without));
    assert!(
        one_line_error(&without).contains("encrypted"),
        "{}",
        stderr(&without)
    );
    let listed = book.run(&["--json", "--key-file", &key, "customer", "list"]);
    assert_eq!(code(&listed), 0, "{}", stderr(&listed));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("王加密"));
    let by_env = Command::new(env!("CARGO_BIN_EXE_crm"))
        .env("CRM_KEY_FILE", &key)
        .args([
            "--db",
            book.db.to_str().unwrap(),
            "--json",
            "customer",
            "add",
        ])
        .args(["--name", "李雷", "--phone", "139 8765 4321"])
        .output()
        .unwrap();
    assert_eq!(code(&by_env), 0, "{}", stderr(&by_env));

    let wrong = key_file(&book, "wrong.key", 0x22);
    let before = std::fs::read(&book.db).unwrap();
    let refused = book.run(&[
        "--key-file",
        &wrong,
        "customer",
        "add",
        "--name",
        "韩梅梅",
        "--phone",
        "137 0000 1111",
    ]);
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
    assert!(
        one_line_error(&refused).contains("key"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read(&book.db).unwrap(),
        before,
        "a wrong key changed the book"
    );
}

#[test]
fn rekey_changes_the_key_and_the_old_one_stops_working() {
    let book = Book::new();
    book.json(&[
        "customer",
        "add",
        "--name",
        "王加密",
        "--phone",
        "138 1234 5678",
    ]);
    let old = key_file(&book, "old.key", 0x33);
    let new = key_file(&book, "new.key", 0x44);
    assert_eq!(code(&book.run(&["--key-file", &old, "encrypt"])), 0);
    let rekeyed = book.run(&[
        "--json",
        "--key-file",
        &old,
        "rekey",
        "--new-key-file",
        &new,
    ]);
    assert_eq!(code(&rekeyed), 0, "{}", stderr(&rekeyed));
    assert_eq!(
        code(&book.run(&["--key-file", &old, "customer", "list"])),
        2
    );
    assert_eq!(
        code(&book.run(&["--key-file", &new, "customer", "list"])),
        0
    );
}

#[test]
fn encrypt_needs_a_key_file_and_a_malformed_key_is_named() {
    let book = Book::new();
    book.json(&[
        "customer",
        "add",
        "--name",
        "王加密",
        "--phone",
        "138 1234 5678",
    ]);
    let missing = book.run(&["encrypt"]);
    assert_eq!(code(&missing), 2, "{}", stderr(&missing));
    assert!(one_line_error(&missing).contains("--key-file"));
    let short = book.dir.path().join("short.key");
    std::fs::write(&short, "abcd").unwrap();
    let malformed = book.run(&["--key-file", short.to_str().unwrap(), "encrypt"]);
    assert_eq!(code(&malformed), 2, "{}", stderr(&malformed));
    assert!(
        one_line_error(&malformed).contains("key"),
        "{}",
        stderr(&malformed)
    );
    // Nothing happened to the plain book.
    assert!(std::fs::read(&book.db)
        .unwrap()
        .starts_with(b"SQLite format 3\0"));
}

//! The book's file through `crm`: read commands never write, other programs' files are left
//! alone, a locked book is exit 5, `backup` and `upgrade`, and no log is left behind.

mod common;

use common::*;
use std::path::Path;

fn add(book: &Book, name: &str, phone: &str) -> String {
    id_of(&book.json(&[
        "customer", "add", "--name", name, "--phone", phone, "--source", "walk-in",
    ]))
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn log_of(path: &Path) -> std::path::PathBuf {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    log.into()
}

#[test]
fn read_commands_leave_the_file_byte_for_byte_as_it_was() {
    let book = Book::new();
    let id = add(&book, "张三", "13800138000");
    let before = bytes(&book.db);
    for args in [
        vec!["customer", "show", id.as_str()],
        vec!["customer", "list"],
        vec!["search", "张三"],
        vec!["overview"],
        vec!["agenda"],
        vec!["timeline", id.as_str()],
        vec!["report", "funnel"],
        vec!["care", "list"],
        vec!["template", "list"],
    ] {
        let out = book.run(&args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(bytes(&book.db) == before, "{args:?} changed the file");
        // A read-only connection may leave an empty log beside the file (it cannot
        // remove one), never one with data in it.
        let log = std::fs::metadata(log_of(&book.db)).map_or(0, |m| m.len());
        assert_eq!(log, 0, "{args:?} left a log with data");
    }
}

#[test]
fn another_programs_database_is_refused_and_untouched() {
    let book = Book::new();
    let conn = rusqlite::Connection::open(&book.db).unwrap();
    conn.execute_batch("CREATE TABLE a (x); CREATE TABLE b (y); INSERT INTO a VALUES (1);")
        .unwrap();
    drop(conn);
    let before = bytes(&book.db);
    for args in [
        vec!["customer", "list"],
        vec!["overview"],
        vec![
            "customer",
            "add",
            "--name",
            "张三",
            "--phone",
            "13800138000",
            "--source",
            "walk-in",
        ],
    ] {
        let out = book.run(&args);
        assert_eq!(code(&out), 1, "{args:?}");
        assert!(one_line_error(&out).contains("not a dealer-crm book"));
        assert!(bytes(&book.db) == before, "{args:?} changed the file");
    }
}

#[test]
fn reading_an_empty_file_creates_no_schema_in_it() {
    let book = Book::new();
    std::fs::write(&book.db, b"").unwrap();
    let out = book.run(&["customer", "list"]);
    assert_eq!(code(&out), 1);
    assert!(one_line_error(&out).contains("not a dealer-crm book"));
    assert_eq!(std::fs::metadata(&book.db).unwrap().len(), 0);
}

#[test]
fn a_locked_book_is_exit_5_and_nothing_is_written() {
    let book = Book::new();
    add(&book, "张三", "13800138000");
    let conn = rusqlite::Connection::open(&book.db).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let out = book.run(&[
        "customer",
        "add",
        "--name",
        "李四",
        "--phone",
        "13900139000",
        "--source",
        "walk-in",
    ]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(one_line_error(&out).contains("try again"));
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    assert_eq!(book.json(&["customer", "list"]).items().unwrap().len(), 1);
}

#[test]
fn backup_writes_a_complete_book_and_never_overwrites() {
    let book = Book::new();
    let id = add(&book, "张三", "13800138000");
    add(&book, "李四", "13900139000");
    let copy = book.dir.path().join("copy.sqlite3");
    let report = book.json(&["backup", copy.to_str().unwrap()]);
    assert_eq!(report["customers"], 2);
    let shown = json_of(book.dir.path(), &copy, &["customer", "show", &id]);
    assert_eq!(shown["name"], "张三");
    // The file is there already: a conflict (exit 4) naming the path option.
    let again = book.run(&["backup", copy.to_str().unwrap()]);
    assert_eq!(code(&again), 4);
    assert!(one_line_error(&again).contains("path"));
}

#[test]
fn a_book_that_needs_an_upgrade_is_read_after_crm_upgrade() {
    let book = Book::new();
    let conn = rusqlite::Connection::open(&book.db).unwrap();
    conn.execute_batch(include_str!("../../crm-store/tests/schemas/v1.sql"))
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    drop(conn);
    let out = book.run(&["customer", "list"]);
    assert_eq!(code(&out), 1);
    assert!(one_line_error(&out).contains("crm upgrade"));
    let upgraded = book.json(&["upgrade"]);
    assert!(upgraded["schema_version"].as_u64().unwrap() > 1);
    assert_eq!(code(&book.run(&["customer", "list"])), 0);
}

#[test]
fn two_hundred_adds_leave_no_log_and_a_small_file() {
    let book = Book::new();
    for i in 0..200 {
        let out = book.run(&[
            "customer",
            "add",
            "--name",
            &format!("客户{i}"),
            "--phone",
            &format!("139{i:08}"),
            "--source",
            "walk-in",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(!log_of(&book.db).exists(), "add {i} left a log");
    }
    let size = std::fs::metadata(&book.db).unwrap().len();
    assert!(size < 4 * 1024 * 1024, "{size} bytes for 200 customers");
}

//! `crm sync rejections|dismiss`: the changes the server refused, as the book keeps them,
//! read and dismissed offline.

mod common;

use common::{code, Book};
use crm_core::sync::{Rejection, UploadResult};
use serde_json::Value;

/// A book with one customer whose queued changes the server answered, refusing the first.
fn refused_book() -> (Book, u64) {
    let book = Book::new();
    let added = book.run(&[
        "customer",
        "add",
        "--name",
        "被拒客户",
        "--phone",
        "13800007777",
    ]);
    assert_eq!(code(&added), 0);
    let store = crm_store::Store::open(&book.db).unwrap();
    let upload = store.pending_upload(500).unwrap();
    let first = &upload.changes[0];
    store
        .acknowledge(&UploadResult {
            acknowledged_through: upload.changes.last().unwrap().op_id,
            rejected: vec![Rejection {
                op_id: first.op_id,
                entity: first.entity,
                id: first.id.clone(),
                reason: "forbidden: the customer belongs to another consultant".into(),
                current: None,
            }],
        })
        .unwrap();
    (book, first.op_id)
}

#[test]
fn rejections_are_listed_in_json_and_in_both_languages_until_dismissed() {
    let (book, op_id) = refused_book();
    let kept = book.json(&["sync", "rejections"]);
    let kept = kept.as_array().unwrap();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let one = kept[0].as_object().unwrap();
    let mut keys: Vec<&str> = one.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["at", "entity", "id", "kind", "op_id", "reason"]);
    assert_eq!(one["op_id"], op_id);
    assert_eq!(one["entity"], "customers");
    assert_eq!(one["kind"], "refused");
    assert_eq!(
        one["reason"],
        "forbidden: the customer belongs to another consultant"
    );

    let en = book.run(&["--lang", "en", "sync", "rejections"]);
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.starts_with(&format!("#{op_id} ")), "{en}");
    assert!(
        en.ends_with(" (refused): forbidden: the customer belongs to another consultant\n"),
        "{en}"
    );
    let zh = book.run(&["--lang", "zh", "sync", "rejections"]);
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(zh.contains("（被拒绝）：forbidden"), "{zh}");

    let dismissed = book.json(&["sync", "dismiss", &op_id.to_string()]);
    assert_eq!(dismissed["dismissed"], op_id);
    assert_eq!(book.json(&["sync", "rejections"]), Value::Array(vec![]));
    let en = book.run(&["--lang", "en", "sync", "rejections"]);
    assert_eq!(
        String::from_utf8(en.stdout).unwrap(),
        "No refused changes.\n"
    );
    let zh = book.run(&["sync", "rejections"]);
    assert_eq!(
        String::from_utf8(zh.stdout).unwrap(),
        "没有被拒绝的更改。\n"
    );

    let again = book.run(&["sync", "dismiss", &op_id.to_string()]);
    assert_eq!(code(&again), 3, "no such rejection any more");
}

#[test]
fn sync_without_a_subcommand_still_needs_the_server_and_the_token() {
    let book = Book::new();
    let bare = book.run(&["sync", "--server", "http://127.0.0.1:9"]);
    assert_eq!(code(&bare), 2);
    assert!(String::from_utf8_lossy(&bare.stderr).contains("--token"));
    let mixed = book.run(&["sync", "--server", "http://127.0.0.1:9", "rejections"]);
    assert_eq!(code(&mixed), 2, "a subcommand takes no server");
}

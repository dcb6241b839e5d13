//! `crm customer export`: a person's data on request, as the library's JSON document,
//! named like every other customer command, JSON even without `--json`.

mod common;

use common::*;

#[test]
fn a_customer_is_exported_by_name_as_one_json_document_of_their_data() {
    let book = Book::new();
    let wang = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "王导出",
        "--phone",
        "138 0013 8123",
        "--notes",
        "想要白色",
    ]));
    book.json(&[
        "customer",
        "add",
        "--name",
        "李别人",
        "--phone",
        "139 0013 9123",
    ]);
    let out = book.run(&["customer", "export", "王导出"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "dealer-crm.customer-export");
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["customer"]["id"], wang.as_str());
    assert_eq!(doc["customer"]["notes"], "想要白色");
    assert_eq!(doc["timeline"][0]["entry"]["event"], "customer_created");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("李别人"));
    // Instants with milliseconds, as every JSON of the tool: 2026-12-07T08:00:00.123Z.
    let at = doc["exported_at"].as_str().unwrap();
    assert_eq!((at.len(), &at[19..20], &at[23..]), (24, ".", "Z"), "{at}");
    let missing = book.run(&["customer", "export", "没有这个人"]);
    assert_eq!(code(&missing), 3, "{}", stderr(&missing));
}

//! `crm customer erase` and `crm retention`: a person's data erased on request, named like
//! every other customer command, and the dealership's retention rule.

mod common;

use common::*;

#[test]
fn a_customer_is_erased_by_name_leaving_a_tombstone_and_no_byte_in_the_file() {
    let book = Book::new();
    let wang = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "王清除",
        "--phone",
        "138 0013 8555",
        "--notes",
        "想要白色的途观L",
    ]));
    book.json(&[
        "customer",
        "add",
        "--name",
        "李留下",
        "--phone",
        "139 0013 9555",
    ]);
    let empty = book.run(&["customer", "erase", "王清除", "--reason", " "]);
    assert_eq!(code(&empty), 2, "{}", stderr(&empty));
    assert!(stderr(&empty).contains("--reason"), "{}", stderr(&empty));
    let missing = book.run(&["customer", "erase", MISSING, "--reason", "客户要求删除"]);
    assert_eq!(code(&missing), 3, "{}", stderr(&missing));

    let erased = book.json(&["customer", "erase", "王清除", "--reason", "客户要求删除"]);
    assert_eq!(erased["erased"], wang.as_str());
    assert_eq!(erased["orders_kept"], 0);
    assert_eq!(erased["file_cleaned"], true);
    let bytes = std::fs::read(&book.db).unwrap();
    for secret in ["王清除", "13800138555", "想要白色的途观L"] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret}"
        );
    }
    let log = book.json(&["deletions"]);
    let tombstone = &log.items().unwrap()[0];
    assert_eq!(tombstone["id"], wang.as_str());
    assert_eq!(tombstone["kind"], "erased");
    assert_eq!(tombstone["reason"], "客户要求删除");
    let text = book.run(&[
        "--lang",
        "en",
        "customer",
        "erase",
        "李留下",
        "--reason",
        "test",
    ]);
    let said = String::from_utf8(text.stdout).unwrap();
    assert!(said.starts_with("erased customer "), "{said}");
}

#[test]
fn the_retention_rule_is_off_by_default_set_in_months_and_run_dry_or_for_real() {
    let book = Book::new();
    book.json(&[
        "customer",
        "add",
        "--name",
        "李留下",
        "--phone",
        "139 0013 9555",
    ]);
    let settings = book.json(&["settings"]);
    assert_eq!(
        settings["retention"]["erase_lost_or_dormant_after_months"],
        serde_json::Value::Null
    );
    let bad = book.run(&["retention", "set", "--months", "0"]);
    assert_eq!(code(&bad), 2, "{}", stderr(&bad));
    assert!(stderr(&bad).contains("--months"), "{}", stderr(&bad));
    let set = book.json(&["retention", "set", "--months", "24"]);
    assert_eq!(set["erase_lost_or_dormant_after_months"], 24);
    let dry = book.json(&["retention", "run", "--dry-run"]);
    assert_eq!(
        (dry["dry_run"].clone(), dry["erased"].clone()),
        (true.into(), serde_json::json!([]))
    );
    let run = book.json(&["retention", "run"]);
    assert_eq!(run["erased"], serde_json::json!([]));
    assert_eq!(book.json(&["customer", "list"]).items().unwrap().len(), 1);
    let off = book.json(&["retention", "set", "--off"]);
    assert_eq!(
        off["erase_lost_or_dormant_after_months"],
        serde_json::Value::Null
    );
    let neither = book.run(&["retention", "set"]);
    assert_eq!(code(&neither), 2);
}

#[test]
fn the_accounts_list_the_erased_customers_orders() {
    let book = Book::new();
    let id = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "王下单",
        "--phone",
        "138 0013 8666",
    ]));
    book.json(&[
        "order",
        "place",
        &id,
        "--model",
        "途观L",
        "--price",
        "200000",
        "--discount",
        "5000",
    ]);
    assert_eq!(book.json(&["order", "erased"]).items().unwrap().len(), 0);
    book.json(&["customer", "erase", &id, "--reason", "客户要求删除"]);
    let kept = book.json(&["order", "erased"]);
    let kept = kept.items().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["vehicle"]["model"], "途观L");
    assert_eq!(kept[0]["price"], 20_000_000);
    assert_eq!(kept[0]["status"], "active");
    assert!(kept[0].get("customer_id").is_none());
    let text = book.run(&["--lang", "en", "order", "erased"]);
    let said = String::from_utf8(text.stdout).unwrap();
    assert!(
        said.contains("途观L") && said.contains("¥195000.00"),
        "{said}"
    );
}

//! `crm` and who did what, run for real in a temporary folder: the timeline shows each
//! change's author and device and every changed field old → new, in Chinese and in English;
//! `crm deletions` lists a deleted and a merged customer, without their personal data.

mod common;

use common::*;
use crm_core::sync::UserRole;
use crm_store::Store;

impl Book {
    fn add(&self, name: &str, phone: &str) -> String {
        let c = self.json(&["customer", "add", "--name", name, "--phone", phone]);
        c["id"].as_str().expect("id").to_owned()
    }

    fn text(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(code(&out), 0, "{args:?} failed: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// This book's device id.
    fn device(&self) -> String {
        Store::open(&self.db).unwrap().device_id().unwrap()
    }
}

#[test]
fn the_timeline_shows_who_which_device_and_each_field_old_to_new() {
    let book = Book::new();
    let id = book.add("王芳", "13800138000");
    Store::open(&book.db)
        .unwrap()
        .set_sync_user("u-c01", "张伟", UserRole::Consultant, Some("t1"))
        .unwrap();
    book.json(&[
        "customer",
        "edit",
        &id,
        "--name",
        "王芳芳",
        "--occupation",
        "教师",
    ]);
    let device = book.device();

    let zh = book.text(&["timeline", &id, "--lang", "zh"]);
    let mut lines = zh.lines();
    let edit = lines.next().unwrap();
    assert!(edit.contains("u-c01"), "{zh}");
    assert!(edit.contains(&format!("[{}]", &device[..6])), "{zh}");
    assert!(edit.contains("修改了 姓名、职业"), "{zh}");
    assert_eq!(lines.next().unwrap().trim(), "姓名: 王芳 → 王芳芳", "{zh}");
    assert_eq!(lines.next().unwrap().trim(), "职业: – → 教师", "{zh}");
    let created = lines.next().unwrap();
    assert!(created.contains("建档"), "{zh}");
    assert!(
        !created.contains("u-c01"),
        "created before the book's user was known: {zh}"
    );

    let en = book.text(&["timeline", &id, "--lang", "en"]);
    assert!(en.contains("changed name, occupation"), "{en}");
    assert!(en.contains("name: 王芳 → 王芳芳"), "{en}");
    assert!(en.contains("occupation: – → 教师"), "{en}");
    assert!(en.contains("customer created"), "{en}");

    let json = book.json(&["timeline", &id]);
    let newest = &json.items().unwrap()[0];
    assert_eq!(newest["author"], "u-c01");
    assert_eq!(newest["device"], device.as_str());
    assert_eq!(newest["entry"]["changes"][0]["old"]["value"], "王芳");
    assert_eq!(newest["entry"]["changes"][0]["new"]["value"], "王芳芳");
}

#[test]
fn deletions_lists_deleted_and_merged_customers_without_their_data() {
    let book = Book::new();
    let gone = book.add("张三", "13800000001");
    let none = book.json(&["deletions"]);
    assert!(none.items().unwrap().is_empty());
    assert!(book
        .text(&["deletions", "--lang", "en"])
        .contains("no deletions"));

    let keep = book.add("李四", "13800000002");
    let other = book.add("李四四", "13800000003");
    book.json(&["customer", "delete", &gone]);
    book.json(&["customer", "merge", &keep, &other]);
    let device = book.device();

    let json = book.json(&["deletions"]);
    let items = json.items().unwrap();
    assert_eq!(items.len(), 2, "{json}");
    let of = |id: &str| items.iter().find(|d| d["id"] == id).expect(id);
    assert_eq!(of(&gone)["kind"], "deleted");
    assert_eq!(of(&gone)["entity"], "customer");
    assert_eq!(of(&other)["kind"], "merged");
    assert_eq!(of(&other)["merged_into"], keep.as_str());
    assert!(items.iter().all(|d| d["device"] == device.as_str()));
    for personal in ["张三", "李四四", "13800000001", "13800000003"] {
        assert!(!json.to_string().contains(personal), "{json}");
    }

    let zh = book.text(&["deletions", "--lang", "zh"]);
    assert!(zh.contains(&format!("客户 {gone} 删除")), "{zh}");
    assert!(zh.contains(&format!("客户 {other} 合并 → {keep}")), "{zh}");
    let en = book.text(&["deletions", "--lang", "en"]);
    assert!(en.contains(&format!("customer {gone} deleted")), "{en}");
    assert!(en.contains(&format!("device {device}")), "{en}");

    // Paged like every list: one a page, the cursor on stderr.
    let first = book.run(&["deletions", "--limit", "1"]);
    let next = stderr(&first);
    let cursor = next.trim().strip_prefix("next: ").expect("a next cursor");
    let rest = book.json(&["deletions", "--limit", "1", "--after", cursor]);
    assert_eq!(rest.items().unwrap().len(), 1);
    assert_eq!(code(&book.run(&["deletions", "--after", "!!"])), 2);
}

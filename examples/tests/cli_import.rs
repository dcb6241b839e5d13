//! `crm import customers`: a GBK sheet imported with its report on stdout (the JSON is
//! the report), exit status 2 when rows were refused, the same file again does nothing,
//! a dry run writes nothing, `crm imports list` and `crm import undo`.

mod common;

use common::*;
use serde_json::{json, Value};

const SHEET: &str = "\
姓名,手机,微信,性别,生日,来源,身份证号
张三,138 1234 5678,,男,1990/3/5,展厅到店,x

李四,13900000001,lisi_88,女,32937,转介绍: 王五,
张三,13812345678,zhangsan_wx,,,,
王六,13700000002,,,1990-13-01,,
";

impl Book {
    /// Writes `SHEET` in GBK beside the book and returns its path.
    fn sheet(&self) -> String {
        let path = self.dir.path().join("客户.csv");
        std::fs::write(&path, encoding_rs::GBK.encode(SHEET).0).unwrap();
        path.to_string_lossy().into_owned()
    }
}

fn report(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("the report on stdout")
}

#[test]
fn a_sheet_with_refused_rows_is_imported_with_its_report_and_exit_status_2() {
    let book = Book::new();
    let sheet = book.sheet();
    let out = book.run(&[
        "--json",
        "import",
        "customers",
        &sheet,
        "--on-duplicate",
        "merge",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let r = report(&out);
    let id = r["import_id"].as_str().unwrap().to_owned();
    assert_eq!(
        r,
        json!({
            "import_id": id,
            "file_name": "客户.csv",
            "rows": 4,
            "created": 2,
            "updated": 0,
            "merged": 1,
            "skipped_duplicates": 0,
            "errors": [{
                "row": 6,
                "column": "生日",
                "value": "1990-13-01",
                "reason": "is not a date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or an Excel serial number"
            }],
            "unknown_columns": ["身份证号"],
            "already_imported": false,
            "written": true
        })
    );
    assert!(stderr(&out).contains("1 rows refused"));
    let customers = book.json(&["customer", "list"]);
    assert_eq!(customers.items().unwrap().len(), 2);

    // The same file again: nothing done, exit 0.
    let again = book.json(&["import", "customers", &sheet]);
    assert_eq!(again["already_imported"], json!(true));
    assert_eq!(again["import_id"], json!(id));

    let list = book.json(&["imports", "list"]);
    let items = list.items().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0]["created"].clone(), items[0]["refused"].clone()),
        (json!(2), json!(1))
    );

    let undone = book.json(&["import", "undo", &id]);
    assert_eq!(undone["removed"], json!(2));
    assert!(book.json(&["customer", "list"]).items().unwrap().is_empty());
    let text = String::from_utf8(book.run(&["imports", "list"]).stdout).unwrap();
    assert!(text.contains("已撤销"), "{text}");
}

#[test]
fn a_dry_run_and_an_all_or_nothing_import_with_refused_rows_write_nothing() {
    let book = Book::new();
    let sheet = book.sheet();
    for flag in ["--dry-run", "--all-or-nothing"] {
        let out = book.run(&["--json", "import", "customers", &sheet, flag]);
        assert_eq!(code(&out), 2, "{flag}");
        let r = report(&out);
        assert_eq!(
            (r["written"].clone(), r["import_id"].clone()),
            (json!(false), Value::Null)
        );
        assert_eq!(
            (r["created"].clone(), r["skipped_duplicates"].clone()),
            (json!(2), json!(1))
        );
        assert!(stderr(&out).contains("nothing was written"), "{flag}");
    }
    assert!(book.json(&["imports", "list"]).items().unwrap().is_empty());
    assert!(book.json(&["customer", "list"]).items().unwrap().is_empty());
}

#[test]
fn a_sheet_every_row_of_which_goes_in_exits_0_and_a_sheet_without_names_exits_2() {
    let book = Book::new();
    let good = book.dir.path().join("good.csv");
    std::fs::write(&good, "Name\tMobile\n周十\t13312345678\n").unwrap();
    let good = good.to_string_lossy().into_owned();
    let out = book.run(&["import", "customers", &good]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("新建 1"));

    let bad = book.dir.path().join("bad.csv");
    std::fs::write(&bad, "客户,手机\n周十,13312345679\n").unwrap();
    let out = book.run(&["import", "customers", &bad.to_string_lossy()]);
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).contains("no column holds the name"));

    let mapping = book.dir.path().join("m.json");
    std::fs::write(&mapping, r#"{"客户": "name"}"#).unwrap();
    let out = book.run(&[
        "import",
        "customers",
        &bad.to_string_lossy(),
        "--mapping",
        &mapping.to_string_lossy(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn a_follow_up_sheet_is_imported_into_the_customers_its_phones_name() {
    let book = Book::new();
    let sheet = book.sheet();
    book.run(&["import", "customers", &sheet]);
    let path = book.dir.path().join("跟进.csv");
    std::fs::write(
        &path,
        "手机,跟进时间,跟进方式,跟进内容\n13812345678,2026-01-05 10:00,电话,来电问价\n13000000000,2026-01-06,,没有这个客户\n",
    )
    .unwrap();
    let out = book.run(&["--json", "import", "follow-ups", &path.to_string_lossy()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let r = report(&out);
    assert_eq!(
        (r["rows"].clone(), r["imported"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(r["errors"][0]["row"], json!(3));
    assert_eq!(r["errors"][0]["column"], json!("手机"));
}

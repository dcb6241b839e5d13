//! Importing customer sheets: a GBK CSV with a Chinese header, blank lines, duplicates,
//! bad dates, Excel serials and a phone with spaces; an .xlsx written by the test; exact
//! reports; the duplicate policies; dry runs, all-or-nothing, re-imports and undo.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{customer, dump, test_store, TestStore};
use crm_core::spreadsheet::{ColumnMapping, LayoutError, RowError};
use crm_core::{ContactInput, ContactKind, Customer, CustomerPatch, Gender, IntentLevel};
use crm_store::{
    DuplicateHolder, DuplicatePolicy, ImportError, ImportOptions, ImportProgress, ImportReport,
    SheetInput,
};

/// The sheet an old CRM exported: GBK, no byte-order mark, Chinese header with a column
/// the app does not know, a blank line, a row of empty cells, one person on two rows (the
/// phone typed two ways), a bad date, a bad phone, dates in four spellings and a serial.
const SHEET: &str = "\
姓名,手机,微信,性别,生日,来源,意向级别,标签,备注,登记日期,身份证号
张三,138 1234 5678,,男,1990/3/5,展厅到店,H,VIP,,2024年3月5日,110101199003051234

李四,13900000001,lisi_88,女,32937,网络平台: 汽车之家,,,,2024-03-05,
张三,+86 13812345678,zhangsan_wx,,,,,置换,周末来,,
王五,13700000002,,,1990-13-01,,,,,,
赵六,12345,,,,,,,,,
,,,,,,,,,,
钱七,13600000003,,,,,,,,2024.3.5,
";

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn sheet_input() -> SheetInput {
    SheetInput::Bytes {
        name: "老客户.csv".into(),
        bytes: gbk(SHEET),
    }
}

fn options(policy: DuplicatePolicy) -> ImportOptions {
    ImportOptions {
        on_duplicate: policy,
        ..ImportOptions::default()
    }
}

fn import(t: &TestStore, input: &SheetInput, options: &ImportOptions) -> ImportReport {
    t.store
        .import_customer_sheet(input, options, &mut |_| {})
        .unwrap()
}

fn error(row: u64, column: &str, value: &str, reason: &str) -> RowError {
    RowError {
        row,
        column: column.into(),
        value: value.into(),
        reason: reason.into(),
    }
}

/// The two refusals of [`SHEET`], by row as a spreadsheet numbers it (the header is 1).
fn sheet_errors() -> Vec<RowError> {
    vec![
        error(
            6,
            "生日",
            "1990-13-01",
            "is not a date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or an Excel serial number",
        ),
        error(
            7,
            "手机",
            "12345",
            "contacts[0].value is not a mobile number (11 digits starting 13-19, or +country code)",
        ),
    ]
}

fn by_phone(t: &TestStore, phone: &str) -> Option<Customer> {
    let found = t
        .store
        .check_duplicates(&[ContactInput::new(ContactKind::Mobile, phone)])
        .unwrap();
    found.into_iter().next().map(|d| match d.holder {
        DuplicateHolder::Customer(id) => t.store.get_customer(&id).unwrap(),
        DuplicateHolder::AnotherConsultant => panic!("not in this book"),
    })
}

#[test]
fn a_gbk_sheet_is_imported_with_an_exact_report() {
    let t = test_store();
    let mut seen: Vec<ImportProgress> = Vec::new();
    let report = t
        .store
        .import_customer_sheet(&sheet_input(), &options(DuplicatePolicy::Merge), &mut |p| {
            seen.push(p)
        })
        .unwrap();
    let import_id = report.import_id.clone().expect("written");
    assert_eq!(
        report,
        ImportReport {
            import_id: Some(import_id.clone()),
            file_name: "老客户.csv".into(),
            rows: 6,
            created: 3,
            updated: 0,
            merged: 1,
            skipped_duplicates: 0,
            errors: sheet_errors(),
            unknown_columns: vec!["身份证号".into()],
            already_imported: false,
            written: true,
        }
    );
    assert_eq!(seen.last(), Some(&ImportProgress { done: 7, total: 7 }));
    assert_eq!(t.store.count_customers(true).unwrap(), 3);

    let zhang = by_phone(&t, "13812345678").unwrap();
    assert_eq!(zhang.profile.name, "张三");
    let keys: Vec<&str> = zhang
        .profile
        .contacts
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(keys, vec!["+8613812345678", "zhangsan_wx"]);
    assert_eq!(zhang.profile.contacts[0].value, "138 1234 5678");
    assert_eq!(zhang.profile.gender, Gender::Male);
    assert_eq!(zhang.profile.birthday, NaiveDate::from_ymd_opt(1990, 3, 5));
    assert_eq!(zhang.profile.tags, vec!["VIP", "置换"]);
    assert_eq!(zhang.profile.notes.as_deref(), Some("周末来"));
    assert_eq!(zhang.intent_level, IntentLevel::H);
    // Created at the dealership's midnight of 2024-03-05 (Asia/Shanghai, UTC+8).
    assert_eq!(
        zhang.created_at,
        Utc.with_ymd_and_hms(2024, 3, 4, 16, 0, 0).unwrap()
    );

    let li = by_phone(&t, "13900000001").unwrap();
    assert_eq!(
        li.profile.birthday,
        NaiveDate::from_ymd_opt(1990, 3, 5),
        "Excel serial"
    );
    assert_eq!(li.profile.source.kind_name(), "online_platform");
    assert_eq!(li.intent_level, IntentLevel::N);
    assert!(by_phone(&t, "13600000003").is_some());
    assert!(by_phone(&t, "13700000002").is_none());

    let listed = t.store.list_imports().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (
            listed[0].id.as_str(),
            listed[0].created,
            listed[0].merged,
            listed[0].refused
        ),
        (import_id.as_str(), 3, 1, 2)
    );
    assert_eq!(listed[0].undone_at, None);
}

#[test]
fn the_same_file_again_creates_nothing_and_says_so() {
    let t = test_store();
    let first = import(&t, &sheet_input(), &options(DuplicatePolicy::Merge));
    let before = dump(&t.path, &["customers", "contacts", "imports"]);
    let again = import(&t, &sheet_input(), &options(DuplicatePolicy::Merge));
    assert_eq!(
        again,
        ImportReport {
            import_id: first.import_id,
            file_name: "老客户.csv".into(),
            already_imported: true,
            ..ImportReport::default()
        }
    );
    assert_eq!(dump(&t.path, &["customers", "contacts", "imports"]), before);
}

#[test]
fn a_dry_run_reports_the_same_and_writes_nothing() {
    let t = test_store();
    let before = dump(&t.path, &["customers", "contacts", "imports", "timeline"]);
    let dry = import(
        &t,
        &sheet_input(),
        &ImportOptions {
            dry_run: true,
            ..options(DuplicatePolicy::Merge)
        },
    );
    assert_eq!(
        dump(&t.path, &["customers", "contacts", "imports", "timeline"]),
        before
    );
    assert_eq!((dry.written, dry.import_id.clone()), (false, None));
    let real = import(&t, &sheet_input(), &options(DuplicatePolicy::Merge));
    assert_eq!(
        dry,
        ImportReport {
            written: false,
            import_id: None,
            ..real
        }
    );
}

#[test]
fn all_or_nothing_writes_nothing_when_a_row_is_refused() {
    let t = test_store();
    let report = import(
        &t,
        &sheet_input(),
        &ImportOptions {
            all_or_nothing: true,
            ..options(DuplicatePolicy::Merge)
        },
    );
    assert_eq!(report.errors, sheet_errors());
    assert!(!report.written);
    assert_eq!(t.store.count_customers(true).unwrap(), 0);
    assert!(t.store.list_imports().unwrap().is_empty());
    // The sheet without its bad rows goes in whole.
    let good: String = SHEET
        .lines()
        .filter(|l| !l.starts_with("王五") && !l.starts_with("赵六"))
        .map(|l| format!("{l}\n"))
        .collect();
    let report = import(
        &t,
        &SheetInput::Bytes {
            name: "good.csv".into(),
            bytes: gbk(&good),
        },
        &ImportOptions {
            all_or_nothing: true,
            ..options(DuplicatePolicy::Merge)
        },
    );
    assert!(report.written && report.errors.is_empty());
    assert_eq!(t.store.count_customers(true).unwrap(), 3);
}

#[test]
fn duplicates_of_the_book_are_skipped_filled_or_merged_as_asked() {
    for (policy, expect) in [
        (DuplicatePolicy::Skip, (0, 0, 2)),
        (DuplicatePolicy::UpdateEmpty, (1, 0, 1)),
        (DuplicatePolicy::Merge, (0, 1, 1)),
    ] {
        let t = test_store();
        let mut existing = customer("张三", "13812345678");
        existing.tags = vec!["老客户".into()];
        let existing = t.store.create_customer(&existing).unwrap();
        let sheet =
            "姓名,手机,微信,性别,标签\n张先生,13812345678,zs_wechat,男,VIP\n张三,13812345678,,,\n";
        let report = import(
            &t,
            &SheetInput::Bytes {
                name: "s.csv".into(),
                bytes: sheet.as_bytes().to_vec(),
            },
            &options(policy),
        );
        assert_eq!(
            (report.updated, report.merged, report.skipped_duplicates),
            expect,
            "{policy:?}"
        );
        assert_eq!(report.created, 0);
        let now = t.store.get_customer(&existing.id).unwrap();
        assert_eq!(now.profile.name, "张三", "the book's fields win");
        match policy {
            DuplicatePolicy::Skip => assert_eq!(now, existing),
            DuplicatePolicy::UpdateEmpty => {
                assert_eq!(now.profile.gender, Gender::Male);
                assert_eq!(now.profile.contacts.len(), 1, "contacts stay");
                assert_eq!(now.profile.tags, vec!["老客户"]);
            }
            DuplicatePolicy::Merge => {
                assert_eq!(now.profile.gender, Gender::Male);
                assert_eq!(now.profile.contacts.len(), 2);
                assert_eq!(now.profile.tags, vec!["老客户", "VIP"]);
            }
        }
    }
}

#[test]
fn a_row_whose_contacts_belong_to_two_customers_is_refused() {
    let t = test_store();
    t.store
        .create_customer(&customer("甲", "13812345678"))
        .unwrap();
    let mut b = customer("乙", "13900000001");
    b.contacts
        .push(ContactInput::new(ContactKind::Wechat, "yi_wechat"));
    t.store.create_customer(&b).unwrap();
    let sheet = "姓名,手机,微信\n丙,13812345678,yi_wechat\n";
    let report = import(
        &t,
        &SheetInput::Bytes {
            name: "s.csv".into(),
            bytes: sheet.as_bytes().to_vec(),
        },
        &options(DuplicatePolicy::Merge),
    );
    assert_eq!(
        report.errors,
        vec![error(
            2,
            "微信",
            "yi_wechat",
            "belongs to another customer than the 手机 of this row"
        )]
    );
    assert_eq!((report.merged, report.created), (0, 0));
}

#[test]
fn an_xlsx_with_dates_and_numbers_as_excel_keeps_them_is_imported() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["客户姓名", "手机号", "生日", "意向车型", "来源"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "孙八").unwrap();
    sheet.write_number(1, 1, 13512345678.0).unwrap();
    let birthday = ExcelDateTime::from_ymd(1988, 8, 8).unwrap();
    sheet
        .write_datetime_with_format(1, 2, &birthday, &date)
        .unwrap();
    sheet.write_string(1, 3, "途观L").unwrap();
    sheet.write_string(1, 4, "auto show").unwrap();
    sheet.write_string(2, 0, "周九").unwrap();
    sheet.write_string(2, 1, "135 0000 0001").unwrap();
    sheet.write_string(2, 2, "1988年13月1日").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let t = test_store();
    let report = import(
        &t,
        &SheetInput::Bytes {
            name: "book.xlsx".into(),
            bytes,
        },
        &ImportOptions::default(),
    );
    assert_eq!((report.rows, report.created), (2, 1));
    assert_eq!(
        report.errors,
        vec![error(
            3,
            "生日",
            "1988年13月1日",
            "is not a date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or an Excel serial number"
        )]
    );
    let sun = by_phone(&t, "13512345678").unwrap();
    assert_eq!(sun.profile.birthday, NaiveDate::from_ymd_opt(1988, 8, 8));
    assert_eq!(sun.profile.source.kind_name(), "auto_show");
    let intents = t.store.intents_of(&sun.id).unwrap();
    assert_eq!(intents.len(), 1);
    assert_eq!(intents[0].intent.model.as_deref(), Some("途观L"));
}

#[test]
fn utf8_with_a_bom_and_semicolons_or_tabs_is_read_too() {
    for (sep, bom) in [(";", true), ("\t", false), (",", true)] {
        let t = test_store();
        let text = format!(
            "{}Name{sep}Mobile{sep}Gender\n周十{sep}13312345678{sep}female\n",
            if bom { "\u{feff}" } else { "" }
        );
        let report = import(
            &t,
            &SheetInput::Bytes {
                name: "u.csv".into(),
                bytes: text.into_bytes(),
            },
            &ImportOptions::default(),
        );
        assert_eq!((report.created, report.errors.len()), (1, 0), "{sep:?}");
        let zhou = by_phone(&t, "13312345678").unwrap();
        assert_eq!(zhou.profile.gender, Gender::Female);
    }
}

#[test]
fn a_mapping_names_columns_the_headers_do_not_and_a_sheet_without_names_is_refused() {
    let t = test_store();
    let text = "客户名,Cell,内部编号\n吴一,13212345678,A-17\n";
    let input = SheetInput::Bytes {
        name: "m.csv".into(),
        bytes: text.as_bytes().to_vec(),
    };
    let err = t
        .store
        .import_customer_sheet(&input, &ImportOptions::default(), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(err, ImportError::Layout(LayoutError::NoNameColumn)),
        "{err:?}"
    );
    let mapping =
        ColumnMapping::from_json(r#"{"客户名": "name", "cell": "phone", "内部编号": "ignore"}"#)
            .unwrap();
    let report = import(
        &t,
        &input,
        &ImportOptions {
            mapping,
            ..ImportOptions::default()
        },
    );
    assert_eq!((report.created, report.unknown_columns.len()), (1, 0));
}

#[test]
fn undoing_an_import_removes_the_customers_nobody_changed_since() {
    let t = test_store();
    let first = import(&t, &sheet_input(), &options(DuplicatePolicy::Merge));
    let id = first.import_id.unwrap();
    let li = by_phone(&t, "13900000001").unwrap();
    t.store
        .update_customer(
            &li.id,
            li.version,
            &CustomerPatch {
                notes: Some(Some("来过电话".into())),
                ..CustomerPatch::default()
            },
        )
        .unwrap();
    let undone = t.store.undo_import(&id).unwrap();
    assert_eq!(undone.removed, 2);
    assert_eq!(undone.kept_changed, vec![li.id.clone()]);
    assert_eq!(t.store.count_customers(true).unwrap(), 1);
    assert!(t.store.list_imports().unwrap()[0].undone_at.is_some());
    assert_eq!(t.store.undo_import(&id).unwrap().removed, 0);
    assert!(t
        .store
        .undo_import("0190aaaa-0000-7000-8000-000000000000")
        .is_err());
    // Undone, the same file may come again: what was removed is created anew, the kept
    // customer is a duplicate now.
    let again = import(&t, &sheet_input(), &options(DuplicatePolicy::Skip));
    assert!(!again.already_imported);
    assert_eq!((again.created, again.skipped_duplicates), (2, 2));
}

#[test]
fn a_follow_up_sheet_is_imported_by_phone_in_time_order_with_refused_rows_reported() {
    use crm_core::{FollowUpKind, FollowUpMethod};
    let t = test_store();
    import(&t, &sheet_input(), &options(DuplicatePolicy::Merge));
    let sheet = "\
手机,跟进时间,跟进方式,跟进类型,跟进内容,跟进人,备用
13900000001,2026/11/20 15:00,微信,试驾,约了周六试驾,c01,
138 1234 5678,2026-11-01 10:30,,,来电问价,,
13700000009,2026-11-02,,,没有这个客户,,

13900000001,2026-11-19 9:00,飞鸽,,方式不对,,
13900000001,2026-12-30,,,还没发生,,
";
    let report = t
        .store
        .import_follow_up_sheet(
            &SheetInput::Bytes {
                name: "跟进.csv".into(),
                bytes: gbk(sheet),
            },
            &mut |_| {},
        )
        .unwrap();
    assert_eq!((report.rows, report.imported), (5, 2));
    assert_eq!(report.unknown_columns, vec!["备用".to_owned()]);
    let rows: Vec<(u64, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(rows, vec![(4, "手机"), (6, "跟进方式"), (7, "跟进时间")]);
    assert_eq!(
        report.errors[0].reason,
        "no customer of the book has this phone"
    );
    assert_eq!(report.errors[2].reason, "logged_at lies in the future");

    let li = by_phone(&t, "13900000001").unwrap();
    let logged = t.store.follow_ups_of(&li.id).unwrap();
    assert_eq!(logged.len(), 1);
    let f = &logged[0].follow_up;
    assert_eq!(
        (f.method, f.kind),
        (FollowUpMethod::Wechat, FollowUpKind::TestDrive)
    );
    assert_eq!(f.content, "约了周六试驾");
    assert_eq!(f.consultant.as_deref(), Some("c01"));
    // 15:00 in Asia/Shanghai.
    assert_eq!(f.at, Utc.with_ymd_and_hms(2026, 11, 20, 7, 0, 0).unwrap());
    let zhang = by_phone(&t, "13812345678").unwrap();
    assert_eq!(
        zhang.last_contact_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 1, 2, 30, 0).unwrap())
    );
}

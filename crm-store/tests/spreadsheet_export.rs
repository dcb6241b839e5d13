//! Customer exports: CSV bytes and values, the xlsx read back with calamine (dates as
//! dates, widths, frozen header), a view's columns in order, an empty book, bad input.

mod common;

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use common::{customer, test_store, TestStore};
use crm_core::export::{ExportColumn, Language, DEFAULT_COLUMNS};
use crm_core::{
    ContactInput, ContactKind, CustomerFilter, Gender, Importance, ListColumn, NewPlan,
    NewVehicleIntent, PlanTime, Region, Rule, Sort, SortKey, SourceChannel, ViewDefinition,
};
use crm_store::{ExportSelection, StoreError, UTF8_BOM};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 王小明 with every column filled (and a note CSV must quote), Li Lei with the least.
fn fixture() -> TestStore {
    let t = test_store();
    let mut a = customer("王小明", "13800138000");
    a.contacts
        .push(ContactInput::new(ContactKind::Wechat, "wxming"));
    a.contacts
        .push(ContactInput::new(ContactKind::Email, "ming@example.com"));
    a.gender = Gender::Male;
    a.birthday = Some(date(1990, 3, 5));
    a.source = SourceChannel::OnlinePlatform {
        platform: "汽车之家".into(),
    };
    a.tags = vec!["首购".into(), "贷款".into()];
    a.notes = Some("想要白色, \"顶配\"\n周末来".into());
    a.owner = Some("c01".into());
    a.importance = Importance::Key;
    a.region = Region {
        province: Some("广东".into()),
        city: Some("广州".into()),
        district: None,
    };
    let a = t.store.create_customer(&a).unwrap();
    let mut intent = NewVehicleIntent::new(a.id.clone());
    intent.brand = Some("比亚迪".into());
    intent.series = Some("汉".into());
    intent.primary = true;
    t.store.add_intent(&intent, None).unwrap();
    t.store
        .set_plan(&NewPlan {
            customer_id: a.id.clone(),
            time: PlanTime::OnDate(date(2026, 11, 30)),
            method: crm_core::FollowUpMethod::Phone,
            purpose: "报价".into(),
            content: None,
        })
        .unwrap();
    let mut b = customer("Li Lei", "13900139000");
    b.gender = Gender::Female;
    t.store.create_customer(&b).unwrap();
    t
}

fn by_name() -> ExportSelection {
    ExportSelection {
        sort: Sort {
            key: SortKey::Name,
            descending: false,
        },
        ..Default::default()
    }
}

/// What 王小明's row holds, column by column, as text.
fn wang_texts() -> Vec<&'static str> {
    vec![
        "王小明",
        "13800138000",
        "wxming",
        "ming@example.com",
        "男",
        "1990-03-05",
        "网络平台",
        "比亚迪 汉",
        "N 新线索",
        "首购、贷款",
        "想要白色, \"顶配\"\n周末来",
        "c01",
        "2026-11-27",
        "",
        "2026-11-30",
        "新线索",
    ]
}

fn li_texts() -> Vec<&'static str> {
    vec![
        "Li Lei",
        "13900139000",
        "",
        "",
        "女",
        "",
        "展厅到店",
        "",
        "N 新线索",
        "",
        "",
        "",
        "2026-11-27",
        "",
        "",
        "新线索",
    ]
}

#[test]
fn csv_starts_with_the_bom_uses_crlf_and_reads_back_to_the_same_values() {
    let t = fixture();
    let mut bytes = Vec::new();
    let n = t
        .store
        .write_customers_csv(&by_name(), Language::Zh, &mut bytes)
        .unwrap();
    assert_eq!(n, 2);
    assert!(bytes.starts_with(UTF8_BOM));
    let text = std::str::from_utf8(&bytes[UTF8_BOM.len()..]).unwrap();
    assert!(text.starts_with(
        "姓名,手机,微信,邮箱,性别,生日,来源,意向车型,意向级别,标签,备注,所属顾问,登记日期,最近联系,下次跟进,阶段\r\n"
    ));
    assert!(text.ends_with("\r\n"));
    // The note's comma, quotes and newline are quoted per RFC 4180.
    assert!(
        text.contains("\"想要白色, \"\"顶配\"\"\n周末来\""),
        "{text}"
    );

    let mut reader = csv::Reader::from_reader(&bytes[UTF8_BOM.len()..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let expected: Vec<&str> = DEFAULT_COLUMNS
        .iter()
        .map(|c| c.header(Language::Zh))
        .collect();
    assert_eq!(headers, expected);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    // Pinyin order: Li Lei, then Wang.
    assert_eq!(rows, vec![li_texts(), wang_texts()]);
}

#[test]
fn english_headers_and_labels() {
    let t = fixture();
    let mut bytes = Vec::new();
    t.store
        .write_customers_csv(&by_name(), Language::En, &mut bytes)
        .unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[UTF8_BOM.len()..]);
    assert_eq!(&reader.headers().unwrap()[0], "name");
    assert_eq!(&reader.headers().unwrap()[12], "created");
    let wang = reader.records().nth(1).unwrap().unwrap();
    assert_eq!(&wang[4], "male");
    assert_eq!(&wang[6], "online");
    assert_eq!(&wang[15], "new lead");
}

#[test]
fn xlsx_reads_back_with_dates_as_dates_and_numbers_kept() {
    let t = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.xlsx");
    let n = t
        .store
        .export_customers_xlsx(&by_name(), Language::Zh, &path)
        .unwrap();
    assert_eq!(n, 2);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), vec!["客户".to_owned()]);
    let range = book.worksheet_range("客户").unwrap();
    assert_eq!(range.get_size(), (3, DEFAULT_COLUMNS.len()));
    let header: Vec<String> = (0..DEFAULT_COLUMNS.len())
        .map(|c| range.get((0, c)).unwrap().to_string())
        .collect();
    assert_eq!(header[0], "姓名");
    assert_eq!(header[12], "登记日期");
    // 王小明 is row 2; dates are real Excel dates.
    let cell = |r: usize, c: ExportColumn| {
        let i = DEFAULT_COLUMNS.iter().position(|x| *x == c).unwrap();
        range.get((r, i)).cloned().unwrap_or(Data::Empty)
    };
    assert!(cell(2, ExportColumn::Birthday).is_datetime());
    assert_eq!(
        cell(2, ExportColumn::Birthday).as_date(),
        Some(date(1990, 3, 5))
    );
    assert_eq!(
        cell(2, ExportColumn::Created).as_date(),
        Some(date(2026, 11, 27))
    );
    assert_eq!(
        cell(2, ExportColumn::NextFollowUp).as_date(),
        Some(date(2026, 11, 30))
    );
    assert_eq!(cell(1, ExportColumn::NextFollowUp), Data::Empty);
    // A phone stays text (its leading digits kept, never a number).
    assert_eq!(
        cell(2, ExportColumn::Mobile),
        Data::String("13800138000".into())
    );
    let texts: Vec<String> = DEFAULT_COLUMNS
        .iter()
        .map(|c| match cell(2, *c) {
            Data::DateTime(_) => cell(2, *c).as_date().unwrap().to_string(),
            other => other.to_string(),
        })
        .collect();
    assert_eq!(texts, wang_texts());
}

/// The sheet's XML, to check what calamine does not report (widths, frozen panes, bold).
fn sheet_xml(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip_entries(file);
    zip.remove("xl/worksheets/sheet1.xml").unwrap()
}

/// The text entries of a zip file (an xlsx).
fn zip_entries(file: std::fs::File) -> std::collections::HashMap<String, String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut out = std::collections::HashMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_ok() {
            out.insert(entry.name().unwrap().into_owned(), text);
        }
    }
    out
}

#[test]
fn xlsx_columns_fit_their_content_and_the_header_is_frozen() {
    let t = test_store();
    let mut c = customer("欧阳娜娜娜娜娜娜娜娜", "13800138000");
    c.notes = Some("n".repeat(100));
    t.store.create_customer(&c).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.xlsx");
    let selection = ExportSelection {
        columns: vec![
            ExportColumn::Name,
            ExportColumn::Notes,
            ExportColumn::Created,
        ],
        ..Default::default()
    };
    t.store
        .export_customers_xlsx(&selection, Language::Zh, &path)
        .unwrap();
    let xml = sheet_xml(&path);
    // Ten Chinese characters count 20, plus 2; the long note is capped at 60 (+2); the
    // date column is as wide as its header (登记日期 = 8) or a date (10), plus 2.
    for width in ["width=\"22.", "width=\"62.", "width=\"12."] {
        assert!(xml.contains(width), "{width} in {xml}");
    }
    assert!(xml.contains("<pane ySplit=\"1\""), "{xml}");
}

#[test]
fn a_views_columns_in_order_and_its_filter() {
    let t = fixture();
    let view = t
        .store
        .create_view(
            "重点",
            &ViewDefinition {
                filter: CustomerFilter {
                    importance: vec![Importance::Key],
                    ..Default::default()
                },
                sort: Sort::default(),
                columns: vec![ListColumn::Tags, ListColumn::Name, ListColumn::Importance],
            },
        )
        .unwrap();
    let selection = ExportSelection::of_view(&view.definition);
    let mut bytes = Vec::new();
    let n = t
        .store
        .write_customers_csv(&selection, Language::Zh, &mut bytes)
        .unwrap();
    assert_eq!(n, 1);
    let text = String::from_utf8(bytes[UTF8_BOM.len()..].to_vec()).unwrap();
    assert_eq!(text, "标签,姓名,重要程度\r\n首购、贷款,王小明,重点\r\n");
}

#[test]
fn an_empty_book_gives_a_header_only_file() {
    let t = test_store();
    let mut bytes = Vec::new();
    let n = t
        .store
        .write_customers_csv(&ExportSelection::default(), Language::En, &mut bytes)
        .unwrap();
    assert_eq!(n, 0);
    let text = String::from_utf8(bytes[UTF8_BOM.len()..].to_vec()).unwrap();
    assert_eq!(text.matches("\r\n").count(), 1);
    assert!(text.starts_with("name,mobile,wechat,"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.xlsx");
    let n = t
        .store
        .export_customers_xlsx(&ExportSelection::default(), Language::Zh, &path)
        .unwrap();
    assert_eq!(n, 0);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("客户").unwrap();
    assert_eq!(range.get_size(), (1, DEFAULT_COLUMNS.len()));
}

#[test]
fn pages_follow_one_another_without_loss_or_repeat() {
    let t = test_store();
    let total = crm_store::EXPORT_PAGE_SIZE as usize + 7;
    t.store
        .batch(|s| {
            for i in 0..total {
                s.create_customer(&customer(&format!("客户{i}"), &format!("1380000{i:04}")))?;
            }
            Ok(())
        })
        .unwrap();
    let mut names = Vec::new();
    let mut pages = 0;
    let n = t
        .store
        .export_customer_pages(&ExportSelection::default(), |rows| {
            pages += 1;
            names.extend(rows.iter().map(|r| r.name.clone()));
            Ok(())
        })
        .unwrap();
    assert_eq!((n as usize, pages), (total, 2));
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), total);
}

#[test]
fn a_bad_filter_names_its_field_and_writes_no_file() {
    let t = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    let selection = ExportSelection {
        filter: CustomerFilter {
            channels: vec!["fax".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    let err = t
        .store
        .export_customers_csv(&selection, Language::Zh, &path)
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "channels[0]" && matches!(v.rule, Rule::Malformed { .. })),
        "{err:?}"
    );
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
    let err = t
        .store
        .export_customers_xlsx(&selection, Language::Zh, &path)
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_missing_folder_is_a_file_error() {
    let t = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere").join("c.csv");
    let err = t
        .store
        .export_customers_csv(&ExportSelection::default(), Language::Zh, &path)
        .unwrap_err();
    assert!(matches!(err, StoreError::File { .. }), "{err:?}");
}

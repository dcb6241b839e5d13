//! The report workbook: one sheet per report, zh or en headers, counts as numbers, shares
//! as percent-formatted fractions, the same figures as the reports themselves.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::Duration;
use common::{customer, test_store};
use crm_core::export::Language;
use crm_core::{ReportPeriod, Rule, SourceChannel};
use crm_store::StoreError;

#[test]
fn four_sheets_with_the_reports_figures() {
    let t = test_store();
    for (i, source) in [
        SourceChannel::ShowroomWalkIn,
        SourceChannel::ShowroomWalkIn,
        SourceChannel::PhoneHotline,
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = customer(&format!("客户{i}"), &format!("1380000000{i}"));
        c.source = source;
        c.owner = Some("c01".into());
        t.store.create_customer(&c).unwrap();
    }
    let period = ReportPeriod::new(
        common::start() - Duration::days(1),
        common::start() + Duration::days(1),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reports.xlsx");
    t.store
        .export_reports_xlsx(&period, Language::Zh, &path)
        .unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["销售漏斗", "渠道", "战败", "顾问"]);

    let funnel = book.worksheet_range("销售漏斗").unwrap();
    assert_eq!(funnel.get((0, 0)), Some(&Data::String("阶段".into())));
    assert_eq!(funnel.get((1, 0)), Some(&Data::String("新线索".into())));
    assert_eq!(
        funnel.get((1, 1)),
        Some(&Data::Float(3.0)),
        "three customers, a number"
    );
    assert_eq!(funnel.get_size().0, 9, "header and eight stages");

    let channels = book.worksheet_range("渠道").unwrap();
    let report = t.store.channel_report(&period).unwrap();
    assert_eq!(
        channels.get_size().0,
        report.rows.len() + 2,
        "header, rows, total"
    );
    let last = channels.get_size().0 - 1;
    assert_eq!(channels.get((last, 0)), Some(&Data::String("合计".into())));
    assert_eq!(channels.get((last, 1)), Some(&Data::Float(3.0)));
    let walk_in = (1..last)
        .find(|r| channels.get((*r, 0)) == Some(&Data::String("展厅到店".into())))
        .unwrap();
    assert_eq!(channels.get((walk_in, 1)), Some(&Data::Float(2.0)));

    let consultants = book.worksheet_range("顾问").unwrap();
    assert_eq!(consultants.get((1, 0)), Some(&Data::String("c01".into())));
    assert_eq!(consultants.get((1, 1)), Some(&Data::Float(3.0)));

    t.store
        .export_reports_xlsx(&period, Language::En, &path)
        .unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["funnel", "channels", "lost", "consultants"]
    );
    let funnel = book.worksheet_range("funnel").unwrap();
    assert_eq!(funnel.get((0, 4)), Some(&Data::String("conversion".into())));
}

#[test]
fn percentages_are_fractions_with_a_percent_format() {
    let t = test_store();
    t.store
        .create_customer(&customer("客户", "13800000001"))
        .unwrap();
    let period = ReportPeriod::new(
        common::start() - Duration::days(1),
        common::start() + Duration::days(1),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    t.store
        .export_reports_xlsx(&period, Language::Zh, &path)
        .unwrap();
    let funnel = t.store.funnel_report(&period).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("销售漏斗").unwrap();
    for (i, row) in funnel.rows.iter().enumerate() {
        let cell = sheet.get((i + 1, 4)).cloned().unwrap_or(Data::Empty);
        match row.conversion_bp {
            Some(bp) => assert_eq!(cell, Data::Float(f64::from(bp) / 10_000.0)),
            None => assert_eq!(cell, Data::Empty),
        }
    }
    let styles = zip_text(&path, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
}

fn zip_text(path: &std::path::Path, name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn a_bad_period_names_its_field_and_writes_nothing() {
    let t = test_store();
    let period = ReportPeriod::new(common::start(), common::start() - Duration::days(1));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let err = t
        .store
        .export_reports_xlsx(&period, Language::Zh, &path)
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.rule != Rule::Required),
        "{err:?}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

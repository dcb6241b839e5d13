//! `crm export customers|reports|calendar`: the files are written, only the path and the
//! count are printed, the options are checked before anything is written.

mod common;

use common::*;

/// A demo book (the same every time).
fn demo() -> Book {
    let book = Book::new();
    book.json(&["demo", "--customers", "120", "--seed", "7"]);
    book
}

fn file(book: &Book, name: &str) -> std::path::PathBuf {
    book.dir.path().join(name)
}

#[test]
fn customers_to_csv_print_only_the_path_and_count() {
    let book = demo();
    let out = book.json(&["export", "customers", "-o", "all.csv"]);
    assert_eq!(out["count"], 120);
    assert_eq!(out["path"], "all.csv");
    let bytes = std::fs::read(file(&book, "all.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(&reader.headers().unwrap()[0], "姓名");
    assert_eq!(reader.records().count(), 120);

    // The text output names no customer.
    let text = book.run(&["export", "customers", "--owner", "c01", "-o", "c01.csv"]);
    assert_eq!(code(&text), 0, "{}", stderr(&text));
    let printed = String::from_utf8(text.stdout).unwrap();
    assert!(
        printed.contains("c01.csv") && printed.lines().count() == 1,
        "{printed}"
    );
    let c01 = std::fs::read(file(&book, "c01.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&c01[3..]);
    let owner = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "所属顾问")
        .unwrap();
    let owners: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[owner].to_owned())
        .collect();
    assert!(
        !owners.is_empty() && owners.iter().all(|o| o == "c01"),
        "{owners:?}"
    );
}

#[test]
fn a_view_gives_its_columns_and_xlsx_comes_from_the_file_name() {
    let book = demo();
    book.json(&[
        "view",
        "save",
        "key",
        "--importance",
        "key",
        "--column",
        "name",
        "--column",
        "tags",
    ]);
    let out = book.json(&[
        "export",
        "customers",
        "--view",
        "key",
        "-o",
        "key.csv",
        "--headers",
        "en",
    ]);
    let text = std::fs::read_to_string(file(&book, "key.csv")).unwrap();
    assert!(text.starts_with("\u{feff}name,tags\r\n"), "{text}");
    assert_eq!(
        text.matches("\r\n").count() as u64,
        out["count"].as_u64().unwrap() + 1
    );

    book.json(&["export", "customers", "-o", "all.xlsx"]);
    let xlsx = std::fs::read(file(&book, "all.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip file");
}

#[test]
fn bad_options_are_refused_and_nothing_is_written() {
    let book = demo();
    let out = book.run(&[
        "export",
        "customers",
        "--view",
        "key",
        "--owner",
        "c01",
        "-o",
        "x.csv",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--view"));
    let out = book.run(&["export", "customers", "--channel", "fax", "-o", "x.csv"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = book.run(&[
        "export",
        "calendar",
        "--owner",
        "c01",
        "--from",
        "2026-12-02",
        "--to",
        "2026-12-01",
        "-o",
        "x.ics",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(!file(&book, "x.csv").exists() && !file(&book, "x.ics").exists());
}

#[test]
fn reports_and_calendar_files() {
    let book = demo();
    let out = book.json(&["export", "reports", "--from", "2020-01-01", "-o", "r.xlsx"]);
    assert_eq!(out["count"], 4);
    assert!(std::fs::read(file(&book, "r.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
    let out = book.json(&[
        "export",
        "calendar",
        "--owner",
        "c01",
        "--from",
        "2020-01-01",
        "--to",
        "2029-12-31",
        "-o",
        "c01.ics",
    ]);
    let ics = std::fs::read_to_string(file(&book, "c01.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count() as u64,
        out["count"].as_u64().unwrap()
    );
}

//! `crm report funnel|channels|consultants --chart FILE.svg|.png`: each chart is a valid
//! picture of 1200 x 700 pixels; the SVG holds the labels as text (Chinese by default, English
//! with `--lang en`); the wrong report or extension exits 2 naming `--chart` and writes
//! nothing; without a CJK font the tool says how to get one. Needs Debian's fonts-noto-cjk
//! (scripts/test-all.sh installs it).

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// A demo book (the same every time).
fn demo() -> Book {
    let book = Book::new();
    book.json(&["demo", "--customers", "300", "--seed", "5"]);
    book
}

/// Draws `report` into `file` (in the book's folder) with `extra` options; the file's bytes.
fn chart(book: &Book, report: &str, file: &str, extra: &[&str]) -> Vec<u8> {
    let path = book.dir.path().join(file);
    let out = book.run(
        &[
            &["report", report, "--chart", path.to_str().unwrap()],
            extra,
        ]
        .concat(),
    );
    assert_eq!(code(&out), 0, "{report}: {}", stderr(&out));
    std::fs::read(&path).expect("the chart file")
}

/// The width and height in a PNG's header (the IHDR chunk, right after the signature).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The SVG's text, after checking its root element's size.
fn svg(bytes: Vec<u8>) -> String {
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        text.starts_with("<svg width=\"1200\" height=\"700\""),
        "{}",
        &text[..80]
    );
    assert!(text.trim_end().ends_with("</svg>"));
    text
}

#[test]
fn each_chart_is_a_picture_of_its_report() {
    let book = demo();
    let funnel = book.json(&["report", "funnel"]);
    let text = svg(chart(&book, "funnel", "funnel.svg", &[]));
    for label in ["销售漏斗", "新线索", "已交车", "→ "] {
        assert!(text.contains(label), "{label}");
    }
    let first = funnel["rows"][0]["customers"].to_string();
    assert!(
        text.contains(&format!("\n{first}\n")),
        "the first stage's count {first}"
    );

    let text = svg(chart(&book, "channels", "channels.svg", &["--lang", "en"]));
    for label in ["Channels", "walk-in", "online", "leads", "deliveries"] {
        assert!(text.contains(label), "{label}");
    }
    assert!(!text.contains("展厅到店") && !text.contains("\ntotal\n"));

    let text = svg(chart(&book, "consultants", "consultants.svg", &[]));
    for label in ["顾问工作量", "王建国", "新线索", "订单", "交车"] {
        assert!(text.contains(label), "{label}");
    }
    for report in ["funnel", "channels", "consultants"] {
        let png = chart(&book, report, &format!("{report}.png"), &[]);
        assert_eq!(png_size(&png), (1200, 700), "{report}");
        assert!(png.len() > 10_000, "{report}: drawn, not blank");
    }
}

#[test]
fn a_chart_of_another_report_or_kind_of_file_is_refused() {
    let book = demo();
    for (report, file) in [
        ("lost", "lost.svg"),
        ("intents", "i.png"),
        ("funnel", "f.pdf"),
    ] {
        let path = book.dir.path().join(file);
        let out = book.run(&["report", report, "--chart", path.to_str().unwrap()]);
        assert_eq!(code(&out), 2, "{report} {file}");
        assert!(one_line_error(&out).starts_with("invalid input: --chart "));
        assert!(!path.exists());
    }
    // Without a CJK font: exit 1, saying what to install.
    let path = book.dir.path().join("f.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .env("CRM_CHART_FONT", Path::new("/nonexistent/font.ttc"))
        .args(["--db", book.db.to_str().unwrap(), "report", "funnel"])
        .args(["--chart", path.to_str().unwrap()])
        .output()
        .expect("run crm");
    assert_eq!(code(&out), 1);
    assert!(one_line_error(&out).contains("fonts-noto-cjk"));
}

//! `crm` tables people read: labels in Chinese or English (`--lang`, `LANG`, Chinese by
//! default) instead of stored codes, money as `¥1,234,567.00` or `123.5万`, numbers
//! right-aligned, columns measured with `unicode-width` (wide and astral characters such as
//! 𠮷 take two columns), long values cut with `…`; the consultants report names the
//! consultants; lost reasons most first. JSON and CSV keep the codes.

mod common;

use common::*;
use std::process::Command;
use unicode_width::UnicodeWidthStr;

impl Book {
    /// Runs `crm ARGS` for its text output; expects success.
    fn text(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(code(&out), 0, "{args:?} failed: {}", stderr(&out));
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    /// Runs `crm ARGS` with `LANG` set to `lang`.
    fn text_with_lang(&self, lang: &str, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_crm"))
            .current_dir(self.dir.path())
            .env("LANG", lang)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .expect("run crm");
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        String::from_utf8(out.stdout).expect("UTF-8")
    }
}

/// A demo book (the same every time).
fn demo() -> Book {
    let book = Book::new();
    book.json(&["demo", "--customers", "300", "--seed", "11"]);
    book
}

/// The table lines of a report's text: after the heading line and the blank line, up to
/// the notes (lines of a table all start at column 0 and hold two spaces between cells).
fn table_lines(text: &str) -> Vec<&str> {
    text.lines()
        .skip(2)
        .take_while(|l| l.contains("  "))
        .collect()
}

#[test]
fn labels_follow_lang_and_the_flag_json_and_csv_keep_codes() {
    let book = demo();
    let zh = book.text(&["report", "funnel"]);
    assert!(zh.contains("新线索") && zh.contains("阶段"), "{zh}");
    assert!(!zh.contains("new_lead") && !zh.contains("new lead"), "{zh}");
    let en = book.text(&["report", "funnel", "--lang", "en"]);
    assert!(en.contains("new lead") && en.contains("stage"), "{en}");
    assert!(!en.contains("新线索") && !en.contains("new_lead"), "{en}");

    assert_eq!(
        book.text_with_lang("en_US.UTF-8", &["report", "funnel"]),
        en
    );
    assert_eq!(
        book.text_with_lang("zh_CN.UTF-8", &["report", "funnel"]),
        zh
    );
    assert_eq!(book.text_with_lang("C.UTF-8", &["report", "funnel"]), zh);
    assert_eq!(
        book.text_with_lang("en_US.UTF-8", &["report", "funnel", "--lang", "zh"]),
        zh
    );

    let care = book.text(&["care", "list", "--limit", "5", "--lang", "en"]);
    assert!(
        care.contains("delivery call") || care.contains("maintenance"),
        "{care}"
    );
    assert!(!care.contains("delivery_call"), "{care}");
    let list = book.text(&[
        "customer",
        "list",
        "--importance",
        "important",
        "--limit",
        "3",
    ]);
    assert!(
        list.contains("重要") && !list.contains("important"),
        "{list}"
    );

    let requests = book.text(&["requests", "--lang", "en"]);
    assert!(requests.contains(" requested "), "{requests}");
    assert!(
        !requests.contains("_requested") && !requests.contains("待审批"),
        "{requests}"
    );

    let csv = book.text(&["report", "funnel", "--csv", "--lang", "zh"]);
    assert!(
        csv.starts_with("stage,customers,") && csv.contains("\nnew_lead,"),
        "{csv}"
    );
    let json = book.json(&["report", "funnel", "--lang", "zh"]);
    assert_eq!(json["rows"][0]["stage"], "new_lead");
    assert_eq!(code(&book.run(&["report", "funnel", "--lang", "fr"])), 2);
}

/// Sentences, titles and card labels follow the language too: the overview, the agenda's
/// reasons, a customer's card, the pipeline, intents, settings and confirmations; none
/// shows a stored code.
#[test]
fn sentences_titles_and_cards_follow_the_language() {
    let book = demo();
    let someone = book.json(&["customer", "list", "--stage", "negotiating", "--limit", "1"]);
    let id = id_of(&someone["items"][0]);
    let cases: [(&[&str], &[&str], &[&str]); 8] = [
        (
            &["overview"],
            &["按来源渠道", "最新客户", "转化漏斗", "关怀任务"],
            &[
                "By source channel",
                "Newest customers",
                "Conversion funnel",
                "Care tasks",
            ],
        ),
        (
            &["agenda", "--limit", "200"],
            &["待办", "逾期", "共"],
            &["Agenda for", "overdue", "item(s)"],
        ),
        (
            &["customer", "show", &id],
            &["联系方式", "来源", "意向级别", "版本"],
            &["contacts", "source", "intent", "version"],
        ),
        (
            &["stage", &id],
            &["推进", "洽谈中"],
            &["advance", "negotiating"],
        ),
        (
            &["intent", "list", &id],
            &["预算", "购车时间"],
            &["budget", "timeframe"],
        ),
        (
            &["settings"],
            &["时区", "回访周期"],
            &["time zone", "cadence"],
        ),
        (&["report", "lost"], &["战败"], &["to a named competitor"]),
        (
            &["follow-up", "list", &id],
            &["的跟进记录"],
            &["follow-ups with"],
        ),
    ];
    let codes = [
        "new_lead",
        "from25_to34",
        "from35_to44",
        "from45_to54",
        "within_3_months",
        "within_month",
        "delivery_call",
        "phone_hotline",
        "showroom_walk_in",
    ];
    for (args, zh_words, en_words) in cases {
        let zh = book.text(args);
        let en = book.text(&[&["--lang", "en"], args].concat());
        for w in zh_words {
            assert!(zh.contains(w), "{args:?} in Chinese lacks {w}: {zh}");
        }
        for w in en_words {
            assert!(en.contains(w), "{args:?} in English lacks {w}: {en}");
            assert!(!zh.contains(w), "{args:?} in Chinese says {w}: {zh}");
        }
        for code in codes {
            assert!(
                !zh.contains(code) && !en.contains(code),
                "{args:?} shows {code}"
            );
        }
    }
    let view = book.text(&["view", "save", "重点客户", "--importance", "key"]);
    assert!(view.contains("视图"), "{view}");
    let deleted = book.text(&["view", "delete", "重点客户"]);
    assert!(deleted.starts_with("已删除视图"), "{deleted}");
    book.text(&["view", "save", "key", "--importance", "key"]);
    let deleted = book.text(&["--lang", "en", "view", "delete", "key"]);
    assert!(deleted.starts_with("deleted view"), "{deleted}");
}

#[test]
fn money_reads_as_yuan_or_wan_and_numbers_align_right() {
    let book = demo();
    let en = book.text(&["report", "channels", "--lang", "en"]);
    let lines = table_lines(&en);
    assert!(lines.len() >= 9, "{en}");
    // The last column is money, right-aligned: every line ends at the same column.
    let widths: Vec<usize> = lines.iter().map(|l| l.width()).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{en}");
    let total = lines
        .iter()
        .find(|l| l.starts_with("total"))
        .expect("a total");
    let revenue = total.split_whitespace().last().expect("revenue");
    assert!(revenue.starts_with('¥') && revenue.contains(','), "{total}");
    assert_eq!(
        &revenue[revenue.len() - 3..revenue.len() - 2],
        ".",
        "{total}"
    );

    let zh = book.text(&["report", "channels"]);
    let total = table_lines(&zh)
        .into_iter()
        .find(|l| l.starts_with("合计"))
        .expect("合计");
    let revenue = total.split_whitespace().last().expect("revenue");
    let number = revenue.strip_suffix('万').expect("万");
    assert_eq!(number.split('.').nth(1).map(str::len), Some(1), "{total}");

    // CSV keeps yuan with two decimals, no symbol, no separators.
    let csv = book.text(&["report", "channels", "--csv"]);
    let total = csv
        .lines()
        .find(|l| l.starts_with("total,"))
        .expect("total");
    let yuan = total.rsplit(',').next().expect("revenue");
    assert!(
        yuan.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "{total}"
    );
    assert_eq!(yuan.split('.').nth(1).map(str::len), Some(2), "{total}");
}

#[test]
fn consultants_by_name_and_lost_reasons_most_first() {
    let book = demo();
    let text = book.text(&["report", "consultants"]);
    assert!(text.contains("c01 王建国"), "{text}");
    let csv = book.text(&["report", "lost", "--csv"]);
    let counts: Vec<u64> = csv
        .lines()
        .filter(|l| l.starts_with("reason,"))
        .map(|l| l.split(',').nth(2).unwrap().parse().unwrap())
        .collect();
    assert!(counts.len() >= 3, "{csv}");
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{csv}");
}

#[test]
fn wide_and_astral_names_keep_columns_straight_and_long_ones_end_in_an_ellipsis() {
    let book = Book::new();
    let names = [
        ("𠮷野家", "13900000001"),
        ("𠀀𠀁𠀂", "13900000002"),
        ("张伟", "13900000003"),
        ("Bob", "13900000004"),
        ("欧阳娜娜娜娜娜娜", "13900000005"),
    ];
    for (name, phone) in names {
        book.json(&["customer", "add", "--name", name, "--phone", phone]);
    }
    let text = book.text(&["customer", "list"]);
    let rows: Vec<&str> = text.lines().skip(1).take(names.len()).collect();
    // The phone column starts at the same terminal column on every row.
    let starts: Vec<usize> = rows
        .iter()
        .map(|row| {
            let at = row.find("139000000").unwrap_or_else(|| panic!("{text}"));
            row[..at].width()
        })
        .collect();
    assert!(starts.iter().all(|s| *s == starts[0]), "{starts:?}\n{text}");
    assert!(text.contains("𠮷野家") && text.contains("𠀀𠀁𠀂"), "{text}");
    // The 16-column name is cut to its 10-column field, with an ellipsis.
    assert!(
        text.contains("欧阳娜娜…") && !text.contains("欧阳娜娜娜娜"),
        "{text}"
    );
    // JSON keeps the whole name.
    let list = book.json(&["customer", "list"]);
    let whole = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "欧阳娜娜娜娜娜娜");
    assert!(whole);
}

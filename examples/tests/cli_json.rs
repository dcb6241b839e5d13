//! `crm --json` for scripts: every list is one object `{"items": [...], "next": CURSOR}`
//! and a script pages through a whole list by passing `next` to `--after` until it is
//! null; reports keep their fields in the documented order; every instant carries
//! milliseconds.

mod common;

use common::*;
use serde_json::Value;

impl Book {
    /// Runs `crm --json ARGS`; expects success and nothing on stderr; the parsed stdout
    /// and its raw text.
    fn json_text(&self, args: &[&str]) -> (Value, String) {
        let out = self.run(&[&["--json"], args].concat());
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        (serde_json::from_str(&text).expect("JSON"), text)
    }

    /// Every item of the list `args` names, page by page (`--limit 7`), following `next`.
    fn all_pages(&self, args: &[&str]) -> (Vec<Value>, usize) {
        let mut items = Vec::new();
        let mut pages = 0;
        let mut after: Option<String> = None;
        loop {
            let mut page_args = [args, &["--limit", "7"]].concat();
            if let Some(cursor) = &after {
                page_args.extend(["--after", cursor.as_str()]);
            }
            let (page, _) = self.json_text(&page_args);
            let object = page.as_object().expect("an object");
            assert_eq!(object.len(), 2, "items and next only: {page}");
            items.extend(page["items"].as_array().expect("items").iter().cloned());
            pages += 1;
            match page["next"].as_str() {
                Some(next) => after = Some(next.to_owned()),
                None => {
                    assert!(page["next"].is_null(), "{page}");
                    return (items, pages);
                }
            }
        }
    }
}

/// Every string in `value` that looks like an instant (`YYYY-MM-DDTHH:MM:SS...`).
fn instants(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.len() > 19 && s.as_bytes()[10] == b'T' && s.ends_with('Z') => {
            out.push(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| instants(v, out)),
        Value::Object(fields) => fields.values().for_each(|v| instants(v, out)),
        _ => {}
    }
}

/// Asserts that the top-level `keys` of the pretty JSON `text` come in this order.
fn assert_in_order(text: &str, keys: &[&str]) {
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            text.find(&format!("\n  \"{k}\""))
                .unwrap_or_else(|| panic!("{k}: {text}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{keys:?}: {text}");
}

#[test]
fn a_script_pages_through_a_whole_list_by_cursor() {
    let book = Book::new();
    book.json(&["demo", "--customers", "40", "--seed", "7"]);
    let (everyone, _) = book.json_text(&["customer", "list", "--limit", "1000"]);
    assert!(everyone["next"].is_null(), "one page holds all: {everyone}");
    let all = everyone["items"].as_array().expect("items").clone();
    assert_eq!(all.len(), 40);

    let (paged, pages) = book.all_pages(&["customer", "list"]);
    assert_eq!(pages, 6, "40 customers, 7 a page");
    assert_eq!(paged, all, "the same customers, in the same order");

    // A customer's timeline pages the same way.
    let id = id_of(&all[0]);
    let (timeline, _) = book.json_text(&["timeline", &id, "--limit", "1000"]);
    let (walked, _) = book.all_pages(&["timeline", &id]);
    assert_eq!(&walked, timeline["items"].as_array().expect("items"));

    // Lists that are not paged have the same shape, with no next page.
    for args in [
        &["search", "138"][..],
        &["view", "list"],
        &["catalogue", "list"],
        &["requests"],
        &["follow-up", "list", &id],
        &["order", "list", &id],
    ] {
        let (list, _) = book.json_text(args);
        assert!(
            list["items"].is_array() && list["next"].is_null(),
            "{args:?}: {list}"
        );
    }

    // Readable text keeps the page on stdout and the cursor on stderr.
    let out = book.run(&["customer", "list", "--limit", "7"]);
    assert!(stderr(&out).starts_with("next: "), "{}", stderr(&out));
}

#[test]
fn instants_carry_milliseconds_and_reports_keep_their_field_order() {
    let book = Book::new();
    book.json(&["demo", "--customers", "30", "--seed", "3"]);
    let mut seen = Vec::new();
    for args in [
        &["customer", "list", "--limit", "1000"][..],
        &["overview"],
        &["report", "funnel"],
    ] {
        instants(&book.json_text(args).0, &mut seen);
    }
    assert!(seen.len() > 60, "{seen:?}");
    for instant in &seen {
        let fraction = instant[19..].trim_end_matches('Z');
        assert_eq!(fraction.len(), 4, "three decimals: {instant}");
        assert!(fraction.starts_with('.'), "{instant}");
    }

    // The funnel's fields in the order of its records (cohort, rows, lost, dormant,
    // pending), not alphabetically.
    let (_, text) = book.json_text(&["report", "funnel"]);
    let at = |key: &str| {
        text.find(&format!("\n  \"{key}\""))
            .unwrap_or_else(|| panic!("{key}: {text}"))
    };
    let order = ["cohort", "rows", "lost", "dormant", "pending"].map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    // Objects the tool builds itself keep their declared order too.
    let (_, text) = book.json_text(&["agenda", "--limit", "1"]);
    assert_in_order(
        &text,
        &["date", "zone", "owners", "total", "counts", "items"],
    );
    let (agenda, _) = book.json_text(&["agenda"]);
    let counts: Vec<&String> = agenda["counts"]
        .as_object()
        .expect("counts")
        .keys()
        .collect();
    let urgency = [
        "plan_overdue",
        "plan_due",
        "first_response",
        "cadence_due",
        "care_task",
        "wake_up_due",
    ];
    let rank = |k: &str| urgency.iter().position(|u| *u == k).expect(k);
    assert!(counts.len() >= 2, "{agenda}");
    let (_, text) = book.json_text(&["agenda"]);
    let counts_text = &text[text.find("\"counts\"").unwrap()..text.find("\"items\"").unwrap()];
    let mut at: Vec<(usize, usize)> = counts
        .iter()
        .map(|k| (counts_text.find(&format!("\"{k}\"")).unwrap(), rank(k)))
        .collect();
    at.sort_unstable();
    assert!(
        at.windows(2).all(|w| w[0].1 < w[1].1),
        "most urgent first: {counts_text}"
    );
    let (_, text) = book.json_text(&["settings"]);
    assert_in_order(
        &text,
        &["time_zone", "cadence", "reminders", "store", "odometer"],
    );
    let (_, text) = book.json_text(&["care", "run"]);
    assert_in_order(
        &text,
        &[
            "from",
            "through",
            "added",
            "updated",
            "removed",
            "unchanged",
            "blocked_by_consent",
        ],
    );
    let (_, text) = book.json_text(&["reminders", "--since", "0"]);
    assert_in_order(&text, &["added", "cancelled", "full_refresh", "token"]);

    let (rows, text) = book.json_text(&["report", "consultants"]);
    assert!(rows.is_array(), "a report is not a list: {rows}");
    let first = |key: &str| text.find(&format!("\"{key}\"")).expect(key);
    assert!(first("consultant") < first("new_leads") && first("orders") < first("revenue_fen"));
}

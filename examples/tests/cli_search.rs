//! The `crm` binary's finding commands, run for real on a demo book of 300 customers plus a
//! few added by hand: quick search, filtered and paged lists, counts and facets, saved
//! views, merging and duplicate checks, and bad filter input.

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::HashSet;

/// A demo book in a temporary folder.
impl Book {
    /// `crm demo --customers 300`.
    fn demo() -> Self {
        let book = Book::new();
        book.json(&["demo", "--customers", "300", "--seed", "11"]);
        book
    }

    /// Adds a customer and returns its id.
    fn add(&self, name: &str, phone: &str, extra: &[&str]) -> String {
        let args = [
            &["customer", "add", "--name", name, "--phone", phone],
            extra,
        ]
        .concat();
        id_of(&self.json(&args))
    }

    /// One page of `customer list ARGS` (or `view run ...`): the rows and the next cursor.
    fn page(&self, args: &[&str]) -> (Vec<Value>, Option<String>) {
        let out = self.run(&[&["--json"], args].concat());
        assert_eq!(code(&out), 0, "{args:?} failed: {}", stderr(&out));
        let page: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        let next = page["next"].as_str().map(str::to_owned);
        assert!(stderr(&out).is_empty(), "the cursor is in the JSON alone");
        (page.items().expect("a JSON list").clone(), next)
    }

    /// Every row of `ARGS`, page by page (`--limit 7`), following the `next:` cursors.
    fn walk(&self, args: &[&str]) -> Vec<Value> {
        let mut rows = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut page_args = [args, &["--limit", "7"]].concat();
            if let Some(cursor) = &after {
                page_args.extend(["--after", cursor.as_str()]);
            }
            let (page, next) = self.page(&page_args);
            assert!(page.len() <= 7);
            rows.extend(page);
            match next {
                Some(cursor) => after = Some(cursor),
                None => return rows,
            }
        }
    }

    /// Every customer, archived too.
    fn everyone(&self) -> Value {
        self.json(&["customer", "list", "--archived", "--limit", "10000"])
    }
}

fn ids(rows: &[Value]) -> Vec<String> {
    rows.iter().map(id_of).collect()
}

#[test]
fn search_finds_the_customer_first_by_name_pinyin_phone_or_wechat() {
    let book = Book::demo();
    let zhuge = book.add("诸葛孔明", "139 0000 7321", &["--wechat", "wolong_1881"]);
    let ouyang = book.add(
        "欧阳娜娜",
        "186 5555 2468",
        &["--email", "nana@example.com"],
    );
    let first = |query: &str| -> (String, String) {
        let hits = book.json(&["search", query]);
        let hit = &hits.items().expect("a JSON array of hits")[0];
        (id_of(hit), hit["tier"].as_str().unwrap().to_owned())
    };
    for (query, id, tier) in [
        ("诸葛孔明", &zhuge, "exact"),
        ("诸葛", &zhuge, "prefix"),
        ("孔明", &zhuge, "substring"),
        ("zgkm", &zhuge, "exact"),
        ("zhugekongming", &zhuge, "exact"),
        ("zhuge", &zhuge, "prefix"),
        ("7321", &zhuge, "substring"),
        ("139-0000-7321", &zhuge, "exact"),
        ("wolong_1881", &zhuge, "exact"),
        ("oynn", &ouyang, "exact"),
        ("2468", &ouyang, "substring"),
        ("nana@exa", &ouyang, "prefix"),
    ] {
        assert_eq!(first(query), (id.clone(), tier.to_owned()), "{query}");
    }
    // The hit carries the list row's fields.
    let hits = book.json(&["search", "zgkm", "--limit", "1"]);
    assert_eq!(hits.items().unwrap().len(), 1);
    assert_eq!(hits["items"][0]["name"], "诸葛孔明");
    assert_eq!(hits["items"][0]["primary_contact"]["key"], "+8613900007321");
    // The text form shows the tier.
    let text = book.run(&["--lang", "en", "search", "zgkm"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("exact") && text.contains(&zhuge[..8]),
        "{text}"
    );
    let text = book.run(&["search", "zgkm"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("完全匹配"), "{text}");

    // Archived customers are found only when asked.
    book.json(&["customer", "archive", &zhuge]);
    let hits = book.json(&["search", "zgkm"]);
    assert!(!ids(hits.items().unwrap()).contains(&zhuge));
    assert_eq!(
        first_id(&book.json(&["search", "zgkm", "--archived"])),
        zhuge
    );

    for (args, field) in [
        (&["search", " "][..], "QUERY"),
        (&["search", "zgkm", "--limit", "0"], "--limit"),
        (&["search", "zgkm", "--limit", "201"], "--limit"),
    ] {
        let out = book.run(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(
            one_line_error(&out).starts_with(&format!("invalid input: {field} ")),
            "{args:?}"
        );
    }
}

fn first_id(hits: &Value) -> String {
    id_of(&hits["items"][0])
}

#[test]
fn a_filter_pages_through_every_match_once_and_agrees_with_count_and_facets() {
    let book = Book::demo();
    let filter = ["customer", "list", "--channel", "online", "--tag", "suv"];
    let count = book.json(&[&filter[..], &["--count"]].concat())["count"]
        .as_u64()
        .unwrap();
    assert!(
        count > 14,
        "the demo should hold a few pages of online SUV leads"
    );

    let rows = book.walk(&filter);
    let seen = ids(&rows);
    assert_eq!(seen.len() as u64, count);
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        seen.len(),
        "a customer appeared twice"
    );
    let created: Vec<&str> = rows
        .iter()
        .map(|r| r["created_at"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "newest first");
    for row in &rows {
        assert!(row["tags"].as_array().unwrap().contains(&json!("SUV")));
        let customer = book.json(&["customer", "show", &id_of(row)]);
        assert_eq!(customer["source"]["kind"], "online_platform");
    }

    // The facets of the online leads count the same SUV customers.
    let facets = book.json(&["customer", "list", "--channel", "online", "--facets"]);
    let suv = facets["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["value"] == "SUV")
        .expect("an SUV facet");
    assert_eq!(suv["count"].as_u64(), Some(count));
    assert_eq!(facets["channels"][0]["value"], "online_platform");
    for dimension in ["importance", "platforms"] {
        let sum: u64 = facets[dimension]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["count"].as_u64().unwrap())
            .sum();
        assert_eq!(sum, facets["customers"].as_u64().unwrap(), "{dimension}");
    }

    // Another sort walks the same set, most important first.
    let by_importance = book.walk(&[&filter[..], &["--sort", "importance"]].concat());
    let mut a = ids(&by_importance);
    let mut b = seen.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    let rank = |r: &Value| match r["importance"].as_str().unwrap() {
        "key" => 2,
        "important" => 1,
        _ => 0,
    };
    assert!(by_importance.windows(2).all(|w| rank(&w[0]) >= rank(&w[1])));

    // A cursor from one sort does not continue another.
    let (_, next) = book.page(&[&filter[..], &["--limit", "3"]].concat());
    let next = next.expect("more than one page");
    let out = book.run(&[&filter[..], &["--sort", "name", "--after", &next]].concat());
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).starts_with("invalid input: --after "));

    // The text form counts every match.
    let text = book.run(&[&filter[..], &["--limit", "5"]].concat());
    let shown = String::from_utf8_lossy(&text.stdout);
    assert!(
        shown.contains(&format!("显示 5 位，共 {count} 位")),
        "{shown}"
    );
    assert!(stderr(&text).starts_with("next: "));
}

#[test]
fn a_view_is_saved_listed_run_renamed_and_deleted() {
    let book = Book::demo();
    let options = [
        "--channel",
        "online",
        "--importance",
        "important",
        "--importance",
        "key",
        "--sort",
        "name",
    ];
    let saved = book.json(
        &[
            &["view", "save", "重要网络客户"],
            &options[..],
            &["--column", "tags"],
        ]
        .concat(),
    );
    let id = id_of(&saved);
    assert_eq!(saved["name"], "重要网络客户");
    assert_eq!(
        saved["definition"]["filter"]["channels"],
        json!(["online_platform"])
    );
    assert_eq!(
        saved["definition"]["sort"],
        json!({"key": "name", "descending": false})
    );
    assert_eq!(saved["definition"]["columns"], json!(["tags"]));

    // Each command is a new process: the view lives in the database.
    let views = book.json(&["view", "list"]);
    assert_eq!(views.items().unwrap().len(), 1);
    assert_eq!(views["items"][0]["id"], id.as_str());

    let list = book.json(&[&["customer", "list"], &options[..], &["--limit", "1000"]].concat());
    assert!(!list.items().unwrap().is_empty());
    let run = book.json(&["view", "run", "重要网络客户", "--limit", "1000"]);
    assert_eq!(run, list);
    // Paged, by id, it gives the same rows.
    let walked = book.walk(&["view", "run", &id]);
    assert_eq!(Some(&walked), list.items());

    // A second view with the same name (any case) is a conflict.
    let twice = book.run(&["view", "save", "重要网络客户", "--tag", "SUV"]);
    assert_eq!(code(&twice), 4);
    assert!(one_line_error(&twice).contains("NAME is already used"));

    let renamed = book.json(&["view", "rename", &id, "Key online"]);
    assert_eq!(renamed["name"], "Key online");
    assert_eq!(renamed["version"], 2);
    assert_eq!(
        book.json(&["view", "run", "KEY ONLINE", "--limit", "1000"]),
        list
    );
    let text = book.run(&["view", "list"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Key online")
            && text.contains(
                "--channel online_platform --importance important --importance key --sort name"
            ),
        "{text}"
    );

    let deleted = book.json(&["view", "delete", "key online"]);
    assert_eq!(deleted["deleted"], id.as_str());
    assert_eq!(
        book.json(&["view", "list"]),
        json!({"items": [], "next": null})
    );
    for args in [&["view", "run", &id][..], &["view", "delete", "key online"]] {
        let out = book.run(args);
        assert_eq!(code(&out), 3, "{args:?}");
        assert!(one_line_error(&out).contains("not found"));
    }
}

#[test]
fn merge_combines_contacts_and_removes_the_other() {
    let book = Book::demo();
    let keep = book.add(
        "张小明",
        "137 0000 1111",
        &["--tag", "SUV", "--owner", "c02"],
    );
    let other = book.add(
        "张晓明",
        "137 0000 2222",
        &[
            "--wechat",
            "zxm_2222",
            "--tag",
            "高意向",
            "--occupation",
            "医生",
            "--key",
        ],
    );
    let before = book.everyone().items().unwrap().len();
    let merged = book.json(&["customer", "merge", &keep, &other]);
    assert_eq!(id_of(&merged), keep);
    assert_eq!(merged["name"], "张小明");
    assert_eq!(merged["version"], 2);
    let keys: Vec<&str> = merged["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["+8613700001111", "+8613700002222", "zxm_2222"]);
    assert_eq!(merged["contacts"][0]["primary"], true);
    assert_eq!(merged["tags"], json!(["SUV", "高意向"]));
    assert_eq!(merged["occupation"], "医生");
    assert_eq!(merged["importance"], "key");
    assert_eq!(merged["owner"], "c02");

    let gone = book.run(&["customer", "show", &other]);
    assert_eq!(code(&gone), 3);
    assert!(one_line_error(&gone).contains("not found"));
    assert_eq!(book.everyone().items().unwrap().len(), before - 1);
    // The other's contacts now find the kept customer.
    assert_eq!(first_id(&book.json(&["search", "2222"])), keep);
    assert_eq!(first_id(&book.json(&["search", "zxm_2222"])), keep);

    // Merging a customer into itself, or a missing one, changes nothing.
    let same = book.run(&["customer", "merge", &keep, &keep]);
    assert_eq!(code(&same), 2);
    assert!(one_line_error(&same).starts_with("invalid input: OTHER "));
    let missing = book.run(&["customer", "merge", &keep, &other]);
    assert_eq!(code(&missing), 3);
    assert_eq!(book.json(&["customer", "show", &keep]), merged);
}

#[test]
fn a_duplicate_add_exits_4_and_check_duplicates_names_the_owner() {
    let book = Book::demo();
    let id = book.add("诸葛孔明", "139 0000 7321", &["--wechat", "wolong_1881"]);
    let before = book.everyone();

    let twice = book.run(&[
        "customer",
        "add",
        "--name",
        "孔明",
        "--phone",
        "+86 139-0000-7321",
    ]);
    assert_eq!(code(&twice), 4);
    let line = one_line_error(&twice);
    assert!(
        line.starts_with("duplicate: --phone") && line.contains(&id),
        "{line}"
    );
    assert_eq!(book.everyone(), before);

    let checks = book.json(&[
        "customer",
        "check-duplicates",
        "--phone",
        "13900007321",
        "--wechat",
        "nobody_here",
        "--email",
        "Wolong_1881@example.com",
    ]);
    let checks = checks.items().unwrap();
    assert_eq!(checks.len(), 3);
    assert_eq!(checks[0]["option"], "phone");
    assert_eq!(checks[0]["key"], "+8613900007321");
    assert_eq!(checks[0]["existing"], id.as_str());
    assert_eq!(checks[0]["existing_name"], "诸葛孔明");
    assert!(checks[1]["existing"].is_null() && checks[2]["existing"].is_null());
    // The WeChat ID matches whatever the case.
    let wechat = book.json(&["customer", "check-duplicates", "--wechat", "WoLong_1881"]);
    assert_eq!(wechat["items"][0]["existing"], id.as_str());

    let text = book.run(&[
        "--lang",
        "en",
        "customer",
        "check-duplicates",
        "--phone",
        "139 0000 7321",
    ]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("already belongs to 诸葛孔明") && text.contains(&id),
        "{text}"
    );

    let bad = book.run(&["customer", "check-duplicates", "--phone", "12345"]);
    assert_eq!(code(&bad), 2);
    assert!(one_line_error(&bad).starts_with("invalid input: --phone "));
    assert_eq!(code(&book.run(&["customer", "check-duplicates"])), 2);
}

#[test]
fn bad_filter_input_exits_2_names_the_field_and_writes_nothing() {
    let book = Book::demo();
    let before = book.everyone();
    let cases: [(&[&str], &str); 10] = [
        (&["--birthday-month", "13"], "--birthday-month"),
        (&["--channel", "walk-in", "--channel", "tv"], "--channel"),
        (&["--channel", "汽车之家"], "--channel"),
        (&["--importance", "vip"], "--importance"),
        (&["--created-from", "2026-13-01"], "--created-from"),
        (
            &["--created-from", "2026-05-02", "--created-to", "2026-05-01"],
            "--created-to",
        ),
        (
            &["--contacted-within", "0"],
            "--contacted-within/--not-contacted-for",
        ),
        (
            &["--not-contacted-for", "40000"],
            "--contacted-within/--not-contacted-for",
        ),
        (&["--query", " "], "--query"),
        (&["--limit", "0"], "--limit"),
    ];
    for (args, field) in cases {
        for command in [&["customer", "list"][..], &["view", "save", "坏视图"]] {
            let all = [command, args].concat();
            // `view save` has no --limit.
            if command[0] == "view" && field == "--limit" {
                continue;
            }
            let out = book.run(&all);
            assert_eq!(code(&out), 2, "{all:?}: {}", stderr(&out));
            let line = one_line_error(&out);
            assert!(
                line.starts_with(&format!("invalid input: {field} ")),
                "{all:?}: {line}"
            );
        }
    }
    let out = book.run(&["view", "save", "坏视图", "--column", "phone"]);
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).starts_with("invalid input: --column "));
    let out = book.run(&["customer", "list", "--after", "not-a-cursor"]);
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).starts_with("invalid input: --after "));
    // Parse errors (clap) exit 2 too; exclusive options are refused.
    for args in [
        &["customer", "list", "--birthday-month", "may"][..],
        &["customer", "list", "--sort", "age"],
        &["customer", "list", "--archived", "--only-archived"],
        &[
            "customer",
            "list",
            "--never-contacted",
            "--contacted-within",
            "3",
        ],
        &["customer", "list", "--count", "--facets"],
    ] {
        assert_eq!(code(&book.run(args)), 2, "{args:?}");
    }
    assert_eq!(
        book.json(&["view", "list"]),
        json!({"items": [], "next": null})
    );
    assert_eq!(book.everyone(), before);

    // Nor is a missing database created by bad input.
    let fresh = Book::new();
    let out = fresh.run(&["view", "save", "x", "--birthday-month", "0"]);
    assert_eq!(code(&out), 2);
    assert!(!fresh.db.exists());
}

#[test]
fn the_other_filter_dimensions_narrow_the_list() {
    let book = Book::demo();
    let count = |args: &[&str]| -> u64 {
        book.json(&[&["customer", "list", "--count"], args].concat())["count"]
            .as_u64()
            .unwrap()
    };
    let all = count(&[]);
    assert_eq!(all, 300);
    let a = book.add(
        "钱多多",
        "135 1111 0000",
        &[
            "--birthday",
            "1990-02-14",
            "--region",
            "浙江省/杭州市/余杭区",
            "--owner",
            "c99",
        ],
    );
    let b = book.add(
        "孙少少",
        "135 2222 0000",
        &["--owner", "c99", "--tag", "VIP", "--tag", "SUV"],
    );
    assert_eq!(count(&["--owner", "c99"]), 2);
    assert_eq!(count(&["--owner", "c99", "--district", "余杭区"]), 1);
    assert_eq!(count(&["--owner", "c99", "--birthday-month", "2"]), 1);
    assert_eq!(
        count(&["--owner", "c99", "--all-tags", "vip", "--all-tags", "suv"]),
        1
    );
    assert_eq!(count(&["--owner", "c99", "--query", "qdd"]), 1);
    assert_eq!(count(&["--owner", "c99", "--never-contacted"]), 2);
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert_eq!(count(&["--created-from", &today, "--owner", "c99"]), 2);
    assert_eq!(count(&["--created-to", "2000-01-01"]), 0);
    // Archive state.
    book.json(&["customer", "archive", &a]);
    assert_eq!(count(&["--owner", "c99"]), 1);
    assert_eq!(count(&["--owner", "c99", "--archived"]), 2);
    assert_eq!(count(&["--only-archived"]), 1);
    let archived = book.json(&["customer", "list", "--only-archived"]);
    assert_eq!(ids(archived.items().unwrap()), vec![a]);
    let by_owner = book.json(&["customer", "list", "--owner", "c99", "--facets"]);
    assert_eq!(by_owner["owners"], json!([{"value": "c99", "count": 1}]));
    assert_eq!(
        first_id(&book.json(&["customer", "list", "--owner", "c99"])),
        b
    );
}

#[test]
fn a_platform_filter_counts_what_the_platform_facet_says() {
    let book = Book::demo();
    let facets = book.json(&["customer", "list", "--facets"]);
    let platforms = facets["platforms"].as_array().expect("platform facets");
    let first = &platforms[0];
    let name = first["value"].as_str().expect("platform name");
    let count = book.json(&["customer", "list", "--platform", name, "--count"]);
    assert_eq!(count["count"], first["count"], "{name}");
    let none = book.json(&[
        "customer",
        "list",
        "--platform",
        "no-such-platform",
        "--count",
    ]);
    assert_eq!(none["count"], 0);
}

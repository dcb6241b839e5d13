//! The `crm` binary, run for real in a temporary folder: outputs, exit codes, and that bad
//! input writes nothing.

mod common;

use common::*;
use serde_json::Value;

/// A temporary folder with a database path in it.
impl Book {
    /// Adds a customer and returns it (as JSON).
    fn add(&self, name: &str, phone: &str, extra: &[&str]) -> Value {
        let mut args = vec!["customer", "add", "--name", name, "--phone", phone];
        args.extend_from_slice(extra);
        self.json(&args)
    }

    /// Every customer (archived too), as JSON.
    fn everyone(&self) -> Value {
        self.json(&["customer", "list", "--archived", "--limit", "10000"])
    }
}

fn ids(list: &Value) -> Vec<String> {
    list.items()
        .expect("a JSON array")
        .iter()
        .map(id_of)
        .collect()
}

#[test]
fn demo_fills_an_empty_database_and_summarises_it() {
    let book = Book::new();
    let report = book.json(&["demo", "--customers", "300", "--seed", "7"]);
    assert_eq!(report["demo"]["customers"], 300);
    assert_eq!(report["demo"]["seed"], 7);
    assert_eq!(report["customers"], 300);
    assert_eq!(report["archived"], 0);
    let sum = |key: &str| -> u64 {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["count"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(sum("by_source"), 300);
    assert_eq!(sum("by_importance"), 300);
    assert_eq!(sum("by_owner"), 300);
    let online = report["by_source"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["channel"] == "online_platform")
        .expect("online leads");
    let platforms: u64 = online["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_u64().unwrap())
        .sum();
    assert_eq!(platforms, online["count"].as_u64().unwrap());
    let consultant = &report["by_owner"][0];
    assert_eq!(consultant["owner"], "c01");
    assert_eq!(consultant["name"], "王建国");
    assert!(!report["top_tags"].as_array().unwrap().is_empty());
    let newest = report["newest"].as_array().unwrap();
    assert_eq!(newest.len(), 5);
    assert!(newest[0]["primary_contact"].is_string());
    assert!(newest[0]["created_at"].as_str().unwrap().ends_with('Z'));

    // The last 12 months' funnel: every stage, reach never growing, deals won.
    let funnel = &report["funnel"];
    let rows = funnel["rows"].as_array().unwrap();
    let reached: Vec<u64> = rows
        .iter()
        .map(|r| r["customers"].as_u64().unwrap())
        .collect();
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[0]["stage"], "new_lead");
    assert_eq!(reached[0], funnel["cohort"].as_u64().unwrap());
    assert!(
        reached[0] > 100,
        "most of the book came this year: {reached:?}"
    );
    assert!(reached.windows(2).all(|w| w[0] >= w[1]), "{reached:?}");
    assert!(
        reached[7] > 0 && reached[7] < reached[0] / 2,
        "a leaky funnel: {reached:?}"
    );
    for r in &rows[1..] {
        let bp = r["conversion_bp"].as_u64().unwrap();
        assert!(bp > 0 && bp <= 10_000, "{r}");
        assert!(
            r["median_days_from_previous"].as_f64().unwrap() >= 0.0,
            "{r}"
        );
    }
    // The channel table: the same customers, the same deliveries, revenue in fen.
    let channels = &report["channels"];
    let total = &channels["total"];
    let leads: u64 = channels["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["leads"].as_u64().unwrap())
        .sum();
    assert_eq!(leads, reached[0]);
    assert_eq!(total["leads"].as_u64().unwrap(), reached[0]);
    // Visits are the recorded ones (the funnel's reached), not whoever a jump carried past.
    assert_eq!(total["visits"], rows[3]["reached"]);
    assert_eq!(total["deliveries"].as_u64().unwrap(), reached[7]);
    let revenue = total["revenue_fen"].as_i64().unwrap();
    let per_delivery = revenue / total["deliveries"].as_i64().unwrap();
    assert!(
        (5_000_000..100_000_000).contains(&per_delivery),
        "50,000 to 1,000,000 yuan a car: {per_delivery} fen"
    );
    assert!(
        total["median_days_to_close"].as_f64().unwrap() > 1.0,
        "{total}"
    );
    // Care: the delivered cars' tasks, some of them due by now.
    let care = &report["care"];
    let tasks = care["tasks"].as_u64().unwrap();
    assert_eq!(tasks, report["demo"]["care_tasks"].as_u64().unwrap());
    assert!(tasks > report["demo"]["pipeline"]["deliveries"].as_u64().unwrap());
    let kinds = care["by_kind"].as_array().unwrap();
    let of_kinds: u64 = kinds.iter().map(|k| k["tasks"].as_u64().unwrap()).sum();
    assert_eq!(of_kinds, tasks);
    assert!(kinds.iter().any(|k| k["kind"] == "delivery_call"), "{care}");
    assert!(kinds.iter().any(|k| k["kind"] == "maintenance"), "{care}");
    let due = care["due_today"].as_u64().unwrap() + care["overdue"].as_u64().unwrap();
    assert!(due > 0, "recent deliveries' calls are due: {care}");

    // The data is really there, and the overview command agrees.
    assert_eq!(book.everyone().items().unwrap().len(), 300);
    assert_eq!(book.json(&["overview"])["by_source"], report["by_source"]);

    // A second demo would mix two books: refused as a conflict, nothing added.
    let again = book.run(&["demo", "--customers", "10"]);
    assert_eq!(code(&again), 4);
    assert!(one_line_error(&again).contains("already holds 300 customers"));
    assert_eq!(book.everyone().items().unwrap().len(), 300);

    // The text form prints the same overview.
    let text = book.run(&["overview", "--lang", "en"]);
    assert_eq!(code(&text), 0);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("300 customers") && text.contains("c01 王建国"));
    for heading in [
        "Conversion funnel",
        "Channels, the same customers",
        "Care tasks as of",
    ] {
        assert!(text.contains(heading), "{heading} missing from:\n{text}");
    }
    assert!(
        text.contains("delivered ")
            && text.contains("walk-in")
            && text.contains("delivery call")
            && !text.contains("showroom_walk_in")
    );
}

#[test]
fn the_same_seed_fills_the_same_book() {
    let (a, b) = (Book::new(), Book::new());
    let anchor = "2026-06-01T00:00:00Z";
    let args = [
        "demo",
        "--customers",
        "50",
        "--seed",
        "9",
        "--anchor",
        anchor,
    ];
    a.json(&args);
    b.json(&args);
    let strip = |list: Value| -> Vec<(Value, Value, Value)> {
        list.items()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["name"].clone(),
                    c["primary_contact"].clone(),
                    c["created_at"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(strip(a.everyone()), strip(b.everyone()));
}

#[test]
fn add_show_and_list_round_trip_as_json() {
    let book = Book::new();
    let added = book.add(
        "张三",
        "138 1234 5678",
        &[
            "--wechat",
            "zhangsan88",
            "--email",
            "Zhang.San@Example.com",
            "--gender",
            "male",
            "--birthday",
            "1990-05-01",
            "--source",
            "汽车之家",
            "--tag",
            "高意向",
            "--tag",
            "SUV",
            "--important",
            "--owner",
            "c03",
            "--region",
            "浙江省/杭州市/西湖区",
        ],
    );
    assert_eq!(added["name"], "张三");
    assert_eq!(added["version"], 1);
    assert_eq!(added["birthday"], "1990-05-01");
    assert_eq!(added["gender"], "male");
    assert_eq!(added["importance"], "important");
    assert_eq!(added["owner"], "c03");
    assert_eq!(added["tags"], serde_json::json!(["高意向", "SUV"]));
    assert_eq!(added["source"]["kind"], "online_platform");
    assert_eq!(added["source"]["platform"], "汽车之家");
    assert_eq!(added["region"]["district"], "西湖区");
    let contacts = added["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 3);
    assert_eq!(contacts[0]["value"], "138 1234 5678");
    assert_eq!(contacts[0]["key"], "+8613812345678");
    assert_eq!(contacts[0]["primary"], true);
    assert_eq!(contacts[2]["key"], "zhang.san@example.com");
    assert!(added["created_at"].as_str().unwrap().ends_with('Z'));

    let id = id_of(&added);
    assert_eq!(book.json(&["customer", "show", &id]), added);

    let list = book.json(&["customer", "list"]);
    assert_eq!(ids(&list), vec![id.clone()]);
    assert_eq!(list["items"][0]["primary_contact"]["key"], "+8613812345678");

    // The text forms name the customer too.
    let shown = book.run(&["customer", "show", &id]);
    assert_eq!(code(&shown), 0);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("张三") && shown.contains("c03 张伟") && shown.contains("汽车之家"));
}

#[test]
fn bad_input_exits_2_names_the_field_and_writes_nothing() {
    let book = Book::new();
    book.add("李四", "13912345678", &[]);
    let before = book.everyone();
    let cases: [(&[&str], &str); 5] = [
        (&["--name", "王五", "--phone", "12345"], "--phone"),
        (&["--name", " ", "--phone", "13712345678"], "--name"),
        (
            &[
                "--name",
                "王五",
                "--phone",
                "13712345678",
                "--birthday",
                "2999-01-01",
            ],
            "--birthday",
        ),
        (
            &[
                "--name",
                "王五",
                "--phone",
                "13712345678",
                "--birthday",
                "1990-02-30",
            ],
            "--birthday",
        ),
        (
            &["--name", "王五", "--phone", "13712345678", "--source", "tv"],
            "--source",
        ),
    ];
    for (args, field) in cases {
        let mut all = vec!["customer", "add"];
        all.extend_from_slice(args);
        let out = book.run(&all);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let line = one_line_error(&out);
        assert!(
            line.starts_with(&format!("invalid input: {field} ")),
            "{args:?}: {line}"
        );
        assert_eq!(book.everyone(), before, "{args:?} wrote something");
    }
    // An edit that breaks a rule leaves the customer at its version.
    let id = id_of(&before["items"][0]);
    let out = book.run(&["customer", "edit", &id, "--phone", "555"]);
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).contains("--phone"));
    assert_eq!(book.everyone(), before);
    // Bad input on a database that does not exist yet does not create it.
    let fresh = Book::new();
    let out = fresh.run(&["customer", "add", "--name", "", "--phone", "13812345678"]);
    assert_eq!(code(&out), 2);
    assert!(!fresh.db.exists());
}

#[test]
fn usage_errors_exit_2() {
    let book = Book::new();
    for args in [
        &["customer", "show"][..],
        &["customer", "frobnicate"],
        &["demo", "--customers", "many"],
        &["customer", "add", "--name", "x", "--important", "--key"],
    ] {
        let out = book.run(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(!stderr(&out).contains("panicked"));
    }
    assert_eq!(code(&book.run(&["--help"])), 0);
}

#[test]
fn missing_customers_exit_3() {
    let book = Book::new();
    book.add("李四", "13912345678", &[]);
    let missing = "0190aaaa-0000-7000-8000-000000000000";
    for args in [
        &["customer", "show", missing][..],
        &["customer", "edit", missing, "--notes", "x"],
        &["customer", "archive", missing],
        &["customer", "restore", missing],
        &["customer", "delete", missing],
    ] {
        let out = book.run(args);
        assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
        assert!(one_line_error(&out).contains("not found"));
    }
}

#[test]
fn a_stale_version_or_a_duplicate_exits_4() {
    let book = Book::new();
    let added = book.add("李四", "13912345678", &[]);
    let id = id_of(&added);
    let edited = book.json(&["customer", "edit", &id, "--notes", "周末联系", "--key"]);
    assert_eq!(edited["version"], 2);
    assert_eq!(edited["importance"], "key");

    let stale = book.run(&[
        "customer",
        "edit",
        &id,
        "--expect-version",
        "1",
        "--notes",
        "x",
    ]);
    assert_eq!(code(&stale), 4);
    assert!(one_line_error(&stale).contains("version 2"));
    let shown = book.json(&["customer", "show", &id]);
    assert_eq!(shown["notes"], "周末联系");
    assert_eq!(shown["version"], 2);

    // The right version goes through.
    let ok = book.json(&[
        "customer",
        "edit",
        &id,
        "--expect-version",
        "2",
        "--add-tag",
        "SUV",
    ]);
    assert_eq!(ok["version"], 3);
    assert_eq!(ok["tags"], serde_json::json!(["SUV"]));

    // The same phone typed differently is the same customer (撞单).
    let twice = book.run(&[
        "customer",
        "add",
        "--name",
        "李四",
        "--phone",
        "+86 139-1234-5678",
    ]);
    assert_eq!(code(&twice), 4);
    let line = one_line_error(&twice);
    assert!(
        line.starts_with("duplicate:") && line.contains(&id),
        "{line}"
    );
    assert_eq!(book.everyone().items().unwrap().len(), 1);
    let allowed = book.json(&[
        "customer",
        "add",
        "--name",
        "李四",
        "--phone",
        "+86 139-1234-5678",
        "--allow-duplicate",
    ]);
    assert_ne!(id_of(&allowed), id);
}

#[test]
fn archived_customers_leave_the_default_list_until_restored() {
    let book = Book::new();
    let a = id_of(&book.add("李四", "13912345678", &[]));
    let b = id_of(&book.add("王五", "13712345678", &[]));
    let archived = book.json(&["customer", "archive", &a]);
    assert!(archived["archived_at"].is_string());
    assert_eq!(ids(&book.json(&["customer", "list"])), vec![b.clone()]);
    let all = ids(&book.everyone());
    assert!(all.contains(&a) && all.contains(&b));
    // Archived customers still show.
    assert_eq!(book.json(&["customer", "show", &a])["id"], a.as_str());

    let restored = book.json(&["customer", "restore", &a]);
    assert!(restored["archived_at"].is_null());
    assert_eq!(ids(&book.json(&["customer", "list"])).len(), 2);

    let deleted = book.json(&["customer", "delete", &b]);
    assert_eq!(deleted["deleted"], b.as_str());
    assert_eq!(ids(&book.everyone()), vec![a]);
}

#[test]
fn commands_that_read_do_not_create_a_missing_database() {
    let book = Book::new();
    let out = book.run(&["customer", "list"]);
    assert_eq!(code(&out), 1);
    assert!(one_line_error(&out).contains("does not exist"));
    assert!(!book.db.exists());
}

#[test]
fn a_database_from_a_newer_version_exits_1_untouched() {
    let book = Book::new();
    {
        let conn = rusqlite::Connection::open(&book.db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(&book.db).unwrap();
    for args in [&["customer", "list"][..], &["demo", "--customers", "5"]] {
        let out = book.run(args);
        assert_eq!(code(&out), 1, "{args:?}");
        assert!(one_line_error(&out).contains("newer"));
    }
    assert_eq!(std::fs::read(&book.db).unwrap(), before);
}

//! `crm customer list` and `view save` with the deal filters (intent level, stage, intended
//! vehicle, budget, trade-in, lost reason, ordered / delivered between), run for real on a
//! small book built through the CLI; bad deal options exit 2 naming the field and write
//! nothing.

mod common;

use common::*;

impl Book {
    fn add(&self, name: &str, phone: &str) -> String {
        id_of(&self.json(&["customer", "add", "--name", name, "--phone", phone]))
    }

    /// The ids `customer list FILTER` prints, sorted.
    fn ids(&self, filter: &[&str]) -> Vec<String> {
        let rows = self.json(&[&["customer", "list", "--limit", "100"], filter].concat());
        let mut ids: Vec<String> = rows.items().expect("rows").iter().map(id_of).collect();
        ids.sort();
        ids
    }
}

fn sorted(ids: &[&String]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|s| (*s).clone()).collect();
    v.sort();
    v
}

/// A Chinese VIN with its check digit in place.
fn vin(serial: u32) -> String {
    let draft = format!("LGXCE4CB0N{serial:07}");
    let digit = crm_core::vin_check_digit(&draft).expect("17 VIN characters");
    format!("{}{digit}{}", &draft[..8], &draft[9..])
}

#[test]
fn deal_filters_find_exactly_the_customers_they_describe() {
    let book = Book::new();
    // The dealership's default zone is Asia/Shanghai (UTC+8 all year): orders are dated in it.
    let shanghai = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    let today = chrono::Utc::now().with_timezone(&shanghai).date_naive();
    let tomorrow = today + chrono::Duration::days(1);

    // 甲: H, a Volkswagen SUV within ¥150,000-¥200,000 with a trade-in; negotiating.
    let jia = book.add("甲", "135 0000 0001");
    book.json(&["customer", "intent", &jia, "H"]);
    book.json(&[
        "intent",
        "add",
        &jia,
        "--brand",
        "大众",
        "--series",
        "途观L",
        "--body-type",
        "suv",
        "--budget-min",
        "15万",
        "--budget-max",
        "20万",
        "--trade-in-brand",
        "本田",
    ]);
    for stage in ["visited", "test-driven", "negotiating"] {
        book.json(&["stage", &jia, stage]);
    }
    // 乙: a BYD plug-in sedan; ordered today and delivered today.
    let yi = book.add("乙", "135 0000 0002");
    book.json(&[
        "intent",
        "add",
        &yi,
        "--brand",
        "比亚迪",
        "--series",
        "汉",
        "--body-type",
        "sedan",
        "--powertrain",
        "phev",
        "--budget-max",
        "25万",
    ]);
    book.json(&["stage", &yi, "visited"]);
    let order = book.json(&[
        "order", "place", &yi, "--model", "汉 DM-i", "--price", "21.98万",
    ]);
    book.json(&["order", "vin", &id_of(&order), &vin(4242)]);
    book.json(&["deliver", &id_of(&order), "--odometer", "10"]);
    // 丙: lost on price, pending approval.
    let bing = book.add("丙", "135 0000 0003");
    book.json(&["lost", &bing, "--reason", "price"]);

    assert_eq!(book.ids(&["--level", "A,H"]), sorted(&[&jia]));
    assert_eq!(book.ids(&["--stage", "negotiating"]), sorted(&[&jia]));
    assert_eq!(
        book.ids(&["--stage", "lost-requested,delivered"]),
        sorted(&[&yi, &bing])
    );
    assert_eq!(book.ids(&["--lost-reason", "price"]), sorted(&[&bing]));
    assert_eq!(book.ids(&["--brand", "大众"]), sorted(&[&jia]));
    assert_eq!(book.ids(&["--model", "汉"]), sorted(&[&yi]));
    assert_eq!(book.ids(&["--body-type", "suv"]), sorted(&[&jia]));
    assert_eq!(book.ids(&["--powertrain", "phev"]), sorted(&[&yi]));
    assert_eq!(book.ids(&["--budget", "21万-30万"]), sorted(&[&yi]));
    assert_eq!(book.ids(&["--budget", "-15万"]), sorted(&[&jia, &yi]));
    assert!(book
        .ids(&["--body-type", "suv", "--budget", "21万-"])
        .is_empty());
    assert_eq!(book.ids(&["--trade-in", "yes"]), sorted(&[&jia]));
    assert_eq!(book.ids(&["--trade-in", "no"]), sorted(&[&yi, &bing]));
    let span = format!("{today}..{tomorrow}");
    assert_eq!(book.ids(&["--ordered", &span]), sorted(&[&yi]));
    assert_eq!(book.ids(&["--delivered", &span]), sorted(&[&yi]));
    assert!(book.ids(&["--ordered", &format!("..{today}")]).is_empty());
    let count = book.json(&["customer", "list", "--count", "--stage", "lost-requested"]);
    assert_eq!(count["count"], 1);

    // A saved view keeps them, and `view list` shows options that give it back.
    book.json(&[
        "view",
        "save",
        "H级SUV",
        "--level",
        "H",
        "--body-type",
        "suv",
        "--trade-in",
        "yes",
    ]);
    let views = book.json(&["view", "list"]);
    let filter = &views["items"][0]["definition"]["filter"];
    assert_eq!(filter["levels"], serde_json::json!(["h"]));
    assert_eq!(filter["body_types"], serde_json::json!(["suv"]));
    assert_eq!(filter["has_trade_in"], true);
    let run = book.json(&["view", "run", &id_of(&views["items"][0])]);
    assert_eq!(
        run.items()
            .map(|rows| rows.iter().map(id_of).collect::<Vec<_>>()),
        Some(vec![jia])
    );
}

#[test]
fn bad_deal_options_exit_2_name_the_field_and_write_nothing() {
    let book = Book::new();
    book.add("丁", "135 0000 0004");
    let before = book.json(&["customer", "list", "--archived"]);
    let cases: [(&[&str], &str); 8] = [
        (&["--level", "X"], "--level"),
        (&["--stage", "visited,sold"], "--stage"),
        (&["--body-type", "truck"], "--body-type"),
        (&["--budget", "20万-10万"], "--budget"),
        (&["--budget", "abc-"], "--budget"),
        (&["--ordered", "2026-03-01..2026-03-01"], "--ordered"),
        (&["--delivered", "2026-03-01"], "--delivered"),
        (&["--brand", " "], "--brand"),
    ];
    for (args, field) in cases {
        for command in [&["customer", "list"][..], &["view", "save", "坏视图"]] {
            let all = [command, args].concat();
            let out = book.run(&all);
            assert_eq!(code(&out), 2, "{all:?}: {}", stderr(&out));
            let line = one_line_error(&out);
            assert!(
                line.starts_with(&format!("invalid input: {field} ")),
                "{all:?}: {line}"
            );
        }
    }
    assert_eq!(
        code(&book.run(&["customer", "list", "--trade-in", "maybe"])),
        2
    );
    assert_eq!(
        book.json(&["view", "list"]),
        serde_json::json!({"items": [], "next": null})
    );
    assert_eq!(book.json(&["customer", "list", "--archived"]), before);
}

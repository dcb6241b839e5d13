//! `crm` care after the sale, run for real in a temporary folder: a delivered car gives care
//! tasks (`crm care run`), listed by customer, done (then in the timeline), skipped and
//! snoozed; an odometer reading and a consent change feed the next run (a customer never
//! asked gets no greeting, withdrawn consent drops them; the run counts what consent
//! blocked); odometer readings are checked against the daily limit (a setting), corrected
//! and deleted; the rules show and set as JSON; bad input exits 2 naming the field.

mod common;

use chrono::{Days, NaiveDate, Utc};
use common::*;
use crm_core::DealershipZone;
use serde_json::Value;

impl Book {
    /// Runs `crm ARGS` for its text output; expects success.
    fn text(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(code(&out), 0, "{args:?} failed: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The customer's care tasks in `status`.
    fn tasks(&self, customer: &str, status: &str) -> Vec<Value> {
        let list = self.json(&[
            "care",
            "list",
            "--customer",
            customer,
            "--status",
            status,
            "--limit",
            "1000",
        ]);
        list.items().expect("a list").clone()
    }
}

fn today() -> NaiveDate {
    DealershipZone::default().local_date(Utc::now())
}

fn days_ago(n: u64) -> String {
    (today() - Days::new(n)).to_string()
}

fn kind(task: &Value) -> &str {
    task["task"]["detail"]["kind"].as_str().expect("a kind")
}

fn key(task: &Value) -> String {
    task["task"]["key"].as_str().expect("a key").to_owned()
}

/// The exit code and the field named by a failed command's one stderr line.
fn failure(out: &std::process::Output) -> (i32, String) {
    (code(out), one_line_error(out))
}

#[test]
fn a_delivered_car_gives_care_tasks_that_close_and_follow_consent() {
    let book = Book::new();
    let customer = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "李娜",
        "--phone",
        "13900008888",
        "--owner",
        "c01",
    ]));
    let car = book.json(&[
        "car",
        "add",
        &customer,
        "--brand",
        "大众",
        "--model",
        "ID.4",
        "--delivered",
        &days_ago(10),
    ]);
    assert_eq!(car["brand"], "大众");
    let cars = book.json(&["car", "list", &customer]);
    assert_eq!(cars.items().map(Vec::len), Some(1));

    // Never asked: greetings and marketing are blocked by consent, and the run says so.
    let run = book.json(&["care", "run"]);
    let blocked = run["blocked_by_consent"].as_u64().expect("blocked");
    assert!(blocked > 0, "{run}");
    let zh = book.text(&["care", "run"]);
    assert!(zh.contains(&format!("{blocked} 项因未获同意")), "{zh}");
    let text = book.text(&["--lang", "en", "care", "run"]);
    assert!(
        text.contains(&format!("{blocked} blocked by consent")),
        "{text}"
    );
    book.json(&[
        "consent",
        &customer,
        "--grant",
        "sms",
        "--source",
        "paper_form",
    ]);
    let run = book.json(&["care", "run"]);
    let added = run["added"].as_u64().expect("added");
    assert!(added > 0, "{run}");
    assert!(run["blocked_by_consent"].as_u64() < Some(blocked), "{run}");
    let added = book.tasks(&customer, "open").len() as u64;
    let again = book.json(&["care", "run"]);
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(added))
    );

    let open = book.tasks(&customer, "open");
    let calls: Vec<String> = open
        .iter()
        .filter(|t| kind(t) == "delivery_call")
        .map(key)
        .collect();
    assert!(calls.len() >= 3, "{calls:?}");

    let done = book.json(&["care", "done", &calls[0], "--outcome", "客户满意"]);
    assert_eq!(done["status"]["state"], "done");
    let timeline = book.json(&["timeline", &customer]);
    assert!(
        timeline.to_string().contains(&calls[0]),
        "the done task is in the timeline: {timeline}"
    );
    let again = book.run(&["care", "skip", &calls[0], "--reason", "重复"]);
    assert_eq!(code(&again), 4, "a closed task is a conflict");

    let skipped = book.json(&["care", "skip", &calls[1], "--reason", "经理出差"]);
    assert_eq!(skipped["status"]["state"], "skipped");
    let until = (today() + Days::new(40)).to_string();
    let snoozed = book.json(&["care", "snooze", &calls[2], "--until", &until]);
    assert_eq!(snoozed["status"]["until"], until.as_str());
    assert_eq!(book.tasks(&customer, "snoozed").len(), 1);

    let reading = book.json(&["odometer", &customer, "3000"]);
    assert_eq!(reading["km"], 3000);
    let run = book.json(&["care", "run"]);
    assert!(
        run["updated"].as_u64() > Some(0),
        "services follow the pace: {run}"
    );

    let greetings = |book: &Book| {
        book.tasks(&customer, "open")
            .iter()
            .filter(|t| ["holiday", "birthday", "purchase_anniversary"].contains(&kind(t)))
            .count()
    };
    assert!(greetings(&book) > 0);
    let consent = book.json(&[
        "consent",
        &customer,
        "--withdraw",
        "wechat",
        "--withdraw",
        "sms",
        "--withdraw",
        "email",
        "--source",
        "phone",
    ]);
    assert_eq!(consent["records"].as_array().map(Vec::len), Some(3));
    let text = book.text(&["consent", &customer]);
    assert!(text.contains("已撤回"), "{text}");
    let text = book.text(&["--lang", "en", "consent", &customer]);
    assert!(text.contains("withdrawn"), "{text}");
    let run = book.json(&["care", "run"]);
    assert!(run["removed"].as_u64() > Some(0), "{run}");
    assert_eq!(greetings(&book), 0, "greetings gone after withdrawal");
}

#[test]
fn odometer_readings_are_checked_corrected_and_deleted() {
    let book = Book::new();
    let customer = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "钱七",
        "--phone",
        "13900005555",
    ]));
    let car = book.json(&[
        "car",
        "add",
        &customer,
        "--brand",
        "大众",
        "--model",
        "ID.4",
        "--delivered",
        &days_ago(30),
    ]);
    let car_id = car["id"].as_str().expect("a car id").to_owned();
    let first = book.json(&["odometer", &customer, "5000", "--at", &days_ago(2)]);
    let id = first["id"].as_i64().expect("a reading id");
    // 500,000 km a day after 5,000: refused, naming km.
    let typo = book.run(&["odometer", &customer, "500000", "--at", &days_ago(1)]);
    let (status, line) = failure(&typo);
    assert_eq!(status, 2, "{line}");
    assert!(line.contains("km"), "{line}");
    // The limit is a setting.
    let settings = book.json(&["settings", "--max-daily-km", "100"]);
    assert_eq!(settings["odometer"]["max_daily_km"], 100);
    let over = book.run(&["odometer", &customer, "5300", "--at", &days_ago(1)]);
    assert_eq!(failure(&over).0, 2);
    let (status, line) = failure(&book.run(&["settings", "--max-daily-km", "9"]));
    assert_eq!(
        (status, line.contains("--max-daily-km")),
        (2, true),
        "{line}"
    );
    book.json(&["settings", "--max-daily-km", "1500"]);

    let list = book.json(&["car", "odometer", "list", &car_id]);
    assert_eq!(list.items().map(Vec::len), Some(1), "{list}");
    assert_eq!(list["items"][0]["id"].as_i64(), Some(id));
    let fixed = book.json(&[
        "car",
        "odometer",
        "correct",
        &id.to_string(),
        "4800",
        "--source",
        "service_visit",
    ]);
    assert_eq!(
        (fixed["km"].as_u64(), fixed["on"].as_str()),
        (Some(4800), Some(days_ago(2).as_str()))
    );
    assert_eq!(fixed["source"], "service_visit");
    let text = book.text(&["--lang", "en", "car", "odometer", "list", &car_id]);
    assert!(
        text.contains("4800 km") && text.contains("service visit"),
        "{text}"
    );
    let too_far = book.run(&["car", "odometer", "correct", &id.to_string(), "900000"]);
    assert_eq!(failure(&too_far).0, 2);
    book.json(&["car", "odometer", "delete", &id.to_string()]);
    assert_eq!(
        book.json(&["car", "odometer", "list", &car_id]),
        serde_json::json!({"items": [], "next": null})
    );
    let gone = book.run(&["car", "odometer", "delete", &id.to_string()]);
    assert_eq!(failure(&gone).0, 3, "not found");
}

#[test]
fn rules_show_and_set_as_json() {
    let book = Book::new();
    book.json(&[
        "customer",
        "add",
        "--name",
        "王五",
        "--phone",
        "13900007777",
    ]);
    let mut rules = book.json(&["rules", "show"]);
    assert_eq!(rules["maintenance"]["every_km"], 5000);
    rules["maintenance"]["every_km"] = 7500.into();
    let file = book.dir.path().join("rules.json");
    std::fs::write(&file, rules.to_string()).expect("write rules");
    let set = book.json(&["rules", "set", file.to_str().expect("a path")]);
    assert_eq!(set["maintenance"]["every_km"], 7500);
    assert_eq!(book.json(&["rules", "show"]), set);

    rules["maintenance"]["every_km"] = 0.into();
    std::fs::write(&file, rules.to_string()).expect("write rules");
    let (status, line) = failure(&book.run(&["rules", "set", file.to_str().expect("a path")]));
    assert_eq!(status, 2);
    assert!(line.contains("maintenance.every_km"), "{line}");
    std::fs::write(&file, "[1, 2]").expect("write");
    let (status, line) = failure(&book.run(&["rules", "set", file.to_str().expect("a path")]));
    assert_eq!((status, line.contains("rules")), (2, true), "{line}");
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let book = Book::new();
    let customer = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "赵六",
        "--phone",
        "13900006666",
    ]));
    let cases: &[(&[&str], &str)] = &[
        (&["care", "run", "--through", "2026-02-30"], "--through"),
        (
            &[
                "care",
                "run",
                "--from",
                "2027-01-01",
                "--through",
                "2026-01-01",
            ],
            "--through",
        ),
        (&["care", "list", "--status", "finished"], "--status"),
        (&["care", "list", "--limit", "0"], "--limit"),
        (&["care", "snooze", "k", "--until", "soon"], "--until"),
        (&["consent", &customer, "--grant", "fax"], "--grant"),
        (
            &["odometer", &customer, "10", "--source", "guess"],
            "--source",
        ),
    ];
    for (args, field) in cases {
        let (status, line) = failure(&book.run(args));
        assert_eq!(status, 2, "{args:?}: {line}");
        assert!(line.contains(field), "{args:?} should name {field}: {line}");
    }
    let tomorrow = (today() + Days::new(1)).to_string();
    let (status, line) = failure(&book.run(&[
        "car",
        "add",
        &customer,
        "--brand",
        "大众",
        "--model",
        "ID.4",
        "--delivered",
        &tomorrow,
    ]));
    assert_eq!((status, line.contains("--delivered ")), (2, true), "{line}");
    let (status, _) = failure(&book.run(&["odometer", &customer, "10"]));
    assert_eq!(status, 3, "no car to read");
    assert_eq!(
        book.json(&["car", "list", &customer]),
        serde_json::json!({"items": [], "next": null})
    );
}

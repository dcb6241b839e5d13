//! `crm` following up, run for real in a temporary folder: a follow-up with a next plan
//! shows on that day's agenda; a plan set in the past (through the store with a clock set
//! back) shows overdue; the timeline records the follow-up; a template renders with the
//! customer's name; bad input exits 2 naming the field and writes nothing.

mod common;

use chrono::{Duration, Utc};
use common::*;
use crm_core::{
    CustomerId, DealershipZone, FollowUpKind, FollowUpMethod, ManualClock, NewFollowUp, NewPlan,
    PlanTime,
};
use crm_store::Store;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

impl Book {
    fn add(&self, name: &str, phone: &str) -> String {
        let c = self.json(&[
            "customer", "add", "--name", name, "--phone", phone, "--owner", "c01",
        ]);
        c["id"].as_str().expect("id").to_owned()
    }

    /// The database file's bytes with its WAL, to show nothing was written.
    fn snapshot(&self) -> Vec<u8> {
        let mut bytes = std::fs::read(&self.db).unwrap_or_default();
        let mut wal = self.db.clone().into_os_string();
        wal.push("-wal");
        bytes.extend(std::fs::read(PathBuf::from(wal)).unwrap_or_default());
        bytes
    }
}

fn today() -> chrono::NaiveDate {
    DealershipZone::default().local_date(Utc::now())
}

#[test]
fn a_follow_up_with_a_next_plan_is_on_that_days_agenda_and_in_the_timeline() {
    let book = Book::new();
    let id = book.add("张伟", "138 1234 5678");
    let day = (today() + Duration::days(2)).format("%Y-%m-%d").to_string();
    let logged = book.json(&[
        "follow-up",
        "add",
        &id,
        "--method",
        "phone",
        "--type",
        "invitation",
        "--said",
        "邀请周六来店试驾，客户说要和太太商量",
        "--feedback",
        "对价格敏感",
        "--next",
        &day,
        "--next-purpose",
        "确认周六试驾",
    ]);
    assert_eq!(logged["follow_up"]["method"], "phone");
    assert_eq!(logged["follow_up"]["consultant"], "c01");
    assert_eq!(logged["next_plan"]["time"]["value"], day.as_str());
    let follow_up_id = logged["follow_up"]["id"].as_str().unwrap().to_owned();

    let agenda = book.json(&["agenda", "--date", &day, "--owner", "c01"]);
    let items = agenda["items"].as_array().unwrap();
    let item = items
        .iter()
        .find(|i| i["customer_id"] == id.as_str())
        .expect("the customer is on the agenda");
    assert_eq!(item["reason"]["kind"], "plan_due");
    assert_eq!(item["customer_name"], "张伟");
    assert!(item["why"].as_str().unwrap().contains("确认周六试驾"));
    assert_eq!(agenda["counts"]["plan_due"], 1);
    // Not on today's: the plan is later, and the customer was just contacted.
    let now = book.json(&["agenda", "--owner", "c01"]);
    assert_eq!(now["total"], 0, "{now}");

    let list = book.json(&["follow-up", "list", &id]);
    assert_eq!(list.items().unwrap().len(), 1);
    let timeline = book.json(&["timeline", &id]);
    let codes: Vec<&str> = timeline
        .items()
        .unwrap()
        .iter()
        .map(|r| r["entry"]["event"].as_str().unwrap_or("?"))
        .collect();
    assert!(codes.contains(&"follow_up_logged"), "{codes:?}");
    assert!(codes.contains(&"plan_set"), "{codes:?}");
    assert!(timeline.to_string().contains(&follow_up_id));

    // The reminder of the date-only plan fires at 09:00 that day.
    let from = format!("{day} 00:00");
    let reminders = book.json(&["reminders", "--from", &from]);
    assert_eq!(reminders.items().unwrap().len(), 1, "{reminders}");
    assert_eq!(reminders["items"][0]["customer_name"], "张伟");
    let mine = book.json(&["reminders", "--from", &from, "--owner", "c01"]);
    assert_eq!(mine, reminders, "the consultant's reminders");
    let theirs = book.json(&["reminders", "--from", &from, "--owner", "c02"]);
    assert!(theirs.items().unwrap().is_empty(), "{theirs}");
    let changes = book.json(&["reminders", "--since", "0"]);
    assert_eq!(changes["added"].as_array().unwrap().len(), 1, "{changes}");

    // Reschedule, then intent, then the plan and the customer show it.
    let moved = book.json(&[
        "plan",
        "reschedule",
        &id,
        "--to",
        "+5d",
        "--reason",
        "客户出差",
    ]);
    assert_eq!(moved["status"]["state"], "rescheduled");
    let customer = book.json(&["customer", "intent", &id, "H"]);
    assert_eq!(customer["intent_level"], "h");
    let cancelled = book.json(&["plan", "cancel", &id, "--reason", "客户已在别家购车"]);
    assert_eq!(cancelled["status"]["state"], "cancelled");
    let out = book.run(&["plan", "show", &id]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));

    // A lead nobody owns waits in the public pool's agenda (公海), not in c01's.
    let pooled = book.json(&[
        "customer",
        "add",
        "--name",
        "无主客户",
        "--phone",
        "135 0000 1111",
    ]);
    let pool = book.json(&["agenda", "--unassigned"]);
    assert_eq!(pool["owners"], serde_json::json!([null]));
    assert_eq!(pool["items"][0]["customer_id"], pooled["id"]);
    assert_eq!(pool["items"][0]["owner"], Value::Null);
    assert_eq!(pool["items"][0]["reason"]["kind"], "first_response");
    let c01 = book.json(&["agenda", "--owner", "c01"]);
    assert!(!c01.to_string().contains(pooled["id"].as_str().unwrap()));
}

#[test]
fn a_plan_from_the_past_shows_overdue() {
    let book = Book::new();
    let id = book.add("李娜", "139 8765 4321");
    // Log a follow-up four days ago with a plan for two days ago, with the store's clock
    // set back (the tool itself only plans from today on).
    let then = Utc::now() - Duration::days(4);
    {
        let clock = Arc::new(ManualClock::new(then));
        let store = Store::open_with_clock(&book.db, clock).unwrap();
        let cid = CustomerId::from(id.as_str());
        let follow_up = NewFollowUp::new(
            cid.clone(),
            FollowUpMethod::Wechat,
            FollowUpKind::PriceNegotiation,
            then,
            "报价落地价，客户说要再比较",
        );
        let plan = NewPlan {
            customer_id: cid.clone(),
            time: PlanTime::OnDate(today() - Duration::days(2)),
            method: FollowUpMethod::Phone,
            purpose: "回复优惠申请结果".into(),
            content: None,
        };
        store.log_follow_up(&cid, &follow_up, Some(&plan)).unwrap();
    }
    let agenda = book.json(&["agenda", "--owner", "c01"]);
    let item = &agenda["items"][0];
    assert_eq!(item["customer_id"], id.as_str());
    assert_eq!(item["reason"]["kind"], "plan_overdue");
    assert_eq!(item["overdue"], true);
    assert!(item["reason"]["days_overdue"].as_u64().unwrap() >= 2);
    assert_eq!(agenda["counts"]["plan_overdue"], 1);
    let text = book.run(&["--lang", "en", "agenda", "--owner", "c01"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("plan overdue"));
    let text = book.run(&["agenda", "--owner", "c01"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("计划逾期"));

    // Logging a follow-up now closes it: the agenda is clear.
    book.json(&[
        "follow-up",
        "add",
        &id,
        "--method",
        "电话",
        "--type",
        "negotiation",
        "--said",
        "回复了优惠结果",
    ]);
    assert_eq!(book.json(&["agenda", "--owner", "c01"])["total"], 0);
}

#[test]
fn a_template_renders_with_the_customers_name() {
    let book = Book::new();
    let id = book.add("王芳", "137 1111 2222");
    let templates = book.json(&["template", "list"]);
    assert!(templates.items().unwrap().len() >= 2);
    let saved = book.json(&[
        "template",
        "add",
        "--name",
        "试驾邀约",
        "--body",
        "{客户姓名}您好，本周六有{车型}试驾活动，欢迎来店！",
    ]);
    let key = saved["key"].as_str().unwrap();
    let rendered = book.json(&["template", "render", key, &id, "--set", "车型=途观L"]);
    assert_eq!(
        rendered["text"],
        "王芳您好，本周六有途观L试驾活动，欢迎来店！"
    );
    // A placeholder left without a value names it.
    let out = book.run(&["template", "render", key, &id]);
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).contains("--set model=VALUE"));

    // Editing changes only what is given; the next render uses the new text.
    let edited = book.json(&[
        "template",
        "edit",
        key,
        "--body",
        "{客户姓名}您好，欢迎来店！",
    ]);
    assert_eq!(edited["name"], "试驾邀约");
    assert_eq!(edited["body"], "{客户姓名}您好，欢迎来店！");
    let rendered = book.json(&["template", "render", key, &id]);
    assert_eq!(rendered["text"], "王芳您好，欢迎来店！");
    // A starter template is read-only (conflict, exit 4); an unknown id is not found (3).
    let starter = templates["items"][0]["key"].as_str().unwrap();
    let out = book.run(&["template", "edit", starter, "--name", "mine"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let out = book.run(&["template", "edit", "no-such-template", "--name", "mine"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let out = book.run(&["template", "edit", key, "--purpose", "bogus"]);
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).contains("purpose"));
}

#[test]
fn bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let book = Book::new();
    let id = book.add("赵磊", "136 3333 4444");
    let before = book.snapshot();
    let tomorrow = (Utc::now() + Duration::days(1)).to_rfc3339();
    let yesterday = (today() - Duration::days(1)).format("%Y-%m-%d").to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "follow-up",
                "add",
                &id,
                "--method",
                "phone",
                "--type",
                "needs",
                "--said",
                "x",
                "--at",
                &tomorrow,
            ],
            "--at",
        ),
        (
            vec![
                "follow-up",
                "add",
                &id,
                "--method",
                "fax",
                "--type",
                "needs",
                "--said",
                "x",
            ],
            "--method",
        ),
        (
            vec![
                "follow-up",
                "add",
                &id,
                "--method",
                "phone",
                "--type",
                "lunch",
                "--said",
                "x",
            ],
            "--type",
        ),
        (
            vec![
                "follow-up",
                "add",
                &id,
                "--method",
                "phone",
                "--type",
                "needs",
                "--said",
                "x",
                "--next",
                "soon",
            ],
            "--next",
        ),
        (
            vec![
                "follow-up",
                "add",
                &id,
                "--method",
                "phone",
                "--type",
                "needs",
                "--said",
                "x",
                "--next",
                &yesterday,
                "--next-purpose",
                "p",
            ],
            "--next",
        ),
        (
            vec![
                "follow-up",
                "add",
                &id,
                "--method",
                "phone",
                "--type",
                "needs",
                "--said",
                "x",
                "--next",
                "tomorrow",
            ],
            "--next-purpose",
        ),
        (
            vec![
                "follow-up",
                "add",
                &id,
                "--method",
                "phone",
                "--type",
                "needs",
                "--said",
                "  ",
            ],
            "--said",
        ),
        (vec!["settings", "--zone", "Mars/Olympus_Mons"], "--zone"),
        (vec!["customer", "intent", &id, "X"], "LEVEL"),
        (vec!["agenda", "--date", "2026-13-01"], "--date"),
    ];
    for (args, field) in cases {
        let out = book.run(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let line = one_line_error(&out);
        assert!(
            line.starts_with(&format!("invalid input: {field} ")),
            "{args:?}: {line}"
        );
        assert!(book.snapshot() == before, "{args:?} wrote to the database");
    }
    // An unknown customer is not found, and a missing database is not created.
    let out = book.run(&[
        "follow-up",
        "add",
        MISSING,
        "--method",
        "phone",
        "--type",
        "needs",
        "--said",
        "x",
    ]);
    assert_eq!(code(&out), 3);
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .current_dir(book.dir.path())
        .args(["--db", "missing.sqlite3", "agenda"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(!book.dir.path().join("missing.sqlite3").exists());
}

#[test]
fn settings_change_the_zone() {
    let book = Book::new();
    book.add("周杰", "135 5555 6666");
    let s = book.json(&[
        "settings",
        "--zone",
        "Europe/Berlin",
        "--store-name",
        "杭州西湖大众4S店",
    ]);
    assert_eq!(s["time_zone"], "Europe/Berlin");
    assert_eq!(s["store"]["name"], "杭州西湖大众4S店");
    assert_eq!(book.json(&["settings"])["time_zone"], "Europe/Berlin");
}

#[test]
fn demo_generates_follow_ups_and_an_agenda() {
    let book = Book::new();
    let report = book.json(&["demo", "--customers", "300"]);
    let demo = &report["demo"];
    assert!(demo["follow_ups"].as_u64().unwrap() > 600, "{demo}");
    assert!(demo["open_plans"].as_u64().unwrap() > 50, "{demo}");
    let agenda = &report["agenda"];
    assert!(agenda["total"].as_u64().unwrap() > 0, "{agenda}");
    // Deterministic: the same seed and anchor give the same history counts.
    let anchor = demo["anchor"].as_str().unwrap().to_owned();
    let again = Book::new().json(&["demo", "--customers", "300", "--anchor", &anchor]);
    assert_eq!(again["demo"]["follow_ups"], demo["follow_ups"]);
    assert_eq!(again["demo"]["open_plans"], demo["open_plans"]);
}

#[test]
fn customers_filter_and_sort_by_their_next_follow_up() {
    let book = Book::new();
    let planned = book.add("计划今天", "13800000101");
    let later = book.add("计划后天", "13800000102");
    let unplanned = book.add("没有计划", "13800000103");
    for (id, when) in [(&planned, "today"), (&later, "+2d")] {
        book.json(&[
            "follow-up",
            "add",
            id,
            "--method",
            "phone",
            "--type",
            "needs",
            "--said",
            "聊了配置",
            "--next",
            when,
            "--next-purpose",
            "回访",
        ]);
    }
    let ids = |rows: &Value| -> Vec<String> {
        rows.items()
            .expect("array")
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let today = book.json(&["customer", "list", "--next-follow-up", "today"]);
    assert_eq!(ids(&today), vec![planned.clone()]);
    let none = book.json(&["customer", "list", "--next-follow-up", "no-plan"]);
    assert_eq!(ids(&none), vec![unplanned.clone()]);
    let sorted = book.json(&["customer", "list", "--sort", "next-follow-up"]);
    assert_eq!(
        ids(&sorted),
        vec![planned, later, unplanned],
        "soonest first, no plan last"
    );
}

#[test]
fn a_follow_up_is_edited_and_deleted_and_a_plan_set_and_done_by_hand() {
    let book = Book::new();
    let id = book.add("李四", "139 1234 5678");
    let logged = book.json(&[
        "follow-up",
        "add",
        &id,
        "--method",
        "phone",
        "--type",
        "needs",
        "--said",
        "聊了车型",
    ]);
    let follow_up = logged["follow_up"]["id"].as_str().unwrap().to_owned();
    assert_eq!(logged["follow_up"]["version"], 1);

    // Only the options given change; an empty value clears an optional text.
    let edited = book.json(&[
        "follow-up",
        "edit",
        &follow_up,
        "--said",
        "聊了 SUV",
        "--feedback",
        "满意",
    ]);
    assert_eq!(edited["content"], "聊了 SUV");
    assert_eq!(edited["feedback"], "满意");
    assert_eq!(edited["method"], "phone");
    assert_eq!(edited["version"], 2);
    let cleared = book.json(&["follow-up", "edit", &follow_up, "--feedback", ""]);
    assert_eq!(cleared["feedback"], Value::Null);
    // A stale version is a conflict (exit 4) and changes nothing.
    let before = book.snapshot();
    let out = book.run(&[
        "follow-up",
        "edit",
        &follow_up,
        "--expect-version",
        "1",
        "--said",
        "x",
    ]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert_eq!(book.snapshot(), before);

    let deleted = book.json(&["follow-up", "delete", &follow_up]);
    assert_eq!(deleted["deleted"], follow_up.as_str());
    assert!(book
        .json(&["follow-up", "list", &id])
        .items()
        .unwrap()
        .is_empty());
    let out = book.run(&["follow-up", "show", &follow_up]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));

    // A plan set by hand, then marked done without a follow-up.
    let day = (today() + Duration::days(3)).format("%Y-%m-%d").to_string();
    let plan = book.json(&["plan", "set", &id, "--at", &day, "--purpose", "回访"]);
    assert_eq!(plan["time"]["value"], day.as_str());
    assert_eq!(plan["status"]["state"], "open");
    // A second pending plan is refused: one per customer (conflict, exit 4).
    let out = book.run(&["plan", "set", &id, "--at", &day, "--purpose", "again"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let edited = book.json(&[
        "plan",
        "edit",
        &id,
        "--purpose",
        "二次回访",
        "--content",
        "带报价单",
    ]);
    assert_eq!(edited["purpose"], "二次回访");
    assert_eq!(edited["content"], "带报价单");
    assert_eq!(edited["method"], "phone");
    let edited = book.json(&["plan", "edit", &id, "--content", ""]);
    assert_eq!(edited["content"], Value::Null);
    assert_eq!(edited["version"], 3);
    let out = book.run(&["plan", "edit", &id, "--purpose", " "]);
    assert_eq!(code(&out), 2);
    assert!(one_line_error(&out).contains("purpose"));
    let done = book.json(&["plan", "done", &id]);
    assert_eq!(done["status"]["state"], "done");
    assert_eq!(done["status"]["follow_up_id"], Value::Null);
    assert_eq!(done["version"], 4);

    let events: Vec<String> = book
        .json(&["timeline", &id])
        .items()
        .unwrap()
        .iter()
        .map(|r| r["entry"]["event"].as_str().unwrap_or("?").to_owned())
        .collect();
    assert_eq!(
        events,
        [
            "plan_done",
            "plan_edited",
            "plan_edited",
            "plan_set",
            "follow_up_deleted",
            "follow_up_edited",
            "follow_up_edited",
            "follow_up_logged",
            "customer_created"
        ],
        "newest first"
    );
}

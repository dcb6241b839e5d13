//! `crm` selling, run for real in a temporary folder: a walk-in with an intent goes through a
//! test drive, an order and a delivery; a lost request is approved; another is rejected and
//! the customer handed to a colleague; bad input exits 2 naming the field and writes nothing.

mod common;

use common::*;
use std::path::PathBuf;

impl Book {
    /// Adds a customer owned by `c01` and returns their id.
    fn add(&self, name: &str, phone: &str) -> String {
        id_of(&self.json(&[
            "customer", "add", "--name", name, "--phone", phone, "--owner", "c01",
        ]))
    }

    /// The customer's pipeline status code.
    fn status(&self, customer: &str) -> String {
        let shown = self.json(&["stage", customer]);
        let side = &shown["state"]["side"];
        let code = if side.is_null() {
            &shown["state"]["stage"]
        } else {
            &side["state"]
        };
        code.as_str().expect("a status").to_owned()
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

/// A Chinese VIN with its check digit in place.
fn vin(serial: u32) -> String {
    let draft = format!("LGXCE4CB0N{serial:07}");
    let digit = crm_core::vin_check_digit(&draft).expect("17 VIN characters");
    format!("{}{digit}{}", &draft[..8], &draft[9..])
}

#[test]
fn a_walk_in_test_drives_orders_and_takes_delivery() {
    let book = Book::new();
    let id = book.add("王芳", "139 2222 3333");
    let intent = book.json(&[
        "intent",
        "add",
        &id,
        "--brand",
        "比亚迪",
        "--series",
        "宋PLUS",
        "--body-type",
        "suv",
        "--powertrain",
        "插混",
        "--budget-min",
        "15万",
        "--budget-max",
        "180000",
        "--timeframe",
        "month",
        "--payment",
        "贷款",
        "--trade-in-brand",
        "大众",
        "--trade-in-year",
        "2016",
        "--trade-in-value",
        "45000",
        "--competitor",
        "吉利 星越L",
    ]);
    assert_eq!(intent["primary"], true);
    assert_eq!(intent["budget"]["min"], 15_000_000);
    assert_eq!(intent["budget"]["max"], 18_000_000);
    assert_eq!(intent["powertrain"], "phev");
    assert_eq!(intent["trade_in"]["appraised_value"], 4_500_000);
    let intent_id = id_of(&intent);
    let edited = book.json(&["intent", "edit", &intent_id, "--budget-max", "20万"]);
    assert_eq!(edited["budget"]["min"], 15_000_000);
    assert_eq!(edited["budget"]["max"], 20_000_000);
    assert_eq!(
        book.json(&["intent", "list", &id]).items().unwrap().len(),
        1
    );

    let walked_in = book.json(&["stage", &id, "到店"]);
    assert_eq!(walked_in["state"]["stage"], "visited");
    let drive = book.json(&[
        "visit",
        "schedule",
        &id,
        "--at",
        "now",
        "--test-drive",
        "--model",
        "宋PLUS DM-i",
    ]);
    let done = book.json(&["visit", "done", &id_of(&drive), "--feedback", "底盘扎实"]);
    assert_eq!(done["status"]["state"], "done");
    assert_eq!(book.status(&id), "test_driven");

    let order = book.json(&[
        "order",
        "place",
        &id,
        "--brand",
        "比亚迪",
        "--model",
        "宋PLUS DM-i",
        "--intent",
        &intent_id,
        "--price",
        "169800",
        "--discount",
        "8000",
        "--deposit",
        "5000",
        "--finance",
    ]);
    assert_eq!(order["price"], 16_980_000);
    assert_eq!(order["discount"], 800_000);
    assert_eq!(book.status(&id), "ordered");
    let order_id = id_of(&order);
    let vin = vin(123_457);
    let with_vin = book.json(&["order", "vin", &order_id, &vin]);
    assert_eq!(with_vin["vin"], vin.as_str());
    let delivered = book.json(&["deliver", &order_id, "--odometer", "12"]);
    assert_eq!(delivered["status"]["state"], "delivered");
    assert_eq!(delivered["status"]["delivery"]["vin"], vin.as_str());
    assert_eq!(book.status(&id), "delivered");
    let orders = book.json(&["order", "list", &id]);
    assert_eq!(orders.items().unwrap().len(), 1);
    let moves = book.json(&["stage", &id])["history"].clone();
    let stages: Vec<&str> = moves
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["to"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["visited", "test_driven", "ordered", "delivered"]);
    // Delivered is the end: no lost request any more (conflict, exit 4).
    let refused = book.run(&["lost", &id, "--reason", "price"]);
    assert_eq!(code(&refused), 4, "{}", stderr(&refused));
    // And the text forms read.
    let text = book.run(&["order", "list", &id]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("¥161,800"));
}

#[test]
fn a_lost_request_is_approved_and_the_customer_can_be_reopened() {
    let book = Book::new();
    let id = book.add("李强", "137 4444 5555");
    book.json(&["stage", &id, "contacted"]);
    let asked = book.json(&[
        "lost",
        &id,
        "--reason",
        "竞品",
        "--competitor",
        "吉利 星越L",
        "--note",
        "便宜两万",
        "--by",
        "c01",
    ]);
    assert_eq!(asked["record"]["to"], "lost_requested");
    let pending = book.json(&["requests"]);
    assert_eq!(pending.items().unwrap().len(), 1);
    assert_eq!(pending["items"][0]["customer_id"], id.as_str());
    assert_eq!(pending["items"][0]["requested_by"], "c01");
    // Nothing else moves while the request waits.
    let blocked = book.run(&["stage", &id, "invited"]);
    assert_eq!(code(&blocked), 4);
    let approved = book.json(&["approve", &id, "--manager", "店长"]);
    assert_eq!(approved["record"]["to"], "lost");
    assert_eq!(approved["state"]["side"]["competitor"], "吉利 星越L");
    assert_eq!(book.json(&["requests"]).items().unwrap().len(), 0);
    let reopened = book.json(&["reopen", &id, "--note", "又来问价"]);
    assert_eq!(reopened["state"]["stage"], "contacted");
    assert_eq!(book.status(&id), "contacted");
}

#[test]
fn a_rejected_request_goes_back_and_hands_the_customer_over() {
    let book = Book::new();
    let id = book.add("陈静", "135 6666 7777");
    book.json(&["stage", &id, "visited"]);
    book.json(&["dormant", &id, "--reason", "延期"]);
    assert_eq!(book.status(&id), "dormant_requested");
    assert_eq!(
        book.json(&["requests", "--owner", "c01"])
            .items()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        book.json(&["requests", "--owner", "c02"])
            .items()
            .unwrap()
            .len(),
        0
    );
    let rejected = book.json(&[
        "reject",
        &id,
        "--manager",
        "店长",
        "--reassign-to",
        "c02",
        "--note",
        "再跟一次",
    ]);
    assert_eq!(rejected["new_owner"], "c02");
    assert_eq!(book.status(&id), "visited");
    assert_eq!(book.json(&["customer", "show", &id])["owner"], "c02");
    // No request left to decide: conflict.
    let again = book.run(&["approve", &id, "--manager", "店长"]);
    assert_eq!(code(&again), 4);
    assert!(one_line_error(&again).contains("no request"));
}

#[test]
fn bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let book = Book::new();
    let id = book.add("赵磊", "136 3333 4444");
    let order = {
        book.json(&["stage", &id, "negotiating"]);
        id_of(&book.json(&[
            "order", "place", &id, "--model", "秦PLUS", "--price", "99800",
        ]))
    };
    let before = book.snapshot();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["stage", &id, "sold"], "stage"),
        (vec!["reopen", &id, "--to", "sold"], "to"),
        (vec!["lost", &id, "--reason", "weather"], "reason"),
        (vec!["lost", &id, "--reason", "竞品"], "competitor"),
        (vec!["lost", &id, "--reason", "other"], "note"),
        (vec!["dormant", &id, "--reason", "price"], "reason"),
        (
            vec![
                "intent",
                "add",
                &id,
                "--brand",
                "本田",
                "--body-type",
                "tank",
            ],
            "intent.body_type",
        ),
        (
            vec![
                "intent",
                "add",
                &id,
                "--brand",
                "本田",
                "--powertrain",
                "steam",
            ],
            "intent.powertrain",
        ),
        (
            vec![
                "intent",
                "add",
                &id,
                "--brand",
                "本田",
                "--budget-min",
                "lots",
            ],
            "intent.budget.min",
        ),
        (
            vec![
                "intent",
                "add",
                &id,
                "--brand",
                "本田",
                "--timeframe",
                "soon",
            ],
            "intent.timeframe",
        ),
        (
            vec![
                "intent",
                "add",
                &id,
                "--brand",
                "本田",
                "--payment",
                "barter",
            ],
            "intent.payment",
        ),
        (
            vec![
                "intent",
                "add",
                &id,
                "--brand",
                "本田",
                "--budget-min",
                "30万",
                "--budget-max",
                "20万",
            ],
            "intent.budget",
        ),
        (vec!["intent", "add", &id], "intent"),
        (
            vec![
                "order", "place", &id, "--model", "秦PLUS", "--price", "9.999",
            ],
            "order.price",
        ),
        (
            vec![
                "order", "place", &id, "--model", "秦PLUS", "--price", "1", "--date", "tomorrow",
            ],
            "order.order_date",
        ),
        (
            vec!["order", "cancel", &order, "--reason", "bored"],
            "cancel.reason",
        ),
        (
            vec!["order", "vin", &order, "LGXCE4CB0N0123456"],
            "order.vin",
        ),
        (
            vec!["deliver", &order, "--odometer", "5", "--date", "2026-13-01"],
            "delivery.date",
        ),
        (
            vec!["visit", "schedule", &id, "--at", "someday"],
            "visit.scheduled_at",
        ),
        (
            vec!["visit", "schedule", &id, "--at", "now", "--test-drive"],
            "visit.model",
        ),
    ];
    for (args, field) in cases {
        let out = book.run(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let line = one_line_error(&out);
        assert!(
            line.contains(&format!("invalid input: {field}")),
            "{args:?} should name {field}: {line}"
        );
        assert!(book.snapshot() == before, "{args:?} wrote to the database");
    }
}

#[test]
fn a_catalogue_intent_a_cancelled_order_and_a_no_show() {
    let book = Book::new();
    let id = book.add("孙丽", "133 1111 2222");
    let file = book.dir.path().join("catalogue.json");
    std::fs::write(
        &file,
        r#"[{"id": "BYD-SONG-PLUS-DMI", "brand": "比亚迪", "series": "宋PLUS", "model": "DM-i 旗舰型",
             "body_type": "suv", "powertrain": "phev", "price": {"min": 14980000, "max": 18980000}}]"#,
    )
    .unwrap();
    assert_eq!(
        book.json(&["catalogue", "load", file.to_str().unwrap()])["loaded"],
        1
    );
    assert_eq!(
        book.json(&["catalogue", "list"])["items"][0]["id"],
        "BYD-SONG-PLUS-DMI"
    );
    let intent = book.json(&["intent", "add", &id, "--catalogue", "BYD-SONG-PLUS-DMI"]);
    assert_eq!(intent["catalogue_model"], "BYD-SONG-PLUS-DMI");
    // A model the catalogue does not hold is refused, naming the field.
    let unknown = book.run(&["intent", "add", &id, "--catalogue", "NOPE"]);
    assert_eq!(code(&unknown), 2, "{}", stderr(&unknown));
    assert!(one_line_error(&unknown).contains("intent.catalogue_model"));
    let second = book.json(&["intent", "add", &id, "--brand", "丰田", "--primary"]);
    assert_eq!(second["primary"], true);
    let removed = book.json(&["intent", "remove", &id_of(&second)]);
    assert_eq!(removed["removed"], id_of(&second).as_str());
    let left = book.json(&["intent", "list", &id]);
    assert_eq!(left.items().unwrap().len(), 1);
    assert_eq!(left["items"][0]["primary"], true);

    let earlier = (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339();
    let visit = book.json(&["visit", "schedule", &id, "--at", &earlier]);
    let missed = book.json(&["visit", "no-show", &id_of(&visit)]);
    assert_eq!(missed["status"]["state"], "no_show");
    assert_eq!(book.json(&["visit", "list", &id]).items().unwrap().len(), 1);

    book.json(&["stage", &id, "negotiating"]);
    let order = book.json(&[
        "order", "place", &id, "--model", "宋PLUS", "--price", "16.98万",
    ]);
    assert_eq!(book.status(&id), "ordered");
    let cancelled = book.json(&["order", "cancel", &id_of(&order), "--reason", "price"]);
    assert_eq!(cancelled["status"]["state"], "cancelled");
    assert_eq!(book.status(&id), "negotiating");
    // Not found: exit 3, for an id and for a name or id prefix that matches no one alike.
    let missing = book.run(&["approve", MISSING, "--manager", "店长"]);
    assert_eq!(code(&missing), 3, "{}", stderr(&missing));
    let typo = book.run(&["approve", "no-such-customer", "--manager", "店长"]);
    assert_eq!(code(&typo), 3, "{}", stderr(&typo));
    assert!(
        stderr(&typo).contains("no-such-customer"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn a_dormant_customer_with_a_wake_up_date_is_back_on_the_agenda_that_day() {
    let book = Book::new();
    let id = book.add("孙莉", "137 1111 2222");
    let today = crm_core::DealershipZone::default().local_date(chrono::Utc::now());
    let date = |days: i64| {
        (today + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let before = book.snapshot();
    let past = book.run(&["dormant", &id, "--reason", "延期", "--wake-on", &date(-1)]);
    assert_eq!(code(&past), 2);
    assert!(one_line_error(&past).contains("wake_on"));
    let malformed = book.run(&["dormant", &id, "--reason", "延期", "--wake-on", "下个月"]);
    assert_eq!(code(&malformed), 2);
    assert!(one_line_error(&malformed).contains("wake_on"));
    assert_eq!(book.snapshot(), before, "nothing written");

    let wake = date(3);
    let asked = book.json(&["dormant", &id, "--reason", "延期", "--wake-on", &wake]);
    assert_eq!(asked["record"]["wake_on"], wake.as_str());
    book.json(&["approve", &id, "--manager", "店长"]);
    let shown = book.run(&["stage", &id]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains(&format!("wake on {wake}")), "{text}");

    let asleep = book.json(&["agenda", "--owner", "c01", "--date", &date(2)]);
    assert_eq!(asleep["total"], 0, "{asleep}");
    let awake = book.json(&["agenda", "--owner", "c01", "--date", &wake]);
    assert_eq!(awake["total"], 1, "{awake}");
    assert_eq!(awake["counts"]["wake_up_due"], 1);
    let item = &awake["items"][0];
    assert_eq!(item["customer_id"], id.as_str());
    assert_eq!(item["reason"]["kind"], "wake_up_due");
    assert_eq!(item["reason"]["wake_on"], wake.as_str());
    let listed = book.run(&["agenda", "--owner", "c01", "--date", &wake]);
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(text.contains(&format!("wake-up due {wake}")), "{text}");
}

#[test]
fn on_a_consultants_book_an_approval_is_forbidden_exit_7_and_nothing_is_written() {
    let book = Book::new();
    let id = book.add("周敏", "136 8888 9999");
    book.json(&["stage", &id, "contacted"]);
    book.json(&["lost", &id, "--reason", "价格"]);
    crm_store::Store::open(&book.db)
        .unwrap()
        .set_sync_user("c01", "王建国", crm_core::sync::UserRole::Consultant, None)
        .unwrap();
    let before = book.snapshot();
    let refused = book.run(&["approve", &id, "--manager", "c01"]);
    assert_eq!(code(&refused), 7, "{}", stderr(&refused));
    assert!(
        one_line_error(&refused)
            .contains("c01 (consultant) may not decide lost and dormant requests"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(book.snapshot(), before, "nothing written");
    let as_other = book.run(&["reopen", &id, "--by", "c02"]);
    assert_eq!(code(&as_other), 7, "{}", stderr(&as_other));
}

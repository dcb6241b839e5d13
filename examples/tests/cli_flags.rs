//! Errors name what the person typed: the flag (`--said`, `--next-purpose`, `--zone`) or
//! the positional argument (`STAGE`, `VIN`), never the library's path to the field
//! (`content`, `next.purpose`, `order.vehicle.model`), in every command that takes options.

mod common;

use chrono::{Days, Utc};
use common::*;

#[test]
fn every_command_names_the_flag_typed() {
    let book = Book::new();
    let id = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "钱七",
        "--phone",
        "13700007777",
        "--owner",
        "c01",
    ]));
    book.json(&["stage", &id, "negotiating"]);
    let order = id_of(&book.json(&[
        "order", "place", &id, "--model", "秦PLUS", "--price", "99800",
    ]));
    let future = (Utc::now().date_naive() + Days::new(3)).to_string();
    let template = book.json(&[
        "template",
        "add",
        "--name",
        "试驾",
        "--body",
        "{客户姓名}，{车型}到店了",
    ])["key"]
        .as_str()
        .expect("a key")
        .to_owned();
    let follow_up = |more: &[&'static str]| -> Vec<String> {
        let mut args: Vec<String> = ["follow-up", "add", &id, "--method", "phone"]
            .iter()
            .map(ToString::to_string)
            .collect();
        args.extend(more.iter().map(ToString::to_string));
        args
    };
    let strings = |args: &[&str]| args.iter().map(ToString::to_string).collect::<Vec<_>>();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (follow_up(&["--type", "needs", "--said", " "]), "--said"),
        (
            follow_up(&["--type", "needs", "--said", "x", "--next", "+2d"]),
            "--next-purpose",
        ),
        (
            follow_up(&["--type", "needs", "--said", "x", "--next", "soon"]),
            "--next",
        ),
        (follow_up(&["--said", "x", "--type", "lunch"]), "--type"),
        (
            strings(&["plan", "set", &id, "--at", "2020-01-01", "--purpose", "p"]),
            "--at",
        ),
        (
            strings(&["plan", "set", &id, "--at", "+1d", "--purpose", " "]),
            "--purpose",
        ),
        (
            strings(&["visit", "schedule", &id, "--at", "someday"]),
            "--at",
        ),
        (
            strings(&["visit", "schedule", &id, "--at", "now", "--test-drive"]),
            "--model",
        ),
        (
            strings(&[
                "intent",
                "add",
                &id,
                "--trade-in-brand",
                "本田",
                "--trade-in-year",
                "1800",
            ]),
            "--trade-in-year",
        ),
        (
            strings(&[
                "intent",
                "add",
                &id,
                "--budget-min",
                "30万",
                "--budget-max",
                "20万",
            ]),
            "--budget-min/--budget-max",
        ),
        (
            strings(&["order", "place", &id, "--model", " ", "--price", "1"]),
            "--model",
        ),
        (
            strings(&[
                "order",
                "place",
                &id,
                "--model",
                "x",
                "--price",
                "1",
                "--discount",
                "2",
            ]),
            "--discount",
        ),
        (
            strings(&["order", "vin", &order, "LGXCE4CB0N0123456"]),
            "VIN",
        ),
        (strings(&["stage", &id, "sold"]), "STAGE"),
        (strings(&["lost", &id, "--reason", "竞品"]), "--competitor"),
        (
            strings(&[
                "car",
                "add",
                &id,
                "--brand",
                "大众",
                "--model",
                "ID.4",
                "--delivered",
                &future,
            ]),
            "--delivered",
        ),
        (strings(&["settings", "--zone", "Mars/Olympus"]), "--zone"),
        (
            strings(&["template", "render", &template, &id]),
            "--set model=VALUE",
        ),
        (
            strings(&["customer", "add", "--name", "x", "--phone", "123"]),
            "--phone",
        ),
        (
            strings(&["customer", "list", "--ordered", "2026-03-01..2026-03-01"]),
            "--ordered",
        ),
        (strings(&["view", "save", " "]), "NAME"),
    ];
    let before = book.json(&["customer", "show", &id]);
    for (args, flag) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = book.run(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let line = one_line_error(&out);
        assert!(
            line.starts_with(&format!("invalid input: {flag} ")),
            "{args:?} should name {flag}: {line}"
        );
    }
    assert_eq!(
        book.json(&["customer", "show", &id]),
        before,
        "nothing changed"
    );
}

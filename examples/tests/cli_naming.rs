//! `crm` names a customer the way a person would: a whole id, a unique id prefix (6 or more
//! characters), or a name, pinyin or phone fragment that matches one customer. Several
//! matches list the candidates (short id, name, masked phone, owner) and exit 2; none exit
//! 3. Readable lists show short ids: customer lists, the agenda, care tasks.

mod common;

use chrono::{Days, Utc};
use common::*;
use crm_core::DealershipZone;

impl Book {
    /// Adds a customer owned by c01; returns the id.
    fn add_owned(&self, name: &str, phone: &str) -> String {
        id_of(&self.json(&[
            "customer", "add", "--name", name, "--phone", phone, "--owner", "c01",
        ]))
    }

    /// The name `customer show WHO` finds; panics unless it succeeds.
    fn shown(&self, who: &str) -> String {
        self.json(&["customer", "show", who])["name"]
            .as_str()
            .expect("a name")
            .to_owned()
    }

    /// Runs `crm ARGS` for its text output; expects success.
    fn text(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(code(&out), 0, "{args:?} failed: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// The shortest prefix (at least 6 characters) of `id` that no id in `others` starts with.
fn unique_prefix(id: &str, others: &[&str]) -> String {
    (6..=id.len())
        .map(|n| &id[..n])
        .find(|p| others.iter().all(|o| !o.starts_with(p)))
        .expect("ids differ")
        .to_owned()
}

#[test]
fn a_customer_is_named_by_id_prefix_name_pinyin_or_phone() {
    let book = Book::new();
    let he = book.add_owned("贺玉璐", "13912345678");
    let qin = book.add_owned("贺玉琴", "13800138000");
    let zhang = book.add_owned("张伟", "13700001111");
    book.add_owned("贺玉璐琪", "13600002222");

    assert_eq!(book.shown(&he), "贺玉璐");
    let prefix = unique_prefix(&he, &[&qin, &zhang]);
    let lu_qi = id_of(&book.json(&["customer", "show", "贺玉璐琪"]));
    let prefix = if lu_qi.starts_with(&prefix) {
        unique_prefix(&he, &[&qin, &zhang, &lu_qi])
    } else {
        prefix
    };
    assert_eq!(book.shown(&prefix), "贺玉璐");
    assert_eq!(book.shown(&prefix.to_uppercase()), "贺玉璐");
    // A whole name wins over the names it begins (exact before prefix).
    assert_eq!(book.shown("贺玉璐"), "贺玉璐");
    assert_eq!(book.shown("5678"), "贺玉璐");
    assert_eq!(book.shown("138 0013 8000"), "贺玉琴");
    assert_eq!(book.shown("zhangwei"), "张伟");

    // Every command reads a customer the same way: a stage, a plan, a follow-up list.
    let due = DealershipZone::default().local_date(Utc::now()).to_string();
    let plan = book.json(&["plan", "set", "张伟", "--at", &due, "--purpose", "回访"]);
    assert_eq!(plan["customer_id"], zhang.as_str(), "{plan}");
    let stage = book.json(&["stage", "zhangw", "contacted"]);
    assert_eq!(stage["state"]["stage"], "contacted", "{stage}");
    let list = book.run(&["follow-up", "list", "贺玉琴"]);
    assert_eq!(code(&list), 0, "{}", stderr(&list));
}

#[test]
fn several_matches_list_the_candidates_and_exit_2_none_exit_3() {
    let book = Book::new();
    let he = book.add_owned("贺玉璐", "13912345678");
    let qin = book.add_owned("贺玉琴", "13800138000");

    let out = book.run(&["customer", "show", "贺玉"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].contains("ambiguous") && lines[0].contains("贺玉"),
        "{err}"
    );
    assert_eq!(lines.len(), 3, "the message and two candidates: {err}");
    assert!(
        err.contains("139****5678") && err.contains("138****8000"),
        "{err}"
    );
    assert!(!err.contains("13912345678"), "phones are masked: {err}");
    assert!(err.contains("c01 "), "the owner: {err}");
    for id in [&he, &qin] {
        assert!(err.contains(&id[..8]), "short id {id}: {err}");
    }

    // Two ids made in the same minute share their first 8 characters: the candidates then
    // show as many as tell them apart, and that prefix names one.
    let common = he
        .chars()
        .zip(qin.chars())
        .take_while(|(a, b)| a == b)
        .count();
    if common >= 6 {
        let out = book.run(&["customer", "show", &he[..common]]);
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(stderr(&out).contains(&he[..=common]), "{}", stderr(&out));
        assert_eq!(book.shown(&he[..=common]), "贺玉璐");
    }

    // Nothing matches: not found, exit 3, as an unknown id always was.
    for who in ["王五", "0123456789ab", MISSING] {
        let out = book.run(&["customer", "show", who]);
        assert_eq!(code(&out), 3, "{who}: {}", stderr(&out));
        assert!(one_line_error(&out).contains("not found"), "{who}");
    }
    // Many matches: the first ten, then a line saying there are more; by name and by an id
    // prefix alike (ids made in the same minute share their first 8 characters).
    let mut ids = Vec::new();
    for i in 0..11 {
        let phone = format!("137000000{i:02}");
        ids.push(book.add_owned(&format!("王伟{i}"), &phone));
    }
    let prefix = &ids[0][..ids
        .iter()
        .map(|id| {
            id.chars()
                .zip(ids[0].chars())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .min()
        .unwrap()];
    for who in ["王伟", prefix] {
        if who.len() < 6 {
            continue;
        }
        let out = book.run(&["customer", "show", who]);
        assert_eq!(code(&out), 2, "{who}");
        let err = stderr(&out);
        assert!(
            err.lines()
                .next()
                .unwrap()
                .contains("matches 10+ customers"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 12, "{err}");
        assert_eq!(err.lines().last(), Some("  ... and more"), "{err}");
    }

    // A write through an ambiguous name changes nothing.
    let out = book.run(&["customer", "archive", "贺玉"]);
    assert_eq!(code(&out), 2);
    assert!(book.json(&["customer", "show", &he])["archived_at"].is_null());

    // With --json the candidates are an object on stdout a script can choose from, with
    // the one error line on stderr; still exit 2 and nothing changed.
    for args in [
        &["--json", "customer", "show", "贺玉"][..],
        &["customer", "archive", "贺玉", "--json"],
        &[
            "--json",
            "plan",
            "set",
            "贺玉",
            "--at",
            "+1d",
            "--purpose",
            "p",
        ],
    ] {
        let out = book.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        assert!(stderr(&out).contains("ambiguous"), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(json["error"], "ambiguous", "{json}");
        assert_eq!(json["text"], "贺玉");
        assert_eq!(json["more"], false);
        let candidates = json["candidates"].as_array().expect("candidates");
        let mut ids: Vec<&str> = candidates.iter().filter_map(|c| c["id"].as_str()).collect();
        ids.sort_unstable();
        let mut expected = [he.as_str(), qin.as_str()];
        expected.sort_unstable();
        assert_eq!(ids, expected, "{json}");
        for c in candidates {
            let id = c["id"].as_str().unwrap();
            assert!(id.starts_with(c["short_id"].as_str().unwrap()), "{c}");
            assert_eq!(
                (c["owner"].as_str(), c["owner_name"].as_str()),
                (Some("c01"), Some("王建国"))
            );
            assert_eq!(c["archived"], false);
        }
        let phones: Vec<&str> = candidates
            .iter()
            .filter_map(|c| c["phone"].as_str())
            .collect();
        assert!(
            phones.contains(&"139****5678") && phones.contains(&"138****8000"),
            "{json}"
        );
        assert!(!String::from_utf8_lossy(&out.stdout).contains("13912345678"));
    }
    assert!(book.json(&["customer", "show", &he])["archived_at"].is_null());
    assert_eq!(
        code(&book.run(&["plan", "show", &he])),
        3,
        "no plan was set"
    );
    // Many: the first ten and `more`.
    let out = book.run(&["--json", "customer", "show", "王伟"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        json["candidates"].as_array().map(Vec::len),
        Some(10),
        "{json}"
    );
    assert_eq!(json["more"], true);
}

#[test]
fn lists_show_short_ids_the_agenda_one_to_act_on_and_care_tasks_their_customer() {
    let book = Book::new();
    let id = book.add_owned("李娜", "13900008888");
    let short = &id[..8];

    let list = book.text(&["customer", "list"]);
    assert!(list.contains(short) && !list.contains(&id), "{list}");

    let day = DealershipZone::default().local_date(Utc::now());
    let due = day.to_string();
    book.json(&["plan", "set", short, "--at", &due, "--purpose", "回访"]);
    let agenda = book.text(&["agenda", "--date", &due, "--owner", "c01"]);
    let line = agenda
        .lines()
        .find(|l| l.contains("李娜"))
        .unwrap_or_else(|| panic!("{agenda}"));
    assert!(line.contains(short), "{agenda}");
    // The reminders of that plan name the customer by short id too.
    let tomorrow = (day + Days::new(1)).to_string();
    let reminders = book.text(&["reminders", "--from", &due, "--to", &tomorrow]);
    let line = reminders
        .lines()
        .find(|l| l.contains("李娜"))
        .unwrap_or_else(|| panic!("{reminders}"));
    assert!(line.contains(short) && !line.contains(&id), "{reminders}");

    let delivered = (day - Days::new(10)).to_string();
    book.json(&[
        "car",
        "add",
        "李娜",
        "--brand",
        "大众",
        "--model",
        "ID.4",
        "--delivered",
        &delivered,
    ]);
    // Another delivered customer: `care list --customer` shows only the one named.
    book.add_owned("周杰", "13900009999");
    book.json(&[
        "car",
        "add",
        "周杰",
        "--brand",
        "比亚迪",
        "--model",
        "汉",
        "--delivered",
        &delivered,
    ]);
    book.json(&["care", "run"]);
    let all = book.text(&["care", "list"]);
    assert!(all.contains("周杰") && all.contains("李娜"), "{all}");
    let tasks = book.text(&["care", "list", "--customer", "李娜", "--lang", "en"]);
    assert!(!tasks.contains("周杰"), "{tasks}");
    let mut lines = tasks.lines();
    let header = lines.next().expect("a header");
    for column in ["DUE", "CUSTOMER", "NAME", "KIND", "STATUS", "KEY"] {
        assert!(header.contains(column), "{column}: {tasks}");
    }
    let first = lines.next().expect("a task");
    assert!(first.contains(short) && first.contains("李娜"), "{tasks}");
}

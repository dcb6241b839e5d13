//! Input that used to be accepted wrongly, through the `crm` binary: landlines entered and
//! found however they are typed, a region with a fourth part, invisible names, unknown care
//! rule fields and missing input files all exit 2 naming what is wrong, writing nothing.

mod common;

use common::*;
use serde_json::Value;

impl Book {
    /// Every customer (archived too), as JSON.
    fn customers(&self) -> Vec<Value> {
        let list = self.json(&["customer", "list", "--archived", "--limit", "10000"]);
        list.items().expect("a JSON array").clone()
    }

    /// The failure of `args`: its exit code and its one stderr line.
    fn fails(&self, args: &[&str]) -> (i32, String) {
        let out = self.run(args);
        (code(&out), one_line_error(&out))
    }
}

/// The (kind, key) of each of a JSON customer's contacts.
fn contacts(customer: &Value) -> Vec<(String, String)> {
    customer["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["key"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_landline_is_entered_on_add_and_edit_and_found_however_typed() {
    let book = Book::new();
    let wang = book.json(&[
        "customer",
        "add",
        "--name",
        "王五",
        "--phone",
        "138 0013 8000",
        "--landline",
        "010-6552 9988",
    ]);
    assert_eq!(
        contacts(&wang),
        [
            ("mobile".into(), "+8613800138000".into()),
            ("landline".into(), "+861065529988".into())
        ]
    );
    let wang = id_of(&wang);
    // A landline alone is the primary contact.
    let li = book.json(&[
        "customer",
        "add",
        "--name",
        "李四",
        "--landline",
        "(021) 5012 3456",
    ]);
    assert_eq!(li["contacts"][0]["primary"], true);
    for (query, id) in [
        ("010-6552 9988", &wang),
        ("01065529988", &wang),
        ("8613800138000", &wang),
        ("021-5012 3456", &id_of(&li)),
    ] {
        let hits = book.json(&["search", query]);
        assert_eq!(id_of(&hits["items"][0]), *id, "{query}");
        assert_eq!(hits["items"][0]["tier"], "exact", "{query}");
    }
    let checked = book.json(&["customer", "check-duplicates", "--landline", "01065529988"]);
    assert_eq!(checked["items"][0]["existing"], wang.as_str());
    assert_eq!(checked["items"][0]["option"], "landline");

    let edited = book.json(&["customer", "edit", &wang, "--landline", "010 8765 4321"]);
    assert_eq!(contacts(&edited)[1].1, "+861087654321");
    let edited = book.json(&["customer", "edit", &wang, "--landline", ""]);
    assert_eq!(contacts(&edited).len(), 1);

    let before = book.customers();
    let (status, line) = book.fails(&["customer", "edit", &wang, "--landline", "12345"]);
    assert_eq!(status, 2, "{line}");
    assert!(line.contains("--landline"), "{line}");
    assert_eq!(book.customers(), before);
}

#[test]
fn a_region_with_a_fourth_part_is_refused_naming_it() {
    let book = Book::new();
    let (status, line) = book.fails(&[
        "customer",
        "add",
        "--name",
        "赵六",
        "--phone",
        "13900001111",
        "--region",
        "浙江省/杭州市/西湖区/文三路",
    ]);
    assert_eq!(status, 2);
    assert!(line.starts_with("invalid input: --region "), "{line}");
    assert!(!book.db.exists(), "nothing written, not even the file");

    let id = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "赵六",
        "--phone",
        "13900001111",
        "--region",
        "浙江省/杭州市/西湖区",
    ]));
    let before = book.customers();
    let (status, line) = book.fails(&["customer", "edit", &id, "--region", "a/b/c/d"]);
    assert_eq!(
        (status, line.starts_with("invalid input: --region ")),
        (2, true),
        "{line}"
    );
    assert_eq!(book.customers(), before);
    let shown = book.json(&["customer", "show", &id]);
    assert_eq!(shown["region"]["district"], "西湖区");
}

#[test]
fn a_name_of_invisible_characters_is_refused() {
    let book = Book::new();
    for (name, rule) in [
        ("\u{200B}", "is required"),
        ("\u{200E}\u{200F}\u{2060}\u{FEFF}", "is required"),
        ("张\u{202E}三", "contains bidirectional override characters"),
    ] {
        let (status, line) =
            book.fails(&["customer", "add", "--name", name, "--phone", "13900002222"]);
        assert_eq!(status, 2, "{name:?}");
        assert_eq!(line, format!("invalid input: --name {rule}"), "{name:?}");
    }
    assert!(!book.db.exists());
    let added = book.json(&[
        "customer",
        "add",
        "--name",
        "\u{FEFF}张三\u{200B}",
        "--phone",
        "13900002222",
    ]);
    assert_eq!(added["name"], "张三");
}

#[test]
fn unknown_care_rule_fields_are_refused_naming_them() {
    let book = Book::new();
    book.json(&[
        "customer",
        "add",
        "--name",
        "王五",
        "--phone",
        "13900007777",
    ]);
    let defaults = book.json(&["rules", "show"]);
    let file = book.dir.path().join("rules.json");
    for (path, edit) in [
        ("inspection.lead_day", r#"{"inspection": {"lead_day": 45}}"#),
        ("referal", r#"{"referal": {"enabled": false}}"#),
    ] {
        std::fs::write(&file, edit).unwrap();
        let (status, line) = book.fails(&["rules", "set", file.to_str().unwrap()]);
        assert_eq!(status, 2, "{line}");
        assert_eq!(line, format!("invalid input: {path} is not a known field"));
    }
    let mut rules = defaults.clone();
    rules["holidays"]["list"][1]["nmae"] = "x".into();
    std::fs::write(&file, rules.to_string()).unwrap();
    let (_, line) = book.fails(&["rules", "set", file.to_str().unwrap()]);
    assert!(line.contains("holidays.list[1].nmae"), "{line}");
    assert_eq!(
        book.json(&["rules", "show"]),
        defaults,
        "nothing was stored"
    );
}

#[test]
fn a_missing_input_file_exits_2_naming_it() {
    let book = Book::new();
    book.json(&[
        "customer",
        "add",
        "--name",
        "王五",
        "--phone",
        "13900007777",
    ]);
    let missing = book.dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();
    for args in [
        &["rules", "set", missing][..],
        &["catalogue", "load", missing],
        // A folder cannot be read as a file either.
        &["catalogue", "load", book.dir.path().to_str().unwrap()],
    ] {
        let (status, line) = book.fails(args);
        assert_eq!(status, 2, "{args:?}: {line}");
        assert!(line.starts_with("cannot read "), "{args:?}: {line}");
        assert!(line.contains(args[2]), "{args:?} names the file: {line}");
    }
}

#[test]
fn templates_greet_the_customer_by_surname_and_gender() {
    let book = Book::new();
    let ouyang = id_of(&book.json(&[
        "customer",
        "add",
        "--name",
        "欧阳娜娜",
        "--phone",
        "13900003333",
        "--gender",
        "女",
    ]));
    let values = [
        "--set",
        "model=途观L",
        "--set",
        "salesperson_phone=13800000000",
        "--set",
        "store=天河4S店",
        "--set",
        "salesperson=李明",
    ];
    let render = |language: &str| {
        let mut args = vec![
            "template",
            "render",
            "greeting.after_visit",
            ouyang.as_str(),
            "--language",
            language,
        ];
        args.extend(values);
        book.json(&args)["text"].as_str().unwrap().to_owned()
    };
    assert!(render("zh").starts_with("欧阳女士您好"), "{}", render("zh"));
    assert!(
        render("en").starts_with("Hello Ms Ouyang,"),
        "{}",
        render("en")
    );
}

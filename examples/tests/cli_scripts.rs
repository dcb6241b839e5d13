//! `crm` driven by scripts and shells: `CRM_DB` names the database like `--db`, `crm
//! completions SHELL` prints a completion script, `crm --version` names the book schema
//! version, and `crm demo` into a book a killed demo left half-made says how to start again.

mod common;

use common::*;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `crm ARGS` in `dir` with `CRM_DB` set to `db` (and no `--db` unless in ARGS).
fn with_env(dir: &std::path::Path, db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crm"))
        .current_dir(dir)
        .env("CRM_DB", db)
        .args(args)
        .output()
        .expect("run crm")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn crm_db_names_the_database_and_db_overrides_it() {
    let book = Book::new();
    let dir = book.dir.path();
    let added = with_env(
        dir,
        &book.db,
        &[
            "customer",
            "add",
            "--name",
            "张伟",
            "--phone",
            "13812345678",
        ],
    );
    assert_eq!(code(&added), 0, "{}", stderr(&added));
    assert!(book.db.exists(), "the file CRM_DB names");
    assert!(!dir.join("dealer-crm.sqlite3").exists(), "not the default");
    let list = with_env(dir, &book.db, &["--json", "customer", "list"]);
    assert_eq!(code(&list), 0);
    assert!(stdout(&list).contains("张伟"));
    // --db wins over the environment.
    let other = dir.join("other.sqlite3");
    let out = with_env(
        dir,
        &book.db,
        &["--db", other.to_str().unwrap(), "customer", "list"],
    );
    assert_eq!(
        code(&out),
        1,
        "other.sqlite3 does not exist: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("other.sqlite3"));
    // The help says where the default comes from.
    let help = with_env(dir, &book.db, &["--help"]);
    assert!(stdout(&help).contains("CRM_DB"), "{}", stdout(&help));
}

#[test]
fn completions_cover_the_commands_for_each_shell() {
    let book = Book::new();
    for (shell, mark) in [
        ("bash", "_crm()"),
        ("zsh", "#compdef crm"),
        ("fish", "complete -c crm"),
    ] {
        let out = book.run(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(mark), "{shell}: {script}");
        for word in [
            "customer",
            "check-duplicates",
            "agenda",
            "completions",
            "--json",
        ] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    assert!(!book.db.exists(), "completions never open the book");
    assert_eq!(code(&book.run(&["completions", "cmd.exe"])), 2);
}

#[test]
fn the_version_names_the_book_schema() {
    let out = Book::new().run(&["--version"]);
    assert_eq!(code(&out), 0);
    let line = stdout(&out);
    assert!(
        line.starts_with(&format!("crm {}", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    assert!(
        line.contains(&format!(
            "schema version {}",
            crm_store::schema::SCHEMA_VERSION
        )),
        "{line}"
    );
}

#[test]
fn a_demo_killed_half_way_says_how_to_start_again() {
    let book = Book::new();
    // A finished demo: the book is full, not half-made, and no marker is left.
    let done = Book::new();
    done.json(&["demo", "--customers", "20"]);
    let marker = |b: &Book| {
        let mut name = b.db.as_os_str().to_owned();
        name.push(".demo-unfinished");
        std::path::PathBuf::from(name)
    };
    assert!(!marker(&done).exists());
    let again = done.run(&["demo", "--customers", "20"]);
    assert_eq!(code(&again), 4);
    let line = one_line_error(&again);
    assert!(
        line.contains("already holds 20 customers") && line.contains("delete"),
        "{line}"
    );

    // A big demo killed once its first customers are stored.
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm"))
        .current_dir(book.dir.path())
        .args(["--db", book.db.to_str().unwrap(), "--json", "demo"])
        .args(["--customers", "1000000"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the demo");
    let started = Instant::now();
    loop {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no customers stored"
        );
        std::thread::sleep(Duration::from_millis(200));
        if !book.db.exists() {
            continue;
        }
        let count = book.run(&["--json", "customer", "list", "--archived", "--count"]);
        if code(&count) == 0 && !stdout(&count).contains("\"count\": 0") {
            break;
        }
    }
    child.kill().expect("kill the demo");
    child.wait().expect("the demo ends");
    assert!(
        marker(&book).exists(),
        "the demo marks the book it is writing"
    );

    let out = book.run(&["demo", "--customers", "20"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let line = one_line_error(&out);
    assert!(line.contains("stopped before it finished"), "{line}");
    assert!(
        line.contains(&format!("delete {}", book.db.display())),
        "{line}"
    );
    assert!(
        line.contains(&marker(&book).display().to_string()),
        "{line}"
    );

    // Following the advice, a new demo succeeds.
    for path in [book.db.clone(), marker(&book)] {
        std::fs::remove_file(path).expect("delete");
    }
    for suffix in ["-wal", "-shm"] {
        let mut name = book.db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
    book.json(&["demo", "--customers", "20"]);
    assert!(!marker(&book).exists());
}

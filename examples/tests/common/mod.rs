//! Helpers shared by the `crm` binary's tests: running it and reading its outcome.
#![allow(dead_code)]

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `crm --db <db> ARGS` in `dir`, with neither `LANG` nor `CRM_DB` set.
pub fn run_crm(dir: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crm"))
        .current_dir(dir)
        // Readable output in the default language (Chinese), whatever the caller's LANG.
        .env_remove("LANG")
        .env_remove("CRM_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run crm")
}

/// Runs `crm --db <db> --json ARGS` in `dir`, expects success and parses stdout.
pub fn json_of(dir: &Path, db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run_crm(dir, db, &all);
    assert_eq!(code(&out), 0, "{args:?} failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The exit code.
pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The failure's one stderr line; checks there is exactly one, no stdout, and no panic.
pub fn one_line_error(out: &Output) -> String {
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one stderr line, got {err:?}");
    assert!(out.stdout.is_empty(), "no result on failure");
    assert!(!err.contains("panicked") && !err.contains("backtrace"));
    lines[0].to_owned()
}

/// The `id` of a JSON customer.
pub fn id_of(customer: &Value) -> String {
    customer["id"].as_str().expect("an id").to_owned()
}

/// A scratch customer book: a temporary folder holding one database file (not created
/// until the first command), and `crm` run against it. Test files add their own helpers
/// in `impl Book` blocks of their own.
pub struct Book {
    /// The folder; removed when the book is dropped.
    pub dir: tempfile::TempDir,
    /// The database file inside it.
    pub db: std::path::PathBuf,
}

impl Book {
    /// An empty folder (no database yet).
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = dir.path().join("book.sqlite3");
        Book { dir, db }
    }

    /// Runs `crm --db <db> ARGS`.
    pub fn run(&self, args: &[&str]) -> Output {
        run_crm(self.dir.path(), &self.db, args)
    }

    /// Runs `crm --db <db> --json ARGS`, expects success and parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        json_of(self.dir.path(), &self.db, args)
    }
}

/// A well-formed customer id (a UUID) that no customer has: "not found" (exit 3), where a
/// malformed id is invalid input (exit 2).
pub const MISSING: &str = "01900000-0000-7000-8000-000000000000";

/// The JSON form of a list: `{"items": [...], "next": CURSOR-or-null}`.
pub trait Items {
    /// The items of a list's JSON, after checking it has the list's shape.
    fn items(&self) -> Option<&Vec<Value>>;
}

impl Items for Value {
    fn items(&self) -> Option<&Vec<Value>> {
        let object = self.as_object().expect("a list is a JSON object");
        assert_eq!(object.len(), 2, "only items and next: {self}");
        assert!(
            self["next"].is_null() || self["next"].is_string(),
            "next is a cursor or null: {self}"
        );
        self["items"].as_array()
    }
}

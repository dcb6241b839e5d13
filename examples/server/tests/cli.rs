//! The command-line contract other tools rely on: `init`, `user add`, `serve`.

mod common;

use common::*;
use std::process::Command;
use tokio::io::{AsyncBufReadExt, BufReader};

const BIN: &str = env!("CARGO_BIN_EXE_crm-server");

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_twice_then_user_add_prints_only_a_token() {
    let db = empty_database().await;
    for _ in 0..2 {
        let out = run(&["init", "--database-url", &db]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty());
    }
    assert_eq!(
        count(&db, "SELECT count(*)::bigint FROM schema_version").await,
        1
    );
    assert_eq!(
        count(&db, "SELECT max(version)::bigint FROM schema_version").await,
        i64::from(crm_server::db::schema::SCHEMA_VERSION)
    );
    let out = run(&[
        "user",
        "add",
        "--database-url",
        &db,
        "--id",
        "c01",
        "--name",
        "王建国",
        "--role",
        "consultant",
        "--team",
        "一组",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout:?}");
    assert_eq!(lines[0].len(), 64);
    assert!(lines[0].chars().all(|c| c.is_ascii_hexdigit()));
    // The same user again: a token for a second device.
    let again = run(&[
        "user",
        "add",
        "--database-url",
        &db,
        "--id",
        "c01",
        "--name",
        "王建国",
        "--role",
        "consultant",
        "--team",
        "一组",
    ]);
    assert!(again.status.success());
    assert_ne!(text(&again.stdout), stdout);
    assert_eq!(count(&db, "SELECT count(*) FROM device_tokens").await, 2);
    // Refused: a consultant without a team, an admin with one, a user's role changed.
    for args in [
        vec!["--id", "c02", "--name", "李", "--role", "consultant"],
        vec![
            "--id",
            "a1",
            "--name",
            "管理员",
            "--role",
            "admin",
            "--team",
            "一组",
        ],
        vec![
            "--id",
            "c01",
            "--name",
            "王建国",
            "--role",
            "manager",
            "--team",
            "一组",
        ],
        vec![
            "--id", "x", "--name", "x", "--role", "boss", "--team", "一组",
        ],
    ] {
        let mut all = vec!["user", "add", "--database-url", &db];
        all.extend(args.iter());
        let out = run(&all);
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    assert_eq!(count(&db, "SELECT count(*) FROM users").await, 1);
    let admin = run(&[
        "user",
        "add",
        "--database-url",
        &db,
        "--id",
        "a1",
        "--name",
        "管理员",
        "--role",
        "admin",
    ]);
    assert!(admin.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_prints_its_address_once_ready() {
    let db = database().await;
    let token = user(&db, "c01", crm_server::auth::Role::Consultant, Some("A")).await;
    let mut child = tokio::process::Command::new(BIN)
        .args(["serve", "--database-url", &db, "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next_line().await.unwrap().unwrap();
    let url = line.strip_prefix("listening on ").expect(&line).to_string();
    assert!(url.starts_with("http://127.0.0.1:"));
    assert!(!url.ends_with(":0"), "the real port: {url}");
    let (status, me) = Device::new(&url, &token, "d").get("/v1/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["user_id"], "c01");
    child.kill().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_of_another_schema_version_is_refused() {
    let empty = empty_database().await;
    let out = run(&["serve", "--database-url", &empty, "--listen", "127.0.0.1:0"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("crm-server init"),
        "{}",
        text(&out.stderr)
    );

    let db = database().await;
    connect(&db)
        .await
        .execute("UPDATE schema_version SET version = 99", &[])
        .await
        .unwrap();
    for args in [
        vec!["init", "--database-url", &db],
        vec!["serve", "--database-url", &db, "--listen", "127.0.0.1:0"],
        vec![
            "user",
            "add",
            "--database-url",
            &db,
            "--id",
            "a",
            "--name",
            "a",
            "--role",
            "admin",
        ],
    ] {
        let out = run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(text(&out.stderr).contains("newer"), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty());
    }
    assert_eq!(
        count(&db, "SELECT max(version)::bigint FROM schema_version").await,
        99
    );
    let bad = run(&["init", "--database-url", "not a url"]);
    assert!(!bad.status.success());
}

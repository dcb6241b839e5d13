//! The pool's commands of `crm-server`: `pool-rules`, `release-due` and `serve
//! --release-every`; and the upgrade of a schema-1 database (holds for its customers).

mod common;

use common::*;
use serde_json::{json, Value};
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_crm-server");

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A customer of `owner` stored as an upload would have, held since `days` days ago.
async fn held_customer(db: &str, id: &str, owner: &str, days: i32) {
    let client = connect(db).await;
    client
        .execute(
            "INSERT INTO sync_rows (entity, id, customer_id, owner, fields, version, updated_by)
             VALUES ('customers', $1, $1, $2, $3, nextval('change_version'), $2)",
            &[
                &id,
                &owner,
                &json!({"name": "客户", "owner": owner, "importance": 0}),
            ],
        )
        .await
        .unwrap();
    client
        .execute(
            "INSERT INTO pool_holds (customer_id, owner, since)
             VALUES ($1, $2, now() - make_interval(days => $3))",
            &[&id, &owner, &days],
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pool_rules_shows_changes_and_refuses() {
    let db = database().await;
    user(&db, "c01", crm_server::auth::Role::Consultant, Some("一组")).await;
    let shown = run(&["pool-rules", "--database-url", &db, "--team", "一组"]);
    assert!(shown.status.success(), "{}", text(&shown.stderr));
    let defaults: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(defaults["release_days"], 15);
    assert_eq!(
        count(&db, "SELECT count(*) FROM pool_rules").await,
        0,
        "showing writes nothing"
    );
    let set = run(&[
        "pool-rules",
        "--database-url",
        &db,
        "--team",
        "一组",
        "--release-days",
        "10",
        "--level-days",
        "h=5",
        "--level-days",
        "A=7",
        "--daily-claim-limit",
        "30",
    ]);
    assert!(set.status.success(), "{}", text(&set.stderr));
    let rules: Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(rules["release_days"], 10);
    assert_eq!(rules["daily_claim_limit"], 30);
    assert_eq!(
        rules["release_days_by_level"],
        json!([{"level": "h", "days": 5}, {"level": "a", "days": 7}])
    );
    let dropped = run(&[
        "pool-rules",
        "--database-url",
        &db,
        "--team",
        "一组",
        "--level-days",
        "h=",
    ]);
    let rules: Value = serde_json::from_slice(&dropped.stdout).unwrap();
    assert_eq!(
        rules["release_days_by_level"],
        json!([{"level": "a", "days": 7}])
    );
    assert_eq!(rules["release_days"], 10, "the others kept");
    for (args, says) in [
        (vec!["--release-days", "0"], "release_days"),
        (vec!["--protection-cap-days", "5"], "protection_cap_days"),
        (vec!["--level-days", "x=3"], "level"),
    ] {
        let mut all = vec!["pool-rules", "--database-url", &db, "--team", "一组"];
        all.extend(args);
        let out = run(&all);
        assert!(!out.status.success());
        assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
    }
    let unknown = run(&[
        "pool-rules",
        "--database-url",
        &db,
        "--team",
        "二组",
        "--hold-limit",
        "9",
    ]);
    assert!(!unknown.status.success());
    assert!(text(&unknown.stderr).contains("no user belongs to team 二组"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn release_due_prints_what_it_released_as_of_the_instant_given() {
    let db = database().await;
    user(&db, "c01", crm_server::auth::Role::Consultant, Some("一组")).await;
    held_customer(&db, "old", "c01", 20).await;
    held_customer(&db, "new", "c01", 1).await;
    let early = run(&[
        "release-due",
        "--database-url",
        &db,
        "--now",
        "2000-01-01T00:00:00Z",
    ]);
    assert!(early.status.success(), "{}", text(&early.stderr));
    assert_eq!(text(&early.stdout), "released 0\n");
    let out = run(&["release-due", "--database-url", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "released 1\nold c01\n");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM sync_rows WHERE owner IS NULL AND id = 'old'"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_releases_on_its_timer() {
    let db = database().await;
    user(&db, "c01", crm_server::auth::Role::Consultant, Some("一组")).await;
    held_customer(&db, "old", "c01", 20).await;
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--database-url",
            &db,
            "--listen",
            "127.0.0.1:0",
            "--release-every",
            "1s",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut released = false;
    for _ in 0..100 {
        if count(
            &db,
            "SELECT count(*) FROM pool_events WHERE kind = 'release'",
        )
        .await
            == 1
        {
            released = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(released, "serve --release-every released the customer due");
    let bad = run(&["serve", "--database-url", &db, "--release-every", "soon"]);
    assert!(!bad.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schema_1_database_is_upgraded_with_holds_for_its_customers() {
    let db = empty_database().await;
    let client = connect(&db).await;
    client
        .batch_execute(include_str!("../migrations/0001_sync.sql"))
        .await
        .unwrap();
    client
        .batch_execute(
            "CREATE TABLE schema_version (version integer NOT NULL);
             INSERT INTO schema_version VALUES (1);
             INSERT INTO sync_rows (entity, id, customer_id, owner, fields, version, updated_by)
             VALUES ('customers', 'c1', 'c1', 'c01', '{\"owner\": \"c01\"}', 1, 'c01'),
                    ('customers', 'p1', 'p1', NULL, '{\"owner\": null}', 2, 'm1');",
        )
        .await
        .unwrap();
    let out = run(&["init", "--database-url", &db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM pool_holds WHERE customer_id = 'c1' AND owner = 'c01'"
        )
        .await,
        1
    );
    assert_eq!(count(&db, "SELECT count(*) FROM pool_holds").await, 1);
}

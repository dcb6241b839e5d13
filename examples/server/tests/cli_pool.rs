//! `crm pool`, `crm customer release`, `crm assign` and `crm transfer` against a real
//! server: a manager puts a customer in the pool, a consultant claims it, the manager
//! assigns and transfers; a consultant's transfer is refused before it is sent.

mod common;

use common::cli::crm;
use common::world;
use serde_json::Value;
use std::path::Path;

/// Runs `crm --json ARGS`; the JSON printed, or a panic with stderr.
async fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = crm(db, &all).await;
    assert!(
        out.status.success(),
        "crm {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pool_and_transfers_on_the_command_line() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let manager = dir.path().join("manager.sqlite3");
    let phone = dir.path().join("c01.sqlite3");
    let sync = |db: &Path, token: &str| {
        let (db, token, url) = (db.to_owned(), token.to_owned(), w.url.clone());
        async move { json(&db, &["sync", "--server", &url, "--token", &token]).await }
    };
    let added = json(
        &manager,
        &[
            "customer",
            "add",
            "--name",
            "公海客户",
            "--phone",
            "13800005555",
        ],
    )
    .await;
    let id = added["id"].as_str().unwrap().to_owned();
    sync(&manager, &w.m1).await;
    let released = json(
        &manager,
        &["customer", "release", &id, "--reason", "长期未跟进"],
    )
    .await;
    assert_eq!(released["owner"], Value::Null);
    sync(&manager, &w.m1).await;

    // A consultant sees it masked in the pool and claims it.
    drop(crm_store::Store::open(&phone).unwrap());
    sync(&phone, &w.c01).await;
    let pool = json(&phone, &["pool", "list"]).await;
    assert_eq!(pool["items"][0]["id"], id.as_str());
    assert_eq!(pool["items"][0]["primary_contact"]["value"], "138****5555");
    let rules = json(&phone, &["pool", "rules"]).await;
    assert_eq!(rules["rules"]["daily_claim_limit"], 20);
    let claimed = json(&phone, &["pool", "claim", &id]).await;
    assert_eq!(claimed["owner"], "c01");
    sync(&phone, &w.c01).await;
    assert_eq!(
        json(&phone, &["pool", "list"]).await["items"],
        Value::Array(vec![])
    );

    // A consultant may not transfer: refused on the device, nothing sent.
    let refused = crm(
        &phone,
        &[
            "transfer", "--to", "c02", "--all-of", "c01", "--server", &w.url, "--token", &w.c01,
        ],
    )
    .await;
    assert_eq!(refused.status.code(), Some(7), "forbidden");
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(
        error.contains("c01 (consultant) may not transfer customers"),
        "{error}"
    );

    // The manager transfers c01's whole book to c02, then assigns it back.
    sync(&manager, &w.m1).await;
    let moved = json(
        &manager,
        &[
            "transfer", "--to", "c02", "--all-of", "c01", "--server", &w.url, "--token", &w.m1,
        ],
    )
    .await;
    assert_eq!(moved["transferred"], 1, "{moved}");
    let shown = json(&manager, &["customer", "show", &id]).await;
    assert_eq!(shown["owner"], "c02");
    let assigned = json(&manager, &["assign", &id, "--to", "c01"]).await;
    assert_eq!(assigned["owner"], "c01");
    sync(&manager, &w.m1).await;
    sync(&phone, &w.c01).await;
    let back = json(&phone, &["customer", "show", &id]).await;
    assert_eq!(back["owner"], "c01");
    assert_eq!(back["contacts"][0]["value"], "13800005555");
}

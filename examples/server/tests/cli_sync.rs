//! `crm sync` (the command-line tool of the `crm-examples` package) against a real server:
//! its JSON contract, its text, and its exit code when the server refuses.

mod common;

use common::cli::crm;
use common::world;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crm_sync_prints_its_json_contract_and_exits_6_when_refused() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("phone.sqlite3");
    let added = crm(
        &book,
        &[
            "customer",
            "add",
            "--name",
            "命令行同步",
            "--phone",
            "13800007777",
        ],
    )
    .await;
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );

    let synced = crm(
        &book,
        &["--json", "sync", "--server", &w.url, "--token", &w.c01],
    )
    .await;
    assert!(
        synced.status.success(),
        "{}",
        String::from_utf8_lossy(&synced.stderr)
    );
    let printed = String::from_utf8(synced.stdout.clone()).unwrap();
    let at = |key: &str| printed.find(&format!("\"{key}\"")).unwrap();
    assert!(
        at("uploaded") < at("downloaded") && at("downloaded") < at("rejected"),
        "{printed}"
    );
    let summary: Value = serde_json::from_slice(&synced.stdout).unwrap();
    assert_eq!(summary.as_object().unwrap().len(), 3, "{summary}");
    assert!(summary["uploaded"].as_u64().unwrap() >= 2, "{summary}");
    assert!(summary["downloaded"].as_u64().unwrap() >= 1, "{summary}");
    assert_eq!(summary["rejected"], Value::Array(vec![]));

    let again = crm(&book, &["sync", "--server", &w.url, "--token", &w.c01]).await;
    assert!(again.status.success());
    let text = String::from_utf8(again.stdout).unwrap();
    assert!(text.starts_with("Synced: 0 changes sent"), "{text}");

    let refused = crm(
        &book,
        &["sync", "--server", &w.url, "--token", "not-a-token"],
    )
    .await;
    assert_eq!(refused.status.code(), Some(6));
    let error = String::from_utf8(refused.stderr).unwrap();
    assert!(error.contains("unauthorized"), "{error}");
}

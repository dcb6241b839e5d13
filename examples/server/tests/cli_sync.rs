//! `crm sync` (the command-line tool of the `crm-examples` package) against a real server:
//! its JSON contract, its text, and its exit code when the server refuses.

mod common;

use common::cli::crm;
use common::world;
use serde_json::Value;
use std::path::PathBuf;

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

    let again = crm(
        &book,
        &[
            "--lang", "en", "sync", "--server", &w.url, "--token", &w.c01,
        ],
    )
    .await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crm_duplicates_lists_and_merges_for_a_manager_and_refuses_a_consultant() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let books: Vec<(PathBuf, &str)> = [("c01", &w.c01), ("c02", &w.c02)]
        .into_iter()
        .map(|(name, token)| (dir.path().join(format!("{name}.sqlite3")), token.as_str()))
        .collect();
    for (book, _) in &books {
        let added = crm(
            book,
            &[
                "customer",
                "add",
                "--name",
                "王芳",
                "--phone",
                "13800138000",
            ],
        )
        .await;
        assert!(added.status.success());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    for (book, token) in &books {
        let synced = crm(book, &["sync", "--server", &w.url, "--token", token]).await;
        assert!(synced.status.success());
    }
    let manager = dir.path().join("m1.sqlite3");
    drop(crm_store::Store::open(&manager).unwrap());
    let synced = crm(&manager, &["sync", "--server", &w.url, "--token", &w.m1]).await;
    assert!(
        synced.status.success(),
        "{}",
        String::from_utf8_lossy(&synced.stderr)
    );
    let listed = crm(
        &manager,
        &[
            "--json",
            "duplicates",
            "list",
            "--server",
            &w.url,
            "--token",
            &w.m1,
        ],
    )
    .await;
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let page: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let claims = page["items"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "{page}");
    assert_eq!(claims[0]["claimant"], "c02");
    assert_eq!(claims[0]["owner"], "c01");
    let id = claims[0]["id"].as_u64().unwrap().to_string();
    let text = crm(
        &manager,
        &["duplicates", "list", "--server", &w.url, "--token", &w.m1],
    )
    .await;
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains(
            "王芳 by c02 的名字 (c02): mobile 王芳 is c01 的名字 (c01)'s customer [open]"
        ),
        "{text}"
    );
    let merged = crm(
        &manager,
        &[
            "--json",
            "duplicates",
            "merge",
            &id,
            "--server",
            &w.url,
            "--token",
            &w.m1,
        ],
    )
    .await;
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let claim: Value = serde_json::from_slice(&merged.stdout).unwrap();
    assert_eq!(claim["status"], "merged");

    let refused = crm(
        &books[0].0,
        &["duplicates", "list", "--server", &w.url, "--token", &w.c01],
    )
    .await;
    assert_eq!(refused.status.code(), Some(7), "refused before asking");
    let error = String::from_utf8(refused.stderr).unwrap();
    assert!(error.contains("settle duplicate registrations"), "{error}");
    let fresh = dir.path().join("fresh.sqlite3");
    drop(crm_store::Store::open(&fresh).unwrap());
    let refused = crm(
        &fresh,
        &["duplicates", "list", "--server", &w.url, "--token", &w.c01],
    )
    .await;
    assert_eq!(refused.status.code(), Some(6), "refused by the server");
    let error = String::from_utf8(refused.stderr).unwrap();
    assert!(error.contains("only a manager or an admin"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crm_deletions_team_lists_what_the_teams_phones_deleted() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let phone = dir.path().join("phone.sqlite3");
    let ok = |out: &std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&crm(
        &phone,
        &[
            "customer",
            "add",
            "--name",
            "删除我",
            "--phone",
            "13800006666",
        ],
    )
    .await);
    ok(&crm(&phone, &["sync", "--server", &w.url, "--token", &w.c01]).await);
    ok(&crm(&phone, &["customer", "delete", "13800006666"]).await);
    ok(&crm(&phone, &["sync", "--server", &w.url, "--token", &w.c01]).await);
    // Read with the manager's token (the book only gives the time zone to print in).
    let listed = crm(
        &phone,
        &[
            "--json",
            "deletions",
            "--team",
            "--server",
            &w.url,
            "--token",
            &w.m1,
        ],
    )
    .await;
    ok(&listed);
    let printed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let text = printed.to_string();
    assert!(
        text.contains("\"c01\"") && text.contains("deleted"),
        "{text}"
    );
    assert!(
        !text.contains("删除我") && !text.contains("13800006666"),
        "{text}"
    );
    // A consultant's token is refused by the server: exit code 6.
    let refused = crm(
        &phone,
        &["deletions", "--team", "--server", &w.url, "--token", &w.c01],
    )
    .await;
    assert_eq!(refused.status.code(), Some(6), "{refused:?}");
    // --team needs the server and the token.
    let incomplete = crm(&phone, &["deletions", "--team"]).await;
    assert!(!incomplete.status.success());
}

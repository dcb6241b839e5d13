//! Every request is authenticated, and a user reaches only their scope: each refusal.

mod common;

use common::*;
use crm_core::sync::SyncEntity::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_a_known_token_are_refused_with_401() {
    let w = world().await;
    let http = reqwest::Client::new();
    for (path, post) in [
        ("/v1/me", false),
        ("/v1/download", false),
        ("/v1/upload", true),
    ] {
        let url = format!("{}{path}", w.url);
        let no_token = if post {
            http.post(&url).body("{}")
        } else {
            http.get(&url)
        };
        let answer = no_token.send().await.unwrap();
        assert_eq!(answer.status(), 401, "{path}");
        let body: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(body["error"], "unauthorized", "{path}");
        for header in ["Bearer 00ff", "Basic abc", "Bearer "] {
            let req = if post {
                http.post(&url).body("{}")
            } else {
                http.get(&url)
            };
            let answer = req.header("authorization", header).send().await.unwrap();
            assert_eq!(answer.status(), 401, "{path} with {header}");
        }
    }
    // Tokens are stored hashed: the token itself is nowhere in the database.
    let client = connect(&w.db).await;
    let hashes: Vec<Vec<u8>> = client
        .query("SELECT token_hash FROM device_tokens", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(hashes.len(), 5);
    assert!(hashes.iter().all(|h| h.len() == 32));
    assert!(hashes.contains(&crm_server::auth::hash_token(&w.c01)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn me_names_the_user() {
    let w = world().await;
    let (status, body) = Device::new(&w.url, &w.m1, "d").get("/v1/me").await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"user_id": "m1", "name": "m1 的名字", "role": "manager", "team": "A"})
    );
    // The scheme's case does not matter (RFC 9110).
    let answer = reqwest::Client::new()
        .get(format!("{}/v1/me", w.url))
        .header("authorization", format!("bearer {}", w.m1))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let (_, admin) = Device::new(&w.url, &w.a1, "d").get("/v1/me").await;
    assert_eq!(admin["team"], json!(null));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_neither_reads_nor_writes_another_consultants_customer() {
    let w = world().await;
    let mut c01 = Device::new(&w.url, &w.c01, "c01-phone");
    let mut c02 = Device::new(&w.url, &w.c02, "c02-phone");
    c01.upload(vec![
        c01.put(Customers, "k1", json!({"name": "王芳"})),
        c01.put(
            FollowUps,
            "f1",
            json!({"customer_id": "k1", "content": "call"}),
        ),
    ])
    .await;
    // Reading: c02's download holds nothing of k1.
    let seen = rows_seen(&c02.download().await);
    assert!(seen.is_empty(), "{seen:?}");
    // Writing: each refused, with no row to put back (c02 may not see it).
    let result = c02
        .upload(vec![
            c02.put(Customers, "k1", json!({"notes": "mine now"})),
            c02.put(FollowUps, "f1", json!({"content": "edited"})),
            c02.put(
                FollowUps,
                "f2",
                json!({"customer_id": "k1", "content": "new"}),
            ),
            c02.delete(Customers, "k1"),
            c02.put(Customers, "k2", json!({"name": "x", "owner": "c01"})),
        ])
        .await;
    assert_eq!(result.rejected.len(), 5, "{result:?}");
    for rejection in &result.rejected {
        assert!(rejection.reason.starts_with("forbidden"), "{rejection:?}");
        assert_eq!(rejection.current, None);
    }
    assert_eq!(
        stored_fields(&w.db, "customers", "k1").await,
        Some(json!({"name": "王芳", "owner": "c01"}))
    );
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_rows").await, 2);
    // The owner's own view is unchanged.
    let seen = rows_seen(&c01.download().await);
    assert_eq!(seen.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_cannot_reassign_but_a_manager_can_within_the_team() {
    let w = world().await;
    let c01 = Device::new(&w.url, &w.c01, "c01-phone");
    let m1 = Device::new(&w.url, &w.m1, "m1-phone");
    c01.upload(vec![c01.put(Customers, "k1", json!({"name": "王芳"}))])
        .await;
    let result = c01
        .upload(vec![c01.put(
            Customers,
            "k1",
            json!({"owner": "c02", "notes": "x"}),
        )])
        .await;
    assert_eq!(result.rejected.len(), 1);
    assert!(result.rejected[0].reason.starts_with("forbidden"));
    let current = result.rejected[0].current.as_ref().expect("c01 sees k1");
    assert_eq!(current.fields.as_ref().unwrap()["owner"], json!("c01"));
    assert_eq!(
        stored_fields(&w.db, "customers", "k1").await,
        Some(json!({"name": "王芳", "owner": "c01"})),
        "nothing of the refused change was written"
    );
    // A manager outside the team's members: refused; within: accepted.
    let out = m1
        .upload(vec![m1.put(Customers, "k1", json!({"owner": "c03"}))])
        .await;
    assert!(out.rejected[0].reason.starts_with("forbidden"), "{out:?}");
    let within = m1
        .upload(vec![m1.put(Customers, "k1", json!({"owner": "c02"}))])
        .await;
    assert!(within.rejected.is_empty(), "{within:?}");
    assert_eq!(count(&w.db, "SELECT count(*) FROM scope_changes").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_id_belongs_to_one_user() {
    let w = world().await;
    let c01 = Device::new(&w.url, &w.c01, "phone");
    c01.upload(vec![c01.put(Customers, "k1", json!({"name": "王芳"}))])
        .await;
    let c02 = Device::new(&w.url, &w.c02, "phone");
    let (status, body) = c02
        .post_json(
            "/v1/upload",
            &c02.upload_body(vec![c02.put(Customers, "k2", json!({"name": "x"}))]),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(body["error"], "forbidden");
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_rows").await, 1);
}

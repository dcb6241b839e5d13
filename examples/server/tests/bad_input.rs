//! Bad requests: a clear status, a JSON body naming the problem, and nothing written.

mod common;

use common::*;
use crm_core::sync::SyncEntity::*;
use serde_json::{json, Value};

/// Rows, operations and devices the server holds: all must stay as they were.
async fn written(db: &str) -> (i64, i64, i64) {
    (
        count(db, "SELECT count(*) FROM sync_rows").await,
        count(db, "SELECT count(*) FROM applied_ops").await,
        count(db, "SELECT count(*) FROM devices").await,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_is_a_400_naming_the_field() {
    let w = world().await;
    let d = Device::new(&w.url, &w.c01, "d");
    let good =
        serde_json::to_value(d.upload_body(vec![d.put(Customers, "k1", json!({"name": "x"}))]))
            .unwrap();
    let mut cases: Vec<(Value, &str)> = Vec::new();
    let mut bad_op = good.clone();
    bad_op["changes"][0]["op_id"] = json!("seven");
    cases.push((bad_op, "changes[0].op_id"));
    let mut bad_entity = good.clone();
    bad_entity["changes"][0]["entity"] = json!("search_terms");
    cases.push((bad_entity, "changes[0].entity"));
    let mut no_device = good.clone();
    no_device.as_object_mut().unwrap().remove("device_id");
    cases.push((no_device, ""));
    let mut bad_at = good.clone();
    bad_at["changes"][0]["at"] = json!("yesterday");
    cases.push((bad_at, "changes[0].at"));
    for (body, field) in cases {
        let (status, answer) = d.post_json("/v1/upload", &body).await;
        assert_eq!(status, 400, "{answer}");
        assert_eq!(answer["error"], "invalid_json");
        if field.is_empty() {
            assert!(
                answer["message"].as_str().unwrap().contains("device_id"),
                "{answer}"
            );
        } else {
            assert_eq!(answer["field"], json!(field), "{answer}");
        }
    }
    let (status, answer) = d.post_raw("/v1/upload", b"{\"device_id\": ".to_vec()).await;
    assert_eq!(status, 400);
    assert_eq!(answer["error"], "invalid_json");
    let (status, answer) = d.post_raw("/v1/upload", b"{} trailing".to_vec()).await;
    assert_eq!(status, 400, "{answer}");
    let mut empty_id = good.clone();
    empty_id["changes"][0]["id"] = json!("");
    let (status, answer) = d.post_json("/v1/upload", &empty_id).await;
    assert_eq!(status, 400);
    assert_eq!(answer["field"], "changes[0].id");
    assert_eq!(written(&w.db).await, (0, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_a_413() {
    let w = world().await;
    let d = Device::new(&w.url, &w.c01, "d");
    let notes = "字".repeat(3 * 1024 * 1024);
    let body = d.upload_body(vec![d.put(
        Customers,
        "k1",
        json!({"name": "x", "notes": notes}),
    )]);
    let (status, answer) = d.post_json("/v1/upload", &body).await;
    assert_eq!(status, 413);
    assert_eq!(answer["error"], "payload_too_large");
    assert_eq!(written(&w.db).await, (0, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_book_newer_than_the_server_is_a_409_naming_schema_version() {
    let w = world().await;
    let d = Device::new(&w.url, &w.c01, "d");
    let mut body = d.upload_body(vec![d.put(Customers, "k1", json!({"name": "x"}))]);
    body.schema_version = crm_server::sync::upload::BOOK_SCHEMA_VERSION + 1;
    let (status, answer) = d.post_json("/v1/upload", &body).await;
    assert_eq!(status, 409);
    assert_eq!(answer["error"], "schema_too_new");
    assert_eq!(answer["field"], "schema_version");
    assert_eq!(written(&w.db).await, (0, 0, 0));
    // The same upload from a book the server knows is accepted.
    body.schema_version -= 1;
    let (status, _) = d.post_json("/v1/upload", &body).await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_download_parameters_and_routes_are_named() {
    let w = world().await;
    let d = Device::new(&w.url, &w.c01, "d");
    for (query, field) in [
        ("checkpoint=-1", "checkpoint"),
        ("checkpoint=x", "checkpoint"),
        ("limit=0", "limit"),
        ("limit=10001", "limit"),
        ("since=3", "since"),
    ] {
        let (status, answer) = d.get(&format!("/v1/download?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(answer["field"], json!(field), "{query}: {answer}");
    }
    let (status, answer) = d.get("/v1/nothing").await;
    assert_eq!(status, 404);
    assert_eq!(answer["error"], "not_found");
    let (status, answer) = d.get("/v1/upload").await;
    assert_eq!(status, 405);
    assert_eq!(answer["error"], "method_not_allowed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_id_is_one_to_two_hundred_characters() {
    let w = world().await;
    for (id, ok) in [
        ("", false),
        ("   ", false),
        (&*"d".repeat(200), true),
        (&*"d".repeat(201), false),
    ] {
        let d = Device::new(&w.url, &w.c01, id);
        let (status, answer) = d
            .post_json(
                "/v1/upload",
                &d.upload_body(vec![d.put(
                    Customers,
                    &format!("k{}", id.len()),
                    json!({"name": "x"}),
                )]),
            )
            .await;
        if ok {
            assert_eq!(status, 200, "{answer}");
        } else {
            assert_eq!(status, 400, "{id:?}: {answer}");
            assert_eq!(answer["field"], "device_id");
        }
    }
    assert_eq!(written(&w.db).await, (1, 1, 1));
}

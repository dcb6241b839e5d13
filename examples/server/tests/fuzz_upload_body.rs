//! Fuzzing of the server's upload body: mutated uploads (JSON structure, then characters
//! and bytes) posted to `/v1/upload`. Nothing panics or answers 5xx; a refusal is a 4xx
//! whose JSON names the problem (`error`, and the `field` or a `message`); a refused
//! upload writes nothing (rows, applied operations, devices). Short run by default;
//! `CRM_FUZZ_CASES` sets a long one (see `tests/tests/fuzz/main.rs`).

mod common;

#[allow(dead_code)]
#[path = "../../../tests/tests/fuzz/harness.rs"]
mod harness;

use common::*;
use crm_core::sync::SyncEntity::*;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::json;

/// What an upload writes: all must stay as they were when it is refused.
async fn written(db: &str) -> (i64, i64, i64) {
    (
        count(db, "SELECT count(*) FROM sync_rows").await,
        count(db, "SELECT count(*) FROM applied_ops").await,
        count(db, "SELECT count(*) FROM devices").await,
    )
}

#[test]
fn a_mutated_upload_is_taken_or_refused_with_a_4xx_naming_the_problem() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let (w, device, seeds) = runtime.block_on(async {
        let w = world().await;
        let device = Device::new(&w.url, &w.c01, "d1");
        let upload = device.upload_body(vec![
            device.put(Customers, "k1", json!({"name": "王芳", "owner": "c01", "notes": "想要白色"})),
            device.put(Contacts, "k1", json!({"items": [{"kind": "mobile", "value": "138 0013 8000", "key": "+8613800138000", "primary": true}]})),
            device.put(FollowUps, "f1", json!({"customer_id": "k1", "content": "问价", "method": "phone"})),
            device.delete(FollowUps, "f0"),
        ]);
        let mut seeds = vec![serde_json::to_string(&upload).expect("an upload as JSON")];
        seeds.extend(harness::corpus("upload_body"));
        (w, device, seeds)
    });
    let strategy = prop_oneof![
        4 => harness::json_mutated(seeds.clone()),
        1 => harness::mutated(seeds),
    ];
    let mut runner = TestRunner::new(harness::config(60));
    let outcome = runner.run(&strategy, |body| {
        runtime.block_on(async {
            let before = written(&w.db).await;
            let (status, answer) = device
                .post_raw("/v1/upload", body.clone().into_bytes())
                .await;
            prop_assert!(status < 500, "{} for {}: {}", status, body, answer);
            if status == 200 {
                prop_assert!(
                    answer.get("acknowledged_through").is_some(),
                    "{}: {}",
                    body,
                    answer
                );
            } else {
                prop_assert!(status >= 400, "{} for {}", status, body);
                prop_assert!(answer["error"].is_string(), "{}: {}", body, answer);
                let named = answer["field"].as_str().is_some_and(|f| !f.is_empty())
                    || answer["message"].as_str().is_some_and(|m| !m.is_empty());
                prop_assert!(named, "{}: {}", body, answer);
                prop_assert_eq!(written(&w.db).await, before, "{}: {}", body, answer);
            }
            Ok(())
        })
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
}

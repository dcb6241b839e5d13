//! Checkpointed downloads: paging, parents first, masked pool customers, evictions.

mod common;

use common::*;
use crm_core::sync::SyncEntity::*;
use crm_core::sync::{Download, SyncEntity};
use serde_json::json;
use std::collections::BTreeSet;

fn contact(customer: &str, value: &str) -> serde_json::Value {
    json!({"customer_id": customer, "position": 0, "kind": "mobile", "value": value,
           "key": value, "label": null, "is_primary": 1})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_page_through_the_log_with_checkpoints() {
    let w = world().await;
    let mut d = Device::new(&w.url, &w.c01, "d");
    let mut changes = Vec::new();
    for i in 0..25 {
        let id = format!("k{i:02}");
        changes.push(d.put(Customers, &id, json!({"name": format!("客户{i}")})));
        changes.push(d.put(
            Contacts,
            &id,
            json!({"items": [contact(&id, "13800138000")]}),
        ));
    }
    d.upload(changes).await;
    // Another consultant's customers never show up, nor move the pages.
    let other = Device::new(&w.url, &w.c02, "o");
    other
        .upload(vec![other.put(Customers, "x1", json!({"name": "别人的"}))])
        .await;

    let first = d.download_from(0, 10).await;
    let again = d.download_from(0, 10).await;
    assert_eq!(
        first, again,
        "a download cut off is asked again and answers the same"
    );
    let batches = d.download().await;
    assert_eq!(batches.len(), 1, "the default page holds 1000 rows");
    assert_eq!(batches[0].rows.len(), 50);
    let mut d2 = Device::new(&w.url, &w.c01, "d2");
    let mut checkpoint = 0;
    let mut seen = BTreeSet::new();
    let mut pages = 0;
    loop {
        let batch = d2.download_from(checkpoint, 10).await;
        pages += 1;
        assert!(batch.rows.len() <= 10);
        assert!(batch.checkpoint.0 > checkpoint || batch.rows.is_empty());
        for row in &batch.rows {
            assert!(row.version > checkpoint, "a row at or below the checkpoint");
            assert!(row.version <= batch.checkpoint.0);
            seen.insert((row.entity, row.id.clone()));
        }
        checkpoint = batch.checkpoint.0;
        if !batch.has_more {
            break;
        }
    }
    d2.checkpoint = checkpoint;
    assert_eq!(pages, 5);
    assert_eq!(seen.len(), 50);
    assert!(!seen.contains(&(Customers, "x1".to_string())));
    let last = d2.download_from(checkpoint, 10).await;
    assert_eq!(last.rows, vec![]);
    assert_eq!(
        last.checkpoint.0, checkpoint,
        "nothing new: the checkpoint stays"
    );
    assert!(!last.has_more);
}

#[test]
fn the_default_page_is_documented() {
    assert_eq!(crm_server::sync::download::DEFAULT_LIMIT, 1000);
    assert_eq!(crm_server::sync::download::MAX_LIMIT, 10_000);
}

fn position(batch: &Download, entity: SyncEntity, id: &str) -> Option<usize> {
    batch
        .rows
        .iter()
        .position(|r| r.entity == entity && r.id == id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_carries_the_parents_its_rows_need() {
    let w = world().await;
    let d = Device::new(&w.url, &w.c01, "d");
    d.upload(vec![
        d.put(Customers, "k1", json!({"name": "王芳"})),
        d.put(
            FollowUps,
            "f1",
            json!({"customer_id": "k1", "content": "call"}),
        ),
        d.put(
            FollowUpAttachments,
            "f1",
            json!({"items": [{"follow_up_id": "f1", "position": 0, "file_name": "a.jpg"}]}),
        ),
    ])
    .await;
    // The customer and the follow-up change after their children: versions customer 5,
    // follow-up 4, attachments 3.
    d.upload(vec![d.put(
        FollowUps,
        "f1",
        json!({"content": "call back"}),
    )])
    .await;
    d.upload(vec![d.put(Customers, "k1", json!({"notes": "later"}))])
        .await;
    let fresh = Device::new(&w.url, &w.c01, "fresh");
    let batch = fresh.download_from(0, 1).await;
    assert_eq!(batch.checkpoint.0, 3);
    assert!(batch.has_more);
    let customer = position(&batch, Customers, "k1").expect("the customer comes along");
    let follow_up = position(&batch, FollowUps, "f1").expect("the follow-up comes along");
    let attachments = position(&batch, FollowUpAttachments, "f1").expect("the row itself");
    assert!(customer < follow_up && follow_up < attachments, "{batch:?}");
    assert_eq!(
        batch.rows[customer].fields.as_ref().unwrap()["notes"],
        json!("later"),
        "a parent is sent as it is now"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pool_customers_reach_consultants_masked_until_claimed() {
    let w = world().await;
    let m1 = Device::new(&w.url, &w.m1, "m1");
    let result = m1
        .upload(vec![
            m1.put(Customers, "p1", json!({"name": "公海客户", "owner": null})),
            m1.put(Contacts, "p1", json!({"items": [contact("p1", "13800138000")]})),
            m1.put(CustomerTags, "p1", json!({"items": [{"customer_id": "p1", "position": 0, "tag": "VIP", "tag_key": "vip"}]})),
            m1.put(FollowUps, "f1", json!({"customer_id": "p1", "content": "前任顾问的记录"})),
        ])
        .await;
    assert!(result.rejected.is_empty(), "{result:?}");

    let mut c01 = Device::new(&w.url, &w.c01, "c01");
    let seen = rows_seen(&c01.download().await);
    let contacts = seen[&("contacts".into(), "p1".into())].clone().unwrap();
    assert_eq!(contacts["items"][0]["value"], json!("138****8000"));
    assert_eq!(contacts["items"][0]["key"], json!("138****8000"));
    assert!(seen.contains_key(&("customers".into(), "p1".into())));
    assert!(seen.contains_key(&("customer_tags".into(), "p1".into())));
    assert!(
        !seen.contains_key(&("follow_ups".into(), "f1".into())),
        "no history before the claim"
    );
    // The manager sees the pool whole.
    let mut m1d = Device::new(&w.url, &w.m1, "m1");
    let seen = rows_seen(&m1d.download().await);
    assert_eq!(
        seen[&("contacts".into(), "p1".into())].as_ref().unwrap()["items"][0]["value"],
        json!("13800138000")
    );

    // Writing a pool customer before claiming it: refused, the masked row put back.
    let refused = c01
        .upload(vec![c01.put(
            Contacts,
            "p1",
            json!({"items": [contact("p1", "13900000000")]}),
        )])
        .await;
    assert!(refused.rejected[0].reason.starts_with("forbidden"));
    let current = refused.rejected[0].current.as_ref().unwrap();
    assert_eq!(
        current.fields.as_ref().unwrap()["items"][0]["value"],
        json!("138****8000")
    );

    // c02 had the masked view too; c01 claims.
    let mut c02 = Device::new(&w.url, &w.c02, "c02");
    c02.download().await;
    let claim = c01
        .upload(vec![c01.put(Customers, "p1", json!({"owner": "c01"}))])
        .await;
    assert!(claim.rejected.is_empty(), "{claim:?}");
    let seen = rows_seen(&c01.download().await);
    assert_eq!(
        seen[&("contacts".into(), "p1".into())].as_ref().unwrap()["items"][0]["value"],
        json!("13800138000")
    );
    assert!(
        seen.contains_key(&("follow_ups".into(), "f1".into())),
        "the history once claimed"
    );
    let batches = c02.download().await;
    assert_eq!(batches[0].evicted, vec!["p1".to_string()]);
    assert!(rows_seen(&batches).is_empty());
    // Claiming someone else's customer is not a claim.
    let steal = c02
        .upload(vec![c02.put(Customers, "p1", json!({"owner": "c02"}))])
        .await;
    assert!(steal.rejected[0].reason.starts_with("forbidden"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reassigned_customer_is_evicted_from_the_old_owners_device() {
    let w = world().await;
    let mut c01 = Device::new(&w.url, &w.c01, "c01");
    c01.upload(vec![
        c01.put(Customers, "k1", json!({"name": "王芳"})),
        c01.put(
            Contacts,
            "k1",
            json!({"items": [contact("k1", "13800138000")]}),
        ),
        c01.put(
            FollowUps,
            "f1",
            json!({"customer_id": "k1", "content": "call"}),
        ),
        c01.put(Customers, "k2", json!({"name": "留下的"})),
    ])
    .await;
    c01.download().await;
    let before = c01.checkpoint;
    let mut c02 = Device::new(&w.url, &w.c02, "c02");
    c02.download().await;

    let m1 = Device::new(&w.url, &w.m1, "m1");
    let moved = m1
        .upload(vec![m1.put(Customers, "k1", json!({"owner": "c02"}))])
        .await;
    assert!(moved.rejected.is_empty());

    let batches = c01.download().await;
    assert_eq!(batches[0].evicted, vec!["k1".to_string()]);
    assert!(batches[0].rows.is_empty(), "evictions travel alone");
    assert!(batches
        .iter()
        .all(|b| b.rows.iter().all(|r| r.customer_id != "k1")));
    // Asked again from the same checkpoint (an answer lost): the same eviction.
    let again = c01.download_from(before, 1000).await;
    assert_eq!(again.evicted, vec!["k1".to_string()]);

    // The new owner gets the customer whole, parents first.
    let batches = c02.download().await;
    let seen = rows_seen(&batches);
    assert!(seen.contains_key(&("customers".into(), "k1".into())));
    assert!(seen.contains_key(&("follow_ups".into(), "f1".into())));
    assert_eq!(
        seen[&("contacts".into(), "k1".into())].as_ref().unwrap()["items"][0]["value"],
        json!("13800138000")
    );
    let batch = batches
        .iter()
        .find(|b| position(b, FollowUps, "f1").is_some())
        .unwrap();
    assert!(position(batch, Customers, "k1") < position(batch, FollowUps, "f1"));

    // Back to the pool: c02 loses the history (evicted), then gets the masked customer.
    m1.upload(vec![m1.put(Customers, "k1", json!({"owner": null}))])
        .await;
    let batches = c02.download().await;
    assert_eq!(batches[0].evicted, vec!["k1".to_string()]);
    let seen = rows_seen(&batches);
    assert_eq!(
        seen[&("contacts".into(), "k1".into())].as_ref().unwrap()["items"][0]["value"],
        json!("138****8000")
    );
    assert!(!seen.contains_key(&("follow_ups".into(), "f1".into())));
    // The manager, who sees the team and the pool, loses nothing.
    let mut m1d = Device::new(&w.url, &w.m1, "m1");
    assert!(m1d.download().await.iter().all(|b| b.evicted.is_empty()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evictions_page_like_rows() {
    let w = world().await;
    let mut c01 = Device::new(&w.url, &w.c01, "c01");
    c01.upload(vec![
        c01.put(Customers, "k1", json!({"name": "一"})),
        c01.put(Customers, "k2", json!({"name": "二"})),
        c01.put(Customers, "k3", json!({"name": "留下"})),
    ])
    .await;
    c01.download().await;
    let before = c01.checkpoint;
    let m1 = Device::new(&w.url, &w.m1, "m1");
    m1.upload(vec![
        m1.put(Customers, "k1", json!({"owner": "c02"})),
        m1.put(Customers, "k2", json!({"owner": "c02"})),
    ])
    .await;
    // Nothing else follows the two evictions: one batch, nothing more.
    let all = c01.download_from(before, 1000).await;
    assert_eq!(all.evicted, vec!["k1".to_string(), "k2".to_string()]);
    assert!(all.rows.is_empty());
    assert!(!all.has_more);
    // One at a time.
    let first = c01.download_from(before, 1).await;
    assert_eq!(first.evicted, vec!["k1".to_string()]);
    assert!(first.has_more);
    let second = c01.download_from(first.checkpoint.0, 1).await;
    assert_eq!(second.evicted, vec!["k2".to_string()]);
    assert!(!second.has_more);
    assert_eq!(second.checkpoint, all.checkpoint);
    // A change after the evictions: rows follow in the next batch.
    c01.upload(vec![c01.put(Customers, "k3", json!({"notes": "后来"}))])
        .await;
    let evictions = c01.download_from(before, 1000).await;
    assert!(evictions.has_more);
    let rows = c01.download_from(evictions.checkpoint.0, 1000).await;
    assert_eq!(rows.rows.len(), 1);
    assert!(rows.evicted.is_empty());
    assert!(!rows.has_more);
}

//! The upload rules on a real PostgreSQL: idempotence, field-by-field merge, lists replaced
//! whole, append-only rows, delete wins.

mod common;

use common::*;
use crm_core::sync::SyncEntity::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_upload_twice_changes_nothing_and_gets_the_same_answer() {
    let w = world().await;
    let phone = Device::new(&w.url, &w.c01, "phone-1");
    let changes = vec![
        phone.put(Customers, "k1", json!({"name": "王芳", "notes": "白色"})),
        phone.put(Customers, "k1", json!({"importance": 2})),
        phone.put(Customers, "k9", json!({"name": "李四", "owner": "c02"})),
    ];
    let first = phone.upload(changes.clone()).await;
    let versions_after_first = count(&w.db, "SELECT max(version) FROM sync_rows").await;
    let second = phone.upload(changes).await;
    assert_eq!(first, second);
    assert_eq!(first.acknowledged_through, 3);
    assert_eq!(first.rejected.len(), 1, "{first:?}");
    assert!(first.rejected[0].reason.starts_with("forbidden"));
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_rows").await, 1);
    assert_eq!(count(&w.db, "SELECT count(*) FROM applied_ops").await, 3);
    assert_eq!(
        count(&w.db, "SELECT max(version) FROM sync_rows").await,
        versions_after_first,
        "a replay wrote something"
    );
    assert_eq!(
        stored_fields(&w.db, "customers", "k1").await,
        Some(json!({"name": "王芳", "notes": "白色", "importance": 2, "owner": "c01"}))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_devices_editing_different_fields_both_keep_theirs_in_either_order() {
    for first_a in [true, false] {
        let w = world().await;
        let mut a = Device::new(&w.url, &w.c01, "a");
        let mut b = Device::new(&w.url, &w.m1, "b");
        a.upload(vec![a.put(
            Customers,
            "k1",
            json!({"name": "王芳", "notes": "n0", "city": "c0"}),
        )])
        .await;
        // Both edit offline, based on the same version.
        let mut edit_a = a.put(Customers, "k1", json!({"notes": "from a"}));
        let mut edit_b = b.put(Customers, "k1", json!({"city": "上海"}));
        edit_a.base_version = Some(1);
        edit_b.base_version = Some(1);
        if first_a {
            assert!(a.upload(vec![edit_a]).await.rejected.is_empty());
            assert!(b.upload(vec![edit_b]).await.rejected.is_empty());
        } else {
            assert!(b.upload(vec![edit_b]).await.rejected.is_empty());
            assert!(a.upload(vec![edit_a]).await.rejected.is_empty());
        }
        let expected = json!({"name": "王芳", "notes": "from a", "city": "上海", "owner": "c01"});
        assert_eq!(
            stored_fields(&w.db, "customers", "k1").await,
            Some(expected.clone())
        );
        for device in [&mut a, &mut b] {
            let seen = rows_seen(&device.download().await);
            assert_eq!(
                seen[&("customers".into(), "k1".into())],
                Some(expected.clone())
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_field_edited_twice_keeps_the_last_accepted_write() {
    let w = world().await;
    let mut a = Device::new(&w.url, &w.c01, "a");
    let b = Device::new(&w.url, &w.m1, "b");
    a.upload(vec![a.put(
        Customers,
        "k1",
        json!({"name": "王芳", "notes": "n0"}),
    )])
    .await;
    let edit_a = a.put(Customers, "k1", json!({"notes": "a's"}));
    let mut edit_b = b.put(Customers, "k1", json!({"notes": "b's"}));
    // b's write was made on an older version than a's and arrives last: it still wins,
    // field by field.
    edit_b.base_version = Some(1);
    a.upload(vec![edit_a]).await;
    b.upload(vec![edit_b]).await;
    let seen = rows_seen(&a.download().await);
    assert_eq!(
        seen[&("customers".into(), "k1".into())],
        Some(json!({"name": "王芳", "notes": "b's", "owner": "c01"}))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_is_replaced_whole_and_a_list_delete_empties_it() {
    let w = world().await;
    let a = Device::new(&w.url, &w.c01, "a");
    let item = |p: i64, v: &str| json!({"customer_id": "k1", "position": p, "kind": "mobile", "value": v, "key": v, "label": null, "is_primary": i64::from(p == 0)});
    a.upload(vec![
        a.put(Customers, "k1", json!({"name": "王芳"})),
        a.put(
            Contacts,
            "k1",
            json!({"items": [item(0, "13800138000"), item(1, "13900139000")]}),
        ),
    ])
    .await;
    let result = a
        .upload(vec![a.put(
            Contacts,
            "k1",
            json!({"items": [item(0, "13700137000")]}),
        )])
        .await;
    assert!(result.rejected.is_empty());
    assert_eq!(
        stored_fields(&w.db, "contacts", "k1").await,
        Some(json!({"items": [item(0, "13700137000")]}))
    );
    let bad = a
        .upload(vec![a.put(Contacts, "k1", json!({"items": "x"}))])
        .await;
    assert!(bad.rejected[0].reason.starts_with("invalid"), "{bad:?}");
    a.upload(vec![a.delete(Contacts, "k1")]).await;
    assert_eq!(
        stored_fields(&w.db, "contacts", "k1").await,
        Some(json!({"items": []}))
    );
    // Emptied, not deleted: it can be filled again.
    let again = a
        .upload(vec![a.put(
            Contacts,
            "k1",
            json!({"items": [item(0, "13600136000")]}),
        )])
        .await;
    assert!(again.rejected.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn append_only_rows_are_inserted_once_and_never_changed_or_deleted() {
    let w = world().await;
    let a = Device::new(&w.url, &w.c01, "a");
    let entry =
        json!({"customer_id": "k1", "at": 1, "actor": "c01", "code": "note", "entry": "{}"});
    a.upload(vec![
        a.put(Customers, "k1", json!({"name": "王芳"})),
        a.put(Timeline, "t1", entry.clone()),
    ])
    .await;
    let again = a
        .upload(vec![a.put(
            Timeline,
            "t1",
            json!({"customer_id": "k1", "code": "changed"}),
        )])
        .await;
    assert!(again.rejected.is_empty(), "the same id again is a no-op");
    assert_eq!(stored_fields(&w.db, "timeline", "t1").await, Some(entry));
    let delete = a.upload(vec![a.delete(Timeline, "t1")]).await;
    assert!(
        delete.rejected[0].reason.starts_with("invalid"),
        "{delete:?}"
    );
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) FROM sync_rows WHERE entity = 'timeline' AND NOT deleted"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_wins_over_a_later_edit() {
    let w = world().await;
    let a = Device::new(&w.url, &w.c01, "a");
    let mut b = Device::new(&w.url, &w.m1, "b");
    a.upload(vec![
        a.put(Customers, "k1", json!({"name": "王芳"})),
        a.put(
            FollowUps,
            "f1",
            json!({"customer_id": "k1", "content": "first call"}),
        ),
        a.put(
            Plans,
            "p1",
            json!({"customer_id": "k1", "purpose": "call back"}),
        ),
    ])
    .await;
    a.upload(vec![a.delete(Plans, "p1")]).await;
    let late = b
        .upload(vec![b.put(Plans, "p1", json!({"purpose": "visit"}))])
        .await;
    assert_eq!(late.rejected.len(), 1);
    assert_eq!(late.rejected[0].reason, "deleted");
    assert_eq!(late.rejected[0].current, None);
    // A whole customer deleted: its rows are refused too, and downloads carry the tombstone.
    a.upload(vec![a.delete(Customers, "k1")]).await;
    let late = b
        .upload(vec![
            b.put(FollowUps, "f1", json!({"content": "edited"})),
            b.put(
                FollowUps,
                "f2",
                json!({"customer_id": "k1", "content": "new"}),
            ),
            b.put(Customers, "k1", json!({"notes": "x"})),
        ])
        .await;
    assert_eq!(late.rejected.len(), 3, "{late:?}");
    assert!(late.rejected.iter().all(|r| r.reason == "deleted"));
    let seen = rows_seen(&b.download().await);
    assert_eq!(seen.get(&("customers".into(), "k1".into())), Some(&None));
    assert!(!seen.contains_key(&("follow_ups".into(), "f1".into())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_need_a_known_parent() {
    let w = world().await;
    let a = Device::new(&w.url, &w.c01, "a");
    let result = a
        .upload(vec![
            a.put(
                FollowUps,
                "f1",
                json!({"customer_id": "nobody", "content": "x"}),
            ),
            a.put(Plans, "p1", json!({"purpose": "no customer_id"})),
            a.put(FollowUpAttachments, "f9", json!({"items": []})),
        ])
        .await;
    let reasons: Vec<&str> = result.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert!(reasons[0].starts_with("unknown"), "{reasons:?}");
    assert!(reasons[1].starts_with("invalid"), "{reasons:?}");
    assert!(reasons[2].starts_with("unknown"), "{reasons:?}");
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_rows").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_week_offline_uploads_two_hundred_changes_at_once() {
    let w = world().await;
    let phone = Device::new(&w.url, &w.c01, "phone");
    let mut changes = Vec::new();
    for i in 0..50 {
        let id = format!("k{i:02}");
        changes.push(phone.put(Customers, &id, json!({"name": format!("客户{i}")})));
        changes.push(phone.put(
            FollowUps,
            &format!("f{i:02}"),
            json!({"customer_id": id, "content": "call"}),
        ));
        changes.push(phone.put(
            CustomerTags,
            &id,
            json!({"items": [{"customer_id": id, "position": 0, "tag": "A", "tag_key": "a"}]}),
        ));
        changes.push(phone.put(Customers, &id, json!({"notes": format!("第{i}天")})));
    }
    assert_eq!(changes.len(), 200);
    let result = phone.upload(changes.clone()).await;
    assert_eq!(result.acknowledged_through, 200);
    assert!(result.rejected.is_empty(), "{result:?}");
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_rows").await, 150);
    // Sent again (the answer was lost): nothing doubled.
    assert_eq!(phone.upload(changes).await, result);
    assert_eq!(count(&w.db, "SELECT count(*) FROM sync_rows").await, 150);
    let mut tablet = Device::new(&w.url, &w.c01, "tablet");
    let seen = rows_seen(&tablet.download().await);
    assert_eq!(seen.len(), 150);
    assert_eq!(
        seen[&("customers".into(), "k07".into())],
        Some(json!({"name": "客户7", "notes": "第7天", "owner": "c01"}))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_sees_what_earlier_changes_of_the_same_upload_wrote() {
    // The rows an upload names are read before its first change: a delete's cascade and
    // an erasure earlier in the same upload must still be seen by the later changes.
    let w = world().await;
    let a = Device::new(&w.url, &w.c01, "a");
    let result = a
        .upload(vec![
            a.put(Customers, "k1", json!({"name": "王芳"})),
            a.put(
                FollowUps,
                "f1",
                json!({"customer_id": "k1", "content": "first call"}),
            ),
            a.put(FollowUpAttachments, "f1", json!({"items": []})),
            a.delete(FollowUps, "f1"),
            a.put(FollowUpAttachments, "f1", json!({"items": []})),
            a.put(Customers, "k2", json!({"name": "李雷"})),
            a.delete(Customers, "k2"),
            a.put(Customers, "k2", json!({"notes": "after the erasure"})),
        ])
        .await;
    let refused: Vec<(u64, &str)> = result
        .rejected
        .iter()
        .map(|r| (r.op_id, r.reason.as_str()))
        .collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(
        refused.iter().all(|(_, why)| *why == "deleted"),
        "{refused:?}"
    );
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) FROM sync_rows WHERE entity = 'follow_up_attachments' AND NOT deleted"
        )
        .await,
        0,
        "the attachments went with their follow-up"
    );
    assert_eq!(
        count(
            &w.db,
            "SELECT count(*) FROM sync_rows WHERE entity = 'customers' AND id = 'k2' AND deleted"
        )
        .await,
        1
    );
}

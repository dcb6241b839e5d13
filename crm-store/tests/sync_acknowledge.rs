//! The server's answer to an upload: settled operations leave the outbox, refused ones
//! are undone and kept for the app until dismissed.

mod common;
mod sync_fixture;

use common::{customer, queueing_store, TestStore};
use crm_core::sync::{Rejection, SyncEntity, UploadResult};
use crm_core::CustomerPatch;
use crm_store::StoreError;
use serde_json::json;
use sync_fixture::{rich_customer, whole_dump};

fn outbox(t: &TestStore) -> Vec<(u64, String, String)> {
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let mut stmt = conn
        .prepare("SELECT op_id, entity, row_id FROM sync_outbox ORDER BY op_id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn notes_patch(text: &str) -> CustomerPatch {
    CustomerPatch {
        notes: Some(Some(text.into())),
        ..CustomerPatch::default()
    }
}

#[test]
fn acknowledged_operations_leave_the_outbox_and_later_ones_stay() {
    let t = queueing_store();
    let c = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    let through = outbox(&t).last().unwrap().0;
    t.store
        .update_customer(&c.id, 1, &notes_patch("后来"))
        .unwrap();
    let later = outbox(&t);
    assert!(later.len() > 1);
    t.store
        .acknowledge(&UploadResult {
            acknowledged_through: through,
            rejected: vec![],
        })
        .unwrap();
    let left = outbox(&t);
    assert!(!left.is_empty());
    assert!(left.iter().all(|(op, _, _)| *op > through));
    assert!(t.store.sync_rejections().unwrap().is_empty());
}

#[test]
fn a_refused_edit_is_undone_to_the_server_row_and_kept_until_dismissed() {
    let t = queueing_store();
    let c = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    let server = t
        .store
        .synced_rows()
        .unwrap()
        .into_iter()
        .find(|r| r.entity == SyncEntity::Customers)
        .unwrap();
    t.store
        .update_customer(&c.id, 1, &notes_patch("改了"))
        .unwrap();
    let edit = outbox(&t).last().unwrap().0;
    t.clock.advance(chrono::Duration::minutes(1));
    t.store
        .acknowledge(&UploadResult {
            acknowledged_through: edit,
            rejected: vec![Rejection {
                op_id: edit,
                entity: SyncEntity::Customers,
                id: c.id.to_string(),
                reason: "该客户已转给其他顾问".into(),
                current: Some(server),
            }],
        })
        .unwrap();
    let back = t.store.get_customer(&c.id).unwrap();
    assert_eq!(back.profile.notes, None);
    assert_eq!(back.version, 1);
    assert!(outbox(&t).is_empty(), "the put-back is not queued");
    let kept = t.store.sync_rejections().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].op_id, edit);
    assert_eq!(kept[0].entity, SyncEntity::Customers);
    assert_eq!(kept[0].id, c.id.to_string());
    assert_eq!(kept[0].reason, "该客户已转给其他顾问");
    assert_eq!(kept[0].at, common::start() + chrono::Duration::minutes(1));
    t.store.dismiss_rejection(edit).unwrap();
    assert!(t.store.sync_rejections().unwrap().is_empty());
    assert!(matches!(
        t.store.dismiss_rejection(edit),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_refused_customer_the_server_does_not_let_us_see_goes_with_all_of_their_data() {
    let t = queueing_store();
    let id = rich_customer(&t.store, "王芳", "13800138000", "13700137000", "c01");
    let through = outbox(&t).last().unwrap().0;
    t.store
        .acknowledge(&UploadResult {
            acknowledged_through: through,
            rejected: vec![Rejection {
                op_id: 1,
                entity: SyncEntity::Customers,
                id: id.to_string(),
                reason: "公海客户".into(),
                current: None,
            }],
        })
        .unwrap();
    assert!(t.store.get_customer(&id).is_err());
    let dump = whole_dump(&t.path);
    let mentions: Vec<&str> = dump
        .lines()
        .filter(|l| l.contains(id.as_str()) || l.contains("王芳"))
        .collect();
    // Only the refusal itself, for the app to show.
    assert_eq!(mentions.len(), 1, "{mentions:#?}");
    assert!(mentions[0].starts_with("sync_rejections:"));
}

#[test]
fn a_refused_follow_up_without_a_server_row_is_removed_and_contact_times_follow() {
    let t = queueing_store();
    let id = rich_customer(&t.store, "王芳", "13800138000", "13700137000", "c01");
    let follow_up = t.store.follow_ups_of(&id).unwrap().remove(0);
    t.store
        .acknowledge(&UploadResult {
            acknowledged_through: 0,
            rejected: vec![Rejection {
                op_id: 3,
                entity: SyncEntity::FollowUps,
                id: follow_up.id.to_string(),
                reason: "no".into(),
                current: None,
            }],
        })
        .unwrap();
    assert!(t.store.follow_ups_of(&id).unwrap().is_empty());
    assert_eq!(t.store.get_customer(&id).unwrap().last_contact_at, None);
}

#[test]
fn a_bad_row_to_put_back_writes_nothing() {
    let t = queueing_store();
    let c = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    let mut server = t.store.synced_rows().unwrap().remove(0);
    server
        .fields
        .as_mut()
        .unwrap()
        .insert("bogus".into(), json!(1));
    let before = whole_dump(&t.path);
    let e = t
        .store
        .acknowledge(&UploadResult {
            acknowledged_through: 99,
            rejected: vec![Rejection {
                op_id: 1,
                entity: SyncEntity::Customers,
                id: c.id.to_string(),
                reason: "no".into(),
                current: Some(server),
            }],
        })
        .unwrap_err();
    let StoreError::Invalid(v) = e else {
        panic!("{e:?}")
    };
    assert_eq!(v.field, "rejected[0].current.fields.bogus");
    assert_eq!(whole_dump(&t.path), before);
}

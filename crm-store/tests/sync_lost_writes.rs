//! The loser told: a change the server accepted and a concurrent change from another
//! device then replaced comes back as a notice among the rejections (kind
//! `Overwritten`), naming the fields; a change echoed back or built upon tells nothing.
//! The server's notices about a held record set aside later are kept too (`SetAside`).

mod common;
mod sync_fixture;

use common::{customer, test_store, TestStore};
use crm_core::sync::{ServerRow, SyncEntity, UploadResult};
use crm_core::{CustomerId, CustomerPatch};
use crm_store::RejectionKind;
use serde_json::json;
use sync_fixture::download;

fn last_op(t: &TestStore) -> u64 {
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    conn.query_row("SELECT max(op_id) FROM sync_outbox", [], |r| r.get(0))
        .unwrap()
}

fn acknowledge_all(t: &TestStore) {
    t.store
        .acknowledge(&UploadResult {
            acknowledged_through: last_op(t),
            rejected: vec![],
        })
        .unwrap();
}

fn notes(text: &str) -> CustomerPatch {
    CustomerPatch {
        notes: Some(Some(text.into())),
        ..CustomerPatch::default()
    }
}

/// A synced customer whose notes this device changed to "A" (version 2), accepted.
fn accepted_edit() -> (TestStore, CustomerId) {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    acknowledge_all(&t);
    t.store.update_customer(&c.id, 1, &notes("A")).unwrap();
    acknowledge_all(&t);
    (t, c.id)
}

/// The customer's row as the server would send it, with `changes` laid over.
fn server_customer(t: &TestStore, id: &CustomerId, changes: serde_json::Value) -> ServerRow {
    let mut row = t
        .store
        .synced_rows()
        .unwrap()
        .into_iter()
        .find(|r| r.entity == SyncEntity::Customers && r.id == id.as_str())
        .unwrap();
    let fields = row.fields.as_mut().unwrap();
    for (k, v) in changes.as_object().unwrap() {
        fields.insert(k.clone(), v.clone());
    }
    row
}

#[test]
fn a_concurrent_change_that_won_is_told_naming_the_field() {
    let (t, id) = accepted_edit();
    // The echo of this device's own change: nothing to tell.
    let echo = server_customer(&t, &id, json!({}));
    t.store.apply_download(&download(vec![echo], 1)).unwrap();
    assert!(t.store.sync_rejections().unwrap().is_empty());
    // Another phone changed the notes from the same version; the server kept its change.
    let other = server_customer(&t, &id, json!({"notes": "B", "updated_at": 99}));
    t.store.apply_download(&download(vec![other], 2)).unwrap();
    let told = t.store.sync_rejections().unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].kind, RejectionKind::Overwritten);
    assert_eq!(told[0].entity, SyncEntity::Customers);
    assert_eq!(told[0].id, id.as_str());
    assert!(told[0].reason.contains("notes"), "{}", told[0].reason);
    assert_eq!(
        t.store.get_customer(&id).unwrap().profile.notes.as_deref(),
        Some("B"),
        "the server's choice stands"
    );
    // Told once: the same row again adds nothing; dismissed, it is gone.
    let again = server_customer(&t, &id, json!({}));
    t.store.apply_download(&download(vec![again], 3)).unwrap();
    assert_eq!(t.store.sync_rejections().unwrap().len(), 1);
    t.store.dismiss_rejection(told[0].op_id).unwrap();
    assert!(t.store.sync_rejections().unwrap().is_empty());
}

#[test]
fn a_later_version_built_on_the_change_tells_nothing() {
    let (t, id) = accepted_edit();
    let later = server_customer(&t, &id, json!({"notes": "C", "version": 3}));
    t.store.apply_download(&download(vec![later], 1)).unwrap();
    assert!(t.store.sync_rejections().unwrap().is_empty());
    // Forgotten: a row at that version again tells nothing either.
    let again = server_customer(&t, &id, json!({"notes": "D", "version": 3}));
    t.store.apply_download(&download(vec![again], 2)).unwrap();
    assert!(t.store.sync_rejections().unwrap().is_empty());
}

#[test]
fn a_change_of_another_field_at_the_same_version_tells_nothing() {
    let (t, id) = accepted_edit();
    let other = server_customer(&t, &id, json!({"city": "上海", "updated_at": 99}));
    t.store.apply_download(&download(vec![other], 1)).unwrap();
    assert!(t.store.sync_rejections().unwrap().is_empty());
}

#[test]
fn a_refused_change_is_of_kind_refused() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    let op = last_op(&t);
    t.store
        .acknowledge(&UploadResult {
            acknowledged_through: op,
            rejected: vec![crm_core::sync::Rejection {
                op_id: op,
                entity: SyncEntity::Customers,
                id: c.id.as_str().to_owned(),
                reason: "forbidden".into(),
                current: None,
            }],
        })
        .unwrap();
    let kept = t.store.sync_rejections().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, RejectionKind::Refused);
}

#[test]
fn a_notice_about_a_held_record_is_kept_and_others_are_not() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    acknowledge_all(&t);
    let notice = |id: &str, version: u64| crm_core::sync::Notice {
        version,
        entity: SyncEntity::Customers,
        id: id.to_owned(),
        reason: "duplicate: 王芳 is 王建国's (c01) customer".into(),
    };
    let tombstone = ServerRow {
        version: 5,
        entity: SyncEntity::Customers,
        id: c.id.as_str().to_owned(),
        customer_id: c.id.as_str().to_owned(),
        fields: None,
    };
    let mut batch = download(vec![tombstone], 5);
    batch.notices = vec![notice(c.id.as_str(), 5), notice("not-on-this-book", 4)];
    t.store.apply_download(&batch).unwrap();
    assert!(
        t.store.get_customer(&c.id).is_err(),
        "the record left the book"
    );
    let told = t.store.sync_rejections().unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].kind, RejectionKind::SetAside);
    assert_eq!(told[0].id, c.id.as_str());
    assert!(told[0].reason.starts_with("duplicate: "));
    // The same batch again: the customer is gone, nothing is added.
    t.store.apply_download(&batch).unwrap();
    assert_eq!(t.store.sync_rejections().unwrap().len(), 1);
}

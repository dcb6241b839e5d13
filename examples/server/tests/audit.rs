//! Who did what through a real server: a timeline entry's author, device and old → new
//! values go from phone A through the server to phone B unchanged; the server stamps every
//! row it accepts (a tombstone too) with the user and the device of its last change.

mod common;

use common::{connect, world};
use crm_core::{
    ContactInput, ContactKind, CustomerPatch, FieldChange, FieldValue, NewCustomer, SourceChannel,
    TimelineEntry,
};
use crm_store::{Store, SyncSummary};
use std::path::Path;
use std::sync::Arc;

fn book(dir: &Path, name: &str) -> Arc<Store> {
    Arc::new(Store::open(dir.join(format!("{name}.sqlite3"))).unwrap())
}

async fn sync(store: &Arc<Store>, url: &str, token: &str) -> SyncSummary {
    let (store, url, token) = (store.clone(), url.to_owned(), token.to_owned());
    tokio::task::spawn_blocking(move || store.sync(&url, &token))
        .await
        .unwrap()
        .unwrap()
}

/// (updated_by, updated_device, deleted) of a row on the server.
async fn stamp(db: &str, entity: &str, id: &str) -> (String, Option<String>, bool) {
    let row = connect(db)
        .await
        .query_one(
            "SELECT updated_by, updated_device, deleted FROM sync_rows
             WHERE entity = $1 AND id = $2",
            &[&entity, &id],
        )
        .await
        .unwrap();
    (row.get(0), row.get(1), row.get(2))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_timeline_entrys_author_device_and_values_reach_the_other_phone() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "a");
    let m = book(dir.path(), "manager");
    sync(&a, &w.url, &w.c01).await;
    let id = a
        .create_customer(&NewCustomer::new(
            "王芳",
            ContactInput::new(ContactKind::Mobile, "13800138000"),
            SourceChannel::ShowroomWalkIn,
        ))
        .unwrap()
        .id;
    let patch = CustomerPatch {
        notes: Some(Some("想要白色".into())),
        ..CustomerPatch::default()
    };
    a.update_customer(&id, 1, &patch).unwrap();
    sync(&a, &w.url, &w.c01).await;
    sync(&m, &w.url, &w.m1).await;

    let on_a = a.timeline(&id, 50, None).unwrap().records;
    let on_m = m.timeline(&id, 50, None).unwrap().records;
    let edit = |records: &[crm_core::TimelineRecord]| {
        records
            .iter()
            .find(|r| r.entry.code() == "customer_changed")
            .cloned()
            .expect("the edit")
    };
    let (sent, received) = (edit(&on_a), edit(&on_m));
    assert_eq!(received, sent, "the same record on both phones");
    assert_eq!(received.author.as_deref(), Some("c01"), "the phone's user");
    assert_eq!(
        received.device,
        Some(a.device_id().unwrap()),
        "phone A's id"
    );
    assert_eq!(
        received.entry,
        TimelineEntry::CustomerChanged {
            changes: vec![FieldChange {
                field: "notes".into(),
                old: None,
                new: Some(FieldValue::Text("想要白色".into())),
            }]
        }
    );

    // The server knows who wrote each row from which device: the manager's edit is theirs.
    let a_device = a.device_id().unwrap();
    assert_eq!(
        stamp(&w.db, "customers", id.as_str()).await,
        ("c01".into(), Some(a_device.clone()), false)
    );
    let version = m.get_customer(&id).unwrap().version;
    m.update_customer(
        &id,
        version,
        &CustomerPatch {
            occupation: Some(Some("教师".into())),
            ..CustomerPatch::default()
        },
    )
    .unwrap();
    sync(&m, &w.url, &w.m1).await;
    let m_device = m.device_id().unwrap();
    assert_eq!(
        stamp(&w.db, "customers", id.as_str()).await,
        ("m1".into(), Some(m_device.clone()), false)
    );
    // A delete leaves a tombstone stamped with who deleted it, and from where.
    m.delete_customer(&id).unwrap();
    sync(&m, &w.url, &w.m1).await;
    assert_eq!(
        stamp(&w.db, "customers", id.as_str()).await,
        ("m1".into(), Some(m_device.clone()), true)
    );
    // The deleting phone's log keeps it after the server's delete came back.
    sync(&m, &w.url, &w.m1).await;
    let log = m.deletions(10, None).unwrap().deletions;
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].author.as_deref(), log[0].device.as_str()),
        (Some("m1"), m_device.as_str())
    );
    sync(&a, &w.url, &w.c01).await;
    assert!(a.get_customer(&id).is_err(), "gone from phone A too");
}

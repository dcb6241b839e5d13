//! An erasure travels: a book erases a customer, the server blanks its copies of them
//! (rows, tombstones, append-only records, merge records, contact keys), and the other
//! books holding the customer evict them at their next sync, leaving no byte in their
//! files; an edit made offline elsewhere loses to the erasure.

mod common;

use chrono::Utc;
use common::books::{book, sync};
use common::{connect, user, world};
use crm_core::{
    ContactInput, ContactKind, CustomerId, CustomerPatch, FollowUpKind, FollowUpMethod,
    NewCustomer, NewFollowUp, SourceChannel,
};
use crm_server::auth::Role;
use crm_store::Store;
use std::path::Path;

const SECRETS: &[&str] = &[
    "王芳",
    "13800138000",
    "13800138001",
    "wxwangfang88",
    "wf.private@example.com",
    "想要白色的途观",
    "问了贷款方案",
    "老婆更喜欢红色",
];

/// 王芳 with a phone, a WeChat id and an e-mail, a note, a follow-up and a merged
/// duplicate (their second phone), owned by c01, on `store`.
fn wang(store: &Store) -> CustomerId {
    let mut new = NewCustomer::new(
        "王芳",
        ContactInput::new(ContactKind::Mobile, "13800138000"),
        SourceChannel::ShowroomWalkIn,
    );
    new.contacts
        .push(ContactInput::new(ContactKind::Wechat, "wxwangfang88"));
    new.contacts.push(ContactInput::new(
        ContactKind::Email,
        "wf.private@example.com",
    ));
    new.notes = Some("想要白色的途观".into());
    let id = store.create_customer(&new).unwrap().id;
    store
        .log_follow_up(
            &id,
            &NewFollowUp::new(
                id.clone(),
                FollowUpMethod::Phone,
                FollowUpKind::NeedsDiscovery,
                Utc::now() - chrono::Duration::hours(1),
                "问了贷款方案",
            ),
            None,
        )
        .unwrap();
    let dup = store
        .create_customer(&NewCustomer::new(
            "王芳",
            ContactInput::new(ContactKind::Mobile, "13800138001"),
            SourceChannel::PhoneHotline,
        ))
        .unwrap();
    let keep = store.get_customer(&id).unwrap();
    store
        .merge_customers(&id, keep.version, &dup.id, dup.version)
        .unwrap();
    id
}

/// Every text the server holds about customers: rows (tombstones too) and contact keys.
async fn server_text(db: &str) -> String {
    let client = connect(db).await;
    let mut text = String::new();
    for sql in [
        "SELECT fields::text FROM sync_rows",
        "SELECT key || ' ' || coalesce(customer_id, '') FROM contact_keys",
    ] {
        for row in client.query(sql, &[]).await.unwrap() {
            text.push_str(&row.get::<_, String>(0));
            text.push('\n');
        }
    }
    text
}

fn secrets_in(text: &str) -> Vec<&'static str> {
    SECRETS
        .iter()
        .copied()
        .filter(|s| text.contains(s))
        .collect()
}

/// The secrets in the raw bytes of a book's `.db`, `-wal` and `-shm` files.
fn secrets_in_files(path: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let bytes = std::fs::read(format!("{}{suffix}", path.display())).unwrap_or_default();
        for secret in SECRETS {
            if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
                found.push(format!("{secret} in {suffix}"));
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_erasure_travels_to_the_server_and_every_book_and_wins_over_an_offline_edit() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let second_phone = user(&w.db, "c01", Role::Consultant, Some("A")).await;
    let a = book(dir.path(), "a");
    let b = book(dir.path(), "b");
    let manager = book(dir.path(), "m");
    sync(&a, &w.url, &w.c01).await;
    let id = wang(&a);
    let other = a
        .create_customer(&NewCustomer::new(
            "李雷",
            ContactInput::new(ContactKind::Mobile, "13900139000"),
            SourceChannel::ShowroomWalkIn,
        ))
        .unwrap()
        .id;
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &second_phone).await;
    sync(&manager, &w.url, &w.m1).await;
    assert_eq!(b.get_customer(&id).unwrap().profile.name, "王芳");
    assert!(manager.get_customer(&id).is_ok());
    assert!(secrets_in(&server_text(&w.db).await).len() >= 6);

    // Offline, the second phone edits the note; the first erases the customer and syncs.
    let version = b.get_customer(&id).unwrap().version;
    let patch = CustomerPatch {
        notes: Some(Some("老婆更喜欢红色".into())),
        ..CustomerPatch::default()
    };
    b.update_customer(&id, version, &patch).unwrap();
    a.erase_customer(&id, "客户要求删除个人信息").unwrap();
    assert_eq!(a.pending_count().unwrap(), 1, "the customer's delete only");
    sync(&a, &w.url, &w.c01).await;
    let client = connect(&w.db).await;
    let deleted: bool = client
        .query_one(
            "SELECT deleted FROM sync_rows WHERE entity = 'customers' AND id = $1",
            &[&id.as_str()],
        )
        .await
        .unwrap()
        .get(0);
    assert!(deleted, "a tombstone stays for the books");
    assert_eq!(secrets_in(&server_text(&w.db).await), Vec::<&str>::new());

    // The edit comes later: refused, nothing of it kept; the phone drops the customer.
    let summary = sync(&b, &w.url, &second_phone).await;
    assert!(
        summary.rejected.iter().any(|r| r.reason == "deleted"),
        "{:?}",
        summary.rejected
    );
    assert_eq!(secrets_in(&server_text(&w.db).await), Vec::<&str>::new());
    assert!(b.get_customer(&id).is_err());
    // What the phone keeps to tell its user: which change was refused and why, no data.
    for refused in b.sync_rejections().unwrap() {
        assert_eq!(refused.reason, "deleted");
    }
    assert_eq!(secrets_in_files(b.path()), Vec::<String>::new());
    sync(&manager, &w.url, &w.m1).await;
    assert!(manager.get_customer(&id).is_err());
    assert_eq!(secrets_in_files(manager.path()), Vec::<String>::new());
    assert_eq!(secrets_in_files(a.path()), Vec::<String>::new());
    // The rest of the book is untouched everywhere.
    for store in [&a, &b, &manager] {
        assert_eq!(store.get_customer(&other).unwrap().profile.name, "李雷");
    }
    // The same phone can be registered again later (the erased key no longer holds it).
    let again = a
        .create_customer(&NewCustomer::new(
            "新客户",
            ContactInput::new(ContactKind::Mobile, "13800138000"),
            SourceChannel::ShowroomWalkIn,
        ))
        .unwrap()
        .id;
    let summary = sync(&a, &w.url, &w.c01).await;
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    assert!(a.get_customer(&again).is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_the_owner_or_the_teams_manager_erases_and_the_server_refuses_anyone_else() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "a");
    let manager = book(dir.path(), "m");
    sync(&a, &w.url, &w.c01).await;
    let id = wang(&a);
    sync(&a, &w.url, &w.c01).await;
    sync(&manager, &w.url, &w.m1).await;
    // A customer c01 released to the pool.
    let pooled = a
        .create_customer(&NewCustomer::new(
            "公海客户",
            ContactInput::new(ContactKind::Mobile, "13700137000"),
            SourceChannel::ShowroomWalkIn,
        ))
        .unwrap()
        .id;
    sync(&a, &w.url, &w.c01).await;
    a.release_customer(&pooled, None).unwrap();
    sync(&a, &w.url, &w.c01).await;
    sync(&manager, &w.url, &w.m1).await;
    assert!(manager
        .get_customer(&pooled)
        .unwrap()
        .profile
        .owner
        .is_none());
    let before = secrets_in(&server_text(&w.db).await).len();
    assert!(before >= 6);

    // Another consultant of the team, and the owner for a pool customer: refused by the
    // server, whatever their device says; nothing is blanked.
    let c02 = common::Device::new(&w.url, &w.c02, "c02-tampered");
    let c01 = common::Device::new(&w.url, &w.c01, "c01-tampered");
    for (device, customer) in [(&c02, &id), (&c01, &pooled)] {
        let answer = device
            .upload(vec![device.delete(
                crm_core::sync::SyncEntity::Customers,
                customer.as_str(),
            )])
            .await;
        assert_eq!(answer.rejected.len(), 1, "{answer:?}");
        assert!(
            answer.rejected[0].reason.starts_with("forbidden"),
            "{answer:?}"
        );
    }
    assert_eq!(secrets_in(&server_text(&w.db).await).len(), before);
    assert!(server_text(&w.db).await.contains("公海客户"));

    // The team's manager erases both, on their book; the server blanks them.
    manager.erase_customer(&id, "客户要求删除个人信息").unwrap();
    manager
        .erase_customer(&pooled, "客户要求删除个人信息")
        .unwrap();
    let summary = sync(&manager, &w.url, &w.m1).await;
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    let text = server_text(&w.db).await;
    assert_eq!(secrets_in(&text), Vec::<&str>::new());
    assert!(!text.contains("公海客户"));
    sync(&a, &w.url, &w.c01).await;
    assert!(a.get_customer(&id).is_err());
    assert_eq!(secrets_in_files(a.path()), Vec::<String>::new());
}

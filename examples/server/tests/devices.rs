//! Real books syncing through a real server: `crm_store::Store::sync` (the library's own
//! HTTP transport) against `crm-server` on PostgreSQL. What the team sees when several
//! phones work offline and then sync.

mod common;

use common::books::{book, sync};

use common::{user, world};
use crm_core::{
    ContactInput, ContactKind, CustomerId, CustomerPatch, Importance, NewCustomer, SourceChannel,
};
use crm_server::auth::Role;
use crm_store::Store;
use std::path::Path;

/// The book's synced rows in one order for every book (append-only records come in each
/// book's own order of arrival).
fn snapshot(store: &Store) -> Vec<crm_core::sync::ServerRow> {
    let mut rows = store.synced_rows().unwrap();
    rows.sort_by(|x, y| (x.entity, &x.id).cmp(&(y.entity, &y.id)));
    rows
}

fn new_customer(name: &str, phone: &str) -> NewCustomer {
    NewCustomer::new(
        name,
        ContactInput::new(ContactKind::Mobile, phone),
        SourceChannel::ShowroomWalkIn,
    )
}

fn edit(store: &Store, id: &CustomerId, patch: CustomerPatch) {
    let version = store.get_customer(id).unwrap().version;
    store.update_customer(id, version, &patch).unwrap();
}

fn notes(text: &str) -> CustomerPatch {
    CustomerPatch {
        notes: Some(Some(text.into())),
        ..CustomerPatch::default()
    }
}

fn key_customer() -> CustomerPatch {
    CustomerPatch {
        importance: Some(Importance::Key),
        ..CustomerPatch::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_phones_editing_different_fields_offline_both_keep_their_edit_in_either_order() {
    for phone_a_first in [true, false] {
        let w = world().await;
        let dir = tempfile::tempdir().unwrap();
        // One consultant, two phones (a second token for the same user).
        let second_token = user(&w.db, "c01", Role::Consultant, Some("A")).await;
        let a = book(dir.path(), "a");
        let b = book(dir.path(), "b");
        sync(&a, &w.url, &w.c01).await;
        let id = a
            .create_customer(&new_customer("王芳", "13800138000"))
            .unwrap()
            .id;
        let queued = a.pending_count().unwrap();
        assert!(queued >= 2, "the customer and its contacts: {queued}");
        assert_eq!(sync(&a, &w.url, &w.c01).await.uploaded, queued);
        sync(&b, &w.url, &second_token).await;
        assert_eq!(b.get_customer(&id).unwrap().profile.name, "王芳");
        // Offline: each phone edits its own field.
        edit(&a, &id, notes("想要白色"));
        edit(&b, &id, key_customer());
        if phone_a_first {
            sync(&a, &w.url, &w.c01).await;
            sync(&b, &w.url, &second_token).await;
        } else {
            sync(&b, &w.url, &second_token).await;
            sync(&a, &w.url, &w.c01).await;
        }
        sync(&a, &w.url, &w.c01).await;
        sync(&b, &w.url, &second_token).await;
        for (name, phone) in [("a", &a), ("b", &b)] {
            let c = phone.get_customer(&id).unwrap();
            assert_eq!(c.profile.notes.as_deref(), Some("想要白色"), "{name}");
            assert_eq!(c.profile.importance, Importance::Key, "{name}");
            assert_eq!(c.profile.owner.as_deref(), Some("c01"), "{name}");
            assert_eq!(phone.pending_count().unwrap(), 0, "{name}");
        }
        assert_eq!(snapshot(&a), snapshot(&b));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_field_edited_on_two_phones_ends_as_the_last_write_the_server_accepted() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "a");
    let m = book(dir.path(), "manager");
    sync(&a, &w.url, &w.c01).await;
    let id = a
        .create_customer(&new_customer("李雷", "13900139000"))
        .unwrap()
        .id;
    sync(&a, &w.url, &w.c01).await;
    sync(&m, &w.url, &w.m1).await;
    edit(&a, &id, notes("顾问的备注"));
    edit(&m, &id, notes("经理的备注"));
    sync(&a, &w.url, &w.c01).await; // accepted first
    sync(&m, &w.url, &w.m1).await; // accepted last: wins
    sync(&a, &w.url, &w.c01).await;
    for phone in [&a, &m] {
        let c = phone.get_customer(&id).unwrap();
        assert_eq!(c.profile.notes.as_deref(), Some("经理的备注"));
    }
    // The consultant whose note was replaced sees who changed it in the customer's timeline
    // (timeline entries are append-only: both edits are there).
    let timeline = a.timeline(&id, 50, None).unwrap();
    let edits = timeline
        .records
        .iter()
        .filter(|e| e.entry.code() == "customer_changed")
        .count();
    assert!(edits >= 2, "both edits in the timeline: {edits}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_week_offline_with_two_hundred_changes_syncs_whole_once() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "a");
    let second_token = user(&w.db, "c01", Role::Consultant, Some("A")).await;
    let b = book(dir.path(), "b");
    sync(&a, &w.url, &w.c01).await;
    let mut ids = Vec::new();
    for i in 0..50 {
        let phone = format!("1370000{i:04}");
        ids.push(
            a.create_customer(&new_customer(&format!("客户{i}"), &phone))
                .unwrap()
                .id,
        );
    }
    for round in 0..3 {
        for (i, id) in ids.iter().enumerate() {
            edit(&a, id, notes(&format!("第{round}次 {i}")));
        }
    }
    let queued = a.pending_count().unwrap();
    assert!(queued >= 200, "{queued} changes queued");
    let first = sync(&a, &w.url, &w.c01).await;
    assert_eq!(first.uploaded, queued);
    assert!(first.rejected.is_empty(), "{:?}", first.rejected);
    // Syncing again sends nothing and changes nothing.
    let again = sync(&a, &w.url, &w.c01).await;
    assert_eq!(again.uploaded, 0);
    sync(&b, &w.url, &second_token).await;
    assert_eq!(b.count_customers(true).unwrap(), 50);
    assert_eq!(snapshot(&a), snapshot(&b));
    assert_eq!(
        b.get_customer(&ids[7]).unwrap().profile.notes.as_deref(),
        Some("第2次 7")
    );
}

/// Whether `needle`'s UTF-8 bytes are anywhere in the book's files.
fn files_hold(dir: &Path, name: &str, needle: &str) -> bool {
    ["", "-wal", "-shm"].iter().any(|suffix| {
        std::fs::read(dir.join(format!("{name}.sqlite3{suffix}")))
            .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .unwrap_or(false)
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_consultants_phone_never_holds_another_consultants_customer() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let c01 = book(dir.path(), "c01");
    let c02 = book(dir.path(), "c02");
    let manager = book(dir.path(), "m1");
    sync(&c01, &w.url, &w.c01).await;
    sync(&c02, &w.url, &w.c02).await;
    let mine = c01
        .create_customer(&new_customer("欧阳娜娜", "13511112222"))
        .unwrap()
        .id;
    c02.create_customer(&new_customer("司马相如", "13633334444"))
        .unwrap();
    sync(&c01, &w.url, &w.c01).await;
    sync(&c02, &w.url, &w.c02).await;
    sync(&c01, &w.url, &w.c01).await;
    assert_eq!(c01.count_customers(true).unwrap(), 1);
    assert_eq!(c02.count_customers(true).unwrap(), 1);
    drop(c01);
    assert!(!files_hold(dir.path(), "c01", "司马相如"));
    assert!(!files_hold(dir.path(), "c01", "13633334444"));
    // The manager reassigns c01's customer to c02: it leaves c01's phone, whole.
    sync(&manager, &w.url, &w.m1).await;
    assert_eq!(manager.count_customers(true).unwrap(), 2);
    let version = manager.get_customer(&mine).unwrap().version;
    let reassign = CustomerPatch {
        owner: Some(Some("c02".into())),
        ..CustomerPatch::default()
    };
    manager.update_customer(&mine, version, &reassign).unwrap();
    sync(&manager, &w.url, &w.m1).await;
    let c01 = book(dir.path(), "c01");
    sync(&c01, &w.url, &w.c01).await;
    assert_eq!(c01.count_customers(true).unwrap(), 0);
    assert_eq!(c01.synced_rows().unwrap(), vec![]);
    sync(&c02, &w.url, &w.c02).await;
    assert_eq!(c02.get_customer(&mine).unwrap().profile.name, "欧阳娜娜");
    drop(c01);
    assert!(
        !files_hold(dir.path(), "c01", "13511112222"),
        "the phone digits"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_gone_mid_sync_and_an_upload_sent_twice_lose_nothing_and_double_nothing() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "a");
    let second_token = user(&w.db, "c01", Role::Consultant, Some("A")).await;
    let b = book(dir.path(), "b");
    // A server of its own, stopped in the middle of the phone's work.
    let first = crm_server::bind(&w.db, "127.0.0.1:0").await.unwrap();
    let first_url = format!("http://{}", first.addr);
    let running = tokio::spawn(first.run());
    sync(&a, &first_url, &w.c01).await;
    for i in 0..30 {
        let phone = format!("1371111{i:04}");
        a.create_customer(&new_customer(&format!("重启{i}"), &phone))
            .unwrap();
    }
    running.abort();
    let _ = running.await;
    let queued = a.pending_count().unwrap();
    let (store, url, token) = (a.clone(), first_url.clone(), w.c01.clone());
    let failed = tokio::task::spawn_blocking(move || store.sync(&url, &token))
        .await
        .unwrap();
    assert!(
        matches!(
            failed,
            Err(crm_store::StoreError::Sync { status: None, .. })
        ),
        "{failed:?}"
    );
    assert_eq!(
        a.pending_count().unwrap(),
        queued,
        "nothing lost from the queue"
    );
    // The same upload reaches the server twice (a retry after a lost answer), then the
    // phone syncs through another server process on the same database.
    let upload = a.pending_upload(1000).unwrap();
    let http = reqwest::Client::new();
    for _ in 0..2 {
        let answer = http
            .post(format!("{}/v1/upload", w.url))
            .bearer_auth(&w.c01)
            .json(&upload)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
    }
    let done = sync(&a, &w.url, &w.c01).await;
    assert_eq!(
        done.uploaded, queued,
        "sent again: the server ignores what it has seen"
    );
    assert!(done.rejected.is_empty(), "{:?}", done.rejected);
    sync(&b, &w.url, &second_token).await;
    assert_eq!(b.count_customers(true).unwrap(), 30, "each customer once");
    assert_eq!(snapshot(&a), snapshot(&b));
}

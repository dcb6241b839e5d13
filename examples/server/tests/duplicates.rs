//! One customer, one owner (撞单), through a real server and real books: the same phone
//! registered offline on two phones, the rule that picks who keeps the customer, the
//! managers' queue (merge, reassign, dismiss), who may use it, and the warning a book gives
//! offline from the dealership's hashed keys.

mod common;

use chrono::{Duration, Utc};
use common::{count, user, world, World};
use crm_core::sync::{ClaimResolution, ClaimStatus, DuplicateRule};
use crm_core::{
    ContactInput, ContactKind, CustomerId, FollowUpKind, FollowUpMethod, NewCustomer, NewFollowUp,
    NewVisit, SourceChannel, VisitKind,
};
use crm_server::auth::Role;
use crm_store::{DuplicateHolder, Store, StoreError, SyncSummary};
use std::path::Path;
use std::sync::Arc;

fn book(dir: &Path, name: &str) -> Arc<Store> {
    Arc::new(Store::open(dir.join(format!("{name}.sqlite3"))).unwrap())
}

/// One call off the async runtime the in-process server runs on.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

async fn sync(store: &Arc<Store>, url: &str, token: &str) -> SyncSummary {
    let (store, url, token) = (store.clone(), url.to_owned(), token.to_owned());
    blocking(move || store.sync(&url, &token)).await.unwrap()
}

const PHONE: &str = "13800138000";

/// A new customer with the phone, and a WeChat id of their own.
fn register(store: &Store, name: &str, wechat: &str) -> CustomerId {
    let mut new = NewCustomer::new(
        name,
        ContactInput::new(ContactKind::Mobile, PHONE),
        SourceChannel::ShowroomWalkIn,
    );
    new.contacts
        .push(ContactInput::new(ContactKind::Wechat, wechat));
    let id = store.create_customer(&new).unwrap().id;
    // Registration times a few milliseconds apart, whatever the machine's speed.
    std::thread::sleep(std::time::Duration::from_millis(5));
    id
}

fn follow_up(store: &Store, id: &CustomerId, content: &str) {
    let f = NewFollowUp::new(
        id.clone(),
        FollowUpMethod::Phone,
        FollowUpKind::FirstContact,
        Utc::now() - Duration::minutes(5),
        content,
    );
    store.log_follow_up(id, &f, None).unwrap();
}

fn visit_done(store: &Store, id: &CustomerId, minutes_ago: i64) {
    let at = Utc::now() - Duration::minutes(minutes_ago);
    let v = NewVisit {
        customer_id: id.clone(),
        kind: VisitKind::StoreVisit,
        model: None,
        catalogue_model: None,
        scheduled_at: at,
        consultant: None,
        notes: None,
    };
    let visit = store.schedule_visit(&v, None).unwrap();
    store
        .complete_visit(&visit.id, visit.version, at, None, None)
        .unwrap();
}

fn contents(store: &Store, id: &CustomerId) -> Vec<String> {
    let mut out: Vec<String> = store
        .follow_ups_of(id)
        .unwrap()
        .into_iter()
        .map(|f| f.follow_up.content)
        .collect();
    out.sort();
    out
}

async fn live_with_phone(db: &str) -> i64 {
    count(
        db,
        "SELECT count(*) FROM sync_rows WHERE entity = 'contacts' AND fields::text LIKE '%13800138000%'
           AND customer_id IN (SELECT id FROM sync_rows WHERE entity = 'customers' AND NOT deleted)",
    )
    .await
}

/// c01 and c02 (team A) each register 王芳 offline, c01 first; both sync, in `c01_first`
/// order. Returns the books and both ids.
async fn double_registration(
    w: &World,
    dir: &Path,
    c01_first: bool,
) -> (Arc<Store>, Arc<Store>, CustomerId, CustomerId, SyncSummary) {
    let a = book(dir, "c01");
    let b = book(dir, "c02");
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    let kept = register(&a, "王芳", "wangfang_a");
    follow_up(&a, &kept, "c01 的跟进");
    let claim = register(&b, "王芳", "wangfang_b");
    follow_up(&b, &claim, "c02 的跟进");
    let second = if c01_first {
        sync(&a, &w.url, &w.c01).await;
        sync(&b, &w.url, &w.c02).await
    } else {
        sync(&b, &w.url, &w.c02).await;
        sync(&a, &w.url, &w.c01).await
    };
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    (a, b, kept, claim, second)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_phone_registered_offline_on_two_phones_leaves_one_customer_and_a_claim() {
    for c01_first in [true, false] {
        let w = world().await;
        let dir = tempfile::tempdir().unwrap();
        let (a, b, kept, claim, second) = double_registration(&w, dir.path(), c01_first).await;
        assert_eq!(live_with_phone(&w.db).await, 1, "c01_first={c01_first}");
        // The first registered (c01's) keeps the customer, whichever synced first.
        assert_eq!(a.get_customer(&kept).unwrap().profile.name, "王芳");
        assert!(matches!(
            b.get_customer(&claim),
            Err(StoreError::NotFound { .. })
        ));
        assert_eq!(contents(&a, &kept), vec!["c01 的跟进"]);
        assert!(
            b.synced_rows().unwrap().is_empty(),
            "c02's book holds nothing of either record"
        );
        if c01_first {
            // The later device is told at once why, naming the owner and nothing else.
            let reasons: Vec<&str> = second.rejected.iter().map(|r| r.reason.as_str()).collect();
            assert!(
                reasons.contains(&"duplicate: 王芳 is c01 的名字's (c01) customer"),
                "{reasons:?}"
            );
            assert!(reasons.iter().all(|r| !r.contains(PHONE)));
        } else {
            // c02's record had synced before c01's earlier one arrived: set aside later,
            // it leaves c02's book with a notice naming the owner, not silently.
            let told = b.sync_rejections().unwrap();
            assert_eq!(told.len(), 1, "{told:?}");
            assert_eq!(told[0].kind, crm_store::RejectionKind::SetAside);
            assert_eq!(told[0].id, claim.as_str());
            assert_eq!(
                told[0].reason,
                "duplicate: 王芳 is c01 的名字's (c01) customer"
            );
            // Downloading again tells nothing new.
            sync(&b, &w.url, &w.c02).await;
            assert_eq!(b.sync_rejections().unwrap().len(), 1);
            b.dismiss_rejection(told[0].op_id).unwrap();
            assert!(b.sync_rejections().unwrap().is_empty());
        }
        // The claim waits in the queue, its rows kept under it on the server.
        assert_eq!(
            count(
                &w.db,
                &format!(
                    "SELECT count(*) FROM duplicate_claims WHERE customer_id = '{}'
                       AND owner_customer_id = '{}' AND claimant = 'c02' AND status = 'open'",
                    claim.0, kept.0
                )
            )
            .await,
            1
        );
        assert_eq!(
            count(
                &w.db,
                &format!(
                    "SELECT count(*) FROM sync_rows WHERE entity = 'follow_ups'
                       AND customer_id = '{}' AND NOT deleted",
                    claim.0
                )
            )
            .await,
            1,
            "c02's follow-up went with the claim"
        );
        // Nothing left to upload on either phone.
        assert_eq!(a.pending_count().unwrap(), 0);
        assert_eq!(b.pending_count().unwrap(), 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_the_first_visit_rule_the_record_with_a_visit_keeps_the_customer() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    crm_server::sync::contact_keys::set_rule(
        &common::connect(&w.db).await,
        DuplicateRule::FirstVisit,
    )
    .await
    .unwrap();
    let a = book(dir.path(), "c01");
    let b = book(dir.path(), "c02");
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    // c01 registers first but never sees the customer in the showroom; c02 does.
    let first = register(&a, "王芳", "wangfang_a");
    let visited = register(&b, "王芳", "wangfang_b");
    visit_done(&b, &visited, 30);
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    sync(&a, &w.url, &w.c01).await;
    assert_eq!(live_with_phone(&w.db).await, 1);
    assert_eq!(b.get_customer(&visited).unwrap().profile.name, "王芳");
    assert!(matches!(
        a.get_customer(&first),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        count(
            &w.db,
            &format!(
                "SELECT count(*) FROM duplicate_claims WHERE customer_id = '{}' AND claimant = 'c01'",
                first.0
            )
        )
        .await,
        1
    );
}

async fn claims(store: &Arc<Store>, url: &str, token: &str) -> Vec<crm_core::sync::DuplicateClaim> {
    let (store, url, token) = (store.clone(), url.to_owned(), token.to_owned());
    blocking(move || store.duplicate_claims(&url, &token))
        .await
        .unwrap()
}

async fn resolve(
    store: &Arc<Store>,
    url: &str,
    token: &str,
    id: u64,
    how: ClaimResolution,
) -> Result<crm_core::sync::DuplicateClaim, StoreError> {
    let (store, url, token) = (store.clone(), url.to_owned(), token.to_owned());
    blocking(move || store.resolve_duplicate_claim(&url, &token, id, how)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_managers_queue_merges_a_claim_keeping_the_history_of_both() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (a, _b, kept, claim, _) = double_registration(&w, dir.path(), true).await;
    let m = book(dir.path(), "m1");
    sync(&m, &w.url, &w.m1).await;
    let queue = claims(&m, &w.url, &w.m1).await;
    assert_eq!(queue.len(), 1);
    let c = &queue[0];
    assert_eq!(
        (
            c.customer_id.as_str(),
            c.customer_name.as_str(),
            c.claimant.as_str(),
            c.owner_customer_id.as_str(),
            c.owner_customer_name.as_str(),
            c.owner.as_deref(),
            c.contact_kind.as_str(),
            c.status
        ),
        (
            claim.0.as_str(),
            "王芳",
            "c02",
            kept.0.as_str(),
            "王芳",
            Some("c01"),
            "mobile",
            ClaimStatus::Open
        )
    );
    let settled = resolve(&m, &w.url, &w.m1, c.id, ClaimResolution::Merge)
        .await
        .unwrap();
    assert_eq!(settled.status, ClaimStatus::Merged);
    assert_eq!(settled.resolved_by.as_deref(), Some("m1"));
    assert!(claims(&m, &w.url, &w.m1).await.is_empty());
    // Settled once: again is a conflict.
    let again = resolve(&m, &w.url, &w.m1, c.id, ClaimResolution::Dismiss).await;
    assert!(
        matches!(
            again,
            Err(StoreError::Sync {
                status: Some(409),
                ..
            })
        ),
        "{again:?}"
    );
    // c01 keeps the customer with both histories and both WeChat ids.
    sync(&a, &w.url, &w.c01).await;
    assert_eq!(contents(&a, &kept), vec!["c01 的跟进", "c02 的跟进"]);
    let customer = a.get_customer(&kept).unwrap();
    assert_eq!(customer.profile.owner.as_deref(), Some("c01"));
    let keys: Vec<&str> = customer
        .profile
        .contacts
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    assert!(
        keys.contains(&"wangfang_a") && keys.contains(&"wangfang_b"),
        "{keys:?}"
    );
    // The manager's book has them too.
    sync(&m, &w.url, &w.m1).await;
    assert_eq!(contents(&m, &kept), vec!["c01 的跟进", "c02 的跟进"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reassigning_gives_the_merged_customer_to_the_claimant() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (a, b, kept, _claim, _) = double_registration(&w, dir.path(), true).await;
    let m = book(dir.path(), "m1");
    sync(&m, &w.url, &w.m1).await;
    let id = claims(&m, &w.url, &w.m1).await[0].id;
    let settled = resolve(&m, &w.url, &w.m1, id, ClaimResolution::Reassign)
        .await
        .unwrap();
    assert_eq!(settled.status, ClaimStatus::Reassigned);
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    assert!(matches!(
        a.get_customer(&kept),
        Err(StoreError::NotFound { .. })
    ));
    let customer = b.get_customer(&kept).unwrap();
    assert_eq!(customer.profile.owner.as_deref(), Some("c02"));
    assert_eq!(contents(&b, &kept), vec!["c01 的跟进", "c02 的跟进"]);
    assert_eq!(live_with_phone(&w.db).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dismissing_leaves_the_owner_as_they_were_and_the_claim_set_aside() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (a, b, kept, claim, _) = double_registration(&w, dir.path(), true).await;
    let m = book(dir.path(), "m1");
    sync(&m, &w.url, &w.m1).await;
    let id = claims(&m, &w.url, &w.m1).await[0].id;
    let settled = resolve(&m, &w.url, &w.m1, id, ClaimResolution::Dismiss)
        .await
        .unwrap();
    assert_eq!(settled.status, ClaimStatus::Dismissed);
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    assert_eq!(contents(&a, &kept), vec!["c01 的跟进"]);
    assert!(b.synced_rows().unwrap().is_empty());
    assert!(claims(&m, &w.url, &w.m1).await.is_empty());
    assert_eq!(
        count(
            &w.db,
            &format!(
                "SELECT count(*) FROM sync_rows WHERE entity = 'customers' AND id = '{}' AND deleted",
                claim.0
            )
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_the_claimants_managers_and_admins_handle_the_queue() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (a, _b, _kept, _claim, _) = double_registration(&w, dir.path(), true).await;
    // A consultant's book refuses before asking.
    let refused = {
        let (a, url, token) = (a.clone(), w.url.clone(), w.c01.clone());
        blocking(move || a.duplicate_claims(&url, &token)).await
    };
    assert!(
        matches!(&refused, Err(StoreError::Forbidden(f))
            if f.action == crm_core::team::Permission::ResolveDuplicates),
        "{refused:?}"
    );
    let refused = resolve(&a, "http://127.0.0.1:9", &w.c01, 1, ClaimResolution::Merge).await;
    assert!(
        matches!(refused, Err(StoreError::Forbidden(_))),
        "{refused:?}"
    );
    // A book that never synced asks, and the server refuses the consultant.
    let fresh = book(dir.path(), "fresh");
    let refused = {
        let (fresh, url, token) = (fresh.clone(), w.url.clone(), w.c01.clone());
        blocking(move || fresh.duplicate_claims(&url, &token)).await
    };
    assert!(
        matches!(
            refused,
            Err(StoreError::Sync {
                status: Some(403),
                ..
            })
        ),
        "{refused:?}"
    );
    let refused = resolve(&fresh, &w.url, &w.c02, 1, ClaimResolution::Merge).await;
    assert!(
        matches!(
            refused,
            Err(StoreError::Sync {
                status: Some(403),
                ..
            })
        ),
        "{refused:?}"
    );
    // Another team's manager sees none of it and may not settle it.
    let m2 = user(&w.db, "m2", Role::Manager, Some("B")).await;
    let other = book(dir.path(), "m2");
    assert!(claims(&other, &w.url, &m2).await.is_empty());
    let id = claims(&other, &w.url, &w.a1).await[0].id;
    let refused = resolve(&other, &w.url, &m2, id, ClaimResolution::Merge).await;
    assert!(
        matches!(
            refused,
            Err(StoreError::Sync {
                status: Some(403),
                ..
            })
        ),
        "{refused:?}"
    );
    let unknown = resolve(&other, &w.url, &w.a1, 999, ClaimResolution::Merge).await;
    assert!(
        matches!(
            unknown,
            Err(StoreError::Sync {
                status: Some(404),
                ..
            })
        ),
        "{unknown:?}"
    );
    // An admin handles every claim.
    assert_eq!(claims(&other, &w.url, &w.a1).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_book_warns_offline_of_a_phone_registered_to_another_consultant() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "c01");
    let c = book(dir.path(), "c03");
    sync(&a, &w.url, &w.c01).await;
    let id = register(&a, "王芳", "wangfang_a");
    sync(&a, &w.url, &w.c01).await;
    let summary = sync(&c, &w.url, &w.c03).await;
    assert!(summary.keys >= 2, "{summary:?}");
    // Offline now: c03's book holds no customer, only hashes.
    assert!(c.synced_rows().unwrap().is_empty());
    let found = c
        .check_duplicates(&[
            ContactInput::new(ContactKind::Mobile, "13900139000"),
            ContactInput::new(ContactKind::Mobile, "+86 138 0013 8000"),
            ContactInput::new(ContactKind::Wechat, "WangFang_A"),
        ])
        .unwrap();
    let holders: Vec<(&str, &DuplicateHolder)> = found
        .iter()
        .map(|d| (d.field.as_str(), &d.holder))
        .collect();
    assert_eq!(
        holders,
        vec![
            ("contacts[1].value", &DuplicateHolder::AnotherConsultant),
            ("contacts[2].value", &DuplicateHolder::AnotherConsultant),
        ]
    );
    // The owner's own book names the customer instead.
    let own = a
        .check_duplicates(&[ContactInput::new(ContactKind::Mobile, PHONE)])
        .unwrap();
    assert_eq!(own[0].holder, DuplicateHolder::Customer(id.clone()));
    // A released key stops warning after the next sync.
    a.delete_customer(&id).unwrap();
    sync(&a, &w.url, &w.c01).await;
    sync(&c, &w.url, &w.c03).await;
    assert!(c
        .check_duplicates(&[ContactInput::new(ContactKind::Mobile, PHONE)])
        .unwrap()
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_and_queue_endpoints_name_a_bad_parameter() {
    let w = world().await;
    let device = common::Device::new(&w.url, &w.m1, "m1-phone");
    for (path, field) in [
        ("/v1/contact-keys?limit=0", "limit"),
        ("/v1/contact-keys?limit=10001", "limit"),
        ("/v1/contact-keys?since=-1", "since"),
        ("/v1/contact-keys?checkpoint=1", "checkpoint"),
    ] {
        let (status, body) = device.get(path).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (400, Some(field)),
            "{path}: {body}"
        );
    }
    let (status, body) = device.get("/v1/contact-keys?since=0&limit=1").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["changes"], serde_json::json!([]));
    assert_eq!(
        (body["through"].as_u64(), body["has_more"].as_bool()),
        (Some(0), Some(false))
    );
    let (status, body) = device
        .post_json("/v1/duplicates/x/merge", &serde_json::json!({}))
        .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (400, Some("id")),
        "{body}"
    );
    let (status, _) = device
        .post_json("/v1/duplicates/1/keep", &serde_json::json!({}))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_gives_customers_stored_before_the_keys_their_keys() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "c01");
    sync(&a, &w.url, &w.c01).await;
    let id = register(&a, "王芳", "wangfang_a");
    sync(&a, &w.url, &w.c01).await;
    let mut client = common::connect(&w.db).await;
    client
        .execute("DELETE FROM contact_keys", &[])
        .await
        .unwrap();
    crm_server::db::schema::init(&mut client).await.unwrap();
    let held = format!(
        "SELECT count(*) FROM contact_keys WHERE customer_id = '{}'",
        id.0
    );
    assert_eq!(count(&w.db, &held).await, 2, "the phone and the WeChat id");
    crm_server::db::schema::init(&mut client).await.unwrap();
    assert_eq!(
        count(&w.db, "SELECT count(*) FROM contact_keys").await,
        2,
        "idempotent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_the_first_visit_rule_the_earlier_visit_wins_when_both_have_one() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    crm_server::sync::contact_keys::set_rule(
        &common::connect(&w.db).await,
        DuplicateRule::FirstVisit,
    )
    .await
    .unwrap();
    let a = book(dir.path(), "c01");
    let b = book(dir.path(), "c02");
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    // c01 registers first and syncs first, but c02's customer came to the showroom earlier.
    let first = register(&a, "王芳", "wangfang_a");
    visit_done(&a, &first, 10);
    let earlier = register(&b, "王芳", "wangfang_b");
    visit_done(&b, &earlier, 60);
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    sync(&a, &w.url, &w.c01).await;
    assert!(b.get_customer(&earlier).is_ok());
    assert!(matches!(
        a.get_customer(&first),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(live_with_phone(&w.db).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_consultants_two_records_with_one_phone_are_not_a_claim() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "c01");
    sync(&a, &w.url, &w.c01).await;
    let first = register(&a, "王芳", "wangfang_a");
    let mut twin = NewCustomer::new(
        "王芳的先生",
        ContactInput::new(ContactKind::Mobile, PHONE),
        SourceChannel::ShowroomWalkIn,
    );
    twin.contacts
        .push(ContactInput::new(ContactKind::Wechat, "husband_wang"));
    let second = a
        .create_customer_with(
            &twin,
            crm_store::WriteOptions {
                allow_duplicates: true,
            },
        )
        .unwrap()
        .id;
    let done = sync(&a, &w.url, &w.c01).await;
    assert!(done.rejected.is_empty(), "{:?}", done.rejected);
    assert!(a.get_customer(&first).is_ok() && a.get_customer(&second).is_ok());
    assert_eq!(
        count(&w.db, "SELECT count(*) FROM duplicate_claims").await,
        0
    );
    // The phone stays with the first; the second holds its own WeChat id.
    let held = |id: &CustomerId| {
        format!(
            "SELECT count(*) FROM contact_keys WHERE customer_id = '{}'",
            id.0
        )
    };
    assert_eq!(count(&w.db, &held(&first)).await, 2);
    assert_eq!(count(&w.db, &held(&second)).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_merge_fills_the_kept_customers_gaps_and_says_so_in_its_timeline() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let a = book(dir.path(), "c01");
    let b = book(dir.path(), "c02");
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    let kept = register(&a, "王芳", "wangfang_a");
    let claim = register(&b, "王芳", "wangfang_b");
    let patch = crm_core::CustomerPatch {
        notes: Some(Some("想要白色途观L".into())),
        occupation: Some(Some("医生".into())),
        ..crm_core::CustomerPatch::default()
    };
    let patch_kept_later = crm_core::CustomerPatch {
        importance: Some(crm_core::Importance::Key),
        ..crm_core::CustomerPatch::default()
    };
    b.update_customer(&claim, 1, &patch).unwrap();
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    let m = book(dir.path(), "m1");
    sync(&m, &w.url, &w.m1).await;
    let id = claims(&m, &w.url, &w.m1).await[0].id;
    resolve(&m, &w.url, &w.m1, id, ClaimResolution::Merge)
        .await
        .unwrap();
    sync(&a, &w.url, &w.c01).await;
    let customer = a.get_customer(&kept).unwrap();
    assert_eq!(customer.profile.notes.as_deref(), Some("想要白色途观L"));
    assert_eq!(customer.profile.occupation.as_deref(), Some("医生"));
    assert_eq!(customer.profile.owner.as_deref(), Some("c01"));
    let merged = a
        .timeline(&kept, 50, None)
        .unwrap()
        .records
        .into_iter()
        .find(|r| matches!(r.entry, crm_core::TimelineEntry::Merged { .. }))
        .expect("a merged entry in the kept customer's timeline");
    assert_eq!(
        merged.entry,
        crm_core::TimelineEntry::Merged {
            absorbed: claim.clone(),
            absorbed_name: "王芳".into(),
        }
    );
    assert_eq!(merged.author.as_deref(), Some("m1"));
    // The kept customer's later edits still apply on top of the merge.
    let version = customer.version;
    a.update_customer(&kept, version, &patch_kept_later)
        .unwrap();
    let summary = sync(&a, &w.url, &w.c01).await;
    assert!(summary.rejected.is_empty(), "{summary:?}");
}

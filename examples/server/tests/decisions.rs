//! Deciding lost and dormant requests is a manager's: a consultant's approval is refused by
//! their own book and, if it gets past it, by the server; a manager's comes down to the
//! consultant. A never-synced book's history is accepted as history.

mod common;

use common::*;
use crm_core::sync::SyncEntity::*;
use crm_core::sync::UserRole;
use crm_core::team::Permission;
use crm_core::{
    ContactInput, ContactKind, LostReason, LostRequest, NewCustomer, PipelineStatus, SourceChannel,
    Stage,
};
use crm_store::{Store, StoreError};
use serde_json::json;
use std::sync::Arc;

fn approve_move(customer: &str, actor: &str) -> serde_json::Value {
    json!({"customer_id": customer, "seq": 3, "kind": "approve",
           "from_status": "lost_requested", "to_status": "lost", "stage": "negotiating",
           "at": 1_796_000_000_000_i64, "actor": actor})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_deciding_their_own_request_is_refused_by_the_server() {
    let w = world().await;
    let phone = Device::new(&w.url, &w.c01, "phone-1");
    let created = phone
        .upload(vec![phone.put(
            Customers,
            "k1",
            json!({"name": "王芳", "pipeline_status": "lost_requested"}),
        )])
        .await;
    assert!(created.rejected.is_empty(), "{created:?}");
    let decided = phone
        .upload(vec![
            phone.put(StageMoves, "m-1", approve_move("k1", "c01")),
            phone.put(Customers, "k1", json!({"pipeline_status": "lost"})),
        ])
        .await;
    assert_eq!(decided.rejected.len(), 2, "{decided:?}");
    for rejection in &decided.rejected {
        assert_eq!(
            rejection.reason,
            "forbidden: c01 (consultant) may not decide lost and dormant requests"
        );
    }
    assert_eq!(
        stored_fields(&w.db, "customers", "k1").await.unwrap()["pipeline_status"],
        "lost_requested"
    );
    assert_eq!(stored_fields(&w.db, "stage_moves", "m-1").await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_decides_in_their_own_name_and_an_admin_for_anyone() {
    let w = world().await;
    let phone = Device::new(&w.url, &w.c01, "phone-1");
    phone
        .upload(vec![phone.put(
            Customers,
            "k1",
            json!({"name": "王芳", "pipeline_status": "lost_requested"}),
        )])
        .await;
    let manager = Device::new(&w.url, &w.m1, "desk-1");
    let in_another_name = manager
        .upload(vec![manager.put(
            StageMoves,
            "m-1",
            approve_move("k1", "m9"),
        )])
        .await;
    assert_eq!(
        in_another_name.rejected[0].reason,
        "forbidden: m1 (manager) may not act in another user's name: acting as m9"
    );
    let approved = manager
        .upload(vec![
            manager.put(StageMoves, "m-1", approve_move("k1", "m1")),
            manager.put(Customers, "k1", json!({"pipeline_status": "lost"})),
        ])
        .await;
    assert!(approved.rejected.is_empty(), "{approved:?}");
    let admin = Device::new(&w.url, &w.a1, "admin-1");
    let for_m1 = admin
        .upload(vec![admin.put(StageMoves, "m-2", approve_move("k1", "m1"))])
        .await;
    assert!(for_m1.rejected.is_empty(), "{for_m1:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_never_synced_books_history_is_accepted_but_not_a_new_decision() {
    let w = world().await;
    let phone = Device::new(&w.url, &w.c01, "phone-1");
    // The customer as it stands (lost, decided locally before the book had a user), then
    // the move that recorded it.
    let history = phone
        .upload(vec![
            phone.put(
                Customers,
                "k1",
                json!({"name": "王芳", "pipeline_status": "lost"}),
            ),
            phone.put(StageMoves, "m-1", approve_move("k1", "m0")),
        ])
        .await;
    assert!(history.rejected.is_empty(), "{history:?}");
    // A customer the server holds as requested: a consultant's approval is a decision.
    phone
        .upload(vec![phone.put(
            Customers,
            "k2",
            json!({"name": "李雷", "pipeline_status": "dormant_requested"}),
        )])
        .await;
    let decided = phone
        .upload(vec![phone.put(
            StageMoves,
            "m-2",
            json!({"customer_id": "k2", "seq": 2, "kind": "approve",
                   "from_status": "dormant_requested", "to_status": "dormant",
                   "stage": "contacted", "at": 1_796_000_000_000_i64, "actor": "c01"}),
        )])
        .await;
    assert_eq!(decided.rejected.len(), 1, "{decided:?}");
}

fn walk_in(name: &str, phone: &str) -> NewCustomer {
    NewCustomer::new(
        name,
        ContactInput::new(ContactKind::Mobile, phone),
        SourceChannel::ShowroomWalkIn,
    )
}

async fn sync(store: &Arc<Store>, url: &str, token: &str) {
    let (store, url, token) = (store.clone(), url.to_owned(), token.to_owned());
    let summary = tokio::task::spawn_blocking(move || store.sync(&url, &token))
        .await
        .unwrap()
        .unwrap();
    assert!(summary.rejected.is_empty(), "{summary:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_consultants_phone_refuses_and_the_managers_approval_comes_down() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let phone = Arc::new(Store::open(dir.path().join("phone.sqlite3")).unwrap());
    let desk = Arc::new(Store::open(dir.path().join("desk.sqlite3")).unwrap());
    sync(&phone, &w.url, &w.c01).await;
    assert_eq!(
        phone.sync_user().unwrap().map(|u| u.role),
        Some(UserRole::Consultant)
    );
    let id = phone
        .create_customer(&walk_in("王芳", "13800138000"))
        .unwrap()
        .id;
    phone.advance_stage(&id, Stage::Negotiating, None).unwrap();
    let lost = LostRequest {
        reason: LostReason::Price,
        competitor: None,
        note: None,
    };
    phone.request_lost(&id, &lost, None).unwrap();
    match phone.approve_request(&id, "c01").unwrap_err() {
        StoreError::Forbidden(refused) => assert_eq!(refused.action, Permission::DecideRequest),
        other => panic!("{other:?}"),
    }
    sync(&phone, &w.url, &w.c01).await;
    sync(&desk, &w.url, &w.m1).await;
    let pending = desk.pending_requests(None).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].requested_by.as_deref(), Some("c01"));
    desk.approve_request(&id, "m1").unwrap();
    sync(&desk, &w.url, &w.m1).await;
    sync(&phone, &w.url, &w.c01).await;
    assert_eq!(
        phone.pipeline_state(&id).unwrap().status(),
        PipelineStatus::Lost
    );
    let decided_by = phone.stage_history(&id).unwrap().pop().unwrap().actor;
    assert_eq!(decided_by.as_deref(), Some("m1"));
}

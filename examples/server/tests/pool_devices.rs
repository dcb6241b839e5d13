//! The public pool with real books through a real server: two phones claiming the same
//! customer offline, a claim refused on the phone before it is tried, a release with its
//! reason in the timeline, and a manager's transfer of a consultant's whole book with the
//! open plans following and the old phone evicting.

mod common;

use common::books::{book, sync};

use chrono::{Duration, Utc};
use common::{connect, world};
use crm_core::pool::{PoolRules, TransferRequest};
use crm_core::{
    ContactInput, ContactKind, CustomerId, FollowUpMethod, NewCustomer, NewPlan, PlanTime,
    SourceChannel, TimelineEntry,
};
use crm_server::pool::rules::set_team_rules;
use crm_store::{Store, StoreError};
use std::sync::Arc;

fn new_customer(name: &str, phone: &str) -> NewCustomer {
    NewCustomer::new(
        name,
        ContactInput::new(ContactKind::Mobile, phone),
        SourceChannel::ShowroomWalkIn,
    )
}

/// Customers the manager's book puts in the pool (entered, then released), synced.
async fn pool_customers(m: &Arc<Store>, url: &str, token: &str, n: usize) -> Vec<CustomerId> {
    let mut ids = Vec::new();
    for i in 0..n {
        let id = m
            .create_customer(&new_customer(
                &format!("公海{i}"),
                &format!("1390000{i:04}"),
            ))
            .unwrap()
            .id;
        m.release_customer(&id, None).unwrap();
        ids.push(id);
    }
    sync(m, url, token).await;
    ids
}

fn is_forbidden(e: &StoreError) -> bool {
    matches!(e, StoreError::Forbidden(_))
}

fn is_refused_claim(e: &StoreError) -> bool {
    matches!(e, StoreError::ClaimRefused(_))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_phones_claiming_offline_both_sync_and_exactly_one_owns_the_customer() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (m, a, b) = (
        book(dir.path(), "m"),
        book(dir.path(), "a"),
        book(dir.path(), "b"),
    );
    let id = pool_customers(&m, &w.url, &w.m1, 1).await.remove(0);
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c02).await;
    let masked = a.get_customer(&id).unwrap();
    assert_eq!(masked.profile.owner, None);
    assert_eq!(masked.profile.contacts[0].value, "139****0000");
    // Offline, both claim.
    a.claim_customer(&id).unwrap();
    b.claim_customer(&id).unwrap();
    let first = sync(&a, &w.url, &w.c01).await;
    assert!(first.rejected.is_empty(), "{:?}", first.rejected);
    let second = sync(&b, &w.url, &w.c02).await;
    let reasons: Vec<&str> = second
        .rejected
        .iter()
        .filter(|r| r.entity == crm_core::sync::SyncEntity::Customers)
        .map(|r| r.reason.as_str())
        .collect();
    assert_eq!(reasons, ["forbidden: claimed by c01 的名字 (c01)"]);
    sync(&b, &w.url, &w.c02).await;
    assert!(
        matches!(b.get_customer(&id), Err(StoreError::NotFound { .. })),
        "the loser's phone no longer holds the customer"
    );
    let won = a.get_customer(&id).unwrap();
    assert_eq!(won.profile.owner.as_deref(), Some("c01"));
    assert_eq!(
        won.profile.contacts[0].value, "13900000000",
        "the owner's phone gets the contacts whole"
    );
    assert_eq!(b.pending_count().unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_claim_over_the_daily_limit_is_refused_on_the_phone_before_it_is_tried() {
    let w = world().await;
    set_team_rules(
        &connect(&w.db).await,
        "A",
        &PoolRules {
            daily_claim_limit: 1,
            ..PoolRules::default()
        },
        Utc::now(),
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (m, a) = (book(dir.path(), "m"), book(dir.path(), "a"));
    let ids = pool_customers(&m, &w.url, &w.m1, 2).await;
    sync(&a, &w.url, &w.c01).await;
    assert_eq!(a.pool_status().unwrap().rules.daily_claim_limit, 1);
    assert_eq!(a.pool_customers(10, None).unwrap().customers.len(), 2);
    a.claim_customer(&ids[0]).unwrap();
    let queued = a.pending_count().unwrap();
    let refused = a.claim_customer(&ids[1]).unwrap_err();
    assert!(is_refused_claim(&refused), "{refused:?}");
    assert!(
        refused.to_string().contains("daily claim limit 1 reached"),
        "{refused}"
    );
    assert_eq!(a.pending_count().unwrap(), queued, "nothing queued");
    assert_eq!(a.get_customer(&ids[1]).unwrap().profile.owner, None);
    // After the sync, the server's count says the same.
    sync(&a, &w.url, &w.c01).await;
    assert_eq!(a.pool_status().unwrap().standing.claims.len(), 1);
    assert!(is_refused_claim(&a.claim_customer(&ids[1]).unwrap_err()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_release_keeps_its_reason_in_the_timeline_and_the_consultant_waits_to_claim_back() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (m, a) = (book(dir.path(), "m"), book(dir.path(), "a"));
    sync(&a, &w.url, &w.c01).await;
    let id = a
        .create_customer(&new_customer("退回", "13700137000"))
        .unwrap()
        .id;
    sync(&a, &w.url, &w.c01).await;
    let other = m
        .create_customer(&new_customer("别人", "13700137001"))
        .unwrap()
        .id;
    m.assign_customer(&other, "c02").unwrap();
    sync(&m, &w.url, &w.m1).await;
    sync(&a, &w.url, &w.c01).await;
    assert!(
        a.release_customer(&id, Some("外地\n购车")).is_err(),
        "a reason is one line"
    );
    a.release_customer(&id, Some("客户已在外地购车")).unwrap();
    let refused = a.claim_customer(&id).unwrap_err();
    assert!(
        refused.to_string().contains("released from you at"),
        "{refused}"
    );
    sync(&a, &w.url, &w.c01).await;
    // Now a pool customer on the consultant's phone, masked, and still refused.
    assert_eq!(a.get_customer(&id).unwrap().profile.owner, None);
    assert!(a
        .claim_customer(&id)
        .unwrap_err()
        .to_string()
        .contains("claim again after"));
    sync(&m, &w.url, &w.m1).await;
    let timeline = m.timeline(&id, 50, None).unwrap();
    assert!(
        timeline.records.iter().any(|e| e.entry
            == TimelineEntry::ReleasedToPool {
                reason: Some("客户已在外地购车".into())
            }
            && e.actor.as_deref() == Some("c01")),
        "{timeline:?}"
    );
    // A consultant neither assigns nor transfers.
    assert!(is_forbidden(&a.assign_customer(&id, "c01").unwrap_err()));
    let request = TransferRequest {
        to: "c01".into(),
        all_of: Some("c02".into()),
        ..TransferRequest::default()
    };
    let (a2, url, token) = (a.clone(), w.url.clone(), w.c01.clone());
    let refused =
        tokio::task::spawn_blocking(move || a2.transfer_customers(&url, &token, &request))
            .await
            .unwrap()
            .unwrap_err();
    assert!(is_forbidden(&refused), "{refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_transfer_of_a_whole_book_moves_the_customers_and_their_open_plans() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (m, old, new) = (
        book(dir.path(), "m"),
        book(dir.path(), "old"),
        book(dir.path(), "new"),
    );
    sync(&old, &w.url, &w.c01).await;
    sync(&new, &w.url, &w.c02).await;
    let day = (Utc::now() + Duration::days(2)).date_naive();
    let mut ids = Vec::new();
    for i in 0..3 {
        let id = old
            .create_customer(&new_customer(
                &format!("转移{i}"),
                &format!("1360000{i:04}"),
            ))
            .unwrap()
            .id;
        old.set_plan(&NewPlan {
            customer_id: id.clone(),
            time: PlanTime::OnDate(day),
            method: FollowUpMethod::Phone,
            purpose: "回访".into(),
            content: None,
        })
        .unwrap();
        ids.push(id);
    }
    sync(&old, &w.url, &w.c01).await;
    sync(&m, &w.url, &w.m1).await;
    let request = TransferRequest {
        to: "c02".into(),
        all_of: Some("c01".into()),
        ..TransferRequest::default()
    };
    let (m2, url, token) = (m.clone(), w.url.clone(), w.m1.clone());
    let result = tokio::task::spawn_blocking(move || m2.transfer_customers(&url, &token, &request))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((result.transferred, result.unchanged), (3, 0));
    assert!(result.refused.is_empty());
    assert_eq!(
        m.get_customer(&ids[0]).unwrap().profile.owner.as_deref(),
        Some("c02"),
        "the manager's book synced after the transfer"
    );
    // The old phone evicts them at its next sync; the new one has them and their plans.
    sync(&old, &w.url, &w.c01).await;
    for id in &ids {
        assert!(matches!(
            old.get_customer(id),
            Err(StoreError::NotFound { .. })
        ));
    }
    sync(&new, &w.url, &w.c02).await;
    let agenda = new.agenda(Some("c02"), day).unwrap();
    for id in &ids {
        assert_eq!(
            new.get_customer(id).unwrap().profile.owner.as_deref(),
            Some("c02")
        );
        assert!(
            agenda.iter().any(|item| &item.customer_id == id),
            "{agenda:?}"
        );
    }
    assert!(old.agenda(Some("c01"), day).unwrap().is_empty());
    // The history stays: the entries written on the old owner's phone are there.
    assert!(new
        .timeline(&ids[0], 50, None)
        .unwrap()
        .records
        .iter()
        .any(|e| e.entry == TimelineEntry::CustomerCreated));
}

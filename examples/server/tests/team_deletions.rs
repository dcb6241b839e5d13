//! The deletions log and the team, through a real server: a consultant's deletions and
//! merges reach the server at sync and a manager of the team reads them (who, which device,
//! when, no personal data); another team's manager and a consultant do not.

mod common;

use common::books::{book, sync};
use common::{user, world};
use crm_core::audit::{DeletedEntity, DeletionKind};
use crm_core::{ContactInput, ContactKind, NewCustomer, SourceChannel};
use crm_server::auth::Role;
use crm_store::{Store, StoreError};
use std::sync::Arc;

fn new_customer(name: &str, phone: &str) -> NewCustomer {
    NewCustomer::new(
        name,
        ContactInput::new(ContactKind::Mobile, phone),
        SourceChannel::ShowroomWalkIn,
    )
}

async fn team_deletions(
    store: &Arc<Store>,
    url: &str,
    token: &str,
) -> Result<Vec<crm_core::audit::Deletion>, StoreError> {
    let (store, url, token) = (store.clone(), url.to_owned(), token.to_owned());
    tokio::task::spawn_blocking(move || store.team_deletions(&url, &token, 100))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_consultants_deletions_reach_the_teams_manager() {
    let w = world().await;
    let m2 = user(&w.db, "m2", Role::Manager, Some("B")).await;
    let dir = tempfile::tempdir().unwrap();
    let (a, m) = (book(dir.path(), "a"), book(dir.path(), "m"));
    sync(&a, &w.url, &w.c01).await;
    sync(&m, &w.url, &w.m1).await;
    let gone = a
        .create_customer(&new_customer("王芳", "13800138000"))
        .unwrap();
    let kept = a
        .create_customer(&new_customer("欧阳明", "13900139000"))
        .unwrap();
    let merged = a
        .create_customer(&new_customer("欧阳明", "13700137000"))
        .unwrap();
    sync(&a, &w.url, &w.c01).await;
    a.delete_customer(&gone.id).unwrap();
    a.merge_customers(&kept.id, kept.version, &merged.id, merged.version)
        .unwrap();
    sync(&a, &w.url, &w.c01).await;
    // A second sync sends nothing again.
    sync(&a, &w.url, &w.c01).await;

    let list = team_deletions(&m, &w.url, &w.m1).await.unwrap();
    assert_eq!(list.len(), 2, "{list:?}");
    let device = a.device_id().unwrap();
    for d in &list {
        assert_eq!(d.entity, DeletedEntity::Customer);
        assert_eq!(d.author.as_deref(), Some("c01"));
        assert_eq!(d.device, device);
    }
    let deleted = list.iter().find(|d| d.id == gone.id.as_str()).unwrap();
    assert_eq!(deleted.kind, DeletionKind::Deleted);
    let absorbed = list.iter().find(|d| d.id == merged.id.as_str()).unwrap();
    assert_eq!(absorbed.kind, DeletionKind::Merged);
    assert_eq!(absorbed.merged_into.as_ref(), Some(&kept.id));
    assert!(list[0].at >= list[1].at, "newest first");
    // No personal data in what the server answers.
    let text = serde_json::to_string(&list).unwrap();
    assert!(
        !text.contains("王芳") && !text.contains("13800138000"),
        "{text}"
    );

    // Another team's manager sees none of them; a consultant may not ask.
    let other = team_deletions(&m, &w.url, &m2).await.unwrap();
    assert!(other.is_empty(), "{other:?}");
    let refused = team_deletions(&a, &w.url, &w.c01).await.unwrap_err();
    assert!(
        matches!(
            refused,
            StoreError::Sync {
                status: Some(403),
                ..
            }
        ),
        "{refused:?}"
    );
    // An admin reads every team's.
    assert_eq!(team_deletions(&m, &w.url, &w.a1).await.unwrap().len(), 2);
}

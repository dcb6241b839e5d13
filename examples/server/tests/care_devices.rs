//! Care tasks with real books through a real server: a task done on one of a
//! consultant's phones is done on the other after both sync, a task done on two phones
//! settles on the first outcome on both, and a manager's transfer brings a customer's open
//! care tasks (and those already done) to the new owner's book at its next sync.

mod common;

use chrono::{Duration, NaiveDate, Utc};
use common::books::{book, sync};
use common::world;
use crm_core::pool::TransferRequest;
use crm_core::{
    CareTaskRecord, CareTaskStatusKind, ContactInput, ContactKind, CustomerId, DateWindow, NewCar,
    NewCustomer, SourceChannel,
};
use crm_store::{CareTaskQuery, Store};
use std::sync::Arc;

/// A window around today, as the app's daily care run uses.
fn window() -> DateWindow {
    let today = Utc::now().date_naive();
    DateWindow::new(today - Duration::days(30), today + Duration::days(365)).unwrap()
}

/// A customer of the book's user with a car delivered a week ago.
fn delivered(store: &Store, name: &str, phone: &str) -> CustomerId {
    let id = store
        .create_customer(&NewCustomer::new(
            name,
            ContactInput::new(ContactKind::Mobile, phone),
            SourceChannel::ShowroomWalkIn,
        ))
        .unwrap()
        .id;
    store
        .record_car(
            &id,
            &NewCar {
                vin: None,
                brand: "大众".into(),
                model: "ID.4".into(),
                delivered_on: Utc::now().date_naive() - Duration::days(7),
                delivery_km: 10,
                registered_on: None::<NaiveDate>,
                order_id: None,
            },
        )
        .unwrap();
    id
}

fn tasks_of(store: &Store, id: &CustomerId) -> Vec<CareTaskRecord> {
    store
        .care_tasks(&CareTaskQuery {
            customer_id: Some(id.clone()),
            limit: 1000,
            ..CareTaskQuery::default()
        })
        .unwrap()
}

fn run_care(store: &Arc<Store>) {
    store.generate_care(window()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_task_done_on_phone_a_is_done_on_phone_b_after_sync() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (book(dir.path(), "a"), book(dir.path(), "b"));
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    let id = delivered(&a, "王芳", "13800138000");
    run_care(&a);
    run_care(&b);
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    let planned = tasks_of(&a, &id);
    assert!(!planned.is_empty());
    assert_eq!(
        tasks_of(&b, &id),
        planned,
        "B plans the customer it received"
    );

    let key = planned[0].task.key.clone();
    let done = a.complete_care_task(&key, "客户满意，已预约保养").unwrap();
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    assert_eq!(b.get_care_task(&key).unwrap(), done);
    assert!(b.sync_rejections().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_task_done_on_two_phones_settles_on_the_first_outcome_on_both() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (book(dir.path(), "a"), book(dir.path(), "b"));
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    let id = delivered(&a, "王芳", "13800138000");
    run_care(&a);
    run_care(&b);
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    let key = tasks_of(&a, &id)[0].task.key.clone();
    // Both offline: A first, then B; B reaches the server first.
    let first = a.complete_care_task(&key, "A: 已预约").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.complete_care_task(&key, "B: 未接通").unwrap();
    sync(&b, &w.url, &w.c01).await;
    sync(&a, &w.url, &w.c01).await;
    sync(&b, &w.url, &w.c01).await;
    assert_eq!(a.get_care_task(&key).unwrap(), first);
    assert_eq!(b.get_care_task(&key).unwrap(), first);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_transfer_brings_open_care_tasks_to_the_new_owner_the_same_day() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let (m, old, new) = (
        book(dir.path(), "m"),
        book(dir.path(), "old"),
        book(dir.path(), "new"),
    );
    sync(&old, &w.url, &w.c01).await;
    sync(&new, &w.url, &w.c02).await;
    sync(&m, &w.url, &w.m1).await;
    // The new owner's phone runs its daily care (nothing of its own yet).
    run_care(&new);
    let id = delivered(&old, "转移", "13600000001");
    run_care(&old);
    let tasks = tasks_of(&old, &id);
    assert!(tasks.len() >= 2);
    let done_key = tasks[0].task.key.clone();
    let done = old.complete_care_task(&done_key, "交车回访完成").unwrap();
    sync(&old, &w.url, &w.c01).await;

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
    assert_eq!(result.transferred, 1);

    sync(&new, &w.url, &w.c02).await;
    let got = tasks_of(&new, &id);
    assert_eq!(
        got.len(),
        tasks.len(),
        "the open tasks came with the customer"
    );
    assert_eq!(new.get_care_task(&done_key).unwrap(), done);
    let open = got
        .iter()
        .filter(|r| r.status.kind() == CareTaskStatusKind::Open)
        .count();
    assert_eq!(open, tasks.len() - 1);
    // In the new owner's list of care tasks, by owner.
    let mine = new
        .care_tasks(&CareTaskQuery {
            owner: Some("c02".into()),
            limit: 1000,
            ..CareTaskQuery::default()
        })
        .unwrap();
    assert_eq!(mine.len(), tasks.len());
    sync(&old, &w.url, &w.c01).await;
    assert!(tasks_of(&old, &id).is_empty(), "the old phone evicted them");
}

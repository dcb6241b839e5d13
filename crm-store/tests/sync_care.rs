//! Care tasks across devices: a task's status changes travel as append-only moves, a
//! book that receives a customer plans their care tasks at once in its last run's
//! window, and a task done on two devices settles on the same status on both.

mod common;
mod sync_fixture;

use chrono::{Duration, NaiveDate};
use common::{test_store, TestStore};
use crm_core::sync::SyncEntity;
use crm_core::{CareTaskRecord, CareTaskStatus, CareTaskStatusKind, CustomerId, DateWindow};
use crm_store::CareTaskQuery;
use sync_fixture::{download, rich_customer};

fn window() -> DateWindow {
    DateWindow::new(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
    )
    .unwrap()
}

fn tasks_of(t: &TestStore, id: &CustomerId) -> Vec<CareTaskRecord> {
    t.store
        .care_tasks(&CareTaskQuery {
            customer_id: Some(id.clone()),
            limit: 1000,
            ..CareTaskQuery::default()
        })
        .unwrap()
}

/// Every synced row of `from` applied to `to` as one download at `checkpoint`.
fn sync_to(from: &TestStore, to: &TestStore, checkpoint: u64) {
    let rows = from.store.synced_rows().unwrap();
    to.store
        .apply_download(&download(rows, checkpoint))
        .unwrap();
}

/// Phone A with a delivered customer and its care tasks planned; phone B, the same
/// user's other phone, which has run care for the same window but holds nothing yet.
fn two_phones() -> (TestStore, TestStore, CustomerId) {
    let a = test_store();
    let id = rich_customer(&a.store, "王芳", "13800138000", "13700137000", "c01");
    a.store.generate_care(window()).unwrap();
    let b = test_store();
    b.store.generate_care(window()).unwrap();
    (a, b, id)
}

/// `from`'s care task moves applied to `to` as one download at `checkpoint`, as a server
/// would send another phone's moves.
fn send_moves(from: &TestStore, to: &TestStore, checkpoint: u64) {
    let rows = from
        .store
        .synced_rows()
        .unwrap()
        .into_iter()
        .filter(|r| r.entity == SyncEntity::CareTaskMoves)
        .collect();
    to.store
        .apply_download(&download(rows, checkpoint))
        .unwrap();
}

#[test]
fn a_book_that_receives_a_customer_has_their_open_care_tasks_at_once() {
    let (a, b, id) = two_phones();
    let planned = tasks_of(&a, &id);
    assert!(!planned.is_empty(), "the fixture's car has care tasks");
    sync_to(&a, &b, 1);
    assert_eq!(tasks_of(&b, &id), planned);
}

#[test]
fn a_book_that_never_ran_care_plans_received_customers_at_its_first_run() {
    let a = test_store();
    let id = rich_customer(&a.store, "王芳", "13800138000", "13700137000", "c01");
    a.store.generate_care(window()).unwrap();
    let key = tasks_of(&a, &id)[0].task.key.clone();
    a.store.complete_care_task(&key, "已预约保养").unwrap();
    let b = test_store();
    sync_to(&a, &b, 1);
    assert!(tasks_of(&b, &id).is_empty(), "no window to plan in yet");
    b.store.generate_care(window()).unwrap();
    assert_eq!(
        tasks_of(&b, &id),
        tasks_of(&a, &id),
        "the move settles the run"
    );
    assert_eq!(
        b.store.get_care_task(&key).unwrap().status.kind(),
        CareTaskStatusKind::Done
    );
}

#[test]
fn a_task_done_on_one_phone_is_done_on_the_other_after_sync() {
    let (a, b, id) = two_phones();
    sync_to(&a, &b, 1);
    let key = tasks_of(&a, &id)[0].task.key.clone();
    a.clock.advance(Duration::minutes(5));
    let done = a
        .store
        .complete_care_task(&key, "客户满意，已预约")
        .unwrap();
    let outbox: Vec<String> = {
        let conn = rusqlite::Connection::open(&a.path).unwrap();
        let mut stmt = conn
            .prepare("SELECT entity FROM sync_outbox WHERE entity = 'care_task_moves'")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(outbox.len(), 1, "the move is queued with the write");
    sync_to(&a, &b, 2);
    assert_eq!(b.store.get_care_task(&key).unwrap(), done);
    // Applied again: nothing changes.
    let before = tasks_of(&b, &id);
    sync_to(&a, &b, 2);
    assert_eq!(tasks_of(&b, &id), before);
}

#[test]
fn a_skip_and_a_snooze_travel_too() {
    let (a, b, id) = two_phones();
    sync_to(&a, &b, 1);
    let tasks = tasks_of(&a, &id);
    assert!(tasks.len() >= 2, "the fixture has two tasks or more");
    let (first, second) = (tasks[0].task.key.clone(), tasks[1].task.key.clone());
    let skipped = a.store.skip_care_task(&first, "客户已在外地").unwrap();
    let until = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let snoozed = a.store.snooze_care_task(&second, until).unwrap();
    assert_eq!(snoozed.status, CareTaskStatus::Snoozed { until });
    sync_to(&a, &b, 2);
    assert_eq!(b.store.get_care_task(&first).unwrap(), skipped);
    assert_eq!(b.store.get_care_task(&second).unwrap(), snoozed);
}

#[test]
fn a_task_done_on_two_phones_keeps_the_first_outcome_on_both() {
    let (a, b, id) = two_phones();
    sync_to(&a, &b, 1);
    let key = tasks_of(&a, &id)[0].task.key.clone();
    // B's clock is ahead: B finishes the task later than A, but syncs first.
    b.clock.advance(Duration::minutes(30));
    a.clock.advance(Duration::minutes(10));
    let first = a.store.complete_care_task(&key, "A: 已预约").unwrap();
    b.store.complete_care_task(&key, "B: 未接通").unwrap();
    send_moves(&b, &a, 2);
    send_moves(&a, &b, 3);
    assert_eq!(a.store.get_care_task(&key).unwrap(), first);
    assert_eq!(b.store.get_care_task(&key).unwrap(), first);
    // Both timeline entries stay: the records are append-only.
    let moves = a
        .store
        .synced_rows()
        .unwrap()
        .into_iter()
        .filter(|r| r.entity == SyncEntity::CareTaskMoves)
        .count();
    assert_eq!(moves, 2);
}

#[test]
fn an_evicted_customer_leaves_no_care_move_behind() {
    let (a, b, id) = two_phones();
    sync_to(&a, &b, 1);
    let key = tasks_of(&a, &id)[0].task.key.clone();
    b.store.complete_care_task(&key, "done").unwrap();
    let mut evict = download(Vec::new(), 2);
    evict.evicted = vec![id.as_str().to_owned()];
    b.store.apply_download(&evict).unwrap();
    let conn = rusqlite::Connection::open(&b.path).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM care_task_moves)
                  + (SELECT count(*) FROM sync_outbox WHERE entity = 'care_task_moves')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

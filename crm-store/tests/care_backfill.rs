//! Care statuses set before schema 17 (a done, skipped or snoozed task in a schedule, no
//! move recorded) become moves at the upgrade, so they travel and settle like later ones.

mod common;
mod sync_fixture;

use chrono::Duration;
use crm_core::{CareTaskStatus, DateWindow};
use crm_store::{CareTaskQuery, Store};
use rusqlite::Connection;
use sync_fixture::rich_customer;

#[test]
fn statuses_set_before_moves_existed_become_moves_at_the_upgrade_and_are_queued() {
    let dir = tempfile::tempdir().unwrap();
    // A customer with a year of care tasks, one done, one skipped, one snoozed, on a
    // current book: its schedule is copied into a book of schema 16 below.
    let current = dir.path().join("current.sqlite3");
    let store = common::test_store_at(&current);
    let id = rich_customer(&store, "王芳", "13800138000", "13800138001", "c01");
    let delivered = store.cars_of(&id).unwrap()[0].delivered_on;
    let window = DateWindow::new(delivered, delivered + Duration::days(365)).unwrap();
    store.generate_care(window).unwrap();
    let query = CareTaskQuery {
        customer_id: Some(id.clone()),
        ..Default::default()
    };
    let tasks = store.care_tasks(&query).unwrap();
    assert!(tasks.len() >= 4, "the fixture: {tasks:?}");
    store
        .complete_care_task(&tasks[0].task.key, "已保养")
        .unwrap();
    store
        .skip_care_task(&tasks[1].task.key, "客户出国")
        .unwrap();
    store
        .snooze_care_task(
            &tasks[2].task.key,
            common::start().date_naive() + Duration::days(30),
        )
        .unwrap();
    let statuses: Vec<CareTaskStatus> = store
        .care_tasks(&query)
        .unwrap()
        .into_iter()
        .map(|t| t.status)
        .collect();
    drop(store);

    let old = dir.path().join("v16.sqlite3");
    let conn = Connection::open(&old).unwrap();
    conn.execute_batch(include_str!("schemas/v16.sql")).unwrap();
    conn.pragma_update(None, "user_version", 16).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS cur", [current.to_str().unwrap()])
        .unwrap();
    // The columns schema 16 has: later schemas add some.
    let columns = |table: &str| -> String {
        let mut names = conn
            .prepare(&format!(
                "SELECT name FROM main.pragma_table_info('{table}')"
            ))
            .unwrap();
        let names: Vec<String> = names
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        names.join(", ")
    };
    let (customers, schedules) = (columns("customers"), columns("care_schedules"));
    conn.execute_batch(&format!(
        "INSERT INTO main.customers ({customers}) SELECT {customers} FROM cur.customers
            WHERE id IN (SELECT customer_id FROM cur.care_schedules);
         INSERT INTO main.care_schedules ({schedules}) SELECT {schedules} FROM cur.care_schedules;
         DETACH DATABASE cur;
         -- A book that has synced: its upload queue runs.
         UPDATE sync_state SET queueing = 1;
         DELETE FROM sync_outbox;"
    ))
    .unwrap();
    drop(conn);

    let store = Store::open(&old).unwrap();
    let after: Vec<CareTaskStatus> = store
        .care_tasks(&query)
        .unwrap()
        .into_iter()
        .map(|t| t.status)
        .collect();
    assert_eq!(after, statuses, "the statuses stay");
    drop(store);
    let conn = Connection::open(&old).unwrap();
    let moves: Vec<(String, String)> = conn
        .prepare("SELECT task_key, status FROM care_task_moves ORDER BY task_key")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(moves.len(), 3, "{moves:?}");
    for (state, text) in [("done", "已保养"), ("skipped", "客户出国"), ("snoozed", "")] {
        assert!(
            moves
                .iter()
                .any(|(_, s)| s.contains(&format!("\"{state}\"")) && s.contains(text)),
            "{state}: {moves:?}"
        );
    }
    let queued: i64 = conn
        .query_row(
            "SELECT count(*) FROM sync_outbox WHERE entity = 'care_task_moves'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(queued, 3, "they travel at the next sync");
}

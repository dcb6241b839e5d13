//! Applying downloads: a first download rebuilds a book, a batch applied twice or older
//! than the book changes nothing, a bad batch writes nothing, local changes not yet
//! acknowledged keep their values, evicted customers leave nothing behind.

mod common;
mod sync_fixture;

use common::{test_store, TestStore};
use crm_core::sync::{Checkpoint, ServerRow, SyncEntity};
use crm_store::StoreError;
use serde_json::json;
use sync_fixture::{derived, diff, download, rich_customer, whole_dump};

/// A book with two customers with a record in every synced table.
fn source() -> TestStore {
    let t = test_store();
    rich_customer(&t.store, "王芳", "13800138000", "13700137000", "c01");
    rich_customer(&t.store, "欧阳明", "13900139000", "13600136000", "c02");
    t
}

fn invalid_field(e: StoreError) -> String {
    match e {
        StoreError::Invalid(v) => v.field,
        other => panic!("not invalid input: {other:?}"),
    }
}

#[test]
fn a_first_download_rebuilds_the_book_with_what_the_device_derives() {
    let from = source();
    let rows = from.store.synced_rows().unwrap();
    let entities: std::collections::BTreeSet<SyncEntity> = rows.iter().map(|r| r.entity).collect();
    for e in SyncEntity::ALL {
        if !matches!(
            e,
            SyncEntity::CareSchedules | SyncEntity::CarServices | SyncEntity::CareTaskMoves
        ) {
            assert!(entities.contains(&e), "the fixture has no {e:?}");
        }
    }
    let to = test_store();
    let summary = to.store.apply_download(&download(rows.clone(), 7)).unwrap();
    assert_eq!(summary.applied, rows.len() as u64);
    assert_eq!(summary.kept_local, 0);
    assert_eq!(summary.checkpoint, Checkpoint(7));
    assert_eq!(to.store.sync_checkpoint().unwrap(), Checkpoint(7));
    assert_eq!(to.store.synced_rows().unwrap(), rows);
    let conn = rusqlite::Connection::open(&to.path).unwrap();
    let queued: i64 = conn
        .query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(queued, 0, "what the server sent does not go back up");
    let (got, want) = (derived(&to.path), derived(&from.path));
    assert!(got == want, "{}", diff(&got, &want));
    let search = |t: &TestStore| {
        t.store
            .search_customers("ouyang", &Default::default())
            .unwrap()
            .into_iter()
            .map(|h| h.customer.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(search(&to).len(), 1);
    assert_eq!(search(&to), search(&from));
    // The pending plans' reminders are there for the app to schedule.
    let reminders = to.store.reminder_changes_since(Some("0")).unwrap();
    assert_eq!(reminders.added.len(), 2);
}

#[test]
fn applying_a_batch_twice_changes_nothing_and_an_older_batch_is_ignored() {
    let from = source();
    let rows = from.store.synced_rows().unwrap();
    let to = test_store();
    to.store.apply_download(&download(rows.clone(), 7)).unwrap();
    let once = whole_dump(&to.path);
    to.store.apply_download(&download(rows.clone(), 7)).unwrap();
    assert_eq!(whole_dump(&to.path), once);
    let mut renamed = rows.clone();
    renamed[0].fields.as_mut().unwrap()["name"] = json!("改名");
    let stale = to.store.apply_download(&download(renamed, 6)).unwrap();
    assert_eq!(stale.applied, 0);
    assert_eq!(stale.checkpoint, Checkpoint(7));
    assert_eq!(whole_dump(&to.path), once);
}

#[test]
fn a_bad_row_in_the_middle_leaves_the_book_and_its_checkpoint_as_they_were() {
    let from = source();
    let rows = from.store.synced_rows().unwrap();
    let to = test_store();
    to.store
        .apply_download(&download(rows[..3].to_vec(), 3))
        .unwrap();
    let before = whole_dump(&to.path);

    let mut unknown = rows.clone();
    unknown[5]
        .fields
        .as_mut()
        .unwrap()
        .insert("bogus".into(), json!(1));
    let e = to.store.apply_download(&download(unknown, 9)).unwrap_err();
    assert_eq!(
        invalid_field(e),
        format!("rows[5].fields.bogus"),
        "{:?}",
        rows[5].entity
    );

    let orphan = ServerRow {
        version: 1,
        entity: SyncEntity::FollowUps,
        id: "f-orphan".into(),
        customer_id: "nobody".into(),
        fields: Some(
            json!({"customer_id": "nobody", "method": "phone", "kind": "needs_discovery",
                   "at": 1, "content": "x", "created_at": 1, "updated_at": 1, "version": 1})
            .as_object()
            .unwrap()
            .clone(),
        ),
    };
    let mut with_orphan = rows.clone();
    with_orphan.push(orphan);
    let at = with_orphan.len() - 1;
    let e = to
        .store
        .apply_download(&download(with_orphan, 9))
        .unwrap_err();
    assert_eq!(invalid_field(e), format!("rows[{at}].fields.customer_id"));

    let mut not_a_value = rows.clone();
    not_a_value[0].fields.as_mut().unwrap()["name"] = json!(["a"]);
    let e = to
        .store
        .apply_download(&download(not_a_value, 9))
        .unwrap_err();
    assert_eq!(invalid_field(e), "rows[0].fields.name");

    let mut incomplete = rows.clone();
    incomplete[0].fields.as_mut().unwrap().remove("gender");
    incomplete[0].id = "new-customer".into();
    incomplete[0].fields.as_mut().unwrap().remove("id");
    let e = to
        .store
        .apply_download(&download(incomplete, 9))
        .unwrap_err();
    assert_eq!(invalid_field(e), "rows[0].fields");

    assert_eq!(whole_dump(&to.path), before);
    assert_eq!(to.store.sync_checkpoint().unwrap(), Checkpoint(3));
}

#[test]
fn fields_changed_here_and_not_yet_acknowledged_keep_their_local_values() {
    let from = source();
    let rows = from.store.synced_rows().unwrap();
    let to = test_store();
    to.store.apply_download(&download(rows.clone(), 1)).unwrap();
    let customer = rows[0].id.clone();
    // A local edit of the notes, queued for upload (as the outbox triggers queue it).
    let conn = rusqlite::Connection::open(&to.path).unwrap();
    conn.execute(
        "UPDATE customers SET notes = '本地' WHERE id = ?1",
        [&customer],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO sync_outbox (entity, row_id, op, fields, at) VALUES ('customers', ?1, 'put', '{\"notes\": \"本地\"}', 1)",
        [&customer],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO sync_outbox (entity, row_id, op, fields, at) VALUES ('customer_tags', ?1, 'put', '{\"items\": []}', 1)",
        [&customer],
    )
    .unwrap();
    let mut server = rows[0].clone();
    let fields = server.fields.as_mut().unwrap();
    fields["notes"] = json!("服务器");
    fields["city"] = json!("上海");
    let tags = rows
        .iter()
        .find(|r| r.entity == SyncEntity::CustomerTags && r.id == customer)
        .unwrap()
        .clone();
    let summary = to
        .store
        .apply_download(&download(vec![server, tags], 2))
        .unwrap();
    assert_eq!((summary.applied, summary.kept_local), (0, 2));
    let c = to.store.get_customer(&customer.as_str().into()).unwrap();
    assert_eq!(c.profile.notes.as_deref(), Some("本地"));
    assert_eq!(c.profile.region.city.as_deref(), Some("上海"));
    assert_eq!(c.profile.tags.len(), 2, "the list is the local one");
}

#[test]
fn a_deleted_row_goes_and_a_deleted_customer_takes_all_of_their_data() {
    let from = source();
    let rows = from.store.synced_rows().unwrap();
    let to = test_store();
    to.store.apply_download(&download(rows.clone(), 1)).unwrap();
    let plan = rows
        .iter()
        .find(|r| r.entity == SyncEntity::Plans)
        .unwrap()
        .clone();
    let gone = ServerRow {
        fields: None,
        ..plan.clone()
    };
    to.store.apply_download(&download(vec![gone], 2)).unwrap();
    assert!(to.store.get_plan(&plan.id.as_str().into()).is_err());
    let reminders = to.store.reminder_changes_since(Some("2")).unwrap();
    assert_eq!(reminders.cancelled.len(), 1, "{reminders:?}");

    let erased = ServerRow {
        fields: None,
        ..rows[0].clone()
    };
    to.store.apply_download(&download(vec![erased], 3)).unwrap();
    let left = whole_dump(&to.path);
    assert!(!left.contains(&rows[0].id), "{left}");
    assert!(to.store.get_customer(&rows[1].id.as_str().into()).is_ok());
}

#[test]
fn a_new_pending_plan_before_the_row_closing_the_old_one_waits_for_it() {
    let from = source();
    let rows = from.store.synced_rows().unwrap();
    let to = test_store();
    to.store.apply_download(&download(rows.clone(), 1)).unwrap();
    let old = rows
        .iter()
        .find(|r| r.entity == SyncEntity::Plans)
        .unwrap()
        .clone();
    let mut new = old.clone();
    new.id = "0190a0b1-0000-7000-8000-0000000000c3".into();
    new.fields.as_mut().unwrap()["id"] = json!(new.id);
    let mut closed = old.clone();
    let fields = closed.fields.as_mut().unwrap();
    fields["status"] = json!("cancelled");
    fields["closed_at"] = json!(1796000000000i64);
    fields["cancel_reason"] = json!("换了计划");
    fields["version"] = json!(2);
    let summary = to
        .store
        .apply_download(&download(vec![new.clone(), closed], 2))
        .unwrap();
    assert_eq!(summary.applied, 2);
    let open = to
        .store
        .open_plan(&old.customer_id.as_str().into())
        .unwrap()
        .unwrap();
    assert_eq!(open.id.to_string(), new.id);
}

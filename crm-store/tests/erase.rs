//! Erasure: a customer with every kind of data erased leaves no byte of theirs in the
//! book's files (`.db`, `-wal`, `-shm`), a tombstone in the deletions log, their orders
//! for the accounts without a link to them, and every other customer as they were.

mod common;
mod sync_fixture;

use chrono::{Duration, TimeZone, Utc};
use common::{test_store, NowForTests, TestStore};
use crm_core::audit::DeletionKind;
use crm_core::pipeline::{DormantReason, DormantRequest, LostReason, LostRequest};
use crm_core::privacy::RetentionPolicy;
use crm_core::{ContactInput, ContactKind, CustomerId, CustomerPatch, DateWindow};
use crm_store::{Store, StoreError};
use rusqlite::Connection;
use std::path::Path;
use sync_fixture::rich_customer;

/// What the erased customer's data holds that nobody else's does.
const SECRETS: &[&str] = &[
    "王芳",
    "wangfang",
    "13800138000",
    "13800138001",
    "wx13800138000",
    "wf.private@example.com",
    "预算二十五万左右",
    "老婆喜欢红色",
];

/// A book with 王芳 (every kind of data: contacts of each kind, notes edited twice,
/// follow-ups, a plan, an intent, a visit, an order delivered as a car with readings, care
/// tasks, a merged duplicate, consent, stage moves) and 李雷; their ids.
fn book(store: &Store) -> (CustomerId, CustomerId) {
    let wang = rich_customer(store, "王芳", "13800138000", "13800138001", "c01");
    let li = rich_customer(store, "李雷", "13900139000", "13900139001", "c02");
    let mut contacts: Vec<ContactInput> = store
        .get_customer(&wang)
        .unwrap()
        .profile
        .contacts
        .iter()
        .map(|c| ContactInput {
            primary: c.primary,
            ..ContactInput::new(c.kind, c.value.clone())
        })
        .collect();
    contacts.push(ContactInput::new(
        ContactKind::Email,
        "wf.private@example.com",
    ));
    for notes in ["预算二十五万左右", "老婆喜欢红色"] {
        let version = store.get_customer(&wang).unwrap().version;
        let patch = CustomerPatch {
            notes: Some(Some(notes.into())),
            contacts: Some(contacts.clone()),
            ..CustomerPatch::default()
        };
        store.update_customer(&wang, version, &patch).unwrap();
    }
    let delivered = store.cars_of(&wang).unwrap()[0].delivered_on;
    let window = DateWindow::new(delivered, delivered + Duration::days(365)).unwrap();
    assert!(store.generate_care(window).unwrap().added > 0);
    (wang, li)
}

/// The raw bytes of the book's three files (a missing one: none).
fn file_bytes(path: &Path) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let name = format!("{}{suffix}", path.display());
            let bytes = std::fs::read(&name).unwrap_or_default();
            (name, bytes)
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The secrets found in the book's files, with the file they are in.
fn secrets_in_files(path: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (name, bytes) in file_bytes(path) {
        for secret in SECRETS {
            if contains(&bytes, secret.as_bytes()) {
                found.push(format!("{secret} in {name}"));
            }
        }
    }
    found
}

fn integrity(path: &Path) -> String {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// An export without its instant, for comparing before and after.
fn export_of(store: &Store, id: &CustomerId) -> serde_json::Value {
    let mut doc = serde_json::to_value(store.export_customer(id).unwrap()).unwrap();
    doc["exported_at"] = serde_json::Value::Null;
    doc
}

fn count(path: &Path, sql: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_erased_customer_leaves_no_byte_in_the_files_and_the_others_stay_whole() {
    let t = test_store();
    let (wang, li) = book(&t.store);
    let before = secrets_in_files(&t.path);
    assert!(before.len() >= SECRETS.len(), "the fixture: {before:?}");
    let li_before = export_of(&t.store, &li);

    let erasure = t
        .store
        .erase_customer(&wang, "客户要求删除个人信息")
        .unwrap();
    assert_eq!(erasure.customer_id, wang);
    assert_eq!(erasure.orders_kept, 1);
    assert!(erasure.file_cleaned);

    assert_eq!(secrets_in_files(&t.path), Vec::<String>::new());
    assert_eq!(integrity(&t.path), "ok");
    assert_eq!(export_of(&t.store, &li), li_before, "李雷 changed");
    assert!(matches!(
        t.store.get_customer(&wang),
        Err(StoreError::NotFound { .. })
    ));
    // The merged duplicate and the merge record are gone with them.
    assert_eq!(count(&t.path, "SELECT count(*) FROM customer_merges"), 1);
    assert_eq!(count(&t.path, "SELECT count(*) FROM customers"), 1);
}

#[test]
fn the_tombstone_says_erased_why_by_whom_and_when_and_the_order_stays_unlinked() {
    let t = test_store();
    let (wang, li) = book(&t.store);
    // A book whose upload queue runs (it has met a server): the erasure is queued for it.
    t.store.start_upload_queue().unwrap();
    let order = t.store.orders_of(&wang).unwrap().remove(0);
    t.store.erase_customer(&wang, "客户要求删除").unwrap();
    let log = t.store.deletions(10, None).unwrap().deletions;
    let tombstone = log.iter().find(|d| d.id == wang.as_str()).unwrap();
    assert_eq!(tombstone.kind, DeletionKind::Erased);
    assert_eq!(tombstone.reason.as_deref(), Some("客户要求删除"));
    assert_eq!(tombstone.at, common::start());
    assert!(!tombstone.device.is_empty());
    // The merged duplicate's record named 王芳: it goes, as in an eviction.
    assert!(log.iter().all(|d| d.merged_into.as_ref() != Some(&wang)));
    let conn = Connection::open(&t.path).unwrap();
    let (id, vin, price): (String, Option<String>, i64) = conn
        .query_row("SELECT id, vin, price FROM erased_orders", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (id, vin, price),
        (
            order.id.to_string(),
            order.order.vin.as_ref().map(ToString::to_string),
            order.order.price.0
        )
    );
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('erased_orders')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for personal in ["customer_id", "intent_id", "cancel_note"] {
        assert!(!columns.iter().any(|c| c == personal), "{personal}");
    }
    // One change goes up for the customer: their delete; none of their data (what the
    // queue's start queued of them went with the eviction).
    let queued: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT entity, row_id, op FROM sync_outbox WHERE fields LIKE '%王芳%' OR row_id = ?1",
        )
        .unwrap()
        .query_map([wang.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        queued,
        vec![("customers".into(), wang.to_string(), "delete".into())]
    );
    assert!(t.store.get_customer(&li).is_ok());
}

#[test]
fn bad_input_writes_nothing() {
    let t = test_store();
    let (wang, _) = book(&t.store);
    let before = sync_fixture::whole_dump(&t.path);
    for reason in ["", "  ", "a\nb"] {
        match t.store.erase_customer(&wang, reason) {
            Err(StoreError::Invalid(e)) => assert_eq!(e.field, "reason"),
            other => panic!("{reason:?}: {other:?}"),
        }
    }
    let missing = CustomerId(common::MISSING.into());
    assert!(matches!(
        t.store.erase_customer(&missing, "客户要求"),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(sync_fixture::whole_dump(&t.path), before);
}

#[test]
fn delete_forgets_as_erasure_does_without_a_reason() {
    let t = test_store();
    let (wang, li) = book(&t.store);
    let li_before = export_of(&t.store, &li);
    t.store.delete_customer(&wang).unwrap();
    assert_eq!(secrets_in_files(&t.path), Vec::<String>::new());
    assert_eq!(integrity(&t.path), "ok");
    assert_eq!(export_of(&t.store, &li), li_before);
    let log = t.store.deletions(10, None).unwrap().deletions;
    let tombstone = log.iter().find(|d| d.id == wang.as_str()).unwrap();
    assert_eq!(
        (tombstone.kind, tombstone.reason.clone()),
        (DeletionKind::Deleted, None)
    );
    assert_eq!(count(&t.path, "SELECT count(*) FROM erased_orders"), 1);
}

#[test]
fn inside_a_batch_the_erasure_commits_with_the_batch_and_the_file_is_cleaned_later() {
    let t = test_store();
    let (wang, li) = book(&t.store);
    let erasure = t
        .store
        .batch(|s| s.erase_customer(&wang, "客户要求删除"))
        .unwrap();
    assert!(!erasure.file_cleaned);
    assert!(t.store.get_customer(&wang).is_err());
    assert!(t.store.compact().unwrap());
    assert_eq!(secrets_in_files(&t.path), Vec::<String>::new());
    assert!(t.store.get_customer(&li).is_ok());
}

#[cfg(feature = "encryption")]
#[test]
fn an_encrypted_book_erases_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("encrypted.sqlite3");
    let key = crm_store::BookKey::from_bytes(&[7u8; 32]).unwrap();
    let clock = std::sync::Arc::new(crm_core::ManualClock::new(common::start()));
    let store = Store::open_encrypted_with_clock(&path, &key, clock).unwrap();
    let (wang, li) = book(&store);
    let li_before = export_of(&store, &li);
    let erasure = store.erase_customer(&wang, "客户要求删除").unwrap();
    assert!(erasure.file_cleaned);
    assert_eq!(export_of(&store, &li), li_before);
    assert!(store.get_customer(&wang).is_err());
    assert_eq!(secrets_in_files(&path), Vec::<String>::new());
    drop(store);
    let store = Store::open_encrypted(&path, &key).unwrap();
    assert!(store.get_customer(&li).is_ok());
    assert!(store.get_customer(&wang).is_err());
}

/// A book where `lost` was lost and `dormant` put to sleep two years before `now`, `fresh`
/// lost a month before, and `active` still in the funnel; the clock then moved to `now`.
fn aged_book(t: &TestStore) -> [CustomerId; 4] {
    let new = |name: &str, phone: &str| t.store.create_customer(&common::customer(name, phone));
    let lost = new("赵老", "13700000001").unwrap().id;
    let dormant = new("钱眠", "13700000002").unwrap().id;
    let active = new("孙活", "13700000003").unwrap().id;
    let request = LostRequest {
        reason: LostReason::BoughtCompetitor,
        competitor: Some("比亚迪".into()),
        note: None,
    };
    t.store.request_lost(&lost, &request, None).unwrap();
    t.store.approve_request(&lost, "m01").unwrap();
    let sleep = DormantRequest {
        reason: DormantReason::Postponed,
        note: None,
        wake_on: None,
    };
    t.store.request_dormant(&dormant, &sleep, None).unwrap();
    t.store.approve_request(&dormant, "m01").unwrap();
    t.clock.advance(Duration::days(700));
    let fresh = new("李新", "13700000004").unwrap().id;
    t.store.request_lost(&fresh, &request, None).unwrap();
    t.store.approve_request(&fresh, "m01").unwrap();
    t.clock.advance(Duration::days(30));
    [lost, dormant, active, fresh]
}

fn keep_for(months: u32) -> RetentionPolicy {
    RetentionPolicy {
        erase_lost_or_dormant_after_months: Some(months),
    }
}

#[test]
fn retention_is_off_by_default_then_erases_only_lost_and_dormant_customers_past_the_period() {
    let t = test_store();
    let [lost, dormant, active, fresh] = aged_book(&t);
    let now = t.clock.now_for_tests();
    assert_eq!(
        t.store.settings().unwrap().retention,
        RetentionPolicy::default()
    );
    assert_eq!(t.store.run_retention(now).unwrap().erased, vec![]);
    assert_eq!(t.store.count_customers(true).unwrap(), 4);

    let settings = t.store.set_retention(&keep_for(12)).unwrap();
    assert_eq!(settings.retention, keep_for(12));
    let mut due = vec![lost.clone(), dormant.clone()];
    due.sort();
    assert_eq!(t.store.retention_due(now).unwrap(), due, "dry run");
    assert_eq!(
        t.store.count_customers(true).unwrap(),
        4,
        "a dry run erases nothing"
    );
    let run = t.store.run_retention(now).unwrap();
    assert_eq!(run.erased, due);
    assert!(run.file_cleaned);
    for id in [&active, &fresh] {
        assert!(t.store.get_customer(id).is_ok());
    }
    let log = t.store.deletions(10, None).unwrap().deletions;
    let erased: Vec<_> = log
        .iter()
        .filter(|d| d.kind == DeletionKind::Erased)
        .collect();
    assert_eq!(erased.len(), 2);
    assert!(
        erased
            .iter()
            .all(|d| d.reason.as_deref()
                == Some("retention: lost or dormant for more than 12 months"))
    );
    assert_eq!(
        t.store.run_retention(now).unwrap().erased,
        vec![],
        "a second run"
    );
    let bytes: Vec<u8> = file_bytes(&t.path)
        .into_iter()
        .flat_map(|(_, b)| b)
        .collect();
    for gone in ["赵老", "钱眠", "13700000001", "13700000002"] {
        assert!(!contains(&bytes, gone.as_bytes()), "{gone}");
    }
}

#[test]
fn the_care_run_applies_the_retention_rule_and_bad_periods_are_refused() {
    let t = test_store();
    let [lost, dormant, active, _] = aged_book(&t);
    for bad in [0, 601] {
        match t.store.set_retention(&keep_for(bad)) {
            Err(StoreError::Invalid(e)) => {
                assert_eq!(e.field, "erase_lost_or_dormant_after_months")
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(
        t.store.settings().unwrap().retention,
        RetentionPolicy::default()
    );
    t.store.set_retention(&keep_for(12)).unwrap();
    let today = t.clock.now_for_tests().date_naive();
    let window = DateWindow::new(today, today + Duration::days(30)).unwrap();
    let summary = t.store.generate_care(window).unwrap();
    assert_eq!(summary.erased_by_retention, 2);
    for id in [&lost, &dormant] {
        assert!(t.store.get_customer(id).is_err());
    }
    assert!(t.store.get_customer(&active).is_ok());
    assert_eq!(
        t.store.generate_care(window).unwrap().erased_by_retention,
        0
    );
    // Turned off again: nothing more is erased.
    t.store.set_retention(&RetentionPolicy::default()).unwrap();
    let later = Utc.with_ymd_and_hms(2040, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(t.store.retention_due(later).unwrap(), vec![]);
}

#[test]
fn leftovers_of_edits_made_without_secure_delete_are_gone_too() {
    // A book written by an older library (or another SQLite tool) kept what its updates
    // freed (here a long note's overflow pages, left on the free list): the rebuild after
    // the erasure drops it.
    let t = test_store();
    let (wang, li) = book(&t.store);
    let older = Connection::open(&t.path).unwrap();
    older.pragma_update(None, "secure_delete", false).unwrap();
    for notes in ["旧的秘密备注".repeat(400), "后来的备注".into()] {
        older
            .execute(
                "UPDATE customers SET notes = ?1 WHERE id = ?2",
                [notes.as_str(), wang.as_str()],
            )
            .unwrap();
    }
    older
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(older);
    let db = std::fs::read(&t.path).unwrap();
    assert!(contains(&db, "旧的秘密备注".as_bytes()), "the fixture");
    t.store.erase_customer(&wang, "客户要求删除").unwrap();
    for (name, bytes) in file_bytes(&t.path) {
        assert!(!contains(&bytes, "旧的秘密备注".as_bytes()), "{name}");
    }
    assert!(t.store.get_customer(&li).is_ok());
}

fn pragma(path: &Path, name: &str) -> i64 {
    count(path, &format!("PRAGMA {name}"))
}

#[test]
fn a_download_that_evicts_a_customer_leaves_no_byte_of_them_in_the_files() {
    let t = test_store();
    let (wang, li) = book(&t.store);
    let li_before = export_of(&t.store, &li);
    let summary = t
        .store
        .apply_download(&crm_core::sync::Download {
            rows: vec![],
            evicted: vec![wang.to_string()],
            checkpoint: crm_core::sync::Checkpoint(9),
            has_more: false,
            notices: vec![],
        })
        .unwrap();
    assert_eq!(summary.evicted, 1);
    assert_eq!(secrets_in_files(&t.path), Vec::<String>::new());
    assert_eq!(integrity(&t.path), "ok");
    assert_eq!(export_of(&t.store, &li), li_before);
}

#[test]
fn a_deletion_hands_its_pages_back_and_truncates_the_log_without_a_rebuild() {
    let t = test_store();
    // A new book releases what a deletion frees (auto_vacuum = 2: incremental).
    assert_eq!(pragma(&t.path, "auto_vacuum"), 2);
    let (wang, _) = book(&t.store);
    let big = "很长的备注".repeat(400);
    let version = t.store.get_customer(&wang).unwrap().version;
    let patch = CustomerPatch {
        notes: Some(Some(big)),
        ..CustomerPatch::default()
    };
    t.store.update_customer(&wang, version, &patch).unwrap();
    t.store.compact().unwrap();
    let pages_before = pragma(&t.path, "page_count");
    t.store.delete_customer(&wang).unwrap();
    assert_eq!(pragma(&t.path, "freelist_count"), 0, "free pages released");
    assert!(pragma(&t.path, "page_count") < pages_before);
    let log = std::fs::metadata(format!("{}-wal", t.path.display())).map_or(0, |m| m.len());
    assert_eq!(log, 0, "the log truncated");
}

#[test]
fn an_older_book_turns_to_releasing_free_pages_at_its_first_compaction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("older.sqlite3");
    {
        // A book made before incremental mode: its file was created without it.
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "auto_vacuum", "NONE").unwrap();
        conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
            .unwrap();
    }
    let store = common::test_store_at(&path);
    assert_eq!(pragma(&path, "auto_vacuum"), 0, "no change until a rebuild");
    assert!(store.compact().unwrap());
    assert_eq!(pragma(&path, "auto_vacuum"), 2);
    drop(store);
}

/// Every text of customer `id`'s append-only records (timeline, stage moves, care moves).
fn history_texts(path: &Path, id: &CustomerId) -> String {
    let conn = Connection::open(path).unwrap();
    let mut all = String::new();
    for sql in [
        "SELECT entry FROM timeline WHERE customer_id = ?1",
        "SELECT coalesce(note, '') || coalesce(competitor, '') FROM stage_moves
         WHERE customer_id = ?1",
        "SELECT status FROM care_task_moves WHERE customer_id = ?1",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        for text in stmt
            .query_map([id.as_str()], |r| r.get::<_, String>(0))
            .unwrap()
        {
            all.push_str(&text.unwrap());
            all.push('\n');
        }
    }
    all
}

#[test]
fn blanking_a_customers_history_reaches_care_moves_and_stage_moves() {
    let t = test_store();
    // 王芳 and 李雷 are delivered, with care tasks; 赵老 and 钱眠 are lost to a competitor.
    let (wang, li) = book(&t.store);
    let zhao = t
        .store
        .create_customer(&common::customer("赵老", "13700000001"));
    let qian = t
        .store
        .create_customer(&common::customer("钱眠", "13700000002"));
    let (zhao, qian) = (zhao.unwrap().id, qian.unwrap().id);
    let request = LostRequest {
        reason: LostReason::BoughtCompetitor,
        competitor: Some("竞品秘密车型".into()),
        note: Some("战败备注秘密".into()),
    };
    for id in [&zhao, &qian] {
        t.store.request_lost(id, &request, None).unwrap();
    }
    for id in [&wang, &li] {
        let query = crm_store::CareTaskQuery {
            customer_id: Some(id.clone()),
            ..Default::default()
        };
        let tasks = t.store.care_tasks(&query).unwrap();
        assert!(tasks.len() >= 2, "the fixture: {tasks:?}");
        t.store
            .complete_care_task(&tasks[0].task.key, "保养结果秘密")
            .unwrap();
        t.store
            .skip_care_task(&tasks[1].task.key, "跳过原因秘密")
            .unwrap();
    }
    let care = ["保养结果秘密", "跳过原因秘密"];
    let stage = ["竞品秘密车型", "战败备注秘密"];
    for (id, secrets) in [(&wang, care), (&zhao, stage)] {
        let before = history_texts(&t.path, id);
        assert!(secrets.iter().all(|s| before.contains(s)), "{before}");
        assert!(t.store.erase_timeline_values(id).unwrap() >= 2);
        let after = history_texts(&t.path, id);
        for secret in secrets {
            assert!(!after.contains(secret), "{secret} in {after}");
        }
        assert_eq!(
            t.store.erase_timeline_values(id).unwrap(),
            0,
            "already blank"
        );
    }
    // What happened and when stays: the care moves are still there, done and skipped.
    let after = history_texts(&t.path, &wang);
    assert!(
        after.contains("\"done\"") && after.contains("\"skipped\""),
        "{after}"
    );
    let moves = count(
        &t.path,
        &format!("SELECT count(*) FROM stage_moves WHERE customer_id = '{zhao}'"),
    );
    assert!(moves >= 1);
    // Other customers' stay.
    let others = history_texts(&t.path, &li) + &history_texts(&t.path, &qian);
    for secret in care.iter().chain(&stage) {
        assert!(
            others.contains(secret),
            "{secret}: another customer's stays"
        );
    }
}

#[test]
fn a_consultant_erases_only_their_own_customers_and_a_refusal_writes_nothing() {
    let t = test_store();
    let new = |name: &str, phone: &str, owner: Option<&str>| {
        let mut new = common::customer(name, phone);
        new.owner = owner.map(Into::into);
        t.store.create_customer(&new).unwrap().id
    };
    let own = new("自己的", "13700000011", Some("c01"));
    let others = new("别人的", "13700000012", Some("c02"));
    let pool = new("公海的", "13700000013", None);
    // All three lost long ago: the retention rule would erase them.
    let request = LostRequest {
        reason: LostReason::Price,
        competitor: None,
        note: None,
    };
    for id in [&own, &others, &pool] {
        t.store.request_lost(id, &request, None).unwrap();
        t.store.approve_request(id, "m01").unwrap();
    }
    t.clock.advance(Duration::days(800));
    t.store.set_retention(&keep_for(12)).unwrap();
    t.store
        .set_sync_user(
            "c01",
            "王建国",
            crm_core::sync::UserRole::Consultant,
            Some("一组"),
        )
        .unwrap();
    let logged = t.store.deletions(10, None).unwrap().deletions.len();
    let refused = |r: Result<(), StoreError>| match r {
        Err(StoreError::Forbidden(f)) => assert_eq!(f.action, crm_core::team::Permission::Erase),
        other => panic!("expected Forbidden, got {other:?}"),
    };
    for id in [&others, &pool] {
        refused(t.store.erase_customer(id, "客户要求删除").map(drop));
        refused(t.store.delete_customer(id));
        assert!(t.store.get_customer(id).is_ok(), "nothing written");
    }
    assert_eq!(t.store.deletions(10, None).unwrap().deletions.len(), logged);
    // The retention rule on the consultant's book erases only their own.
    let now = t.clock.now_for_tests();
    assert_eq!(t.store.retention_due(now).unwrap(), vec![own.clone()]);
    assert_eq!(t.store.run_retention(now).unwrap().erased, vec![own]);
    // The team's manager erases the others.
    t.store
        .set_sync_user(
            "m01",
            "李经理",
            crm_core::sync::UserRole::Manager,
            Some("一组"),
        )
        .unwrap();
    t.store.erase_customer(&others, "客户要求删除").unwrap();
    t.store.delete_customer(&pool).unwrap();
    assert_eq!(t.store.count_customers(true).unwrap(), 0);
}

#[test]
fn the_accounts_read_the_erased_customers_orders_without_anything_personal() {
    let t = test_store();
    let (wang, li) = book(&t.store);
    assert_eq!(t.store.erased_orders().unwrap(), vec![]);
    let order = t.store.orders_of(&wang).unwrap().remove(0);
    t.store.erase_customer(&wang, "客户要求删除").unwrap();
    t.clock.advance(Duration::hours(1));
    let other = t.store.orders_of(&li).unwrap().remove(0);
    t.store.delete_customer(&li).unwrap();
    let kept = t.store.erased_orders().unwrap();
    assert_eq!(
        kept.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        vec![other.id.clone(), order.id.clone()],
        "most recently erased first"
    );
    let first = &kept[1];
    assert_eq!(first.vehicle, order.order.vehicle);
    assert_eq!(first.vin, order.order.vin.as_ref().map(ToString::to_string));
    assert_eq!(
        (first.price, first.discount, first.deposit),
        (order.order.price, order.order.discount, order.order.deposit)
    );
    assert_eq!(first.order_date, order.order.order_date);
    assert_eq!(first.consultant, order.order.consultant);
    assert_eq!(first.status, order.order.status.kind());
    assert_eq!(first.created_at, order.created_at);
    assert_eq!(first.erased_at, common::start());
    assert!(kept[0].erased_at > first.erased_at);
}

//! Downloads in any cut: the rows of a few customers (created, then edited, lists
//! replaced, records deleted) cut into batches at random points, each batch applied a
//! random number of times, some first cut off by a bad row, give the same book as
//! applying each row once, in order. And a consultant's book keeps nothing of an evicted
//! customer, anywhere in the file.

mod common;
mod sync_fixture;

use common::test_store;
use crm_core::sync::{Download, ServerRow, SyncEntity};
use proptest::prelude::*;
use serde_json::json;
use std::sync::OnceLock;
use sync_fixture::{diff, download, rich_customer, whole_dump};

/// The rows of three customers with every kind of record.
fn base_rows() -> &'static [ServerRow] {
    static ROWS: OnceLock<Vec<ServerRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let t = test_store();
        rich_customer(&t.store, "王芳", "13800138000", "13700137000", "c01");
        rich_customer(&t.store, "欧阳明", "13900139000", "13600136000", "c01");
        rich_customer(&t.store, "李雷", "13500135000", "13400134000", "c01");
        t.store.synced_rows().unwrap()
    })
}

/// A later change of one of the base rows.
#[derive(Debug, Clone)]
enum Edit {
    /// A customer's notes and importance.
    Profile {
        customer: usize,
        notes: String,
        importance: u8,
    },
    /// A customer's tags replaced.
    Tags { customer: usize, tags: Vec<String> },
    /// A record (follow-up, visit, intent ...) deleted on the server.
    Delete { row: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..3usize, "[a-z王芳]{0,6}", 0..3u8).prop_map(|(customer, notes, importance)| {
            Edit::Profile {
                customer,
                notes,
                importance,
            }
        }),
        (0..3usize, prop::collection::vec("[A-Z]{1,3}", 0..3))
            .prop_map(|(customer, tags)| Edit::Tags { customer, tags }),
        any::<prop::sample::Index>().prop_map(|i| Edit::Delete {
            row: i.index(1 << 16)
        }),
    ]
}

fn row_of(entity: SyncEntity, nth: usize) -> ServerRow {
    base_rows()
        .iter()
        .filter(|r| r.entity == entity)
        .nth(nth)
        .unwrap()
        .clone()
}

/// The rows an edit sends.
fn rows_of(edit: &Edit) -> Vec<ServerRow> {
    match edit {
        Edit::Profile {
            customer,
            notes,
            importance,
        } => {
            let mut row = row_of(SyncEntity::Customers, *customer);
            let fields = row.fields.as_mut().unwrap();
            fields["notes"] = json!(notes);
            fields["importance"] = json!(importance);
            vec![row]
        }
        Edit::Tags { customer, tags } => {
            let mut row = row_of(SyncEntity::Customers, *customer);
            row.entity = SyncEntity::CustomerTags;
            let items: Vec<_> = tags
                .iter()
                .enumerate()
                .map(|(i, t)| json!({"position": i, "tag": t}))
                .collect();
            row.fields = Some(json!({ "items": items }).as_object().unwrap().clone());
            vec![row]
        }
        Edit::Delete { row } => {
            let deletable: Vec<&ServerRow> = base_rows()
                .iter()
                .filter(|r| {
                    matches!(
                        r.entity,
                        SyncEntity::FollowUps
                            | SyncEntity::Visits
                            | SyncEntity::Plans
                            | SyncEntity::Timeline
                    )
                })
                .collect();
            let target = deletable[row % deletable.len()];
            vec![ServerRow {
                fields: None,
                ..target.clone()
            }]
        }
    }
}

/// The book's rows, without what differs between any two books (the device id) and the
/// reminders' change feed: a batch applied again after it put and then deleted a plan puts
/// it back and deletes it again, which the feed records as an addition and a cancellation,
/// net nothing for the app that schedules reminders from it.
fn book(path: &std::path::Path) -> String {
    whole_dump(path)
        .lines()
        .filter(|l| !l.starts_with("sync_state:") && !l.starts_with("reminder_changes:"))
        .collect::<Vec<_>>()
        .join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn any_cut_and_any_repeat_give_the_book_of_each_row_once(
        edits in prop::collection::vec(edit(), 0..6),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        repeats in prop::collection::vec(1..3usize, 8),
        broken in prop::collection::vec(any::<bool>(), 8),
    ) {
        let mut rows: Vec<ServerRow> = base_rows().to_vec();
        for e in &edits {
            rows.extend(rows_of(e));
        }
        // The oracle: every row once, in order, each as its own batch.
        let once = test_store();
        for (i, row) in rows.iter().enumerate() {
            once.store.apply_download(&download(vec![row.clone()], i as u64 + 1)).unwrap();
        }
        // Batches cut at random points, each applied 1 or 2 times, some first sent cut off
        // (a bad row at their end) and refused whole.
        let mut bounds: Vec<usize> = cuts.iter().map(|c| c.index(rows.len() + 1)).collect();
        bounds.extend([0, rows.len()]);
        bounds.sort_unstable();
        bounds.dedup();
        let cut = test_store();
        for (b, pair) in bounds.windows(2).enumerate() {
            let batch = Download {
                rows: rows[pair[0]..pair[1]].to_vec(),
                evicted: vec![],
                checkpoint: crm_core::sync::Checkpoint(pair[1] as u64),
                has_more: pair[1] < rows.len(),
                notices: vec![],
            };
            if broken[b % broken.len()] {
                let before = book(&cut.path);
                let mut bad = batch.clone();
                let mut extra = row_of(SyncEntity::Customers, 0);
                extra.fields.as_mut().unwrap().insert("no_such_column".into(), json!(1));
                bad.rows.push(extra);
                prop_assert!(cut.store.apply_download(&bad).is_err());
                prop_assert_eq!(book(&cut.path), before);
            }
            for _ in 0..repeats[b % repeats.len()] {
                cut.store.apply_download(&batch).unwrap();
            }
        }
        let (got, want) = (book(&cut.path), book(&once.path));
        prop_assert!(got == want, "{}", diff(&got, &want));
    }
}

#[test]
fn a_consultants_book_keeps_nothing_of_an_evicted_customer_anywhere() {
    let t = test_store();
    let gone = rich_customer(&t.store, "司马相如", "13800138000", "13700137000", "c01");
    let stays = rich_customer(&t.store, "欧阳明", "13900139000", "13600136000", "c01");
    let gone_phone = "138001380";
    let summary = t
        .store
        .apply_download(&Download {
            rows: vec![],
            evicted: vec![gone.to_string(), "never-on-this-device".into()],
            checkpoint: crm_core::sync::Checkpoint(9),
            has_more: false,
            notices: vec![],
        })
        .unwrap();
    assert_eq!(summary.evicted, 1);
    // Every row of every table, as stored (text, JSON, and the contacts' keys).
    let all = whole_dump(&t.path);
    for needle in [gone.as_str(), "司马相如", "司马", gone_phone, "sima"] {
        let found: Vec<&str> = all.lines().filter(|l| l.contains(needle)).collect();
        assert!(found.is_empty(), "{needle} is still in {found:#?}");
    }
    assert!(all.contains(stays.as_str()));
    assert!(all.contains("欧阳明"));
    assert!(t.store.get_customer(&stays).is_ok());
}

//! The sync payloads a device takes in: a download batch and the answer to an upload. A
//! payload that reads is applied whole or refused naming the row and field
//! (`rows[3].fields.name`, `rejected[0].current.fields.name`) with nothing written; an
//! applied batch applied again changes nothing.

use crate::harness::{config, corpus, json_mutated, mutated};
use chrono::Duration;
use crm_core::sync::{Checkpoint, Download, Rejection, ServerRow, UploadResult};
use crm_core::{
    ConsentChange, ConsentChannel, ConsentSource, ConsentState, ContactInput, ContactKind,
    CustomerPatch, FollowUpKind, FollowUpMethod, NewCustomer, NewFollowUp, NewPlan,
    NewVehicleIntent, PlanTime, SourceChannel,
};
use crm_store::{Store, StoreError, SyncRejection};
use proptest::prelude::*;
use std::sync::OnceLock;

/// A book with a customer in most synced tables, written through the store's operations.
fn rich_book() -> Store {
    let store = Store::open_in_memory().expect("an in-memory book");
    for (name, phone) in [("王芳", "13800138000"), ("欧阳明", "13900139000")] {
        let mut new = NewCustomer::new(
            name,
            ContactInput::new(ContactKind::Mobile, phone),
            SourceChannel::ShowroomWalkIn,
        );
        new.contacts
            .push(ContactInput::new(ContactKind::Wechat, format!("wx{phone}")));
        new.tags = vec!["SUV".into(), "二胎".into()];
        new.owner = Some("c01".into());
        new.notes = Some(format!("{name}想要白色"));
        let id = store.create_customer(&new).expect("a customer").id;
        store
            .set_consent(
                &id,
                &ConsentChange {
                    channel: ConsentChannel::Sms,
                    state: ConsentState::Granted,
                    source: ConsentSource::InPerson,
                    note: None,
                },
            )
            .expect("a consent");
        let now = store.clock().now();
        let follow_up = NewFollowUp::new(
            id.clone(),
            FollowUpMethod::Phone,
            FollowUpKind::NeedsDiscovery,
            now - Duration::hours(2),
            format!("{name}问了途观L的价格"),
        );
        let plan = NewPlan {
            customer_id: id.clone(),
            time: PlanTime::OnDate(now.date_naive() + Duration::days(3)),
            method: FollowUpMethod::Wechat,
            purpose: "约试驾".into(),
            content: None,
        };
        store
            .log_follow_up(&id, &follow_up, Some(&plan))
            .expect("a follow-up");
        store
            .add_intent(
                &NewVehicleIntent {
                    brand: Some("大众".into()),
                    series: Some("途观L".into()),
                    ..NewVehicleIntent::new(id.clone())
                },
                Some("c01"),
            )
            .expect("an intent");
    }
    store
}

/// The rows of [`rich_book`], as a first download brings them.
fn rich_rows() -> &'static [ServerRow] {
    static ROWS: OnceLock<Vec<ServerRow>> = OnceLock::new();
    ROWS.get_or_init(|| rich_book().synced_rows().expect("the synced rows"))
}

/// Downloads made from a real book: everything; the same later with the children deleted;
/// one customer evicted.
fn download_seeds() -> Vec<String> {
    let rows = rich_rows().to_vec();
    let whole = Download {
        rows: rows.clone(),
        evicted: vec![],
        checkpoint: Checkpoint(7),
        has_more: true,
        notices: vec![],
    };
    let deleted = Download {
        rows: rows
            .iter()
            .map(|r| ServerRow {
                version: 9,
                fields: if r.id == r.customer_id {
                    r.fields.clone()
                } else {
                    None
                },
                ..r.clone()
            })
            .collect(),
        evicted: vec![],
        checkpoint: Checkpoint(9),
        has_more: false,
        notices: vec![],
    };
    let evicted = Download {
        rows: vec![],
        evicted: vec![rows[0].customer_id.clone(), "no-such-customer".into()],
        checkpoint: Checkpoint(10),
        has_more: false,
        notices: vec![],
    };
    let mut seeds: Vec<String> = [whole, deleted, evicted]
        .iter()
        .map(|d| serde_json::to_string(d).expect("a download as JSON"))
        .collect();
    seeds.extend(corpus("sync_download"));
    seeds
}

/// Everything of a book a payload may change, read through the public API.
#[derive(Debug, PartialEq)]
struct Snapshot {
    rows: Vec<ServerRow>,
    checkpoint: Checkpoint,
    pending: u64,
    customers: u64,
    rejections: Vec<SyncRejection>,
}

fn snapshot(store: &Store) -> Snapshot {
    Snapshot {
        rows: store.synced_rows().expect("the synced rows"),
        checkpoint: store.sync_checkpoint().expect("the checkpoint"),
        pending: store.pending_count().expect("the upload queue"),
        customers: store.count_customers(true).expect("the customers"),
        rejections: store.sync_rejections().expect("the rejections"),
    }
}

/// A device's book: the rich book's rows downloaded, one of its customers edited here and
/// not uploaded yet, and a customer of its own.
fn device() -> Store {
    let store = Store::open_in_memory().expect("an in-memory book");
    let first = Download {
        rows: rich_rows().to_vec(),
        evicted: vec![],
        checkpoint: Checkpoint(1),
        has_more: false,
        notices: vec![],
    };
    store.apply_download(&first).expect("the first download");
    let id = rich_rows()[0].customer_id.clone().into();
    let version = store
        .get_customer(&id)
        .expect("a downloaded customer")
        .version;
    let patch = CustomerPatch {
        notes: Some(Some("改约周六".into())),
        ..CustomerPatch::default()
    };
    store
        .update_customer(&id, version, &patch)
        .expect("a local edit");
    store
        .create_customer(&NewCustomer::new(
            "李雷",
            ContactInput::new(ContactKind::Mobile, "13500135000"),
            SourceChannel::PhoneHotline,
        ))
        .expect("a local customer");
    store
}

fn check_download(json: &str) -> Result<(), TestCaseError> {
    let Ok(download) = serde_json::from_str::<Download>(json) else {
        return Ok(());
    };
    let store = device();
    let before = snapshot(&store);
    match store.apply_download(&download) {
        Ok(_) => {
            let once = snapshot(&store);
            let again = store.apply_download(&download);
            prop_assert!(again.is_ok(), "{}: {:?}", json, again);
            prop_assert_eq!(snapshot(&store), once, "{}", json);
        }
        Err(StoreError::Invalid(e)) => {
            prop_assert!(
                e.field.starts_with("rows[") || e.field.starts_with("evicted["),
                "{}: {}",
                json,
                e
            );
            prop_assert_eq!(snapshot(&store), before, "{}", json);
        }
        Err(other) => prop_assert!(false, "{}: {:?}", json, other),
    }
    Ok(())
}

/// Answers to the device's first upload: all accepted; the first change refused with the
/// server's row; the second refused with none (the server has no such row).
fn answer_seeds() -> Vec<String> {
    let upload = device().pending_upload(100).expect("the upload");
    let last = upload.changes.last().map_or(0, |c| c.op_id);
    let refuse = |i: usize, current: Option<ServerRow>| {
        upload.changes.get(i).map(|c| Rejection {
            op_id: c.op_id,
            entity: c.entity,
            id: c.id.clone(),
            reason: "owned by c02".into(),
            current,
        })
    };
    let server_row = rich_rows().first().cloned();
    let answers = [
        UploadResult {
            acknowledged_through: last,
            rejected: vec![],
        },
        UploadResult {
            acknowledged_through: last,
            rejected: refuse(0, server_row).into_iter().collect(),
        },
        UploadResult {
            acknowledged_through: last,
            rejected: refuse(1, None).into_iter().collect(),
        },
    ];
    let mut seeds: Vec<String> = answers
        .iter()
        .map(|a| serde_json::to_string(a).expect("an answer as JSON"))
        .collect();
    seeds.extend(corpus("sync_answer"));
    seeds
}

fn check_answer(json: &str) -> Result<(), TestCaseError> {
    let Ok(answer) = serde_json::from_str::<UploadResult>(json) else {
        return Ok(());
    };
    let store = device();
    let before = snapshot(&store);
    match store.acknowledge(&answer) {
        Ok(()) => {
            let after = snapshot(&store);
            prop_assert!(after.pending <= before.pending, "{}", json);
        }
        Err(StoreError::Invalid(e)) => {
            prop_assert!(
                e.field.starts_with("rejected[") || e.field == "acknowledged_through",
                "{}: {}",
                json,
                e
            );
            prop_assert_eq!(snapshot(&store), before, "{}", json);
        }
        Err(other) => prop_assert!(false, "{}: {:?}", json, other),
    }
    Ok(())
}

fn payload(seeds: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        5 => json_mutated(seeds.clone()),
        1 => mutated(seeds),
    ]
}

proptest! {
    #![proptest_config(config(40))]

    #[test]
    fn a_download_is_applied_whole_or_refused_naming_the_row(json in payload(download_seeds())) {
        check_download(&json)?;
    }

    #[test]
    fn an_upload_answer_is_taken_whole_or_refused_naming_the_row(json in payload(answer_seeds())) {
        check_answer(&json)?;
    }
}

#[test]
fn every_seed_holds() {
    for seed in download_seeds() {
        check_download(&seed).unwrap();
    }
    for seed in answer_seeds() {
        check_answer(&seed).unwrap();
    }
}

/// The first row of `entity` in the rich book, with `field` set to `value`.
fn with_field(
    entity: crm_core::sync::SyncEntity,
    field: &str,
    value: serde_json::Value,
) -> ServerRow {
    let mut row = rich_rows()
        .iter()
        .find(|r| r.entity == entity)
        .expect("a row of the entity")
        .clone();
    row.fields
        .as_mut()
        .expect("a row with fields")
        .insert(field.to_owned(), value);
    row
}

/// The field a refused payload names.
fn refused_field(result: Result<impl std::fmt::Debug, StoreError>) -> String {
    match result {
        Err(StoreError::Invalid(e)) => e.field,
        other => panic!("not refused naming a field: {other:?}"),
    }
}

#[test]
fn a_real_where_a_download_keeps_an_instant_is_refused_naming_the_field() {
    let store = device();
    let before = snapshot(&store);
    let mut rows = rich_rows().to_vec();
    rows[0] = with_field(
        crm_core::sync::SyncEntity::Customers,
        "first_contact_at",
        serde_json::json!(4.3e-129),
    );
    let download = Download {
        rows,
        evicted: vec![],
        checkpoint: Checkpoint(7),
        has_more: false,
        notices: vec![],
    };
    // The row's fields, or the column itself when SQLite's error names it.
    let field = refused_field(store.apply_download(&download));
    assert!(
        ["rows[0].fields", "rows[0].fields.first_contact_at"].contains(&field.as_str()),
        "{field}"
    );
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_flag_where_an_answer_keeps_an_age_band_is_refused_naming_the_field() {
    let store = device();
    let before = snapshot(&store);
    let upload = store.pending_upload(100).expect("the upload");
    let change = &upload.changes[0];
    let answer = UploadResult {
        acknowledged_through: upload.changes.last().map_or(0, |c| c.op_id),
        rejected: vec![Rejection {
            op_id: change.op_id,
            entity: crm_core::sync::SyncEntity::Customers,
            id: rich_rows()[0].id.clone(),
            reason: "owned by c02".into(),
            current: Some(with_field(
                crm_core::sync::SyncEntity::Customers,
                "age_band",
                serde_json::json!(false),
            )),
        }],
    };
    assert_eq!(
        refused_field(store.acknowledge(&answer)),
        "rejected[0].current.fields.age_band"
    );
    assert_eq!(snapshot(&store), before);
}

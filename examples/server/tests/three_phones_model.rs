//! A model-based test of sync: random writes on three phones (two of consultant c01, one of
//! their manager m1), synced in random orders, some answers lost on the way (an upload the
//! server took whose acknowledgement never arrived; a download never applied). After every
//! phone syncs twice, each book equals the server's view of its user's scope, and each
//! customer's fields hold the last write the server accepted, by a model that replays the
//! uploads the server received in the order it received them.

mod common;

use common::{database, server, user};
use crm_core::sync::{ChangeOp, Download, ServerRow, SyncEntity, Upload, UploadResult};
use crm_core::{ContactInput, ContactKind, CustomerPatch, Importance, NewCustomer, SourceChannel};
use crm_server::auth::Role;
use crm_store::Store;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// What a phone does.
#[derive(Debug, Clone)]
enum Op {
    /// A new customer (only the consultant's phones: a manager's new customer needs an owner).
    Create { phone: usize },
    /// New notes on the phone's `nth` customer.
    Notes { phone: usize, nth: usize, text: u8 },
    /// The phone's `nth` customer made a key customer, or a normal one again.
    Importance { phone: usize, nth: usize, key: bool },
    /// New tags on the phone's `nth` customer (a list, replaced whole).
    Tags { phone: usize, nth: usize, tags: u8 },
    /// A sync, losing the upload's answer and/or the download on the way.
    Sync {
        phone: usize,
        lose_answer: bool,
        lose_download: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..2usize).prop_map(|phone| Op::Create { phone }),
        1 => (0..3usize, 0..4usize, any::<u8>()).prop_map(|(phone, nth, text)| Op::Notes { phone, nth, text }),
        1 => (0..3usize, 0..4usize, any::<bool>()).prop_map(|(phone, nth, key)| Op::Importance { phone, nth, key }),
        1 => (0..3usize, 0..4usize, any::<u8>()).prop_map(|(phone, nth, tags)| Op::Tags { phone, nth, tags }),
        2 => (0..3usize, any::<bool>(), any::<bool>()).prop_map(|(phone, a, d)| Op::Sync {
            phone,
            lose_answer: a && phone != 2,
            lose_download: d,
        }),
    ]
}

/// The server's customers' fields, replayed from the uploads it received.
#[derive(Default)]
struct Model {
    /// (device, op id) already applied: the server ignores a replay.
    seen: BTreeSet<(String, u64)>,
    /// Customer id → field → value, for the fields the ops write.
    customers: BTreeMap<String, BTreeMap<String, Value>>,
    /// Customer id → its tags, in order.
    tags: BTreeMap<String, Vec<Value>>,
}

impl Model {
    fn received(&mut self, upload: &Upload) {
        for change in &upload.changes {
            if !self.seen.insert((upload.device_id.clone(), change.op_id)) {
                continue;
            }
            match (change.entity, change.op) {
                (SyncEntity::Customers, ChangeOp::Put) => {
                    let row = self.customers.entry(change.id.clone()).or_default();
                    for field in ["name", "notes", "importance"] {
                        if let Some(value) = change.fields.get(field) {
                            row.insert(field.into(), value.clone());
                        }
                    }
                }
                (SyncEntity::CustomerTags, ChangeOp::Put) => {
                    let items = change.fields["items"].as_array().unwrap();
                    let tags = items.iter().map(|t| t["tag"].clone()).collect();
                    self.tags.insert(change.id.clone(), tags);
                }
                (SyncEntity::CustomerTags, ChangeOp::Delete) => {
                    self.tags.insert(change.id.clone(), Vec::new());
                }
                _ => {}
            }
        }
    }
}

/// One phone: its book, its user's token.
struct Phone {
    store: Store,
    token: String,
}

struct Team {
    url: String,
    phones: [Phone; 3],
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

fn team() -> Team {
    runtime().block_on(async {
        let db = database().await;
        let url = server(&db).await;
        let c01 = user(&db, "c01", Role::Consultant, Some("A")).await;
        let c01_again = user(&db, "c01", Role::Consultant, Some("A")).await;
        let m1 = user(&db, "m1", Role::Manager, Some("A")).await;
        let phone = |token: String| Phone {
            store: Store::open_in_memory().unwrap(),
            token,
        };
        Team {
            url,
            phones: [phone(c01), phone(c01_again), phone(m1)],
        }
    })
}

fn http() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// A sync through the payload-level operations, where answers can be lost.
fn lossy_sync(
    team: &Team,
    phone: &Phone,
    model: &mut Model,
    lose_answer: bool,
    lose_download: bool,
) {
    let agent = http();
    let auth = format!("Bearer {}", phone.token);
    let upload = phone.store.pending_upload(500).unwrap();
    if !upload.changes.is_empty() {
        let mut answer = agent
            .post(format!("{}/v1/upload", team.url))
            .header("Authorization", &auth)
            .send_json(&upload)
            .unwrap();
        assert_eq!(answer.status(), 200);
        model.received(&upload);
        let result: UploadResult = answer.body_mut().read_json().unwrap();
        assert!(result.rejected.is_empty(), "{:?}", result.rejected);
        if lose_answer {
            return;
        }
        phone.store.acknowledge(&result).unwrap();
    }
    let checkpoint = phone.store.sync_checkpoint().unwrap().0;
    let mut answer = agent
        .get(format!(
            "{}/v1/download?checkpoint={checkpoint}&limit=7",
            team.url
        ))
        .header("Authorization", &auth)
        .call()
        .unwrap();
    assert_eq!(answer.status(), 200);
    let download: Download = answer.body_mut().read_json().unwrap();
    if !lose_download {
        phone.store.apply_download(&download).unwrap();
    }
}

/// A whole sync through the library's transport, with the model told what it uploads.
fn full_sync(team: &Team, phone: &Phone, model: &mut Model) {
    // What this sync will send, in the order it sends it (the queue, oldest first).
    let pending = phone.store.pending_upload(10_000).unwrap();
    let summary = phone.store.sync(&team.url, &phone.token).unwrap();
    model.received(&pending);
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
}

/// The phone's `nth` customer (by id), if it has that many.
fn nth_customer(store: &Store, nth: usize) -> Option<crm_core::Customer> {
    let mut ids: Vec<String> = store
        .synced_rows()
        .unwrap()
        .into_iter()
        .filter(|r| r.entity == SyncEntity::Customers)
        .map(|r| r.id)
        .collect();
    ids.sort();
    let id = ids.get(nth)?;
    Some(
        store
            .get_customer(&crm_core::CustomerId(id.clone()))
            .unwrap(),
    )
}

/// Edits the phone's `nth` customer. A customer whose contacts a lost download has not
/// brought yet cannot be edited (an edit checks the whole customer): refused, nothing
/// written, as the app would show it.
fn edit(store: &Store, nth: usize, patch: CustomerPatch) {
    let Some(c) = nth_customer(store, nth) else {
        return;
    };
    let queued = store.pending_count().unwrap();
    match store.update_customer(&c.id, c.version, &patch) {
        Ok(_) => {}
        Err(crm_store::StoreError::Invalid(e)) if e.field == "contacts" => {
            assert!(c.profile.contacts.is_empty());
            assert_eq!(store.pending_count().unwrap(), queued, "nothing queued");
        }
        Err(e) => panic!("{e}"),
    }
}

/// Rows in one order, versions left out, and an emptied list the same as none (a book
/// holds no rows for it; the server keeps the list's row).
fn sorted(mut rows: Vec<ServerRow>) -> Vec<ServerRow> {
    rows.retain(|r| {
        r.fields
            .as_ref()
            .and_then(|f| f.get("items"))
            .is_none_or(|items| items.as_array().is_none_or(|a| !a.is_empty()))
    });
    for row in &mut rows {
        row.version = 0;
    }
    rows.sort_by(|x, y| (x.entity, &x.id).cmp(&(y.entity, &y.id)));
    rows
}

/// The rows on one side only, or different, for a readable failure.
fn differences(book: &[ServerRow], server: &[ServerRow]) -> Vec<String> {
    let key = |r: &ServerRow| (r.entity, r.id.clone());
    let on_server: BTreeMap<_, _> = server.iter().map(|r| (key(r), r)).collect();
    let in_book: BTreeMap<_, _> = book.iter().map(|r| (key(r), r)).collect();
    let mut out = Vec::new();
    for (k, r) in &in_book {
        match on_server.get(k) {
            None => out.push(format!("only in the book: {r:?}")),
            Some(s) if s != r => out.push(format!("book {r:?}\n   server {s:?}")),
            _ => {}
        }
    }
    for (k, r) in &on_server {
        if !in_book.contains_key(k) {
            out.push(format!("only on the server: {r:?}"));
        }
    }
    out
}

/// Everything the server holds for the phone's user: a download from the start.
fn server_view(team: &Team, phone: &Phone) -> Vec<ServerRow> {
    let agent = http();
    let mut rows = Vec::new();
    let mut checkpoint = 0;
    loop {
        let mut answer = agent
            .get(format!("{}/v1/download?checkpoint={checkpoint}", team.url))
            .header("Authorization", &format!("Bearer {}", phone.token))
            .call()
            .unwrap();
        let download: Download = answer.body_mut().read_json().unwrap();
        rows.extend(download.rows.into_iter().filter(|r| r.fields.is_some()));
        checkpoint = download.checkpoint.0;
        if !download.has_more {
            break;
        }
    }
    // A row sent early as a parent comes again at its own version: keep the last.
    let mut last = BTreeMap::new();
    for row in rows {
        last.insert((row.entity, row.id.clone()), row);
    }
    sorted(last.into_values().collect())
}

fn run(ops: Vec<Op>) {
    let team = team();
    let mut model = Model::default();
    let mut created = 0;
    for op in ops {
        match op {
            Op::Create { phone } => {
                created += 1;
                let new = NewCustomer::new(
                    format!("客户{created}"),
                    ContactInput::new(ContactKind::Mobile, format!("1390000{created:04}")),
                    SourceChannel::ShowroomWalkIn,
                );
                team.phones[phone].store.create_customer(&new).unwrap();
            }
            Op::Notes { phone, nth, text } => edit(
                &team.phones[phone].store,
                nth,
                CustomerPatch {
                    notes: Some(Some(format!("备注{text}"))),
                    ..CustomerPatch::default()
                },
            ),
            Op::Importance { phone, nth, key } => edit(
                &team.phones[phone].store,
                nth,
                CustomerPatch {
                    importance: Some(if key {
                        Importance::Key
                    } else {
                        Importance::Normal
                    }),
                    ..CustomerPatch::default()
                },
            ),
            Op::Tags { phone, nth, tags } => edit(
                &team.phones[phone].store,
                nth,
                CustomerPatch {
                    tags: Some(
                        (0..tags % 3)
                            .map(|i| format!("标签{}", (tags as u32 + i as u32) % 5))
                            .collect(),
                    ),
                    ..CustomerPatch::default()
                },
            ),
            Op::Sync {
                phone,
                lose_answer,
                lose_download,
            } => lossy_sync(
                &team,
                &team.phones[phone],
                &mut model,
                lose_answer,
                lose_download,
            ),
        }
    }
    for _ in 0..2 {
        for phone in &team.phones {
            full_sync(&team, phone, &mut model);
        }
    }
    for (i, phone) in team.phones.iter().enumerate() {
        assert_eq!(phone.store.pending_count().unwrap(), 0, "phone {i}");
        let book = sorted(phone.store.synced_rows().unwrap());
        let view = server_view(&team, phone);
        let diff = differences(&book, &view);
        assert!(
            diff.is_empty(),
            "phone {i}'s book is not the server's view:\n{}",
            diff.join("\n")
        );
        // Every write the server accepted is in the book as the model replays it.
        for row in book.iter().filter(|r| r.entity == SyncEntity::Customers) {
            let fields = row.fields.as_ref().unwrap();
            for (field, value) in &model.customers[&row.id] {
                assert_eq!(&fields[field], value, "phone {i}, {} {field}", row.id);
            }
        }
        for row in book.iter().filter(|r| r.entity == SyncEntity::CustomerTags) {
            let items = row.fields.as_ref().unwrap()["items"].as_array().unwrap();
            let tags: Vec<Value> = items.iter().map(|t| t["tag"].clone()).collect();
            assert_eq!(
                &tags,
                model.tags.get(&row.id).unwrap_or(&Vec::new()),
                "phone {i} tags"
            );
        }
    }
    let customers = |phone: &Phone| phone.store.count_customers(true).unwrap();
    assert_eq!(customers(&team.phones[0]), created);
    assert_eq!(customers(&team.phones[1]), created);
    assert_eq!(
        customers(&team.phones[2]),
        created,
        "the manager sees the team's"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn three_phones_agree_with_the_server_after_everyone_syncs_twice(ops in proptest::collection::vec(op(), 1..40)) {
        run(ops);
    }
}

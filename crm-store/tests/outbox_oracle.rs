//! The upload queue against an independent oracle: after random sequences of writes
//! through the store, replaying the queued changes into a plain map (a record's puts merged
//! field by field, a list replaced whole, a delete removing the row and the rows that belong
//! to it) gives exactly the synced columns of the book as plain SQL reads them. So the
//! server, applying the same changes, ends up holding the device's book.

mod common;

use chrono::{Duration, NaiveDate};
use common::{sample_order, test_store, NowForTests, TestStore};
use crm_core::sync::{Change, ChangeOp, EntityShape, SyncEntity};
use crm_core::{
    Code, ConsentChange, ConsentChannel, ConsentSource, ConsentState, ContactInput, ContactKind,
    CustomerId, CustomerPatch, FollowUpKind, FollowUpMethod, FollowUpPatch, IntentLevel,
    NewDelivery, NewFollowUp, NewPlan, NewVehicleIntent, OdometerReading, OdometerSource,
    PlanPatch, PlanTime, Stage, VisitKind,
};
use crm_store::{ENTITY_COLUMNS, MAX_PAGE_SIZE};
use proptest::prelude::*;
use rusqlite::Connection;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// (entity, row id) → a record's fields (an object) or a list's items (an array).
type Model = BTreeMap<(SyncEntity, String), Value>;

/// Removes `(entity, id)` and, as the book's foreign keys do, the rows that belong to it
/// (a merge record has no foreign key: it outlives its customers).
fn remove(model: &mut Model, entity: SyncEntity, id: &str) {
    model.remove(&(entity, id.to_string()));
    for child in ENTITY_COLUMNS.iter() {
        let Some((parent, column)) = child.parent else {
            continue;
        };
        if parent != entity || child.entity == SyncEntity::CustomerMerges {
            continue;
        }
        let belonging: Vec<String> = model
            .iter()
            .filter(|((e, key), row)| {
                *e == child.entity
                    && match child.shape() {
                        EntityShape::List => key == id,
                        _ => row.get(column).and_then(Value::as_str) == Some(id),
                    }
            })
            .map(|((_, key), _)| key.clone())
            .collect();
        for key in belonging {
            remove(model, child.entity, &key);
        }
    }
}

/// The queue replayed into a map.
fn replay(changes: &[Change]) -> Model {
    let mut model = Model::new();
    for c in changes {
        let key = (c.entity, c.id.clone());
        match (c.op, c.entity.shape()) {
            (ChangeOp::Delete, _) => remove(&mut model, c.entity, &c.id),
            (ChangeOp::Put, EntityShape::List) => {
                model.insert(key, c.fields["items"].clone());
            }
            (ChangeOp::Put, _) => {
                let row = model
                    .entry(key)
                    .or_insert_with(|| Value::Object(Map::new()));
                for (field, value) in &c.fields {
                    row[field] = value.clone();
                }
            }
        }
    }
    model
}

/// The book's synced columns, read by plain SQL.
fn book(conn: &Connection) -> Model {
    let mut model = Model::new();
    for c in ENTITY_COLUMNS.iter().filter(|c| !c.synced.is_empty()) {
        let object = c
            .synced
            .iter()
            .map(|n| format!("'{n}', {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let order = if c.item_key.is_empty() {
            c.id.to_string()
        } else {
            format!("{}, {}", c.id, c.item_key.join(", "))
        };
        let sql = format!(
            "SELECT {}, json_object({object}) FROM {} ORDER BY {order}",
            c.id,
            c.table()
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap();
        for row in rows {
            let (id, json) = row.unwrap();
            let value: Value = serde_json::from_str(&json).unwrap();
            let key = (c.entity, id);
            if c.shape() == EntityShape::List {
                let items = model.entry(key).or_insert_with(|| Value::Array(vec![]));
                items.as_array_mut().unwrap().push(value);
            } else {
                assert!(model.insert(key, value).is_none(), "one row per id");
            }
        }
    }
    model
}

#[derive(Debug, Clone)]
enum Op {
    Create(usize),
    Edit(usize, u8),
    Contacts(usize, usize),
    Tags(usize, usize),
    Archive(usize, bool),
    Delete(usize),
    Log(usize, bool),
    EditFollowUp(usize),
    DeleteFollowUp(usize),
    Plan(usize, u8),
    Level(usize, usize),
    Intent(usize, bool),
    Visit(usize, bool),
    Advance(usize, usize),
    Order(usize, bool),
    Odometer(usize, u32),
    Consent(usize, bool),
    Merge(usize, usize),
    Zone(bool),
}

fn op() -> impl Strategy<Value = Op> {
    let c = 0..6usize;
    prop_oneof![
        3 => (0..3usize).prop_map(Op::Create),
        2 => (c.clone(), any::<u8>()).prop_map(|(c, v)| Op::Edit(c, v)),
        1 => (c.clone(), 1..4usize).prop_map(|(c, n)| Op::Contacts(c, n)),
        1 => (c.clone(), 0..4usize).prop_map(|(c, n)| Op::Tags(c, n)),
        1 => (c.clone(), any::<bool>()).prop_map(|(c, b)| Op::Archive(c, b)),
        1 => c.clone().prop_map(Op::Delete),
        2 => (c.clone(), any::<bool>()).prop_map(|(c, b)| Op::Log(c, b)),
        1 => c.clone().prop_map(Op::EditFollowUp),
        1 => c.clone().prop_map(Op::DeleteFollowUp),
        1 => (c.clone(), 0..4u8).prop_map(|(c, how)| Op::Plan(c, how)),
        1 => (c.clone(), 0..IntentLevel::ALL.len()).prop_map(|(c, l)| Op::Level(c, l)),
        1 => (c.clone(), any::<bool>()).prop_map(|(c, b)| Op::Intent(c, b)),
        1 => (c.clone(), any::<bool>()).prop_map(|(c, b)| Op::Visit(c, b)),
        1 => (c.clone(), 1..4usize).prop_map(|(c, s)| Op::Advance(c, s)),
        1 => (c.clone(), any::<bool>()).prop_map(|(c, b)| Op::Order(c, b)),
        1 => (c.clone(), 1..50_000u32).prop_map(|(c, km)| Op::Odometer(c, km)),
        1 => (c.clone(), any::<bool>()).prop_map(|(c, b)| Op::Consent(c, b)),
        1 => (c.clone(), c).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => any::<bool>().prop_map(Op::Zone),
    ]
}

/// A valid Chinese VIN, different for each `n`.
fn vin(n: usize) -> String {
    let mut vin = format!("LSVAU2A30N2{n:06}");
    let digit = crm_core::vin_check_digit(&vin).unwrap();
    vin.replace_range(8..9, &digit.to_string());
    vin
}

/// Applies `op` (the `step`-th); refusals (a duplicate phone, a closed plan ...) are part of
/// the game: they must queue nothing, which the comparison checks too.
fn apply(t: &TestStore, ids: &mut Vec<CustomerId>, step: usize, op: &Op) {
    let s = &t.store;
    let now = t.clock.now_for_tests();
    let today = s.settings().unwrap().zone.local_date(now);
    let pick = |c: usize| ids.get(c % ids.len().max(1)).cloned();
    let version = |id: &CustomerId| s.get_customer(id).map(|c| c.version).unwrap_or(0);
    let phone = |k: usize| format!("137{:04}{k:04}", step);
    match op {
        Op::Create(owner) => {
            let mut new = common::customer(&format!("客户{step}"), &phone(0));
            new.owner = Some(format!("c0{owner}"));
            if let Ok(c) = s.create_customer(&new) {
                ids.push(c.id);
            }
        }
        _ if ids.is_empty() => {}
        Op::Edit(c, v) => {
            let id = pick(*c).unwrap();
            let patch = CustomerPatch {
                notes: Some((v % 3 != 0).then(|| format!("备注{v}"))),
                owner: (v % 4 == 0).then(|| Some(format!("c0{}", v % 3))),
                ..Default::default()
            };
            s.update_customer(&id, version(&id), &patch).ok();
        }
        Op::Contacts(c, n) => {
            let id = pick(*c).unwrap();
            let mut contacts: Vec<ContactInput> = (0..*n)
                .map(|k| ContactInput::new(ContactKind::Mobile, phone(k + 1)))
                .collect();
            contacts[0] = contacts[0].clone().primary();
            let patch = CustomerPatch {
                contacts: Some(contacts),
                ..Default::default()
            };
            s.update_customer(&id, version(&id), &patch).ok();
        }
        Op::Tags(c, n) => {
            let id = pick(*c).unwrap();
            let tags = ["VIP", "置换", "贷款", "团购"][..*n]
                .iter()
                .map(|t| t.to_string())
                .collect();
            let patch = CustomerPatch {
                tags: Some(tags),
                ..Default::default()
            };
            s.update_customer(&id, version(&id), &patch).ok();
        }
        Op::Archive(c, archive) => {
            let id = pick(*c).unwrap();
            if *archive {
                s.archive_customer(&id, version(&id)).ok();
            } else {
                s.restore_customer(&id, version(&id)).ok();
            }
        }
        Op::Delete(c) => {
            let id = pick(*c).unwrap();
            if s.delete_customer(&id).is_ok() {
                ids.retain(|x| *x != id);
            }
        }
        Op::Log(c, with_plan) => {
            let id = pick(*c).unwrap();
            let f = NewFollowUp::new(
                id.clone(),
                FollowUpMethod::Phone,
                FollowUpKind::Other,
                now - Duration::minutes(step as i64 + 1),
                format!("回访{step}"),
            );
            let plan = NewPlan {
                customer_id: id.clone(),
                time: PlanTime::OnDate(today + Duration::days(2)),
                method: FollowUpMethod::Wechat,
                purpose: "邀约".into(),
                content: None,
            };
            s.log_follow_up(&id, &f, with_plan.then_some(&plan)).ok();
        }
        Op::EditFollowUp(c) => {
            let id = pick(*c).unwrap();
            if let Some(f) = s.follow_ups_of(&id).unwrap_or_default().first() {
                let patch = FollowUpPatch {
                    content: Some(format!("改{step}")),
                    ..Default::default()
                };
                s.update_follow_up(&f.id, f.version, &patch).ok();
            }
        }
        Op::DeleteFollowUp(c) => {
            let id = pick(*c).unwrap();
            if let Some(f) = s.follow_ups_of(&id).unwrap_or_default().first() {
                s.delete_follow_up(&f.id).ok();
            }
        }
        Op::Plan(c, how) => {
            let id = pick(*c).unwrap();
            match s.open_plan(&id).ok().flatten() {
                None => {
                    let plan = NewPlan {
                        customer_id: id.clone(),
                        time: PlanTime::At(now + Duration::hours(step as i64 + 1)),
                        method: FollowUpMethod::Phone,
                        purpose: "回访".into(),
                        content: None,
                    };
                    s.set_plan(&plan).ok();
                }
                Some(p) => match how {
                    0 => {
                        let patch = PlanPatch {
                            purpose: Some(format!("改{step}")),
                            ..Default::default()
                        };
                        s.update_plan(&p.id, p.version, &patch).ok();
                    }
                    1 => {
                        s.cancel_plan(&p.id, p.version, "不需要").ok();
                    }
                    2 => {
                        let to = PlanTime::OnDate(today + Duration::days(5));
                        s.reschedule_plan(&p.id, p.version, to, None).ok();
                    }
                    _ => {
                        s.complete_plan(&p.id, p.version).ok();
                    }
                },
            }
        }
        Op::Level(c, l) => {
            let id = pick(*c).unwrap();
            s.set_intent_level(&id, version(&id), IntentLevel::ALL[*l], None)
                .ok();
        }
        Op::Intent(c, add) => {
            let id = pick(*c).unwrap();
            let existing = s.intents_of(&id).unwrap_or_default();
            match existing.first() {
                Some(i) if !add => {
                    s.remove_intent(&i.id, i.version, None).ok();
                }
                _ => {
                    let new = NewVehicleIntent {
                        brand: Some("大众".into()),
                        series: Some(format!("途观{step}")),
                        ..NewVehicleIntent::new(id.clone())
                    };
                    s.add_intent(&new, None).ok();
                }
            }
        }
        Op::Visit(c, complete) => {
            let id = pick(*c).unwrap();
            let open = s
                .visits_of(&id)
                .unwrap_or_default()
                .into_iter()
                .find(|v| v.visit.status == crm_core::VisitStatus::Scheduled);
            match open {
                Some(v) if *complete => {
                    s.complete_visit(&v.id, v.version, now, Some("满意"), None)
                        .ok();
                }
                _ => {
                    let new = crm_core::NewVisit {
                        customer_id: id.clone(),
                        kind: VisitKind::TestDrive,
                        model: Some("途观L".into()),
                        catalogue_model: None,
                        scheduled_at: now + Duration::hours(2),
                        consultant: None,
                        notes: None,
                    };
                    s.schedule_visit(&new, None).ok();
                }
            }
        }
        Op::Advance(c, stage) => {
            let id = pick(*c).unwrap();
            let to = [
                Stage::Contacted,
                Stage::Invited,
                Stage::Visited,
                Stage::TestDriven,
            ][*stage % 4];
            s.advance_stage(&id, to, None).ok();
        }
        Op::Order(c, deliver) => {
            let id = pick(*c).unwrap();
            if let Ok(order) = s.place_order(&sample_order(&id, today), None) {
                if *deliver {
                    let delivery = NewDelivery {
                        date: today,
                        vin: Some(vin(step)),
                        odometer_km: 5,
                    };
                    s.deliver_order(&order.id, order.version, &delivery, None)
                        .ok();
                }
            }
        }
        Op::Odometer(c, km) => {
            let id = pick(*c).unwrap();
            if s.cars_of(&id).unwrap_or_default().is_empty() {
                let car = crm_core::NewCar {
                    vin: None,
                    brand: "大众".into(),
                    model: "ID.4".into(),
                    delivered_on: today - Duration::days(30),
                    delivery_km: 10,
                    registered_on: None,
                    order_id: None,
                };
                s.record_car(&id, &car).ok();
            }
            if let Some(car) = s.cars_of(&id).unwrap_or_default().first() {
                let reading = OdometerReading { on: today, km: *km };
                s.record_odometer(&car.id, reading, OdometerSource::Customer)
                    .ok();
                let ends: Vec<NaiveDate> = vec![today + Duration::days(300)];
                s.set_insurance_ends(&car.id, &ends).ok();
            }
        }
        Op::Consent(c, granted) => {
            let id = pick(*c).unwrap();
            let change = ConsentChange {
                channel: ConsentChannel::Sms,
                state: if *granted {
                    ConsentState::Granted
                } else {
                    ConsentState::Withdrawn
                },
                source: ConsentSource::InPerson,
                note: None,
            };
            s.set_consent(&id, &change).ok();
        }
        Op::Merge(a, b) => {
            let (keep, other) = (pick(*a).unwrap(), pick(*b).unwrap());
            if s.merge_customers(&keep, version(&keep), &other, version(&other))
                .is_ok()
            {
                ids.retain(|x| *x != other);
            }
        }
        Op::Zone(east) => {
            let zone = if *east {
                "Asia/Shanghai"
            } else {
                "Asia/Urumqi"
            };
            s.set_time_zone(zone).ok();
        }
    }
    t.clock.advance(Duration::minutes(3));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Replaying the queue gives the book's synced columns, whatever the writes and
    /// whenever the queue started (before the first write, between two, or at the upload:
    /// the rows as they stood then, and each write's changes after).
    #[test]
    fn replaying_the_queue_gives_the_book(
        ops in proptest::collection::vec(op(), 1..40),
        started_at in 0usize..45,
    ) {
        let t = test_store();
        let mut ids = Vec::new();
        for (step, op) in ops.iter().enumerate() {
            if step == started_at {
                t.store.start_upload_queue().unwrap();
            }
            apply(&t, &mut ids, step, op);
        }
        let changes = t.store.pending_upload(MAX_PAGE_SIZE).unwrap().changes;
        let replayed = replay(&changes);
        let conn = Connection::open(&t.path).unwrap();
        let held = book(&conn);
        prop_assert_eq!(replayed, held);
    }
}

#[test]
fn the_oracle_sees_a_missing_change() {
    // The comparison is not vacuous: a change dropped from the queue shows.
    let t = test_store();
    let mut ids = Vec::new();
    apply(&t, &mut ids, 0, &Op::Create(0));
    apply(&t, &mut ids, 1, &Op::Edit(0, 1));
    let mut changes = t.store.pending_upload(MAX_PAGE_SIZE).unwrap().changes;
    let conn = Connection::open(&t.path).unwrap();
    assert_eq!(replay(&changes), book(&conn));
    let edit = changes
        .iter()
        .rposition(|c| c.entity == SyncEntity::Customers)
        .unwrap();
    changes.remove(edit);
    assert_ne!(replay(&changes), book(&conn));
}

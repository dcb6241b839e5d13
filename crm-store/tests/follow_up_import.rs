//! Importing follow-ups in one transaction: the same result as logging them one by one,
//! and a bad row names itself and writes nothing.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{customer, start, test_store, TestStore};
use crm_core::{
    CustomerId, FollowUpKind, FollowUpMethod, NewFollowUp, NewPlan, PlanTime, Rule, TimelineRecord,
};
use crm_store::{FollowUpImport, Store, StoreError};
use rusqlite::Connection;

/// Three customers entered ten days before [`start`], the same in every store.
fn book(t: &TestStore) -> Vec<CustomerId> {
    t.clock.set(start() - Duration::days(10));
    let ids = (0..3)
        .map(|i| {
            let mut c = customer(&format!("客户{i}"), &format!("1390000000{i}"));
            c.owner = (i < 2).then(|| "c001".to_owned());
            t.store.create_customer(&c).unwrap().id
        })
        .collect();
    t.clock.set(start());
    ids
}

/// One step of a history: (customer, hours after creation, next plan: date-only?, hours on).
type Step = (usize, i64, Option<(bool, i64)>);

/// A history over the ten days.
fn history(ids: &[CustomerId]) -> Vec<FollowUpImport> {
    let created = start() - Duration::days(10);
    let steps: [Step; 8] = [
        (0, 3, Some((false, 30))),
        (1, 5, None),
        (0, 33, Some((true, 48))),
        (2, 40, Some((false, 100))),
        (1, 50, Some((true, 300))),
        (0, 90, None),
        (2, 120, Some((true, 200))),
        (0, 200, Some((false, 260))),
    ];
    steps
        .iter()
        .enumerate()
        .map(|(k, &(c, hours, plan))| {
            let at = created + Duration::hours(hours);
            let id = &ids[c];
            let mut follow_up = NewFollowUp::new(
                id.clone(),
                FollowUpMethod::Phone,
                FollowUpKind::NeedsDiscovery,
                at,
                format!("第{k}次回访"),
            );
            follow_up.consultant = Some("c001".into());
            let next = plan.map(|(on_date, ahead)| {
                let when = at + Duration::hours(ahead);
                NewPlan {
                    customer_id: id.clone(),
                    time: if on_date {
                        PlanTime::OnDate(when.date_naive())
                    } else {
                        PlanTime::At(when)
                    },
                    method: FollowUpMethod::Wechat,
                    purpose: "邀约到店".into(),
                    content: None,
                }
            });
            FollowUpImport {
                follow_up,
                next,
                logged_at: at,
            }
        })
        .collect()
}

fn column(store: &Store, sql: &str, id: &CustomerId) -> Option<i64> {
    Connection::open(store.path())
        .unwrap()
        .query_row(sql, [id.as_str()], |r| r.get(0))
        .unwrap()
}

/// A timeline entry without its generated ids.
fn without_ids(r: &TimelineRecord) -> (DateTime<Utc>, Option<String>, serde_json::Value) {
    let mut entry = serde_json::to_value(&r.entry).unwrap();
    if let Some(map) = entry.as_object_mut() {
        map.remove("follow_up_id");
        map.remove("plan_id");
    }
    (r.at, r.actor.clone(), entry)
}

/// Everything about customer `id` that logging follow-ups changes, without generated ids.
fn state(store: &Store, id: &CustomerId) -> serde_json::Value {
    let timeline: Vec<_> = store
        .timeline(id, 1000, None)
        .unwrap()
        .records
        .iter()
        .map(without_ids)
        .collect();
    let follow_ups: Vec<_> = store
        .follow_ups_of(id)
        .unwrap()
        .into_iter()
        .map(|r| (r.follow_up.content, r.follow_up.at, r.created_at, r.version))
        .collect();
    let plans: Vec<_> = store
        .plans_of(id)
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.time,
                p.purpose,
                p.status.kind(),
                p.version,
                p.created_at,
                p.updated_at,
            )
        })
        .collect();
    serde_json::json!({
        "last_contact_at": column(store, "SELECT last_contact_at FROM customers WHERE id = ?1", id),
        "first_contacted_at": column(store, "SELECT first_contacted_at FROM customers WHERE id = ?1", id),
        "has_pending_plan": column(store, "SELECT has_pending_plan FROM customers WHERE id = ?1", id),
        "next_plan_due_ms": column(store, "SELECT next_plan_due_ms FROM customers WHERE id = ?1", id),
        "timeline": timeline,
        "follow_ups": follow_ups,
        "plans": plans,
    })
}

#[test]
fn importing_equals_logging_one_by_one() {
    let one_by_one = test_store();
    let ids_a = book(&one_by_one);
    for item in history(&ids_a) {
        one_by_one.clock.set(item.logged_at);
        one_by_one
            .store
            .log_follow_up(
                &item.follow_up.customer_id,
                &item.follow_up,
                item.next.as_ref(),
            )
            .unwrap();
    }
    one_by_one.clock.set(start());

    let batch = test_store();
    let ids_b = book(&batch);
    let imported = batch.store.import_follow_ups(&history(&ids_b)).unwrap();
    assert_eq!(imported.len(), 8);

    for (a, b) in ids_a.iter().zip(&ids_b) {
        assert_eq!(state(&one_by_one.store, a), state(&batch.store, b));
    }
    // The reminders log says the same: the last plans added, the others added then gone.
    let changes = |s: &Store| {
        let c = s.reminder_changes_since(Some("0")).unwrap();
        (c.added.len(), c.cancelled.len(), c.full_refresh)
    };
    assert_eq!(changes(&one_by_one.store), changes(&batch.store));
    assert_eq!(changes(&batch.store), (3, 0, false));
    // And the agenda and reminders read the same.
    let day = start().date_naive();
    let kinds = |s: &Store, owner| {
        s.agenda(owner, day)
            .unwrap()
            .into_iter()
            .map(|i| serde_json::to_value(i.reason).unwrap()["kind"].clone())
            .collect::<Vec<_>>()
    };
    for owner in [Some("c001"), None] {
        assert_eq!(kinds(&one_by_one.store, owner), kinds(&batch.store, owner));
    }
    let window = |s: &Store| {
        s.reminders(
            start() - Duration::days(20),
            start() + Duration::days(30),
            None,
        )
        .unwrap()
        .into_iter()
        .map(|r| (r.fire_at, r.purpose))
        .collect::<Vec<_>>()
    };
    assert_eq!(window(&one_by_one.store), window(&batch.store));
    assert_eq!(window(&batch.store).len(), 3);
}

#[test]
fn a_bad_row_is_named_and_nothing_is_written() {
    let t = test_store();
    let ids = book(&t);
    let good = history(&ids);
    let expect_field = |batch: &[FollowUpImport], field: &str, rule: Rule| match t
        .store
        .import_follow_ups(batch)
    {
        Err(StoreError::Invalid(v)) => {
            assert_eq!((v.field.as_str(), &v.rule), (field, &rule));
        }
        other => panic!("expected {field}, got {other:?}"),
    };

    let mut blank = good.clone();
    blank[3].follow_up.content = "  ".into();
    expect_field(&blank, "follow_ups[3].content", Rule::Required);

    let mut early = good.clone();
    early[5].next = Some(NewPlan {
        customer_id: early[5].follow_up.customer_id.clone(),
        time: PlanTime::At(early[5].logged_at - Duration::days(3)),
        method: FollowUpMethod::Phone,
        purpose: "回访".into(),
        content: None,
    });
    expect_field(&early, "follow_ups[5].next.time", Rule::TooEarly);

    let mut other = good.clone();
    if let Some(n) = other[0].next.as_mut() {
        n.customer_id = ids[2].clone();
    }
    expect_field(
        &other,
        "follow_ups[0].next.customer_id",
        Rule::Conflicts {
            with: "customer_id",
        },
    );

    let mut future = good.clone();
    future[7].logged_at = start() + Duration::minutes(1);
    expect_field(&future, "follow_ups[7].logged_at", Rule::InFuture);

    let mut unknown = good.clone();
    unknown[6].follow_up.customer_id = common::MISSING.into();
    unknown[6].next = None;
    assert!(matches!(
        t.store.import_follow_ups(&unknown),
        Err(StoreError::NotFound { entity: "customer", ref id }) if id == common::MISSING
    ));

    for id in &ids {
        assert!(t.store.follow_ups_of(id).unwrap().is_empty());
        assert!(t.store.plans_of(id).unwrap().is_empty());
        assert_eq!(t.store.timeline(id, 10, None).unwrap().records.len(), 1);
    }
    // The same batch, corrected, goes in.
    assert_eq!(t.store.import_follow_ups(&good).unwrap().len(), good.len());
}

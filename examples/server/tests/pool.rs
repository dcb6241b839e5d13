//! The public pool (公海) through the server: claims first come, first served and under the
//! team's rules (daily limit, hold limit, the wait after a release), the release job with
//! protection extended by follow-ups up to the cap, key customers and customers with an
//! order kept, a manager's assignment recorded, and `GET /v1/pool`. The server's clock is
//! the test's.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{count, database, server_with_clock, stored_fields, user, Device};
use crm_core::pool::PoolRules;
use crm_core::sync::SyncEntity;
use crm_core::ManualClock;
use crm_server::auth::Role;
use crm_server::pool::release::release_due;
use crm_server::pool::rules::set_team_rules;
use serde_json::{json, Value};
use std::sync::Arc;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap()
}

struct Team {
    db: String,
    clock: Arc<ManualClock>,
    c01: Device,
    c02: Device,
    m1: Device,
}

async fn team() -> Team {
    let db = database().await;
    let clock = Arc::new(ManualClock::new(t0()));
    let url = server_with_clock(&db, clock.clone()).await;
    let c01 = user(&db, "c01", Role::Consultant, Some("A")).await;
    let c02 = user(&db, "c02", Role::Consultant, Some("A")).await;
    let m1 = user(&db, "m1", Role::Manager, Some("A")).await;
    Team {
        clock,
        c01: Device::new(&url, &c01, "phone-c01"),
        c02: Device::new(&url, &c02, "phone-c02"),
        m1: Device::new(&url, &m1, "phone-m1"),
        db,
    }
}

async fn set_rules(db: &str, rules: PoolRules) {
    let client = common::connect(db).await;
    set_team_rules(&client, "A", &rules, t0()).await.unwrap();
}

fn customer(owner: Option<&str>, importance: u8) -> Value {
    json!({"name": "客户", "importance": importance, "owner": owner, "intent_level": "b",
           "version": 1, "updated_at": 0})
}

/// Customers put by a device, one upload; panics on a rejection.
async fn put_customers(device: &Device, ids: &[&str], owner: Option<&str>) {
    let changes = ids
        .iter()
        .map(|id| device.put(SyncEntity::Customers, id, customer(owner, 0)))
        .collect();
    let result = device.upload(changes).await;
    assert!(result.rejected.is_empty(), "{:?}", result.rejected);
}

/// Claims (owner set to the device's user) in one upload; the reasons of the refused ones,
/// in order (None: accepted).
async fn claim(device: &Device, me: &str, ids: &[&str]) -> Vec<Option<String>> {
    let changes: Vec<_> = ids
        .iter()
        .map(|id| device.put(SyncEntity::Customers, id, json!({"owner": me})))
        .collect();
    let first = changes[0].op_id;
    let result = device.upload(changes).await;
    (0..ids.len() as u64)
        .map(|i| {
            result
                .rejected
                .iter()
                .find(|r| r.op_id == first + i)
                .map(|r| r.reason.clone())
        })
        .collect()
}

async fn owner_of(db: &str, id: &str) -> Option<String> {
    stored_fields(db, "customers", id).await.unwrap()["owner"]
        .as_str()
        .map(String::from)
}

async fn events(
    db: &str,
    id: &str,
) -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    common::connect(db)
        .await
        .query(
            "SELECT kind, from_owner, to_owner, by_user FROM pool_events
             WHERE customer_id = $1 ORDER BY id",
            &[&id],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
}

fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_are_first_come_first_served_and_the_loser_is_told_who_holds_the_customer() {
    let t = team().await;
    put_customers(&t.m1, &["p1"], None).await;
    assert_eq!(claim(&t.c01, "c01", &["p1"]).await, vec![None]);
    assert_eq!(
        claim(&t.c02, "c02", &["p1"]).await,
        vec![s("forbidden: claimed by c01 的名字 (c01)")]
    );
    assert_eq!(owner_of(&t.db, "p1").await.as_deref(), Some("c01"));
    assert_eq!(
        events(&t.db, "p1").await,
        vec![("claim".into(), None, s("c01"), s("c01"))]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_limit_counts_24_hours_and_a_managers_assignment_ignores_it() {
    let t = team().await;
    set_rules(
        &t.db,
        PoolRules {
            daily_claim_limit: 2,
            ..PoolRules::default()
        },
    )
    .await;
    put_customers(&t.m1, &["p1", "p2", "p3", "p4"], None).await;
    assert_eq!(
        claim(&t.c01, "c01", &["p1", "p2", "p3"]).await,
        vec![None, None, s("forbidden: daily claim limit 2 reached")]
    );
    // The manager assigns over the limit; recorded as an assignment by the manager.
    let result =
        t.m1.upload(vec![t.m1.put(
            SyncEntity::Customers,
            "p3",
            json!({"owner": "c01"}),
        )])
        .await;
    assert!(result.rejected.is_empty(), "{:?}", result.rejected);
    assert_eq!(
        events(&t.db, "p3").await,
        vec![("assign".into(), None, s("c01"), s("m1"))]
    );
    t.clock.advance(Duration::hours(24) - Duration::seconds(1));
    assert_eq!(
        claim(&t.c01, "c01", &["p4"]).await,
        vec![s("forbidden: daily claim limit 2 reached")]
    );
    t.clock.advance(Duration::seconds(1));
    assert_eq!(claim(&t.c01, "c01", &["p4"]).await, vec![None]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_holding_the_limit_claims_no_more() {
    let t = team().await;
    set_rules(
        &t.db,
        PoolRules {
            hold_limit: 2,
            ..PoolRules::default()
        },
    )
    .await;
    put_customers(&t.c01, &["own1"], None).await;
    put_customers(&t.m1, &["p1", "p2"], None).await;
    assert_eq!(
        claim(&t.c01, "c01", &["p1", "p2"]).await,
        vec![None, s("forbidden: holding 2 customers")]
    );
    // Releasing one of their own makes room.
    let result = t
        .c01
        .upload(vec![t.c01.put(
            SyncEntity::Customers,
            "own1",
            json!({"owner": null}),
        )])
        .await;
    assert!(result.rejected.is_empty(), "{:?}", result.rejected);
    assert_eq!(claim(&t.c01, "c01", &["p2"]).await, vec![None]);
    assert_eq!(
        events(&t.db, "own1").await,
        vec![("release".into(), s("c01"), None, s("c01"))]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_may_not_release_or_reassign_another_ones_customer() {
    let t = team().await;
    put_customers(&t.c01, &["x"], None).await;
    let result = t
        .c02
        .upload(vec![t.c02.put(
            SyncEntity::Customers,
            "x",
            json!({"owner": null}),
        )])
        .await;
    assert_eq!(
        result.rejected[0].reason,
        "forbidden: only a manager or an admin reassigns a customer"
    );
    let result = t
        .c01
        .upload(vec![t.c01.put(
            SyncEntity::Customers,
            "x",
            json!({"owner": "c02"}),
        )])
        .await;
    assert_eq!(
        result.rejected[0].reason,
        "forbidden: only a manager or an admin reassigns a customer"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_release_job_keeps_protected_key_and_ordered_customers_and_caps_the_protection() {
    let mut t = team().await;
    set_rules(
        &t.db,
        PoolRules {
            release_days: 15,
            protection_cap_days: 30,
            ..PoolRules::default()
        },
    )
    .await;
    // At t0, c01 enters: a (no follow-up), b (a follow-up on day 10), c (followed up on
    // day 10, then again on day 18: the cap ends it on day 30), k (key), o (an order), x
    // (an order, cancelled).
    put_customers(&t.c01, &["a", "b", "c", "o", "x"], None).await;
    let key = t.c01.put(SyncEntity::Customers, "k", customer(None, 2));
    let at = |day: i64| (t0() + Duration::days(day)).timestamp_millis();
    let result = t
        .c01
        .upload(vec![
            key,
            t.c01.put(
                SyncEntity::FollowUps,
                "fb",
                json!({"customer_id": "b", "at": at(10)}),
            ),
            t.c01.put(
                SyncEntity::FollowUps,
                "fc1",
                json!({"customer_id": "c", "at": at(10)}),
            ),
            t.c01.put(
                SyncEntity::FollowUps,
                "fc2",
                json!({"customer_id": "c", "at": at(18)}),
            ),
            t.c01.put(
                SyncEntity::Orders,
                "oo",
                json!({"customer_id": "o", "status": "active"}),
            ),
            t.c01.put(
                SyncEntity::Orders,
                "ox",
                json!({"customer_id": "x", "status": "cancelled"}),
            ),
        ])
        .await;
    assert!(result.rejected.is_empty(), "{:?}", result.rejected);
    t.c01.download().await;
    let db_pool = crm_server::db::pool::connect(&t.db).unwrap();

    let released = release_due(&db_pool, t0() + Duration::days(15) - Duration::seconds(1))
        .await
        .unwrap();
    assert!(released.customers.is_empty(), "{released:?}");
    let released = release_due(&db_pool, t0() + Duration::days(15))
        .await
        .unwrap();
    assert_eq!(
        released.customers,
        vec![("a".into(), "c01".into()), ("x".into(), "c01".into())]
    );
    assert_eq!(owner_of(&t.db, "a").await, None);
    assert_eq!(
        events(&t.db, "a").await,
        vec![("release".into(), s("c01"), None, None)]
    );
    // c01's phone is told to evict them.
    let batches = t.c01.download().await;
    let evicted: Vec<String> = batches.iter().flat_map(|b| b.evicted.clone()).collect();
    assert_eq!(evicted, ["a", "x"]);

    let released = release_due(&db_pool, t0() + Duration::days(25) - Duration::seconds(1))
        .await
        .unwrap();
    assert!(released.customers.is_empty(), "{released:?}");
    let released = release_due(&db_pool, t0() + Duration::days(25))
        .await
        .unwrap();
    assert_eq!(released.customers, vec![("b".into(), "c01".into())]);
    let released = release_due(&db_pool, t0() + Duration::days(30) - Duration::seconds(1))
        .await
        .unwrap();
    assert!(released.customers.is_empty(), "{released:?}");
    let released = release_due(&db_pool, t0() + Duration::days(30))
        .await
        .unwrap();
    assert_eq!(released.customers, vec![("c".into(), "c01".into())]);
    let released = release_due(&db_pool, t0() + Duration::days(3650))
        .await
        .unwrap();
    assert!(released.customers.is_empty(), "k and o stay: {released:?}");
    assert_eq!(owner_of(&t.db, "k").await.as_deref(), Some("c01"));
    assert_eq!(owner_of(&t.db, "o").await.as_deref(), Some("c01"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_released_from_a_consultant_waits_before_they_claim_it_back() {
    let t = team().await;
    put_customers(&t.c01, &["a"], None).await;
    let db_pool = crm_server::db::pool::connect(&t.db).unwrap();
    let released_at = t0() + Duration::days(15);
    release_due(&db_pool, released_at).await.unwrap();
    t.clock.set(released_at + Duration::hours(23));
    assert_eq!(
        claim(&t.c01, "c01", &["a"]).await,
        vec![s("forbidden: released from you at 2026-12-16T02:00:00Z, claim again after 2026-12-17T02:00:00Z")]
    );
    // GET /v1/pool tells the phone the same, before it tries.
    let (status, body) = t.c01.get("/v1/pool").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["rules"]["reclaim_wait_hours"], 24);
    assert_eq!(body["standing"]["releases"][0]["customer_id"], "a");
    assert_eq!(body["standing"]["holding"], 0);
    t.clock.set(released_at + Duration::hours(24));
    assert_eq!(claim(&t.c01, "c01", &["a"]).await, vec![None]);
    // The protection of the new hold runs from the claim.
    assert!(release_due(
        &db_pool,
        released_at + Duration::days(15) + Duration::hours(23)
    )
    .await
    .unwrap()
    .customers
    .is_empty());
    assert_eq!(
        count(
            &t.db,
            "SELECT count(*) FROM pool_holds WHERE customer_id = 'a' AND owner = 'c01'"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_consultant_claims_a_released_customer_at_once() {
    let t = team().await;
    put_customers(&t.c01, &["a"], None).await;
    let db_pool = crm_server::db::pool::connect(&t.db).unwrap();
    release_due(&db_pool, t0() + Duration::days(15))
        .await
        .unwrap();
    t.clock
        .set(t0() + Duration::days(15) + Duration::minutes(1));
    assert_eq!(claim(&t.c02, "c02", &["a"]).await, vec![None]);
    let (_, body) = t.c02.get("/v1/pool").await;
    assert_eq!(body["standing"]["holding"], 1);
    assert_eq!(body["standing"]["claims"].as_array().unwrap().len(), 1);
}

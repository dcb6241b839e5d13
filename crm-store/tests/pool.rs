//! The public pool on one book: claims checked against the rules the last sync brought
//! (stored pool status), releases with their reason, assignments by role, the pool's page,
//! and the open plan and care tasks following a customer to the new owner.

mod common;

use chrono::{Duration, NaiveDate};
use common::{customer, test_store, TestStore};
use crm_core::pool::{ClaimRefusal, ClaimStanding, PoolRules, PoolStatus, RecentRelease};
use crm_core::sync::UserRole;
use crm_core::{
    CustomerId, DateWindow, FollowUpMethod, NewCar, NewPlan, PlanTime, Rule, TimelineEntry,
};
use crm_store::{CareTaskQuery, StoreError};

fn pool_customer(t: &TestStore, name: &str, phone: &str) -> CustomerId {
    t.store.create_customer(&customer(name, phone)).unwrap().id
}

fn as_user(t: &TestStore, id: &str, role: UserRole) {
    t.store
        .set_sync_user(id, &format!("{id} 的名字"), role, Some("A"))
        .unwrap();
}

fn rules(status: impl FnOnce(&mut PoolStatus)) -> PoolStatus {
    let mut s = PoolStatus::default();
    status(&mut s);
    s
}

#[test]
fn a_book_that_never_synced_has_no_user_to_claim_for() {
    let t = test_store();
    let id = pool_customer(&t, "王芳", "13800000001");
    match t.store.claim_customer(&id) {
        Err(StoreError::Invalid(e)) => {
            assert_eq!((e.field.as_str(), e.rule), ("user", Rule::Required))
        }
        other => panic!("{other:?}"),
    }
    // Its single local user may release and assign anything.
    t.store.assign_customer(&id, "c02").unwrap();
    let released = t.store.release_customer(&id, Some("搬家")).unwrap();
    assert_eq!(released.profile.owner, None);
}

#[test]
fn a_claim_follows_the_stored_rules_and_counts_itself() {
    let t = test_store();
    let ids: Vec<CustomerId> = (0..3)
        .map(|i| pool_customer(&t, &format!("客户{i}"), &format!("1380000000{i}")))
        .collect();
    as_user(&t, "c01", UserRole::Consultant);
    t.store
        .set_pool_status(&rules(|s| s.rules.daily_claim_limit = 2))
        .unwrap();
    let claimed = t.store.claim_customer(&ids[0]).unwrap();
    assert_eq!(claimed.profile.owner.as_deref(), Some("c01"));
    assert_eq!(claimed.version, 2);
    // Claiming it again changes nothing.
    assert_eq!(t.store.claim_customer(&ids[0]).unwrap().version, 2);
    t.store.claim_customer(&ids[1]).unwrap();
    let before = t.store.pending_count().unwrap();
    assert_eq!(
        t.store.claim_customer(&ids[2]).unwrap_err().to_string(),
        "forbidden: daily claim limit 2 reached"
    );
    assert_eq!(t.store.pending_count().unwrap(), before);
    let status = t.store.pool_status().unwrap();
    assert_eq!(status.standing.claims.len(), 2);
    assert_eq!(status.standing.holding, 2);
    // 24 hours later the window has moved.
    t.clock.advance(Duration::hours(24));
    t.store.claim_customer(&ids[2]).unwrap();
    // The claim's timeline entry names the user and the new owner.
    let page = t.store.timeline(&ids[2], 10, None).unwrap();
    let entry = &page.records[0];
    assert_eq!(entry.actor.as_deref(), Some("c01"));
    assert!(matches!(entry.entry, TimelineEntry::CustomerChanged { .. }));
}

#[test]
fn the_hold_limit_counts_the_customers_the_book_holds() {
    let t = test_store();
    let mine = pool_customer(&t, "自己的", "13800000001");
    let pooled = pool_customer(&t, "公海", "13800000002");
    t.store.assign_customer(&mine, "c01").unwrap();
    as_user(&t, "c01", UserRole::Consultant);
    t.store
        .set_pool_status(&rules(|s| s.rules.hold_limit = 1))
        .unwrap();
    assert!(matches!(
        t.store.claim_customer(&pooled),
        Err(StoreError::ClaimRefused(ClaimRefusal::Holding { limit: 1 }))
    ));
}

#[test]
fn a_customer_released_from_the_user_waits() {
    let t = test_store();
    let id = pool_customer(&t, "王芳", "13800000001");
    t.store.assign_customer(&id, "c01").unwrap();
    as_user(&t, "c01", UserRole::Consultant);
    t.store
        .release_customer(&id, Some("  客户已在外地购车 "))
        .unwrap();
    let page = t.store.timeline(&id, 10, None).unwrap();
    assert_eq!(
        page.records[0].entry,
        TimelineEntry::ReleasedToPool {
            reason: Some("客户已在外地购车".into())
        }
    );
    let status = t.store.pool_status().unwrap();
    assert_eq!(status.standing.releases.len(), 1);
    let refused = t.store.claim_customer(&id).unwrap_err();
    assert!(
        matches!(refused, StoreError::ClaimRefused(ClaimRefusal::Wait { .. })),
        "{refused:?}"
    );
    t.clock.advance(Duration::hours(24));
    t.store.claim_customer(&id).unwrap();
}

#[test]
fn releases_and_assignments_by_role() {
    let t = test_store();
    let theirs = pool_customer(&t, "别人的", "13800000001");
    let pooled = pool_customer(&t, "公海", "13800000002");
    t.store.assign_customer(&theirs, "c02").unwrap();
    as_user(&t, "c01", UserRole::Consultant);
    for refused in [
        t.store.release_customer(&theirs, None).unwrap_err(),
        t.store.assign_customer(&pooled, "c01").unwrap_err(),
    ] {
        assert!(matches!(refused, StoreError::Forbidden(_)), "{refused:?}");
    }
    match t.store.claim_customer(&theirs) {
        Err(StoreError::ClaimRefused(ClaimRefusal::ClaimedBy { user_id, .. })) => {
            assert_eq!(user_id, "c02")
        }
        other => panic!("{other:?}"),
    }
    assert!(t.store.release_customer(&theirs, Some("a\nb")).is_err());
    as_user(&t, "m1", UserRole::Manager);
    t.store.release_customer(&theirs, None).unwrap();
    // A manager's assignment ignores the claim rules.
    t.store
        .set_pool_status(&PoolStatus {
            rules: PoolRules {
                daily_claim_limit: 1,
                ..PoolRules::default()
            },
            standing: ClaimStanding {
                claims: vec![common::start()],
                releases: vec![RecentRelease {
                    customer_id: pooled.as_str().into(),
                    at: common::start(),
                }],
                holding: 0,
            },
        })
        .unwrap();
    assert_eq!(
        t.store
            .assign_customer(&pooled, "c01")
            .unwrap()
            .profile
            .owner
            .as_deref(),
        Some("c01")
    );
    assert!(matches!(
        t.store.assign_customer(&pooled, " "),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn the_pool_page_lists_customers_without_an_owner_oldest_first() {
    let t = test_store();
    let mut pooled = Vec::new();
    for i in 0..5 {
        let id = pool_customer(&t, &format!("客户{i}"), &format!("1380000000{i}"));
        t.clock.advance(Duration::seconds(1));
        if i == 2 {
            t.store.assign_customer(&id, "c01").unwrap();
        } else {
            pooled.push(id);
        }
    }
    let first = t.store.pool_customers(3, None).unwrap();
    let ids: Vec<CustomerId> = first.customers.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids, pooled[..3]);
    let cursor = CustomerId::from(first.next_cursor.unwrap().as_str());
    let second = t.store.pool_customers(3, Some(&cursor)).unwrap();
    assert_eq!(second.customers.len(), 1);
    assert_eq!(second.customers[0].id, pooled[3]);
    assert_eq!(second.next_cursor, None);
    assert!(t.store.pool_customers(0, None).is_err());
}

#[test]
fn the_open_plan_and_care_tasks_follow_an_assigned_customer() {
    let t = test_store();
    let id = pool_customer(&t, "王芳", "13800000001");
    t.store.assign_customer(&id, "c01").unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    t.store
        .set_plan(&NewPlan {
            customer_id: id.clone(),
            time: PlanTime::OnDate(day),
            method: FollowUpMethod::Phone,
            purpose: "回访".into(),
            content: None,
        })
        .unwrap();
    t.store
        .record_car(
            &id,
            &NewCar {
                vin: None,
                brand: "大众".into(),
                model: "ID.4".into(),
                delivered_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                delivery_km: 10,
                registered_on: None,
                order_id: None,
            },
        )
        .unwrap();
    let window = DateWindow::new(day, day + Duration::days(365)).unwrap();
    t.store.generate_care(window).unwrap();
    let of = |owner: &str| {
        t.store
            .care_tasks(&CareTaskQuery {
                owner: Some(owner.into()),
                limit: 1000,
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    let tasks = of("c01");
    assert!(tasks > 0, "the car has care tasks");
    t.store.assign_customer(&id, "c02").unwrap();
    assert_eq!((of("c01"), of("c02")), (0, tasks));
    let agenda = |owner: &str| t.store.agenda(Some(owner), day).unwrap();
    assert!(agenda("c01").iter().all(|i| i.customer_id != id));
    assert!(agenda("c02").iter().any(|i| i.customer_id == id));
}

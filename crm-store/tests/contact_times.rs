//! The customer read model carries its contact times: `last_contact_at` (newest follow-up)
//! and `first_contacted_at` (oldest), as follow-ups are logged, edited, deleted and merged.

mod common;

use chrono::Duration;
use common::{customer, start, test_store};
use crm_core::{FollowUpKind, FollowUpMethod, FollowUpPatch, IntentLevel, NewFollowUp};

fn call(id: &crm_core::CustomerId, at: chrono::DateTime<chrono::Utc>) -> NewFollowUp {
    NewFollowUp::new(
        id.clone(),
        FollowUpMethod::Phone,
        FollowUpKind::NeedsDiscovery,
        at,
        "问了预算",
    )
}

#[test]
fn contact_times_follow_the_follow_ups() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("张伟", "13300000001"))
        .unwrap();
    assert_eq!((c.last_contact_at, c.first_contacted_at), (None, None));

    let early = start() - Duration::days(3);
    let late = start() - Duration::hours(2);
    let (first, _) = t
        .store
        .log_follow_up(&c.id, &call(&c.id, late), None)
        .unwrap();
    let (second, _) = t
        .store
        .log_follow_up(&c.id, &call(&c.id, early), None)
        .unwrap();
    let got = t.store.get_customer(&c.id).unwrap();
    assert_eq!(got.last_contact_at, Some(late));
    assert_eq!(got.first_contacted_at, Some(early));
    assert_eq!(got.intent_level, IntentLevel::N);

    let moved = start() - Duration::days(5);
    let patch = FollowUpPatch {
        at: Some(moved),
        ..Default::default()
    };
    t.store.update_follow_up(&first.id, 1, &patch).unwrap();
    let got = t.store.get_customer(&c.id).unwrap();
    assert_eq!(got.last_contact_at, Some(early));
    assert_eq!(got.first_contacted_at, Some(moved));

    t.store.delete_follow_up(&second.id).unwrap();
    t.store.delete_follow_up(&first.id).unwrap();
    let got = t.store.get_customer(&c.id).unwrap();
    assert_eq!((got.last_contact_at, got.first_contacted_at), (None, None));
}

#[test]
fn an_edit_of_the_customer_keeps_the_contact_times() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("张伟", "13300000001"))
        .unwrap();
    let at = start() - Duration::hours(1);
    t.store
        .log_follow_up(&c.id, &call(&c.id, at), None)
        .unwrap();
    let patch = crm_core::CustomerPatch {
        occupation: Some(Some("教师".into())),
        ..Default::default()
    };
    let updated = t.store.update_customer(&c.id, 1, &patch).unwrap();
    assert_eq!(updated.last_contact_at, Some(at));
    let graded = t
        .store
        .set_intent_level(&c.id, updated.version, IntentLevel::H, None)
        .unwrap();
    assert_eq!(graded.intent_level, IntentLevel::H);
    assert_eq!(graded.first_contacted_at, Some(at));
    assert_eq!(t.store.get_customer(&c.id).unwrap(), graded);
}

#[test]
fn a_merge_returns_the_merged_contact_times() {
    let t = test_store();
    let keep = t
        .store
        .create_customer(&customer("甲", "13200000001"))
        .unwrap();
    let other = t
        .store
        .create_customer(&customer("乙", "13200000002"))
        .unwrap();
    let (older, newer) = (start() - Duration::days(9), start() - Duration::days(1));
    t.store
        .log_follow_up(&keep.id, &call(&keep.id, newer), None)
        .unwrap();
    t.store
        .log_follow_up(&other.id, &call(&other.id, older), None)
        .unwrap();
    let merged = t.store.merge_customers(&keep.id, 1, &other.id, 1).unwrap();
    assert_eq!(merged.last_contact_at, Some(newer));
    assert_eq!(merged.first_contacted_at, Some(older));
    assert_eq!(t.store.get_customer(&keep.id).unwrap(), merged);
}

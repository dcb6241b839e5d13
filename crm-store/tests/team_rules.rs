//! The team's rules on a device: what the book's user's role does not allow is refused with
//! `StoreError::Forbidden` and writes nothing; changes are recorded in the user's own name.
//! A book that never synced has one local user who may do everything.

mod common;

use common::{customer, test_store, TestStore};
use crm_core::sync::UserRole;
use crm_core::team::Permission;
use crm_core::{
    CustomerId, CustomerPatch, LostReason, LostRequest, NewCustomer, PipelineStatus, Stage,
};
use crm_store::StoreError;

fn lost() -> LostRequest {
    LostRequest {
        reason: LostReason::Price,
        competitor: None,
        note: None,
    }
}

/// A book whose user is `user` with `role`, holding one customer of consultant c01 whose
/// lost request awaits a manager.
fn book_with_a_pending_request(user: &str, role: UserRole) -> (TestStore, CustomerId) {
    let t = test_store();
    let mut new: NewCustomer = customer("王芳", "13800138000");
    new.owner = Some("c01".into());
    let id = t.store.create_customer(&new).unwrap().id;
    t.store
        .advance_stage(&id, Stage::Negotiating, Some("c01"))
        .unwrap();
    t.store.request_lost(&id, &lost(), Some("c01")).unwrap();
    t.store
        .set_sync_user(user, "某某", role, Some("一组"))
        .unwrap();
    (t, id)
}

fn forbidden_action(e: StoreError) -> Permission {
    match e {
        StoreError::Forbidden(refused) => refused.action,
        other => panic!("expected Forbidden, got {other:?}"),
    }
}

#[test]
fn a_consultant_may_not_decide_their_own_request_and_nothing_is_written() {
    let (t, id) = book_with_a_pending_request("c01", UserRole::Consultant);
    let queued = t.store.pending_count().unwrap();
    let approve = t.store.approve_request(&id, "c01").unwrap_err();
    assert_eq!(forbidden_action(approve), Permission::DecideRequest);
    let reject = t.store.reject_request(&id, "c01", None, None).unwrap_err();
    assert_eq!(forbidden_action(reject), Permission::DecideRequest);
    assert_eq!(
        t.store.pipeline_state(&id).unwrap().status(),
        PipelineStatus::LostRequested
    );
    assert_eq!(t.store.pending_count().unwrap(), queued, "nothing queued");
    // The consultant may still withdraw their own request.
    t.store.withdraw_request(&id, None).unwrap();
}

#[test]
fn a_manager_decides_in_their_own_name() {
    let (t, id) = book_with_a_pending_request("m01", UserRole::Manager);
    let refused = t.store.approve_request(&id, "m02").unwrap_err();
    assert_eq!(forbidden_action(refused), Permission::ActAs);
    t.store.approve_request(&id, "m01").unwrap();
    assert_eq!(
        t.store.pipeline_state(&id).unwrap().status(),
        PipelineStatus::Lost
    );
    let last = t.store.stage_history(&id).unwrap().pop().unwrap();
    assert_eq!(last.actor.as_deref(), Some("m01"));
}

#[test]
fn a_manager_may_reject_and_hand_the_customer_to_another_consultant() {
    let (t, id) = book_with_a_pending_request("m01", UserRole::Manager);
    let moved = t
        .store
        .reject_request(&id, "m01", Some("c02"), None)
        .unwrap();
    assert_eq!(moved.new_owner.as_deref(), Some("c02"));
}

#[test]
fn changes_are_recorded_in_the_users_name_and_no_one_elses() {
    let (t, id) = book_with_a_pending_request("c01", UserRole::Consultant);
    t.store.withdraw_request(&id, None).unwrap();
    let last = t.store.stage_history(&id).unwrap().pop().unwrap();
    assert_eq!(
        last.actor.as_deref(),
        Some("c01"),
        "the user, when none is given"
    );
    let before = t.store.stage_history(&id).unwrap().len();
    let refused = t
        .store
        .advance_stage(&id, Stage::Ordered, Some("c02"))
        .unwrap_err();
    assert_eq!(forbidden_action(refused), Permission::ActAs);
    assert_eq!(t.store.stage_history(&id).unwrap().len(), before);
}

#[test]
fn an_administrator_may_enter_a_change_for_someone_else() {
    let (t, id) = book_with_a_pending_request("a01", UserRole::Admin);
    t.store.withdraw_request(&id, Some("c01")).unwrap();
    let last = t.store.stage_history(&id).unwrap().pop().unwrap();
    assert_eq!(last.actor.as_deref(), Some("c01"));
}

#[test]
fn a_consultant_gives_customers_only_to_themselves_or_the_pool() {
    let (t, id) = book_with_a_pending_request("c01", UserRole::Consultant);
    let c = t.store.get_customer(&id).unwrap();
    let to_c02 = CustomerPatch {
        owner: Some(Some("c02".into())),
        ..Default::default()
    };
    let refused = t
        .store
        .update_customer(&id, c.version, &to_c02)
        .unwrap_err();
    assert_eq!(forbidden_action(refused), Permission::Assign);
    assert_eq!(
        t.store.get_customer(&id).unwrap().profile.owner.as_deref(),
        Some("c01")
    );
    let mut for_c02 = customer("李雷", "13900139000");
    for_c02.owner = Some("c02".into());
    let refused = t.store.create_customer(&for_c02).unwrap_err();
    assert_eq!(forbidden_action(refused), Permission::Assign);
    assert_eq!(t.store.count_customers(true).unwrap(), 1, "nothing created");
    // To the pool, and an unrelated edit of a customer someone else owns, are fine.
    let to_pool = CustomerPatch {
        owner: Some(None),
        ..Default::default()
    };
    let released = t.store.update_customer(&id, c.version, &to_pool).unwrap();
    assert_eq!(released.profile.owner, None);
}

#[test]
fn a_book_that_never_synced_may_do_everything() {
    let t = test_store();
    let mut new = customer("王芳", "13800138000");
    new.owner = Some("c01".into());
    let id = t.store.create_customer(&new).unwrap().id;
    t.store
        .advance_stage(&id, Stage::Negotiating, Some("c01"))
        .unwrap();
    t.store.request_lost(&id, &lost(), Some("c01")).unwrap();
    t.store.approve_request(&id, "c01").unwrap();
    let last = t.store.stage_history(&id).unwrap().pop().unwrap();
    assert_eq!(last.actor.as_deref(), Some("c01"));
}

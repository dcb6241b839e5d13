//! The user a synced book belongs to: stored as the server names them, the owner of new
//! customers entered without one.

mod common;

use common::{customer, start, test_store, test_store_at};
use crm_core::sync::{SyncUser, UserRole};
use crm_store::{CustomerImport, StoreError};

#[test]
fn a_book_that_never_synced_has_no_user_and_new_customers_keep_no_owner() {
    let t = test_store();
    assert_eq!(t.store.sync_user().unwrap(), None);
    let c = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    assert_eq!(c.profile.owner, None);
    assert_eq!(t.store.get_customer(&c.id).unwrap().profile.owner, None);
}

#[test]
fn the_sync_user_is_kept_and_owns_new_customers_entered_without_an_owner() {
    let t = test_store();
    let user = t
        .store
        .set_sync_user(" c01 ", "王建国", UserRole::Manager, Some("一组"))
        .unwrap();
    let expected = SyncUser {
        id: "c01".into(),
        name: "王建国".into(),
        role: UserRole::Manager,
        team: Some("一组".into()),
    };
    assert_eq!(user, expected);
    assert_eq!(t.store.sync_user().unwrap(), Some(expected.clone()));
    assert_eq!(
        test_store_at(&t.path).sync_user().unwrap(),
        Some(expected),
        "kept in the file"
    );

    let mine = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    assert_eq!(mine.profile.owner.as_deref(), Some("c01"));
    assert_eq!(
        t.store
            .get_customer(&mine.id)
            .unwrap()
            .profile
            .owner
            .as_deref(),
        Some("c01")
    );
    // A manager may give one to a member of their team.
    let mut theirs = customer("李雷", "13900139000");
    theirs.owner = Some("c02".into());
    let theirs = t.store.create_customer(&theirs).unwrap();
    assert_eq!(theirs.profile.owner.as_deref(), Some("c02"));

    let imported = t
        .store
        .import_customers(&[CustomerImport {
            customer: customer("韩梅梅", "13700137000"),
            created_at: start(),
        }])
        .unwrap();
    assert_eq!(
        t.store
            .get_customer(&imported[0])
            .unwrap()
            .profile
            .owner
            .as_deref(),
        Some("c01")
    );
}

#[test]
fn a_malformed_user_is_refused_and_the_old_one_stays() {
    let t = test_store();
    t.store
        .set_sync_user("m01", "张经理", UserRole::Manager, None)
        .unwrap();
    for (id, name, field) in [
        ("", "x", "user_id"),
        ("m02", " ", "name"),
        ("m\u{7}", "x", "user_id"),
    ] {
        let e = t
            .store
            .set_sync_user(id, name, UserRole::Admin, None)
            .unwrap_err();
        assert!(
            matches!(&e, StoreError::Invalid(v) if v.field == field),
            "{e:?}"
        );
    }
    assert_eq!(t.store.sync_user().unwrap().unwrap().id, "m01");
}

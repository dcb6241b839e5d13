//! The dealership's contact keys as a book keeps them (salted hashes, copied by version),
//! and the offline warning `check_duplicates` gives from them.

mod common;

use common::{customer, test_store};
use crm_core::sync::{contact_key_hash, ContactKeyChange, ContactKeys};
use crm_core::{ContactInput, ContactKind};
use crm_store::DuplicateHolder;

const SALT: &str = "0123456789abcdef";

fn batch(salt: &str, changes: &[(&str, bool)], through: u64) -> ContactKeys {
    ContactKeys {
        salt: salt.into(),
        changes: changes
            .iter()
            .map(|(key, live)| ContactKeyChange {
                hash: contact_key_hash(salt, key),
                live: *live,
            })
            .collect(),
        through,
        has_more: false,
    }
}

fn holders(store: &crm_store::Store, contacts: &[ContactInput]) -> Vec<(String, DuplicateHolder)> {
    store
        .check_duplicates(contacts)
        .unwrap()
        .into_iter()
        .map(|d| (d.field, d.holder))
        .collect()
}

fn mobile(value: &str) -> ContactInput {
    ContactInput::new(ContactKind::Mobile, value)
}

#[test]
fn a_key_of_the_dealership_warns_as_another_consultants_and_a_book_customer_is_named() {
    let t = test_store();
    let own = t
        .store
        .create_customer(&customer("张三", "13812345678"))
        .unwrap();
    assert!(holders(&t.store, &[mobile("13800138000")]).is_empty());
    assert_eq!(t.store.contact_key_checkpoint().unwrap(), 0);
    t.store
        .apply_contact_keys(&batch(
            SALT,
            &[
                ("+8613800138000", true),
                ("+8613812345678", true),
                ("wangfang88", true),
            ],
            7,
        ))
        .unwrap();
    assert_eq!(t.store.contact_key_checkpoint().unwrap(), 7);
    assert_eq!(
        holders(
            &t.store,
            &[
                mobile("139 0000 0000"),
                mobile("+86 138-0013-8000"),
                mobile("13812345678"),
                ContactInput::new(ContactKind::Wechat, "WangFang88"),
                ContactInput::new(ContactKind::Other, "wangfang88"),
            ]
        ),
        vec![
            (
                "contacts[1].value".into(),
                DuplicateHolder::AnotherConsultant
            ),
            (
                "contacts[2].value".into(),
                DuplicateHolder::Customer(own.id)
            ),
            (
                "contacts[3].value".into(),
                DuplicateHolder::AnotherConsultant
            ),
        ]
    );
}

#[test]
fn a_released_key_stops_warning_and_an_older_batch_changes_nothing() {
    let t = test_store();
    t.store
        .apply_contact_keys(&batch(SALT, &[("+8613800138000", true)], 5))
        .unwrap();
    t.store
        .apply_contact_keys(&batch(SALT, &[("+8613800138000", false)], 9))
        .unwrap();
    assert!(holders(&t.store, &[mobile("13800138000")]).is_empty());
    // A batch from before the checkpoint (an answer that arrived late) is ignored.
    t.store
        .apply_contact_keys(&batch(SALT, &[("+8613800138000", true)], 5))
        .unwrap();
    assert!(holders(&t.store, &[mobile("13800138000")]).is_empty());
    assert_eq!(t.store.contact_key_checkpoint().unwrap(), 9);
    // The same batch twice is the same book.
    for _ in 0..2 {
        t.store
            .apply_contact_keys(&batch(SALT, &[("+8613900139000", true)], 12))
            .unwrap();
    }
    assert_eq!(holders(&t.store, &[mobile("13900139000")]).len(), 1);
}

#[test]
fn a_new_salt_starts_the_copy_again() {
    let t = test_store();
    t.store
        .apply_contact_keys(&batch(SALT, &[("+8613800138000", true)], 40))
        .unwrap();
    t.store
        .apply_contact_keys(&batch("fedcba9876543210", &[("+8613900139000", true)], 3))
        .unwrap();
    assert!(holders(&t.store, &[mobile("13800138000")]).is_empty());
    assert_eq!(holders(&t.store, &[mobile("13900139000")]).len(), 1);
    assert_eq!(t.store.contact_key_checkpoint().unwrap(), 3);
}

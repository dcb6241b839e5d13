//! Duplicate detection (撞单) and merging.

mod common;

use chrono::Duration;
use common::{customer, test_store};
use crm_core::{ContactInput, ContactKind, CustomerPatch, Importance, SourceChannel};
use crm_store::{DuplicateHolder, StoreError, WriteOptions};

#[test]
fn a_known_phone_in_any_spelling_is_a_duplicate_naming_the_owner() {
    let t = test_store();
    let first = t
        .store
        .create_customer(&customer("张三", "13812345678"))
        .unwrap();
    let err = t
        .store
        .create_customer(&customer("张叁", "+86 138-1234-5678"))
        .unwrap_err();
    match err {
        StoreError::Duplicate { field, existing } => {
            assert_eq!(field, "contacts[0].value");
            assert_eq!(existing, first.id);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(t.store.count_customers(true).unwrap(), 1, "nothing written");
    let allowed = WriteOptions {
        allow_duplicates: true,
    };
    t.store
        .create_customer_with(&customer("张叁", "138 1234 5678"), allowed)
        .unwrap();
    assert_eq!(t.store.count_customers(true).unwrap(), 2);
}

#[test]
fn the_check_call_answers_before_submitting() {
    let t = test_store();
    let mut new = customer("李四", "13912345678");
    new.contacts
        .push(ContactInput::new(ContactKind::Wechat, "LiSi_2024"));
    let li = t.store.create_customer(&new).unwrap();
    let found = t
        .store
        .check_duplicates(&[
            ContactInput::new(ContactKind::Mobile, "13700000000"),
            ContactInput::new(ContactKind::Wechat, "lisi_2024"),
        ])
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].field.as_str(), &found[0].holder),
        (
            "contacts[1].value",
            &DuplicateHolder::Customer(li.id.clone())
        )
    );
    let err = t
        .store
        .check_duplicates(&[ContactInput::new(ContactKind::Email, "nope")])
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "contacts[0].value"));
}

#[test]
fn adding_another_customers_contact_in_an_edit_is_a_duplicate() {
    let t = test_store();
    let a = t
        .store
        .create_customer(&customer("甲", "13512345678"))
        .unwrap();
    let b = t
        .store
        .create_customer(&customer("乙", "13512345679"))
        .unwrap();
    let mut contacts: Vec<ContactInput> =
        b.profile.contacts.iter().map(ContactInput::from).collect();
    contacts.push(ContactInput::new(ContactKind::Mobile, "135 1234 5678"));
    let patch = CustomerPatch {
        contacts: Some(contacts),
        ..Default::default()
    };
    let err = t.store.update_customer(&b.id, 1, &patch).unwrap_err();
    assert!(
        matches!(&err, StoreError::Duplicate { field, existing } if field == "contacts[1].value" && existing == &a.id)
    );
    // Editing other fields of a customer whose contacts are its own is no duplicate.
    let rename = CustomerPatch {
        name: Some("乙乙".into()),
        ..Default::default()
    };
    assert_eq!(
        t.store.update_customer(&b.id, 1, &rename).unwrap().version,
        2
    );
}

#[test]
fn duplicates_inside_an_import_are_refused() {
    let t = test_store();
    let batch = vec![
        crm_store::CustomerImport {
            customer: customer("一", "13800000001"),
            created_at: common::start(),
        },
        crm_store::CustomerImport {
            customer: customer("二", "138 0000 0001"),
            created_at: common::start(),
        },
    ];
    let err = t.store.import_customers(&batch).unwrap_err();
    assert!(
        matches!(&err, StoreError::Duplicate { field, .. } if field == "customers[1].contacts[0].value"),
        "{err}"
    );
    assert_eq!(t.store.count_customers(true).unwrap(), 0);
}

#[test]
fn merging_unites_contacts_and_tags_repoints_and_records() {
    let t = test_store();
    let mut a = customer("王五", "13712345678");
    a.tags = vec!["VIP".into()];
    let a = t.store.create_customer(&a).unwrap();
    t.clock.advance(Duration::minutes(1));
    let mut b = customer("王五(重复)", "13712340000");
    b.contacts
        .push(ContactInput::new(ContactKind::Wechat, "wangwu_car"));
    b.tags = vec!["vip".into(), "SUV".into()];
    b.occupation = Some("律师".into());
    b.importance = Importance::Key;
    let b = t.store.create_customer(&b).unwrap();
    let mut referred = customer("朋友", "13600000000");
    referred.source = SourceChannel::Referral {
        referrer_id: Some(b.id.clone()),
        referrer_name: None,
    };
    let referred = t.store.create_customer(&referred).unwrap();

    let err = t.store.merge_customers(&a.id, 1, &b.id, 7).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }));

    let merged = t.store.merge_customers(&a.id, 1, &b.id, 1).unwrap();
    assert_eq!(merged.version, 2);
    assert_eq!(merged.profile.name, "王五");
    let keys: Vec<&str> = merged
        .profile
        .contacts
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(keys, vec!["+8613712345678", "+8613712340000", "wangwu_car"]);
    assert!(merged.profile.contacts[0].primary);
    assert_eq!(merged.profile.tags, vec!["VIP", "SUV"]);
    assert_eq!(merged.profile.occupation.as_deref(), Some("律师"));
    assert!(matches!(
        t.store.get_customer(&b.id),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(t.store.get_customer(&a.id).unwrap(), merged);
    let referrer = match t.store.get_customer(&referred.id).unwrap().profile.source {
        SourceChannel::Referral { referrer_id, .. } => referrer_id,
        _ => None,
    };
    assert_eq!(referrer, Some(a.id.clone()));
    // B's phone now finds A, and B's contacts are no longer duplicates of a deleted record.
    let hits = t
        .store
        .search_customers("13712340000", &Default::default())
        .unwrap();
    assert_eq!(
        hits.iter().map(|h| &h.customer.id).collect::<Vec<_>>(),
        vec![&a.id]
    );
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let recorded: String = conn
        .query_row(
            "SELECT merged_id FROM customer_merges WHERE kept_id = ?1",
            [a.id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, b.id.0);
}

#[test]
fn a_customer_cannot_absorb_itself() {
    let t = test_store();
    let a = t
        .store
        .create_customer(&customer("自己", "13300000000"))
        .unwrap();
    let err = t.store.merge_customers(&a.id, 1, &a.id, 1).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "other"));
}

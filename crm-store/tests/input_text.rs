//! The core's text rule on real SQLite files, for the texts the store checks itself (the
//! store's name and address, the acting consultant of a move) and for a customer's name:
//! invisible edges cut, invisible-only names refused, bidi overrides refused, nothing written.

mod common;

use common::{customer, dump, test_store, PIPELINE_TABLES};
use crm_core::{Rule, Stage, ValidationError};
use crm_store::{StoreError, StoreInfo};

/// Asserts that `err` is the validation error of `field` breaking `rule`.
#[track_caller]
fn assert_invalid(err: StoreError, field: &str, rule: Rule) {
    match err {
        StoreError::Invalid(v) => assert_eq!(v, ValidationError::new(field, rule)),
        other => panic!("expected {field} {rule}, got {other}"),
    }
}

#[test]
fn a_name_of_only_format_characters_is_refused_and_nothing_is_written() {
    let t = test_store();
    for name in ["\u{200B}", "\u{200E}\u{200F}", "\u{2060}\u{2064} \u{FEFF}"] {
        let err = t
            .store
            .create_customer(&customer(name, "13812345678"))
            .unwrap_err();
        assert_invalid(err, "name", Rule::Required);
    }
    let err = t
        .store
        .create_customer(&customer("张\u{202E}三", "13812345678"))
        .unwrap_err();
    assert_invalid(err, "name", Rule::BidiControls);
    assert_eq!(dump(&t.path, &["customers"]), "");
    let c = t
        .store
        .create_customer(&customer("\u{FEFF}张三\u{200B}", "13812345678"))
        .unwrap();
    assert_eq!(t.store.get_customer(&c.id).unwrap().profile.name, "张三");
}

#[test]
fn the_store_name_follows_the_core_rule() {
    let t = test_store();
    let err = t
        .store
        .set_store_info(&StoreInfo {
            name: Some("天河\u{2066}大众".into()),
            address: None,
        })
        .unwrap_err();
    assert_invalid(err, "store.name", Rule::BidiControls);
    let settings = t
        .store
        .set_store_info(&StoreInfo {
            name: Some("\u{200B}广州天河大众4S店\u{FEFF}".into()),
            address: Some("\u{200E}\u{200F}".into()),
        })
        .unwrap();
    assert_eq!(settings.store.name.as_deref(), Some("广州天河大众4S店"));
    assert_eq!(settings.store.address, None);
}

#[test]
fn the_acting_consultant_follows_the_core_rule() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("张三", "13812345678"))
        .unwrap();
    let before = dump(&t.path, PIPELINE_TABLES);
    let err = t
        .store
        .advance_stage(&c.id, Stage::Contacted, Some("\u{202D}李明"))
        .unwrap_err();
    assert_invalid(err, "actor", Rule::BidiControls);
    assert_eq!(dump(&t.path, PIPELINE_TABLES), before);
    let moved = t
        .store
        .advance_stage(&c.id, Stage::Contacted, Some("\u{200B}李明\u{2060}"))
        .unwrap();
    assert_eq!(moved.record.actor.as_deref(), Some("李明"));
}

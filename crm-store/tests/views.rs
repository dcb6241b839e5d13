//! Saved views: create, rename, update, delete, list, run; they survive a restart.

mod common;

use common::{customer, test_store};
use crm_core::{CustomerFilter, Importance, ListColumn, Rule, Sort, SortKey, ViewDefinition};
use crm_store::{Store, StoreError};

fn key_customers() -> ViewDefinition {
    ViewDefinition {
        filter: CustomerFilter {
            importance: vec![Importance::Key],
            ..Default::default()
        },
        sort: Sort {
            key: SortKey::Name,
            descending: false,
        },
        columns: vec![
            ListColumn::Name,
            ListColumn::PrimaryContact,
            ListColumn::Tags,
        ],
    }
}

#[test]
fn a_view_lives_through_its_whole_life_and_a_restart() {
    let t = test_store();
    let mut a = customer("张三", "13800000001");
    a.importance = Importance::Key;
    let a = t.store.create_customer(&a).unwrap();
    let mut b = customer("阿明", "13800000002");
    b.importance = Importance::Key;
    let b = t.store.create_customer(&b).unwrap();
    t.store
        .create_customer(&customer("李四", "13800000003"))
        .unwrap();

    let view = t.store.create_view(" 重点客户 ", &key_customers()).unwrap();
    assert_eq!((view.name.as_str(), view.version), ("重点客户", 1));
    let page = t.store.run_view(&view.id, 50, None).unwrap();
    assert_eq!(
        page.customers.iter().map(|c| &c.id).collect::<Vec<_>>(),
        vec![&b.id, &a.id],
        "pinyin order"
    );

    let renamed = t.store.rename_view(&view.id, 1, "Key customers").unwrap();
    assert_eq!(renamed.version, 2);
    let mut def = key_customers();
    def.sort.descending = true;
    let updated = t.store.update_view(&view.id, 2, &def).unwrap();
    assert_eq!(updated.definition, def);
    assert!(matches!(
        t.store.update_view(&view.id, 2, &def),
        Err(StoreError::Conflict { .. })
    ));

    drop(t.store);
    let store = Store::open(&t.path).unwrap();
    let views = store.list_views().unwrap();
    assert_eq!(views, vec![updated.clone()]);
    let page = store.run_view(&view.id, 50, None).unwrap();
    assert_eq!(
        page.customers.iter().map(|c| &c.id).collect::<Vec<_>>(),
        vec![&a.id, &b.id]
    );
    store.delete_view(&view.id).unwrap();
    assert!(store.list_views().unwrap().is_empty());
    assert!(matches!(
        store.delete_view(&view.id),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn names_are_unique_ignoring_case_and_filters_are_checked() {
    let t = test_store();
    t.store
        .create_view("My View", &ViewDefinition::default())
        .unwrap();
    let err = t
        .store
        .create_view("my view", &ViewDefinition::default())
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "name" && e.rule == Rule::Taken));
    let err = t
        .store
        .create_view("", &ViewDefinition::default())
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "name"));
    let bad = ViewDefinition {
        filter: CustomerFilter {
            birthday_months: vec![0],
            ..Default::default()
        },
        ..Default::default()
    };
    let err = t.store.create_view("bad", &bad).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "filter.birthday_months[0]"));
    assert_eq!(t.store.list_views().unwrap().len(), 1);
}

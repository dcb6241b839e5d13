//! Customer operations against a real SQLite file.

mod common;

use chrono::{Duration, NaiveDate};
use common::{customer, start, test_store};
use crm_core::{
    ContactInput, ContactKind, CustomerId, CustomerPatch, FirstContact, Importance, Region, Rule,
    SourceChannel,
};
use crm_store::{ListQuery, StoreError};

#[test]
fn a_created_customer_reads_back_whole() {
    let t = test_store();
    let mut new = customer("张三", "+86 138-1234-5678");
    new.birthday = NaiveDate::from_ymd_opt(1990, 5, 17);
    new.region = Region {
        province: Some("广东省".into()),
        city: Some("广州市".into()),
        district: None,
    };
    new.contacts
        .push(ContactInput::new(ContactKind::Wechat, "zhangsan_88"));
    new.source = SourceChannel::OnlinePlatform {
        platform: "汽车之家".into(),
    };
    new.first_contact = Some(FirstContact {
        at: start() - Duration::days(2),
        place: Some("展厅".into()),
        scene: None,
        reaction: Some("对SUV感兴趣".into()),
    });
    new.tags = vec!["高意向".into(), "SUV".into()];
    new.importance = Importance::Important;
    new.owner = Some("c01".into());
    let created = t.store.create_customer(&new).unwrap();
    assert_eq!(created.version, 1);
    assert_eq!(created.created_at, start());
    assert_eq!(created.profile.contacts[0].key, "+8613812345678");
    assert_eq!(t.store.get_customer(&created.id).unwrap(), created);
    assert_eq!(created.id.as_str().len(), 36);
    assert_eq!(&created.id.as_str()[14..15], "7", "a UUIDv7");
}

#[test]
fn an_update_applies_a_patch_and_bumps_the_version() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("李四", "13912345678"))
        .unwrap();
    t.clock.advance(Duration::minutes(5));
    let patch = CustomerPatch {
        importance: Some(Importance::Key),
        tags: Some(vec!["VIP".into()]),
        ..Default::default()
    };
    let updated = t.store.update_customer(&c.id, 1, &patch).unwrap();
    assert_eq!(updated.version, 2);
    assert_eq!(updated.updated_at, start() + Duration::minutes(5));
    assert_eq!(updated.created_at, c.created_at);
    assert_eq!(updated.profile.importance, Importance::Key);
    assert_eq!(t.store.get_customer(&c.id).unwrap(), updated);
}

#[test]
fn a_stale_version_conflicts_and_writes_nothing() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("王五", "13712345678"))
        .unwrap();
    let patch = CustomerPatch {
        name: Some("王五五".into()),
        ..Default::default()
    };
    t.store.update_customer(&c.id, 1, &patch).unwrap();
    let err = t.store.update_customer(&c.id, 1, &patch).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 1,
                actual: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(t.store.get_customer(&c.id).unwrap().version, 2);
}

#[test]
fn invalid_input_names_the_field_and_writes_nothing() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("赵六", "13612345678"))
        .unwrap();
    let err = t
        .store
        .create_customer(&customer("", "13612345679"))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(e) if e.field == "name" && e.rule == Rule::Required)
    );
    let bad_phone = CustomerPatch {
        contacts: Some(vec![
            ContactInput::new(ContactKind::Mobile, "1234").primary()
        ]),
        ..Default::default()
    };
    let err = t.store.update_customer(&c.id, 1, &bad_phone).unwrap_err();
    assert!(matches!(&err, StoreError::Invalid(e) if e.field == "contacts[0].value"));
    assert_eq!(t.store.count_customers(true).unwrap(), 1);
    assert_eq!(t.store.get_customer(&c.id).unwrap(), c);
}

#[test]
fn missing_customers_are_not_found() {
    let t = test_store();
    let id = CustomerId::from(common::MISSING);
    assert!(matches!(
        t.store.get_customer(&id),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        t.store.delete_customer(&id),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        t.store.update_customer(&id, 1, &CustomerPatch::default()),
        Err(StoreError::NotFound { .. })
    ));
    // An id that is not even well-formed is a typo, named as invalid input.
    let typo = CustomerId::from("nope");
    for result in [
        t.store.get_customer(&typo).map(|_| ()),
        t.store.delete_customer(&typo),
    ] {
        assert!(
            matches!(&result, Err(StoreError::Invalid(v)) if v.field == "customer_id"),
            "{result:?}"
        );
    }
}

#[test]
fn archived_customers_leave_the_default_list_and_come_back() {
    let t = test_store();
    let a = t
        .store
        .create_customer(&customer("甲", "13512345678"))
        .unwrap();
    let b = t
        .store
        .create_customer(&customer("乙", "13512345679"))
        .unwrap();
    let archived = t.store.archive_customer(&a.id, 1).unwrap();
    assert_eq!(archived.archived_at, Some(start()));
    let page = t.store.list_customers(&ListQuery::default()).unwrap();
    assert_eq!(
        page.customers.iter().map(|c| &c.id).collect::<Vec<_>>(),
        vec![&b.id]
    );
    let all = t.store.list_customers(&ListQuery {
        include_archived: true,
        ..Default::default()
    });
    assert_eq!(all.unwrap().customers.len(), 2);
    assert_eq!(t.store.count_customers(false).unwrap(), 1);
    let restored = t.store.restore_customer(&a.id, 2).unwrap();
    assert_eq!((restored.archived_at, restored.version), (None, 3));
    assert_eq!(t.store.count_customers(false).unwrap(), 2);
}

#[test]
fn deleting_removes_the_customer_with_contacts_and_tags() {
    let t = test_store();
    let mut new = customer("丙", "13412345678");
    new.tags = vec!["x".into()];
    let c = t.store.create_customer(&new).unwrap();
    t.store.delete_customer(&c.id).unwrap();
    assert!(matches!(
        t.store.get_customer(&c.id),
        Err(StoreError::NotFound { .. })
    ));
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let orphans: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM customer_tags)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

#[test]
fn pages_walk_every_customer_newest_first_exactly_once() {
    let t = test_store();
    let mut ids = Vec::new();
    for i in 0..23 {
        // Several customers share a millisecond: the id breaks the tie.
        if i % 3 == 0 {
            t.clock.advance(Duration::seconds(1));
        }
        ids.push(
            t.store
                .create_customer(&customer(&format!("客户{i}"), &format!("1380000{i:04}")))
                .unwrap(),
        );
    }
    let mut seen = Vec::new();
    let mut query = ListQuery {
        limit: 5,
        ..Default::default()
    };
    loop {
        let page = t.store.list_customers(&query).unwrap();
        seen.extend(page.customers.iter().map(|s| s.id.clone()));
        assert!(page.customers.iter().all(|s| s.primary_contact.is_some()));
        match page.next_cursor {
            Some(c) => query.cursor = Some(c),
            None => break,
        }
    }
    let mut expected: Vec<_> = ids.iter().map(|c| (c.created_at, c.id.clone())).collect();
    expected.sort();
    expected.reverse();
    assert_eq!(
        seen,
        expected.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
    );
}

#[test]
fn a_bad_page_request_is_rejected() {
    let t = test_store();
    let bad = ListQuery {
        cursor: Some("garbage".into()),
        ..Default::default()
    };
    assert!(matches!(
        t.store.list_customers(&bad),
        Err(StoreError::InvalidCursor)
    ));
    let zero = ListQuery {
        limit: 0,
        ..Default::default()
    };
    assert!(
        matches!(t.store.list_customers(&zero), Err(StoreError::Invalid(e)) if e.field == "limit")
    );
}

/// Every paged read takes 1 to `MAX_PAGE_SIZE` rows, and names `limit` otherwise.
#[test]
fn page_sizes_run_from_one_to_the_maximum() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("分页", "13812340009"))
        .unwrap();
    let limit_error =
        |r: Result<_, StoreError>| matches!(r, Err(StoreError::Invalid(e)) if e.field == "limit");
    for limit in [0, crm_store::MAX_PAGE_SIZE + 1] {
        let query = ListQuery {
            limit,
            ..Default::default()
        };
        assert!(
            limit_error(t.store.list_customers(&query).map(|_| ())),
            "list {limit}"
        );
        assert!(
            limit_error(t.store.timeline(&c.id, limit, None).map(|_| ())),
            "timeline {limit}"
        );
    }
    for limit in [1, crm_store::MAX_PAGE_SIZE] {
        let query = ListQuery {
            limit,
            ..Default::default()
        };
        assert_eq!(
            t.store.list_customers(&query).unwrap().customers.len(),
            1,
            "list {limit}"
        );
        assert!(
            t.store.timeline(&c.id, limit, None).is_ok(),
            "timeline {limit}"
        );
    }
}

#[test]
fn an_import_is_all_or_nothing() {
    let t = test_store();
    let good = crm_store::CustomerImport {
        customer: customer("导入一", "13812340001"),
        created_at: start() - Duration::days(30),
    };
    let bad = crm_store::CustomerImport {
        customer: customer("导入二", "999"),
        created_at: start(),
    };
    let err = t.store.import_customers(&[good.clone(), bad]).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(e) if e.field == "customers[1].contacts[0].value"),
        "{err}"
    );
    assert_eq!(t.store.count_customers(true).unwrap(), 0);
    let ids = t.store.import_customers(&[good]).unwrap();
    let c = t.store.get_customer(&ids[0]).unwrap();
    assert_eq!(c.created_at, start() - Duration::days(30));
    assert_eq!(c.updated_at, start());
}

#[test]
fn a_store_is_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<crm_store::Store>();
    let t = test_store();
    std::thread::scope(|s| {
        for k in 0..4 {
            let store = &t.store;
            s.spawn(move || {
                for i in 0..10 {
                    store
                        .create_customer(&customer("并发", &format!("1391{k}00{i:04}")))
                        .unwrap();
                    store.list_customers(&ListQuery::default()).unwrap();
                }
            });
        }
    });
    assert_eq!(t.store.count_customers(false).unwrap(), 40);
}

#[test]
fn other_spellings_of_in_memory_databases_are_refused_by_name() {
    for path in ["", "file::memory:?cache=shared"] {
        let err = crm_store::Store::open(path).unwrap_err();
        assert!(
            matches!(err, StoreError::Invalid(e) if e.field == "path"),
            "{path:?}"
        );
    }
    let err = crm_store::Store::open_read_only(":memory:").unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "path"));
}

#[test]
fn customers_created_in_one_millisecond_list_newest_first() {
    let t = test_store();
    let ids: Vec<CustomerId> = (0..5)
        .map(|i| {
            t.store
                .create_customer(&customer("同时", &format!("1370000000{i}")))
                .unwrap()
                .id
        })
        .collect();
    let listed: Vec<CustomerId> = t
        .store
        .list_customers(&ListQuery::default())
        .unwrap()
        .customers
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(listed, ids.into_iter().rev().collect::<Vec<_>>());
}

//! Filters, sorts, pages, counts and facets against a brute-force oracle in Rust (the deal
//! dimensions on books with intents, pipelines and orders: `filters_deal.rs`).

mod common;
mod filter_oracle;

use chrono::Duration;
use common::{customer, test_store, NowForTests};
use crm_core::strategies::{
    customer::new_customer,
    find::{customer_filter, sort},
};
use crm_core::{
    tag_key, Code, Customer, CustomerFilter, Importance, LastContactFilter, Sort, SortKey,
};
use crm_store::{CustomerQuery, StoreError, WriteOptions};
use filter_oracle::{oracle_matches, oracle_sorted, DealFacts};
use proptest::prelude::*;
use std::collections::BTreeMap;

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn pages_counts_and_facets_agree_with_the_oracle(
        news in prop::collection::vec((new_customer(), prop::bool::weighted(0.2)), 1..30),
        filter in customer_filter(),
        sort in sort(),
        page in 1u32..7,
    ) {
        let t = test_store();
        let mut customers = Vec::new();
        for (new, archive) in &news {
            t.clock.advance(Duration::hours(7));
            let c = t.store.create_customer_with(new, WriteOptions { allow_duplicates: true }).unwrap();
            customers.push(if *archive { t.store.archive_customer(&c.id, 1).unwrap() } else { c });
        }
        let now = t.clock.now_for_tests();
        let matching: Vec<&Customer> = customers
            .iter()
            .filter(|c| oracle_matches(&filter, c, &DealFacts::of(&t.store, c), &[], now))
            .collect();

        let mut walked = Vec::new();
        let mut query = CustomerQuery { filter: filter.clone(), sort, limit: page, cursor: None };
        loop {
            let result = t.store.query_customers(&query).unwrap();
            prop_assert!(result.customers.len() <= page as usize);
            walked.extend(result.customers.iter().map(|s| s.id.0.clone()));
            match result.next_cursor {
                Some(c) => query.cursor = Some(c),
                None => break,
            }
        }
        prop_assert_eq!(&walked, &oracle_sorted(matching.clone(), sort));
        prop_assert_eq!(t.store.count_matching(&filter).unwrap(), matching.len() as u64);

        let facets = t.store.facet_counts(&filter).unwrap();
        let mut channels: BTreeMap<&str, u64> = BTreeMap::new();
        let mut importance: BTreeMap<&str, u64> = BTreeMap::new();
        let mut tags: BTreeMap<String, u64> = BTreeMap::new();
        for c in &matching {
            *channels.entry(c.profile.source.kind_name()).or_default() += 1;
            *importance.entry(c.profile.importance.code()).or_default() += 1;
            for t in &c.profile.tags {
                *tags.entry(tag_key(t)).or_default() += 1;
            }
        }
        let got: BTreeMap<&str, u64> = facets.channels.iter().map(|f| (f.value.as_str(), f.count)).collect();
        prop_assert_eq!(got, channels);
        let got: BTreeMap<&str, u64> = facets.importance.iter().map(|f| (f.value.as_str(), f.count)).collect();
        prop_assert_eq!(got, importance);
        let got: BTreeMap<String, u64> = facets.tags.iter().map(|f| (tag_key(&f.value), f.count)).collect();
        prop_assert_eq!(got, tags);
        let mut owners: BTreeMap<&str, u64> = BTreeMap::new();
        let mut platforms: BTreeMap<&str, u64> = BTreeMap::new();
        for c in &matching {
            if let Some(o) = &c.profile.owner {
                *owners.entry(o.as_str()).or_default() += 1;
            }
            if let crm_core::SourceChannel::OnlinePlatform { platform } = &c.profile.source {
                *platforms.entry(platform.as_str()).or_default() += 1;
            }
        }
        let got: BTreeMap<&str, u64> = facets.owners.iter().map(|f| (f.value.as_str(), f.count)).collect();
        prop_assert_eq!(got, owners);
        let got: BTreeMap<&str, u64> = facets.platforms.iter().map(|f| (f.value.as_str(), f.count)).collect();
        prop_assert_eq!(got, platforms);
    }
}

#[test]
fn the_manuals_example_contacted_recently_and_tagged() {
    let t = test_store();
    let mut a = customer("甲", "13800000001");
    a.tags = vec!["SUV".into()];
    a.importance = Importance::Important;
    let a = t.store.create_customer(&a).unwrap();
    t.store
        .create_customer(&customer("乙", "13800000002"))
        .unwrap();
    let filter = CustomerFilter {
        tags_any: vec!["suv".into()],
        importance: vec![Importance::Important, Importance::Key],
        last_contact: Some(LastContactFilter::Never),
        ..Default::default()
    };
    let page = t
        .store
        .query_customers(&CustomerQuery {
            filter: filter.clone(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        page.customers.iter().map(|c| &c.id).collect::<Vec<_>>(),
        vec![&a.id]
    );
    assert_eq!(t.store.count_matching(&filter).unwrap(), 1);
}

#[test]
fn bad_filters_and_foreign_cursors_are_rejected() {
    let t = test_store();
    for i in 0..3 {
        t.store
            .create_customer(&customer("丙", &format!("1390000000{i}")))
            .unwrap();
    }
    let bad = CustomerFilter {
        channels: vec!["tv".into()],
        ..Default::default()
    };
    let err = t
        .store
        .query_customers(&CustomerQuery {
            filter: bad,
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "channels[0]"));
    let first = t
        .store
        .query_customers(&CustomerQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    let by_name = CustomerQuery {
        sort: Sort {
            key: SortKey::Name,
            descending: false,
        },
        cursor: first.next_cursor,
        limit: 1,
        ..Default::default()
    };
    assert!(matches!(
        t.store.query_customers(&by_name),
        Err(StoreError::InvalidCursor)
    ));
}

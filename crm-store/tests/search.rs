//! Quick search against real SQLite, checked against brute force and naive LIKE scans.

mod common;

use chrono::Duration;
use common::{customer, test_store};
use crm_core::search::{match_tier, MatchTier, SearchQuery};
use crm_core::strategies::customer::new_customer;
use crm_core::{ContactInput, ContactKind, Customer};
use crm_store::{SearchOptions, StoreError};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn ids(hits: &[crm_store::SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.customer.id.as_str()).collect()
}

#[test]
fn each_query_kind_finds_the_customer() {
    let t = test_store();
    let mut zhang = customer("张三", "138 1234 5678");
    zhang
        .contacts
        .push(ContactInput::new(ContactKind::Wechat, "carfan_88"));
    zhang.contacts.push(ContactInput::new(
        ContactKind::Email,
        "san.zhang@example.com",
    ));
    let zhang = t.store.create_customer(&zhang).unwrap();
    let shan = t
        .store
        .create_customer(&customer("单雄信", "13912340000"))
        .unwrap();
    for q in [
        "张三",
        "张",
        "三",
        "zhangsan",
        "zhang san",
        "zhangs",
        "zs",
        "Z S",
        "5678",
        "138-1234",
        "+86 138 1234 5678",
        "carfan",
        "fan_8",
        "san.zhang@",
        "example.com",
    ] {
        let hits = t
            .store
            .search_customers(q, &SearchOptions::default())
            .unwrap();
        assert_eq!(ids(&hits), vec![zhang.id.as_str()], "query {q:?}");
    }
    let hits = t
        .store
        .search_customers("shanxiongxin", &SearchOptions::default())
        .unwrap();
    assert_eq!(ids(&hits), vec![shan.id.as_str()]);
    assert!(t
        .store
        .search_customers("danxiongxin", &SearchOptions::default())
        .unwrap()
        .is_empty());
}

#[test]
fn phones_are_found_however_they_are_typed() {
    let t = test_store();
    let mut wang = customer("王五", "138 0013 8000");
    wang.contacts
        .push(ContactInput::new(ContactKind::Landline, "010-6552 9988"));
    let wang = t.store.create_customer(&wang).unwrap();
    // Its numbers' digits in another order: found by runs, never by a whole-key reading.
    t.store
        .create_customer(&customer("李四", "139 8000 6552"))
        .unwrap();
    let found = |q: &str| {
        let hits = t
            .store
            .search_customers(q, &SearchOptions::default())
            .unwrap();
        hits.iter()
            .map(|h| (h.customer.id.as_str().to_owned(), h.tier))
            .collect::<Vec<_>>()
    };
    let wang_at = |tier| vec![(wang.id.as_str().to_owned(), tier)];
    for exact in [
        "010-6552 9988",
        "01065529988",
        "8613800138000",
        "+86 10 6552 9988",
    ] {
        assert_eq!(found(exact), wang_at(MatchTier::Exact), "{exact}");
    }
    assert_eq!(found("010-6552"), wang_at(MatchTier::Prefix));
    assert_eq!(found("29988"), wang_at(MatchTier::Substring));
    assert_eq!(
        found("08000").len(),
        0,
        "a trunk 0 reads as the start of a key"
    );
    assert_eq!(found("8000").len(), 2, "a run inside a number matches");
    // The filter's query reads phones the same way.
    let filtered = t
        .store
        .query_customers(&crm_store::CustomerQuery {
            filter: crm_core::CustomerFilter {
                query: Some("01065529988".into()),
                ..Default::default()
            },
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        filtered.customers.iter().map(|c| &c.id).collect::<Vec<_>>(),
        vec![&wang.id]
    );
}

#[test]
fn hits_rank_exact_then_prefix_then_substring_then_by_recency() {
    let t = test_store();
    let sub = t
        .store
        .create_customer(&customer("李王", "13800000001"))
        .unwrap();
    t.clock.advance(Duration::minutes(1));
    let prefix_old = t
        .store
        .create_customer(&customer("王伟", "13800000002"))
        .unwrap();
    t.clock.advance(Duration::minutes(1));
    let exact = t
        .store
        .create_customer(&customer("王", "13800000003"))
        .unwrap();
    t.clock.advance(Duration::minutes(1));
    let prefix_new = t
        .store
        .create_customer(&customer("王芳", "13800000004"))
        .unwrap();
    let hits = t
        .store
        .search_customers("王", &SearchOptions::default())
        .unwrap();
    assert_eq!(
        ids(&hits),
        vec![
            exact.id.as_str(),
            prefix_new.id.as_str(),
            prefix_old.id.as_str(),
            sub.id.as_str()
        ]
    );
    let tiers: Vec<MatchTier> = hits.iter().map(|h| h.tier).collect();
    assert_eq!(
        tiers,
        [
            MatchTier::Exact,
            MatchTier::Prefix,
            MatchTier::Prefix,
            MatchTier::Substring
        ]
    );
    let two = t
        .store
        .search_customers(
            "王",
            &SearchOptions {
                limit: 2,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(ids(&two), ids(&hits)[..2].to_vec());
}

#[test]
fn edits_archives_and_deletes_keep_the_index_in_step() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("周杰", "13700001111"))
        .unwrap();
    let patch = crm_core::CustomerPatch {
        name: Some("周杰伦".into()),
        ..Default::default()
    };
    let c = t.store.update_customer(&c.id, 1, &patch).unwrap();
    let find = |q: &str, archived: bool| {
        let options = SearchOptions {
            include_archived: archived,
            ..Default::default()
        };
        t.store.search_customers(q, &options).unwrap().len()
    };
    assert_eq!(find("zhoujielun", false), 1);
    assert_eq!(find("周杰", false), 1);
    t.store.archive_customer(&c.id, c.version).unwrap();
    assert_eq!(find("周杰伦", false), 0, "archived customers are excluded");
    assert_eq!(find("周杰伦", true), 1, "unless asked for");
    t.store.delete_customer(&c.id).unwrap();
    assert_eq!(find("周杰伦", true), 0);
}

#[test]
fn bad_queries_name_the_field() {
    let t = test_store();
    let err = t
        .store
        .search_customers("  ", &SearchOptions::default())
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "query"));
    let err = t
        .store
        .search_customers(
            "x",
            &SearchOptions {
                limit: 0,
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(e) if e.field == "limit"));
}

/// Queries drawn from the customers themselves (parts of names, pinyin, phones, handles)
/// and from noise.
fn queries_for(customers: &[Customer], picks: &[(usize, usize, usize)]) -> Vec<String> {
    let mut out = Vec::new();
    for &(who, what, cut) in picks {
        let Some(c) = customers.get(who % customers.len().max(1)) else {
            continue;
        };
        let p = &c.profile;
        let pinyin = crm_core::search::NamePinyin::of(&p.name);
        let key = match what % 5 {
            0 => p.name.clone(),
            1 => pinyin.full(),
            2 => pinyin.initials(),
            3 => p.contacts[0].key.trim_start_matches("+86").to_owned(),
            _ => p.contacts.last().map(|c| c.key.clone()).unwrap_or_default(),
        };
        let chars: Vec<char> = key.chars().collect();
        if chars.is_empty() {
            continue;
        }
        let start = cut % chars.len();
        let len = 1 + (cut / 7) % (chars.len() - start);
        out.push(chars[start..start + len].iter().collect());
    }
    out.extend(["王", "zz", "1380", "qq.com", "a"].map(String::from));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// The index returns exactly the customers brute force finds, at the same tiers, in rank
    /// order; and every customer a naive full scan of names (`LIKE '%q%'`, written with `instr`
    /// so `_` and `%` in queries are not wildcards) finds is among them.
    #[test]
    fn search_agrees_with_brute_force_and_naive_like(
        news in prop::collection::vec(new_customer(), 1..40),
        picks in prop::collection::vec((0usize..40, 0usize..5, 0usize..100), 10..20),
    ) {
        let t = test_store();
        let mut customers = Vec::new();
        for new in &news {
            t.clock.advance(Duration::seconds(1));
            let allow = crm_store::WriteOptions { allow_duplicates: true };
            customers.push(t.store.create_customer_with(new, allow).unwrap());
        }
        let conn = rusqlite::Connection::open(&t.path).unwrap();
        for q in queries_for(&customers, &picks) {
            let Ok(query) = SearchQuery::parse(&q) else { continue };
            let options = SearchOptions { limit: 200, include_archived: false };
            let hits = t.store.search_customers(&q, &options).unwrap();
            let mut expected: Vec<(MatchTier, std::cmp::Reverse<chrono::DateTime<chrono::Utc>>, String)> = customers
                .iter()
                .filter_map(|c| Some((match_tier(&c.profile, &query)?, std::cmp::Reverse(c.created_at), c.id.0.clone())))
                .collect();
            expected.sort();
            let got: BTreeSet<(MatchTier, String)> = hits.iter().map(|h| (h.tier, h.customer.id.0.clone())).collect();
            let want: BTreeSet<(MatchTier, String)> = expected.iter().map(|(t, _, id)| (*t, id.clone())).collect();
            prop_assert_eq!(got, want, "query {:?}", q);
            let got_order: Vec<(MatchTier, _)> = hits.iter().map(|h| (h.tier, std::cmp::Reverse(h.customer.created_at))).collect();
            let want_order: Vec<(MatchTier, _)> = expected.iter().map(|(t, r, _)| (*t, *r)).collect();
            prop_assert_eq!(got_order, want_order);
            let mut like = conn.prepare("SELECT id FROM customers WHERE instr(lower(replace(name, ' ', '')), ?1) > 0").unwrap();
            let naive: Vec<String> = like.query_map([&query.name], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
            let found: BTreeSet<&str> = hits.iter().map(|h| h.customer.id.as_str()).collect();
            for id in &naive {
                prop_assert!(found.contains(id.as_str()), "LIKE found {} for {:?}", id, q);
            }
        }
    }
}

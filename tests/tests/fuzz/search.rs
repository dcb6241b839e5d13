//! Quick-search queries: any text is a query or a refusal naming `query`, both when it is
//! read and when a book is searched with it (and as a filter's `query`).

use crate::harness::{config, corpus, text_input};
use crm_core::search::{SearchQuery, MAX_QUERY_CHARS};
use crm_core::{ContactInput, ContactKind, CustomerFilter, NewCustomer, SourceChannel};
use crm_store::{SearchOptions, Store, StoreError};
use proptest::prelude::*;
use std::sync::OnceLock;

/// A small book to search: names, pinyin, phones, WeChat IDs and e-mails.
fn book() -> &'static Store {
    static BOOK: OnceLock<Store> = OnceLock::new();
    BOOK.get_or_init(|| {
        let store = Store::open_in_memory().expect("an in-memory book");
        let people = [
            ("张三", ContactKind::Mobile, "138 1234 5678"),
            ("王芳", ContactKind::Mobile, "13900139000"),
            ("欧阳明", ContactKind::Landline, "010-6552 9988"),
            ("李雷", ContactKind::Wechat, "lilei_88"),
            ("Anna Schmidt", ContactKind::Email, "anna@example.com"),
            ("张伟", ContactKind::Mobile, "+33 6 28 23 04 55"),
        ];
        for (name, kind, value) in people {
            let new = NewCustomer::new(
                name,
                ContactInput::new(kind, value),
                SourceChannel::ShowroomWalkIn,
            );
            store.create_customer(&new).expect("a seed customer");
        }
        store
    })
}

fn check(text: &str, limit: u32, include_archived: bool) -> Result<(), TestCaseError> {
    match SearchQuery::parse(text) {
        Ok(q) => {
            prop_assert!(!q.name.is_empty() && q.name.chars().count() <= MAX_QUERY_CHARS);
            if let Some(p) = &q.pinyin {
                prop_assert!(p.bytes().all(|b| b.is_ascii_lowercase()), "{:?}", q);
            }
            for d in [&q.digits, &q.phone_start].into_iter().flatten() {
                prop_assert!(
                    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()),
                    "{:?}",
                    q
                );
            }
        }
        Err(e) => prop_assert_eq!(e.field.as_str(), "query", "{:?}", text),
    }
    let options = SearchOptions {
        limit,
        include_archived,
    };
    match book().search_customers(text, &options) {
        Ok(hits) => prop_assert!(hits.len() <= limit as usize),
        Err(StoreError::Invalid(e)) => {
            prop_assert!(
                e.field == "query" || e.field == "limit",
                "{:?}: {}",
                text,
                e
            )
        }
        Err(other) => prop_assert!(false, "{:?}: {:?}", text, other),
    }
    let filter = CustomerFilter {
        query: Some(text.to_owned()),
        ..CustomerFilter::default()
    };
    match book().count_matching(&filter) {
        Ok(_) => {}
        Err(StoreError::Invalid(e)) => prop_assert_eq!(e.field.as_str(), "query", "{:?}", text),
        Err(other) => prop_assert!(false, "{:?}: {:?}", text, other),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn any_text_searches_or_is_refused_naming_query(
        text in text_input(corpus("search")),
        limit in prop_oneof![1..=20u32, 0..=300u32],
        include_archived in any::<bool>(),
    ) {
        check(&text, limit, include_archived)?;
    }
}

#[test]
fn every_seed_holds() {
    for seed in corpus("search") {
        check(&seed, 20, false).unwrap();
    }
}

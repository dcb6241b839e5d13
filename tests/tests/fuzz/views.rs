//! Filters and saved-view JSON: a definition that reads is valid or refused naming its
//! field (`filter.birthday_months[0]`, `columns`); a valid one prints and reads back as
//! itself, is saved and read back unchanged by a book, and runs; a refused one leaves no
//! view behind.

use crate::harness::{config, corpus, json_mutated, mutated};
use crate::thread_book::thread_book as book;
use crm_core::strategies::{
    find::{customer_filter, deal_filter, sort},
    vehicle::reference_today,
};
use crm_core::{ListColumn, ViewDefinition};
use crm_store::{CustomerQuery, StoreError};
use proptest::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// A name no view has yet.
fn fresh_name() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("视图 {}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn check(json: &str) -> Result<(), TestCaseError> {
    let Ok(definition) = serde_json::from_str::<ViewDefinition>(json) else {
        return Ok(());
    };
    let printed = serde_json::to_string(&definition).expect("a definition as JSON");
    prop_assert_eq!(
        &serde_json::from_str::<ViewDefinition>(&printed).expect("read back"),
        &definition
    );
    let store = book();
    let before = store.list_views().expect("the views").len();
    let checked = definition.validate();
    match store.create_view(&fresh_name(), &definition) {
        Ok(view) => {
            prop_assert!(checked.is_ok(), "{}: {:?}", json, checked);
            prop_assert_eq!(&view.definition, &definition);
            prop_assert_eq!(
                &store.get_view(&view.id).expect("the view").definition,
                &definition
            );
            let page = store.run_view(&view.id, 20, None);
            prop_assert!(page.is_ok(), "{}: {:?}", json, page);
            store.delete_view(&view.id).expect("deleting the view");
        }
        Err(StoreError::Invalid(e)) => {
            prop_assert_eq!(checked.as_ref().err(), Some(&e), "{}", json);
            prop_assert!(
                e.field.starts_with("filter.") || e.field == "columns",
                "{}: {}",
                json,
                e
            );
            let query = CustomerQuery {
                filter: definition.filter.clone(),
                sort: definition.sort,
                limit: 20,
                cursor: None,
            };
            match store.query_customers(&query) {
                Err(StoreError::Invalid(q)) if e.field == "columns" => {
                    prop_assert!(false, "the query refused {} for a bad column list", q)
                }
                Err(StoreError::Invalid(_)) => {}
                Ok(_) if e.field == "columns" => {}
                other => prop_assert!(false, "{}: {:?}", json, other),
            }
        }
        Err(other) => prop_assert!(false, "{}: {:?}", json, other),
    }
    prop_assert_eq!(store.list_views().expect("the views").len(), before);
    Ok(())
}

fn view_json() -> impl Strategy<Value = String> {
    let filter = prop_oneof![customer_filter(), deal_filter(reference_today())];
    let columns = prop::sample::subsequence(
        vec![
            ListColumn::Name,
            ListColumn::PrimaryContact,
            ListColumn::Channel,
            ListColumn::Tags,
            ListColumn::Owner,
            ListColumn::LastContact,
        ],
        0..=6,
    );
    let generated = (filter, sort(), columns)
        .prop_map(|(filter, sort, columns)| {
            serde_json::to_string(&ViewDefinition {
                filter,
                sort,
                columns,
            })
            .expect("a definition as JSON")
        })
        .prop_flat_map(|json| json_mutated(vec![json]));
    prop_oneof![
        4 => json_mutated(corpus("view")),
        1 => mutated(corpus("view")),
        3 => generated,
    ]
}

proptest! {
    #![proptest_config(config(250))]

    #[test]
    fn a_view_is_saved_and_runs_or_is_refused_naming_its_field(json in view_json()) {
        check(&json)?;
    }
}

#[test]
fn every_seed_holds() {
    for seed in corpus("view") {
        check(&seed).unwrap();
    }
}

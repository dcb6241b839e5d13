//! Care-rules JSON: any text is rules, a misspelt field named by its path, or "not rules";
//! rules are checked naming the field; good rules read back from their JSON as themselves
//! and a book stores them, a bad set leaves the book's rules as they were.

use crate::harness::{config, corpus, json_mutated, mutated};
use crate::thread_book::thread_book as book;
use crm_core::strategies::care::care_rules;
use crm_core::{CareRules, CareRulesJsonError};
use crm_store::StoreError;
use proptest::prelude::*;

/// The last name of a path (`holidays.list[2].nmae` → `nmae`).
fn last_name(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

fn check(json: &str) -> Result<(), TestCaseError> {
    match CareRules::from_json(json) {
        Ok(rules) => {
            let store = book();
            let before = store.care_rules().expect("the rules");
            match rules.validate() {
                Ok(valid) => {
                    let printed = serde_json::to_string(&valid).expect("rules as JSON");
                    prop_assert_eq!(
                        CareRules::from_json(&printed),
                        Ok(valid.clone()),
                        "{}",
                        json
                    );
                    prop_assert_eq!(
                        store.set_care_rules(&rules).ok(),
                        Some(valid.clone()),
                        "{}",
                        json
                    );
                    prop_assert_eq!(store.care_rules().expect("the rules"), valid);
                }
                Err(e) => {
                    prop_assert!(!e.field.is_empty(), "{}", json);
                    match store.set_care_rules(&rules) {
                        Err(StoreError::Invalid(v)) => prop_assert_eq!(v, e),
                        other => prop_assert!(false, "{}: {:?}", json, other),
                    }
                    prop_assert_eq!(store.care_rules().expect("the rules"), before);
                }
            }
        }
        Err(CareRulesJsonError::UnknownField(e)) => {
            prop_assert!(!e.field.is_empty(), "{}", json);
            if !json.contains('\\') {
                prop_assert!(json.contains(last_name(&e.field)), "{}: {}", json, e);
            }
        }
        Err(CareRulesJsonError::NotRules(reason)) => prop_assert!(!reason.is_empty()),
    }
    Ok(())
}

fn rules_json() -> impl Strategy<Value = String> {
    let generated = care_rules()
        .prop_map(|rules| serde_json::to_string(&rules).expect("rules as JSON"))
        .prop_flat_map(|json| json_mutated(vec![json]));
    prop_oneof![
        4 => json_mutated(corpus("care_rules")),
        1 => mutated(corpus("care_rules")),
        2 => generated,
    ]
}

proptest! {
    #![proptest_config(config(250))]

    #[test]
    fn any_text_is_rules_or_a_named_refusal(json in rules_json()) {
        check(&json)?;
    }
}

#[test]
fn every_seed_holds() {
    for seed in corpus("care_rules") {
        check(&seed).unwrap();
    }
}

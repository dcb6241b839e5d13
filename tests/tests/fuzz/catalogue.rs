//! Catalogue JSON (`crm catalogue load`): a list of models that reads is loaded whole or
//! refused naming the model and field (`catalogue[3].price.max`), the old catalogue kept.

use crate::harness::{config, corpus, json_mutated, mutated};
use crate::thread_book::thread_book as book;
use crm_core::strategies::vehicle::catalogue_model;
use crm_core::CatalogueModel;
use crm_store::StoreError;
use proptest::prelude::*;

fn check(json: &str) -> Result<(), TestCaseError> {
    let Ok(models) = serde_json::from_str::<Vec<CatalogueModel>>(json) else {
        return Ok(());
    };
    let printed = serde_json::to_string(&models).expect("models as JSON");
    prop_assert_eq!(
        &serde_json::from_str::<Vec<CatalogueModel>>(&printed).expect("read back"),
        &models
    );
    let store = book();
    let before = store.list_catalogue().expect("the catalogue");
    match store.load_catalogue(&models) {
        Ok(loaded) => {
            prop_assert_eq!(loaded, models.len());
            let after = store.list_catalogue().expect("the catalogue");
            prop_assert_eq!(after.len(), models.len());
            for (stored, given) in after.iter().zip(&models) {
                prop_assert_eq!(stored, &given.validate().expect("a loaded model is valid"));
            }
        }
        Err(StoreError::Invalid(e)) => {
            prop_assert!(e.field.starts_with("catalogue"), "{}: {}", json, e);
            prop_assert_eq!(store.list_catalogue().expect("the catalogue"), before);
        }
        Err(other) => prop_assert!(false, "{}: {:?}", json, other),
    }
    Ok(())
}

fn catalogue_json() -> impl Strategy<Value = String> {
    let generated = prop::collection::vec(catalogue_model(), 0..6)
        .prop_map(|models| serde_json::to_string(&models).expect("models as JSON"))
        .prop_flat_map(|json| json_mutated(vec![json]));
    prop_oneof![
        4 => json_mutated(corpus("catalogue")),
        1 => mutated(corpus("catalogue")),
        2 => generated,
    ]
}

proptest! {
    #![proptest_config(config(250))]

    #[test]
    fn a_catalogue_loads_whole_or_is_refused_naming_the_field(json in catalogue_json()) {
        check(&json)?;
    }
}

#[test]
fn every_seed_holds() {
    for seed in corpus("catalogue") {
        check(&seed).unwrap();
    }
}

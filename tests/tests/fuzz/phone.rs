//! Phone normalisation: any text is either one E.164 key, the same for the key itself, or
//! a rule broken; inside a customer the refusal names the contact's value.

use crate::harness::{config, corpus, text_input};
use chrono::{TimeZone, Utc};
use crm_core::strategies::customer::{
    landline_number, landline_spelling, mobile_number, mobile_spelling,
};
use crm_core::{
    normalize_phone, ContactInput, ContactKind, NewCustomer, PhoneKind, Rule, SourceChannel,
};
use proptest::prelude::*;

/// What `text` must give as a phone of each kind.
fn check(text: &str) -> Result<(), TestCaseError> {
    for kind in [PhoneKind::Mobile, PhoneKind::Landline] {
        match normalize_phone(text, kind) {
            Ok(key) => {
                let digits = key.strip_prefix('+').unwrap_or("");
                prop_assert!(
                    !digits.is_empty()
                        && digits.len() <= 17
                        && digits.bytes().all(|b| b.is_ascii_digit()),
                    "{kind:?} {text:?} gave the key {key:?}"
                );
                // The key is its own key: printing and reading again changes nothing.
                prop_assert_eq!(normalize_phone(&key, kind), Ok(key.clone()), "{:?}", text);
            }
            Err(rule) => prop_assert!(
                matches!(rule, Rule::Required | Rule::Malformed { .. }),
                "{kind:?} {text:?}: {rule:?}"
            ),
        }
    }
    let now = Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0).unwrap();
    for kind in [ContactKind::Mobile, ContactKind::Landline] {
        let customer = NewCustomer::new(
            "张三",
            ContactInput::new(kind, text),
            SourceChannel::ShowroomWalkIn,
        );
        if let Err(e) = customer.validate(now) {
            prop_assert_eq!(e.field.as_str(), "contacts[0].value", "{:?}: {}", text, e);
        }
    }
    Ok(())
}

fn phone_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => text_input(corpus("phone")),
        1 => mobile_number().prop_flat_map(mobile_spelling),
        1 => landline_number().prop_flat_map(landline_spelling),
    ]
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn any_text_is_one_key_or_a_rule_naming_the_contact(text in phone_text()) {
        check(&text)?;
    }
}

#[test]
fn every_seed_holds() {
    for seed in corpus("phone") {
        check(&seed).unwrap();
    }
}

#![cfg(feature = "proptest")]
//! Property tests of validation and normalisation.

use crm_core::strategies::{customer::*, time::*};
use crm_core::{normalize_phone, tag_key, Customer, CustomerId, NewCustomer, PhoneKind};
use proptest::prelude::*;

proptest! {
    #[test]
    fn every_spelling_of_a_mobile_yields_the_same_key(
        (digits, a, b) in mobile_number().prop_flat_map(|d| (Just(d.clone()), mobile_spelling(d.clone()), mobile_spelling(d)))
    ) {
        let expected = format!("+86{digits}");
        prop_assert_eq!(normalize_phone(&a, PhoneKind::Mobile), Ok(expected.clone()));
        prop_assert_eq!(normalize_phone(&b, PhoneKind::Mobile), Ok(expected));
    }

    #[test]
    fn normalising_a_phone_key_again_changes_nothing(spelling in mobile_number().prop_flat_map(mobile_spelling)) {
        let key = normalize_phone(&spelling, PhoneKind::Mobile).unwrap();
        prop_assert_eq!(normalize_phone(&key, PhoneKind::Mobile), Ok(key.clone()));
        prop_assert_eq!(normalize_phone(&key, PhoneKind::Landline), Ok(key));
    }

    #[test]
    fn tag_keys_are_idempotent(tag in "\\PC{0,20}") {
        let once = tag_key(&tag);
        prop_assert_eq!(tag_key(&once), once);
    }

    #[test]
    fn validating_a_valid_customer_twice_changes_nothing(c in new_customer()) {
        let profile = c.validate(reference_now()).unwrap();
        let again = NewCustomer::from(&profile).validate(reference_now()).unwrap();
        prop_assert_eq!(again, profile);
    }

    #[test]
    fn valid_customers_round_trip_through_serde(c in new_customer(), version in 1u64..1000) {
        let customer = Customer {
            id: CustomerId::from("0190c3a4-0000-7000-8000-000000000000"),
            profile: c.validate(reference_now()).unwrap(),
            archived_at: None,
            created_at: reference_now(),
            updated_at: reference_now(),
            version,
            intent_level: crm_core::IntentLevel::H,
            last_contact_at: Some(reference_now()),
            first_contacted_at: None,
        };
        let json = serde_json::to_string(&customer).unwrap();
        let back: Customer = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, customer);
        let input_json = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(serde_json::from_str::<NewCustomer>(&input_json).unwrap(), c);
    }

    #[test]
    fn a_near_valid_customer_is_rejected_naming_its_field((c, field) in near_valid_customer()) {
        let err = c.validate(reference_now()).unwrap_err();
        prop_assert_eq!(err.field, field);
    }

    #[test]
    fn patches_yield_valid_profiles_or_name_a_field(c in new_customer(), patch in customer_patch()) {
        let profile = c.validate(reference_now()).unwrap();
        let next = patch.apply(&profile, reference_now()).unwrap();
        if let Some(name) = &patch.name { prop_assert_eq!(&next.name, name.trim()); }
        if patch.contacts.is_none() { prop_assert_eq!(&next.contacts, &profile.contacts); }
    }
}

//! Store-backed property tests of the kind a harness built on `crm-core`'s strategies
//! writes: a store in memory whose clock stands at the strategies' reference instant,
//! customers from the customer strategies, and every dependent input generated for the ids
//! the store handed out, with no patching of generated values.

use crm_core::strategies::{care, customer, follow_up, reference_now, vehicle};
use crm_core::{ManualClock, ValidationError};
use crm_store::{Store, StoreError};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::sync::Arc;

/// The recipe: a book in memory whose clock stands at [`reference_now`].
fn store() -> Store {
    Store::open_in_memory_with_clock(Arc::new(ManualClock::new(reference_now())))
        .expect("an in-memory book opens")
}

/// One value of `strategy`, drawn inside a case for an id the store gave.
fn draw<S: Strategy>(strategy: S, runner: &mut TestRunner) -> S::Value {
    strategy
        .new_tree(runner)
        .expect("the strategy generates")
        .current()
}

fn runner(seed: u64) -> TestRunner {
    TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed.to_le_bytes(); 4].concat()),
    )
}

/// The field a refusal names, when it is a validation error.
fn refused_field(result: Result<impl std::fmt::Debug, StoreError>) -> Option<String> {
    match result {
        Err(StoreError::Invalid(ValidationError { field, .. })) => Some(field),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn customers_round_trip(new in customer::new_customer()) {
        let store = store();
        let stored = store.create_customer(&new)?;
        let expected = new.validate(reference_now()).expect("a valid customer");
        prop_assert_eq!(&store.get_customer(&stored.id)?.profile, &expected);
    }

    #[test]
    fn a_phone_typed_two_ways_is_always_a_duplicate(
        (first, second) in customer::mobile_number()
            .prop_flat_map(|n| (customer::mobile_spelling(n.clone()), customer::mobile_spelling(n))),
    ) {
        use crm_core::{ContactInput, ContactKind, NewCustomer, SourceChannel};
        let store = store();
        let holder = store.create_customer(&NewCustomer::new(
            "张伟",
            ContactInput::new(ContactKind::Mobile, first),
            SourceChannel::ShowroomWalkIn,
        ))?;
        let typed = ContactInput::new(ContactKind::Mobile, second);
        let found = store.check_duplicates(std::slice::from_ref(&typed))?;
        prop_assert_eq!(found.len(), 1);
        let again = store.create_customer(&NewCustomer::new("张伟", typed, SourceChannel::PhoneHotline));
        match again {
            Err(StoreError::Duplicate { existing, .. }) => prop_assert_eq!(existing, holder.id),
            other => prop_assert!(false, "expected a duplicate, got {:?}", other),
        }
        prop_assert_eq!(store.count_customers(true)?, 1);
    }

    #[test]
    fn a_near_valid_customer_is_refused_naming_its_field((new, field) in customer::near_valid_customer()) {
        let store = store();
        prop_assert_eq!(refused_field(store.create_customer(&new)), Some(field));
        prop_assert_eq!(store.count_customers(true)?, 0);
    }

}

proptest! {
    // Each case builds a customer with a history through the store: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_near_valid_input_is_refused_naming_its_field_and_nothing_is_written(
        new in customer::new_customer(),
        seed in any::<u64>(),
    ) {
        let store = store();
        let mut runner = runner(seed);
        let now = store.clock_now();
        let today = store.today()?;
        let id = store.create_customer(&new)?.id;

        // Valid records first, each generated for this customer, so that the near-valid ones
        // meet a customer with history.
        let follow_up = draw(follow_up::new_follow_up(id.clone(), now), &mut runner);
        let plan = draw(follow_up::new_plan(id.clone(), now), &mut runner);
        store.log_follow_up(&id, &follow_up, Some(&plan))?;
        let intent = store.add_intent(&draw(vehicle::new_vehicle_intent(id.clone()), &mut runner), None)?;
        store.schedule_visit(&draw(vehicle::new_visit(id.clone(), now), &mut runner), None)?;
        let order = store.place_order(
            &draw(vehicle::new_order(id.clone(), Some(intent.id.clone()), today), &mut runner),
            None,
        )?;
        store.record_car(&id, &draw(care::new_car(today), &mut runner))?;
        let before = store.export_customer(&id)?;

        let (bad, field) = draw(follow_up::near_valid_follow_up(id.clone(), now), &mut runner);
        prop_assert_eq!(refused_field(store.log_follow_up(&id, &bad, None)), Some(field));
        let (bad, field) = draw(follow_up::near_valid_plan(id.clone(), now), &mut runner);
        prop_assert_eq!(refused_field(store.set_plan(&bad)), Some(field));
        let (bad, field) = draw(vehicle::near_valid_vehicle_intent(id.clone(), today), &mut runner);
        prop_assert_eq!(refused_field(store.add_intent(&bad, None)), Some(field));
        let (bad, field) = draw(vehicle::near_valid_visit(id.clone(), now), &mut runner);
        prop_assert_eq!(refused_field(store.schedule_visit(&bad, None)), Some(field));
        let (bad, field) = draw(vehicle::near_valid_order(id.clone(), Some(intent.id.clone()), today), &mut runner);
        prop_assert_eq!(refused_field(store.place_order(&bad, None)), Some(field));
        let order_date = order.order.order_date;
        let (bad, field) = draw(vehicle::near_valid_delivery(order_date, today), &mut runner);
        prop_assert_eq!(refused_field(store.deliver_order(&order.id, order.version, &bad, None)), Some(field));
        let (bad, field) = draw(care::near_valid_car(today), &mut runner);
        prop_assert_eq!(refused_field(store.record_car(&id, &bad)), Some(field));

        prop_assert_eq!(store.export_customer(&id)?, before);
        prop_assert_eq!(store.count_customers(true)?, 1);
    }
}

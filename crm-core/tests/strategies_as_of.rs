//! The strategies that take "now" (or today) keep their promise at any instant, not only at
//! the reference one: every valid value passes its validator as of that instant, and every
//! near-valid one fails naming the field the generator returned.
#![cfg(feature = "proptest")]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use crm_core::strategies::{care, follow_up, reference_now, time::dealership_zone, vehicle};
use crm_core::{DealershipZone, Plan};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// An instant from the reference one to about ten years later.
fn later_now() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..3650 * 24 * 60).prop_map(|m| reference_now() + Duration::minutes(m))
}

/// One value of `strategy`, drawn with `runner`.
fn draw<S: Strategy>(strategy: S, runner: &mut TestRunner) -> Result<S::Value, TestCaseError> {
    Ok(strategy
        .new_tree(runner)
        .map_err(TestCaseError::fail)?
        .current())
}

/// `now` and the local date of `now` in `zone`.
fn today(now: DateTime<Utc>, zone: &DealershipZone) -> NaiveDate {
    zone.local_date(now)
}

proptest! {
    #[test]
    fn follow_ups_fit_any_now(
        (now, (valid, (near, field))) in later_now().prop_flat_map(|now| (Just(now), (
            follow_up::new_follow_up("c1".into(), now),
            follow_up::near_valid_follow_up("c1".into(), now),
        )))
    ) {
        prop_assert!(valid.validate(now).is_ok());
        prop_assert_eq!(near.validate(now).unwrap_err().field, field);
    }

    #[test]
    fn plans_fit_any_now_in_any_zone(
        zone in dealership_zone(),
        (now, (valid, (near, field))) in later_now().prop_flat_map(|now| (Just(now), (
            follow_up::new_plan("c1".into(), now),
            follow_up::near_valid_plan("c1".into(), now),
        )))
    ) {
        prop_assert!(Plan::create("p".into(), &valid, now, &zone).is_ok());
        let err = Plan::create("p".into(), &near, now, &zone).unwrap_err();
        prop_assert_eq!(err.field, field);
    }

    #[test]
    fn visits_fit_any_now(
        (now, (valid, (near, field))) in later_now().prop_flat_map(|now| (Just(now), (
            vehicle::new_visit("c1".into(), now),
            vehicle::near_valid_visit("c1".into(), now),
        )))
    ) {
        prop_assert!(valid.validate(now).is_ok());
        prop_assert_eq!(near.validate(now).unwrap_err().field, field);
    }

    #[test]
    fn intents_orders_deliveries_and_cars_fit_any_today(
        zone in dealership_zone(),
        now in later_now(),
        seed in any::<u64>(),
    ) {
        let today = today(now, &zone);
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &[seed.to_le_bytes(); 4].concat()),
        );
        let intent = draw(vehicle::new_vehicle_intent("c1".into()), &mut runner)?;
        prop_assert!(intent.validate(today).is_ok());
        let (bad, field) = draw(vehicle::near_valid_vehicle_intent("c1".into(), today), &mut runner)?;
        prop_assert_eq!(bad.validate(today).unwrap_err().field, field);

        let order = draw(vehicle::new_order("c1".into(), Some("i1".into()), today), &mut runner)?;
        let valid = order.validate(today);
        prop_assert!(valid.is_ok(), "{:?}", valid);
        let (bad, field) = draw(vehicle::near_valid_order("c1".into(), None, today), &mut runner)?;
        prop_assert_eq!(bad.validate(today).unwrap_err().field, field);

        let delivery = draw(vehicle::new_delivery(order.order_date, today), &mut runner)?;
        prop_assert!(delivery.validate(order.order_date, None, today).is_ok());
        let (bad, field) = draw(vehicle::near_valid_delivery(order.order_date, today), &mut runner)?;
        prop_assert_eq!(bad.validate(order.order_date, None, today).unwrap_err().field, field);

        let car = draw(care::new_car(today), &mut runner)?;
        prop_assert!(car.validate(today).is_ok());
        let (bad, field) = draw(care::near_valid_car(today), &mut runner)?;
        prop_assert_eq!(bad.validate(today).unwrap_err().field, field);
    }
}

//! Property tests of orders and deliveries: validation, and that no sequence of moves
//! reaches an inconsistent order.
#![cfg(feature = "proptest")]

use crm_core::strategies::{time::*, vehicle::*};
use crm_core::{
    CancelReason, NewDelivery, NewOrder, Order, OrderError, OrderRecord, OrderStatus,
    OrderStatusKind,
};
use proptest::prelude::*;

/// One move on an order.
#[derive(Debug, Clone)]
enum Move {
    SetVin(String),
    Cancel(CancelReason, Option<String>),
    Deliver(NewDelivery),
}

fn moves(order_date: chrono::NaiveDate) -> impl Strategy<Value = Vec<Move>> {
    let one = prop_oneof![
        1 => vin().prop_map(Move::SetVin),
        1 => (cancel_reason(), prop::option::of(prop_oneof!["[a-z]{1,20}", Just(" ".to_owned())]))
            .prop_map(|(r, n)| Move::Cancel(r, n)),
        3 => new_delivery(order_date, reference_today()).prop_map(Move::Deliver),
    ];
    prop::collection::vec(one, 0..6)
}

fn order_and_moves() -> impl Strategy<Value = (NewOrder, Vec<Move>)> {
    new_order("c001".into(), Some("i1".into()), reference_today()).prop_flat_map(|o| {
        let date = o.order_date;
        (Just(o), moves(date))
    })
}

/// What must hold of every order, whatever happened to it.
fn check_consistent(o: &Order) -> Result<(), TestCaseError> {
    prop_assert!(o.discount <= o.price);
    prop_assert!(o.deposit.fen() <= o.price.fen() - o.discount.fen());
    prop_assert!(o.expected_delivery.is_none_or(|d| d >= o.order_date));
    if let OrderStatus::Delivered { delivery } = &o.status {
        prop_assert_eq!(o.vin.as_ref(), Some(&delivery.vin));
        prop_assert!(delivery.date >= o.order_date);
        prop_assert!(delivery.date <= reference_today());
    }
    Ok(())
}

proptest! {
    #[test]
    fn validating_a_valid_order_twice_changes_nothing(o in new_order("c001".into(), Some("i1".into()), reference_today())) {
        let valid = o.validate(reference_today()).unwrap();
        prop_assert_eq!(valid.status.kind(), OrderStatusKind::Active);
        check_consistent(&valid)?;
        prop_assert_eq!(NewOrder::from(&valid).validate(reference_today()).unwrap(), valid);
    }

    #[test]
    fn a_near_valid_order_is_rejected_naming_its_field((o, field) in near_valid_order("c001".into(), Some("i1".into()), reference_today())) {
        prop_assert_eq!(o.validate(reference_today()).unwrap_err().field, field);
    }

    #[test]
    fn no_sequence_of_moves_reaches_an_inconsistent_order((o, moves) in order_and_moves()) {
        let mut order = o.validate(reference_today()).unwrap();
        let at = reference_now();
        for m in moves {
            let active = order.status.kind() == OrderStatusKind::Active;
            let result = match &m {
                Move::SetVin(v) => order.set_vin(v),
                Move::Cancel(reason, note) => order.cancel(*reason, note.as_deref(), at),
                Move::Deliver(d) => order.deliver(d, reference_today()),
            };
            match result {
                Ok(next) => {
                    prop_assert!(active, "a closed order moved: {:?}", m);
                    // Only the VIN and the status ever change.
                    prop_assert_eq!(
                        Order { vin: order.vin.clone(), status: order.status.clone(), ..next.clone() },
                        order.clone()
                    );
                    match &m {
                        Move::SetVin(v) => prop_assert_eq!(next.vin.as_ref().map(|v| v.as_str()), Some(v.as_str())),
                        Move::Cancel(reason, _) => {
                            let cancelled = matches!(&next.status, OrderStatus::Cancelled { reason: r, .. } if r == reason);
                            prop_assert!(cancelled);
                        }
                        Move::Deliver(d) => {
                            let delivery = next.delivery().unwrap();
                            prop_assert_eq!(delivery.date, d.date);
                            if let Some(v) = &d.vin {
                                prop_assert_eq!(delivery.vin.as_str(), v.as_str());
                            }
                        }
                    }
                    order = next;
                }
                Err(OrderError::Closed { status }) => {
                    prop_assert!(!active);
                    prop_assert_eq!(status, order.status.kind());
                }
                Err(OrderError::Invalid(e)) => {
                    prop_assert!(active);
                    // The only invalid inputs the moves hold: a blank note on "other", a
                    // delivery without any VIN.
                    match &m {
                        Move::Cancel(CancelReason::Other, _) => prop_assert_eq!(e.field, "cancel.note"),
                        Move::Deliver(d) => {
                            prop_assert!(d.vin.is_none() && order.vin.is_none());
                            prop_assert_eq!(e.field, "delivery.vin");
                        }
                        _ => prop_assert!(false, "unexpected error {:?} for {:?}", e, m),
                    }
                }
            }
            check_consistent(&order)?;
        }
    }

    #[test]
    fn orders_round_trip_through_serde((o, moves) in order_and_moves()) {
        let mut order = o.validate(reference_today()).unwrap();
        for m in moves {
            let next = match m {
                Move::SetVin(v) => order.set_vin(&v),
                Move::Cancel(r, n) => order.cancel(r, n.as_deref(), reference_now()),
                Move::Deliver(d) => order.deliver(&d, reference_today()),
            };
            if let Ok(next) = next {
                order = next;
            }
        }
        let record = OrderRecord {
            id: "0190c3a4-0000-7000-8000-000000000002".into(),
            order,
            created_at: reference_now(),
            updated_at: reference_now(),
            version: 3,
        };
        let json = serde_json::to_string(&record).unwrap();
        prop_assert_eq!(serde_json::from_str::<OrderRecord>(&json).unwrap(), record);
        let input = serde_json::to_string(&o).unwrap();
        prop_assert_eq!(serde_json::from_str::<NewOrder>(&input).unwrap(), o);
    }
}

proptest! {
    #[test]
    fn an_order_edit_changes_only_the_fields_it_names(
        (o, patch) in new_order("c001".into(), Some("i1".into()), reference_today()).prop_flat_map(|o| {
            let date = o.order_date;
            (Just(o), order_patch(date))
        })
    ) {
        let old = o.validate(reference_today()).unwrap();
        let new = patch.apply(&old, reference_today()).unwrap();
        let named = |field: &str| match field {
            "vehicle" => patch.vehicle.is_some(),
            "expected_delivery" => patch.expected_delivery.is_some(),
            "finance" => patch.finance.is_some(),
            "insurance" => patch.insurance.is_some(),
            "consultant" => patch.consultant.is_some(),
            _ => false,
        };
        let changes = crm_core::diff_orders(&old, &new);
        for c in &changes {
            prop_assert!(named(c.field.split('.').next().unwrap()), "{} changed unasked", c.field);
        }
        prop_assert_eq!(changes.is_empty(), old == new);
        check_consistent(&new)?;
    }
}

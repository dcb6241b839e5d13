//! Orders: edits, the VIN, bad input, closed orders.

mod common;

use common::{dump, NowForTests, TestStore, PIPELINE_TABLES};
use crm_core::{
    CancelReason, CustomerId, Fen, NewDelivery, NewOrder, NewVehicleIntent, OrderPatch,
    TimelineEntry,
};
use crm_store::StoreError;

fn new_customer(t: &TestStore, mobile: &str) -> CustomerId {
    t.store
        .create_customer(&common::customer("钱七", mobile))
        .unwrap()
        .id
}

fn order_for(t: &TestStore, customer: &CustomerId) -> NewOrder {
    NewOrder {
        discount: Fen(1_000_000),
        insurance: true,
        ..common::sample_order(customer, t.clock.now_for_tests().date_naive())
    }
}

fn invalid_field(err: &StoreError) -> &str {
    match err {
        StoreError::Invalid(v) => &v.field,
        other => panic!("not invalid: {other:?}"),
    }
}

#[test]
fn an_order_is_edited_gets_its_vin_and_reads_back_whole() {
    let t = common::test_store();
    let id = new_customer(&t, "13600000001");
    let placed = t
        .store
        .place_order(&order_for(&t, &id), Some("c001"))
        .unwrap();
    assert_eq!(t.store.get_order(&placed.id).unwrap(), placed);
    let patch = OrderPatch {
        discount: Some(Fen(1_500_000)),
        ..Default::default()
    };
    let edited = t
        .store
        .update_order(&placed.id, placed.version, &patch, None)
        .unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(edited.order.net_price(), Fen(18_500_000));
    let with_vin = t
        .store
        .set_order_vin(&edited.id, edited.version, "1m8gdm9axkp042788", None)
        .unwrap();
    assert_eq!(
        with_vin.order.vin.as_ref().map(|v| v.as_str()),
        Some("1M8GDM9AXKP042788")
    );
    assert_eq!(
        t.store.orders_of(&id).unwrap(),
        std::slice::from_ref(&with_vin)
    );
    let page = t.store.timeline(&id, 10, None).unwrap();
    assert!(matches!(
        page.records[0].entry,
        TimelineEntry::VinAssigned { .. }
    ));
    assert!(matches!(
        page.records[1].entry,
        TimelineEntry::OrderEdited { .. }
    ));
    // Delivered with the order's VIN; then closed.
    let today = t.clock.now_for_tests().date_naive();
    let delivery = NewDelivery {
        date: today,
        vin: None,
        odometer_km: 5,
    };
    let done = t
        .store
        .deliver_order(&with_vin.id, with_vin.version, &delivery, None)
        .unwrap();
    let err = t
        .store
        .cancel_order(&done.id, done.version, CancelReason::Price, None, None)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Closed {
                entity: "order",
                status: "delivered",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn bad_orders_name_the_field_and_write_nothing() {
    let t = common::test_store();
    let id = new_customer(&t, "13600000002");
    let other = new_customer(&t, "13600000003");
    let theirs = t
        .store
        .add_intent(
            &NewVehicleIntent {
                brand: Some("丰田".into()),
                ..NewVehicleIntent::new(other.clone())
            },
            None,
        )
        .unwrap();
    let placed = t.store.place_order(&order_for(&t, &id), None).unwrap();
    let before = dump(&t.path, PIPELINE_TABLES);
    let cases: Vec<(NewOrder, &str)> = vec![
        (
            NewOrder {
                discount: Fen(30_000_000),
                ..order_for(&t, &id)
            },
            "order.discount",
        ),
        (
            NewOrder {
                vin: Some("IOQ".into()),
                ..order_for(&t, &id)
            },
            "order.vin",
        ),
        (
            NewOrder {
                intent_id: Some(theirs.id.clone()),
                ..order_for(&t, &id)
            },
            "order.intent_id",
        ),
    ];
    for (order, field) in cases {
        let err = t.store.place_order(&order, None).unwrap_err();
        assert_eq!(invalid_field(&err), field);
    }
    let no_vin = NewDelivery {
        date: t.clock.now_for_tests().date_naive(),
        vin: None,
        odometer_km: 5,
    };
    let err = t
        .store
        .deliver_order(&placed.id, placed.version, &no_vin, None)
        .unwrap_err();
    assert_eq!(invalid_field(&err), "delivery.vin");
    let err = t
        .store
        .set_order_vin(&placed.id, placed.version, "WVWZZZ1JZ3W38675", None)
        .unwrap_err();
    assert_eq!(invalid_field(&err), "order.vin");
    let err = t
        .store
        .cancel_order(&placed.id, placed.version, CancelReason::Other, None, None)
        .unwrap_err();
    assert_eq!(invalid_field(&err), "cancel.note");
    let err = t.store.get_order(&common::MISSING.into()).unwrap_err();
    assert!(matches!(
        err,
        StoreError::NotFound {
            entity: "order",
            ..
        }
    ));
    assert_eq!(dump(&t.path, PIPELINE_TABLES), before);
}

//! Vehicle intents: one primary, edits and removals, bad input, merging, the level history.

mod common;

use chrono::Duration;
use common::{dump, TestStore, PIPELINE_TABLES};
use crm_core::{
    AmountRange, BodyType, CustomerId, Fen, IntentLevel, NewVehicleIntent, VehicleIntentPatch,
};
use crm_store::StoreError;

fn new_customer(t: &TestStore, mobile: &str) -> CustomerId {
    t.store
        .create_customer(&common::customer("赵六", mobile))
        .unwrap()
        .id
}

fn suv(customer: &CustomerId, series: &str) -> NewVehicleIntent {
    NewVehicleIntent {
        brand: Some("大众".into()),
        series: Some(series.into()),
        body_type: Some(BodyType::Suv),
        colours: vec!["珍珠白".into()],
        budget: AmountRange::between(Fen(18_000_000), Fen(22_000_000)),
        ..NewVehicleIntent::new(customer.clone())
    }
}

fn primaries(t: &TestStore, id: &CustomerId) -> Vec<String> {
    t.store
        .intents_of(id)
        .unwrap()
        .into_iter()
        .filter(|r| r.intent.primary)
        .map(|r| r.intent.series.unwrap_or_default())
        .collect()
}

#[test]
fn a_customer_with_intents_has_exactly_one_primary() {
    let t = common::test_store();
    let id = new_customer(&t, "13700000001");
    let first = t
        .store
        .add_intent(&suv(&id, "途观L"), Some("c001"))
        .unwrap();
    assert!(first.intent.primary, "the first intent is primary");
    t.clock.advance(Duration::minutes(1));
    let second = t.store.add_intent(&suv(&id, "探岳"), None).unwrap();
    assert!(!second.intent.primary);
    assert_eq!(primaries(&t, &id), ["途观L"]);
    t.clock.advance(Duration::minutes(1));
    let third = t
        .store
        .add_intent(
            &NewVehicleIntent {
                primary: true,
                ..suv(&id, "ID.4")
            },
            None,
        )
        .unwrap();
    assert!(third.intent.primary);
    assert_eq!(primaries(&t, &id), ["ID.4"]);
    // The old primary lost its flag at a new version.
    assert_eq!(t.store.get_intent(&first.id).unwrap().version, 2);
    // Unsetting the primary hands the flag to the earliest other intent.
    let patch = VehicleIntentPatch {
        primary: Some(false),
        ..Default::default()
    };
    t.store
        .update_intent(&third.id, third.version, &patch, None)
        .unwrap();
    assert_eq!(primaries(&t, &id), ["途观L"]);
    let first = t.store.get_intent(&first.id).unwrap();
    t.store
        .remove_intent(&first.id, first.version, None)
        .unwrap();
    assert_eq!(primaries(&t, &id), ["探岳"]);
    assert_eq!(t.store.intents_of(&id).unwrap().len(), 2);
}

#[test]
fn an_edit_changes_what_it_names_and_the_timeline_says_what() {
    let t = common::test_store();
    let id = new_customer(&t, "13700000002");
    let r = t.store.add_intent(&suv(&id, "途观L"), None).unwrap();
    let patch = VehicleIntentPatch {
        budget: Some(AmountRange::between(Fen(18_000_000), Fen(25_000_000))),
        ..Default::default()
    };
    let edited = t
        .store
        .update_intent(&r.id, r.version, &patch, None)
        .unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(edited.intent.budget.max, Some(Fen(25_000_000)));
    assert_eq!(t.store.get_intent(&r.id).unwrap(), edited);
    let page = t.store.timeline(&id, 10, None).unwrap();
    assert!(matches!(
        &page.records[0].entry,
        crm_core::TimelineEntry::VehicleIntentEdited { changes, .. }
            if changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>() == ["budget.max"]
    ));
    // An empty edit keeps the version; a stale one is a conflict.
    let same = t
        .store
        .update_intent(&r.id, 2, &VehicleIntentPatch::default(), None)
        .unwrap();
    assert_eq!(same.version, 2);
    let err = t.store.update_intent(&r.id, 1, &patch, None).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let t = common::test_store();
    let id = new_customer(&t, "13700000003");
    let r = t.store.add_intent(&suv(&id, "途观L"), None).unwrap();
    let before = dump(&t.path, PIPELINE_TABLES);
    let bad_budget = NewVehicleIntent {
        budget: AmountRange::between(Fen(3), Fen(1)),
        ..suv(&id, "探岳")
    };
    let unknown_model = NewVehicleIntent {
        catalogue_model: Some("VW-NOPE".into()),
        ..suv(&id, "探岳")
    };
    for (new, field) in [
        (bad_budget, "intent.budget"),
        (unknown_model, "intent.catalogue_model"),
    ] {
        let err = t.store.add_intent(&new, None).unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(v) if v.field == field),
            "{err:?}"
        );
    }
    let patch = VehicleIntentPatch {
        brand: Some(None),
        series: Some(None),
        body_type: Some(None),
        ..Default::default()
    };
    let err = t.store.update_intent(&r.id, 1, &patch, None).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "intent.brand"),
        "{err:?}"
    );
    let err = t
        .store
        .add_intent(&suv(&common::MISSING.into(), "途观L"), None)
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    let err = t
        .store
        .add_intent(&suv(&id, "途观L"), Some(&"x".repeat(200)))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "actor"),
        "{err:?}"
    );
    assert_eq!(dump(&t.path, PIPELINE_TABLES), before);
}

#[test]
fn a_merge_moves_intents_orders_and_keeps_the_kept_pipeline() {
    let t = common::test_store();
    let keep = new_customer(&t, "13700000004");
    let other = new_customer(&t, "13700000005");
    t.store.add_intent(&suv(&keep, "途观L"), None).unwrap();
    t.store.add_intent(&suv(&other, "探岳"), None).unwrap();
    t.store
        .advance_stage(&keep, crm_core::Stage::Contacted, None)
        .unwrap();
    let today = t.store.get_customer(&keep).unwrap().created_at.date_naive();
    let order = crm_core::NewOrder {
        customer_id: other.clone(),
        intent_id: None,
        vehicle: crm_core::OrderedVehicle {
            brand: None,
            series: None,
            model: "探岳 2025款".into(),
            trim: None,
            colour: None,
            catalogue_model: None,
        },
        vin: None,
        price: Fen(20_000_000),
        discount: Fen(0),
        deposit: Fen(0),
        order_date: today,
        expected_delivery: None,
        finance: false,
        insurance: false,
        consultant: None,
    };
    let placed = t.store.place_order(&order, None).unwrap();
    let (k, o) = (
        t.store.get_customer(&keep).unwrap(),
        t.store.get_customer(&other).unwrap(),
    );
    t.store
        .merge_customers(&keep, k.version, &other, o.version)
        .unwrap();
    assert_eq!(primaries(&t, &keep), ["途观L"]);
    assert_eq!(t.store.intents_of(&keep).unwrap().len(), 2);
    let orders = t.store.orders_of(&keep).unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].id, placed.id);
    assert_eq!(
        t.store.pipeline_state(&keep).unwrap().stage,
        crm_core::Stage::Contacted
    );
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let (ordered_at, moves): (Option<i64>, i64) = conn
        .query_row(
            "SELECT ordered_at, (SELECT count(*) FROM stage_moves) FROM customers WHERE id = ?1",
            [keep.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(ordered_at, Some(placed.created_at.timestamp_millis()));
    assert_eq!(moves, 1, "the absorbed customer's moves went with them");
    // Deleting the customer takes their intents, orders and moves along.
    t.store.delete_customer(&keep).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM vehicle_intents) + (SELECT count(*) FROM orders)
                 + (SELECT count(*) FROM stage_moves) + (SELECT count(*) FROM intent_level_changes)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn level_changes_are_kept_with_who_and_when() {
    let t = common::test_store();
    let id = new_customer(&t, "13700000006");
    let c = t.store.get_customer(&id).unwrap();
    let c = t
        .store
        .set_intent_level(&id, c.version, IntentLevel::H, Some("c001"))
        .unwrap();
    t.clock.advance(Duration::days(1));
    t.store
        .set_intent_level(&id, c.version, IntentLevel::A, None)
        .unwrap();
    let history = t.store.intent_level_history(&id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].who, "c001");
    assert_eq!(history[0].from, Some(IntentLevel::N));
    assert_eq!(history[1].who, "unknown", "no actor, no owner");
    assert_eq!(history[1].to, IntentLevel::A);
    crm_core::check_history(&history).unwrap();
}

fn tiguan() -> crm_core::CatalogueModel {
    crm_core::CatalogueModel {
        id: "VW-TIGUANL-2025-330".into(),
        brand: "大众".into(),
        series: "途观L".into(),
        model: "2025款 330TSI".into(),
        body_type: BodyType::Suv,
        powertrain: crm_core::Powertrain::Petrol,
        price: AmountRange::between(Fen(18_000_000), Fen(25_000_000)),
    }
}

#[test]
fn the_catalogue_loads_whole_and_intents_point_at_it() {
    let t = common::test_store();
    let id = new_customer(&t, "13700000007");
    let bad = crm_core::CatalogueModel {
        price: AmountRange {
            min: None,
            max: Some(Fen(1)),
        },
        ..tiguan()
    };
    let err = t.store.load_catalogue(&[tiguan(), bad]).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "catalogue[1].price.min"),
        "{err:?}"
    );
    let err = t.store.load_catalogue(&[tiguan(), tiguan()]).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "catalogue[1].id"),
        "{err:?}"
    );
    assert!(t.store.list_catalogue().unwrap().is_empty());
    assert_eq!(t.store.load_catalogue(&[tiguan()]).unwrap(), 1);
    assert_eq!(t.store.list_catalogue().unwrap(), [tiguan()]);
    assert_eq!(t.store.get_catalogue_model(&tiguan().id).unwrap(), tiguan());
    let intent = NewVehicleIntent::from_catalogue(id.clone(), &tiguan());
    let r = t.store.add_intent(&intent, None).unwrap();
    assert_eq!(r.intent.catalogue_model, Some(tiguan().id));
    // A new load replaces the old one; the intent keeps its code.
    assert_eq!(t.store.load_catalogue(&[]).unwrap(), 0);
    assert!(matches!(
        t.store.get_catalogue_model(&tiguan().id).unwrap_err(),
        StoreError::NotFound { .. }
    ));
    assert_eq!(
        t.store.get_intent(&r.id).unwrap().intent.catalogue_model,
        Some(tiguan().id)
    );
}

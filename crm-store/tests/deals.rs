//! Deals (销售机会): one customer, many sales. The first deal is the customer's pipeline; a
//! new deal brings a delivered customer back into the funnel; calls naming only the
//! customer act on their one open deal and refuse, naming `deal_id`, when several are open.

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::{customer, sample_order, test_store, vin, NowForTests};
use crm_core::{
    CustomerFilter, DealError, DealId, DealRules, DealSource, DealStatus, LostReason, LostRequest,
    Move, NewDeal, NewDelivery, PipelineStatus, ReportPeriod, Stage, TimelineEntry,
};
use crm_store::{CustomerQuery, Store, StoreError};

fn deal(source: DealSource, owner: Option<&str>) -> NewDeal {
    NewDeal {
        source,
        owner: owner.map(str::to_owned),
    }
}

/// Orders and delivers the car of `customer`'s open deal today.
fn buy(store: &Store, customer: &crm_core::CustomerId, today: NaiveDate, n: u32) {
    let order = store
        .place_order(&sample_order(customer, today), Some("c001"))
        .unwrap();
    let delivery = NewDelivery {
        date: today,
        vin: Some(vin(n)),
        odometer_km: 10,
    };
    store
        .deliver_order(&order.id, order.version, &delivery, Some("c001"))
        .unwrap();
}

#[test]
fn a_new_customer_starts_with_their_first_deal_named_by_their_id() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("王芳", "13800138000"))
        .unwrap();
    let deals = t.store.deals_of(&c.id).unwrap();
    assert_eq!(deals.len(), 1);
    let first = &deals[0];
    assert_eq!(first.id, DealId::first_of(&c.id));
    assert_eq!(first.source, DealSource::NewLead);
    assert_eq!(first.stage, Stage::NewLead);
    assert_eq!(first.status, DealStatus::Open);
    assert_eq!(first.created_at, c.created_at);
    assert_eq!(first.closed_at, None);
    t.store
        .advance_stage(&c.id, Stage::Visited, Some("c001"))
        .unwrap();
    let moved = t.store.get_deal(&first.id).unwrap();
    assert_eq!(moved.stage, Stage::Visited);
    assert_eq!(t.store.deal_history(&first.id).unwrap().len(), 1);
}

#[test]
fn a_delivered_customer_buys_again_through_a_replacement_deal() {
    let t = test_store();
    t.clock
        .set(Utc.with_ymd_and_hms(2021, 3, 1, 2, 0, 0).unwrap());
    let c = t
        .store
        .create_customer(&customer("李强", "13900139000"))
        .unwrap();
    buy(
        &t.store,
        &c.id,
        NaiveDate::from_ymd_opt(2021, 3, 1).unwrap(),
        1,
    );
    let first = DealId::first_of(&c.id);
    assert_eq!(t.store.get_deal(&first).unwrap().status, DealStatus::Won);
    let state = t.store.pipeline_state(&c.id).unwrap();
    assert!(
        !state.status().in_sales_cadence(),
        "delivered: served by care"
    );

    t.clock
        .set(Utc.with_ymd_and_hms(2026, 4, 1, 2, 0, 0).unwrap());
    let second = t
        .store
        .open_deal(
            &c.id,
            &deal(DealSource::Replacement, Some("c001")),
            Some("c001"),
        )
        .unwrap();
    assert_eq!(second.status, DealStatus::Open);
    assert_eq!(second.created_at, t.clock.now_for_tests());
    // The customer is back in the sales cadence, at the new deal's first stage.
    let row = t.store.get_customer(&c.id).unwrap();
    assert_eq!(
        t.store.pipeline_state(&c.id).unwrap().status(),
        PipelineStatus::InStage(Stage::NewLead)
    );
    assert!(t
        .store
        .pipeline_state(&c.id)
        .unwrap()
        .status()
        .in_sales_cadence());
    let timeline = t.store.timeline(&c.id, 50, None).unwrap();
    assert!(timeline.records.iter().any(|r| matches!(
        &r.entry,
        TimelineEntry::DealOpened { deal_id, source: DealSource::Replacement, .. } if *deal_id == second.id
    )));

    // The customer-based calls act on the one open deal: the second purchase.
    buy(
        &t.store,
        &c.id,
        NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        2,
    );
    let deals = t.store.deals_of(&c.id).unwrap();
    assert_eq!(deals.len(), 2);
    assert!(deals.iter().all(|d| d.status == DealStatus::Won));
    let orders = t.store.orders_of(&c.id).unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!(t.store.deal_history(&first).unwrap().len(), 2);
    assert_eq!(t.store.deal_history(&second.id).unwrap().len(), 2);
    assert_eq!(row.id, c.id);

    // Each deal is in the report of its year; the customer bought again after five years.
    let year = |y: i32| {
        ReportPeriod::new(
            Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(y + 1, 1, 1, 0, 0, 0).unwrap(),
        )
    };
    let y2021 = t.store.deal_report(&year(2021)).unwrap();
    assert_eq!((y2021.opened, y2021.won), (1, 1));
    assert_eq!(y2021.repeat_customers, 0);
    let y2026 = t.store.deal_report(&year(2026)).unwrap();
    assert_eq!((y2026.opened, y2026.won), (1, 1));
    let replacement = y2026
        .by_source
        .iter()
        .find(|r| r.source == DealSource::Replacement)
        .unwrap();
    assert_eq!((replacement.opened, replacement.won), (1, 1));
    assert_eq!((y2026.buying_customers, y2026.repeat_customers), (1, 1));
    assert_eq!(y2026.repeat_purchase_rate_bp, Some(10_000));
    let years = y2026.average_years_between_purchases.unwrap();
    assert!((years - 5.08).abs() < 0.01, "{years}");
    let y2024 = t.store.deal_report(&year(2024)).unwrap();
    assert_eq!((y2024.opened, y2024.won), (0, 0));
}

#[test]
fn a_lost_deal_stays_lost_and_a_new_deal_opens_a_year_later() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("赵敏", "13700137000"))
        .unwrap();
    let lost = LostRequest {
        reason: LostReason::Price,
        competitor: None,
        note: None,
    };
    t.store.request_lost(&c.id, &lost, Some("c001")).unwrap();
    t.store.approve_request(&c.id, "m001").unwrap();
    let first = DealId::first_of(&c.id);
    let closed = t.store.get_deal(&first).unwrap();
    assert_eq!(closed.status, DealStatus::Lost);
    assert_eq!(closed.closed_at, Some(t.clock.now_for_tests()));

    t.clock.advance(Duration::days(365));
    let again = t
        .store
        .open_deal(&c.id, &deal(DealSource::RepeatPurchase, None), None)
        .unwrap();
    assert_eq!(again.owner, None, "the customer's owner: none");
    assert_eq!(t.store.get_deal(&first).unwrap().status, DealStatus::Lost);
    t.store
        .advance_stage(&c.id, Stage::Contacted, Some("c001"))
        .unwrap();
    assert_eq!(t.store.get_deal(&again.id).unwrap().stage, Stage::Contacted);
    assert_eq!(t.store.get_deal(&first).unwrap().stage, Stage::NewLead);
    let lost_report = t
        .store
        .lost_report(&ReportPeriod::new(
            t.clock.now_for_tests() - Duration::days(400),
            t.clock.now_for_tests() + Duration::days(1),
        ))
        .unwrap();
    assert_eq!(lost_report.total, 1);
}

#[test]
fn two_open_deals_with_two_owners_need_the_deal_id() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("孙丽", "13600136000"))
        .unwrap();
    let first = DealId::first_of(&c.id);
    t.store
        .advance_stage(&c.id, Stage::Contacted, Some("c001"))
        .unwrap();
    // The same owner may not open a second deal while the rules allow one.
    let c_owner = t.store.get_customer(&c.id).unwrap().profile.owner;
    let refused = t
        .store
        .open_deal(
            &c.id,
            &deal(DealSource::AdditionalCar, c_owner.as_deref()),
            None,
        )
        .unwrap_err();
    assert!(
        matches!(
            &refused,
            StoreError::DealRefused { reason: DealError::OwnerHasOpenDeal { deal_id }, .. }
                if *deal_id == first
        ),
        "{refused:?}"
    );
    assert_eq!(t.store.deals_of(&c.id).unwrap().len(), 1, "nothing written");

    let second = t
        .store
        .open_deal(
            &c.id,
            &deal(DealSource::AdditionalCar, Some("c002")),
            Some("c002"),
        )
        .unwrap();
    let err = t
        .store
        .advance_stage(&c.id, Stage::Invited, Some("c001"))
        .unwrap_err();
    match &err {
        StoreError::DealRefused {
            reason: DealError::SeveralOpen { deal_ids },
            ..
        } => assert_eq!(deal_ids, &vec![first.clone(), second.id.clone()]),
        other => panic!("{other:?}"),
    }
    if let StoreError::DealRefused { reason, .. } = &err {
        assert_eq!(reason.field(), "deal_id");
    }
    // By deal id, each moves on its own.
    t.store
        .move_deal(&first, &Move::Advance { to: Stage::Invited }, Some("c001"))
        .unwrap();
    t.store
        .move_deal(
            &second.id,
            &Move::Advance { to: Stage::Visited },
            Some("c002"),
        )
        .unwrap();
    assert_eq!(t.store.get_deal(&first).unwrap().stage, Stage::Invited);
    assert_eq!(t.store.get_deal(&second.id).unwrap().stage, Stage::Visited);
    // The customer's row shows the newest open deal.
    assert_eq!(t.store.pipeline_state(&c.id).unwrap().stage, Stage::Visited);
    // An order for a named deal moves that deal only.
    let today = t.store.today().unwrap();
    t.store
        .place_order_for_deal(&first, &sample_order(&c.id, today), Some("c001"))
        .unwrap();
    assert_eq!(t.store.get_deal(&first).unwrap().stage, Stage::Ordered);
    assert_eq!(t.store.get_deal(&second.id).unwrap().stage, Stage::Visited);

    // When the shown deal is lost, the customer's row shows the other open deal.
    let lost = LostRequest {
        reason: LostReason::Price,
        competitor: None,
        note: None,
    };
    t.store
        .move_deal(&second.id, &Move::RequestLost(lost), Some("c002"))
        .unwrap();
    t.store
        .move_deal(
            &second.id,
            &Move::Approve {
                manager: "m001".into(),
            },
            Some("m001"),
        )
        .unwrap();
    assert_eq!(
        t.store.get_deal(&second.id).unwrap().status,
        DealStatus::Lost
    );
    assert_eq!(t.store.pipeline_state(&c.id).unwrap().stage, Stage::Ordered);
    // One open deal again: the customer-based calls work.
    t.store
        .advance_stage(&c.id, Stage::Ordered, Some("c001"))
        .unwrap_err();

    // A deal of another customer is refused for an order.
    let other = t
        .store
        .create_customer(&customer("周杰", "13500135000"))
        .unwrap();
    let err = t
        .store
        .place_order_for_deal(&first, &sample_order(&other.id, today), None)
        .unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::DealRefused {
                reason: DealError::NotTheCustomers { .. },
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn customers_are_found_by_open_deal_and_deal_source() {
    let t = test_store();
    let won = t
        .store
        .create_customer(&customer("冯一", "13000130001"))
        .unwrap();
    buy(&t.store, &won.id, t.store.today().unwrap(), 7);
    let back = t
        .store
        .create_customer(&customer("冯二", "13000130002"))
        .unwrap();
    buy(&t.store, &back.id, t.store.today().unwrap(), 8);
    t.store
        .open_deal(&back.id, &deal(DealSource::Replacement, Some("c001")), None)
        .unwrap();
    let new = t
        .store
        .create_customer(&customer("冯三", "13000130003"))
        .unwrap();
    let ids = |filter: CustomerFilter| {
        let mut ids: Vec<_> = t
            .store
            .query_customers(&CustomerQuery {
                filter,
                ..Default::default()
            })
            .unwrap()
            .customers
            .into_iter()
            .map(|c| c.id)
            .collect();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<crm_core::CustomerId>| {
        v.sort();
        v
    };
    assert_eq!(
        ids(CustomerFilter {
            has_open_deal: Some(true),
            ..Default::default()
        }),
        sorted(vec![back.id.clone(), new.id.clone()])
    );
    assert_eq!(
        ids(CustomerFilter {
            has_open_deal: Some(false),
            ..Default::default()
        }),
        vec![won.id.clone()]
    );
    assert_eq!(
        ids(CustomerFilter {
            deal_sources: vec![DealSource::Replacement],
            ..Default::default()
        }),
        vec![back.id.clone()]
    );
    // The list shows the open deal's stage.
    assert_eq!(
        ids(CustomerFilter {
            stages: vec![PipelineStatus::InStage(Stage::NewLead)],
            ..Default::default()
        }),
        sorted(vec![back.id.clone(), new.id.clone()])
    );
    let too_many = CustomerFilter {
        deal_sources: vec![DealSource::Referral; 51],
        ..Default::default()
    };
    match t.store.query_customers(&CustomerQuery {
        filter: too_many,
        ..Default::default()
    }) {
        Err(StoreError::Invalid(v)) => assert_eq!(v.field, "deal_sources"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_team_may_allow_several_open_deals_per_owner() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("钱进", "13400134000"))
        .unwrap();
    assert_eq!(t.store.deal_rules().unwrap(), DealRules::default());
    let mine = deal(DealSource::AdditionalCar, Some("c001"));
    t.store.open_deal(&c.id, &mine, None).unwrap();
    assert!(t.store.open_deal(&c.id, &mine, None).is_err());
    t.store
        .set_deal_rules(&DealRules {
            several_open_per_owner: true,
        })
        .unwrap();
    t.store.open_deal(&c.id, &mine, None).unwrap();
    assert_eq!(t.store.deals_of(&c.id).unwrap().len(), 3);
}

#[test]
fn a_bad_owner_names_the_field_and_writes_nothing() {
    let t = test_store();
    let c = t
        .store
        .create_customer(&customer("吴昊", "13300133000"))
        .unwrap();
    let err = t
        .store
        .open_deal(&c.id, &deal(DealSource::Referral, Some("c0\u{1}01")), None)
        .unwrap_err();
    match err {
        StoreError::Invalid(v) => assert_eq!(v.field, "owner"),
        other => panic!("{other:?}"),
    }
    assert_eq!(t.store.deals_of(&c.id).unwrap().len(), 1);
    let missing = crm_core::CustomerId::from(common::MISSING);
    assert!(matches!(
        t.store
            .open_deal(&missing, &deal(DealSource::Referral, None), None),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_merge_hands_the_absorbed_customers_records_to_the_kept_customers_deal() {
    let t = test_store();
    let kept = t
        .store
        .create_customer(&customer("郑爽", "13200132000"))
        .unwrap();
    let gone = t
        .store
        .create_customer(&customer("郑爽", "13100131000"))
        .unwrap();
    let today = t.store.today().unwrap();
    t.store
        .place_order(&sample_order(&gone.id, today), None)
        .unwrap();
    let gone_version = t.store.get_customer(&gone.id).unwrap().version;
    t.store
        .merge_customers(&kept.id, kept.version, &gone.id, gone_version)
        .unwrap();
    assert_eq!(t.store.deals_of(&kept.id).unwrap().len(), 1);
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders o WHERE deal_id IS NULL
                 OR NOT EXISTS (SELECT 1 FROM deals d WHERE d.id = o.deal_id
                     AND d.customer_id = o.customer_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

//! The filter's deal dimensions (intent level, pipeline status, intended vehicle, budget,
//! trade-in, lost reason, order and delivery dates) against the brute-force oracle, on
//! generated books with intents, a catalogue cut down later, pipelines, orders, deliveries,
//! cancellations, lost and dormant customers; examples; bad input.

mod common;
mod filter_oracle;

use chrono::{Duration, NaiveDate};
use common::{customer, dump, test_store, NowForTests, TestStore};
use crm_core::strategies::find::deal_filter;
use crm_core::{
    AmountRange, BodyType, CatalogueModel, Code, Customer, CustomerFilter, Fen, IntentLevel,
    LostReason, OrderStatus, PipelineStatus, Sort, Stage,
};
use crm_store::{CustomerQuery, Store, StoreError};
use filter_oracle::{oracle_matches, DealFacts};
use proptest::prelude::*;

/// How one customer's deal ends in a generated book.
#[derive(Debug, Clone)]
enum OrderEnd {
    /// Still active.
    Open,
    /// Delivered this many days after the order (at most until today).
    Delivered(i64),
    /// Cancelled.
    Cancelled,
}

/// A lost or dormant request, and whether a manager approves it.
#[derive(Debug, Clone)]
enum Aside {
    Lost(crm_core::LostRequest, bool),
    Dormant(crm_core::DormantRequest, bool),
}

/// One customer's history in a generated book.
#[derive(Debug, Clone)]
struct DealSpec {
    level: IntentLevel,
    /// Intents; each may point at a catalogue model (by index) and then sometimes name
    /// nothing itself (`lean`), so its body type and powertrain come from the catalogue.
    intents: Vec<(crm_core::NewVehicleIntent, Option<usize>, bool)>,
    stage: Option<Stage>,
    /// An order signed this many days ago, and how it ends.
    order: Option<(i64, OrderEnd, String)>,
    aside: Option<Aside>,
}

fn deal_spec() -> impl Strategy<Value = DealSpec> {
    use crm_core::strategies::{
        pipeline::{dormant_request, lost_request},
        vehicle::{new_vehicle_intent, vin},
    };
    (
        proptest::sample::select(IntentLevel::ALL.to_vec()),
        prop::collection::vec(
            (
                new_vehicle_intent(crm_core::CustomerId::from("set when created")),
                prop::option::of(0usize..4),
                any::<bool>(),
            ),
            0..3,
        ),
        prop::option::of(proptest::sample::select(vec![
            Stage::Contacted,
            Stage::Invited,
            Stage::Visited,
            Stage::TestDriven,
            Stage::Negotiating,
        ])),
        prop::option::weighted(
            0.5,
            (
                0i64..90,
                prop_oneof![
                    Just(OrderEnd::Open),
                    (0i64..30).prop_map(OrderEnd::Delivered),
                    Just(OrderEnd::Cancelled),
                ],
                vin(),
            ),
        ),
        prop::option::weighted(
            0.3,
            prop_oneof![
                (lost_request(), any::<bool>()).prop_map(|(r, ok)| Aside::Lost(r, ok)),
                (dormant_request(), any::<bool>()).prop_map(|(r, ok)| Aside::Dormant(r, ok)),
            ],
        ),
    )
        .prop_map(|(level, intents, stage, order, aside)| DealSpec {
            level,
            intents,
            stage,
            order,
            aside,
        })
}

/// Writes `spec` for a new customer through the store's public API. Moves the state
/// machine refuses (a lost request after delivery ...) are simply not kept: the oracle reads
/// back what the store holds.
fn write_deal(t: &TestStore, n: usize, spec: &DealSpec, catalogue: &[CatalogueModel]) {
    let c = t
        .store
        .create_customer(&customer("客户", &format!("1380000{n:04}")))
        .unwrap();
    let id = c.id.clone();
    t.store
        .set_intent_level(&id, c.version, spec.level, None)
        .unwrap();
    for (intent, model, lean) in &spec.intents {
        let mut intent = crm_core::NewVehicleIntent {
            customer_id: id.clone(),
            catalogue_model: None,
            ..intent.clone()
        };
        if let Some(m) = model.and_then(|k| catalogue.get(k)) {
            intent.catalogue_model = Some(m.id.clone());
            if *lean {
                intent.brand = None;
                intent.series = None;
                intent.model = None;
                intent.body_type = None;
                intent.powertrain = None;
            }
        }
        t.store.add_intent(&intent, Some("c001")).unwrap();
    }
    if let Some(stage) = spec.stage {
        let _ = t.store.advance_stage(&id, stage, Some("c001"));
    }
    let today = t.clock.now_for_tests().date_naive();
    if let Some((days_ago, end, vin)) = &spec.order {
        let order_date = today - Duration::days(*days_ago);
        let new = pipeline_order(&id, order_date);
        if let Ok(o) = t.store.place_order(&new, Some("c001")) {
            let _ = match end {
                OrderEnd::Open => Ok(o),
                OrderEnd::Delivered(after) => {
                    let delivery = crm_core::NewDelivery {
                        date: (order_date + Duration::days(*after)).min(today),
                        vin: Some(vin.clone()),
                        odometer_km: 8,
                    };
                    t.store
                        .deliver_order(&o.id, o.version, &delivery, Some("c001"))
                }
                OrderEnd::Cancelled => t.store.cancel_order(
                    &o.id,
                    o.version,
                    crm_core::CancelReason::Other,
                    Some("客户退订"),
                    Some("c001"),
                ),
            };
        }
    }
    let approve = match &spec.aside {
        Some(Aside::Lost(request, approve)) => {
            t.store.request_lost(&id, request, Some("c001")).is_ok() && *approve
        }
        Some(Aside::Dormant(request, approve)) => {
            t.store.request_dormant(&id, request, Some("c001")).is_ok() && *approve
        }
        None => false,
    };
    if approve {
        t.store.approve_request(&id, "m01").unwrap();
    }
}

fn pipeline_order(id: &crm_core::CustomerId, order_date: NaiveDate) -> crm_core::NewOrder {
    crm_core::NewOrder {
        consultant: Some("c001".into()),
        ..common::sample_order(id, order_date)
    }
}

/// Every customer `filter` finds, by id, walking the pages.
fn found(store: &Store, filter: &CustomerFilter) -> Vec<String> {
    let mut ids = Vec::new();
    let mut query = CustomerQuery {
        filter: filter.clone(),
        limit: 5,
        ..Default::default()
    };
    loop {
        let page = store.query_customers(&query).unwrap();
        ids.extend(page.customers.iter().map(|c| c.id.0.clone()));
        match page.next_cursor {
            Some(c) => query.cursor = Some(c),
            None => break,
        }
    }
    ids.sort();
    ids
}

/// The date the generated filters' ranges lie around: the books' orders are signed in
/// the 90 days before the test clock's 2026-11-27.
fn book_dates() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 15).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// A book with intents (some pointing at a catalogue that is later cut down), levels,
    /// pipelines, orders, deliveries, cancellations, lost and dormant customers: the store's
    /// filter finds exactly the customers the oracle does, and counts them alike.
    #[test]
    fn deal_dimensions_agree_with_the_oracle(
        catalogue in prop::collection::vec(crm_core::strategies::vehicle::catalogue_model(), 1..5),
        keep in prop::collection::vec(any::<bool>(), 5),
        specs in prop::collection::vec(deal_spec(), 1..12),
        filter in deal_filter(book_dates()),
    ) {
        let t = test_store();
        let mut catalogue = catalogue;
        catalogue.sort_by(|a, b| a.id.cmp(&b.id));
        catalogue.dedup_by(|a, b| a.id == b.id);
        t.store.load_catalogue(&catalogue).unwrap();
        for (n, spec) in specs.iter().enumerate() {
            t.clock.advance(Duration::hours(5));
            write_deal(&t, n, spec, &catalogue);
        }
        // A later load drops some models: intents keep their codes, the catalogue's values go.
        let kept: Vec<CatalogueModel> = catalogue
            .iter()
            .enumerate()
            .filter(|(k, _)| *k == 0 || keep[*k])
            .map(|(_, m)| m.clone())
            .collect();
        t.store.load_catalogue(&kept).unwrap();

        let now = t.clock.now_for_tests();
        let page = t.store.query_customers(&CustomerQuery { limit: 100, ..Default::default() }).unwrap();
        prop_assert_eq!(page.customers.len(), specs.len());
        let mut book = Vec::new();
        for summary in &page.customers {
            let c = t.store.get_customer(&summary.id).unwrap();
            let deal = DealFacts::of(&t.store, &c);
            book.push((c, deal));
        }
        // The whole filter, and each of its dimensions alone (a random mix of many rarely
        // matches anyone).
        // Plus filters whose ends touch the book's own dates and budgets.
        let edges = edge_filters(book.iter().map(|(_, deal)| deal));
        for f in std::iter::once(filter.clone()).chain(single_dimensions(&filter)).chain(edges) {
            let mut expected: Vec<String> = book
                .iter()
                .filter(|(c, deal)| oracle_matches(&f, c, deal, &kept, now))
                .map(|(c, _)| c.id.0.clone())
                .collect();
            expected.sort();
            prop_assert_eq!(&found(&t.store, &f), &expected, "{:?}", f);
            prop_assert_eq!(t.store.count_matching(&f).unwrap(), expected.len() as u64);
        }
    }
}

/// Filters whose range ends fall exactly on the order dates, delivery dates and budget
/// ends in `deals`, one on each side of each end.
fn edge_filters<'a>(deals: impl Iterator<Item = &'a DealFacts>) -> Vec<CustomerFilter> {
    let mut out = Vec::new();
    for deal in deals {
        for o in &deal.orders {
            let d = o.order.order_date;
            out.push(CustomerFilter {
                ordered_from: Some(d),
                ordered_to: Some(d + Duration::days(1)),
                ..Default::default()
            });
            out.push(CustomerFilter {
                ordered_to: Some(d),
                ..Default::default()
            });
            if let OrderStatus::Delivered { delivery } = &o.order.status {
                out.push(CustomerFilter {
                    delivered_from: Some(delivery.date),
                    ..Default::default()
                });
                out.push(CustomerFilter {
                    delivered_to: Some(delivery.date),
                    ..Default::default()
                });
            }
        }
        for i in &deal.intents {
            let b = i.intent.budget;
            for end in [b.min, b.max].into_iter().flatten() {
                for range in [
                    AmountRange {
                        min: Some(end),
                        max: None,
                    },
                    AmountRange {
                        min: None,
                        max: Some(end),
                    },
                    AmountRange {
                        min: Some(Fen(end.0 + 1)),
                        max: None,
                    },
                    AmountRange {
                        min: None,
                        max: Some(Fen((end.0 - 1).max(0))),
                    },
                ] {
                    out.push(CustomerFilter {
                        budget: Some(range),
                        ..Default::default()
                    });
                }
            }
        }
    }
    out
}

/// `f`'s deal dimensions one by one, each alone in a filter.
fn single_dimensions(f: &CustomerFilter) -> Vec<CustomerFilter> {
    let none = CustomerFilter::default;
    let all = [
        CustomerFilter {
            levels: f.levels.clone(),
            ..none()
        },
        CustomerFilter {
            stages: f.stages.clone(),
            ..none()
        },
        CustomerFilter {
            brands: f.brands.clone(),
            ..none()
        },
        CustomerFilter {
            series: f.series.clone(),
            ..none()
        },
        CustomerFilter {
            body_types: f.body_types.clone(),
            ..none()
        },
        CustomerFilter {
            powertrains: f.powertrains.clone(),
            ..none()
        },
        CustomerFilter {
            budget: f.budget,
            ..none()
        },
        CustomerFilter {
            has_trade_in: f.has_trade_in,
            ..none()
        },
        CustomerFilter {
            lost_reasons: f.lost_reasons.clone(),
            ..none()
        },
        CustomerFilter {
            ordered_from: f.ordered_from,
            ordered_to: f.ordered_to,
            ..none()
        },
        CustomerFilter {
            delivered_from: f.delivered_from,
            delivered_to: f.delivered_to,
            ..none()
        },
    ];
    all.into_iter().filter(|d| *d != none()).collect()
}

#[test]
fn wants_an_suv_means_any_intent_and_one_intent_holds_every_vehicle_dimension() {
    let t = test_store();
    let catalogue = vec![CatalogueModel {
        id: "M0001".into(),
        brand: "理想".into(),
        series: "L6".into(),
        model: "2025款 Pro".into(),
        body_type: BodyType::Suv,
        powertrain: crm_core::Powertrain::Erev,
        price: AmountRange::between(Fen(24_980_000), Fen(27_980_000)),
    }];
    t.store.load_catalogue(&catalogue).unwrap();
    let new = |n: usize| {
        t.store
            .create_customer(&customer("客户", &format!("1390000{n:04}")))
            .unwrap()
    };
    let intent = |c: &Customer| crm_core::NewVehicleIntent::new(c.id.clone());
    // a: a sedan first (primary), an SUV second, budget only on the sedan.
    let a = new(1);
    for (body, budget) in [
        (
            BodyType::Sedan,
            AmountRange::between(Fen(15_000_000), Fen(20_000_000)),
        ),
        (BodyType::Suv, AmountRange::default()),
    ] {
        let i = crm_core::NewVehicleIntent {
            body_type: Some(body),
            budget,
            brand: Some("BMW".into()),
            ..intent(&a)
        };
        t.store.add_intent(&i, None).unwrap();
    }
    // b: points at the catalogue's L6 and names nothing itself, with a trade-in.
    let b = new(2);
    let i = crm_core::NewVehicleIntent {
        catalogue_model: Some("M0001".into()),
        trade_in: Some(crm_core::TradeIn {
            brand: "本田".into(),
            model: None,
            year: Some(2018),
            mileage_km: None,
            appraised_value: None,
        }),
        ..intent(&b)
    };
    t.store.add_intent(&i, None).unwrap();
    // c: no intent, lost on price (pending).
    let c = new(3);
    t.store
        .request_lost(
            &c.id,
            &crm_core::LostRequest {
                reason: LostReason::Price,
                competitor: None,
                note: None,
            },
            Some("c001"),
        )
        .unwrap();

    let ids = |f: CustomerFilter| found(&t.store, &f);
    let only = |cs: &[&Customer]| {
        let mut v: Vec<String> = cs.iter().map(|c| c.id.0.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(
        ids(CustomerFilter {
            body_types: vec![BodyType::Suv],
            ..Default::default()
        }),
        only(&[&a, &b])
    );
    assert_eq!(
        ids(CustomerFilter {
            brands: vec!["bmw".into()],
            ..Default::default()
        }),
        only(&[&a])
    );
    assert_eq!(
        ids(CustomerFilter {
            series: vec!["L6".into()],
            ..Default::default()
        }),
        only(&[&b])
    );
    // An SUV within ¥150,000-¥200,000: a's budget is on its sedan, so nobody.
    let suv_in_budget = CustomerFilter {
        body_types: vec![BodyType::Suv],
        budget: Some(AmountRange::between(Fen(15_000_000), Fen(20_000_000))),
        ..Default::default()
    };
    assert!(ids(suv_in_budget).is_empty());
    assert_eq!(
        ids(CustomerFilter {
            budget: Some(AmountRange {
                min: Some(Fen(19_000_000)),
                max: None
            }),
            ..Default::default()
        }),
        only(&[&a])
    );
    assert_eq!(
        ids(CustomerFilter {
            has_trade_in: Some(true),
            ..Default::default()
        }),
        only(&[&b])
    );
    assert_eq!(
        ids(CustomerFilter {
            has_trade_in: Some(false),
            ..Default::default()
        }),
        only(&[&a, &c])
    );
    assert_eq!(
        ids(CustomerFilter {
            stages: vec![PipelineStatus::LostRequested],
            ..Default::default()
        }),
        only(&[&c])
    );
    assert_eq!(
        ids(CustomerFilter {
            lost_reasons: vec![LostReason::Price],
            ..Default::default()
        }),
        only(&[&c])
    );
    assert_eq!(
        ids(CustomerFilter {
            stages: vec![PipelineStatus::InStage(Stage::NewLead)],
            ..Default::default()
        }),
        only(&[&a, &b])
    );
    // Dropping the model from the catalogue takes its body type with it.
    assert_eq!(t.store.load_catalogue(&[]).unwrap(), 0);
    assert_eq!(
        ids(CustomerFilter {
            body_types: vec![BodyType::Suv],
            ..Default::default()
        }),
        only(&[&a])
    );
}

#[test]
fn bad_deal_dimensions_name_the_field_and_write_nothing() {
    let t = test_store();
    t.store
        .create_customer(&customer("丁", "13700000001"))
        .unwrap();
    let day = |s: &str| s.parse::<NaiveDate>().ok();
    let cases = [
        (
            CustomerFilter {
                brands: vec!["大众".into(), " ".into()],
                ..Default::default()
            },
            "brands[1]",
        ),
        (
            CustomerFilter {
                budget: Some(AmountRange {
                    min: Some(Fen(-5)),
                    max: None,
                }),
                ..Default::default()
            },
            "budget.min",
        ),
        (
            CustomerFilter {
                budget: Some(AmountRange::between(Fen(2), Fen(1))),
                ..Default::default()
            },
            "budget",
        ),
        (
            CustomerFilter {
                ordered_from: day("2026-05-01"),
                ordered_to: day("2026-04-01"),
                ..Default::default()
            },
            "ordered_to",
        ),
        (
            CustomerFilter {
                delivered_from: day("2026-05-01"),
                delivered_to: day("2026-05-01"),
                ..Default::default()
            },
            "delivered_to",
        ),
        (
            CustomerFilter {
                levels: vec![IntentLevel::H; 51],
                ..Default::default()
            },
            "levels",
        ),
    ];
    for (filter, field) in cases {
        let err = t
            .store
            .query_customers(&CustomerQuery {
                filter: filter.clone(),
                ..Default::default()
            })
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.field == field),
            "{field}: {err:?}"
        );
        let err = t.store.count_matching(&filter).unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.field == field),
            "{field}: {err:?}"
        );
        // A saved view with it is refused whole, under `filter.`.
        let before = dump(&t.path, &["saved_views"]);
        let definition = crm_core::ViewDefinition {
            filter,
            sort: Sort::default(),
            columns: vec![],
        };
        let err = t.store.create_view("坏的筛选", &definition).unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.field == format!("filter.{field}")),
            "{field}: {err:?}"
        );
        assert_eq!(dump(&t.path, &["saved_views"]), before);
    }
}

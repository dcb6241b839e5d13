//! Reports from the book: every figure of the store's reports equals crm-core's pure report
//! functions over facts read back one customer at a time through the public API (the
//! brute-force oracle: a customer's assignment from its timeline, its stage records from its
//! follow-ups, visits, orders and moves), on random books built through the store (visits,
//! appointments, follow-ups of every kind, edited and deleted, reassignments, merges);
//! plus hand-checked books. A report narrowed by a customer filter equals the pure report
//! over the facts of exactly the customers the store's filtered customer list returns.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{NowForTests, TestStore};
use crm_core::{
    channel_report, consultant_report, funnel_report, intent_report, lost_report, CadenceConfig,
    Code, CustomerFacts, CustomerId, CustomerPatch, FollowUpFact, FollowUpKind, FollowUpMethod,
    FollowUpPatch, IntentChangeFact, IntentLevel, LostReason, LostRequest, NewDelivery,
    NewFollowUp, NewOrder, NewVisit, OrderFact, OrderStatus, ReportPeriod, SourceChannel, Stage,
    VisitFact, VisitKind, VisitStatus,
};
use crm_core::{ArchivedFilter, CustomerFilter, PipelineStatus, CHANNEL_KINDS};
use crm_core::{CancelReason, Fen};
use crm_store::StoreError;
use crm_store::{CustomerQuery, MAX_PAGE_SIZE};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

const CONSULTANTS: [Option<&str>; 3] = [Some("c001"), Some("c002"), None];

/// The book's local date (the store's default zone, Asia/Shanghai, is UTC+8).
fn local_today(t: &TestStore) -> NaiveDate {
    (t.clock.now_for_tests() + Duration::hours(8)).date_naive()
}

fn new_customer(t: &TestStore, n: usize, source: SourceChannel, owner: Option<&str>) -> CustomerId {
    let mut new = common::customer("赵六", &format!("1390000{n:04}"));
    new.source = source;
    new.owner = owner.map(str::to_owned);
    if n.is_multiple_of(3) {
        new.tags = vec!["SUV".into()];
    }
    t.store.create_customer(&new).unwrap().id
}

fn order(t: &TestStore, customer: &CustomerId, price: i64) -> NewOrder {
    NewOrder {
        price: Fen(price),
        discount: Fen(500_000),
        deposit: Fen(100_000),
        ..common::sample_order(customer, local_today(t))
    }
}

fn deliver_latest(t: &TestStore, customer: &CustomerId, vin_no: usize) -> Result<(), StoreError> {
    let orders = t.store.orders_of(customer)?;
    let Some(o) = orders
        .iter()
        .rev()
        .find(|o| o.order.status == OrderStatus::Active)
    else {
        return Ok(());
    };
    let delivery = NewDelivery {
        date: local_today(t),
        vin: Some(format!("WVWZZZ1KZ{vin_no:08}")),
        odometer_km: 10,
    };
    t.store
        .deliver_order(&o.id, o.version, &delivery, Some("c001"))
        .map(|_| ())
}

fn cancel_latest(t: &TestStore, customer: &CustomerId) -> Result<(), StoreError> {
    let orders = t.store.orders_of(customer)?;
    let Some(o) = orders
        .iter()
        .rev()
        .find(|o| o.order.status == OrderStatus::Active)
    else {
        return Ok(());
    };
    t.store
        .cancel_order(&o.id, o.version, CancelReason::Price, None, Some("c001"))
        .map(|_| ())
}

fn follow_up(t: &TestStore, customer: &CustomerId, by: Option<&str>) -> Result<(), StoreError> {
    follow_up_of(t, customer, by, FollowUpKind::NeedsDiscovery, 0)
}

/// A follow-up of `kind` logged now, about something `minutes_ago`.
fn follow_up_of(
    t: &TestStore,
    customer: &CustomerId,
    by: Option<&str>,
    kind: FollowUpKind,
    minutes_ago: i64,
) -> Result<(), StoreError> {
    let mut f = NewFollowUp::new(
        customer.clone(),
        FollowUpMethod::Phone,
        kind,
        t.clock.now_for_tests() - Duration::minutes(minutes_ago),
        "问了预算和车型",
    );
    f.consultant = by.map(str::to_owned);
    t.store.log_follow_up(customer, &f, None).map(|_| ())
}

/// A visit or test drive scheduled `hours` from now (0: a walk-in on the spot; less: one
/// recorded after the fact).
fn schedule(
    t: &TestStore,
    customer: &CustomerId,
    kind: VisitKind,
    hours: i64,
) -> Result<(), StoreError> {
    let visit = NewVisit {
        customer_id: customer.clone(),
        kind,
        model: Some("途观L 330TSI".into()),
        catalogue_model: None,
        scheduled_at: t.clock.now_for_tests() + Duration::hours(hours),
        consultant: None,
        notes: None,
    };
    t.store.schedule_visit(&visit, Some("c001")).map(|_| ())
}

/// Marks the customer's earliest scheduled visit done now, or a no-show.
fn close_visit(t: &TestStore, customer: &CustomerId, done: bool) -> Result<(), StoreError> {
    let visits = t.store.visits_of(customer)?;
    let Some(v) = visits
        .iter()
        .find(|v| v.visit.status == VisitStatus::Scheduled)
    else {
        return Ok(());
    };
    let now = t.clock.now_for_tests();
    if done {
        t.store
            .complete_visit(&v.id, v.version, now, Some("喜欢"), Some("c001"))
            .map(|_| ())
    } else {
        t.store
            .no_show_visit(&v.id, v.version, Some("c001"))
            .map(|_| ())
    }
}

/// Hands the customer to `owner` (or nobody).
fn reassign(t: &TestStore, customer: &CustomerId, owner: Option<&str>) -> Result<(), StoreError> {
    let c = t.store.get_customer(customer)?;
    let patch = CustomerPatch {
        owner: Some(owner.map(str::to_owned)),
        ..CustomerPatch::default()
    };
    t.store
        .update_customer(customer, c.version, &patch)
        .map(|_| ())
}

/// Edits the customer's oldest follow-up into a price negotiation an hour earlier, or
/// deletes it.
fn rework_follow_up(t: &TestStore, customer: &CustomerId, delete: bool) -> Result<(), StoreError> {
    let Some(f) = t.store.follow_ups_of(customer)?.pop() else {
        return Ok(());
    };
    if delete {
        return t.store.delete_follow_up(&f.id);
    }
    let patch = FollowUpPatch {
        kind: Some(FollowUpKind::PriceNegotiation),
        at: Some(f.follow_up.at - Duration::hours(1)),
        ..FollowUpPatch::default()
    };
    t.store
        .update_follow_up(&f.id, f.version, &patch)
        .map(|_| ())
}

fn archive(t: &TestStore, customer: &CustomerId) -> Result<(), StoreError> {
    let c = t.store.get_customer(customer)?;
    t.store.archive_customer(customer, c.version).map(|_| ())
}

fn set_level(t: &TestStore, customer: &CustomerId, level: IntentLevel) -> Result<(), StoreError> {
    let c = t.store.get_customer(customer)?;
    t.store
        .set_intent_level(customer, c.version, level, None)
        .map(|_| ())
}

/// One step of a random book: a kind, a customer (by index, modulo how many there are), a
/// choice and how long after the previous step (minutes).
type Step = (u8, usize, usize, i64);

fn sources() -> Vec<SourceChannel> {
    vec![
        SourceChannel::ShowroomWalkIn,
        SourceChannel::PhoneHotline,
        SourceChannel::AutoShow,
        SourceChannel::RepeatCustomer,
    ]
}

/// A book played from steps: the store, its customers, and when each customer whose owner
/// changed after creation (a reassignment, a merge filling in the owner) got its owner.
type Book = (
    TestStore,
    Vec<CustomerId>,
    HashMap<CustomerId, DateTime<Utc>>,
);

/// Plays `steps` on a fresh store whose first-response deadline is `deadline` minutes;
/// refused moves are part of life and are skipped.
fn build(steps: &[Step], deadline: u32) -> Book {
    let t = common::test_store();
    let cadence = CadenceConfig {
        first_response_minutes: deadline,
        ..CadenceConfig::default()
    };
    t.store.set_cadence(&cadence).unwrap();
    let mut ids: Vec<CustomerId> = Vec::new();
    let mut assigned = HashMap::new();
    for (n, (kind, who, choice, minutes)) in steps.iter().enumerate() {
        t.clock.advance(Duration::minutes(*minutes));
        if ids.is_empty() || *kind == 0 {
            let source = sources()[choice % 4].clone();
            ids.push(new_customer(&t, n, source, CONSULTANTS[choice % 3]));
            continue;
        }
        let id = &ids[who % ids.len()].clone();
        let owner = |id: &CustomerId| t.store.get_customer(id).unwrap().profile.owner;
        let owner_before = owner(id);
        let _ = match kind {
            1 | 2 => t
                .store
                .advance_stage(id, Stage::ALL[1 + choice % 5], Some("c001"))
                .map(|_| ()),
            3 => t
                .store
                .place_order(&order(&t, id, 10_000_000 + *choice as i64 * 1000), None)
                .map(|_| ()),
            4 => deliver_latest(&t, id, n),
            5 => cancel_latest(&t, id),
            6 => {
                let request = LostRequest {
                    reason: LostReason::ALL[choice % LostReason::ALL.len()],
                    competitor: [Some("比亚迪"), Some("丰田"), None][choice % 3].map(str::to_owned),
                    note: Some("客户说了原因".into()),
                };
                t.store.request_lost(id, &request, Some("c002")).map(|_| ())
            }
            7 => t.store.approve_request(id, "m001").map(|_| ()),
            8 => follow_up_of(
                &t,
                id,
                CONSULTANTS[choice % 3],
                FollowUpKind::ALL[choice % FollowUpKind::ALL.len()],
                (*choice as i64 % 4) * 20,
            ),
            10 if choice % 4 == 0 => archive(&t, id),
            11 => schedule(&t, id, VisitKind::ALL[choice % 2], *choice as i64 % 5 - 2),
            12 => close_visit(&t, id, choice % 4 != 0),
            13 => reassign(&t, id, CONSULTANTS[choice % 3]),
            14 => rework_follow_up(&t, id, choice % 2 == 0),
            15 if ids.len() > 1 => {
                let (keep, other) = (id.clone(), ids[choice % ids.len()].clone());
                if keep == other {
                    continue;
                }
                let (k, o) = (
                    t.store.get_customer(&keep).unwrap(),
                    t.store.get_customer(&other).unwrap(),
                );
                if t.store
                    .merge_customers(&keep, k.version, &other, o.version)
                    .is_ok()
                {
                    ids.retain(|i| *i != other);
                }
                Ok(())
            }
            16 => follow_up_of(&t, id, None, FollowUpKind::StoreVisitInvitation, 0),
            _ => set_level(&t, id, IntentLevel::ALL[choice % IntentLevel::ALL.len()]),
        };
        if owner(id) != owner_before {
            assigned.insert(id.clone(), t.clock.now_for_tests());
        }
    }
    (t, ids, assigned)
}

/// The oracle's facts: one customer at a time through the public API, their assignment
/// from the book's own account.
fn oracle_facts(
    t: &TestStore,
    ids: &[CustomerId],
    assigned: &HashMap<CustomerId, DateTime<Utc>>,
) -> Vec<CustomerFacts> {
    ids.iter()
        .map(|id| {
            let c = t.store.get_customer(id).unwrap();
            let history = t.store.intent_level_history(id).unwrap();
            let mut follow_ups: Vec<FollowUpFact> = t
                .store
                .follow_ups_of(id)
                .unwrap()
                .iter()
                .map(|f| FollowUpFact {
                    at: f.follow_up.at,
                    consultant: f.follow_up.consultant.clone(),
                    kind: f.follow_up.kind,
                })
                .collect();
            follow_ups.reverse();
            let visits = t
                .store
                .visits_of(id)
                .unwrap()
                .iter()
                .map(|v| VisitFact {
                    kind: v.visit.kind,
                    booked_at: v.created_at,
                    scheduled_at: v.visit.scheduled_at,
                    done_at: match v.visit.status {
                        VisitStatus::Done { at, .. } => Some(at),
                        _ => None,
                    },
                })
                .collect();
            CustomerFacts {
                id: id.clone(),
                channel: c.profile.source.kind_name().to_owned(),
                owner: c.profile.owner.clone(),
                created_at: c.created_at,
                assigned_at: c
                    .profile
                    .owner
                    .as_ref()
                    .map(|_| assigned.get(id).copied().unwrap_or(c.created_at)),
                moves: t.store.stage_history(id).unwrap(),
                orders: t
                    .store
                    .orders_of(id)
                    .unwrap()
                    .iter()
                    .map(|o| OrderFact {
                        ordered_at: o.created_at,
                        cancelled_at: match &o.order.status {
                            OrderStatus::Cancelled { at, .. } => Some(*at),
                            _ => None,
                        },
                        delivered_at: match &o.order.status {
                            OrderStatus::Delivered { .. } => Some(o.updated_at),
                            _ => None,
                        },
                        revenue_fen: o.order.net_price().0,
                    })
                    .collect(),
                follow_ups,
                visits,
                initial_intent: history
                    .first()
                    .map(|h| h.from.unwrap_or(IntentLevel::N))
                    .unwrap_or(c.intent_level),
                intent_changes: history
                    .iter()
                    .map(|h| IntentChangeFact { at: h.at, to: h.to })
                    .collect(),
            }
        })
        .collect()
}

/// Every report of the store against the oracle for `period`.
fn check(t: &TestStore, facts: &[CustomerFacts], period: &ReportPeriod) {
    let s = &t.store;
    assert_eq!(
        s.funnel_report(period).unwrap(),
        funnel_report(facts, period)
    );
    assert_eq!(
        s.channel_report(period).unwrap(),
        channel_report(facts, period)
    );
    assert_eq!(s.lost_report(period).unwrap(), lost_report(facts, period));
    let deadline = s.settings().unwrap().cadence.first_response();
    assert_eq!(
        s.consultant_report(period).unwrap(),
        consultant_report(facts, period, deadline)
    );
    assert_eq!(
        s.intent_report(period).unwrap(),
        intent_report(facts, period)
    );
    let mut cohort: Vec<CustomerFacts> = facts
        .iter()
        .filter(|c| period.in_cohort(c))
        .cloned()
        .collect();
    cohort.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    assert_eq!(s.load_report_facts(period).unwrap(), cohort);
}

/// The ids the store's customer list returns for `filter`, every page.
fn listed(t: &TestStore, filter: &CustomerFilter) -> HashSet<CustomerId> {
    let mut query = CustomerQuery {
        filter: filter.clone(),
        limit: MAX_PAGE_SIZE,
        ..CustomerQuery::default()
    };
    let mut out = HashSet::new();
    loop {
        let page = t.store.query_customers(&query).unwrap();
        out.extend(page.customers.into_iter().map(|c| c.id));
        match page.next_cursor {
            Some(next) => query.cursor = Some(next),
            None => return out,
        }
    }
}

/// A customer filter over the book's dimensions: deal dimensions (current stage, intent
/// level), channel, owner, tag and archive state.
fn customer_filter() -> impl Strategy<Value = CustomerFilter> {
    let some = |n: usize| 0..=n;
    (
        prop::collection::vec(prop::sample::select(PipelineStatus::ALL.to_vec()), some(4)),
        prop::collection::vec(prop::sample::select(IntentLevel::ALL.to_vec()), some(3)),
        prop::collection::vec(prop::sample::select(CHANNEL_KINDS.to_vec()), some(2)),
        prop::option::weighted(0.3, prop::sample::select(vec!["c001", "c002"])),
        prop::bool::weighted(0.3),
        prop::sample::select(vec![
            ArchivedFilter::Active,
            ArchivedFilter::Archived,
            ArchivedFilter::All,
        ]),
        0u8..4,
    )
        .prop_map(
            |(stages, levels, channels, owner, tagged, archived, deal)| CustomerFilter {
                // At most one deal dimension, so that most filters keep someone.
                stages: if deal == 0 { stages } else { vec![] },
                levels: if deal == 1 { levels } else { vec![] },
                channels: if deal == 2 {
                    channels.into_iter().map(str::to_owned).collect()
                } else {
                    vec![]
                },
                owners: owner.into_iter().map(str::to_owned).collect(),
                tags_any: if tagged { vec!["suv".into()] } else { vec![] },
                archived,
                ..CustomerFilter::default()
            },
        )
}

fn step() -> impl Strategy<Value = Step> {
    (0u8..17, 0usize..50, 0usize..60, 0i64..3000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn every_figure_matches_the_oracle(
        steps in prop::collection::vec(step(), 1..60),
        cuts in prop::collection::vec((0i64..100, 0i64..100, 0usize..4), 3),
        deadline in 1u32..3000,
    ) {
        let (t, ids, assigned) = build(&steps, deadline);
        let facts = oracle_facts(&t, &ids, &assigned);
        let begin = common::start() - Duration::days(1);
        let span = (t.clock.now_for_tests() - begin).num_minutes() + 2 * 24 * 60;
        let at = |pct: i64| begin + Duration::minutes(span * pct / 100);
        check(&t, &facts, &ReportPeriod::new(begin, begin + Duration::minutes(span)));
        for (a, b, who) in cuts {
            let (from, to) = (at(a.min(b)), at(a.max(b) + 1));
            let mut period = ReportPeriod::new(from, to);
            period.consultant = CONSULTANTS.get(who).copied().flatten().map(str::to_owned);
            check(&t, &facts, &period);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn filtered_figures_match_the_oracle_over_the_listed_customers(
        creations in prop::collection::vec((Just(0u8), 0usize..1, 0usize..60, 0i64..3000), 8..16),
        steps in prop::collection::vec(step(), 1..80),
        filters in prop::collection::vec(customer_filter(), 1..4),
        cuts in prop::collection::vec((0i64..100, 0i64..100, 0usize..4), 2),
    ) {
        let (t, ids, assigned) = build(&[creations, steps].concat(), 120);
        let facts = oracle_facts(&t, &ids, &assigned);
        let begin = common::start() - Duration::days(1);
        let span = (t.clock.now_for_tests() - begin).num_minutes() + 2 * 24 * 60;
        let at = |pct: i64| begin + Duration::minutes(span * pct / 100);
        for filter in filters {
            let chosen = listed(&t, &filter);
            let narrowed: Vec<CustomerFacts> =
                facts.iter().filter(|c| chosen.contains(&c.id)).cloned().collect();
            let whole = ReportPeriod::new(begin, begin + Duration::minutes(span));
            check(&t, &narrowed, &whole.with_customers(filter.clone()));
            for &(a, b, who) in &cuts {
                let mut period = ReportPeriod::new(at(a.min(b)), at(a.max(b) + 1));
                period.consultant = CONSULTANTS.get(who).copied().flatten().map(str::to_owned);
                check(&t, &narrowed, &period.with_customers(filter.clone()));
            }
        }
    }
}

#[test]
fn a_bad_customer_filter_is_refused_naming_the_field() {
    let t = common::test_store();
    let now = t.clock.now_for_tests();
    let period = ReportPeriod::new(now - Duration::days(1), now).with_customers(CustomerFilter {
        channels: vec!["tv".into()],
        ..CustomerFilter::default()
    });
    for err in [
        t.store.funnel_report(&period).map(|_| ()).unwrap_err(),
        t.store.channel_report(&period).map(|_| ()).unwrap_err(),
        t.store.lost_report(&period).map(|_| ()).unwrap_err(),
        t.store.consultant_report(&period).map(|_| ()).unwrap_err(),
        t.store.intent_report(&period).map(|_| ()).unwrap_err(),
        t.store.load_report_facts(&period).map(|_| ()).unwrap_err(),
    ] {
        match err {
            StoreError::Invalid(e) => assert_eq!(e.field, "customers.channels[0]"),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
}

fn day(t: &TestStore, days: i64) -> DateTime<Utc> {
    t.clock.now_for_tests() + Duration::days(days)
}

#[test]
fn a_small_book_reads_as_worked_out_by_hand() {
    let t = common::test_store();
    let start = common::start();
    // A walk-in of c001's: visited after 2 days, test drive after 4, order after 6,
    // delivered after 10 (revenue 200,000 − 5,000 yuan).
    let a = new_customer(&t, 1, SourceChannel::ShowroomWalkIn, Some("c001"));
    // A hotline lead of c002's: contacted after 1 day, lost to 比亚迪 on price after 3.
    let b = new_customer(&t, 2, SourceChannel::PhoneHotline, Some("c002"));
    // A hotline lead of c001's that nobody touches.
    let _c = new_customer(&t, 3, SourceChannel::PhoneHotline, Some("c001"));
    t.clock.set(start + Duration::days(1));
    t.store
        .advance_stage(&b, Stage::Contacted, Some("c002"))
        .unwrap();
    follow_up(&t, &b, Some("c002")).unwrap();
    t.clock.set(start + Duration::days(2));
    t.store
        .advance_stage(&a, Stage::Visited, Some("c001"))
        .unwrap();
    t.clock.set(start + Duration::days(3));
    let lost = LostRequest {
        reason: LostReason::Price,
        competitor: Some("比亚迪".into()),
        note: None,
    };
    t.store.request_lost(&b, &lost, Some("c002")).unwrap();
    t.store.approve_request(&b, "m001").unwrap();
    t.clock.set(start + Duration::days(4));
    t.store
        .advance_stage(&a, Stage::TestDriven, Some("c001"))
        .unwrap();
    t.clock.set(start + Duration::days(6));
    t.store
        .place_order(&order(&t, &a, 20_000_000), Some("c001"))
        .unwrap();
    t.clock.set(start + Duration::days(10));
    deliver_latest(&t, &a, 1).unwrap();

    let period = ReportPeriod::new(start - Duration::days(1), day(&t, 1));
    let funnel = t.store.funnel_report(&period).unwrap();
    let counts: Vec<u32> = funnel.rows.iter().map(|r| r.customers).collect();
    // new lead 3, contacted 2 (a jumped past it), invited 1, visited 1, test-driven 1,
    // negotiating 1 (skipped by the order), ordered 1, delivered 1.
    assert_eq!(counts, vec![3, 2, 1, 1, 1, 1, 1, 1]);
    // Of those, recorded as happening: b's contact (a was never called, nor invited, nor
    // did it negotiate: the jumps skip them); a's visit, test drive, order and delivery.
    let reached: Vec<u32> = funnel.rows.iter().map(|r| r.reached).collect();
    let skipped: Vec<u32> = funnel.rows.iter().map(|r| r.skipped).collect();
    assert_eq!(reached, vec![3, 1, 0, 1, 1, 0, 1, 1]);
    assert_eq!(skipped, vec![0, 1, 1, 0, 0, 1, 0, 0]);
    assert_eq!(funnel.rows[1].conversion_bp, Some(6667));
    assert_eq!(funnel.rows[2].conversion_bp, Some(5000));
    // new lead → contacted: a in 2 days (the jump), b in 1: median 1.5.
    assert_eq!(funnel.rows[1].median_days_from_previous, Some(1.5));
    assert_eq!(funnel.rows[4].median_days_from_previous, Some(2.0));
    assert_eq!(funnel.rows[7].median_days_from_previous, Some(4.0));
    assert_eq!((funnel.lost, funnel.dormant, funnel.pending), (1, 0, 0));

    let channels = t.store.channel_report(&period).unwrap();
    let walk_in = &channels.rows[0];
    assert_eq!(walk_in.channel, "showroom_walk_in");
    assert_eq!(
        (
            walk_in.leads,
            walk_in.visits,
            walk_in.orders,
            walk_in.deliveries
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(walk_in.median_days_to_close, Some(10.0));
    assert_eq!(walk_in.revenue_fen, 19_500_000);
    let hotline = channels
        .rows
        .iter()
        .find(|r| r.channel == SourceChannel::PhoneHotline.kind_name())
        .unwrap();
    assert_eq!((hotline.leads, hotline.deliveries), (2, 0));
    assert_eq!(hotline.conversion_bp, Some(0));
    assert_eq!(channels.total.leads, 3);
    assert_eq!(channels.total.conversion_bp, Some(3333));

    // Before the delivery and the loss: the period ending on day 2.5.
    let early = ReportPeriod::new(period.from, start + Duration::hours(60));
    let funnel = t.store.funnel_report(&early).unwrap();
    assert_eq!(funnel.rows[7].customers, 0);
    assert_eq!((funnel.lost, funnel.pending), (0, 0));
    assert_eq!(t.store.channel_report(&early).unwrap().total.revenue_fen, 0);

    let lost = t.store.lost_report(&period).unwrap();
    assert_eq!(lost.total, 1);
    assert_eq!(lost.by_competitor[0].competitor, "比亚迪");
    assert_eq!(lost.by_competitor[0].share_bp, 10_000);
    let price = lost
        .by_reason
        .iter()
        .find(|r| r.reason == LostReason::Price)
        .unwrap();
    assert_eq!((price.count, price.share_bp), (1, 10_000));

    let mut only_c001 = period.clone();
    only_c001.consultant = Some("c001".into());
    let rows = t.store.consultant_report(&only_c001).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].new_leads, rows[0].uncontacted, rows[0].deliveries),
        (2, 2, 1)
    );
    assert_eq!(rows[0].revenue_fen, 19_500_000);
    // Neither a nor c was ever called: both late.
    assert_eq!(
        (rows[0].first_responses_due, rows[0].first_responses_in_time),
        (2, 0)
    );
    assert_eq!(rows[0].first_response_in_time_bp, Some(0));
    assert_eq!(t.store.funnel_report(&only_c001).unwrap().cohort, 2);
    // b was called a day after entry: late against the default 2 hours, in time against a
    // dealership's 24.
    let mut only_c002 = period.clone();
    only_c002.consultant = Some("c002".into());
    let b_row = &t.store.consultant_report(&only_c002).unwrap()[0];
    assert_eq!(b_row.median_first_response_minutes, Some(1440.0));
    assert_eq!(b_row.first_response_in_time_bp, Some(0));
    let day = CadenceConfig {
        first_response_minutes: 24 * 60,
        ..CadenceConfig::default()
    };
    t.store.set_cadence(&day).unwrap();
    let b_row = &t.store.consultant_report(&only_c002).unwrap()[0];
    assert_eq!(b_row.first_response_in_time_bp, Some(10_000));

    let intents = t.store.intent_report(&period).unwrap();
    // a is delivered and b lost: only c is open.
    assert_eq!(intents.open_customers, 1);
    assert_eq!(intents.distribution[0].level.code(), "n");
    assert_eq!(intents.distribution[0].share_bp, 10_000);
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused() {
    let t = common::test_store();
    let now = t.clock.now_for_tests();
    let err = t
        .store
        .funnel_report(&ReportPeriod::new(now, now))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.field == "to"),
        "{err:?}"
    );
    let mut blank = ReportPeriod::new(now - Duration::days(1), now);
    blank.consultant = Some("c\u{7}".into());
    let err = t.store.channel_report(&blank).unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.field == "consultant"),
        "{err:?}"
    );
}

#[test]
fn visits_and_invitations_count_as_they_happened() {
    let t = common::test_store();
    let start = common::start();
    // A walk-in of c001's, received on the spot (the visit advances it to visited at once),
    // ordering two hours later: never called, invited, test-driven or negotiated with.
    let walk_in = new_customer(&t, 1, SourceChannel::ShowroomWalkIn, Some("c001"));
    schedule(&t, &walk_in, VisitKind::StoreVisit, 0).unwrap();
    close_visit(&t, &walk_in, true).unwrap();
    // A hotline lead of c002's, invited by phone an hour after entry with an appointment
    // for a test drive the next day, which it takes.
    let hotline = new_customer(&t, 2, SourceChannel::PhoneHotline, Some("c002"));
    t.clock.set(start + Duration::hours(1));
    follow_up_of(
        &t,
        &hotline,
        Some("c002"),
        FollowUpKind::StoreVisitInvitation,
        0,
    )
    .unwrap();
    schedule(&t, &hotline, VisitKind::TestDrive, 24).unwrap();
    t.clock.set(start + Duration::hours(2));
    t.store
        .place_order(&order(&t, &walk_in, 20_000_000), Some("c001"))
        .unwrap();
    t.clock.set(start + Duration::hours(25));
    close_visit(&t, &hotline, true).unwrap();

    let period = ReportPeriod::new(start - Duration::days(1), start + Duration::days(2));
    let funnel = t.store.funnel_report(&period).unwrap();
    let column = |f: fn(&crm_core::FunnelRow) -> u32| funnel.rows.iter().map(f).collect::<Vec<_>>();
    assert_eq!(column(|r| r.customers), [2, 2, 2, 2, 2, 1, 1, 0]);
    assert_eq!(column(|r| r.reached), [2, 1, 1, 2, 1, 0, 1, 0]);
    assert_eq!(column(|r| r.skipped), [0, 1, 1, 0, 1, 1, 0, 0]);
    // New lead → contacted: the walk-in at once (its visit), the hotline lead in an hour.
    assert_eq!(funnel.rows[1].median_days_from_previous, Some(1.0 / 48.0));

    let channels = t.store.channel_report(&period).unwrap();
    let row = |k: &str| channels.rows.iter().find(|r| r.channel == k).unwrap();
    let counts = |r: &crm_core::ChannelRow| (r.leads, r.visits, r.test_drives, r.orders);
    assert_eq!(counts(row("showroom_walk_in")), (1, 1, 0, 1));
    assert_eq!(counts(row("phone_hotline")), (1, 1, 1, 0));

    let rows = t.store.consultant_report(&period).unwrap();
    let by = |who: &str| {
        rows.iter()
            .find(|r| r.consultant.as_deref() == Some(who))
            .unwrap()
    };
    // The walk-in was never called: late. The hotline lead answered in an hour.
    assert_eq!(
        (by("c001").uncontacted, by("c001").first_response_in_time_bp),
        (1, Some(0))
    );
    assert_eq!(by("c002").median_first_response_minutes, Some(60.0));
    assert_eq!(by("c002").first_response_in_time_bp, Some(10_000));
}

#[test]
fn a_rejection_that_reassigns_restarts_the_first_response_clock() {
    let t = common::test_store();
    let start = common::start();
    // c001 calls the lead at once and asks to give it up a day later; on day 2 the manager
    // refuses and hands it to c002, who calls three hours after that.
    let lead = new_customer(&t, 1, SourceChannel::PhoneHotline, Some("c001"));
    follow_up_of(&t, &lead, Some("c001"), FollowUpKind::FirstContact, 0).unwrap();
    t.clock.set(start + Duration::days(1));
    let request = LostRequest {
        reason: LostReason::Price,
        competitor: None,
        note: None,
    };
    t.store.request_lost(&lead, &request, Some("c001")).unwrap();
    let handed = start + Duration::days(2);
    t.clock.set(handed);
    t.store
        .reject_request(&lead, "m001", Some("c002"), Some("再跟一跟"))
        .unwrap();
    t.clock.set(handed + Duration::hours(3));
    follow_up_of(&t, &lead, Some("c002"), FollowUpKind::NeedsDiscovery, 0).unwrap();

    let mut period = ReportPeriod::new(start - Duration::days(1), start + Duration::days(3));
    period.consultant = Some("c002".into());
    assert_eq!(
        t.store.load_report_facts(&period).unwrap()[0].assigned_at,
        Some(handed)
    );
    let row = &t.store.consultant_report(&period).unwrap()[0];
    // c001's call was before the handover: c002's response is their own, 3 hours on.
    assert_eq!(row.new_leads, 1);
    assert_eq!(row.median_first_response_minutes, Some(180.0));
    assert_eq!(
        (row.first_responses_due, row.first_responses_in_time),
        (1, 0)
    );
}

//! The reports on a small hand-checked book: every figure worked out by hand.

use chrono::{DateTime, Duration, Utc};
use crm_core::*;

/// 2026-03-01T00:00Z plus days and hours.
fn t(days: i64, hours: i64) -> DateTime<Utc> {
    "2026-03-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap()
        + Duration::days(days)
        + Duration::hours(hours)
}

fn march() -> ReportPeriod {
    ReportPeriod::new(t(0, 0), t(31, 0))
}

fn to(stage: Stage) -> Move {
    Move::Advance { to: stage }
}

fn approve() -> Move {
    Move::Approve {
        manager: "m01".into(),
    }
}

fn lost(reason: LostReason, competitor: Option<&str>, note: Option<&str>) -> Move {
    Move::RequestLost(LostRequest {
        reason,
        competitor: competitor.map(Into::into),
        note: note.map(Into::into),
    })
}

/// The records of `moves` (move, when, order active, delivered) from a new lead.
fn history(
    created: DateTime<Utc>,
    moves: Vec<(Move, DateTime<Utc>, bool, bool)>,
) -> Vec<StageMove> {
    let mut state = PipelineState::new_lead(created);
    let mut records = Vec::new();
    for (mv, at, order, delivery) in moves {
        let facts = PipelineFacts {
            at,
            today: at.date_naive(),
            actor: None,
            has_active_order: order,
            has_delivery: delivery,
        };
        let t = apply(&state, &mv, &facts).unwrap_or_else(|e| panic!("{mv:?}: {e}"));
        state = t.state;
        records.push(t.record);
    }
    records
}

struct Customer {
    id: &'static str,
    channel: &'static str,
    owner: Option<&'static str>,
    created: DateTime<Utc>,
    moves: Vec<(Move, DateTime<Utc>, bool, bool)>,
    orders: Vec<OrderFact>,
    follow_ups: Vec<(DateTime<Utc>, Option<&'static str>)>,
    intents: Vec<(DateTime<Utc>, IntentLevel)>,
}

impl Customer {
    fn facts(self) -> CustomerFacts {
        CustomerFacts {
            id: self.id.into(),
            channel: self.channel.into(),
            owner: self.owner.map(Into::into),
            created_at: self.created,
            first_contacted_at: self.follow_ups.first().map(|f| f.0),
            moves: history(self.created, self.moves),
            orders: self.orders,
            follow_ups: self
                .follow_ups
                .into_iter()
                .map(|(at, who)| FollowUpFact {
                    at,
                    consultant: who.map(Into::into),
                })
                .collect(),
            initial_intent: IntentLevel::N,
            intent_changes: self
                .intents
                .into_iter()
                .map(|(at, to)| IntentChangeFact { at, to })
                .collect(),
        }
    }
}

fn order(at: DateTime<Utc>, delivered: Option<DateTime<Utc>>, revenue_fen: i64) -> OrderFact {
    OrderFact {
        ordered_at: at,
        cancelled_at: None,
        delivered_at: delivered,
        revenue_fen,
    }
}

/// A: online lead, the whole way to delivery in March (c001).
/// B: walk-in, test drive, lost to a competitor on the 9th (c002).
/// C: online lead, contacted after 4 hours, dormant on the 17th (c001).
/// D: referral from February, ordered and delivered in March (c002): not in March's cohort.
/// E: online lead on the 26th, never contacted (c001).
/// F: hotline lead of April, unowned: in nothing.
/// G: referral, lost on price on the 22nd, reopened, a second lost request approved in April.
fn book() -> Vec<CustomerFacts> {
    use IntentLevel::*;
    vec![
        Customer {
            id: "A",
            channel: "online_platform",
            owner: Some("c001"),
            created: t(0, 0),
            moves: vec![
                (to(Stage::Contacted), t(0, 1), false, false),
                (to(Stage::Invited), t(2, 1), false, false),
                (to(Stage::Visited), t(4, 1), false, false),
                (to(Stage::TestDriven), t(4, 2), false, false),
                (to(Stage::Negotiating), t(6, 1), false, false),
                (to(Stage::Ordered), t(10, 1), true, false),
                (to(Stage::Delivered), t(20, 1), true, true),
            ],
            orders: vec![order(t(10, 1), Some(t(20, 1)), 15_000_000)],
            follow_ups: vec![
                (t(0, 1), Some("c001")),
                (t(2, 1), Some("c001")),
                (t(6, 1), None),
            ],
            intents: vec![(t(0, 1), H), (t(10, 1), O)],
        },
        Customer {
            id: "B",
            channel: "showroom_walk_in",
            owner: Some("c002"),
            created: t(3, 0),
            moves: vec![
                (to(Stage::Visited), t(3, 0), false, false),
                (to(Stage::TestDriven), t(3, 1), false, false),
                (to(Stage::Negotiating), t(5, 0), false, false),
                (
                    lost(LostReason::BoughtCompetitor, Some("比亚迪 宋PLUS"), None),
                    t(7, 0),
                    false,
                    false,
                ),
                (approve(), t(8, 0), false, false),
            ],
            orders: vec![],
            follow_ups: vec![(t(3, 0), Some("c002"))],
            intents: vec![(t(3, 1), A)],
        },
        Customer {
            id: "C",
            channel: "online_platform",
            owner: Some("c001"),
            created: t(10, 0),
            moves: vec![
                (to(Stage::Contacted), t(10, 4), false, false),
                (
                    Move::RequestDormant(DormantRequest {
                        reason: DormantReason::Postponed,
                        note: None,
                        wake_on: None,
                    }),
                    t(15, 0),
                    false,
                    false,
                ),
                (approve(), t(16, 0), false, false),
            ],
            orders: vec![],
            follow_ups: vec![(t(10, 4), Some("c001")), (t(14, 0), Some("c002"))],
            intents: vec![(t(10, 4), B), (t(15, 0), C)],
        },
        Customer {
            id: "D",
            channel: "referral",
            owner: Some("c002"),
            created: t(-5, 0),
            moves: vec![
                (to(Stage::Negotiating), t(-5, 1), false, false),
                (to(Stage::Ordered), t(1, 0), true, false),
                (to(Stage::Delivered), t(12, 0), true, true),
            ],
            orders: vec![order(t(1, 0), Some(t(12, 0)), 20_000_000)],
            follow_ups: vec![(t(-5, 1), Some("c002")), (t(1, 0), Some("c002"))],
            intents: vec![(t(-5, 1), H), (t(1, 0), O)],
        },
        Customer {
            id: "E",
            channel: "online_platform",
            owner: Some("c001"),
            created: t(25, 0),
            moves: vec![],
            orders: vec![],
            follow_ups: vec![],
            intents: vec![],
        },
        Customer {
            id: "F",
            channel: "phone_hotline",
            owner: None,
            created: t(40, 0),
            moves: vec![(to(Stage::Contacted), t(40, 1), false, false)],
            orders: vec![],
            follow_ups: vec![(t(40, 1), None)],
            intents: vec![(t(40, 1), H)],
        },
        Customer {
            id: "G",
            channel: "referral",
            owner: Some("c001"),
            created: t(1, 0),
            moves: vec![
                (to(Stage::Contacted), t(1, 2), false, false),
                (lost(LostReason::Price, None, None), t(20, 0), false, false),
                (approve(), t(21, 0), false, false),
                (
                    Move::Reopen {
                        to: None,
                        note: None,
                    },
                    t(22, 0),
                    false,
                    false,
                ),
                (
                    lost(LostReason::Other, None, Some("搬家去外地")),
                    t(25, 0),
                    false,
                    false,
                ),
                (approve(), t(40, 0), false, false),
            ],
            orders: vec![],
            follow_ups: vec![(t(1, 2), Some("c001"))],
            intents: vec![(t(1, 2), B)],
        },
    ]
    .into_iter()
    .map(Customer::facts)
    .collect()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn the_funnel_of_march() {
    let report = funnel_report(&book(), &march());
    assert_eq!(report.cohort, 5);
    let counts: Vec<u32> = report.rows.iter().map(|r| r.customers).collect();
    assert_eq!(counts, [5, 4, 2, 2, 2, 2, 1, 1]);
    let conversion: Vec<Option<u32>> = report.rows.iter().map(|r| r.conversion_bp).collect();
    assert_eq!(
        conversion,
        [
            None,
            Some(8000),
            Some(5000),
            Some(10000),
            Some(10000),
            Some(10000),
            Some(5000),
            Some(10000)
        ]
    );
    let medians: Vec<Option<f64>> = report
        .rows
        .iter()
        .map(|r| r.median_days_from_previous)
        .collect();
    assert_eq!(medians[0], None);
    // Contacted after 0 h (B walked in), 1 h (A), 2 h (G), 4 h (C): median 1.5 h.
    assert!(close(medians[1], 1.5 / 24.0));
    assert!(close(medians[2], 1.0)); // A 2 days, B 0
    assert!(close(medians[3], 1.0)); // A 2 days, B 0
    assert!(close(medians[4], 1.0 / 24.0));
    assert!(close(medians[5], 47.0 / 24.0));
    assert!(close(medians[6], 4.0));
    assert!(close(medians[7], 10.0));
    assert_eq!((report.lost, report.dormant, report.pending), (1, 1, 1));

    let mine = funnel_report(
        &book(),
        &ReportPeriod {
            consultant: Some("c002".into()),
            ..march()
        },
    );
    assert_eq!(mine.cohort, 1);
    assert_eq!(mine.rows[Stage::Negotiating.index()].customers, 1);
    assert_eq!(mine.rows[Stage::Ordered.index()].conversion_bp, Some(0));
}

#[test]
fn the_channels_of_march() {
    let report = channel_report(&book(), &march());
    assert_eq!(report.rows.len(), CHANNEL_KINDS.len());
    let row = |k: &str| report.rows.iter().find(|r| r.channel == k).unwrap();
    let online = row("online_platform");
    assert_eq!(
        (
            online.leads,
            online.visits,
            online.test_drives,
            online.orders,
            online.deliveries
        ),
        (3, 1, 1, 1, 1)
    );
    assert_eq!(online.conversion_bp, Some(3333));
    assert!(close(online.median_days_to_close, 20.0 + 1.0 / 24.0));
    assert_eq!(online.revenue_fen, 15_000_000);
    let walk_in = row("showroom_walk_in");
    assert_eq!(
        (
            walk_in.leads,
            walk_in.visits,
            walk_in.test_drives,
            walk_in.orders
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(walk_in.conversion_bp, Some(0));
    assert_eq!(walk_in.median_days_to_close, None);
    assert_eq!(row("referral").leads, 1); // G; D came in February
    assert_eq!(row("phone_hotline").leads, 0); // F came in April
    assert_eq!(row("phone_hotline").conversion_bp, None);
    let total = &report.total;
    assert_eq!(total.channel, "total");
    assert_eq!(
        (total.leads, total.visits, total.orders, total.deliveries),
        (5, 2, 1, 1)
    );
    assert_eq!(total.conversion_bp, Some(2000));
    assert_eq!(total.revenue_fen, 15_000_000);
}

#[test]
fn the_losses_of_march() {
    let report = lost_report(&book(), &march());
    assert_eq!(report.total, 2); // B to a competitor, G on price; G's April approval is out
    let count = |r: LostReason| report.by_reason.iter().find(|x| x.reason == r).unwrap();
    assert_eq!(
        (
            count(LostReason::Price).count,
            count(LostReason::Price).share_bp
        ),
        (1, 5000)
    );
    assert_eq!(count(LostReason::BoughtCompetitor).share_bp, 5000);
    assert_eq!(count(LostReason::Other).count, 0);
    assert_eq!(report.with_competitor, 1);
    assert_eq!(
        report.by_competitor,
        vec![CompetitorRow {
            competitor: "比亚迪 宋PLUS".into(),
            count: 1,
            share_bp: 10_000
        }]
    );
    let mine = lost_report(
        &book(),
        &ReportPeriod {
            consultant: Some("c001".into()),
            ..march()
        },
    );
    assert_eq!((mine.total, mine.with_competitor), (1, 0));
    let april = lost_report(&book(), &ReportPeriod::new(t(31, 0), t(61, 0)));
    assert_eq!(april.total, 1);
    assert_eq!(
        april.by_reason[LostReason::ALL
            .iter()
            .position(|r| *r == LostReason::Other)
            .unwrap()]
        .share_bp,
        10_000
    );
}

#[test]
fn the_consultants_of_march() {
    let rows = consultant_report(&book(), &march());
    assert_eq!(rows.len(), 2);
    let c001 = &rows[0];
    assert_eq!(c001.consultant.as_deref(), Some("c001"));
    // A, C, E, G are new; E was never contacted; A 60 min, G 120, C 240.
    assert_eq!((c001.new_leads, c001.uncontacted), (4, 1));
    assert_eq!(c001.median_first_response_minutes, Some(120.0));
    // A: 3 (one without a consultant counts for the owner), C: 1, G: 1.
    assert_eq!(c001.follow_ups, 5);
    assert_eq!(
        (c001.orders, c001.deliveries, c001.revenue_fen),
        (1, 1, 15_000_000)
    );
    let c002 = &rows[1];
    assert_eq!(c002.consultant.as_deref(), Some("c002"));
    assert_eq!((c002.new_leads, c002.uncontacted), (1, 0));
    assert_eq!(c002.median_first_response_minutes, Some(0.0));
    // B: 1, C (a colleague's customer): 1, D: 1 in March.
    assert_eq!(c002.follow_ups, 3);
    assert_eq!(
        (c002.orders, c002.deliveries, c002.revenue_fen),
        (1, 1, 20_000_000)
    );

    let only = consultant_report(
        &book(),
        &ReportPeriod {
            consultant: Some("c009".into()),
            ..march()
        },
    );
    assert_eq!(only.len(), 1);
    assert_eq!((only[0].new_leads, only[0].follow_ups), (0, 0));
    assert_eq!(only[0].median_first_response_minutes, None);
}

#[test]
fn the_intent_levels_of_march() {
    use IntentLevel::*;
    let report = intent_report(&book(), &march());
    // Open at the end of March: E (N) and G (B, its lost request pending).
    assert_eq!(report.open_customers, 2);
    let dist: Vec<(IntentLevel, u32, u32)> = report
        .distribution
        .iter()
        .map(|r| (r.level, r.customers, r.share_bp))
        .collect();
    assert_eq!(
        dist,
        [
            (N, 1, 5000),
            (H, 0, 0),
            (A, 0, 0),
            (B, 1, 5000),
            (C, 0, 0),
            (O, 0, 0)
        ]
    );
    let moves: Vec<(IntentLevel, IntentLevel, u32)> = report
        .movement
        .iter()
        .map(|r| (r.from, r.to, r.customers))
        .collect();
    assert_eq!(
        moves,
        [(N, A, 1), (N, B, 1), (N, C, 1), (N, O, 1), (H, O, 1)]
    );
}

#[test]
fn a_period_must_end_after_it_starts() {
    assert_eq!(
        ReportPeriod::new(t(1, 0), t(1, 0))
            .validate()
            .unwrap_err()
            .field,
        "to"
    );
    let p = ReportPeriod {
        consultant: Some("  ".into()),
        ..march()
    }
    .validate()
    .unwrap();
    assert_eq!(p.consultant, None);
}

#[test]
fn a_bad_customer_filter_is_named_within_customers() {
    let bad = march().with_customers(CustomerFilter {
        channels: vec!["showroom_walk_in".into(), "tv".into()],
        ..Default::default()
    });
    let err = bad.validate().unwrap_err();
    assert_eq!(err.field, "customers.channels[1]");
    let good = march().with_customers(CustomerFilter {
        channels: vec!["showroom_walk_in".into()],
        ..Default::default()
    });
    assert_eq!(good.validate().unwrap(), good);
}

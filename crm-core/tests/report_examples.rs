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
    /// When the owner was given the customer, when not at creation.
    assigned: Option<DateTime<Utc>>,
    moves: Vec<(Move, DateTime<Utc>, bool, bool)>,
    orders: Vec<OrderFact>,
    follow_ups: Vec<(DateTime<Utc>, Option<&'static str>, FollowUpKind)>,
    visits: Vec<VisitFact>,
    intents: Vec<(DateTime<Utc>, IntentLevel)>,
}

impl Customer {
    fn facts(self) -> CustomerFacts {
        CustomerFacts {
            id: self.id.into(),
            channel: self.channel.into(),
            owner: self.owner.map(Into::into),
            created_at: self.created,
            assigned_at: self.owner.map(|_| self.assigned.unwrap_or(self.created)),
            moves: history(self.created, self.moves),
            orders: self.orders,
            follow_ups: self
                .follow_ups
                .into_iter()
                .map(|(at, who, kind)| FollowUpFact {
                    at,
                    consultant: who.map(Into::into),
                    kind,
                })
                .collect(),
            visits: self.visits,
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

fn visit(
    kind: VisitKind,
    booked: DateTime<Utc>,
    at: DateTime<Utc>,
    done: DateTime<Utc>,
) -> VisitFact {
    VisitFact {
        kind,
        booked_at: booked,
        scheduled_at: at,
        done_at: Some(done),
    }
}

/// A: online lead, the whole way to delivery in March, stage by stage (c001).
/// B: walk-in, talked to half an hour before being entered, visited at once (never invited),
///    a test drive, lost to a competitor on the 9th (c002).
/// C: online lead, contacted after 4 hours, dormant on the 17th (c001).
/// D: referral from February, ordered and delivered in March (c002): not in March's cohort.
/// E: online lead on the 26th, never contacted (c001).
/// F: hotline lead of April, unowned: in nothing.
/// G: referral entered without an owner on the 2nd, a receptionist's call half an hour
///    later, assigned to c001 an hour after entry and called by them an hour after that;
///    lost on price on the 22nd, reopened, a second lost request approved in April.
/// H: online lead on the 6th (c001), called after exactly 2 hours, an appointment made on
///    the 7th for the 9th, came, ordered the next day without a test drive.
fn book() -> Vec<CustomerFacts> {
    use FollowUpKind::*;
    use IntentLevel::*;
    vec![
        Customer {
            id: "A",
            channel: "online_platform",
            owner: Some("c001"),
            created: t(0, 0),
            assigned: None,
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
                (t(0, 1), Some("c001"), FirstContact),
                (t(2, 1), Some("c001"), StoreVisitInvitation),
                (t(6, 1), None, PriceNegotiation),
            ],
            visits: vec![visit(VisitKind::TestDrive, t(2, 1), t(4, 1), t(4, 2))],
            intents: vec![(t(0, 1), H), (t(10, 1), O)],
        },
        Customer {
            id: "B",
            channel: "showroom_walk_in",
            owner: Some("c002"),
            created: t(3, 0),
            assigned: None,
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
            follow_ups: vec![(t(3, 0) - Duration::minutes(30), Some("c002"), FirstContact)],
            visits: vec![visit(VisitKind::TestDrive, t(3, 0), t(3, 0), t(3, 1))],
            intents: vec![(t(3, 1), A)],
        },
        Customer {
            id: "C",
            channel: "online_platform",
            owner: Some("c001"),
            created: t(10, 0),
            assigned: None,
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
            follow_ups: vec![
                (t(10, 4), Some("c001"), NeedsDiscovery),
                (t(14, 0), Some("c002"), Other),
            ],
            visits: vec![],
            intents: vec![(t(10, 4), B), (t(15, 0), C)],
        },
        Customer {
            id: "D",
            channel: "referral",
            owner: Some("c002"),
            created: t(-5, 0),
            assigned: None,
            moves: vec![
                (to(Stage::Negotiating), t(-5, 1), false, false),
                (to(Stage::Ordered), t(1, 0), true, false),
                (to(Stage::Delivered), t(12, 0), true, true),
            ],
            orders: vec![order(t(1, 0), Some(t(12, 0)), 20_000_000)],
            follow_ups: vec![
                (t(-5, 1), Some("c002"), PriceNegotiation),
                (t(1, 0), Some("c002"), OrderDelivery),
            ],
            visits: vec![],
            intents: vec![(t(-5, 1), H), (t(1, 0), O)],
        },
        Customer {
            id: "E",
            channel: "online_platform",
            owner: Some("c001"),
            created: t(25, 0),
            assigned: None,
            moves: vec![],
            orders: vec![],
            follow_ups: vec![],
            visits: vec![],
            intents: vec![],
        },
        Customer {
            id: "F",
            channel: "phone_hotline",
            owner: None,
            created: t(40, 0),
            assigned: None,
            moves: vec![(to(Stage::Contacted), t(40, 1), false, false)],
            orders: vec![],
            follow_ups: vec![(t(40, 1), None, FirstContact)],
            visits: vec![],
            intents: vec![(t(40, 1), H)],
        },
        Customer {
            id: "G",
            channel: "referral",
            owner: Some("c001"),
            created: t(1, 0),
            assigned: Some(t(1, 1)),
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
            follow_ups: vec![
                (t(1, 0) + Duration::minutes(30), None, FirstContact),
                (t(1, 2), Some("c001"), NeedsDiscovery),
            ],
            visits: vec![],
            intents: vec![(t(1, 2), B)],
        },
        Customer {
            id: "H",
            channel: "online_platform",
            owner: Some("c001"),
            created: t(5, 0),
            assigned: None,
            moves: vec![
                (to(Stage::Contacted), t(5, 2), false, false),
                (to(Stage::Visited), t(8, 1), false, false),
                (to(Stage::Ordered), t(9, 0), true, false),
            ],
            orders: vec![order(t(9, 0), None, 12_000_000)],
            follow_ups: vec![(t(5, 2), Some("c001"), FirstContact)],
            visits: vec![visit(VisitKind::StoreVisit, t(6, 0), t(8, 0), t(8, 1))],
            intents: vec![(t(5, 2), A), (t(9, 0), O)],
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
    // A, B, C, E, G, H (D came in February, F in April).
    assert_eq!(report.cohort, 6);
    let column = |f: fn(&FunnelRow) -> u32| report.rows.iter().map(f).collect::<Vec<u32>>();
    // Got that far: all but E were contacted; A, B and H got to negotiating (H skipping over
    // it by ordering), A and H ordered, A took delivery.
    assert_eq!(column(|r| r.customers), [6, 5, 3, 3, 3, 3, 2, 1]);
    // Recorded as happening: B walked in (never invited: 1 invited skipped); H ordered
    // without a test drive or a negotiation (skipped both); H's invitation is its
    // appointment.
    assert_eq!(column(|r| r.reached), [6, 5, 2, 3, 2, 2, 2, 1]);
    assert_eq!(column(|r| r.skipped), [0, 0, 1, 0, 1, 1, 0, 0]);
    let conversion: Vec<Option<u32>> = report.rows.iter().map(|r| r.conversion_bp).collect();
    assert_eq!(
        conversion,
        [
            None,
            Some(8333),
            Some(6000),
            Some(10000),
            Some(10000),
            Some(10000),
            Some(6667),
            Some(5000)
        ]
    );
    let medians: Vec<Option<f64>> = report
        .rows
        .iter()
        .map(|r| r.median_days_from_previous)
        .collect();
    assert_eq!(medians[0], None);
    // Contacted after 0 h (B, talked to before being entered), 0.5 h (G), 1 h (A), 2 h (H),
    // 4 h (C): median 1 h.
    assert!(close(medians[1], 1.0 / 24.0));
    // Invited: B 0 (its visit covers it), H 22 h (the appointment), A 2 days.
    assert!(close(medians[2], 22.0 / 24.0));
    // Visited: B 0, A 2 days, H 2 days 1 h.
    assert!(close(medians[3], 2.0));
    // Test-driven: A 1 h, B 1 h, H 23 h (its order covers it).
    assert!(close(medians[4], 1.0 / 24.0));
    // Negotiating: H 0, A 47 h, B 47 h.
    assert!(close(medians[5], 47.0 / 24.0));
    // Ordered: H 0, A 4 days.
    assert!(close(medians[6], 2.0));
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
    let invited = &mine.rows[Stage::Invited.index()];
    assert_eq!(
        (invited.customers, invited.reached, invited.skipped),
        (1, 0, 1)
    );
    assert_eq!(mine.rows[Stage::Negotiating.index()].customers, 1);
    assert_eq!(mine.rows[Stage::Ordered.index()].conversion_bp, Some(0));

    // Before H's appointment was made (the 7th, 00:00): H is contacted only.
    let early = funnel_report(&book(), &ReportPeriod::new(t(0, 0), t(6, 0)));
    let h_only = funnel_report(
        &book()
            .into_iter()
            .filter(|c| c.id.as_str() == "H")
            .collect::<Vec<_>>(),
        &ReportPeriod::new(t(0, 0), t(6, 0)),
    );
    assert_eq!(
        h_only.rows.iter().map(|r| r.customers).collect::<Vec<_>>(),
        [1, 1, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(early.cohort, 4); // A, B, G, H
}

#[test]
fn the_channels_of_march() {
    let report = channel_report(&book(), &march());
    assert_eq!(report.rows.len(), CHANNEL_KINDS.len());
    let row = |k: &str| report.rows.iter().find(|r| r.channel == k).unwrap();
    let online = row("online_platform");
    // A, C, E, H: A and H visited, only A test-drove (H's order is no test drive).
    assert_eq!(
        (
            online.leads,
            online.visits,
            online.test_drives,
            online.orders,
            online.deliveries
        ),
        (4, 2, 1, 2, 1)
    );
    assert_eq!(online.conversion_bp, Some(2500));
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
        (
            total.leads,
            total.visits,
            total.test_drives,
            total.orders,
            total.deliveries
        ),
        (6, 3, 2, 2, 1)
    );
    assert_eq!(total.conversion_bp, Some(1667));
    assert_eq!(total.revenue_fen, 15_000_000);
}

/// A channel the dealership's kinds do not name (an older book's, or a stored one that no
/// longer parses) gets a row of its own after the kinds, the others alphabetically.
#[test]
fn channels_outside_the_kinds_follow_them_alphabetically() {
    let newcomer = |id: &'static str, channel: &'static str| {
        Customer {
            id,
            channel,
            owner: None,
            created: t(1, 0),
            assigned: None,
            moves: vec![],
            orders: vec![],
            follow_ups: vec![],
            visits: vec![],
            intents: vec![],
        }
        .facts()
    };
    let mut customers = book();
    customers.push(newcomer("X", "tv"));
    customers.push(newcomer("Y", "radio"));
    customers.push(newcomer("Z", "tv"));
    let report = channel_report(&customers, &march());
    let names: Vec<&str> = report.rows.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(&names[..CHANNEL_KINDS.len()], CHANNEL_KINDS);
    assert_eq!(&names[CHANNEL_KINDS.len()..], ["radio", "tv"]);
    let leads: Vec<u32> = report.rows[CHANNEL_KINDS.len()..]
        .iter()
        .map(|r| r.leads)
        .collect();
    assert_eq!(leads, [1, 2]);
    assert_eq!(report.total.leads, 6 + 3);
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
    let rows = consultant_report(&book(), &march(), Duration::hours(2));
    assert_eq!(rows.len(), 2);
    let c001 = &rows[0];
    assert_eq!(c001.consultant.as_deref(), Some("c001"));
    // A, C, E, G, H are new; E was never contacted.
    assert_eq!((c001.new_leads, c001.uncontacted), (5, 1));
    // From assignment: A 60 min, G 60 (assigned an hour after entry; the receptionist's
    // earlier call is no response of c001's), H 120, C 240: median 90.
    assert_eq!(c001.median_first_response_minutes, Some(90.0));
    // Due: the four answered and E (unanswered, its 2 hours long past); in time A, G and H
    // (exactly 2 hours counts).
    assert_eq!(
        (c001.first_responses_due, c001.first_responses_in_time),
        (5, 3)
    );
    assert_eq!(c001.first_response_in_time_bp, Some(6000));
    // A: 3 (one without a consultant counts for the owner), C: 1, G: 2, H: 1.
    assert_eq!(c001.follow_ups, 7);
    // A's and H's orders, A's delivery.
    assert_eq!(
        (c001.orders, c001.deliveries, c001.revenue_fen),
        (2, 1, 15_000_000)
    );
    let c002 = &rows[1];
    assert_eq!(c002.consultant.as_deref(), Some("c002"));
    assert_eq!((c002.new_leads, c002.uncontacted), (1, 0));
    // B was talked to before being entered: a response at entry, 0 minutes.
    assert_eq!(c002.median_first_response_minutes, Some(0.0));
    assert_eq!(c002.first_response_in_time_bp, Some(10_000));
    // B: 1, C (a colleague's customer): 1, D: 1 in March.
    assert_eq!(c002.follow_ups, 3);
    assert_eq!(
        (c002.orders, c002.deliveries, c002.revenue_fen),
        (1, 1, 20_000_000)
    );

    // A 30-minute deadline: none of c001's leads was answered in time.
    let strict = consultant_report(&book(), &march(), Duration::minutes(30));
    assert_eq!(
        (
            strict[0].first_responses_due,
            strict[0].first_responses_in_time
        ),
        (5, 0)
    );
    // E's deadline not yet passed when the period ends an hour after E came: not due.
    let before_e = ReportPeriod {
        consultant: Some("c001".into()),
        ..ReportPeriod::new(t(0, 0), t(25, 1))
    };
    let row = &consultant_report(&book(), &before_e, Duration::hours(2))[0];
    assert_eq!(
        (row.new_leads, row.uncontacted, row.first_responses_due),
        (5, 1, 4)
    );
    assert_eq!(row.first_response_in_time_bp, Some(7500));

    let only = consultant_report(
        &book(),
        &ReportPeriod {
            consultant: Some("c009".into()),
            ..march()
        },
        Duration::hours(2),
    );
    assert_eq!(only.len(), 1);
    assert_eq!((only[0].new_leads, only[0].follow_ups), (0, 0));
    assert_eq!(only[0].median_first_response_minutes, None);
    assert_eq!(only[0].first_response_in_time_bp, None);
}

#[test]
fn the_intent_levels_of_march() {
    use IntentLevel::*;
    let report = intent_report(&book(), &march());
    // Open at the end of March: E (N), G (B, its lost request pending) and H (O, ordered).
    assert_eq!(report.open_customers, 3);
    let dist: Vec<(IntentLevel, u32, u32)> = report
        .distribution
        .iter()
        .map(|r| (r.level, r.customers, r.share_bp))
        .collect();
    assert_eq!(
        dist,
        [
            (N, 1, 3334),
            (H, 0, 0),
            (A, 0, 0),
            (B, 1, 3333),
            (C, 0, 0),
            (O, 1, 3333)
        ]
    );
    let moves: Vec<(IntentLevel, IntentLevel, u32)> = report
        .movement
        .iter()
        .map(|r| (r.from, r.to, r.customers))
        .collect();
    assert_eq!(
        moves,
        [(N, A, 1), (N, B, 1), (N, C, 1), (N, O, 2), (H, O, 1)]
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

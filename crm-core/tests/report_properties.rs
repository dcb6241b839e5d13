//! Properties of the reports over random books of believable customers: counts that add up,
//! shares that sum to 100 %, reports that agree with each other and with naive recounts.
#![cfg(feature = "proptest")]

use chrono::Duration;
use crm_core::report::{percent_bp, shares_bp};
use crm_core::strategies::{pipeline::*, time::*};
use crm_core::*;
use proptest::prelude::*;

const DAYS: i64 = 120;

fn book() -> impl Strategy<Value = Vec<CustomerFacts>> {
    prop::collection::vec(
        customer_facts(reference_now() - Duration::days(DAYS), DAYS),
        0..40,
    )
}

fn period() -> impl Strategy<Value = ReportPeriod> {
    report_period(reference_now() - Duration::days(DAYS), DAYS)
}

/// The first-response deadline the properties use, unless they vary it.
fn two_hours() -> Duration {
    Duration::hours(2)
}

/// Naively: did the pipeline pass `stage` before the period's end?
fn passed(c: &CustomerFacts, stage: Stage, p: &ReportPeriod) -> bool {
    stage == Stage::NewLead || c.moves.iter().any(|m| m.stage >= stage && m.at < p.to)
}

/// Naively: is there a record, before the period's end, that `stage` happened?
fn recorded(c: &CustomerFacts, stage: Stage, p: &ReportPeriod) -> bool {
    let before = |at: chrono::DateTime<chrono::Utc>| at < p.to;
    let landed = c.moves.iter().any(|m| {
        m.stage == stage
            && before(m.at)
            && [MoveKind::Advance, MoveKind::StepBack, MoveKind::Reopen].contains(&m.kind)
    });
    let follow_up = |kind: Option<FollowUpKind>| {
        c.follow_ups
            .iter()
            .any(|f| before(f.at) && kind.is_none_or(|k| f.kind == k))
    };
    let done = |kind: Option<VisitKind>| {
        c.visits
            .iter()
            .any(|v| v.done_at.is_some_and(before) && kind.is_none_or(|k| v.kind == k))
    };
    landed
        || match stage {
            Stage::NewLead => true,
            Stage::Contacted => follow_up(None),
            Stage::Invited => {
                follow_up(Some(FollowUpKind::StoreVisitInvitation))
                    || c.visits
                        .iter()
                        .any(|v| v.booked_at < v.scheduled_at && before(v.booked_at))
            }
            Stage::Visited => done(None),
            Stage::TestDriven => done(Some(VisitKind::TestDrive)),
            Stage::Negotiating => follow_up(Some(FollowUpKind::PriceNegotiation)),
            Stage::Ordered => c.orders.iter().any(|o| before(o.ordered_at)),
            Stage::Delivered => c.orders.iter().any(|o| o.delivered_at.is_some_and(before)),
        }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_funnel_narrows_and_matches_a_naive_recount(book in book(), p in period()) {
        let report = funnel_report(&book, &p);
        let cohort: Vec<&CustomerFacts> = book.iter().filter(|c| p.in_cohort(c)).collect();
        prop_assert_eq!(report.cohort as usize, cohort.len());
        prop_assert_eq!(report.rows.len(), Stage::ALL.len());
        for (row, stage) in report.rows.iter().zip(Stage::ALL) {
            prop_assert_eq!(row.stage, *stage);
            let so_far = |c: &&&CustomerFacts| {
                Stage::ALL.iter().filter(|s| *s >= stage).any(|s| recorded(c, *s, &p))
            };
            prop_assert_eq!(row.customers as usize, cohort.iter().filter(so_far).count());
            let reached = cohort.iter().filter(|c| recorded(c, *stage, &p)).count();
            prop_assert_eq!(row.reached as usize, reached);
            prop_assert_eq!(row.reached + row.skipped, row.customers);
            // Whatever the pipeline passed is counted: a jump lands on a later stage.
            for c in &cohort {
                prop_assert!(!passed(c, *stage, &p) || so_far(&c));
            }
        }
        for pair in report.rows.windows(2) {
            prop_assert!(pair[1].customers <= pair[0].customers);
            prop_assert_eq!(pair[1].conversion_bp, percent_bp(pair[1].customers.into(), pair[0].customers.into()));
            prop_assert!(pair[1].conversion_bp.unwrap_or(0) <= 10_000);
            prop_assert!(pair[1].median_days_from_previous.unwrap_or(0.0) >= 0.0);
            prop_assert_eq!(pair[1].median_days_from_previous.is_some(), pair[1].customers > 0);
        }
        prop_assert!(report.lost + report.dormant + report.pending <= report.cohort);
    }

    #[test]
    fn channel_rows_sum_to_the_total_and_agree_with_the_funnel(book in book(), p in period()) {
        let report = channel_report(&book, &p);
        let funnel = funnel_report(&book, &p);
        let total = &report.total;
        let sum = |f: fn(&ChannelRow) -> u32| report.rows.iter().map(f).sum::<u32>();
        prop_assert_eq!(sum(|r| r.leads), total.leads);
        prop_assert_eq!(sum(|r| r.visits), total.visits);
        prop_assert_eq!(sum(|r| r.test_drives), total.test_drives);
        prop_assert_eq!(sum(|r| r.orders), total.orders);
        prop_assert_eq!(sum(|r| r.deliveries), total.deliveries);
        prop_assert_eq!(report.rows.iter().map(|r| r.revenue_fen).sum::<i64>(), total.revenue_fen);
        let at = |s: Stage| funnel.rows[s.index()].reached;
        prop_assert_eq!(total.leads, funnel.cohort);
        prop_assert_eq!(total.visits, at(Stage::Visited));
        prop_assert_eq!(total.test_drives, at(Stage::TestDriven));
        prop_assert_eq!(total.orders, at(Stage::Ordered));
        prop_assert_eq!(total.deliveries, at(Stage::Delivered));
        for row in report.rows.iter().chain([total]) {
            // Counted as they happened: a test drive done is a visit, a delivery an order,
            // but an order need not follow a test drive, nor a test drive a recorded visit.
            prop_assert!(row.leads >= row.visits && row.leads >= row.test_drives);
            prop_assert!(row.leads >= row.orders && row.orders >= row.deliveries);
            prop_assert_eq!(row.conversion_bp, percent_bp(row.deliveries.into(), row.leads.into()));
            prop_assert_eq!(row.median_days_to_close.is_some(), row.deliveries > 0);
            prop_assert!(row.revenue_fen >= 0);
        }
        // Each channel's row is the funnel of that channel's customers.
        for row in &report.rows {
            let mine: Vec<CustomerFacts> = book.iter().filter(|c| c.channel == row.channel).cloned().collect();
            let f = funnel_report(&mine, &p);
            prop_assert_eq!(row.leads, f.cohort);
            prop_assert_eq!(row.deliveries, f.rows[Stage::Delivered.index()].reached);
            prop_assert_eq!(row.visits, f.rows[Stage::Visited.index()].reached);
        }
    }

    #[test]
    fn a_consultant_filter_is_the_report_of_their_customers(book in book(), p in period(), who in prop::sample::select(CONSULTANTS)) {
        let mine = ReportPeriod { consultant: Some(who.into()), ..p.clone() };
        let theirs: Vec<CustomerFacts> = book.iter().filter(|c| c.owner.as_deref() == Some(who)).cloned().collect();
        let everyone = ReportPeriod { consultant: None, ..p.clone() };
        prop_assert_eq!(funnel_report(&book, &mine), funnel_report(&theirs, &everyone));
        prop_assert_eq!(channel_report(&book, &mine), channel_report(&theirs, &everyone));
        prop_assert_eq!(lost_report(&book, &mine), lost_report(&theirs, &everyone));
        prop_assert_eq!(intent_report(&book, &mine), intent_report(&theirs, &everyone));
        let all = consultant_report(&book, &everyone, two_hours());
        let row = consultant_report(&book, &mine, two_hours());
        prop_assert_eq!(row.len(), 1);
        if let Some(same) = all.iter().find(|r| r.consultant.as_deref() == Some(who)) {
            prop_assert_eq!(&row[0], same);
        } else {
            prop_assert_eq!((row[0].new_leads, row[0].follow_ups, row[0].orders, row[0].deliveries), (0, 0, 0, 0));
        }
    }

    #[test]
    fn lost_shares_sum_to_one_hundred_percent(book in book(), p in period()) {
        let p = ReportPeriod { consultant: None, ..p };
        let report = lost_report(&book, &p);
        let naive = book.iter().flat_map(|c| &c.moves)
            .filter(|m| m.to == PipelineStatus::Lost && p.contains(m.at)).count();
        prop_assert_eq!(report.total as usize, naive);
        prop_assert_eq!(report.by_reason.iter().map(|r| r.count).sum::<u32>(), report.total);
        prop_assert_eq!(report.by_competitor.iter().map(|r| r.count).sum::<u32>(), report.with_competitor);
        let shares = |v: Vec<u32>, whole: u32| if whole > 0 { v.iter().sum::<u32>() == 10_000 } else { v.iter().all(|s| *s == 0) };
        prop_assert!(shares(report.by_reason.iter().map(|r| r.share_bp).collect(), report.total));
        prop_assert!(shares(report.by_competitor.iter().map(|r| r.share_bp).collect(), report.with_competitor));
        prop_assert!(report.by_competitor.windows(2).all(|w| w[0].count >= w[1].count));
    }

    #[test]
    fn consultant_rows_add_up_to_the_books_activity(book in book(), p in period()) {
        let p = ReportPeriod { consultant: None, ..p };
        let rows = consultant_report(&book, &p, two_hours());
        let new: usize = book.iter().filter(|c| p.contains(c.created_at)).count();
        let follow_ups: usize = book.iter().flat_map(|c| &c.follow_ups).filter(|f| p.contains(f.at)).count();
        let deliveries: usize = book.iter().flat_map(|c| &c.orders)
            .filter(|o| o.delivered_at.is_some_and(|at| p.contains(at))).count();
        prop_assert_eq!(rows.iter().map(|r| r.new_leads as usize).sum::<usize>(), new);
        prop_assert_eq!(rows.iter().map(|r| r.follow_ups as usize).sum::<usize>(), follow_ups);
        prop_assert_eq!(rows.iter().map(|r| r.deliveries as usize).sum::<usize>(), deliveries);
        for r in &rows {
            prop_assert!(r.uncontacted <= r.new_leads);
            prop_assert!(r.first_responses_in_time <= r.first_responses_due);
            prop_assert!(r.first_responses_due <= r.new_leads);
            prop_assert_eq!(
                r.first_response_in_time_bp,
                percent_bp(r.first_responses_in_time.into(), r.first_responses_due.into())
            );
            // An answered lead is due; a median needs one.
            prop_assert!(r.median_first_response_minutes.is_none() || r.first_responses_due > 0);
            prop_assert!(r.median_first_response_minutes.unwrap_or(0.0) >= 0.0);
        }
    }

    #[test]
    fn a_longer_deadline_answers_more_in_time(
        book in book(),
        p in period(),
        minutes in (1i64..600, 0i64..3000),
    ) {
        let p = ReportPeriod { consultant: None, ..p };
        let short = consultant_report(&book, &p, Duration::minutes(minutes.0));
        let long = consultant_report(&book, &p, Duration::minutes(minutes.0 + minutes.1));
        prop_assert_eq!(short.len(), long.len());
        for (s, l) in short.iter().zip(&long) {
            prop_assert_eq!(&s.consultant, &l.consultant);
            prop_assert_eq!(s.median_first_response_minutes, l.median_first_response_minutes);
            prop_assert!(s.first_responses_in_time <= l.first_responses_in_time);
            // A later deadline may leave more unanswered leads not due yet, never more due.
            prop_assert!(s.first_responses_due >= l.first_responses_due);
            let late = |r: &ConsultantRow| r.first_responses_due - r.first_responses_in_time;
            prop_assert!(late(s) >= late(l));
        }
    }

    #[test]
    fn intent_shares_sum_to_one_hundred_percent(book in book(), p in period()) {
        let report = intent_report(&book, &p);
        prop_assert_eq!(report.distribution.iter().map(|r| r.customers).sum::<u32>(), report.open_customers);
        let shares: u32 = report.distribution.iter().map(|r| r.share_bp).sum();
        prop_assert_eq!(shares, if report.open_customers > 0 { 10_000 } else { 0 });
        let existing = book.iter().filter(|c| c.created_at < p.to).count();
        prop_assert!(report.movement.iter().map(|r| r.customers as usize).sum::<usize>() <= existing);
        prop_assert!(report.movement.iter().all(|r| r.from != r.to && r.customers > 0));
    }

    #[test]
    fn shares_add_up_and_stay_within_a_basis_point(counts in prop::collection::vec(0u32..1000, 0..12)) {
        let shares = shares_bp(&counts);
        let total: u64 = counts.iter().map(|c| u64::from(*c)).sum();
        prop_assert_eq!(shares.len(), counts.len());
        if total == 0 {
            prop_assert!(shares.iter().all(|s| *s == 0));
        } else {
            prop_assert_eq!(shares.iter().sum::<u32>(), 10_000);
            for (s, c) in shares.iter().zip(&counts) {
                let exact = f64::from(*c) * 10_000.0 / total as f64;
                prop_assert!((f64::from(*s) - exact).abs() < 1.0);
            }
        }
    }
}

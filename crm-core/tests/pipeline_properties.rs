//! Property tests of the pipeline state machine: random move sequences, driven the way a
//! store drives them ([`PipelineDriver`]), and random moves with arbitrary facts.
#![cfg(feature = "proptest")]

use chrono::Duration;
use crm_core::pipeline::time_in_status;
use crm_core::strategies::{pipeline::*, time::*};
use crm_core::*;
use proptest::prelude::*;

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The rule table of `crm_core::pipeline`, written out as one predicate: does it allow `mv`?
fn table_allows(s: &PipelineState, mv: &Move, f: &PipelineFacts) -> bool {
    if f.at < s.since || s.stage == Stage::Delivered {
        return false;
    }
    let active = s.side.is_none();
    let pending = s.pending().is_some();
    let aside = matches!(s.status(), PipelineStatus::Lost | PipelineStatus::Dormant);
    let before_orders = s.stage < Stage::Ordered;
    match mv {
        Move::Advance { to } => {
            active
                && *to > s.stage
                && (*to != Stage::Delivered || s.stage == Stage::Ordered)
                && (*to < Stage::Ordered || f.has_active_order)
                && (*to != Stage::Delivered || f.has_delivery)
        }
        Move::StepBack { to, note } => {
            active && s.stage > Stage::NewLead && before_orders && *to < s.stage && !blank(note)
        }
        Move::RequestLost(r) => {
            active
                && before_orders
                && (r.reason != LostReason::BoughtCompetitor
                    || r.competitor.as_deref().is_some_and(|c| !blank(c)))
                && (r.reason != LostReason::Other || r.note.as_deref().is_some_and(|n| !blank(n)))
        }
        Move::RequestDormant(r) => {
            active
                && before_orders
                && (r.reason != DormantReason::Other
                    || r.note.as_deref().is_some_and(|n| !blank(n)))
                && r.wake_on.is_none_or(|on| {
                    on >= f.today && (on - f.today).num_days() <= Limits::PLAN_HORIZON_DAYS as i64
                })
        }
        Move::Withdraw => pending,
        Move::Approve { manager } | Move::Reject { manager, .. } => pending && !blank(manager),
        Move::Reopen { to, .. } => {
            aside && to.unwrap_or(Stage::Contacted) <= s.stage.max(Stage::Contacted)
        }
        Move::CancelOrder { reason } => {
            active && s.stage == Stage::Ordered && !f.has_active_order && !blank(reason)
        }
    }
}

/// A driver after a random script.
fn driven() -> impl Strategy<Value = PipelineDriver> {
    pipeline_script(30).prop_map(|script| {
        let mut d = PipelineDriver::new(reference_now());
        d.run(&script);
        d
    })
}

/// Arbitrary facts for a move some minutes (maybe negative) after `since`.
fn any_facts() -> impl Strategy<Value = (i64, bool, bool)> {
    (-30i64..3000, any::<bool>(), any::<bool>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn allowed_moves_keep_the_state_consistent(script in pipeline_script(40)) {
        let mut d = PipelineDriver::new(reference_now());
        let mut at = d.created_at;
        for (mv, minutes, revenue) in &script {
            at += Duration::minutes(*minutes);
            let before = d.state.clone();
            let facts = {
                let mut probe = d.clone();
                // The facts the driver will present, found by a dry run of its writes.
                match probe.step(mv, at, *revenue) {
                    Ok(_) => probe.facts(at),
                    Err(_) => continue,
                }
            };
            let t = d.step(mv, at, *revenue).unwrap();
            prop_assert!(table_allows(&before, mv, &facts), "{:?} from {:?}", mv, before);
            let (s, r) = (&t.state, &t.record);
            // The record describes the move exactly.
            prop_assert_eq!(r.kind, mv.kind());
            prop_assert_eq!(r.from, before.status());
            prop_assert_eq!(r.to, s.status());
            prop_assert_eq!(r.stage, s.stage);
            prop_assert_eq!(r.at, s.since);
            prop_assert_eq!(&t.state, &d.state);
            // Set aside only before orders; a request always has its stage to return to.
            if s.side.is_some() {
                prop_assert!(s.stage <= Stage::Negotiating);
            }
            // Lost and dormant only by a manager's approval of the matching request.
            match s.status() {
                PipelineStatus::Lost => {
                    prop_assert_eq!(r.kind, MoveKind::Approve);
                    prop_assert_eq!(r.from, PipelineStatus::LostRequested);
                }
                PipelineStatus::Dormant => {
                    prop_assert_eq!(r.kind, MoveKind::Approve);
                    prop_assert_eq!(r.from, PipelineStatus::DormantRequested);
                }
                _ => {}
            }
            // Ordered has a live order; delivered has a delivered one and came from ordered.
            let live = d.orders.iter().filter(|o| o.cancelled_at.is_none());
            if s.status() == PipelineStatus::InStage(Stage::Ordered) {
                prop_assert!(live.clone().count() > 0);
            }
            if s.stage == Stage::Delivered {
                prop_assert!(s.side.is_none());
                prop_assert!(live.clone().any(|o| o.delivered_at.is_some()));
                prop_assert_eq!(r.from, PipelineStatus::InStage(Stage::Ordered));
            }
        }
        // Replaying the records gives the final state.
        prop_assert_eq!(replay(d.created_at, &d.records), Ok(d.state.clone()));
    }

    #[test]
    fn apply_follows_the_rule_table_and_a_refused_move_changes_nothing(
        d in driven(),
        mv in pipeline_move(),
        (minutes, order, delivery) in any_facts(),
    ) {
        let at = d.state.since + Duration::minutes(minutes);
        let facts = PipelineFacts {
            at,
            today: at.date_naive(),
            actor: Some("c001".into()),
            has_active_order: order,
            has_delivery: delivery,
        };
        let before = d.state.clone();
        let result = apply(&d.state, &mv, &facts);
        prop_assert_eq!(&d.state, &before);
        prop_assert_eq!(result.is_ok(), table_allows(&before, &mv, &facts), "{:?} from {:?}: {:?}", mv, before, result);
        // Through the driver, a refused move leaves state, records and orders as they were.
        let mut driver = d.clone();
        if driver.step(&mv, facts.at, 1).is_err() {
            prop_assert_eq!(driver, d);
        }
    }

    #[test]
    fn approve_reject_and_withdraw_need_a_pending_request(
        d in driven(),
        mv in prop_oneof![
            Just(Move::Withdraw),
            Just(Move::Approve { manager: "m01".into() }),
            Just(Move::Reject { manager: "m01".into(), reassign_to: None, note: None }),
        ],
        minutes in 0i64..100,
    ) {
        let at = d.state.since + Duration::minutes(minutes);
        let facts = PipelineFacts {
            at,
            today: at.date_naive(),
            actor: None,
            has_active_order: false,
            has_delivery: false,
        };
        let result = apply(&d.state, &mv, &facts);
        prop_assert_eq!(result.is_ok(), d.state.pending().is_some());
        if let Ok(t) = result {
            prop_assert_eq!(t.state.stage, d.state.stage);
            prop_assert!(t.state.pending().is_none());
        }
    }

    #[test]
    fn time_in_status_adds_up_to_the_time_elapsed(d in driven(), extra in 0i64..10_000) {
        let until = d.state.since + Duration::minutes(extra);
        let total: i64 = time_in_status(d.created_at, &d.records, until).iter().map(|t| t.millis).sum();
        prop_assert_eq!(total, (until - d.created_at).num_milliseconds());
        prop_assert_eq!(status_at(&d.records, until + Duration::milliseconds(1)), d.state.status());
    }

    #[test]
    fn records_states_and_moves_round_trip_through_json(d in driven(), mv in pipeline_move()) {
        let json = serde_json::to_string(&d.records).unwrap();
        prop_assert_eq!(serde_json::from_str::<Vec<StageMove>>(&json).unwrap(), d.records.clone());
        let json = serde_json::to_string(&d.state).unwrap();
        prop_assert_eq!(serde_json::from_str::<PipelineState>(&json).unwrap(), d.state.clone());
        let json = serde_json::to_string(&mv).unwrap();
        prop_assert_eq!(serde_json::from_str::<Move>(&json).unwrap(), mv);
    }

    #[test]
    fn a_history_with_a_record_out_of_step_does_not_replay(d in driven(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!d.records.is_empty());
        let i = pick.index(d.records.len());
        let mut broken = d.records.clone();
        broken[i].from = match broken[i].from {
            PipelineStatus::Lost => PipelineStatus::Dormant,
            _ => PipelineStatus::Lost,
        };
        prop_assert_eq!(replay(d.created_at, &broken), Err(HistoryError { index: i }));
    }
}

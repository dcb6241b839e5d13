//! What happened at each funnel stage: the first record that a stage took place, as opposed
//! to the pipeline passing over it. A jump (a walk-in advanced straight to visited, an order
//! placed after a visit) moves the pipeline past the stages between without them happening;
//! the funnel counts those customers as having *skipped* the stage, not reached it.

use super::facts::CustomerFacts;
use crate::follow_up::FollowUpKind;
use crate::pipeline::{MoveKind, Stage};
use crate::vehicle::VisitKind;
use chrono::{DateTime, Utc};

/// When each stage (indexed by [`Stage::index`]) was first recorded as having happened:
///
/// | stage | records |
/// | --- | --- |
/// | new lead | the customer's creation |
/// | contacted | any follow-up |
/// | invited | a store-visit invitation follow-up (邀约到店); an appointment, at its booking ([`super::VisitFact::is_appointment`]) |
/// | visited | a visit done, either kind (a test drive is taken at the store) |
/// | test-driven | a test drive done |
/// | negotiating | a price-negotiation follow-up (价格洽谈) |
/// | ordered | an order placed (cancelled later or not) |
/// | delivered | an order delivered |
///
/// And for every stage: a pipeline move that lands on it by the consultant's choice
/// (advance, step back, reopen: their `stage`), which for a jump is the stage jumped to
/// only. Moves that keep the stage (requests, approvals, rejections, withdrawals) or follow
/// an order's cancellation record nothing. Like the pipeline, a record is never taken back.
pub fn recorded_stages(c: &CustomerFacts) -> [Option<DateTime<Utc>>; 8] {
    let mut first = [None; 8];
    let mut record = |stage: Stage, at: DateTime<Utc>| {
        let slot: &mut Option<DateTime<Utc>> = &mut first[stage.index()];
        *slot = Some(slot.map_or(at, |t| t.min(at)));
    };
    record(Stage::NewLead, c.created_at);
    for m in &c.moves {
        if matches!(
            m.kind,
            MoveKind::Advance | MoveKind::StepBack | MoveKind::Reopen
        ) {
            record(m.stage, m.at);
        }
    }
    for f in &c.follow_ups {
        record(Stage::Contacted, f.at);
        match f.kind {
            FollowUpKind::StoreVisitInvitation => record(Stage::Invited, f.at),
            FollowUpKind::PriceNegotiation => record(Stage::Negotiating, f.at),
            _ => {}
        }
    }
    for v in &c.visits {
        if v.is_appointment() {
            record(Stage::Invited, v.booked_at);
        }
        if let Some(at) = v.done_at {
            record(Stage::Visited, at);
            if v.kind == VisitKind::TestDrive {
                record(Stage::TestDriven, at);
            }
        }
    }
    for o in &c.orders {
        record(Stage::Ordered, o.ordered_at);
        if let Some(at) = o.delivered_at {
            record(Stage::Delivered, at);
        }
    }
    first
}

/// Days from `from` to `to`, both milliseconds (as [`crate::pipeline::days_between`] on
/// instants).
pub fn days_between_ms(from: i64, to: i64) -> f64 {
    (to - from) as f64 / 86_400_000.0
}

/// How far a customer got, from the instants (milliseconds) each stage after new lead was
/// first recorded (`recorded[i]` for stage `i + 1`, only those that count, e.g. before a
/// report's end): for each stage, when the customer first got at least that far (a record
/// of it or of a later stage; none before `created`, the new lead's own record), and whether
/// the stage itself has a record. A pipeline jump records the stage it lands on, so every
/// stage the pipeline passes is covered by a later record.
pub fn stage_progress(created: i64, recorded: [Option<i64>; 7]) -> ([Option<i64>; 8], [bool; 8]) {
    let mut passed = [None; 8];
    passed[0] = Some(created);
    let mut earliest: Option<i64> = None;
    for i in (1..8).rev() {
        earliest = match (earliest, recorded[i - 1]) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        passed[i] = earliest.map(|at| at.max(created));
    }
    let mut reached = [true; 8];
    for (r, at) in reached.iter_mut().skip(1).zip(recorded) {
        *r = at.is_some();
    }
    (passed, reached)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{apply, Move, PipelineFacts, PipelineState};
    use crate::report::{FollowUpFact, OrderFact, VisitFact};
    use chrono::Duration;

    fn at(hours: i64) -> DateTime<Utc> {
        "2026-03-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::hours(hours)
    }

    /// A customer created at hour 0 with the moves (move, hour, an order active).
    fn customer(moves: &[(Move, i64, bool)]) -> CustomerFacts {
        let mut state = PipelineState::new_lead(at(0));
        let mut records = Vec::new();
        for (mv, hour, order) in moves {
            let facts = PipelineFacts {
                at: at(*hour),
                actor: None,
                has_active_order: *order,
                has_delivery: false,
                today: at(*hour).date_naive(),
            };
            let t = apply(&state, mv, &facts).unwrap();
            state = t.state;
            records.push(t.record);
        }
        CustomerFacts {
            id: "c".into(),
            channel: "showroom_walk_in".into(),
            owner: None,
            created_at: at(0),
            assigned_at: None,
            moves: records,
            orders: Vec::new(),
            follow_ups: Vec::new(),
            visits: Vec::new(),
            initial_intent: crate::follow_up::IntentLevel::N,
            intent_changes: Vec::new(),
        }
    }

    #[test]
    fn a_jump_records_only_the_stage_it_lands_on() {
        let advance = |to| Move::Advance { to };
        let c = customer(&[
            (advance(Stage::Visited), 1, false),
            (advance(Stage::Ordered), 5, true),
            (
                Move::CancelOrder {
                    reason: "客户退订".into(),
                },
                6,
                false,
            ),
            (
                Move::StepBack {
                    to: Stage::Contacted,
                    note: "阶段选错了".into(),
                },
                7,
                false,
            ),
        ]);
        let r = recorded_stages(&c);
        // The cancellation's return to negotiating is no negotiation; the step back is the
        // consultant's word that the customer is (was) contacted.
        assert_eq!(
            r,
            [
                Some(at(0)),
                Some(at(7)),
                None,
                Some(at(1)),
                None,
                None,
                Some(at(5)),
                None
            ]
        );
    }

    #[test]
    fn visits_follow_ups_and_orders_record_their_stages() {
        let mut c = customer(&[]);
        let visit = |kind, booked, scheduled, done: Option<i64>| VisitFact {
            kind,
            booked_at: at(booked),
            scheduled_at: at(scheduled),
            done_at: done.map(at),
        };
        c.visits = vec![
            // A walk-in recorded on the spot: a visit, no invitation.
            visit(VisitKind::StoreVisit, 3, 3, Some(3)),
            // An appointment made at 4 for 30, a no-show: an invitation only.
            visit(VisitKind::TestDrive, 4, 30, None),
            // A test drive entered after the fact: visited and test-driven.
            visit(VisitKind::TestDrive, 12, 10, Some(10)),
        ];
        c.follow_ups = vec![
            FollowUpFact {
                at: at(2),
                consultant: None,
                kind: FollowUpKind::StoreVisitInvitation,
            },
            FollowUpFact {
                at: at(20),
                consultant: None,
                kind: FollowUpKind::PriceNegotiation,
            },
        ];
        c.orders = vec![OrderFact {
            ordered_at: at(22),
            cancelled_at: Some(at(23)),
            delivered_at: None,
            revenue_fen: 0,
        }];
        let r = recorded_stages(&c);
        assert_eq!(
            r,
            [
                Some(at(0)),
                Some(at(2)),
                Some(at(2)),
                Some(at(3)),
                Some(at(10)),
                Some(at(20)),
                Some(at(22)),
                None
            ]
        );
        assert!(!c.visits[0].is_appointment() && c.visits[1].is_appointment());
    }

    #[test]
    fn days_agree_with_the_pipeline() {
        let (a, b) = (at(0), at(75) + Duration::milliseconds(7));
        assert_eq!(
            days_between_ms(a.timestamp_millis(), b.timestamp_millis()),
            crate::pipeline::days_between(a, b)
        );
    }

    #[test]
    fn a_later_record_covers_the_stages_before_it() {
        // Contacted at 5, ordered at 9 (a jump over invited … negotiating), nothing else.
        let (passed, reached) = stage_progress(0, [Some(5), None, None, None, None, Some(9), None]);
        assert_eq!(
            passed,
            [
                Some(0),
                Some(5),
                Some(9),
                Some(9),
                Some(9),
                Some(9),
                Some(9),
                None
            ]
        );
        assert_eq!(
            reached,
            [true, true, false, false, false, false, true, false]
        );
    }

    #[test]
    fn records_before_creation_count_from_creation() {
        let (passed, _) = stage_progress(10, [Some(4), None, None, None, None, None, None]);
        assert_eq!(passed[1], Some(10));
        // A later stage recorded earlier than an earlier one: the earlier is passed by then.
        let (passed, _) = stage_progress(0, [Some(8), Some(3), None, None, None, None, None]);
        assert_eq!((passed[1], passed[2]), (Some(3), Some(3)));
    }
}

//! The pipeline's rules, move by move: hand-written scenarios.

use chrono::{DateTime, Duration, Utc};
use crm_core::pipeline::{days_between_stages, first_reached, time_in_status};
use crm_core::*;

fn t0() -> DateTime<Utc> {
    "2026-03-02T01:00:00Z".parse().unwrap()
}

fn facts(hours: i64) -> PipelineFacts {
    let at = t0() + Duration::hours(hours);
    PipelineFacts {
        at,
        today: at.date_naive(),
        actor: Some("c001".into()),
        has_active_order: false,
        has_delivery: false,
    }
}

fn with_order(hours: i64, delivered: bool) -> PipelineFacts {
    PipelineFacts {
        has_active_order: true,
        has_delivery: delivered,
        ..facts(hours)
    }
}

fn advance(to: Stage) -> Move {
    Move::Advance { to }
}

fn lost(reason: LostReason, competitor: Option<&str>) -> Move {
    Move::RequestLost(LostRequest {
        reason,
        competitor: competitor.map(Into::into),
        note: None,
    })
}

/// Applies every move in turn and returns the final transition and all records.
fn run(moves: &[(Move, PipelineFacts)]) -> (PipelineState, Vec<StageMove>) {
    let mut state = PipelineState::new_lead(t0());
    let mut records = Vec::new();
    for (mv, f) in moves {
        let t = apply(&state, mv, f).unwrap_or_else(|e| panic!("{mv:?}: {e}"));
        state = t.state;
        records.push(t.record);
    }
    (state, records)
}

#[test]
fn a_walk_in_is_visited_at_once_and_reaches_the_stages_it_skipped() {
    let (state, records) = run(&[(advance(Stage::Visited), facts(0))]);
    assert_eq!(state.status(), PipelineStatus::InStage(Stage::Visited));
    let reached = first_reached(t0(), &records);
    assert!(reached[..=Stage::Visited.index()]
        .iter()
        .all(|at| *at == Some(t0())));
    assert_eq!(reached[Stage::TestDriven.index()], None);
    assert_eq!(
        days_between_stages(t0(), &records)[..3],
        [Some(0.0), Some(0.0), Some(0.0)]
    );
}

#[test]
fn ordered_needs_an_active_order_and_delivered_needs_ordered_and_a_delivery() {
    let (state, _) = run(&[(advance(Stage::Negotiating), facts(1))]);
    let at = |h| facts(h);
    assert_eq!(
        apply(&state, &advance(Stage::Ordered), &at(2)),
        Err(PipelineError::NoActiveOrder)
    );
    assert_eq!(
        apply(&state, &advance(Stage::Delivered), &with_order(2, true)),
        Err(PipelineError::NotToStage {
            kind: MoveKind::Advance,
            from: Stage::Negotiating,
            to: Stage::Delivered
        })
    );
    let ordered = apply(&state, &advance(Stage::Ordered), &with_order(2, false))
        .unwrap()
        .state;
    assert_eq!(
        apply(&ordered, &advance(Stage::Delivered), &with_order(3, false)),
        Err(PipelineError::NoDelivery)
    );
    assert_eq!(
        apply(&ordered, &advance(Stage::Delivered), &at(3)),
        Err(PipelineError::NoActiveOrder)
    );
    let won = apply(&ordered, &advance(Stage::Delivered), &with_order(3, true)).unwrap();
    assert_eq!(
        won.entry,
        TimelineEntry::StageMoved {
            from: Stage::Ordered,
            to: Stage::Delivered,
            note: None
        }
    );
    for mv in [
        lost(LostReason::Price, None),
        Move::CancelOrder {
            reason: "退车".into(),
        },
        Move::Withdraw,
    ] {
        assert_eq!(
            apply(&won.state, &mv, &with_order(4, true)),
            Err(PipelineError::Ended)
        );
    }
}

#[test]
fn advances_go_forward_and_step_backs_need_a_note_and_stay_out_of_orders() {
    let (state, _) = run(&[(advance(Stage::TestDriven), facts(1))]);
    assert!(matches!(
        apply(&state, &advance(Stage::Visited), &facts(2)),
        Err(PipelineError::NotToStage { .. })
    ));
    assert!(matches!(
        apply(&state, &advance(Stage::TestDriven), &facts(2)),
        Err(PipelineError::NotToStage { .. })
    ));
    let blank = Move::StepBack {
        to: Stage::Visited,
        note: "  ".into(),
    };
    match apply(&state, &blank, &facts(2)) {
        Err(PipelineError::Invalid(e)) => assert_eq!(e.field, "note"),
        other => panic!("{other:?}"),
    }
    let back = Move::StepBack {
        to: Stage::Visited,
        note: "没有试驾，点错了".into(),
    };
    let t = apply(&state, &back, &facts(2)).unwrap();
    assert_eq!(t.state.stage, Stage::Visited);
    assert_eq!(t.record.note.as_deref(), Some("没有试驾，点错了"));
    let (ordered, _) = run(&[(advance(Stage::Ordered), with_order(1, false))]);
    assert_eq!(
        apply(&ordered, &back, &with_order(2, false)),
        Err(PipelineError::NotFromStage {
            kind: MoveKind::StepBack,
            from: Stage::Ordered
        })
    );
}

#[test]
fn cancelling_the_order_returns_to_negotiating_with_the_reason() {
    let (ordered, _) = run(&[(advance(Stage::Ordered), with_order(1, false))]);
    let cancel = Move::CancelOrder {
        reason: " 资金周转不开 ".into(),
    };
    assert_eq!(
        apply(&ordered, &cancel, &with_order(2, false)),
        Err(PipelineError::OrderStillActive)
    );
    let t = apply(&ordered, &cancel, &facts(2)).unwrap();
    assert_eq!(t.state.stage, Stage::Negotiating);
    assert_eq!(t.record.kind, MoveKind::CancelOrder);
    assert_eq!(t.record.note.as_deref(), Some("资金周转不开"));
    assert_eq!(
        apply(&t.state, &cancel, &facts(3)),
        Err(PipelineError::NotFromStage {
            kind: MoveKind::CancelOrder,
            from: Stage::Negotiating
        })
    );
    assert!(matches!(
        apply(
            &ordered,
            &lost(LostReason::Price, None),
            &with_order(2, false)
        ),
        Err(PipelineError::NotFromStage { .. })
    ));
}

#[test]
fn a_lost_request_waits_for_the_manager_and_is_approved() {
    let (visited, _) = run(&[(advance(Stage::Visited), facts(0))]);
    match apply(
        &visited,
        &lost(LostReason::BoughtCompetitor, None),
        &facts(1),
    ) {
        Err(PipelineError::Invalid(e)) => assert_eq!(e.field, "competitor"),
        other => panic!("{other:?}"),
    }
    let requested = apply(
        &visited,
        &lost(LostReason::BoughtCompetitor, Some("比亚迪 宋PLUS")),
        &facts(1),
    )
    .unwrap();
    assert_eq!(requested.state.status(), PipelineStatus::LostRequested);
    assert_eq!(requested.state.stage, Stage::Visited);
    assert_eq!(requested.state.pending(), Some(AsideKind::Lost));
    for mv in [
        advance(Stage::Negotiating),
        lost(LostReason::Price, None),
        Move::Reopen {
            to: None,
            note: None,
        },
    ] {
        assert_eq!(
            apply(&requested.state, &mv, &facts(2)),
            Err(PipelineError::RequestPending {
                kind: AsideKind::Lost
            })
        );
    }
    let approved = apply(
        &requested.state,
        &Move::Approve {
            manager: "m01".into(),
        },
        &facts(3),
    )
    .unwrap();
    assert_eq!(approved.state.status(), PipelineStatus::Lost);
    assert_eq!(approved.record.actor.as_deref(), Some("m01"));
    assert_eq!(
        approved.record.lost_reason,
        Some(LostReason::BoughtCompetitor)
    );
    assert_eq!(approved.record.competitor.as_deref(), Some("比亚迪 宋PLUS"));
    assert_eq!(
        apply(&approved.state, &advance(Stage::Negotiating), &facts(4)),
        Err(PipelineError::SetAside {
            kind: AsideKind::Lost
        })
    );
    // Reopen: contacted by default, at most the stage kept.
    let reopen = |to| Move::Reopen {
        to,
        note: Some("客户回电".into()),
    };
    assert_eq!(
        apply(&approved.state, &reopen(None), &facts(5))
            .unwrap()
            .state
            .status(),
        PipelineStatus::InStage(Stage::Contacted)
    );
    assert!(apply(&approved.state, &reopen(Some(Stage::Visited)), &facts(5)).is_ok());
    assert!(matches!(
        apply(&approved.state, &reopen(Some(Stage::TestDriven)), &facts(5)),
        Err(PipelineError::NotToStage { .. })
    ));
}

#[test]
fn a_rejected_request_returns_to_the_stage_and_may_reassign() {
    let (state, _) = run(&[
        (advance(Stage::Contacted), facts(0)),
        (
            Move::RequestDormant(DormantRequest {
                reason: DormantReason::Postponed,
                note: None,
                wake_on: None,
            }),
            facts(1),
        ),
    ]);
    let manager = |m: &str| Move::Reject {
        manager: m.into(),
        reassign_to: Some("c002".into()),
        note: Some("还有机会".into()),
    };
    match apply(&state, &manager(""), &facts(2)) {
        Err(PipelineError::Invalid(e)) => assert_eq!(e.field, "manager"),
        other => panic!("{other:?}"),
    }
    let t = apply(&state, &manager("m01"), &facts(2)).unwrap();
    assert_eq!(t.state.status(), PipelineStatus::InStage(Stage::Contacted));
    assert_eq!(t.new_owner.as_deref(), Some("c002"));
    assert_eq!(t.record.reassign_to.as_deref(), Some("c002"));
    assert_eq!(
        t.entry,
        TimelineEntry::RequestRejected {
            kind: AsideKind::Dormant,
            manager: "m01".into(),
            reassigned_to: Some("c002".into()),
            note: Some("还有机会".into())
        }
    );
    assert_eq!(
        apply(
            &t.state,
            &Move::Approve {
                manager: "m01".into()
            },
            &facts(3)
        ),
        Err(PipelineError::NoPendingRequest)
    );
}

#[test]
fn moves_before_the_last_one_are_refused_and_time_in_status_adds_up() {
    let (state, records) = run(&[
        (advance(Stage::Contacted), facts(2)),
        (lost(LostReason::Unreachable, None), facts(5)),
        (Move::Withdraw, facts(6)),
    ]);
    assert_eq!(
        apply(&state, &advance(Stage::Invited), &facts(5)),
        Err(PipelineError::OutOfOrder)
    );
    assert_eq!(replay(t0(), &records), Ok(state));
    let times = time_in_status(t0(), &records, t0() + Duration::hours(10));
    let hours = |s: PipelineStatus| {
        times
            .iter()
            .find(|t| t.status == s)
            .map(|t| t.millis / 3_600_000)
    };
    assert_eq!(hours(PipelineStatus::InStage(Stage::NewLead)), Some(2));
    assert_eq!(
        hours(PipelineStatus::InStage(Stage::Contacted)),
        Some(3 + 4)
    );
    assert_eq!(hours(PipelineStatus::LostRequested), Some(1));
    assert_eq!(hours(PipelineStatus::Lost), None);
}

#[test]
fn a_dormant_request_keeps_its_wake_up_date_through_approval_and_replay() {
    let date = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let asleep = |wake_on: &str| {
        Move::RequestDormant(DormantRequest {
            reason: DormantReason::Postponed,
            note: None,
            wake_on: Some(date(wake_on)),
        })
    };
    let (contacted, mut records) = run(&[(advance(Stage::Contacted), facts(0))]);
    // t0 is 2026-03-02 09:00 in Shanghai; a day before the request's local date is refused.
    let shanghai = PipelineFacts {
        today: date("2026-03-02"),
        ..facts(1)
    };
    match apply(&contacted, &asleep("2026-03-01"), &shanghai) {
        Err(PipelineError::Invalid(e)) => {
            assert_eq!((e.field.as_str(), e.rule), ("wake_on", Rule::TooEarly))
        }
        other => panic!("{other:?}"),
    }
    let requested = apply(&contacted, &asleep("2026-03-02"), &shanghai).unwrap();
    assert_eq!(requested.record.wake_on, Some(date("2026-03-02")));
    assert_eq!(
        requested.entry,
        TimelineEntry::DormantRequested {
            reason: DormantReason::Postponed,
            note: None,
            wake_on: Some(date("2026-03-02")),
        }
    );
    assert_eq!(requested.plan_cancel_reason(), None);
    let manager = Move::Approve {
        manager: "m01".into(),
    };
    // A late approval keeps the date, past or not: the customer is due at once.
    let approved = apply(&requested.state, &manager, &facts(24 * 10)).unwrap();
    assert_eq!(approved.record.wake_on, Some(date("2026-03-02")));
    assert!(approved.plan_cancel_reason().is_some());
    assert!(!approved.state.status().in_sales_cadence());
    records.extend([requested.record.clone(), approved.record.clone()]);
    let replayed = replay(t0(), &records).unwrap();
    assert_eq!(replayed, approved.state);
    match &replayed.side {
        Some(SideState::Dormant(r)) => assert_eq!(r.wake_on, Some(date("2026-03-02"))),
        other => panic!("{other:?}"),
    }
    // Reopening leaves the date behind.
    let reopened = apply(
        &approved.state,
        &Move::Reopen {
            to: None,
            note: None,
        },
        &facts(24 * 11),
    )
    .unwrap();
    assert_eq!(reopened.record.wake_on, None);
    assert_eq!(reopened.plan_cancel_reason(), None);
}

#[test]
fn only_an_approval_cancels_the_plan_and_only_set_aside_and_won_leave_the_cadence() {
    let contacted = run(&[(advance(Stage::Contacted), facts(0))]).0;
    let requested = apply(&contacted, &lost(LostReason::Price, None), &facts(1)).unwrap();
    assert_eq!(requested.plan_cancel_reason(), None);
    let rejected = apply(
        &requested.state,
        &Move::Reject {
            manager: "m01".into(),
            reassign_to: None,
            note: None,
        },
        &facts(2),
    )
    .unwrap();
    assert_eq!(rejected.plan_cancel_reason(), None);
    let approved = apply(
        &requested.state,
        &Move::Approve {
            manager: "m01".into(),
        },
        &facts(2),
    )
    .unwrap();
    assert!(approved
        .plan_cancel_reason()
        .is_some_and(|r| r.starts_with("lost")));
    let out: Vec<PipelineStatus> = PipelineStatus::ALL
        .into_iter()
        .filter(|s| !s.in_sales_cadence())
        .collect();
    assert_eq!(
        out,
        [
            PipelineStatus::InStage(Stage::Delivered),
            PipelineStatus::Lost,
            PipelineStatus::Dormant
        ]
    );
}

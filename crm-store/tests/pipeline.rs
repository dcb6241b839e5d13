//! The pipeline on disk: flows through the store, refused moves that write nothing, and a
//! model test against crm-core's replay and first_reached.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{dump, NowForTests, TestStore, PIPELINE_TABLES};
use crm_core::{
    pipeline::first_reached, replay, AsideKind, CancelReason, CustomerId, CustomerPatch,
    DormantReason, DormantRequest, Fen, LostReason, LostRequest, Move, NewDelivery, NewOrder,
    OrderedVehicle, PipelineError, PipelineStatus, Stage,
};
use crm_store::{Store, StoreError};
use proptest::prelude::*;
use rusqlite::Connection;

fn new_customer(t: &TestStore, mobile: &str) -> CustomerId {
    t.store
        .create_customer(&common::customer("王五", mobile))
        .unwrap()
        .id
}

/// The sample order of `customer` on `today`, at `price` fen.
pub fn order_for(customer: &CustomerId, today: NaiveDate, price: i64) -> NewOrder {
    let sample = common::sample_order(customer, today);
    NewOrder {
        vehicle: OrderedVehicle {
            colour: Some("珍珠白".into()),
            ..sample.vehicle
        },
        price: Fen(price),
        discount: Fen(1_000_000),
        finance: true,
        consultant: Some("c001".into()),
        ..sample
    }
}

const VIN: &str = "1M8GDM9AXKP042788";

fn delivery(today: NaiveDate) -> NewDelivery {
    NewDelivery {
        date: today,
        vin: Some(VIN.into()),
        odometer_km: 8,
    }
}

fn today(t: &TestStore) -> NaiveDate {
    // The store's default zone is Asia/Shanghai; 08:00 UTC is the same day there.
    t.clock.now_for_tests().date_naive()
}

fn codes(t: &TestStore, id: &CustomerId) -> Vec<String> {
    let page = t.store.timeline(id, 100, None).unwrap();
    let mut codes: Vec<String> = page
        .records
        .iter()
        .map(|r| r.entry.code().to_owned())
        .collect();
    codes.reverse();
    codes
}

#[test]
fn a_walk_in_is_visited_test_drives_orders_and_takes_delivery() {
    let t = common::test_store();
    let id = new_customer(&t, "13800000001");
    t.clock.advance(Duration::minutes(5));
    t.store
        .advance_stage(&id, Stage::Visited, Some("c001"))
        .unwrap();
    t.clock.advance(Duration::minutes(30));
    t.store
        .advance_stage(&id, Stage::TestDriven, Some("c001"))
        .unwrap();
    t.clock.advance(Duration::days(2));
    let order = t
        .store
        .place_order(&order_for(&id, today(&t), 20_000_000), Some("c001"))
        .unwrap();
    assert_eq!(t.store.pipeline_state(&id).unwrap().stage, Stage::Ordered);
    t.clock.advance(Duration::days(10));
    let delivered = t
        .store
        .deliver_order(&order.id, order.version, &delivery(today(&t)), Some("c001"))
        .unwrap();
    assert_eq!(delivered.order.vin.as_ref().map(|v| v.as_str()), Some(VIN));
    // The delivery hands over a car: customer care starts from it.
    let cars = t.store.cars_of(&id).unwrap();
    assert_eq!(cars.len(), 1);
    assert_eq!(cars[0].vin.as_ref().map(|v| v.as_str()), Some(VIN));
    assert_eq!(cars[0].order_id.as_deref(), Some(order.id.as_str()));
    assert_eq!(cars[0].delivered_on, today(&t));
    let state = t.store.pipeline_state(&id).unwrap();
    assert_eq!(state.status(), PipelineStatus::InStage(Stage::Delivered));
    let history = t.store.stage_history(&id).unwrap();
    assert_eq!(history.len(), 4);
    assert_eq!(
        codes(&t, &id),
        [
            "customer_created",
            "stage_moved",
            "stage_moved",
            "order_placed",
            "stage_moved",
            "order_delivered",
            "stage_moved"
        ]
    );
    // The denormalised columns: reached instants, order columns, revenue.
    let conn = Connection::open(&t.path).unwrap();
    let row: (String, Option<i64>, Option<i64>, Option<i64>, Option<i64>, i64) = conn
        .query_row(
            "SELECT pipeline_status, reached_invited, reached_ordered, ordered_at, delivered_at, revenue_fen
             FROM customers WHERE id = ?1",
            [id.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap();
    assert_eq!(row.0, "delivered");
    assert_eq!(row.1, Some(history[0].at.timestamp_millis()));
    assert_eq!(row.2, Some(order.created_at.timestamp_millis()));
    assert_eq!(row.3, row.2);
    assert_eq!(row.4, Some(history[3].at.timestamp_millis()));
    assert_eq!(row.5, 19_000_000);
    // The pipeline has ended.
    let err = t
        .store
        .advance_stage(&id, Stage::Delivered, None)
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::MoveRefused {
            reason: PipelineError::Ended,
            ..
        }
    ));
}

fn lost_price() -> LostRequest {
    LostRequest {
        reason: LostReason::BoughtCompetitor,
        competitor: Some("比亚迪 宋PLUS".into()),
        note: None,
    }
}

#[test]
fn a_lost_request_waits_for_the_manager_who_approves_and_a_reopen_brings_it_back() {
    let t = common::test_store();
    let id = new_customer(&t, "13800000002");
    t.store
        .advance_stage(&id, Stage::Negotiating, Some("c001"))
        .unwrap();
    t.clock.advance(Duration::hours(1));
    t.store
        .request_lost(&id, &lost_price(), Some("c001"))
        .unwrap();
    let pending = t.store.pending_requests(None).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].customer_id, id);
    assert_eq!(pending[0].requested_by.as_deref(), Some("c001"));
    assert_eq!(pending[0].state.status(), PipelineStatus::LostRequested);
    // While pending, only the manager's answer or a withdrawal.
    let err = t
        .store
        .advance_stage(&id, Stage::Ordered, None)
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::MoveRefused {
            reason: PipelineError::RequestPending { .. },
            ..
        }
    ));
    t.clock.advance(Duration::hours(1));
    t.store.approve_request(&id, "m01").unwrap();
    assert!(t.store.pending_requests(None).unwrap().is_empty());
    let state = t.store.pipeline_state(&id).unwrap();
    assert_eq!(state.status(), PipelineStatus::Lost);
    assert_eq!(state.stage, Stage::Negotiating);
    let conn = Connection::open(&t.path).unwrap();
    let reason: Option<String> = conn
        .query_row(
            "SELECT lost_reason FROM customers WHERE id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason.as_deref(), Some("bought_competitor"));
    t.clock.advance(Duration::days(30));
    t.store
        .reopen(&id, None, Some("客户回电"), Some("c001"))
        .unwrap();
    let state = t.store.pipeline_state(&id).unwrap();
    assert_eq!(state.status(), PipelineStatus::InStage(Stage::Contacted));
    let reason: Option<String> = conn
        .query_row(
            "SELECT lost_reason FROM customers WHERE id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, None);
}

#[test]
fn a_rejected_request_can_hand_the_customer_to_another_consultant() {
    let t = common::test_store();
    let id = new_customer(&t, "13800000003");
    let c = t.store.get_customer(&id).unwrap();
    let patch = CustomerPatch {
        owner: Some(Some("c001".into())),
        ..Default::default()
    };
    let c = t.store.update_customer(&id, c.version, &patch).unwrap();
    let plan = crm_core::NewPlan {
        customer_id: id.clone(),
        time: crm_core::PlanTime::OnDate(today(&t) + Duration::days(2)),
        method: crm_core::FollowUpMethod::Phone,
        purpose: "再联系".into(),
        content: None,
    };
    t.store.set_plan(&plan).unwrap();
    t.store
        .request_dormant(
            &id,
            &DormantRequest {
                reason: DormantReason::Postponed,
                note: None,
                wake_on: None,
            },
            Some("c001"),
        )
        .unwrap();
    assert_eq!(t.store.pending_requests(Some("c001")).unwrap().len(), 1);
    assert!(t.store.pending_requests(Some("c009")).unwrap().is_empty());
    t.clock.advance(Duration::hours(2));
    let moved = t
        .store
        .reject_request(&id, "m01", Some("c002"), Some("再跟一跟"))
        .unwrap();
    assert_eq!(moved.new_owner.as_deref(), Some("c002"));
    let after = t.store.get_customer(&id).unwrap();
    assert_eq!(after.profile.owner.as_deref(), Some("c002"));
    assert_eq!(after.version, c.version + 1);
    let plan_owner: Option<String> = Connection::open(&t.path)
        .unwrap()
        .query_row(
            "SELECT owner FROM plans WHERE customer_id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(plan_owner.as_deref(), Some("c002"));
    assert_eq!(
        t.store.pipeline_state(&id).unwrap().status(),
        PipelineStatus::InStage(Stage::NewLead)
    );
    let codes = codes(&t, &id);
    assert_eq!(
        codes[codes.len() - 2..],
        ["request_rejected", "customer_changed"]
    );
}

#[test]
fn cancelling_the_only_order_goes_back_to_negotiating() {
    let t = common::test_store();
    let id = new_customer(&t, "13800000004");
    let first = t
        .store
        .place_order(&order_for(&id, today(&t), 20_000_000), None)
        .unwrap();
    let second = t
        .store
        .place_order(&order_for(&id, today(&t), 30_000_000), None)
        .unwrap();
    assert_eq!(t.store.stage_history(&id).unwrap().len(), 1);
    t.clock.advance(Duration::hours(1));
    t.store
        .cancel_order(&first.id, first.version, CancelReason::Price, None, None)
        .unwrap();
    assert_eq!(t.store.pipeline_state(&id).unwrap().stage, Stage::Ordered);
    t.store
        .cancel_order(
            &second.id,
            second.version,
            CancelReason::Other,
            Some("家人反对"),
            Some("c001"),
        )
        .unwrap();
    let history = t.store.stage_history(&id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.stage, Stage::Negotiating);
    assert_eq!(last.note.as_deref(), Some("家人反对"));
    let conn = Connection::open(&t.path).unwrap();
    let ordered_at: Option<i64> = conn
        .query_row(
            "SELECT ordered_at FROM customers WHERE id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ordered_at, None);
}

#[test]
fn every_refused_move_leaves_the_database_as_it_was() {
    let t = common::test_store();
    let id = new_customer(&t, "13800000005");
    t.store.advance_stage(&id, Stage::Contacted, None).unwrap();
    let order = t
        .store
        .place_order(&order_for(&id, today(&t), 20_000_000), None)
        .unwrap();
    let before = dump(&t.path, PIPELINE_TABLES);
    let refused: Vec<(Move, &str)> = vec![
        (Move::Advance { to: Stage::Invited }, "advance backwards"),
        (Move::RequestLost(lost_price()), "lost while ordered"),
        (Move::Withdraw, "nothing pending"),
        (
            Move::Reopen {
                to: None,
                note: None,
            },
            "not set aside",
        ),
        (
            Move::CancelOrder { reason: "x".into() },
            "an order is still active",
        ),
        (
            Move::Approve {
                manager: " ".into(),
            },
            "no request and a blank manager",
        ),
    ];
    for (mv, why) in refused {
        assert!(t.store.move_stage(&id, &mv, Some("c001")).is_err(), "{why}");
        assert_eq!(dump(&t.path, PIPELINE_TABLES), before, "{why}");
    }
    // An order for a customer who cannot order, a delivery in the future, a stale version.
    let other = new_customer(&t, "13800000006");
    t.store.request_lost(&other, &lost_price(), None).unwrap();
    let before = dump(&t.path, PIPELINE_TABLES);
    let err = t
        .store
        .place_order(&order_for(&other, today(&t), 20_000_000), None)
        .unwrap_err();
    assert!(matches!(err, StoreError::MoveRefused { .. }), "{err:?}");
    let future = NewDelivery {
        date: today(&t) + Duration::days(1),
        ..delivery(today(&t))
    };
    let err = t
        .store
        .deliver_order(&order.id, order.version, &future, None)
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "delivery.date"),
        "{err:?}"
    );
    let err = t
        .store
        .deliver_order(&order.id, order.version + 1, &delivery(today(&t)), None)
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
    assert_eq!(dump(&t.path, PIPELINE_TABLES), before);
}

#[test]
fn moves_of_an_unknown_customer_are_not_found() {
    let t = common::test_store();
    let err = t
        .store
        .advance_stage(&common::MISSING.into(), Stage::Contacted, None)
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}

/// The customer's denormalised pipeline columns.
#[derive(Debug, PartialEq)]
struct Columns {
    stage: String,
    status: String,
    since: Option<i64>,
    lost_reason: Option<String>,
    reached: Vec<Option<i64>>,
    wake_on: Option<String>,
}

fn columns(path: &std::path::Path, id: &CustomerId) -> Columns {
    let conn = Connection::open(path).unwrap();
    conn.query_row(
        "SELECT pipeline_stage, pipeline_status, pipeline_since, lost_reason, reached_contacted,
             reached_invited, reached_visited, reached_test_driven, reached_negotiating,
             reached_ordered, reached_delivered, wake_on
         FROM customers WHERE id = ?1",
        [id.as_str()],
        |r| {
            Ok(Columns {
                stage: r.get(0)?,
                status: r.get(1)?,
                since: r.get(2)?,
                lost_reason: r.get(3)?,
                reached: (4..11).map(|i| r.get(i)).collect::<Result<_, _>>()?,
                wake_on: r.get(11)?,
            })
        },
    )
    .unwrap()
}

/// Makes one scripted move the way an app would: orders through the order operations.
fn step(store: &Store, id: &CustomerId, mv: &Move, today: NaiveDate, price: i64) {
    let open = store
        .orders_of(id)
        .unwrap()
        .into_iter()
        .rfind(|o| o.order.status == crm_core::OrderStatus::Active);
    let _ = match (mv, open) {
        // With an order still active the driver's order is refused and rolled back; the
        // store would take a second order, so the move goes to the state machine alone.
        (Move::Advance { to: Stage::Ordered }, None) => store
            .place_order(&order_for(id, today, price), Some("c001"))
            .map(|_| ()),
        (
            Move::Advance {
                to: Stage::Delivered,
            },
            Some(o),
        ) => store
            .deliver_order(&o.id, o.version, &delivery(today), Some("c001"))
            .map(|_| ()),
        (Move::CancelOrder { reason }, Some(o)) => store
            .cancel_order(
                &o.id,
                o.version,
                CancelReason::Other,
                Some(reason),
                Some("c001"),
            )
            .map(|_| ()),
        (mv, _) => store.move_stage(id, mv, Some("c001")).map(|_| ()),
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Random scripts through the store: the kept moves equal crm-core's driver's, replay
    /// gives the stored state, and the customer's columns say what the moves imply.
    #[test]
    fn the_store_keeps_what_the_state_machine_decides(
        script in crm_core::strategies::pipeline::pipeline_script(14),
    ) {
        let t = common::test_store();
        // The driver's dealership is on UTC: so is this one, for the same wake-up checks.
        t.store.set_time_zone("Etc/UTC").unwrap();
        let id = new_customer(&t, "13900000000");
        let created: DateTime<Utc> = t.store.get_customer(&id).unwrap().created_at;
        let mut driver = crm_core::strategies::pipeline::PipelineDriver::new(created);
        for (mv, minutes, revenue) in &script {
            t.clock.advance(Duration::minutes(*minutes));
            let now = t.clock.now_for_tests();
            // Keep both on the same dates: the store validates dates against its today.
            let model = driver.step(mv, now, *revenue);
            let before = t.store.stage_history(&id).unwrap().len();
            step(&t.store, &id, mv, now.date_naive(), 20_000_000);
            let after = t.store.stage_history(&id).unwrap().len();
            prop_assert_eq!(after - before, usize::from(model.is_ok()), "{:?}", mv);
        }
        let moves = t.store.stage_history(&id).unwrap();
        prop_assert_eq!(&moves, &driver.records);
        let state = t.store.pipeline_state(&id).unwrap();
        prop_assert_eq!(&replay(created, &moves).unwrap(), &state);
        let cols = columns(&t.path, &id);
        prop_assert_eq!(&cols.stage, state.stage.code_str());
        prop_assert_eq!(&cols.status, state.status().code());
        prop_assert_eq!(cols.since, moves.last().map(|m| m.at.timestamp_millis()));
        let reached: Vec<Option<i64>> = first_reached(created, &moves)[1..]
            .iter()
            .map(|r| r.map(|at| at.timestamp_millis()))
            .collect();
        prop_assert_eq!(cols.reached, reached);
        let lost = matches!(state.status(), PipelineStatus::Lost | PipelineStatus::LostRequested);
        prop_assert_eq!(cols.lost_reason.is_some(), lost);
        let wake_on = match &state.side {
            Some(crm_core::SideState::Dormant(r)) => r.wake_on.map(|d| d.to_string()),
            _ => None,
        };
        prop_assert_eq!(cols.wake_on, wake_on);
    }
}

trait StageCode {
    fn code_str(&self) -> &'static str;
}

impl StageCode for Stage {
    fn code_str(&self) -> &'static str {
        crm_core::Code::code(*self)
    }
}

impl StageCode for AsideKind {
    fn code_str(&self) -> &'static str {
        crm_core::Code::code(*self)
    }
}

fn test_drive(customer: &CustomerId, at: DateTime<Utc>) -> crm_core::NewVisit {
    crm_core::NewVisit {
        customer_id: customer.clone(),
        kind: crm_core::VisitKind::TestDrive,
        model: Some("途观L 330TSI".into()),
        catalogue_model: None,
        scheduled_at: at,
        consultant: Some("c001".into()),
        notes: None,
    }
}

#[test]
fn visits_are_scheduled_moved_and_done_and_a_done_test_drive_advances() {
    let t = common::test_store();
    let id = new_customer(&t, "13800000007");
    let now = t.clock.now_for_tests();
    let walk_in = crm_core::NewVisit {
        kind: crm_core::VisitKind::StoreVisit,
        model: None,
        ..test_drive(&id, now)
    };
    let v = t.store.schedule_visit(&walk_in, Some("c001")).unwrap();
    t.store
        .complete_visit(&v.id, v.version, now, Some("看了途观L"), Some("c001"))
        .unwrap();
    assert_eq!(t.store.pipeline_state(&id).unwrap().stage, Stage::Visited);
    let drive = t
        .store
        .schedule_visit(&test_drive(&id, now + Duration::days(1)), None)
        .unwrap();
    // Not yet due: no no-show; moved to the day after.
    let err = t.store.no_show_visit(&drive.id, 1, None).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "visit.scheduled_at"),
        "{err:?}"
    );
    let moved = t
        .store
        .reschedule_visit(&drive.id, 1, now + Duration::days(2), None)
        .unwrap();
    t.clock.advance(Duration::days(3));
    let missed = t
        .store
        .no_show_visit(&moved.id, moved.version, None)
        .unwrap();
    assert_eq!(
        missed.visit.status.kind(),
        crm_core::VisitStatusKind::NoShow
    );
    let err = t
        .store
        .complete_visit(&missed.id, missed.version, now, None, None)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Closed {
                entity: "visit",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(t.store.pipeline_state(&id).unwrap().stage, Stage::Visited);
    let later = t.clock.now_for_tests();
    let again = t
        .store
        .schedule_visit(&test_drive(&id, later), None)
        .unwrap();
    let done = t
        .store
        .complete_visit(&again.id, 1, later, Some("满意"), None)
        .unwrap();
    assert_eq!(t.store.get_visit(&done.id).unwrap(), done);
    assert_eq!(
        t.store.pipeline_state(&id).unwrap().stage,
        Stage::TestDriven
    );
    assert_eq!(t.store.visits_of(&id).unwrap().len(), 3);
    // Bad input names the field and writes nothing.
    let before = dump(&t.path, PIPELINE_TABLES);
    let no_model = crm_core::NewVisit {
        model: None,
        ..test_drive(&id, later)
    };
    let err = t.store.schedule_visit(&no_model, None).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(v) if v.field == "visit.model"),
        "{err:?}"
    );
    assert_eq!(dump(&t.path, PIPELINE_TABLES), before);
}

/// A plan for customer `id` on local date `on`.
fn plan_on(id: &CustomerId, on: NaiveDate) -> crm_core::NewPlan {
    crm_core::NewPlan {
        customer_id: id.clone(),
        time: crm_core::PlanTime::OnDate(on),
        method: crm_core::FollowUpMethod::Phone,
        purpose: "再联系".into(),
        content: None,
    }
}

fn dormant_until(wake_on: Option<NaiveDate>) -> DormantRequest {
    DormantRequest {
        reason: DormantReason::Postponed,
        note: None,
        wake_on,
    }
}

#[test]
fn approving_lost_or_dormant_cancels_the_open_plan_and_its_reminder_for_good() {
    for kind in [AsideKind::Lost, AsideKind::Dormant] {
        let t = common::test_store();
        let id = new_customer(&t, "13800000011");
        let plan = t.store.set_plan(&plan_on(&id, today(&t))).unwrap();
        let reminder = crm_core::ReminderId::for_plan(&plan.id, plan.version);
        let token = t.store.reminder_changes_since(None).unwrap().token;
        match kind {
            AsideKind::Lost => t.store.request_lost(&id, &lost_price(), Some("c001")),
            AsideKind::Dormant => t
                .store
                .request_dormant(&id, &dormant_until(None), Some("c001")),
        }
        .unwrap();
        // A pending request leaves the plan alone.
        assert!(t.store.open_plan(&id).unwrap().is_some(), "{kind:?}");
        assert!(t
            .store
            .reminder_changes_since(Some(&token))
            .unwrap()
            .cancelled
            .is_empty());
        t.clock.advance(Duration::hours(1));
        t.store.approve_request(&id, "m01").unwrap();
        let cancelled = t.store.get_plan(&plan.id).unwrap();
        match &cancelled.status {
            crm_core::PlanStatus::Cancelled { reason, at } => {
                assert!(reason.starts_with(kind.code_str()), "{reason}");
                assert_eq!(*at, t.clock.now_for_tests());
            }
            other => panic!("{kind:?}: {other:?}"),
        }
        // The change feed cancels the reminder; the timeline says why, after the approval.
        let changes = t.store.reminder_changes_since(Some(&token)).unwrap();
        assert_eq!(changes.cancelled, [reminder], "{kind:?}");
        assert!(changes.added.is_empty());
        let codes = codes(&t, &id);
        assert_eq!(
            codes[codes.len() - 2..],
            ["request_approved", "plan_cancelled"]
        );
        let day = t.clock.now_for_tests();
        assert!(t
            .store
            .reminders(day - Duration::days(2), day + Duration::days(2), None)
            .unwrap()
            .is_empty());
        // Reopening brings the customer back, not the plan.
        let token = changes.token;
        t.clock.advance(Duration::hours(1));
        t.store
            .reopen(&id, None, Some("客户回电"), Some("c001"))
            .unwrap();
        assert_eq!(t.store.open_plan(&id).unwrap(), None);
        assert_eq!(t.store.get_plan(&plan.id).unwrap(), cancelled);
        let changes = t.store.reminder_changes_since(Some(&token)).unwrap();
        assert!(changes.added.is_empty() && changes.cancelled.is_empty());
        let agenda = t.store.agenda(None, today(&t)).unwrap();
        assert!(
            agenda.iter().all(|i| !matches!(
                i.reason,
                crm_core::AgendaReason::PlanDue { .. } | crm_core::AgendaReason::PlanOverdue { .. }
            )),
            "{agenda:?}"
        );
    }
}

#[test]
fn a_rejected_or_withdrawn_request_keeps_the_plan() {
    let t = common::test_store();
    let id = new_customer(&t, "13800000012");
    let plan = t.store.set_plan(&plan_on(&id, today(&t))).unwrap();
    t.store.request_lost(&id, &lost_price(), None).unwrap();
    t.store.reject_request(&id, "m01", None, None).unwrap();
    t.store
        .request_dormant(&id, &dormant_until(None), None)
        .unwrap();
    t.store.withdraw_request(&id, None).unwrap();
    assert_eq!(t.store.open_plan(&id).unwrap(), Some(plan));
}

#[test]
fn a_wake_up_date_is_checked_kept_with_the_moves_and_cleared_on_reopen() {
    let t = common::test_store();
    let id = new_customer(&t, "13800000013");
    // 08:00 UTC is 16:00 in Shanghai: today there, as here.
    let before = dump(&t.path, PIPELINE_TABLES);
    for (wake_on, why) in [
        (today(&t) - Duration::days(1), "yesterday"),
        (today(&t) + Duration::days(731), "past the horizon"),
    ] {
        let err = t
            .store
            .request_dormant(&id, &dormant_until(Some(wake_on)), None)
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(v) if v.field == "wake_on"),
            "{why}: {err:?}"
        );
        assert_eq!(dump(&t.path, PIPELINE_TABLES), before, "{why}");
    }
    let wake_on = today(&t) + Duration::days(30);
    let requested = t
        .store
        .request_dormant(&id, &dormant_until(Some(wake_on)), None)
        .unwrap();
    assert_eq!(requested.record.wake_on, Some(wake_on));
    // Only an approved sleep has a wake-up date on the customer's row.
    assert_eq!(columns(&t.path, &id).wake_on, None);
    t.clock.advance(Duration::days(40));
    t.store.approve_request(&id, "m01").unwrap();
    assert_eq!(
        columns(&t.path, &id).wake_on,
        Some(wake_on.to_string()),
        "a late approval keeps the date"
    );
    let history = t.store.stage_history(&id).unwrap();
    assert_eq!(
        history.iter().map(|m| m.wake_on).collect::<Vec<_>>(),
        [Some(wake_on), Some(wake_on)]
    );
    match t.store.pipeline_state(&id).unwrap().side {
        Some(crm_core::SideState::Dormant(r)) => assert_eq!(r.wake_on, Some(wake_on)),
        other => panic!("{other:?}"),
    }
    let page = t.store.timeline(&id, 100, None).unwrap();
    assert!(page.records.iter().any(|r| r.entry
        == crm_core::TimelineEntry::DormantRequested {
            reason: DormantReason::Postponed,
            note: None,
            wake_on: Some(wake_on),
        }));
    t.store.reopen(&id, None, None, None).unwrap();
    assert_eq!(columns(&t.path, &id).wake_on, None);
}

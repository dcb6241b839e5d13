//! Proptest strategies for the pipeline and the reports (feature `proptest`), and
//! [`PipelineDriver`], which keeps order facts in step with the moves the way a store does.

use super::apply::{apply, PipelineFacts, Transition};
use super::error::PipelineError;
use super::moves::Move;
use super::reason::{DormantReason, DormantRequest, LostReason, LostRequest};
use super::record::StageMove;
use super::stage::Stage;
use super::state::PipelineState;
use crate::find::CHANNEL_KINDS;
use crate::follow_up::{FollowUpKind, IntentLevel};
use crate::report::{
    CustomerFacts, FollowUpFact, IntentChangeFact, OrderFact, ReportPeriod, VisitFact,
};
use crate::strategies::reference_now;
use crate::validation::Code;
use crate::vehicle::VisitKind;
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use proptest::sample::select;

/// Any funnel stage.
pub fn stage() -> impl Strategy<Value = Stage> {
    select(Stage::ALL)
}

/// A valid lost request: a competitor for a competitor purchase, a note for `other`.
pub fn lost_request() -> impl Strategy<Value = LostRequest> {
    (
        select(LostReason::ALL),
        prop::option::of(select(vec!["比亚迪 宋PLUS", "丰田 RAV4", "特斯拉 Model Y"])),
        prop::option::of(select(vec![
            "客户嫌贵",
            "家人反对",
            "Went with the cheaper offer",
        ])),
    )
        .prop_map(|(reason, competitor, note)| LostRequest {
            reason,
            competitor: competitor
                .or((reason == LostReason::BoughtCompetitor).then_some("吉利 星越L"))
                .map(Into::into),
            note: note
                .or((reason == LostReason::Other).then_some("搬家去外地"))
                .map(Into::into),
        })
}

/// A dormant request with a note for `other`, and sometimes a wake-up date: from a month
/// before [`reference_now`]'s date to three years after it, so that a request made later
/// than its wake-up date, or too long before it, is refused now and then.
pub fn dormant_request() -> impl Strategy<Value = DormantRequest> {
    (
        select(DormantReason::ALL),
        prop::option::of(select(vec!["明年再看", "Call back after the holidays"])),
        prop::option::of(-30i64..3 * 365),
    )
        .prop_map(|(reason, note, wake_in)| DormantRequest {
            reason,
            note: note
                .or((reason == DormantReason::Other).then_some("出国半年"))
                .map(Into::into),
            wake_on: wake_in.map(|days| reference_now().date_naive() + Duration::days(days)),
        })
}

/// Any move, valid texts mostly (about one in ten has a blank required text), advances
/// most often.
pub fn pipeline_move() -> impl Strategy<Value = Move> {
    let text = |ok: &'static str| prop_oneof![9 => Just(ok.to_owned()), 1 => Just(" ".to_owned())];
    prop_oneof![
        8 => stage().prop_map(|to| Move::Advance { to }),
        1 => (stage(), text("阶段选错了")).prop_map(|(to, note)| Move::StepBack { to, note }),
        2 => lost_request().prop_map(Move::RequestLost),
        1 => (select(LostReason::ALL)).prop_map(|reason| Move::RequestLost(LostRequest {
            reason,
            competitor: None,
            note: None,
        })),
        2 => dormant_request().prop_map(Move::RequestDormant),
        1 => Just(Move::Withdraw),
        2 => text("m01").prop_map(|manager| Move::Approve { manager }),
        1 => (
            text("m01"),
            prop::option::of(select(vec!["c002", "c003"])),
            prop::option::of(select(vec!["再跟一跟", "客户还有意向"])),
        )
            .prop_map(|(manager, to, note)| Move::Reject {
                manager,
                reassign_to: to.map(Into::into),
                note: note.map(Into::into),
            }),
        1 => (prop::option::of(stage()), prop::option::of(select(vec!["客户回电"])))
            .prop_map(|(to, note)| Move::Reopen { to, note: note.map(Into::into) }),
        1 => text("客户退订").prop_map(|reason| Move::CancelOrder { reason }),
    ]
}

/// A script: moves, each with the minutes since the one before (sometimes 0, sometimes
/// negative, to exercise `OutOfOrder`) and the revenue an order it places would carry.
pub fn pipeline_script(max_len: usize) -> impl Strategy<Value = Vec<(Move, i64, i64)>> {
    prop::collection::vec(
        (
            pipeline_move(),
            prop_oneof![1 => Just(0i64), 1 => -60i64..0, 8 => 1i64..20_000],
            10_000_000i64..60_000_000,
        ),
        0..max_len,
    )
}

/// Drives one customer's pipeline the way a store does: it writes the order, the delivery or
/// the cancellation first, applies the move with the resulting facts, and undoes its writes
/// when the move is refused.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineDriver {
    /// When the customer was entered.
    pub created_at: DateTime<Utc>,
    /// The current state.
    pub state: PipelineState,
    /// The records kept so far.
    pub records: Vec<StageMove>,
    /// The orders so far.
    pub orders: Vec<OrderFact>,
}

impl PipelineDriver {
    /// A customer entered at `created_at`.
    pub fn new(created_at: DateTime<Utc>) -> Self {
        Self {
            created_at,
            state: PipelineState::new_lead(created_at),
            records: Vec::new(),
            orders: Vec::new(),
        }
    }

    /// The facts as the orders now stand, for a move at `at` (the dealership's zone is
    /// UTC here: `today` is `at`'s UTC date).
    pub fn facts(&self, at: DateTime<Utc>) -> PipelineFacts {
        let active = self.orders.iter().filter(|o| o.cancelled_at.is_none());
        PipelineFacts {
            at,
            today: at.date_naive(),
            actor: Some("c001".into()),
            has_active_order: active.clone().next().is_some(),
            has_delivery: active.clone().any(|o| o.delivered_at.is_some()),
        }
    }

    /// Makes `mv` at `at`; an order it places carries `revenue_fen`. On refusal nothing
    /// changes.
    pub fn step(
        &mut self,
        mv: &Move,
        at: DateTime<Utc>,
        revenue_fen: i64,
    ) -> Result<Transition, PipelineError> {
        let before = self.orders.clone();
        let open = self
            .orders
            .iter()
            .rposition(|o| o.cancelled_at.is_none() && o.delivered_at.is_none());
        match (mv, open) {
            (Move::Advance { to: Stage::Ordered }, _) => self.orders.push(OrderFact {
                ordered_at: at,
                cancelled_at: None,
                delivered_at: None,
                revenue_fen,
            }),
            (
                Move::Advance {
                    to: Stage::Delivered,
                },
                Some(i),
            ) => self.orders[i].delivered_at = Some(at),
            (Move::CancelOrder { .. }, Some(i)) => self.orders[i].cancelled_at = Some(at),
            _ => {}
        }
        match apply(&self.state, mv, &self.facts(at)) {
            Ok(t) => {
                self.state = t.state.clone();
                self.records.push(t.record.clone());
                Ok(t)
            }
            Err(e) => {
                self.orders = before;
                Err(e)
            }
        }
    }

    /// Runs a script from [`pipeline_script`], keeping what is allowed.
    pub fn run(&mut self, script: &[(Move, i64, i64)]) {
        let mut at = self.created_at;
        for (mv, minutes, revenue) in script {
            at += Duration::minutes(*minutes);
            let _ = self.step(mv, at, *revenue);
        }
    }
}

/// The consultants report strategies draw owners from.
pub const CONSULTANTS: &[&str] = &["c001", "c002", "c003"];

/// A visit as minutes: entered after the customer, scheduled from then (before it for a
/// walk-in recorded after the fact), done after its time or not (yet).
type VisitMinutes = (VisitKind, i64, i64, Option<i64>);

fn visit_minutes() -> impl Strategy<Value = VisitMinutes> {
    (
        select(VisitKind::ALL),
        0i64..20 * 24 * 60,
        prop_oneof![1 => -120i64..=0, 2 => 1i64..5 * 24 * 60],
        prop::option::weighted(0.6, 0i64..180),
    )
}

fn visit_fact(created_at: DateTime<Utc>, (kind, booked, ahead, done): VisitMinutes) -> VisitFact {
    let booked_at = created_at + Duration::minutes(booked);
    let scheduled_at = booked_at + Duration::minutes(ahead);
    VisitFact {
        kind,
        booked_at,
        scheduled_at,
        done_at: done.map(|m| scheduled_at.max(booked_at) + Duration::minutes(m)),
    }
}

/// A customer with a believable history, created within `days` days after `start`: a
/// pipeline driven by a random script, follow-ups of every kind by the owner or a
/// colleague (some logged before the customer was entered), visits and test drives,
/// intent changes, and an owner assigned at creation or (a fifth of the time) later.
pub fn customer_facts(start: DateTime<Utc>, days: i64) -> impl Strategy<Value = CustomerFacts> {
    (
        (
            "[0-9a-f]{12}",
            select(CHANNEL_KINDS),
            prop::option::weighted(0.9, select(CONSULTANTS)),
            0..days.max(1) * 24 * 60,
            prop::option::weighted(0.2, 1i64..3 * 24 * 60),
        ),
        pipeline_script(14),
        prop::collection::vec(
            (
                -60i64..30 * 24 * 60,
                prop::option::weighted(0.8, select(CONSULTANTS)),
                select(FollowUpKind::ALL),
            ),
            0..6,
        ),
        prop::collection::vec(visit_minutes(), 0..3),
        select(IntentLevel::ALL),
        prop::collection::vec((0i64..40 * 24 * 60, select(IntentLevel::ALL)), 0..4),
    )
        .prop_map(
            move |(
                (id, channel, owner, minute, reassigned),
                script,
                follow_ups,
                visits,
                initial,
                intents,
            )| {
                let created_at = start + Duration::minutes(minute);
                let mut driver = PipelineDriver::new(created_at);
                driver.run(&script);
                let mut follow_ups: Vec<FollowUpFact> = follow_ups
                    .into_iter()
                    .map(|(m, who, kind)| FollowUpFact {
                        at: created_at + Duration::minutes(m),
                        consultant: who.map(Into::into),
                        kind,
                    })
                    .collect();
                follow_ups.sort_by_key(|f| f.at);
                let mut visits: Vec<VisitFact> = visits
                    .into_iter()
                    .map(|v| visit_fact(created_at, v))
                    .collect();
                visits.sort_by_key(|v| v.scheduled_at);
                let assigned_at =
                    owner.map(|_| created_at + Duration::minutes(reassigned.unwrap_or(0)));
                let mut intent_changes: Vec<IntentChangeFact> = intents
                    .into_iter()
                    .map(|(m, to)| IntentChangeFact {
                        at: created_at + Duration::minutes(m),
                        to,
                    })
                    .collect();
                intent_changes.sort_by_key(|c| c.at);
                CustomerFacts {
                    id: id.into(),
                    channel: channel.to_owned(),
                    owner: owner.map(Into::into),
                    created_at,
                    assigned_at,
                    moves: driver.records,
                    orders: driver.orders,
                    follow_ups,
                    visits,
                    initial_intent: initial,
                    intent_changes,
                }
            },
        )
}

/// A period of 1 to `days` days starting within `days` days after `start`, for one of
/// [`CONSULTANTS`] a quarter of the time.
pub fn report_period(start: DateTime<Utc>, days: i64) -> impl Strategy<Value = ReportPeriod> {
    (
        0..days.max(1) * 24,
        1..days.max(1) * 24,
        prop::option::weighted(0.25, select(CONSULTANTS)),
    )
        .prop_map(move |(h, len, consultant)| ReportPeriod {
            from: start + Duration::hours(h),
            to: start + Duration::hours(h + len),
            consultant: consultant.map(Into::into),
            customers: None,
        })
}

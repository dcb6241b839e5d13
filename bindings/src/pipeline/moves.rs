//! Moves along the funnel: advancing, reopening, the history of moves ([`StageMove`]) and
//! what a move did ([`StageTransition`]).

use crate::convert::same_variants;
use crate::custom::{CalendarDate, Timestamp};
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::pipeline::reason::{DormantReason, LostReason};
use crate::pipeline::stage::Stage;
use crate::pipeline::state::{PipelineState, PipelineStatus};
use crate::store::CrmStore;
use crm_core::CustomerId;

/// What kind of move a `StageMove` was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum MoveKind {
    /// Forward along the funnel.
    Advance,
    /// A correction back.
    StepBack,
    /// A lost request.
    RequestLost,
    /// A dormant request.
    RequestDormant,
    /// A request taken back.
    Withdraw,
    /// A manager's approval.
    Approve,
    /// A manager's rejection.
    Reject,
    /// Back into the funnel from lost or dormant.
    Reopen,
    /// An order cancelled.
    CancelOrder,
}

same_variants!(MoveKind <=> crm_core::MoveKind {
    Advance, StepBack, RequestLost, RequestDormant, Withdraw, Approve, Reject, Reopen, CancelOrder
});

/// One kept move of a customer along the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StageMove {
    /// What kind of move.
    pub kind: MoveKind,
    /// The status before.
    pub from: PipelineStatus,
    /// The status after.
    pub to: PipelineStatus,
    /// The stage after (kept while set aside).
    pub stage: Stage,
    /// When.
    pub at: Timestamp,
    /// Who moved it (the consultant, or the manager for approve and reject).
    pub actor: Option<String>,
    /// The lost reason, for a lost request.
    pub lost_reason: Option<LostReason>,
    /// The dormant reason, for a dormant request.
    pub dormant_reason: Option<DormantReason>,
    /// The competitor, when named.
    pub competitor: Option<String>,
    /// The note.
    pub note: Option<String>,
    /// The consultant a rejection handed the customer to.
    pub reassign_to: Option<String>,
    /// The wake-up date, on a dormant request and its approval, when given.
    pub wake_on: Option<CalendarDate>,
}

impl From<crm_core::StageMove> for StageMove {
    fn from(m: crm_core::StageMove) -> Self {
        StageMove {
            kind: m.kind.into(),
            from: m.from.into(),
            to: m.to.into(),
            stage: m.stage.into(),
            at: m.at,
            actor: m.actor,
            lost_reason: m.lost_reason.map(Into::into),
            dormant_reason: m.dormant_reason.map(Into::into),
            competitor: m.competitor,
            note: m.note,
            reassign_to: m.reassign_to,
            wake_on: m.wake_on,
        }
    }
}

/// What a move did: the state after it, its record, and the new owner when a rejection
/// reassigned the customer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StageTransition {
    /// The state after the move.
    pub state: PipelineState,
    /// The move as kept in the history.
    pub record: StageMove,
    /// The consultant who now owns the customer, when a rejection reassigned them.
    pub new_owner: Option<String>,
}

impl From<crm_core::Transition> for StageTransition {
    fn from(t: crm_core::Transition) -> Self {
        StageTransition {
            state: t.state.into(),
            record: t.record.into(),
            new_owner: t.new_owner,
        }
    }
}

/// A move's result as the FFI returns it.
pub(crate) type Moved = Result<StageTransition, CrmError>;

#[uniffi::export]
impl CrmStore {
    /// Moves customer `customer_id` forward to stage `to` (by consultant `actor`); forward
    /// jumps are allowed where real (a walk-in is visited at once). Orders move to ordered
    /// and delivered themselves (`place_order`, `deliver_order`).
    ///
    /// A move the customer's state refuses (backwards, delivered without an order, while a
    /// request is pending) is `InvalidInput` on `move` and changes nothing; `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub async fn advance_stage(
        &self,
        customer_id: CustomerId,
        to: Stage,
        actor: Option<String>,
    ) -> Moved {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let t = store.advance_stage(&customer_id, to.into(), actor.as_deref())?;
                Ok(t.into())
            },
        )
        .await
    }

    /// Brings lost or dormant customer `customer_id` back into the funnel at `to` (default:
    /// contacted). `InvalidInput` on `move` when the customer is not set aside.
    #[uniffi::method(default(to = None, note = None, actor = None))]
    pub async fn reopen(
        &self,
        customer_id: CustomerId,
        to: Option<Stage>,
        note: Option<String>,
        actor: Option<String>,
    ) -> Moved {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let t = store.reopen(
                    &customer_id,
                    to.map(Into::into),
                    note.as_deref(),
                    actor.as_deref(),
                )?;
                Ok(t.into())
            },
        )
        .await
    }

    /// Customer `customer_id`'s moves, oldest first (time in each stage follows from them).
    pub async fn stage_history(&self, customer_id: CustomerId) -> Result<Vec<StageMove>, CrmError> {
        self.read(move |store| {
            let moves = store.stage_history(&customer_id)?;
            Ok(moves.into_iter().map(Into::into).collect())
        })
        .await
    }
}

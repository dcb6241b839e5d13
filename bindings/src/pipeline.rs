//! The opportunity pipeline (销售漏斗): moves along the stages, lost (战败) and dormant
//! (休眠) requests and a manager's decision on them, reopening, and the history of moves.

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::records::CalendarDate;
use crate::stage::{DormantReason, LostReason, Stage};
use crate::store::CrmStore;
use crm_core::CustomerId;

/// Where a customer stands: in a stage, or set aside (pending or approved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum PipelineStatus {
    /// In the funnel at this stage.
    InStage {
        /// The stage.
        stage: Stage,
    },
    /// A lost request awaits a manager (战败待审批).
    LostRequested,
    /// A dormant request awaits a manager (休眠待审批).
    DormantRequested,
    /// Lost, approved.
    Lost,
    /// Dormant, approved.
    Dormant,
}

impl From<PipelineStatus> for crm_core::PipelineStatus {
    fn from(s: PipelineStatus) -> Self {
        use crm_core::PipelineStatus as D;
        match s {
            PipelineStatus::InStage { stage } => D::InStage(stage.into()),
            PipelineStatus::LostRequested => D::LostRequested,
            PipelineStatus::DormantRequested => D::DormantRequested,
            PipelineStatus::Lost => D::Lost,
            PipelineStatus::Dormant => D::Dormant,
        }
    }
}

impl From<crm_core::PipelineStatus> for PipelineStatus {
    fn from(s: crm_core::PipelineStatus) -> Self {
        use crm_core::PipelineStatus as D;
        match s {
            D::InStage(stage) => PipelineStatus::InStage {
                stage: stage.into(),
            },
            D::LostRequested => PipelineStatus::LostRequested,
            D::DormantRequested => PipelineStatus::DormantRequested,
            D::Lost => PipelineStatus::Lost,
            D::Dormant => PipelineStatus::Dormant,
        }
    }
}

/// A request to mark a customer lost (战败申请).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LostRequest {
    /// The reason category.
    pub reason: LostReason,
    /// The competitor bought (required for `BOUGHT_COMPETITOR`).
    #[uniffi(default = None)]
    pub competitor: Option<String>,
    /// The consultant's note (required for `OTHER`).
    #[uniffi(default = None)]
    pub note: Option<String>,
}

impl From<LostRequest> for crm_core::LostRequest {
    fn from(r: LostRequest) -> Self {
        crm_core::LostRequest {
            reason: r.reason.into(),
            competitor: r.competitor,
            note: r.note,
        }
    }
}

impl From<crm_core::LostRequest> for LostRequest {
    fn from(r: crm_core::LostRequest) -> Self {
        LostRequest {
            reason: r.reason.into(),
            competitor: r.competitor,
            note: r.note,
        }
    }
}

/// A request to put a customer to sleep (休眠申请).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DormantRequest {
    /// The reason category.
    pub reason: DormantReason,
    /// The consultant's note (required for `OTHER`).
    #[uniffi(default = None)]
    pub note: Option<String>,
    /// The local date to wake the customer up (唤醒日期): once the sleep is approved, the
    /// customer is back on their owner's agenda from that day (`AgendaReason.WakeUpDue`).
    /// Not before the request's local date, at most 730 days after it. Null: asleep until
    /// reopened.
    #[uniffi(default = None)]
    pub wake_on: Option<CalendarDate>,
}

impl TryFrom<DormantRequest> for crm_core::DormantRequest {
    type Error = CrmError;

    fn try_from(r: DormantRequest) -> Result<Self, CrmError> {
        Ok(crm_core::DormantRequest {
            reason: r.reason.into(),
            note: r.note,
            wake_on: r.wake_on.map(|d| d.to_naive("wake_on")).transpose()?,
        })
    }
}

impl From<crm_core::DormantRequest> for DormantRequest {
    fn from(r: crm_core::DormantRequest) -> Self {
        DormantRequest {
            reason: r.reason.into(),
            note: r.note,
            wake_on: r.wake_on.map(Into::into),
        }
    }
}

/// A customer's state in the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PipelineState {
    /// The stage reached (kept while set aside, to return to on a rejection).
    pub stage: Stage,
    /// The status: the stage, or the side state.
    pub status: PipelineStatus,
    /// The lost request, pending or approved.
    pub lost: Option<LostRequest>,
    /// The dormant request, pending or approved.
    pub dormant: Option<DormantRequest>,
    /// Since when the customer has been in this status.
    pub since: Timestamp,
}

impl From<crm_core::PipelineState> for PipelineState {
    fn from(s: crm_core::PipelineState) -> Self {
        use crm_core::SideState as D;
        let status = s.status().into();
        let (lost, dormant) = match s.side {
            Some(D::LostRequested(r) | D::Lost(r)) => (Some(r.into()), None),
            Some(D::DormantRequested(r) | D::Dormant(r)) => (None, Some(r.into())),
            None => (None, None),
        };
        PipelineState {
            stage: s.stage.into(),
            status,
            lost,
            dormant,
            since: s.since,
        }
    }
}

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

crate::convert::same_variants!(MoveKind <=> crm_core::MoveKind {
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
            wake_on: m.wake_on.map(Into::into),
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

/// A customer whose lost or dormant request awaits a manager.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PendingRequest {
    /// The customer.
    pub customer_id: CustomerId,
    /// Their name.
    pub name: String,
    /// Their consultant.
    pub owner: Option<String>,
    /// Their state: the request and since when it waits.
    pub state: PipelineState,
    /// Who asked.
    pub requested_by: Option<String>,
}

impl From<crm_store::PendingRequest> for PendingRequest {
    fn from(p: crm_store::PendingRequest) -> Self {
        PendingRequest {
            customer_id: p.customer_id,
            name: p.name,
            owner: p.owner,
            state: p.state.into(),
            requested_by: p.requested_by,
        }
    }
}

/// A move's result as the FFI returns it.
type Moved = Result<StageTransition, CrmError>;

#[uniffi::export]
impl CrmStore {
    /// Moves customer `customer_id` forward to stage `to` (by consultant `actor`); forward
    /// jumps are allowed where real (a walk-in is visited at once). Orders move to ordered
    /// and delivered themselves (`place_order`, `deliver_order`).
    ///
    /// A move the customer's state refuses (backwards, delivered without an order, while a
    /// request is pending) is `InvalidInput` on `move` and changes nothing; `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub fn advance_stage(
        &self,
        customer_id: CustomerId,
        to: Stage,
        actor: Option<String>,
    ) -> Moved {
        let t = self
            .store
            .advance_stage(&customer_id, to.into(), actor.as_deref())?;
        Ok(t.into())
    }

    /// Asks a manager to mark customer `customer_id` lost; pending until approved or
    /// rejected. Fails with `InvalidInput` on `competitor` or `note` (required for some
    /// reasons) or on `move`.
    #[uniffi::method(default(actor = None))]
    pub fn request_lost(
        &self,
        customer_id: CustomerId,
        request: LostRequest,
        actor: Option<String>,
    ) -> Moved {
        let t = self
            .store
            .request_lost(&customer_id, &request.into(), actor.as_deref())?;
        Ok(t.into())
    }

    /// Asks a manager to put customer `customer_id` to sleep, maybe until a wake-up date.
    /// Fails like `request_lost`, and with `InvalidInput` on `wake_on` when the date is not
    /// a calendar date, lies before today or more than 730 days ahead.
    #[uniffi::method(default(actor = None))]
    pub fn request_dormant(
        &self,
        customer_id: CustomerId,
        request: DormantRequest,
        actor: Option<String>,
    ) -> Moved {
        let t = self
            .store
            .request_dormant(&customer_id, &request.try_into()?, actor.as_deref())?;
        Ok(t.into())
    }

    /// Takes back customer `customer_id`'s pending request. `InvalidInput` on `move` when
    /// none is pending.
    #[uniffi::method(default(actor = None))]
    pub fn withdraw_request(&self, customer_id: CustomerId, actor: Option<String>) -> Moved {
        let t = self
            .store
            .withdraw_request(&customer_id, actor.as_deref())?;
        Ok(t.into())
    }

    /// Manager `manager` approves customer `customer_id`'s pending request: the customer
    /// becomes lost or dormant, leaves the agenda (a dormant one comes back on their
    /// wake-up date), and their open plan is cancelled with its reminder (a reopen does not
    /// bring it back). `InvalidInput` on `move` when none is pending.
    pub fn approve_request(&self, customer_id: CustomerId, manager: String) -> Moved {
        Ok(self.store.approve_request(&customer_id, &manager)?.into())
    }

    /// Manager `manager` rejects customer `customer_id`'s pending request: back to their
    /// stage, handed to consultant `reassign_to` when given (the customer's owner changes).
    #[uniffi::method(default(reassign_to = None, note = None))]
    pub fn reject_request(
        &self,
        customer_id: CustomerId,
        manager: String,
        reassign_to: Option<String>,
        note: Option<String>,
    ) -> Moved {
        let t = self.store.reject_request(
            &customer_id,
            &manager,
            reassign_to.as_deref(),
            note.as_deref(),
        )?;
        Ok(t.into())
    }

    /// Brings lost or dormant customer `customer_id` back into the funnel at `to` (default:
    /// contacted). `InvalidInput` on `move` when the customer is not set aside.
    #[uniffi::method(default(to = None, note = None, actor = None))]
    pub fn reopen(
        &self,
        customer_id: CustomerId,
        to: Option<Stage>,
        note: Option<String>,
        actor: Option<String>,
    ) -> Moved {
        let t = self.store.reopen(
            &customer_id,
            to.map(Into::into),
            note.as_deref(),
            actor.as_deref(),
        )?;
        Ok(t.into())
    }

    /// Where customer `customer_id` stands. Fails with `NotFound`.
    pub fn pipeline_state(&self, customer_id: CustomerId) -> Result<PipelineState, CrmError> {
        Ok(self.store.pipeline_state(&customer_id)?.into())
    }

    /// Customer `customer_id`'s moves, oldest first (time in each stage follows from them).
    pub fn stage_history(&self, customer_id: CustomerId) -> Result<Vec<StageMove>, CrmError> {
        let moves = self.store.stage_history(&customer_id)?;
        Ok(moves.into_iter().map(Into::into).collect())
    }

    /// The customers whose lost or dormant request awaits a manager, oldest first; only
    /// consultant `owner`'s when given.
    #[uniffi::method(default(owner = None))]
    pub fn pending_requests(&self, owner: Option<String>) -> Result<Vec<PendingRequest>, CrmError> {
        let pending = self.store.pending_requests(owner.as_deref())?;
        Ok(pending.into_iter().map(Into::into).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_pending_lost_state_carries_its_request() {
        let at = Utc.with_ymd_and_hms(2026, 11, 28, 7, 30, 0).unwrap();
        let request = crm_core::LostRequest {
            reason: crm_core::LostReason::BoughtCompetitor,
            competitor: Some("比亚迪 宋PLUS".into()),
            note: None,
        };
        let state = crm_core::PipelineState {
            stage: crm_core::Stage::TestDriven,
            side: Some(crm_core::SideState::LostRequested(request.clone())),
            since: at,
        };
        let ffi = PipelineState::from(state);
        assert_eq!(ffi.status, PipelineStatus::LostRequested);
        assert_eq!(ffi.stage, Stage::TestDriven);
        assert_eq!(ffi.lost.map(crm_core::LostRequest::from), Some(request));
        assert_eq!(ffi.dormant, None);
    }
}

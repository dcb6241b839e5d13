//! The state machine: [`apply`] one move to a customer's pipeline state.

use super::error::PipelineError;
use super::moves::{Move, MoveKind};
use super::reason::{note, MAX_PIPELINE_NOTE};
use super::record::StageMove;
use super::stage::{AsideKind, Stage};
use super::state::{PipelineState, SideState};
use crate::follow_up::TimelineEntry;
use crate::validation::{optional_text, required_text, Limits};
use chrono::{DateTime, NaiveDate, Utc};

/// What the state machine needs to know besides the state: when, who, and the customer's
/// order facts as they stand once the move's own records are written (the store records an
/// order, a delivery or a cancellation first, then applies the move in the same transaction).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PipelineFacts {
    /// When the move happens (UTC); not before the state's `since`.
    pub at: DateTime<Utc>,
    /// The dealership's local date of `at`: a dormant request's wake-up date may not lie
    /// before it.
    pub today: NaiveDate,
    /// The consultant making the move (approve and reject name their manager instead).
    pub actor: Option<String>,
    /// The customer has an order that is not cancelled (a delivered order stays active: it is
    /// the deal won).
    pub has_active_order: bool,
    /// A delivery is recorded for that order.
    pub has_delivery: bool,
}

/// The outcome of an allowed move.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Transition {
    /// The state after the move.
    pub state: PipelineState,
    /// The record to keep.
    pub record: StageMove,
    /// The consultant who now owns the customer, when a rejection reassigned them.
    pub new_owner: Option<String>,
    /// The customer's timeline entry.
    pub entry: TimelineEntry,
}

impl Transition {
    /// When this move set the customer aside (a manager approved a lost or dormant
    /// request): the reason to cancel their open plan with. A lost or dormant customer
    /// leaves the agenda and their reminder stops; a later reopen brings no plan back, the
    /// consultant sets a new one.
    pub fn plan_cancel_reason(&self) -> Option<&'static str> {
        if self.record.kind != MoveKind::Approve {
            return None;
        }
        match self.state.side {
            Some(SideState::Lost(_)) => Some("lost approved: the customer left the agenda"),
            Some(SideState::Dormant(_)) => Some("dormant approved: the customer left the agenda"),
            _ => None,
        }
    }
}

/// Applies `mv` to `state` (see the rule table in [`crate::pipeline`]). Pure: `state` is
/// borrowed and never changed, so a refused move leaves nothing to undo.
///
/// Checked in this order: the instant (not before `state.since`); delivered ends everything;
/// a pending request admits only approve, reject and withdraw; lost and dormant admit only a
/// reopen; then the move's own rules and texts.
pub fn apply(
    state: &PipelineState,
    mv: &Move,
    facts: &PipelineFacts,
) -> Result<Transition, PipelineError> {
    if facts.at < state.since {
        return Err(PipelineError::OutOfOrder);
    }
    if state.stage == Stage::Delivered {
        return Err(PipelineError::Ended);
    }
    let kind = mv.kind();
    match (&state.side, kind) {
        (Some(side), MoveKind::Approve | MoveKind::Reject | MoveKind::Withdraw)
            if side.is_pending() => {}
        (Some(side), _) if side.is_pending() => {
            return Err(PipelineError::RequestPending { kind: side.kind() })
        }
        (Some(_), MoveKind::Reopen) => {}
        (Some(side), _) => return Err(PipelineError::SetAside { kind: side.kind() }),
        (None, MoveKind::Approve | MoveKind::Reject | MoveKind::Withdraw) => {
            return Err(PipelineError::NoPendingRequest)
        }
        (None, MoveKind::Reopen) => return Err(PipelineError::NotSetAside),
        (None, _) => {}
    }
    let step = Step::decide(state, mv, facts)?;
    Ok(step.into_transition(state, kind, facts))
}

/// A decided move: the state after it and the details its record and entry carry.
struct Step {
    stage: Stage,
    side: Option<SideState>,
    actor: Option<String>,
    note: Option<String>,
    new_owner: Option<String>,
    entry: TimelineEntry,
}

impl Step {
    fn decide(
        state: &PipelineState,
        mv: &Move,
        facts: &PipelineFacts,
    ) -> Result<Step, PipelineError> {
        let from = state.stage;
        let kind = mv.kind();
        let moved = |to: Stage, note: Option<String>| Step {
            stage: to,
            side: None,
            actor: facts.actor.clone(),
            note: note.clone(),
            new_owner: None,
            entry: TimelineEntry::StageMoved { from, to, note },
        };
        let not_to = |to: Stage| PipelineError::NotToStage { kind, from, to };
        let not_from = PipelineError::NotFromStage { kind, from };
        Ok(match mv {
            Move::Advance { to } => {
                let to = *to;
                if to <= from || (to == Stage::Delivered && from != Stage::Ordered) {
                    return Err(not_to(to));
                }
                if to >= Stage::Ordered && !facts.has_active_order {
                    return Err(PipelineError::NoActiveOrder);
                }
                if to == Stage::Delivered && !facts.has_delivery {
                    return Err(PipelineError::NoDelivery);
                }
                moved(to, None)
            }
            Move::StepBack { to, note: why } => {
                if from == Stage::NewLead || from >= Stage::Ordered {
                    return Err(not_from);
                }
                if *to >= from {
                    return Err(not_to(*to));
                }
                moved(*to, note(Some(why), true)?)
            }
            Move::CancelOrder { reason } => {
                if from != Stage::Ordered {
                    return Err(not_from);
                }
                if facts.has_active_order {
                    return Err(PipelineError::OrderStillActive);
                }
                let reason = required_text("reason", reason, MAX_PIPELINE_NOTE)?;
                moved(Stage::Negotiating, Some(reason))
            }
            Move::RequestLost(request) => {
                if from >= Stage::Ordered {
                    return Err(not_from);
                }
                let request = request.validate()?;
                Step {
                    stage: from,
                    actor: facts.actor.clone(),
                    note: request.note.clone(),
                    new_owner: None,
                    entry: TimelineEntry::LostRequested {
                        reason: request.reason,
                        competitor: request.competitor.clone(),
                        note: request.note.clone(),
                    },
                    side: Some(SideState::LostRequested(request)),
                }
            }
            Move::RequestDormant(request) => {
                if from >= Stage::Ordered {
                    return Err(not_from);
                }
                let request = request.validate(facts.today)?;
                Step {
                    stage: from,
                    actor: facts.actor.clone(),
                    note: request.note.clone(),
                    new_owner: None,
                    entry: TimelineEntry::DormantRequested {
                        reason: request.reason,
                        note: request.note.clone(),
                        wake_on: request.wake_on,
                    },
                    side: Some(SideState::DormantRequested(request)),
                }
            }
            Move::Withdraw => Step {
                stage: from,
                side: None,
                actor: facts.actor.clone(),
                note: None,
                new_owner: None,
                entry: TimelineEntry::RequestWithdrawn {
                    kind: aside_kind(state),
                },
            },
            Move::Approve { manager } => {
                let manager = required_text("manager", manager, Limits::OWNER)?;
                let (side, note) = match &state.side {
                    Some(SideState::LostRequested(r)) => {
                        (SideState::Lost(r.clone()), r.note.clone())
                    }
                    Some(SideState::DormantRequested(r)) => {
                        (SideState::Dormant(r.clone()), r.note.clone())
                    }
                    _ => return Err(PipelineError::NoPendingRequest),
                };
                Step {
                    stage: from,
                    entry: TimelineEntry::RequestApproved {
                        kind: side.kind(),
                        manager: manager.clone(),
                    },
                    side: Some(side),
                    actor: Some(manager),
                    note,
                    new_owner: None,
                }
            }
            Move::Reject {
                manager,
                reassign_to,
                note: why,
            } => {
                let manager = required_text("manager", manager, Limits::OWNER)?;
                let new_owner =
                    optional_text("reassign_to", reassign_to.as_deref(), Limits::OWNER, false)?;
                let why = note(why.as_deref(), false)?;
                Step {
                    stage: from,
                    side: None,
                    actor: Some(manager.clone()),
                    note: why.clone(),
                    new_owner: new_owner.clone(),
                    entry: TimelineEntry::RequestRejected {
                        kind: aside_kind(state),
                        manager,
                        reassigned_to: new_owner,
                        note: why,
                    },
                }
            }
            Move::Reopen { to, note: why } => {
                let to = to.unwrap_or(Stage::Contacted);
                if to > from.max(Stage::Contacted) {
                    return Err(not_to(to));
                }
                let why = note(why.as_deref(), false)?;
                Step {
                    stage: to,
                    side: None,
                    actor: facts.actor.clone(),
                    note: why.clone(),
                    new_owner: None,
                    entry: TimelineEntry::Reopened {
                        from: aside_kind(state),
                        to,
                        note: why,
                    },
                }
            }
        })
    }

    fn into_transition(
        self,
        before: &PipelineState,
        kind: MoveKind,
        facts: &PipelineFacts,
    ) -> Transition {
        let state = PipelineState {
            stage: self.stage,
            side: self.side,
            since: facts.at,
        };
        let (lost_reason, dormant_reason, competitor, wake_on) = match &state.side {
            Some(SideState::LostRequested(r) | SideState::Lost(r)) => {
                (Some(r.reason), None, r.competitor.clone(), None)
            }
            Some(SideState::DormantRequested(r) | SideState::Dormant(r)) => {
                (None, Some(r.reason), None, r.wake_on)
            }
            None => (None, None, None, None),
        };
        let record = StageMove {
            kind,
            from: before.status(),
            to: state.status(),
            stage: state.stage,
            at: facts.at,
            actor: self.actor,
            lost_reason,
            dormant_reason,
            competitor,
            note: self.note,
            reassign_to: self.new_owner.clone(),
            wake_on,
        };
        Transition {
            state,
            record,
            new_owner: self.new_owner,
            entry: self.entry,
        }
    }
}

/// Lost or dormant, for a state that is set aside (checked by [`apply`] before it gets here).
fn aside_kind(state: &PipelineState) -> AsideKind {
    state
        .side
        .as_ref()
        .map(SideState::kind)
        .unwrap_or(AsideKind::Lost)
}

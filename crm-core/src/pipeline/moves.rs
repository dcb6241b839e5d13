//! The moves a consultant or a manager makes in the pipeline.

use super::reason::{DormantRequest, LostRequest};
use super::stage::Stage;

/// One move in a customer's pipeline. What each requires is in the rule table of
/// [`crate::pipeline`] and on [`crate::apply`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "move")]
pub enum Move {
    /// Forward to a later stage, skipping stages where that happens in real life.
    Advance {
        /// The stage to move to.
        to: Stage,
    },
    /// Back to an earlier stage, to correct a move made by mistake (with a note why).
    StepBack {
        /// The earlier stage.
        to: Stage,
        /// Why (required).
        note: String,
    },
    /// Ask a manager to mark the customer lost (战败申请).
    RequestLost(LostRequest),
    /// Ask a manager to put the customer to sleep (休眠申请).
    RequestDormant(DormantRequest),
    /// Take back one's pending request: the customer stays where they were.
    Withdraw,
    /// A manager approves the pending request: the customer is lost or dormant.
    Approve {
        /// The approving manager.
        manager: String,
    },
    /// A manager rejects the pending request: the customer returns to their stage, optionally
    /// handed to another consultant.
    Reject {
        /// The rejecting manager.
        manager: String,
        /// The consultant who takes the customer over, when reassigned.
        #[serde(default)]
        reassign_to: Option<String>,
        /// The manager's note.
        #[serde(default)]
        note: Option<String>,
    },
    /// Bring a lost or dormant customer back into the funnel.
    Reopen {
        /// The stage to reopen at (default [`Stage::Contacted`]).
        #[serde(default)]
        to: Option<Stage>,
        /// Why.
        #[serde(default)]
        note: Option<String>,
    },
    /// The customer's order was cancelled: back from ordered to negotiating.
    CancelOrder {
        /// Why (required).
        reason: String,
    },
}

/// The kind of a [`Move`] (its serde tag), as a record stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// [`Move::Advance`].
    Advance,
    /// [`Move::StepBack`].
    StepBack,
    /// [`Move::RequestLost`].
    RequestLost,
    /// [`Move::RequestDormant`].
    RequestDormant,
    /// [`Move::Withdraw`].
    Withdraw,
    /// [`Move::Approve`].
    Approve,
    /// [`Move::Reject`].
    Reject,
    /// [`Move::Reopen`].
    Reopen,
    /// [`Move::CancelOrder`].
    CancelOrder,
}

crate::validation::codes!(MoveKind {
    Advance => "advance",
    StepBack => "step_back",
    RequestLost => "request_lost",
    RequestDormant => "request_dormant",
    Withdraw => "withdraw",
    Approve => "approve",
    Reject => "reject",
    Reopen => "reopen",
    CancelOrder => "cancel_order",
});

impl Move {
    /// The move's kind.
    pub fn kind(&self) -> MoveKind {
        match self {
            Move::Advance { .. } => MoveKind::Advance,
            Move::StepBack { .. } => MoveKind::StepBack,
            Move::RequestLost(_) => MoveKind::RequestLost,
            Move::RequestDormant(_) => MoveKind::RequestDormant,
            Move::Withdraw => MoveKind::Withdraw,
            Move::Approve { .. } => MoveKind::Approve,
            Move::Reject { .. } => MoveKind::Reject,
            Move::Reopen { .. } => MoveKind::Reopen,
            Move::CancelOrder { .. } => MoveKind::CancelOrder,
        }
    }
}

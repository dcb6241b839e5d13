//! Why a pipeline move was refused.

use super::moves::MoveKind;
use super::stage::{AsideKind, Stage};
use crate::validation::{Code, ValidationError};

/// A refused move. The state is left as it was (moves are pure: see [`crate::apply`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PipelineError {
    /// The move's instant lies before the current status began.
    #[error("the move lies before the customer's last move")]
    OutOfOrder,
    /// The customer is delivered (won): the pipeline has ended.
    #[error("the customer is delivered; the pipeline has ended")]
    Ended,
    /// A request awaits a manager: only approve, reject or withdraw.
    #[error("a {} request awaits a manager; only approve, reject or withdraw", .kind.code())]
    RequestPending {
        /// Lost or dormant.
        kind: AsideKind,
    },
    /// Approve, reject or withdraw with no request pending.
    #[error("no request awaits a manager")]
    NoPendingRequest,
    /// The customer is lost or dormant: only a reopen moves them.
    #[error("the customer is {}; only a reopen moves them", .kind.code())]
    SetAside {
        /// Lost or dormant.
        kind: AsideKind,
    },
    /// A reopen of a customer who is neither lost nor dormant.
    #[error("only a lost or dormant customer can be reopened")]
    NotSetAside,
    /// The move cannot be made from this stage (a lost request from ordered: cancel the order
    /// first; cancelling an order that is not at ordered; a step back from ordered ...).
    #[error("{} is not allowed from {}", .kind.code(), .from.code())]
    NotFromStage {
        /// The move.
        kind: MoveKind,
        /// The stage it was tried from.
        from: Stage,
    },
    /// The target stage is not in the direction the move goes (an advance to the same or an
    /// earlier stage, a step back to the same or a later one, a reopen above the limit), or it
    /// cannot be reached from here (delivered only from ordered).
    #[error("{} from {} to {} is not allowed", .kind.code(), .from.code(), .to.code())]
    NotToStage {
        /// The move.
        kind: MoveKind,
        /// The stage it was tried from.
        from: Stage,
        /// The stage asked for.
        to: Stage,
    },
    /// Ordered and delivered need an order that is not cancelled.
    #[error("the customer has no active order")]
    NoActiveOrder,
    /// Delivered needs a recorded delivery.
    #[error("the customer's order has no delivery")]
    NoDelivery,
    /// Cancelling the order would leave another active order: the customer stays ordered.
    #[error("the customer still has an active order")]
    OrderStillActive,
    /// A text of the move broke a rule.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

//! The opportunity pipeline (销售漏斗): stages from new lead to delivered, lost (战败) and
//! dormant (休眠) with a manager's approval, as a pure state machine.
//!
//! A customer's [`PipelineState`] changes only through [`apply`], which takes a [`Move`] and
//! the [`PipelineFacts`] (when, who, the order facts) and returns a [`Transition`]: the new
//! state, the [`StageMove`] record to keep, a new owner when a rejection reassigns, and the
//! timeline entry. [`replay`] rebuilds the state from the records; [`first_reached`],
//! [`days_between_stages`] and [`time_in_status`] measure time in the pipeline.
//!
//! Files: `stage` (the funnel's stages and a customer's status), `state`, `moves`, `reason`
//! (lost and dormant reasons and requests), `apply` (the state machine), `error` (why a move
//! is refused), `record` (the [`StageMove`] every move leaves), `replay`, `timing`.
//!
//! # Rules
//!
//! Stages in order: new lead < contacted < invited < visited < test-driven < negotiating <
//! ordered < delivered. "Active" = in a stage, no request pending, not lost or dormant.
//!
//! | move | allowed from | to | requires |
//! | --- | --- | --- | --- |
//! | `Advance { to }` | active, any stage before `to` (forward jumps are real: a walk-in is visited at once, a call may invite, an online buyer may order) | `to` | `to` > stage; **delivered only from ordered**; ordered and delivered: `has_active_order`; delivered: `has_delivery` |
//! | `StepBack { to, note }` | active, contacted … negotiating | `to` < stage | a note (a correction of a mistaken move); never out of ordered (cancel the order) or delivered |
//! | `CancelOrder { reason }` | active, ordered | negotiating | a reason; no order left active (`!has_active_order`: the store cancels first) |
//! | `RequestLost(LostRequest)` | active, new lead … negotiating | lost requested (stage kept) | a reason; competitor for `bought_competitor`; note for `other` |
//! | `RequestDormant(DormantRequest)` | active, new lead … negotiating | dormant requested (stage kept) | a reason; note for `other` |
//! | `Withdraw` | a pending request | the stage kept | — |
//! | `Approve { manager }` | a pending request | lost / dormant (stage kept) | the manager |
//! | `Reject { manager, reassign_to, note }` | a pending request | the stage kept; the owner becomes `reassign_to` when given | the manager |
//! | `Reopen { to, note }` | lost or dormant | `to` (default contacted) | `to` ≤ the kept stage, or ≤ contacted (reopening means someone is in touch again) |
//!
//! And for every move: its instant is not before the current status began (`OutOfOrder`);
//! nothing moves a delivered customer (won is the end of this pipeline: `Ended`); while a
//! request is pending only approve, reject and withdraw are allowed (`RequestPending`);
//! lost and dormant admit only a reopen (`SetAside`); approve, reject and withdraw need a
//! pending request (`NoPendingRequest`). A lost or dormant customer is always approved: the
//! only way there is `Approve`. Ordered from any earlier stage and the order facts keep
//! "delivered without an order" unreachable.
//!
//! Order facts are what the store knows once the move's own writes are done: placing an order
//! writes it and then advances to ordered; recording a delivery writes it and then advances to
//! delivered; cancelling writes the cancellation and then moves back.

mod apply;
mod error;
mod moves;
mod reason;
mod record;
mod replay;
mod stage;
mod state;
mod timing;

#[cfg(feature = "proptest")]
pub(crate) mod strategies;

pub use apply::{apply, PipelineFacts, Transition};
pub use error::PipelineError;
pub use moves::{Move, MoveKind};
pub use reason::{
    DormantReason, DormantRequest, LostReason, LostRequest, MAX_COMPETITOR, MAX_PIPELINE_NOTE,
};
pub use record::StageMove;
pub use replay::{replay, status_at, HistoryError};
pub use stage::{AsideKind, PipelineStatus, Stage};
pub use state::{PipelineState, SideState};
pub use timing::{days_between, days_between_stages, first_reached, time_in_status, StatusTime};

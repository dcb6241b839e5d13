//! The sales pipeline (销售漏斗): the stages a customer moves along, lost (战败) and dormant
//! (休眠) requests and a manager's decision on them, reopening, and the history of moves.
//!
//! - [`stage`]: `Stage` and `AsideKind`.
//! - [`reason`]: `LostReason` and `DormantReason`.
//! - [`state`]: `PipelineStatus`, `PipelineState`; `pipeline_state`.
//! - [`request`]: `LostRequest`, `DormantRequest`, `PendingRequest`; request, withdraw,
//!   approve, reject, and the pending list.
//! - [`moves`]: `MoveKind`, `StageMove`, `StageTransition`; advance, reopen, the history.

pub mod moves;
pub mod reason;
pub mod request;
pub mod stage;
pub mod state;

//! The record every move leaves (阶段变更记录): kept with its time, so that time in each stage
//! and the funnel can be computed from the history.

use super::moves::MoveKind;
use super::reason::{DormantReason, LostReason};
use super::stage::{PipelineStatus, Stage};
use chrono::{DateTime, NaiveDate, Utc};

/// One move as it happened. Flat, so that a store keeps it in one row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StageMove {
    /// Which move.
    pub kind: MoveKind,
    /// The status before.
    pub from: PipelineStatus,
    /// The status after.
    pub to: PipelineStatus,
    /// The funnel stage after the move (while pending, lost or dormant: the stage the customer
    /// was at). A customer has reached stage S once any of their records has `stage >= S`.
    pub stage: Stage,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who: the manager for approve and reject, else the acting consultant.
    pub actor: Option<String>,
    /// The lost reason, on a lost request and on its approval.
    pub lost_reason: Option<LostReason>,
    /// The dormant reason, on a dormant request and on its approval.
    pub dormant_reason: Option<DormantReason>,
    /// The competitor, on a lost request and on its approval, when named.
    pub competitor: Option<String>,
    /// The note: the request's on a request and its approval, the manager's on a rejection,
    /// the reason on a step back, a reopen or a cancelled order.
    pub note: Option<String>,
    /// The consultant a rejection handed the customer to.
    pub reassign_to: Option<String>,
    /// The wake-up date, on a dormant request and on its approval, when given.
    #[serde(default)]
    pub wake_on: Option<NaiveDate>,
}

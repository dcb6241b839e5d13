//! Where one customer stands in the pipeline.

use super::reason::{DormantRequest, LostRequest};
use super::stage::{AsideKind, PipelineStatus, Stage};
use chrono::{DateTime, Utc};

/// A customer set aside from the funnel, or about to be: a request awaiting a manager, or an
/// approved lost / dormant, each with the request that led there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum SideState {
    /// A lost request awaits a manager (战败待审批).
    LostRequested(LostRequest),
    /// A dormant request awaits a manager (休眠待审批).
    DormantRequested(DormantRequest),
    /// Lost (战败), approved.
    Lost(LostRequest),
    /// Dormant (休眠), approved.
    Dormant(DormantRequest),
}

impl SideState {
    /// Lost or dormant, requested or approved.
    pub fn kind(&self) -> AsideKind {
        match self {
            SideState::LostRequested(_) | SideState::Lost(_) => AsideKind::Lost,
            SideState::DormantRequested(_) | SideState::Dormant(_) => AsideKind::Dormant,
        }
    }

    /// `true` while the request awaits a manager.
    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            SideState::LostRequested(_) | SideState::DormantRequested(_)
        )
    }

    /// The flattened status.
    pub fn status(&self) -> PipelineStatus {
        match self {
            SideState::LostRequested(_) => PipelineStatus::LostRequested,
            SideState::DormantRequested(_) => PipelineStatus::DormantRequested,
            SideState::Lost(_) => PipelineStatus::Lost,
            SideState::Dormant(_) => PipelineStatus::Dormant,
        }
    }
}

/// A customer's place in the pipeline. The funnel stage is always there: while a request is
/// pending or the customer is lost or dormant, `stage` is the stage they were at: where a
/// rejection or a withdrawal returns them and the highest a reopen may choose. So a pending
/// request without a stage to return to cannot be written down.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PipelineState {
    /// The funnel stage (see the type's doc for its meaning while set aside).
    pub stage: Stage,
    /// A pending request or an approved lost / dormant; `None` while in the funnel.
    pub side: Option<SideState>,
    /// When the current status began: the last move's instant, or the customer's creation.
    pub since: DateTime<Utc>,
}

impl PipelineState {
    /// A customer entered at `at`: a new lead with nothing pending.
    pub fn new_lead(at: DateTime<Utc>) -> Self {
        Self {
            stage: Stage::NewLead,
            side: None,
            since: at,
        }
    }

    /// Where the customer stands, as one code.
    pub fn status(&self) -> PipelineStatus {
        match &self.side {
            Some(side) => side.status(),
            None => PipelineStatus::InStage(self.stage),
        }
    }

    /// The kind of request awaiting a manager, if any.
    pub fn pending(&self) -> Option<AsideKind> {
        self.side
            .as_ref()
            .filter(|s| s.is_pending())
            .map(SideState::kind)
    }

    /// `true` while the customer is in the funnel and not yet won: not delivered, nothing
    /// pending, not lost or dormant.
    pub fn is_open(&self) -> bool {
        self.side.is_none() && self.stage != Stage::Delivered
    }
}

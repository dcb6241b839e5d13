//! Where a customer stands in the pipeline: [`PipelineStatus`], [`PipelineState`], and
//! `pipeline_state`.

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::pipeline::request::{DormantRequest, LostRequest};
use crate::pipeline::stage::Stage;
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

#[uniffi::export]
impl CrmStore {
    /// Where customer `customer_id` stands. Fails with `NotFound`.
    pub async fn pipeline_state(&self, customer_id: CustomerId) -> Result<PipelineState, CrmError> {
        self.read(move |store| Ok(store.pipeline_state(&customer_id)?.into()))
            .await
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

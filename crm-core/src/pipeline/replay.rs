//! Rebuilding a customer's pipeline state from their kept moves.

use super::reason::{DormantRequest, LostRequest};
use super::record::StageMove;
use super::stage::PipelineStatus;
use super::state::{PipelineState, SideState};
use chrono::{DateTime, Utc};

/// A history whose record `index` does not follow from the ones before: its `from` is not the
/// status reached, its instant lies earlier, its `stage` disagrees with its `to`, or a lost /
/// dormant status lacks its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("pipeline record {index} does not follow from the records before it")]
pub struct HistoryError {
    /// The offending record's position.
    pub index: usize,
}

/// The state after `moves` (oldest first) of a customer created at `created_at`.
pub fn replay(
    created_at: DateTime<Utc>,
    moves: &[StageMove],
) -> Result<PipelineState, HistoryError> {
    moves
        .iter()
        .enumerate()
        .try_fold(PipelineState::new_lead(created_at), |state, (index, m)| {
            follow(&state, m).ok_or(HistoryError { index })
        })
}

/// The status as of `at`: after every move before `at` (a move at `at` itself is not yet
/// counted, matching half-open periods `[from, to)`).
pub fn status_at(moves: &[StageMove], at: DateTime<Utc>) -> PipelineStatus {
    moves
        .iter()
        .take_while(|m| m.at < at)
        .last()
        .map(|m| m.to)
        .unwrap_or(PipelineStatus::InStage(super::stage::Stage::NewLead))
}

/// The state `m` leads to from `state`, when it follows from it.
fn follow(state: &PipelineState, m: &StageMove) -> Option<PipelineState> {
    if m.from != state.status() || m.at < state.since {
        return None;
    }
    let lost = || {
        m.lost_reason.map(|reason| LostRequest {
            reason,
            competitor: m.competitor.clone(),
            note: m.note.clone(),
        })
    };
    let dormant = || {
        m.dormant_reason.map(|reason| DormantRequest {
            reason,
            note: m.note.clone(),
            wake_on: m.wake_on,
        })
    };
    let side = match m.to {
        PipelineStatus::InStage(stage) if stage == m.stage => None,
        PipelineStatus::InStage(_) => return None,
        PipelineStatus::LostRequested => Some(SideState::LostRequested(lost()?)),
        PipelineStatus::Lost => Some(SideState::Lost(lost()?)),
        PipelineStatus::DormantRequested => Some(SideState::DormantRequested(dormant()?)),
        PipelineStatus::Dormant => Some(SideState::Dormant(dormant()?)),
    };
    Some(PipelineState {
        stage: m.stage,
        side,
        since: m.at,
    })
}

//! Where a deal stands, in four words.

use crate::pipeline::{PipelineStatus, Stage};
use crate::validation::codes;

/// A deal's status: open until it is won (delivered), lost or dormant. A pending lost or
/// dormant request keeps it open until the manager decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    /// In the funnel (进行中), a pending request included.
    Open,
    /// Delivered (成交).
    Won,
    /// Lost (战败), approved.
    Lost,
    /// Dormant (休眠), approved.
    Dormant,
}

codes!(DealStatus {
    Open => "open",
    Won => "won",
    Lost => "lost",
    Dormant => "dormant",
});

impl DealStatus {
    /// The status of a deal whose pipeline stands at `status`.
    pub fn of(status: PipelineStatus) -> DealStatus {
        match status {
            PipelineStatus::InStage(Stage::Delivered) => DealStatus::Won,
            PipelineStatus::Lost => DealStatus::Lost,
            PipelineStatus::Dormant => DealStatus::Dormant,
            _ => DealStatus::Open,
        }
    }

    /// `true` for an open deal.
    pub fn is_open(self) -> bool {
        self == DealStatus::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;

    #[test]
    fn codes_are_serde_names() {
        assert_codes_are_serde_names::<DealStatus>();
        assert_codes_are_serde_names::<super::super::DealSource>();
    }

    #[test]
    fn open_is_exactly_the_sales_cadence() {
        for status in PipelineStatus::ALL {
            assert_eq!(
                DealStatus::of(status).is_open(),
                status.in_sales_cadence(),
                "{status}"
            );
        }
        assert_eq!(
            DealStatus::of(PipelineStatus::InStage(Stage::Delivered)),
            DealStatus::Won
        );
        assert_eq!(DealStatus::of(PipelineStatus::Lost), DealStatus::Lost);
        assert_eq!(DealStatus::of(PipelineStatus::Dormant), DealStatus::Dormant);
        assert_eq!(
            DealStatus::of(PipelineStatus::LostRequested),
            DealStatus::Open
        );
    }
}

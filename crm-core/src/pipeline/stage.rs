//! The funnel's stages (销售漏斗) and where a customer stands in the pipeline.

use crate::validation::Code;

/// A stage of the sales funnel, in funnel order (the derived `Ord` is that order).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// A new lead (新线索), nobody has talked to them yet.
    NewLead,
    /// A consultant has talked to them (已联系).
    Contacted,
    /// Invited to the store (已邀约).
    Invited,
    /// Came to the store (已到店).
    Visited,
    /// Test-drove a car (已试驾).
    TestDriven,
    /// Negotiating price and terms (洽谈中).
    Negotiating,
    /// Placed an order (已订车).
    Ordered,
    /// Took delivery: the deal is won (已交车, 成交).
    Delivered,
}

crate::validation::codes!(Stage {
    NewLead => "new_lead",
    Contacted => "contacted",
    Invited => "invited",
    Visited => "visited",
    TestDriven => "test_driven",
    Negotiating => "negotiating",
    Ordered => "ordered",
    Delivered => "delivered",
});

impl Stage {
    /// The stage's position in the funnel: 0 for a new lead … 7 for delivered.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The stage after this one, `None` after delivered.
    pub fn next(self) -> Option<Stage> {
        Self::ALL.get(self.index() + 1).copied()
    }
}

/// Why a customer is set aside from the funnel: lost (战败) or dormant (休眠).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsideKind {
    /// Lost (战败): bought elsewhere, or will not buy.
    Lost,
    /// Dormant (休眠): not now, maybe later.
    Dormant,
}

crate::validation::codes!(AsideKind {
    Lost => "lost",
    Dormant => "dormant",
});

/// Where a customer stands, flattened to one code for a store column and a filter: a funnel
/// stage, a request awaiting a manager, or set aside. Serialised as its [`code`](Self::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum PipelineStatus {
    /// In the funnel at this stage.
    InStage(Stage),
    /// A lost request awaits a manager (战败待审批).
    LostRequested,
    /// A dormant request awaits a manager (休眠待审批).
    DormantRequested,
    /// Lost (战败), approved.
    Lost,
    /// Dormant (休眠), approved.
    Dormant,
}

impl PipelineStatus {
    /// Every status, funnel stages first.
    pub const ALL: [PipelineStatus; 12] = [
        PipelineStatus::InStage(Stage::NewLead),
        PipelineStatus::InStage(Stage::Contacted),
        PipelineStatus::InStage(Stage::Invited),
        PipelineStatus::InStage(Stage::Visited),
        PipelineStatus::InStage(Stage::TestDriven),
        PipelineStatus::InStage(Stage::Negotiating),
        PipelineStatus::InStage(Stage::Ordered),
        PipelineStatus::InStage(Stage::Delivered),
        PipelineStatus::LostRequested,
        PipelineStatus::DormantRequested,
        PipelineStatus::Lost,
        PipelineStatus::Dormant,
    ];

    /// The status's code: the stage's code for a funnel stage (`negotiating`), else
    /// `lost_requested`, `dormant_requested`, `lost`, `dormant`.
    pub fn code(self) -> &'static str {
        match self {
            PipelineStatus::InStage(stage) => stage.code(),
            PipelineStatus::LostRequested => "lost_requested",
            PipelineStatus::DormantRequested => "dormant_requested",
            PipelineStatus::Lost => "lost",
            PipelineStatus::Dormant => "dormant",
        }
    }

    /// The status whose code is `code`.
    pub fn from_code(code: &str) -> Option<PipelineStatus> {
        Self::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// `true` while the sales cadence (跟进周期) and the first response apply: not lost or
    /// dormant (set aside by a manager), not delivered (a won customer is served by care
    /// tasks). A pending request keeps the customer in it until the manager decides.
    pub fn in_sales_cadence(self) -> bool {
        !matches!(
            self,
            PipelineStatus::Lost
                | PipelineStatus::Dormant
                | PipelineStatus::InStage(Stage::Delivered)
        )
    }

    /// The funnel stage, when the customer is in the funnel (no request pending, not set aside).
    pub fn stage(self) -> Option<Stage> {
        match self {
            PipelineStatus::InStage(stage) => Some(stage),
            _ => None,
        }
    }
}

impl From<PipelineStatus> for &'static str {
    fn from(status: PipelineStatus) -> Self {
        status.code()
    }
}

impl TryFrom<String> for PipelineStatus {
    type Error = String;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        PipelineStatus::from_code(&code).ok_or_else(|| format!("unknown pipeline status {code:?}"))
    }
}

impl std::fmt::Display for PipelineStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{DormantReason, LostReason, MoveKind};
    use crate::validation::assert_codes_are_serde_names;

    #[test]
    fn every_pipeline_code_is_its_serde_name() {
        assert_codes_are_serde_names::<Stage>();
        assert_codes_are_serde_names::<AsideKind>();
        assert_codes_are_serde_names::<MoveKind>();
        assert_codes_are_serde_names::<LostReason>();
        assert_codes_are_serde_names::<DormantReason>();
    }

    #[test]
    fn stages_are_in_funnel_order_and_status_codes_round_trip() {
        assert!(Stage::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Stage::NewLead.next(), Some(Stage::Contacted));
        assert_eq!(Stage::Delivered.next(), None);
        assert_eq!(Stage::Delivered.index(), 7);
        for status in PipelineStatus::ALL {
            assert_eq!(PipelineStatus::from_code(status.code()), Some(status));
            let json = serde_json::to_value(status).unwrap();
            assert_eq!(json, serde_json::json!(status.code()));
            assert_eq!(
                serde_json::from_value::<PipelineStatus>(json).unwrap(),
                status
            );
        }
        assert_eq!(
            serde_json::to_value(Stage::TestDriven).unwrap(),
            serde_json::json!("test_driven")
        );
    }
}

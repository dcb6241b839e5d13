//! The reason categories of a lost request (战败原因) and a dormant one (休眠原因).

use crate::convert::same_variants;

/// Why a customer was lost (战败原因).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum LostReason {
    /// The price was too high (价格原因).
    Price,
    /// Bought a competing brand's car (购买竞品); the competitor is named.
    BoughtCompetitor,
    /// Bought the same brand at another dealer (他店购买).
    BoughtElsewhere,
    /// Put the purchase off (推迟购买).
    Postponed,
    /// Out of budget (预算不足).
    Budget,
    /// The loan was refused (贷款未通过).
    FinancingRefused,
    /// Cannot be reached any more (联系不上).
    Unreachable,
    /// Anything else; the note says what.
    Other,
}

same_variants!(LostReason <=> crm_core::LostReason {
    Price, BoughtCompetitor, BoughtElsewhere, Postponed, Budget, FinancingRefused, Unreachable,
    Other
});

/// Why a customer was put to sleep (休眠原因).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DormantReason {
    /// Put the purchase off.
    Postponed,
    /// Cannot be reached for now.
    Unreachable,
    /// Out of budget for now.
    Budget,
    /// Anything else; the note says what.
    Other,
}

same_variants!(DormantReason <=> crm_core::DormantReason { Postponed, Unreachable, Budget, Other });

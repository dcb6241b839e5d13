//! The sales pipeline's plain enums (销售漏斗): stages, the two side states and their reason
//! categories, as the timeline and (later) the pipeline calls carry them.

use crate::convert::same_variants;

/// Where a customer stands in the funnel, in funnel order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Stage {
    /// A new lead (新线索): nobody has talked to them yet.
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

same_variants!(Stage <=> crm_core::Stage {
    NewLead, Contacted, Invited, Visited, TestDriven, Negotiating, Ordered, Delivered
});

/// The two side states a customer is set aside into, each by a manager's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AsideKind {
    /// Lost (战败): bought elsewhere or gave up.
    Lost,
    /// Dormant (休眠): not now, maybe later.
    Dormant,
}

same_variants!(AsideKind <=> crm_core::AsideKind { Lost, Dormant });

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
